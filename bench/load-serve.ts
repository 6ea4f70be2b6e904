/**
 * `readout serve` under load, over real HTTP, the server in its own process:
 *
 *   npx tsx bench/load-serve.ts [db] [--seconds N] [--readers N] [--posters N] [--big N] [--json]
 *
 * 1. reads alone: --readers clients (default 10) send read requests back to back
 *    for --seconds (default 60): pages of events, a type, a facet, the timeline,
 *    an actor search, health;
 * 2. reads under posts: the same readers, while --posters clients (default 20)
 *    post texts of 100 kB to POST /-/code back to back;
 * 3. a flood: --big posts of 1 MB (default 300) sent at once, the readers still
 *    reading until every post is answered.
 *
 * For each phase: read requests, errors and latency (p50, p95, max); posts by
 * status (200 coded, 429 refused while busy, 503 over budget) and their longest
 * wait; the server's RSS at the start, peak and end (from /proc). The posted
 * texts are corpus documents run together (../shared/corpus), the database the
 * given one (default ./readout.db, as `npm run readout -- ingest …` builds it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { freePort } from "./free-port.ts";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseDbBenchArgs } from "./args.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = resolve(REPO, "../shared/corpus/whitehouse-2021-2025.jsonl");
/** How long a post may take, from sending to its answer: the server's budget (30 s) and the time to send a megabyte. */
const POST_BUDGET_MS = 35_000;

interface Args {
  db: string;
  seconds: number;
  readers: number;
  posters: number;
  big: number;
  /** The server's answer cache (`serve --cache-mb`; 0: none). */
  cacheMb: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const { db, json, numbers } = parseDbBenchArgs(argv, {
    name: "load-serve",
    usage: "npx tsx bench/load-serve.ts [db] [--seconds N] [--readers N] [--posters N] [--big N] [--cache-mb N] [--json]",
    help: "measures read latency and memory of `readout serve` while texts are posted to /-/code",
    numbers: {
      "--seconds": { default: 60, min: 1 },
      "--readers": { default: 10, min: 1 },
      "--posters": { default: 20, min: 0 },
      "--big": { default: 300, min: 0 },
      "--cache-mb": { default: 64, min: 0 },
    },
  });
  if (!existsSync(db)) {
    process.stderr.write(`load-serve: no database at ${db}; build one with \`npm run --silent readout -- ingest ../shared/corpus\`\n`);
    process.exit(2);
  }
  return { db, json, seconds: numbers["--seconds"], readers: numbers["--readers"], posters: numbers["--posters"], big: numbers["--big"], cacheMb: numbers["--cache-mb"] };
}

/** Texts of about `bytes` each: corpus documents run together. */
async function texts(count: number, bytes: number): Promise<string[]> {
  const out: string[] = [];
  let current = "";
  const lines = createInterface({ input: createReadStream(CORPUS, "utf8"), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    current += (JSON.parse(line) as { text: string }).text + "\n\n";
    if (Buffer.byteLength(current) < bytes) continue;
    out.push(current.slice(0, bytes));
    current = "";
    if (out.length === count) break;
  }
  lines.close();
  // (fewer documents than asked: the texts are reused in turn)
  if (!out.length) throw new Error(`${CORPUS} holds no ${bytes}-byte text`);
  return out;
}

/** The server's resident memory in MB, from /proc (0 where /proc is missing). */
function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startServer(db: string, port: number, cacheMb: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(REPO, "bin/readout.js"), "serve", "--db", db, "--port", String(port), "--cache-mb", String(cacheMb)], { stdio: ["ignore", "ignore", "pipe"] });
  let said = "";
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (said += s));
  for (let waited = 0; !said.includes("serving"); waited += 100) {
    if (child.exitCode !== null || waited > 30_000) throw new Error(`the server did not start: ${said.trim()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);

interface ReadStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface PostStats {
  sent: number;
  byStatus: Record<string, number>;
  longestMs: number;
  overBudget: number;
}

interface Phase {
  name: string;
  seconds: number;
  reads: ReadStats;
  posts: PostStats | null;
  rss: { start: number; peak: number; end: number };
}

const READ_PATHS = ["/events?_limit=50", "/events?type=CONSULT&_limit=50", "/events?_facet=type&_limit=20", "/timeline?interval=month", "/actors?q=min", "/-/health"];

/** Readers sending requests back to back until `stop()` says so; latencies in ms. */
function readers(base: string, n: number, stop: () => boolean): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const one = async (k: number) => {
    for (let i = k; !stop(); i++) {
      const t = performance.now();
      try {
        const res = await fetch(base + READ_PATHS[i % READ_PATHS.length]!);
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  return Promise.all(Array.from({ length: n }, (_, k) => one(k))).then(() => ({ latencies, errors }));
}

async function post(base: string, text: string, stats: PostStats): Promise<void> {
  const t = performance.now();
  let status = "network error";
  try {
    const res = await fetch(`${base}/-/code`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) });
    await res.arrayBuffer();
    status = String(res.status);
  } catch {
    // (counted under "network error")
  }
  const ms = performance.now() - t;
  stats.sent++;
  stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
  stats.longestMs = Math.max(stats.longestMs, ms);
  if (ms > POST_BUDGET_MS) stats.overBudget++;
}

async function phase(name: string, server: ChildProcess, run: (stop: () => boolean) => Promise<{ reads: { latencies: number[]; errors: number }; posts: PostStats | null }>): Promise<Phase> {
  const pid = server.pid!;
  const rss = { start: rssMb(pid), peak: 0, end: 0 };
  const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, rssMb(pid))), 250);
  const started = performance.now();
  const { reads, posts } = await run(() => false);
  clearInterval(sampler);
  rss.end = rssMb(pid);
  rss.peak = Math.max(rss.peak, rss.end);
  const sorted = reads.latencies.sort((a, b) => a - b);
  return {
    name,
    seconds: (performance.now() - started) / 1000,
    reads: { requests: sorted.length, errors: reads.errors, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted[sorted.length - 1] ?? 0 },
    posts,
    rss,
  };
}

const args = parseArgs(process.argv.slice(2));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = await startServer(args.db, port, args.cacheMb);
try {
  const medium = await texts(Math.max(1, args.posters * 2), 100 * 1024);
  const large = args.big ? await texts(20, 1000 * 1000) : [];
  const until = (ms: number) => {
    const end = performance.now() + ms;
    return () => performance.now() >= end;
  };
  const phases: Phase[] = [];

  phases.push(
    await phase("reads alone", server, async () => ({ reads: await readers(base, args.readers, until(args.seconds * 1000)), posts: null })),
  );

  phases.push(
    await phase("reads under 100 kB posts", server, async () => {
      const stop = until(args.seconds * 1000);
      const stats: PostStats = { sent: 0, byStatus: {}, longestMs: 0, overBudget: 0 };
      const posting = Promise.all(
        Array.from({ length: args.posters }, async (_, k) => {
          for (let i = k; !stop(); i += args.posters) await post(base, medium[i % medium.length]!, stats);
        }),
      );
      const reads = await readers(base, args.readers, stop);
      await posting;
      return { reads, posts: stats };
    }),
  );

  if (args.big) {
    phases.push(
      await phase(`reads under ${args.big} posts of 1 MB at once`, server, async () => {
        const stats: PostStats = { sent: 0, byStatus: {}, longestMs: 0, overBudget: 0 };
        let answered = false;
        const posting = Promise.all(Array.from({ length: args.big }, (_, i) => post(base, large[i % large.length]!, stats))).then(() => (answered = true));
        const reads = await readers(base, args.readers, () => answered);
        await posting;
        return { reads, posts: stats };
      }),
    );
  }

  if (args.json) process.stdout.write(JSON.stringify({ db: args.db, readers: args.readers, posters: args.posters, big: args.big, cacheMb: args.cacheMb, phases }, null, 2) + "\n");
  else {
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    process.stdout.write(`readout serve under load: ${args.db}, ${args.readers} readers, ${args.seconds} s a phase, answer cache ${args.cacheMb ? `${args.cacheMb} MB` : "off"}, Node ${process.version}\n`);
    for (const p of phases) {
      process.stdout.write(`\n${p.name} (${p.seconds.toFixed(1)} s)\n`);
      process.stdout.write(`  reads   ${p.reads.requests.toLocaleString("en-US")} requests, ${p.reads.errors} errors, p50 ${ms(p.reads.p50)}, p95 ${ms(p.reads.p95)}, p99 ${ms(p.reads.p99)}, max ${ms(p.reads.max)}\n`);
      if (p.posts) {
        const statuses = Object.entries(p.posts.byStatus).sort().map(([s, n]) => `${s}: ${n}`).join(", ");
        process.stdout.write(`  posts   ${p.posts.sent} answered (${statuses}), longest ${(p.posts.longestMs / 1000).toFixed(1)} s, over ${POST_BUDGET_MS / 1000} s: ${p.posts.overBudget}\n`);
      }
      process.stdout.write(`  server  RSS ${p.rss.start.toFixed(0)} MB at start, ${p.rss.peak.toFixed(0)} MB peak, ${p.rss.end.toFixed(0)} MB at end\n`);
    }
    const alone = phases[0]!.reads.p95;
    const worst = Math.max(...phases.slice(1).map((p) => p.reads.p95));
    process.stdout.write(`\nread p95 under posts: ${(worst / alone).toFixed(2)}× that of reads alone\n`);
  }
} finally {
  server.kill("SIGTERM");
}
