/**
 * Latency of the query API over an event database (a SQLite file or a
 * postgres:// URL), in process:
 *
 *   npx tsx bench/query-api.ts [db] [--runs N] [--warmup N] [--concurrency 1,10,100] [--read-workers N] [--json]
 *
 * Builds the app on the database (default ./readout.db, opened read-only) and
 * sends typical requests through `app.request()` — no network, so the figures
 * are the store's queries plus the app's parsing and JSON/CSV encoding. Each
 * request kind runs --warmup times unmeasured (default 3), then --runs times
 * (default 50); p50, p95, p99 and max latency are printed with what it returned.
 * With --concurrency, each kind is measured again at each level given: that many
 * clients send it at once, back to back, at least --runs and three per client in
 * all, through reading threads as `serve` has them (--read-workers, default one
 * per core, for SQLite; PostgreSQL reads through its connection pool). No answer
 * cache: every request reaches the store. The facet index of full-text matches is
 * built first (its figures printed), as `serve` keeps it, with the matching
 * documents of its last 16 queries (--match-sets 0 finds them at every request;
 * the reading threads keep 16).
 * The actor, country pair and month are picked from the data: the most active
 * actor, the two most active countries and their busiest month.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Hono } from "hono";
import { createApp, type EventsBody } from "../src/server/app.ts";
import type { ActorProfile, ActorSummary, CountRow, DocumentView, Network, TimelineRow } from "../src/store/model.ts";
import { isPostgresUrl, openStoreForReading, redactTarget } from "../src/store/open.ts";
import { ReadPool } from "../src/store/read-pool.ts";
import { parseDbBenchArgs } from "./args.ts";

interface Args {
  db: string;
  runs: number;
  warmup: number;
  concurrency: number[];
  readWorkers: number;
  matchSets: number;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const { db, json, numbers, lists } = parseDbBenchArgs(argv, {
    name: "query-api",
    usage: "npx tsx bench/query-api.ts [db|postgres://…] [--runs N] [--warmup N] [--concurrency 1,10,100] [--read-workers N] [--match-sets N] [--json]",
    help: "measures the query API's latency on a database",
    numbers: {
      "--runs": { default: 50, min: 1 },
      "--warmup": { default: 3, min: 0 },
      "--read-workers": { default: availableParallelism(), min: 0 },
      "--match-sets": { default: 16, min: 0 },
    },
    lists: { "--concurrency": { default: [], min: 1 } },
  });
  return { db, json, runs: numbers["--runs"], warmup: numbers["--warmup"], concurrency: lists["--concurrency"], readWorkers: numbers["--read-workers"], matchSets: numbers["--match-sets"] };
}

interface Kind {
  name: string;
  path: string;
  /** What the answer holds, for the table (events returned, rows, nodes …). */
  size(body: unknown, text: string): string;
}

interface Result {
  name: string;
  path: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  returned: string;
}

interface LoadResult {
  name: string;
  clients: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

async function fetchJson<T>(app: Hono, path: string): Promise<T> {
  const res = await app.request(path);
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const pageSize = (body: unknown) => {
  const b = body as EventsBody;
  return `${b.events.length} events${b.next ? " (more)" : ""}`;
};

/** Last day of a YYYY-MM month. */
const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** The request kinds, with an actor, a country pair and a month taken from the data. */
async function kinds(app: Hono): Promise<Kind[]> {
  const active = await fetchJson<ActorSummary[]>(app, "/actors?_limit=50");
  const top = active[0];
  if (!top) throw new Error("the database holds no actors; ingest some documents first");
  const person = active.find((x) => x.kind === "person");
  const facets = (await fetchJson<EventsBody>(app, "/events?_limit=1&_facet=country")).facets!;
  const countries = (facets.country ?? []).filter((r) => r.key).slice(0, 2).map((r) => r.key);
  const [a = "USA", b = "CHN"] = countries;
  const pair = `party=${a}&party=${b}`;
  const months = (await fetchJson<EventsBody>(app, `/events?_limit=1&_facet=month&${pair}`)).facets!.month ?? [];
  const busiest = [...months].sort((x: CountRow, y: CountRow) => y.count - x.count)[0]?.key ?? "2024-01";
  const firstPage = await fetchJson<EventsBody>(app, `/events?actor=${encodeURIComponent(top.id)}&_limit=50`);
  const doc = firstPage.events[0]?.doc;
  const actor = encodeURIComponent(top.id);
  const searchWord = top.name.split(/\s+/)[0]!.toLowerCase();

  const list: Kind[] = [{ name: `events by actor (${top.id})`, path: `/events?actor=${actor}`, size: pageSize }];
  if (firstPage.next) list.push({ name: "events by actor, page 2", path: `/events?actor=${actor}&_next=${encodeURIComponent(firstPage.next)}`, size: pageSize });
  if (person) list.push({ name: `events by person (${person.id})`, path: `/events?actor=${encodeURIComponent(person.id)}`, size: pageSize });
  list.push(
    { name: `events by actor code (${a})`, path: `/events?actor=${a}`, size: pageSize },
    { name: `country pair ${a}–${b}, ${busiest}`, path: `/events?${pair}&from=${busiest}-01&to=${monthEnd(busiest)}&_limit=100`, size: pageSize },
    { name: "full text (q=climate)", path: "/events?q=climate", size: pageSize },
    {
      name: "full text + 4 facets",
      path: "/events?q=climate&_facet=type,country,month,publisher",
      size: (body) => `${pageSize(body)}, ${Object.values((body as EventsBody).facets ?? {}).reduce((n, rows) => n + rows.length, 0)} facet rows`,
    },
    { name: "events, type=ACCUSE, newest", path: "/events?type=ACCUSE", size: pageSize },
    {
      name: "type=ACCUSE + 4 facets",
      path: "/events?type=ACCUSE&_facet=type,country,month,publisher",
      size: (body) => `${pageSize(body)}, ${Object.values((body as EventsBody).facets ?? {}).reduce((n, rows) => n + rows.length, 0)} facet rows`,
    },
    { name: "events.csv, 1000 events", path: "/events.csv?_limit=1000", size: (_body, text) => `${text.split("\r\n").length - 2} CSV rows` },
    { name: `actor profile (${top.id})`, path: `/actors/${actor}`, size: (body) => `${(body as ActorProfile).events} events, ${(body as ActorProfile).counterparts.length} counterparts` },
    { name: `actor search (q=${searchWord})`, path: `/actors?q=${encodeURIComponent(searchWord)}&_limit=20`, size: (body) => `${(body as ActorSummary[]).length} actors` },
    {
      name: "timeline by month",
      path: "/timeline?interval=month",
      size: (body) => `${(body as TimelineRow[]).reduce((n, r) => n + r.count, 0)} events in ${(body as TimelineRow[]).length} rows`,
    },
    {
      name: `timeline by week, ${a}–${b}`,
      path: `/timeline?interval=week&${pair}`,
      size: (body) => `${(body as TimelineRow[]).reduce((n, r) => n + r.count, 0)} events in ${(body as TimelineRow[]).length} rows`,
    },
    { name: "network by country", path: "/network?level=country", size: (body) => `${(body as Network).nodes.length} nodes, ${(body as Network).edges.length} edges` },
    { name: "network by actor (100)", path: "/network?level=actor&_limit=100", size: (body) => `${(body as Network).nodes.length} nodes, ${(body as Network).edges.length} edges` },
    { name: "health", path: "/-/health", size: (body) => `${(body as { events: number }).events} events in all` },
  );
  if (doc) list.push({ name: "document", path: `/documents/${encodeURIComponent(doc)}`, size: (body) => `${(body as DocumentView).events.length} events` });
  return list;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (n: number) => Number(n.toFixed(2));

async function measure(app: Hono, kind: Kind, args: Args): Promise<Result> {
  const once = async () => {
    const start = performance.now();
    const res = await app.request(kind.path);
    const text = await res.text();
    const elapsed = performance.now() - start;
    if (res.status !== 200) throw new Error(`${kind.name}: ${kind.path}: HTTP ${res.status}: ${text.slice(0, 300)}`);
    return { elapsed, text };
  };
  for (let i = 0; i < args.warmup; i++) await once();
  const times: number[] = [];
  let last = "";
  for (let i = 0; i < args.runs; i++) {
    const { elapsed, text } = await once();
    times.push(elapsed);
    last = text;
  }
  times.sort((x, y) => x - y);
  const body: unknown = kind.path.includes(".csv") ? null : JSON.parse(last);
  return { name: kind.name, path: kind.path, p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), p99: ms(percentile(times, 99)), max: ms(times.at(-1)!), returned: kind.size(body, last) };
}

/** `clients` sending one kind at once, back to back, until `total` requests are answered. */
async function load(app: Hono, kind: Kind, clients: number, total: number): Promise<LoadResult> {
  const times: number[] = [];
  let sent = 0;
  const client = async () => {
    while (sent < total) {
      sent++;
      const start = performance.now();
      const res = await app.request(kind.path);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${kind.name}: ${kind.path}: HTTP ${res.status} with ${clients} clients`);
      times.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - start) / 1000;
  times.sort((x, y) => x - y);
  return { name: kind.name, clients, requests: times.length, perSecond: Math.round(times.length / seconds), p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), p99: ms(percentile(times, 99)) };
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!isPostgresUrl(args.db) && !existsSync(args.db)) {
    process.stderr.write(`query-api: no database at ${args.db}; run \`npm run readout -- ingest …\` first (or pass its path)\n`);
    process.exit(2);
  }
  const store = await openStoreForReading(args.db);
  const pool = args.concurrency.length && store.backend === "sqlite" && args.readWorkers > 0 ? await ReadPool.open(args.db, "sqlite", args.readWorkers, () => store.version()) : null;
  try {
    // as `serve` keeps them: the facet index of full-text matches, built before anything is measured
    const built = [await store.keepFacetIndex({ matchSets: args.matchSets }), ...((await pool?.facetIndexes()) ?? [])];
    const app = createApp(store);
    const stats = await store.stats();
    const results: Result[] = [];
    const list = await kinds(app);
    for (const kind of list) results.push(await measure(app, kind, args));
    const loaded: LoadResult[] = [];
    const served = pool ? createApp(pool) : app;
    for (const clients of args.concurrency) {
      for (const kind of list) loaded.push(await load(served, kind, clients, Math.max(args.runs, 3 * clients)));
    }
    if (args.json) {
      process.stdout.write(`${JSON.stringify({ db: redactTarget(args.db), ...stats, runs: args.runs, warmup: args.warmup, facetIndex: built, results, concurrency: loaded }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${redactTarget(args.db)} (${store.backend}): ${stats.documents} documents, ${stats.events} events, ${stats.actors} actors; ${args.runs} runs after ${args.warmup} warm-ups\n`);
    const b = built[0]!;
    process.stdout.write(`facet index: ${b.error ? `not built (${b.error})` : `${b.events} events, ${(b.bytes / 2 ** 20).toFixed(1)} MiB, built in ${b.ms} ms`}${built.length > 1 ? ` (and by ${built.length - 1} reading threads in ${built.slice(1).map((x) => x.ms).join(", ")} ms)` : ""}\n\n`);
    const width = Math.max(...results.map((r) => r.name.length));
    process.stdout.write(`${"request".padEnd(width)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"p99 ms".padStart(8)}  ${"max ms".padStart(8)}  returned\n`);
    for (const r of results) {
      process.stdout.write(`${r.name.padEnd(width)}  ${r.p50.toFixed(2).padStart(8)}  ${r.p95.toFixed(2).padStart(8)}  ${r.p99.toFixed(2).padStart(8)}  ${r.max.toFixed(2).padStart(8)}  ${r.returned}\n`);
    }
    if (!loaded.length) return;
    process.stdout.write(`\nconcurrent clients (${pool ? `${args.readWorkers} reading threads` : store.backend === "postgres" ? "PostgreSQL connection pool" : "the serving thread reads"}; no answer cache)\n`);
    process.stdout.write(`${"request".padEnd(width)}  ${"clients".padStart(7)}  ${"req/s".padStart(7)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"p99 ms".padStart(8)}\n`);
    for (const r of loaded) {
      process.stdout.write(`${r.name.padEnd(width)}  ${String(r.clients).padStart(7)}  ${String(r.perSecond).padStart(7)}  ${r.p50.toFixed(1).padStart(8)}  ${r.p95.toFixed(1).padStart(8)}  ${r.p99.toFixed(1).padStart(8)}\n`);
    }
  } finally {
    await pool?.close();
    await store.close();
  }
}

await main();
