/**
 * How soon each view of the web app shows its first content, in a real browser, over `readout serve`:
 *
 *   npx tsx bench/web-first-content.ts <database> [--runs N] [--port P] [--cache-mb N] [--json]
 *
 * Starts `node bin/readout.js serve --db <database> --port P` (what users run: SQLite read-only, reading threads,
 * facet indexes, the answer cache) and waits for its one line; then, --runs times (default 5), opens each view below
 * in a fresh page of a fresh browser context (cold browser cache) of Debian's Chromium at 1366×900, through
 * playwright-core. The views are visited in turn, run after run, so run 1 is every view's first visit (the server's
 * answer cache empty for it) and later runs may be answered from that cache, as a user's second visit would.
 *
 * Measured in the page, from navigation start (performance.now(), whose origin is the navigation's start):
 * - first content: the view's heading and its first data-bearing element (per view, below) are both in the
 *   document, taken at the first frame painted after that (a requestAnimationFrame callback, then a task after it);
 * - complete: no `.message.loading` left in the view and the network idle: the latest of first content, the last
 *   moment a loading message went away, and the end of the last response (resource timing); read once Playwright
 *   has seen the network idle (500 ms without requests) and no loading message left.
 * Also when the app had started (the view's element put in the page: the app's script loaded and run; the rest of
 * first content is the view's API requests, any chunk it loads and its drawing), and the slowest API request of each visit (its duration from resource timing; the app's files under /assets left
 * out), to tell which API call holds a view back.
 *
 * Prints one line per view (median and worst over the runs of both figures, run 1's first content, the slowest
 * request), the database's event count, and how many views meet 1 s for first content (median, and worst).
 * The app must be built (web/dist/index.html; `npm run -s build:web`): the benchmark says so and stops otherwise.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { freePort } from "./free-port.ts";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { parseDbBenchArgs } from "./args.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = "/usr/bin/chromium";
const WEB_DIST = join(REPO, "web/dist");
const VIEWPORT = { width: 1366, height: 900 } as const;
/** What a view may take before the visit counts as failed. */
const TIMEOUT_MS = 60_000;
const GOAL_MS = 1000;

interface Args {
  db: string;
  runs: number;
  port: number;
  cacheMb: number | null;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const usageLine = "npx tsx bench/web-first-content.ts <database> [--runs N] [--port P] [--cache-mb N] [--json]";
  if (!argv.some((a) => a === "--help" || a === "-h" || (!a.startsWith("-") && !/^\d+$/.test(a)))) {
    process.stderr.write(`web-first-content: give the database\nusage: ${usageLine}\n`);
    process.exit(2);
  }
  const { db, json, numbers } = parseDbBenchArgs(argv, {
    name: "web-first-content",
    usage: usageLine,
    help: "measures how soon each view of the web app shows its first content, and when it is complete, in Chromium over `readout serve`",
    numbers: {
      "--runs": { default: 5, min: 1 },
      "--port": { default: 0, min: 0 },
      // (-1: readout's own default)
      "--cache-mb": { default: -1, min: 0 },
    },
  });
  if (!existsSync(db)) {
    process.stderr.write(`web-first-content: no database at ${db}\n`);
    process.exit(2);
  }
  return { db, json, runs: numbers["--runs"], port: numbers["--port"], cacheMb: numbers["--cache-mb"] < 0 ? null : numbers["--cache-mb"] };
}

// ------------------------------------------------------------------ the server

/** `readout serve` in its own process, once it has said where it listens. */
async function startServer(db: string, port: number, cacheMb: number | null): Promise<{ child: ChildProcess; url: string }> {
  const args = [join(REPO, "bin/readout.js"), "serve", "--db", db, "--port", String(port)];
  if (cacheMb !== null) args.push("--cache-mb", String(cacheMb));
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] });
  let said = "";
  child.stderr!.setEncoding("utf8").on("data", (s: string) => (said += s));
  for (let waited = 0; ; waited += 50) {
    const m = /serving .* at (http:\/\/\S+)/.exec(said);
    if (m) return { child, url: m[1]!.replace(/\/$/, "") };
    if (child.exitCode !== null || waited > 60_000) {
      child.kill();
      throw new Error(`the server did not start: ${said.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function api<T>(base: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

// ------------------------------------------------------------------ the views

interface View {
  name: string;
  hash: string;
  /** The view's heading, and its first data-bearing element. */
  heading: string;
  data: string;
}

interface EventRow {
  doc: string;
}
interface EventsAnswer {
  total: number;
  events: EventRow[];
  facets?: { type?: Array<{ key: string; count: number }> };
}

/** The views and their URLs, with a busy type, document and actor of this database found through the API. */
async function viewsOf(base: string): Promise<{ views: View[]; events: number; notes: string[] }> {
  const first = await api<EventsAnswer>(base, "/events?_limit=1&_facet=type");
  const type = first.facets?.type?.[0]?.key ?? "CONSULT";
  // the busiest document among the latest thousand events
  const latest = await api<EventsAnswer>(base, "/events?_limit=1000");
  const perDoc = new Map<string, number>();
  for (const e of latest.events) perDoc.set(e.doc, (perDoc.get(e.doc) ?? 0) + 1);
  const [doc, docEvents] = [...perDoc].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const [actor] = await api<Array<{ id: string; name: string; events: number }>>(base, "/actors?_limit=1");
  // (a view that answers "no events match" has shown its content too)
  const v = (name: string, hash: string, view: string, data: string): View => ({ name, hash, heading: `.view-${view} h1`, data: `.view-${view} :is(${data}, .message.empty)` });
  const row = "table.events tbody tr";
  const views: View[] = [
    v("events", "#/events", "events", row),
    v(`events type=${type}`, `#/events?type=${type}`, "events", row),
    v("events party=CHN,USA", "#/events?party=CHN%2CUSA", "events", row),
    v('events q="climate change"', "#/events?q=climate+change", "events", row),
    v("events _sort=actor", "#/events?_sort=actor", "events", row),
    ...(doc ? [v(`evidence (${docEvents}+ events)`, `#/doc/${encodeURIComponent(doc)}`, "doc", ".doc-text mark")] : []),
    v("timeline", "#/timeline", "timeline", "figure.chart svg"),
    v("compare CHN-USA, RUS-USA", "#/compare?series=CHN-USA&series=RUS-USA&from=2021-01-01&to=2024-12-31", "compare", ".compare-panels .compare-panel svg"),
    v("map", "#/map", "map", '.map-frame[data-ready="true"] svg'),
    v("map party=CHN", "#/map?party=CHN", "map", '.map-frame[data-ready="true"] svg'),
    v("network (countries)", "#/network", "network", '.graph[data-ready="true"]'),
    v("network level=actor", "#/network?level=actor", "network", '.graph[data-ready="true"]'),
    ...(actor ? [v(`actor (${actor.events} events)`, `#/actor/${encodeURIComponent(actor.id)}`, "actor", "figure.chart svg")] : []),
    v("try", "#/try", "try", "form.try textarea"),
  ];
  const notes = [`type ${type}`, doc ? `document ${doc} (${docEvents} of the latest 1,000 events)` : "no document", actor ? `actor ${actor.id} (${actor.name}, ${actor.events} events)` : "no actor"];
  return { views, events: first.total, notes };
}

// ------------------------------------------------------------------ one visit

/**
 * Runs in the page before its scripts: watches the document for the view's heading and data, and for loading
 * messages coming and going, noting the times (performance.now()) in `window.__bench`.
 */
const WATCH = `
(() => {
  const want = window.__benchWant;
  const b = { app: null, dom: null, painted: null, loadingGone: null, failed: null };
  window.__bench = b;
  let loading = false;
  const check = () => {
    const now = performance.now();
    const view = document.querySelector("#main > .view");
    if (!view) return;
    if (b.app === null) b.app = now;
    const busy = view.querySelector(".message.loading") !== null;
    if (loading && !busy) b.loadingGone = now;
    loading = busy;
    if (b.failed === null && view.querySelector(".failure")) b.failed = (view.querySelector(".failure") || {}).textContent || "failed";
    if (b.dom === null && document.querySelector(want.heading) && document.querySelector(want.data)) {
      b.dom = now;
      requestAnimationFrame(() => setTimeout(() => (b.painted = performance.now()), 0));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready", "aria-busy", "class"] });
})();
`;

interface Visit {
  /** When the app had put the view's element in the page (its script loaded and run): what is left is the view's own. */
  appStart: number;
  firstContent: number;
  complete: number;
  /** The slowest API request the visit made (the app's own files left out), by duration. */
  slowest: { path: string; ms: number };
  error?: string;
}

async function visit(browser: Browser, base: string, view: View): Promise<Visit> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: `window.__benchWant = ${JSON.stringify({ heading: view.heading, data: view.data })};\n${WATCH}` });
    await page.goto(`${base}/${view.hash}`, { timeout: TIMEOUT_MS });
    const state = () => page.evaluate<{ app: number | null; dom: number | null; painted: number | null; loadingGone: number | null; failed: string | null }>("window.__bench");
    let s = await state();
    const until = Date.now() + TIMEOUT_MS;
    while ((s.painted === null && s.failed === null) && Date.now() < until) {
      await page.waitForTimeout(25);
      s = await state();
    }
    if (s.failed !== null) return { appStart: NaN, firstContent: NaN, complete: NaN, slowest: { path: "", ms: 0 }, error: `the view failed: ${s.failed.trim().slice(0, 200)}` };
    if (s.painted === null) return { appStart: NaN, firstContent: NaN, complete: NaN, slowest: { path: "", ms: 0 }, error: `no first content within ${TIMEOUT_MS / 1000} s (${view.heading} + ${view.data})` };
    const painted = s.painted;
    await page.waitForLoadState("networkidle", { timeout: TIMEOUT_MS });
    while (Date.now() < until && (await page.locator(".message.loading").count()) > 0) await page.waitForTimeout(25);
    s = await state();
    const resources = await page.evaluate<Array<{ name: string; start: number; end: number }>>(
      "performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd }))",
    );
    const lastResponse = Math.max(0, ...resources.map((r) => r.end));
    const slowest = resources.filter((r) => r.name.startsWith(base) && !r.name.startsWith(`${base}/assets/`)).sort((a, b) => b.end - b.start - (a.end - a.start))[0];
    return {
      appStart: s.app ?? NaN,
      firstContent: painted,
      complete: Math.max(painted, s.loadingGone ?? 0, lastResponse),
      slowest: slowest ? { path: decodeURIComponent(slowest.name.slice(base.length)), ms: slowest.end - slowest.start } : { path: "", ms: 0 },
    };
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------------ figures

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const worst = (xs: number[]): number => (xs.length ? Math.max(...xs) : NaN);
const ms = (x: number): string => (Number.isFinite(x) ? `${Math.round(x).toLocaleString("en")} ms` : "—");

/** Warns when the built app is older than its sources (the benchmark measures what web/dist holds). */
function staleBuild(): string | null {
  const built = statSync(join(WEB_DIST, "index.html")).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((d) => (d.isDirectory() ? newest(join(dir, d.name)) : statSync(join(dir, d.name)).mtimeMs)));
  return newest(join(REPO, "web/src")) > built ? "web/dist is older than web/src: these figures are of the last build (`npm run -s build:web` rebuilds it)" : null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    process.stderr.write("web-first-content: the web app is not built (web/dist/index.html is missing); build it with `npm run -s build:web` and run again\n");
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`web-first-content: ${CHROMIUM} is missing (apt-get install -y chromium)\n`);
    process.exit(2);
  }
  const stale = staleBuild();
  if (stale) process.stderr.write(`web-first-content: ${stale}\n`);
  const say = (line: string) => void (args.json ? process.stderr : process.stdout).write(`${line}\n`);

  const load = loadavg().map((l) => l.toFixed(2)).join(", ");
  const port = args.port || (await freePort());
  const started = performance.now();
  const { child, url } = await startServer(args.db, port, args.cacheMb);
  let browser: Browser | undefined;
  try {
    say(`readout serve ${args.db} at ${url} (started in ${ms(performance.now() - started)}${args.cacheMb === null ? "" : `, --cache-mb ${args.cacheMb}`}); load average before: ${load}`);
    const { views, events, notes } = await viewsOf(url);
    say(`${events.toLocaleString("en")} events; ${notes.join("; ")}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const visits = new Map<string, Visit[]>(views.map((v) => [v.name, []]));
    for (let run = 1; run <= args.runs; run++) {
      process.stderr.write(`run ${run}/${args.runs}…\n`);
      for (const view of views) {
        const v = await visit(browser, url, view).catch((error: unknown) => ({ appStart: NaN, firstContent: NaN, complete: NaN, slowest: { path: "", ms: 0 }, error: error instanceof Error ? error.message.split("\n")[0]! : String(error) }));
        visits.get(view.name)!.push(v);
        if (v.error) process.stderr.write(`  ${view.name}: ${v.error}\n`);
      }
    }

    const width = Math.max(...views.map((v) => v.name.length));
    const rows = views.map((view) => {
      const vs = visits.get(view.name)!;
      const ok = vs.filter((v) => !v.error);
      const first = ok.map((v) => v.firstContent);
      const done = ok.map((v) => v.complete);
      // the slowest request of the median visit's kind: the path slowest most often, its median duration
      const paths = new Map<string, number[]>();
      for (const v of ok) if (v.slowest.path) paths.set(v.slowest.path, [...(paths.get(v.slowest.path) ?? []), v.slowest.ms]);
      const [slowPath, slowMs] = [...paths].sort((a, b) => b[1].length - a[1].length)[0] ?? ["", []];
      return {
        view: view.name,
        url: view.hash,
        selectors: `${view.heading} + ${view.data}`,
        appStart: { median: median(ok.map((v) => v.appStart)) },
        firstContent: { median: median(first), worst: failedOr(vs, worst(first)), run1: vs[0]?.firstContent ?? NaN },
        complete: { median: median(done), worst: failedOr(vs, worst(done)) },
        slowestRequest: { path: slowPath, medianMs: median(slowMs) },
        failures: vs.length - ok.length,
      };
    });
    for (const r of rows) {
      say(
        `${r.view.padEnd(width)}  first content ${ms(r.firstContent.median).padStart(9)} median, ${ms(r.firstContent.worst).padStart(9)} worst (run 1 ${ms(r.firstContent.run1)})` +
          ` · app started ${ms(r.appStart.median)} median` +
          ` · complete ${ms(r.complete.median).padStart(9)} median, ${ms(r.complete.worst).padStart(9)} worst` +
          ` · slowest API request ${r.slowestRequest.path || "—"} ${ms(r.slowestRequest.medianMs)}${r.failures ? ` · ${r.failures} of ${args.runs} failed` : ""}`,
      );
    }
    const byMedian = rows.filter((r) => r.firstContent.median <= GOAL_MS).length;
    const byWorst = rows.filter((r) => r.firstContent.worst <= GOAL_MS).length;
    const after = loadavg().map((l) => l.toFixed(2)).join(", ");
    say(`load average after: ${after}`);
    say(
      `${byMedian} of ${rows.length} views show first content within 1 s (median of ${args.runs} run${args.runs === 1 ? "" : "s"}), ${byWorst} of ${rows.length} in every run, over ${events.toLocaleString("en")} events` +
        (byMedian < rows.length ? `; over 1 s: ${rows.filter((r) => !(r.firstContent.median <= GOAL_MS)).map((r) => r.view).join(", ")}` : ""),
    );
    if (args.json) process.stdout.write(`${JSON.stringify({ database: args.db, events, runs: args.runs, viewport: VIEWPORT, loadBefore: load, loadAfter: after, notes, views: rows }, null, 1)}\n`);
  } finally {
    await browser?.close();
    child.kill("SIGTERM");
  }
}

/** The worst figure, or NaN (shown as —) when some visit failed: a failed visit has no figure but is no better. */
function failedOr(vs: Visit[], x: number): number {
  return vs.some((v) => v.error) ? NaN : x;
}

await main();
