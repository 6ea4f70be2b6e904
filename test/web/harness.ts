/**
 * What every browser test file of the web app shares: `readout serve` over the dev set (ingested afresh into a
 * temporary database), Debian's Chromium through playwright-core, pages that collect console errors and warnings,
 * and, after each test, the view it ended on drawn afresh and saved at the two sizes the app is checked at
 * (1366×900 and 390×844, as `test-results/web/<test>-<width>.png`), with no console error or warning in either.
 *
 * Call `useWebApp()` inside a `describe.skipIf(webSkip !== null)` block; it skips with one printed line when
 * Chromium or the dev set is missing (`.ci/run` installs Chromium).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { serve, type RunningServer } from "../../src/server/serve.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";
import type { Store } from "../../src/store/model.ts";

const CHROMIUM = "/usr/bin/chromium";
export const DEV = join(import.meta.dirname, "../../../shared/gold/dev");
export const SEED_UN = "000_9d01fbca6247eab8";
export const SEED_MFA = "004_f2b96bbd7d06bdb1";
export const SHOTS = join(import.meta.dirname, "../../test-results/web");
const ROOT = join(import.meta.dirname, "../..");
/** The built app the server hands out: `web/dist`, or a build elsewhere (`vite build --outDir …`) named by READOUT_TEST_WEB_DIST. */
const WEB_DIST = process.env.READOUT_TEST_WEB_DIST ?? join(ROOT, "web/dist");

/** The sizes every view is drawn and saved at after each test: a laptop's and a phone's. */
export const VIEWPORTS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
] as const;
export type Viewport = { width: number; height: number };

/** Why the browser tests cannot run here, or null. */
export const webSkip: string | null = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install -y chromium)`
  : !existsSync(DEV)
    ? `the dev set is missing at ${DEV}`
    : null;

export interface WebApp {
  /** The server's base URL (no trailing slash). */
  readonly url: string;
  /** The page the current test opened last. */
  readonly page: Page;
  /** Opens a fresh page at a view of the app (1366×900 unless told), collecting console errors and warnings. */
  open(hash: string, viewport?: Viewport): Promise<Page>;
  /** The parameters in a page's URL hash. */
  hashOf(page: Page): URLSearchParams;
  /** Every download link of the view answers 200 with its format's content type; the texts of each, by link. */
  checkDownloads(page: Page): Promise<Map<string, string>>;
  /** The API's JSON answer to a path. */
  api<T>(path: string): Promise<T>;
  /** Closes the current page, failing the test on any console error or warning it collected. */
  closePage(): Promise<void>;
  /**
   * Lets this test's pages log console messages matching `pattern` (the browser's own line for a response the test
   * asks the API to refuse, "Failed to load resource: … 400"); any other still fails it.
   */
  allowConsole(pattern: RegExp): void;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  plover: "application/x-ndjson; charset=utf-8",
};

export function useWebApp(): WebApp {
  let dir = "";
  let store: Store | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let problems: string[] = [];
  let allowed: RegExp[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "readout-web-"));
    const db = join(dir, "dev.db");
    execFileSync("node", ["bin/readout.js", "ingest", DEV, "--db", db, "--no-progress"], { cwd: ROOT, stdio: "pipe" });
    if (!existsSync(join(WEB_DIST, "index.html"))) execFileSync("npm", ["run", "--silent", "build:web"], { cwd: ROOT, stdio: "pipe" });
    store = await openSqliteStore(db, { readonly: true });
    server = await serve(store, { port: 0, host: "127.0.0.1" }, { webRoot: WEB_DIST });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const watch = (p: Page, into: string[]) => {
    p.on("console", (m) => void ((m.type() === "error" || m.type() === "warning") && !allowed.some((a) => a.test(m.text())) && into.push(`console ${m.type()}: ${m.text()}`)));
    p.on("pageerror", (e) => into.push(`pageerror: ${e.message}`));
  };

  const open = async (hash: string, viewport: Viewport = VIEWPORTS[0]): Promise<Page> => {
    page = await browser!.newPage({ viewport });
    problems = [];
    watch(page, problems);
    await page.goto(`${server!.url}/${hash}`);
    return page;
  };

  const closePage = async () => {
    if (!page) return;
    const p = page;
    page = undefined;
    await p.close();
    expect(problems, "console errors and warnings").toEqual([]);
  };

  /** The view a test ended on, loaded afresh at each size, left to settle, and saved. */
  const snapshot = async (name: string, url: string) => {
    for (const viewport of VIEWPORTS) {
      const p = await browser!.newPage({ viewport });
      const seen: string[] = [];
      watch(p, seen);
      await p.goto(url);
      await p.waitForLoadState("networkidle");
      await expect.poll(() => p.locator(".message.loading").count(), { timeout: 10_000 }).toBe(0);
      await p.waitForTimeout(150);
      await p.screenshot({ path: join(SHOTS, `${name}-${viewport.width}.png`), fullPage: true });
      await p.close();
      expect(seen, `console errors and warnings at ${viewport.width}×${viewport.height}`).toEqual([]);
    }
  };

  afterEach(async (context) => {
    if (!page) return;
    const url = page.url();
    await closePage();
    if (url.startsWith(server!.url)) await snapshot(context.task.name.replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase(), url);
    allowed = [];
  });

  const hashOf = (p: Page): URLSearchParams => new URLSearchParams(new URL(p.url()).hash.split("?")[1] ?? "");

  const checkDownloads = async (p: Page): Promise<Map<string, string>> => {
    const links = await p.locator("a[data-format]").evaluateAll((as) => as.map((a) => [a.getAttribute("href") ?? "", a.getAttribute("data-format") ?? ""]));
    expect(links.length).toBeGreaterThan(0);
    const texts = new Map<string, string>();
    for (const [link, format] of links) {
      const res = await fetch(new URL(link!, server!.url));
      expect(res.status, link).toBe(200);
      expect(res.headers.get("content-type"), link).toBe(CONTENT_TYPES[format!]);
      texts.set(link!, await res.text());
    }
    return texts;
  };

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server!.url}${path}`, { headers: { Accept: "application/json" } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  return {
    get url() {
      return server!.url;
    },
    get page() {
      return page!;
    },
    open,
    hashOf,
    checkDownloads,
    api,
    closePage,
    allowConsole: (pattern) => void allowed.push(pattern),
  };
}

if (webSkip) console.log(`test/web: skipped, ${webSkip}`);
