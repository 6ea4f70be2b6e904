/** The command line of a benchmark that reads one database: `[db] [--name N]… [--json]`. */

export interface DbBenchArgs<K extends string> {
  db: string;
  json: boolean;
  numbers: Record<K, number>;
}

export interface DbBenchSpec<K extends string> {
  /** The benchmark's name and usage line, for messages. */
  name: string;
  usage: string;
  /** What --help says it measures. */
  help: string;
  /** Whole-number options ("--runs") with their default and least value. */
  numbers: Record<K, { default: number; min: number }>;
}

/** Parses `argv`, or prints what is wrong with the usage line and exits with status 2. */
export function parseDbBenchArgs<K extends string>(argv: readonly string[], spec: DbBenchSpec<K>): DbBenchArgs<K> {
  const usage = (message: string): never => {
    process.stderr.write(`${spec.name}: ${message}\nusage: ${spec.usage}\n`);
    process.exit(2);
  };
  const numbers = Object.fromEntries(Object.entries<{ default: number }>(spec.numbers).map(([k, v]) => [k, v.default])) as Record<K, number>;
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
    } else if (a === "--help" || a === "-h") usage(spec.help);
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (db === undefined) db = a;
    else usage(`one database at a time (got ${db} and ${a})`);
  }
  return { db: db ?? "./readout.db", json, numbers };
}
