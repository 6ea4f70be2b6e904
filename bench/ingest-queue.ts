/**
 * Distributed ingest on PostgreSQL: the corpus queued with `readout ingest --queue`, then coded and stored by 1, 2, 4 …
 * `readout worker` processes at once, beside a single-process `readout ingest` of the same inputs:
 *
 *   node --import tsx bench/ingest-queue.ts <postgres://…> [--workers 1,2,4] [--threads N] [--job-size N] [files…]
 *
 * Each run works in a new schema of that database, dropped at the end. Workers run on this machine (each its own
 * process, as on separate machines); `--threads` is each worker's coding threads (default: the cores divided among
 * the workers, at least 1). Prints, per run, the wall time, documents/s and events stored, and checks that every run
 * stored the same events as the single process.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CORPUS = resolve(REPO, "../shared/corpus");

function usage(message: string): never {
  process.stderr.write(`ingest-queue: ${message}\nusage: node --import tsx bench/ingest-queue.ts <postgres://…> [--workers 1,2,4] [--threads N] [--job-size N] [files…]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const url = argv.shift();
if (!url || !/^postgres(ql)?:\/\//.test(url)) usage("the first argument is a postgres:// URL of a database to work in");
let counts = [1, 2, 4];
let threads: number | null = null;
let jobSize = 25;
const files: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  const next = () => argv[++i] ?? usage(`${a} expects a value`);
  if (a === "--workers") counts = next().split(",").map(Number);
  else if (a === "--threads") threads = Number(next());
  else if (a === "--job-size") jobSize = Number(next());
  else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else files.push(a);
}
if (counts.some((n) => !Number.isSafeInteger(n) || n <= 0)) usage("--workers expects positive whole numbers, comma-separated");
const inputs = files.length ? files : readdirSync(DEFAULT_CORPUS).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(DEFAULT_CORPUS, f));

/** Runs the CLI; resolves with its standard output, or fails with its standard error. */
function readout(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["bin/readout.js", ...args], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("close", (code) => (code === 0 ? done(out) : fail(new Error(`readout ${args[0]} exited ${code}: ${err.trim().split("\n").slice(-3).join(" | ")}`))));
  });
}

const admin = new pg.Pool({ connectionString: url, max: 2 });
const schemas: string[] = [];
async function freshTarget(): Promise<string> {
  const schema = `readout_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  schemas.push(schema, `${schema}_queue`);
  const target = new URL(url!);
  target.searchParams.set("options", `-c search_path=${schema}`);
  return target.toString();
}

interface Row {
  run: string;
  seconds: number;
  documents: number;
  events: number;
  export: string;
}

async function measure(run: string, body: (target: string) => Promise<void>): Promise<Row> {
  const target = await freshTarget();
  const started = performance.now();
  await body(target);
  const seconds = (performance.now() - started) / 1000;
  const status = JSON.parse(await readout(["status", "--db", target, "--format", "json"])) as { documents: number; events: number };
  const exported = createHash("sha256").update(await readout(["export", "--db", target])).digest("hex");
  const row = { run, seconds, documents: status.documents, events: status.events, export: exported };
  process.stderr.write(`${run}: ${seconds.toFixed(1)} s\n`);
  return row;
}

const cores = availableParallelism();
const rows: Row[] = [];
try {
  rows.push(await measure(`1 process, ${cores} threads`, async (target) => void (await readout(["ingest", "--no-progress", "--db", target, ...inputs]))));
  for (const n of counts) {
    const t = threads ?? Math.max(1, Math.floor(cores / n));
    let queueSeconds = 0;
    const row = await measure(`${n} worker${n === 1 ? "" : "s"} × ${t} thread${t === 1 ? "" : "s"}`, async (target) => {
      const q = performance.now();
      await readout(["ingest", "--queue", "--db", target, "--job-size", String(jobSize), ...inputs]);
      queueSeconds = (performance.now() - q) / 1000;
      await Promise.all(Array.from({ length: n }, () => readout(["worker", "--db", target, "--workers", String(t), "--until-empty"])));
    });
    row.run += ` (queueing ${queueSeconds.toFixed(1)} s)`;
    rows.push(row);
  }
} finally {
  for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await admin.end();
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`inputs: ${inputs.length} files; ${cores} cores, PostgreSQL on ${new URL(url).host}; ${jobSize} documents per job`);
for (const r of rows) {
  const same = r.export === rows[0]!.export ? "same export" : "EXPORT DIFFERS";
  console.log(`${r.run.padEnd(52)} ${r.seconds.toFixed(1).padStart(7)} s  ${int(r.documents / r.seconds).padStart(5)} documents/s  ${int(r.documents)} documents, ${int(r.events)} events  ${same}`);
}
