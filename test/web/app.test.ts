/**
 * The web app in a real browser (Debian's Chromium through playwright-core),
 * against `readout serve` over the dev set. Skips with one printed line when
 * Chromium or the dev set is missing; `.ci/run` installs Chromium.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { serve, type RunningServer } from "../../src/server/serve.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";
import type { Store } from "../../src/store/model.ts";

const CHROMIUM = "/usr/bin/chromium";
const DEV = join(import.meta.dirname, "../../../shared/gold/dev");
const SEED_UN = "000_9d01fbca6247eab8";
const SEED_MFA = "004_f2b96bbd7d06bdb1";
const SHOTS = join(import.meta.dirname, "../../test-results/web");
const ROOT = join(import.meta.dirname, "../..");

const missing = !existsSync(CHROMIUM) ? `${CHROMIUM} is missing (apt-get install -y chromium)` : !existsSync(DEV) ? `the dev set is missing at ${DEV}` : null;
if (missing) console.log(`test/web: skipped, ${missing}`);

describe.skipIf(missing !== null)("the web app", () => {
  let dir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "readout-web-"));
    const db = join(dir, "dev.db");
    execFileSync("node", ["bin/readout.js", "ingest", DEV, "--db", db, "--no-progress"], { cwd: ROOT, stdio: "pipe" });
    if (!existsSync(join(ROOT, "web/dist/index.html"))) execFileSync("npm", ["run", "--silent", "build:web"], { cwd: ROOT, stdio: "pipe" });
    store = await openSqliteStore(db, { readonly: true });
    server = await serve(store, { port: 0, host: "127.0.0.1" });
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

  /** A fresh page at a view of the app, collecting console errors and page errors. */
  async function open(hash: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    page = await browser.newPage({ viewport });
    problems = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/${hash}`);
    return page;
  }

  afterEach(async (context) => {
    if (!page) return;
    await page.screenshot({ path: join(SHOTS, `${context.task.name.replace(/[^\w]+/g, "-").toLowerCase()}.png`), fullPage: true });
    await page.close();
    expect(problems, "console errors").toEqual([]);
  });

  const hashOf = (p: Page): URLSearchParams => new URLSearchParams(new URL(p.url()).hash.split("?")[1] ?? "");

  const TYPES: Record<string, string> = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8", plover: "application/x-ndjson; charset=utf-8" };

  /** Every download link of the view answers 200 with its format's content type; the texts of each are returned. */
  async function checkDownloads(p: Page): Promise<Map<string, string>> {
    const links = await p.locator("a[data-format]").evaluateAll((as) => as.map((a) => [a.getAttribute("href") ?? "", a.getAttribute("data-format") ?? ""]));
    expect(links.length).toBeGreaterThan(0);
    const texts = new Map<string, string>();
    for (const [link, format] of links) {
      const res = await fetch(new URL(link!, server.url));
      expect(res.status, link).toBe(200);
      expect(res.headers.get("content-type"), link).toBe(TYPES[format!]);
      texts.set(link!, await res.text());
    }
    return texts;
  }

  it("serves the page at / to browsers, hashed assets for good, and the JSON index to others", async () => {
    const html = await fetch(`${server.url}/`, { headers: { Accept: "text/html" } });
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // (the views below run under this policy: a script or style it refuses is a console error, which fails them)
    expect(html.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())![1]!;
    const js = await fetch(server.url + asset);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(((await (await fetch(`${server.url}/`)).json()) as { name: string }).name).toBe("readout");
    expect((await fetch(`${server.url}/events?_limit=1`)).headers.get("content-type")).toBe("application/json; charset=utf-8");
    const start = Date.now();
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it("events explorer: rows, facets, the total, whole downloads", async () => {
    const p = await open("#/events?type=CONSULT");
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator("table.events tbody tr").count()).toBe(50);
    await expect.poll(() => p.locator(".facet").count()).toBe(4);
    expect(await p.locator(".facet a", { hasText: "CONSULT" }).count()).toBe(1);
    expect(await p.locator('a[rel="next"]').count()).toBe(1);
    const { total, events } = (await (await fetch(`${server.url}/events?type=CONSULT`)).json()) as {
      total: number;
      events: Array<{ text: string; text_info: { start: number; trigger_start: number; trigger_end: number } }>;
    };
    expect(total).toBeGreaterThan(50);
    // the trigger column: the words each event was coded from
    const triggers = events.map((e) => e.text.slice(e.text_info.trigger_start - e.text_info.start, e.text_info.trigger_end - e.text_info.start));
    expect(triggers.every((t) => t.length > 0)).toBe(true);
    expect(await p.locator("table.events tbody td.trigger-word").allTextContents()).toEqual(triggers);
    expect(await p.locator(".total").textContent()).toBe(`${total.toLocaleString("en")} events match`);
    expect(await p.locator("table.events caption").textContent()).toBe(`50 of ${total.toLocaleString("en")} events, newest first`);
    // every download holds every matching event, not the page
    const texts = [...(await checkDownloads(p))];
    expect(texts.map(([link]) => new URL(link, server.url).pathname)).toEqual(["/export/events.csv", "/export/events.jsonl", "/export/events.plover.jsonl"]);
    for (const [link, text] of texts.slice(1)) expect(text.trimEnd().split("\n"), link).toHaveLength(total);
    expect(await p.locator(".downloads").textContent()).toContain(`All ${total.toLocaleString("en")} events:`);
  });

  it("the actor field suggests actors as one types, by name, with office, country and events", async () => {
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    await p.getByLabel("Actor").pressSequentially("wang");
    const hits = (await (await fetch(`${server.url}/actors?q=wang&_limit=10`)).json()) as Array<{ id: string; name: string; events: number }>;
    expect(hits.length).toBeGreaterThan(0);
    await expect.poll(() => p.locator("#f-actor-list option").count()).toBe(hits.length);
    expect(await p.locator("#f-actor-list option").evaluateAll((os) => os.map((o) => o.getAttribute("value")))).toEqual(hits.map((a) => a.id));
    expect(await p.locator("#f-actor-list option").first().getAttribute("label")).toContain(`${hits[0]!.name} · `);
    // choosing one names it exactly
    await p.getByLabel("Actor").fill(hits[0]!.id);
    await p.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => hashOf(p).get("actor")).toBe(hits[0]!.id);
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator(".total").textContent()).toMatch(/^[\d,]+ events? match(es)?$/);
  });

  it("a bad filter in the URL says what is wrong, in place of the loading message, with ways back", async () => {
    for (const [hash, said] of [
      ["#/events?from=2024-02-30", 'from: expected a real calendar date as YYYY-MM-DD, got "2024-02-30"'],
      ["#/timeline?from=2022-01-01&to=2021-01-01", "to: the range ends (2021-01-01) before it starts (from=2022-01-01)"],
    ] as const) {
      const p = await open(hash);
      await p.locator(".failure").waitFor();
      expect(await p.locator(".failure .message.error").textContent(), hash).toBe(said);
      expect(await p.locator(".message.loading").count(), hash).toBe(0);
      const view = hash.slice(2, hash.indexOf("?"));
      expect(await p.getByRole("link", { name: "Start over without filters" }).getAttribute("href")).toBe(`#/${view}`);
      if (hash.startsWith("#/timeline")) break;
      await page.screenshot({ path: join(SHOTS, "bad-filter-events.png"), fullPage: true });
      await page.close();
      expect(problems, "console errors").toEqual([]);
    }
    // the API says the same of such a request
    expect(((await (await fetch(`${server.url}/events?from=2024-02-30`)).json()) as { error: { message: string } }).error.message).toBe('from: expected a real calendar date as YYYY-MM-DD, got "2024-02-30"');
    await page.getByRole("link", { name: "Start over without filters" }).click();
    await page.locator("svg").first().waitFor();
    expect(hashOf(page).toString()).toBe("");
  });

  it("filters change the URL and the results", async () => {
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    await p.getByLabel("Type").selectOption("CONSULT");
    await p.getByLabel("Country (party)").fill("CHN");
    await p.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => hashOf(p).get("type")).toBe("CONSULT");
    expect(hashOf(p).get("party")).toBe("CHN");
    await p.locator("table.events tbody tr").first().waitFor();
    const badges = await p.locator("table.events tbody .badge").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(["CONSULT"]));
    await checkDownloads(p);
  });

  it("pages with the cursor", async () => {
    const p = await open("#/events?_limit=5");
    await p.locator("table.events tbody tr").first().waitFor();
    const first = await p.locator("table.events tbody tr").first().getAttribute("data-event");
    await p.locator('a[rel="next"]').click();
    await expect.poll(() => hashOf(p).get("_next")).toBeTruthy();
    await expect.poll(() => p.locator("table.events tbody tr").first().getAttribute("data-event")).not.toBe(first);
  });

  it("a row opens its evidence with the trigger highlighted", async () => {
    const p = await open(`#/events?doc=${SEED_UN}&type=CONSULT`);
    await p.locator("table.events tbody tr").first().click();
    await expect.poll(() => new URL(p.url()).hash).toMatch(new RegExp(`^#/doc/${SEED_UN}\\?event=`));
    const trigger = p.locator("mark.trigger.selected");
    await trigger.first().waitFor();
    expect(await trigger.first().textContent()).toBe("met with");
    expect(await p.locator(".sentence.current mark.mention", { hasText: "Xi Jinping" }).count()).toBeGreaterThan(0);
    expect(await p.locator("mark.mention").count()).toBeGreaterThan(3);
    await checkDownloads(p);
  });

  it("evidence of the MFA seed", async () => {
    const p = await open(`#/doc/${SEED_MFA}`);
    await p.locator("h1", { hasText: "Security Council reform" }).waitFor();
    expect(await p.locator("mark.trigger").count()).toBeGreaterThan(0);
    await p.locator(".event-list button").first().click();
    await expect.poll(() => hashOf(p).get("event")).toBeTruthy();
    await p.locator("mark.trigger.selected").first().waitFor();
    // each entry names its trigger as the text has it, with the words around it
    const doc = (await (await fetch(`${server.url}/documents/${SEED_MFA}`)).json()) as { text: string; events: Array<{ id: string; text_info: { trigger_start: number; trigger_end: number } }> };
    const words = doc.events.map((e) => doc.text.slice(e.text_info.trigger_start, e.text_info.trigger_end));
    expect(await p.locator(".event-list .trigger-word").allTextContents()).toEqual(words);
    expect(await p.locator(".event-list .snippet").count()).toBe(doc.events.length);
    // a trigger in the text selects its event
    const last = doc.events.at(-1)!;
    await p.locator(`mark.trigger[data-event="${last.id}"]`).first().click();
    await expect.poll(() => hashOf(p).get("event")).toBe(last.id);
    await p.locator(".event-list li.selected").waitFor();
    expect(await p.locator(".event-list li.selected .trigger-word").textContent()).toBe(words.at(-1));
    // every event of the document as a file
    const texts = await checkDownloads(p);
    const jsonl = [...texts].find(([link]) => link.startsWith("/export/events.jsonl"))![1];
    expect(jsonl.trimEnd().split("\n")).toHaveLength(doc.events.length);
  });

  it("the timeline brush narrows the table and sets from/to", async () => {
    const p = await open("#/timeline?interval=month");
    const svg = p.locator("svg.brushable");
    await svg.waitFor();
    await p.locator("table.events tbody tr").first().waitFor();
    const before = await p.locator("table.events tbody tr td:first-child").allTextContents();
    const { total } = (await (await fetch(`${server.url}/events?_limit=1`)).json()) as { total: number };
    expect(await p.locator("table.events caption").textContent()).toBe(`The latest 20 of ${total.toLocaleString("en")} events in this range`);
    const box = (await svg.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2, { steps: 5 });
    await p.mouse.up();
    await expect.poll(() => hashOf(p).get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const from = hashOf(p).get("from")!;
    const to = hashOf(p).get("to")!;
    expect(from < to).toBe(true);
    await p.locator("svg.brushable").waitFor();
    await p.locator("table.events tbody tr").first().waitFor();
    const dates = await p.locator("table.events tbody tr td:first-child").allTextContents();
    for (const d of dates) expect(d >= from && d <= to, d).toBe(true);
    expect(dates).not.toEqual(before);
    // the range carries to the other views
    expect(await p.locator('#nav a[href^="#/events"]').getAttribute("href")).toContain(`from=${from}`);
    await checkDownloads(p);
  });

  it("the network's node click opens the profile", async () => {
    const p = await open("#/network?level=actor");
    const graph = p.locator('.graph[data-ready="true"]');
    await graph.waitFor();
    const positions = JSON.parse((await graph.getAttribute("data-node-positions"))!) as Record<string, [number, number]>;
    const [x, y] = positions["person:ban-ki-moon"]!;
    const box = (await graph.boundingBox())!;
    await checkDownloads(p);
    await p.screenshot({ path: join(SHOTS, "network-graph.png") });
    await p.mouse.click(box.x + x, box.y + y);
    await expect.poll(() => new URL(p.url()).hash).toBe(`#/actor/${encodeURIComponent("person:ban-ki-moon")}`);
    await p.locator("h1", { hasText: "Ban Ki-moon" }).waitFor();
  });

  it("actor profile: offices, counterparts, balance, latest events", async () => {
    const p = await open(`#/actor/${encodeURIComponent("person:ban-ki-moon")}`);
    await p.locator("h1", { hasText: "Ban Ki-moon" }).waitFor();
    await p.locator("td", { hasText: "Secretary-General" }).first().waitFor();
    expect(await p.locator(".counterparts a", { hasText: "Xi Jinping" }).count()).toBe(1);
    await p.locator("figure.chart svg").first().waitFor();
    expect(await p.locator(".latest li").count()).toBeGreaterThan(0);
    await p.locator(".latest a", { hasText: "evidence" }).first().click();
    await expect.poll(() => new URL(p.url()).hash).toMatch(/^#\/doc\//);
    await p.goBack();
    await p.locator("h1", { hasText: "Ban Ki-moon" }).waitFor();
    await checkDownloads(p);
  });

  it("Try it codes a pasted text: CONSULT with Ban Ki-moon and Xi Jinping", async () => {
    const body = readFileSync(join(DEV, `${SEED_UN}.txt`), "utf8").split(/^---$/m)[1]!.trimStart();
    const p = await open("#/try");
    await p.getByLabel(/Text to code/).fill(body);
    await p.getByRole("button", { name: "Code it" }).click();
    const consult = p.locator(".event-list li", { hasText: "CONSULT" }).filter({ hasText: "Ban Ki-moon" }).filter({ hasText: "Xi Jinping" });
    await consult.first().waitFor();
    expect(await p.locator("h2", { hasText: "story date 2013-06-19" }).count()).toBe(1);
    expect(await p.locator("mark.trigger", { hasText: "met with" }).count()).toBeGreaterThan(0);
  });

  it("works on a narrow screen and by keyboard", async () => {
    const p = await open("#/events", { width: 375, height: 800 });
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await p.locator("table.events tbody tr").first().focus();
    await p.keyboard.press("Enter");
    await expect.poll(() => new URL(p.url()).hash).toMatch(/^#\/doc\//);
    await p.locator("mark.trigger.selected").first().waitFor();
  });
});
