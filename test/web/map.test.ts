/**
 * The map view in a real browser, against `readout serve` over the dev set (see harness.ts): a shape (or a dot) per
 * country with events, with the API's counts; a click on a country filters by it; filters from the URL; downloads;
 * the phone's width. And the code table it reads (data/iso3166-numeric.tsv) against the boundaries it draws.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { NetworkNode } from "../../src/store/model.ts";
import { useWebApp, webSkip } from "./harness.ts";

const ROOT = join(import.meta.dirname, "../..");
/** The map's fills (map.ts) of a country without events and of the chosen one, as the browser computes them. */
const NO_EVENTS = "rgb(227, 231, 235)";
const CHOSEN = "rgb(59, 69, 80)";

/** The rows of a data file: its columns by name, comments and the header left out. */
function readTsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(join(ROOT, "data", file), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#"));
  const names = header!.split("\t");
  return lines.map((l) => Object.fromEntries(l.split("\t").map((v, i) => [names[i]!, v.trim()])));
}

describe("data/iso3166-numeric.tsv", () => {
  const rows = readTsv("iso3166-numeric.tsv");
  const atlas = JSON.parse(readFileSync(join(ROOT, "node_modules/world-atlas/countries-110m.json"), "utf8")) as {
    objects: { countries: { geometries: Array<{ id?: string; properties: { name: string } }> } };
  };
  const drawn = atlas.objects.countries.geometries;

  it("has every state of states.tsv once, with a three-digit code of its own (none for Kosovo)", () => {
    const states = readTsv("states.tsv").map((r) => r.code);
    expect(rows.map((r) => r.code).sort()).toEqual([...states].sort());
    const numeric = rows.filter((r) => r.numeric).map((r) => r.numeric!);
    for (const n of numeric) expect(n).toMatch(/^\d{3}$/);
    expect(new Set(numeric).size).toBe(numeric.length);
    expect(rows.filter((r) => !r.numeric).map((r) => r.code)).toEqual(["XKX"]);
    expect(rows.find((r) => r.code === "CHN")!.numeric).toBe("156");
    expect(rows.find((r) => r.code === "USA")!.numeric).toBe("840");
  });

  it("names every country of the 1:110m boundaries, and has a point for each state they do not draw", () => {
    const byNumeric = new Map(rows.map((r) => [r.numeric, r]));
    // the three the atlas draws without a code (the map gives them XKX, CYP and SOM by name)
    expect(drawn.filter((g) => g.id === undefined).map((g) => g.properties.name).sort()).toEqual(["Kosovo", "N. Cyprus", "Somaliland"]);
    for (const g of drawn.filter((g) => g.id !== undefined)) expect(byNumeric.get(g.id), `${g.id} ${g.properties.name}`).toBeDefined();
    const shaped = new Set(drawn.map((g) => g.id));
    for (const r of rows) {
      const hasPoint = r.lon !== "" && r.lat !== "";
      if (r.code === "ATA" || r.code === "XKX") continue;
      expect(hasPoint, `${r.code}: a point exactly when the map draws no shape`).toBe(!shaped.has(r.numeric));
      if (!hasPoint) continue;
      expect(Math.abs(Number(r.lon))).toBeLessThanOrEqual(180);
      expect(Math.abs(Number(r.lat))).toBeLessThanOrEqual(90);
    }
    const sgp = rows.find((r) => r.code === "SGP")!;
    expect([Number(sgp.lon), Number(sgp.lat)]).toEqual([103.82, 1.35]);
  });
});

/** What the map drew: per country code, the events of its shapes and dots (several shapes may share a code: CYP). */
async function drawn(p: Page): Promise<Map<string, number>> {
  const pairs = await p
    .locator(".map-canvas svg [data-code]")
    .evaluateAll((els) => els.map((el) => [el.getAttribute("data-code") ?? "", Number(el.getAttribute("data-events"))] as const));
  return new Map(pairs.filter(([code, events]) => code && events > 0));
}

/** The fill a country is drawn with (its own, or its group's for the marks of one colour). */
const fillOf = (p: Page, code: string): Promise<string> =>
  p
    .locator(`.map-canvas svg [data-code="${code}"]`)
    .first()
    .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fill);

/** The luminance of an rgb() colour (without gamma): the darker a count's colour, the lower. */
function luminance(colour: string): number {
  const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(colour);
  if (!m) throw new Error(`not a colour: ${colour}`);
  const [r, g, b] = m.slice(1, 4).map(Number);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe.skipIf(webSkip !== null)("the map view", () => {
  const app = useWebApp();
  const { open, hashOf, checkDownloads } = app;

  const ready = async (p: Page) => {
    await p.locator('.map-frame[data-ready="true"] svg').first().waitFor();
  };

  it("draws every country with events, with the API's counts, shaded by them, with its tooltip and row", async () => {
    const network = await app.api<NetworkNode[]>("/countries");
    const { total } = await app.api<{ total: number }>("/events?_limit=1");
    const p = await open("#/map");
    await ready(p);
    const states = network.filter((n) => n.kind === "state");
    expect(states.length).toBeGreaterThan(40);
    expect(Object.fromEntries(await drawn(p))).toEqual(Object.fromEntries(states.map((n) => [n.id, n.events])));
    // organizations take part too, and are said to be off the map
    const orgs = network.filter((n) => n.kind !== "state");
    expect(orgs.length).toBeGreaterThan(0);
    for (const o of orgs) expect(await p.locator(".off-map").textContent()).toContain(`${o.name} (${o.events})`);

    // China: shaded, darker than a country of one event, and a country with none is left neutral
    const china = network.find((n) => n.id === "CHN")!;
    const one = states.find((n) => n.events === 1)!;
    const chinaFill = await fillOf(p, "CHN");
    expect(chinaFill).not.toBe(NO_EVENTS);
    expect(luminance(chinaFill)).toBeLessThan(luminance(await fillOf(p, one.id)));
    expect(states.some((n) => n.id === "BRA")).toBe(false);
    expect(await fillOf(p, "BRA")).toBe(NO_EVENTS);
    // Singapore is too small to draw: a dot
    expect(await p.locator('.map-canvas svg [data-code="SGP"]').count()).toBe(1);
    expect(await p.locator(".map-key").innerText()).toContain("dots: states too small to draw");

    await p.locator('.map-canvas svg [data-code="CHN"]').hover();
    await expect.poll(() => p.locator(".map-tip").textContent()).toContain(`China CHN${china.events} events`);
    expect(await p.locator(".map-tip").isVisible()).toBe(true);

    // beneath: every country and organization, most events first, and the total
    const rows = p.locator("table.countries tbody tr");
    expect(await rows.count()).toBe(network.length);
    expect(await rows.locator("td:first-child a").allTextContents()).toEqual(network.map((n) => n.name));
    expect(await p.locator('table.countries tr[data-code="CHN"] td.num').textContent()).toBe(String(china.events));
    expect(await p.locator(".total").textContent()).toBe(`${total.toLocaleString("en")} events match`);
    // the key: Plot's legend of the counts' colours, and what has no count
    expect(await p.locator(".map-key > svg").count()).toBe(1);
    expect(await p.locator(".map-key").innerText()).toMatch(/^1\n10\n100\nEvents\nno events\n/);
  });

  it("a click on a country sets it as the party in the URL and redraws the map with its counterparts", async () => {
    const p = await open("#/map");
    await ready(p);
    await p.locator('.map-canvas svg [data-code="CHN"]').click();
    await expect.poll(() => hashOf(p).get("party")).toBe("CHN");
    await ready(p);
    const network = await app.api<NetworkNode[]>("/countries?party=CHN");
    const { total } = await app.api<{ total: number }>("/events?_limit=1&party=CHN");
    // China is chosen (outlined, not shaded); the others are shaded by the events they share with it
    expect(await fillOf(p, "CHN")).toBe(CHOSEN);
    expect(await p.locator(".map-key").innerText()).toContain("Events shared with China");
    const counterparts = network.filter((n) => n.kind === "state");
    expect(Object.fromEntries(await drawn(p))).toEqual(Object.fromEntries(counterparts.map((n) => [n.id, n.events])));
    const usa = network.find((n) => n.id === "USA")!;
    expect(usa.events).toBeLessThan(network.find((n) => n.id === "CHN")!.events);
    expect(await p.locator('table.countries tr[data-code="USA"] td.num').textContent()).toBe(String(usa.events));
    expect(await p.locator('table.countries tr[data-code="CHN"]').count()).toBe(0);
    expect(await p.locator(".total").textContent()).toBe(`${total} events match`);
    // the explorer for the same events, and a row's link there for the pair
    expect(await p.getByRole("link", { name: "China events in the explorer »" }).getAttribute("href")).toBe("#/events?party=CHN");
    expect(await p.locator('table.countries tr[data-code="USA"] a', { hasText: "events »" }).getAttribute("href")).toBe("#/events?party=CHN%2CUSA");
    // the filter carries to the other views
    expect(await p.locator('#nav a[href^="#/events"]').getAttribute("href")).toBe("#/events?party=CHN");
    // clicking the chosen country again shows every country
    await p.locator('.map-canvas svg [data-code="CHN"]').click();
    await expect.poll(() => hashOf(p).has("party")).toBe(false);
    await ready(p);
    expect(await fillOf(p, "CHN")).not.toBe(CHOSEN);
  });

  it("applies the filters of the URL, and offers its data as JSON and CSV", async () => {
    const filters = "type=CONSULT&from=2013-01-01";
    const network = await app.api<NetworkNode[]>(`/countries?${filters}`);
    const all = await app.api<NetworkNode[]>("/countries");
    const { total } = await app.api<{ total: number }>(`/events?_limit=1&${filters}`);
    const p = await open(`#/map?${filters}`);
    await ready(p);
    expect(await p.getByLabel("Type").inputValue()).toBe("CONSULT");
    const states = network.filter((n) => n.kind === "state");
    expect(Object.fromEntries(await drawn(p))).toEqual(Object.fromEntries(states.map((n) => [n.id, n.events])));
    // (narrower than the whole: the filters did apply)
    expect(states.reduce((s, n) => s + n.events, 0)).toBeLessThan(all.filter((n) => n.kind === "state").reduce((s, n) => s + n.events, 0));
    expect(await p.locator(".total").textContent()).toBe(`${total} events match`);

    const texts = await checkDownloads(p);
    const files = [...texts].map(([link, text]) => [new URL(link, app.url), text] as const);
    expect(files.map(([url]) => url.pathname)).toEqual(["/countries", "/countries.csv", "/export/events.csv", "/export/events.jsonl", "/export/events.plover.jsonl"]);
    for (const [url] of files) expect(url.searchParams.get("type"), url.pathname).toBe("CONSULT");
    expect(JSON.parse(files[0]![1]) as NetworkNode[]).toEqual(network);
    expect(files[1]![1].split("\r\n")[0]).toBe("code,name,kind,events");
    expect(files[3]![1].trimEnd().split("\n")).toHaveLength(total);
    expect(await p.locator(".downloads").textContent()).toContain(`All ${total} events:`);
  });

  it("works by keyboard: a row's link filters the map", async () => {
    const p = await open("#/map");
    await ready(p);
    await p.locator('table.countries tr[data-code="RUS"] td:first-child a').focus();
    await p.keyboard.press("Enter");
    await expect.poll(() => hashOf(p).get("party")).toBe("RUS");
    await ready(p);
    expect(await fillOf(p, "RUS")).toBe(CHOSEN);
    expect(await p.locator(".map-key").innerText()).toContain("Russia (chosen)");
  });

  it("keeps a person among the parties when a country is picked: the map of their events with it", async () => {
    const person = "person:ban-ki-moon";
    const p = await open(`#/map?party=${person}`);
    await ready(p);
    const before = await app.api<NetworkNode[]>(`/countries?party=${person}`);
    expect(Object.fromEntries(await drawn(p))).toEqual(Object.fromEntries(before.filter((n) => n.kind === "state").map((n) => [n.id, n.events])));
    expect(await fillOf(p, "CHN")).not.toBe(CHOSEN);
    await p.locator('.map-canvas svg [data-code="CHN"]').click();
    await expect.poll(() => hashOf(p).get("party")).toBe(`${person},CHN`);
    await ready(p);
    expect(await fillOf(p, "CHN")).toBe(CHOSEN);
    const { total } = await app.api<{ total: number }>(`/events?_limit=1&party=${person},CHN`);
    expect(total).toBeGreaterThan(0);
    expect(await p.locator(".total").textContent()).toBe(`${total} ${total === 1 ? "event matches" : "events match"}`);
    // "Show all countries" drops the country, not the person
    expect(await p.getByRole("link", { name: "Show all countries" }).getAttribute("href")).toBe(`#/map?party=${encodeURIComponent(person)}`);
  });

  it("loads the world's boundaries only when the map is shown", async () => {
    const chunks = (p: Page) => p.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    expect((await chunks(p)).filter((c) => /countries-110m|iso3166/.test(c))).toEqual([]);
    await p.locator('#nav a[href^="#/map"]').click();
    await ready(p);
    expect((await chunks(p)).filter((c) => /countries-110m|iso3166/.test(c))).toHaveLength(2);
  });

  it("fits a 390 px phone screen without scrolling sideways", async () => {
    const p = await open("#/map?party=USA", { width: 390, height: 844 });
    await ready(p);
    expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    const box = (await p.locator(".map-canvas svg[viewBox]").last().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThan(100);
    // a tap on a country filters by it
    await p.locator('.map-canvas svg [data-code="CHN"]').click();
    await expect.poll(() => hashOf(p).get("party")).toBe("CHN");
  });

  it("says calmly what is wrong with a filter of the URL, in place of the map", async () => {
    const p = await open("#/map?from=2024-02-30&party=CHN");
    await p.locator(".failure").waitFor();
    expect(await p.locator(".failure .message.error").textContent()).toBe('from: expected a real calendar date as YYYY-MM-DD, got "2024-02-30"');
    expect(await p.locator(".message.loading").count()).toBe(0);
    expect(await p.locator(".map-canvas").count()).toBe(0);
    expect(await p.getByRole("link", { name: "Start over without filters" }).getAttribute("href")).toBe("#/map");
  });
});
