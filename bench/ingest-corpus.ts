/**
 * Ingest of a corpus into a fresh SQLite database, then the re-ingest that
 * must find everything unchanged:
 *
 *   node --max-old-space-size=256 --import tsx bench/ingest-corpus.ts [--db PATH] [--workers N] [files…]
 *
 * Without files, ingests every ../shared/corpus/*.jsonl. Without --db, the
 * database is a temporary file removed at the end; with --db it is kept
 * (created afresh), e.g. for bench/query-api.ts. Prints wall time, documents/s,
 * events, the CPU time of the whole process (coding threads, the writer and
 * V8's own threads: set it beside `npm run bench`'s, the coder alone, for
 * issue 11's ratio), the database size and peak RSS (coding threads included:
 * they share the process).
 */
import { existsSync, rmSync, statSync } from "node:fs";
import { mkdtempSync, readdirSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ingest, type IngestSummary } from "../src/store/ingest.ts";
import { openSqliteStore } from "../src/store/sqlite.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CORPUS = resolve(REPO, "../shared/corpus");
const MB = 1024 * 1024;

function usage(message: string): never {
  process.stderr.write(`ingest-corpus: ${message}\nusage: node --import tsx bench/ingest-corpus.ts [--db PATH] [--workers N] [files…]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let dbPath: string | null = null;
let workers = availableParallelism();
const files: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === "--db") dbPath = argv[++i] ?? usage("--db expects a path");
  else if (a === "--workers") {
    workers = Number(argv[++i]);
    if (!Number.isSafeInteger(workers) || workers <= 0) usage("--workers expects a positive whole number");
  } else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else files.push(a);
}
if (!files.length) {
  if (!existsSync(DEFAULT_CORPUS)) usage(`no files given and ${DEFAULT_CORPUS} does not exist`);
  files.push(...readdirSync(DEFAULT_CORPUS).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(DEFAULT_CORPUS, f)));
}
const temp = dbPath === null;
const path = dbPath ?? join(mkdtempSync(join(tmpdir(), "readout-bench-")), "corpus.db");
for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100).unref();

/** The process's CPU time (every thread's), user and system, in seconds. */
function cpuSeconds(): { user: number; system: number } {
  const u = process.cpuUsage();
  return { user: u.user / 1e6, system: u.system / 1e6 };
}

async function run(): Promise<IngestSummary> {
  const store = await openSqliteStore(path);
  try {
    return await ingest(files, store, { workers, warn: (line) => process.stderr.write(`${line}\n`) });
  } finally {
    await store.close();
  }
}

const cpu0 = cpuSeconds();
const first = await run();
const cpu1 = cpuSeconds();
const second = await run();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const skipped = (s: IngestSummary) => [...s.skipped.values()].reduce((a, b) => a + b, 0);
const secs = first.elapsedMs / 1000;
const size = ["", "-wal"].reduce((a, s) => a + (existsSync(path + s) ? statSync(path + s).size : 0), 0);
const lines = [
  `inputs:          ${files.map((f) => relative(process.cwd(), f)).join(", ")}`,
  `node:            ${process.version}, ${workers} coding thread(s) + 1 writer`,
  `documents:       ${int(first.new)} stored (${int(skipped(first))} skipped)`,
  `events:          ${int(first.events)}`,
  `ingest:          ${secs.toFixed(1)} s wall, ${int(first.new / secs)} documents/s`,
  `ingest CPU:      ${(cpu1.user - cpu0.user + cpu1.system - cpu0.system).toFixed(1)} s (user ${(cpu1.user - cpu0.user).toFixed(1)}, system ${(cpu1.system - cpu0.system).toFixed(1)}), ${((cpu1.user - cpu0.user + cpu1.system - cpu0.system) / secs).toFixed(2)} cores busy on average`,
  `re-ingest:       ${(second.elapsedMs / 1000).toFixed(1)} s (${int(second.unchanged)} unchanged, ${int(second.new + second.replaced)} recoded)`,
  `database:        ${(size / MB).toFixed(0)} MB${temp ? " (temporary, removed)" : ` at ${path}`}`,
  `peak RSS:        ${(peak / MB).toFixed(1)} MB sampled; maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MB`,
];
process.stdout.write(lines.join("\n") + "\n");
if (temp) rmSync(dirname(path), { recursive: true, force: true });
