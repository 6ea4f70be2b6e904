/** The command line of a benchmark that reads one database: `[db] [--name N]… [--json]`. */

export interface DbBenchArgs<K extends string, L extends string = never> {
  db: string;
  json: boolean;
  numbers: Record<K, number>;
  lists: Record<L, number[]>;
}

export interface DbBenchSpec<K extends string, L extends string = never> {
  /** The benchmark's name and usage line, for messages. */
  name: string;
  usage: string;
  /** What --help says it measures. */
  help: string;
  /** Whole-number options ("--runs") with their default and least value. */
  numbers: Record<K, { default: number; min: number }>;
  /** Options of comma-separated whole numbers ("--concurrency 1,10,100"), with their default and least value. */
  lists?: Record<L, { default: number[]; min: number }>;
}

/** Parses `argv`, or prints what is wrong with the usage line and exits with status 2. */
export function parseDbBenchArgs<K extends string, L extends string = never>(argv: readonly string[], spec: DbBenchSpec<K, L>): DbBenchArgs<K, L> {
  const usage = (message: string): never => {
    process.stderr.write(`${spec.name}: ${message}\nusage: ${spec.usage}\n`);
    process.exit(2);
  };
  const numbers = Object.fromEntries(Object.entries<{ default: number }>(spec.numbers).map(([k, v]) => [k, v.default])) as Record<K, number>;
  const listSpecs = (spec.lists ?? {}) as Record<L, { default: number[]; min: number }>;
  const lists = Object.fromEntries(Object.entries<{ default: number[] }>(listSpecs).map(([k, v]) => [k, v.default])) as Record<L, number[]>;
  let db: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") json = true;
    else if (a in spec.numbers) {
      const value = argv[++i];
      const n = Number(value);
      const min = spec.numbers[a as K].min;
      if (value === undefined || !Number.isSafeInteger(n) || n < min) usage(`${a} expects a whole number ≥ ${min}, got ${value ?? "nothing"}`);
      numbers[a as K] = n;
    } else if (a in listSpecs) {
      const value = argv[++i];
      const ns = (value ?? "").split(",").map(Number);
      const min = listSpecs[a as L].min;
      if (value === undefined || ns.some((n) => !Number.isSafeInteger(n) || n < min)) usage(`${a} expects whole numbers ≥ ${min}, comma-separated, got ${value ?? "nothing"}`);
      lists[a as L] = ns;
    } else if (a === "--help" || a === "-h") usage(spec.help);
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (db === undefined) db = a;
    else usage(`one database at a time (got ${db} and ${a})`);
  }
  return { db: db ?? "./readout.db", json, numbers, lists };
}
