/**
 * The Compare view in a real browser, against `readout serve` over the dev set (see harness.ts): countries or
 * dyads side by side, month by month, from one URL; the numbers it shows checked against the API's own timeline.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useWebApp, webSkip } from "./harness.ts";

interface TimelineRow {
  period: string;
  type: string;
  count: number;
}

/** PLOVER's quads and the balance's weights, written out here rather than taken from the app. */
const WEIGHT: Record<string, number> = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1,
  COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: -1, ACCUSE: -1, REJECT: -1, THREATEN: -1,
  PROTEST: -2, SANCTION: -2, MOBILIZE: -2, COERCE: -2, ASSAULT: -2,
};

interface Tally {
  events: number;
  coop: number;
  conflict: number;
  weighted: number;
}

/** The API's rows summed per month (YYYY-MM), and over all of them ("all"). */
function tally(rows: TimelineRow[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const add = (key: string, r: TimelineRow) => {
    const t = out.get(key) ?? { events: 0, coop: 0, conflict: 0, weighted: 0 };
    const w = WEIGHT[r.type]!;
    t.events += r.count;
    if (w > 0) t.coop += r.count;
    else t.conflict += r.count;
    t.weighted += w * r.count;
    out.set(key, t);
  };
  for (const r of rows) {
    expect(WEIGHT[r.type], r.type).toBeDefined();
    add(r.period.slice(0, 7), r);
    add("all", r);
  }
  return out;
}

const TWO_DYADS = "#/compare?series=CHN-USA&series=RUS-USA&from=2021-01-01&to=2024-12-31";
const RANGE = "from=2021-01-01&to=2024-12-31";

/** The series the view has drawn (each panel drawn, or saying why it cannot be), in order. */
const shown = (p: Page): Promise<string[]> => p.locator(".compare-panel:not([aria-busy])").evaluateAll((ps) => ps.map((e) => e.getAttribute("data-series") ?? ""));

/** Waits until the view has drawn these series, and its table. */
async function drawn(p: Page, series: string[]): Promise<void> {
  await expect.poll(() => shown(p), { timeout: 10_000 }).toEqual(series);
  await p.locator(".compare-table table.compare, .compare-table .message").first().waitFor();
  expect(await p.locator(".message.loading").count()).toBe(0);
}

describe.skipIf(webSkip !== null)("the Compare view", () => {
  const app = useWebApp();
  const { open, hashOf, checkDownloads } = app;

  it("draws a panel per series from one URL: two dyads over a date range, on shared scales", async () => {
    const p = await open(TWO_DYADS);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    expect(await p.locator(".compare-panel h2").allTextContents()).toEqual(["China – United States CHN-USA", "Russia – United States RUS-USA"]);
    expect(await p.locator(".compare-title").textContent()).toBe("China – United States vs Russia – United States · 2021-01-01 to 2024-12-31, month by month");
    // each panel: events per month by quad, then the balance per month
    for (const series of ["CHN-USA", "RUS-USA"]) {
      const panel = p.locator(`.compare-panel[data-series="${series}"]`);
      expect(await panel.locator("figure.compare-chart svg").count(), series).toBe(2);
      // one bar segment per month and quad with events, as the API counts them
      const cells = new Set((await app.api<TimelineRow[]>(`/timeline?party=${series.replace("-", ",")}&interval=month&${RANGE}`)).map((r) => `${r.period}/${Math.sign(WEIGHT[r.type]!)}${Math.abs(WEIGHT[r.type]!)}`));
      expect(cells.size).toBeGreaterThan(0);
      expect(await panel.locator('svg:first-of-type g[aria-label="rect"] rect').count(), series).toBe(cells.size);
      // one dot per month with events on the balance line
      const months = new Set([...cells].map((c) => c.slice(0, 7)));
      expect(await panel.locator('svg:last-of-type g[aria-label="dot"] circle').count(), series).toBe(months.size);
    }
    // the panels share their scales: the same count axis (up to the busiest month of either) and the same months
    const ticks = (series: string, which: "first" | "last", axis: "y" | "x") =>
      p.locator(`.compare-panel[data-series="${series}"] svg:${which}-of-type g[aria-label="${axis}-axis tick label"] text`).allTextContents();
    expect(await ticks("CHN-USA", "first", "y")).toEqual(await ticks("RUS-USA", "first", "y"));
    expect(await ticks("CHN-USA", "first", "y")).toContain("5");
    expect(await ticks("CHN-USA", "last", "x")).toEqual(await ticks("RUS-USA", "last", "x"));
    expect(await ticks("CHN-USA", "last", "y")).toEqual(["−2", "−1", "0", "+1", "+2"]);
    // the quads' colours and weights, and what the balance is, are on the page
    expect(await p.locator(".compare-key .legend").textContent()).toBe("Verbal cooperation (+1)Material cooperation (+2)Verbal conflict (−1)Material conflict (−2)");
    expect(await p.locator(".compare-definition").textContent()).toContain("(verbal cooperation − verbal conflict + 2 × (material cooperation − material conflict)) ÷ events");
  });

  it("tabulates the API's timeline rows: every month with events, its sums and its balance", async () => {
    const p = await open(TWO_DYADS);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    const series = ["CHN-USA", "RUS-USA"];
    const expected = new Map<string, Map<string, Tally>>();
    for (const s of series) expected.set(s, tally(await app.api<TimelineRow[]>(`/timeline?party=${s.replace("-", ",")}&interval=month&${RANGE}`)));
    // the months of the table: those with events in either series, in order, then the totals
    const months = [...new Set([...expected.values()].flatMap((t) => [...t.keys()]))].filter((m) => m !== "all").sort();
    expect(months.length).toBeGreaterThan(5);
    expect(await p.locator("table.compare tbody th").allTextContents()).toEqual(months);
    expect(await p.locator("table.compare thead th.series").allTextContents()).toEqual(["China – United States", "Russia – United States"]);
    const cell = (s: string, month: string, measure: string) => p.locator(`table.compare td[data-series="${s}"][data-month="${month}"][data-measure="${measure}"]`);
    for (const s of series) {
      for (const month of [...months, "all"]) {
        const t = expected.get(s)!.get(month) ?? { events: 0, coop: 0, conflict: 0, weighted: 0 };
        const where = `${s} ${month}`;
        expect(await cell(s, month, "events").textContent(), where).toBe(String(t.events));
        expect(await cell(s, month, "coop").textContent(), where).toBe(String(t.coop));
        expect(await cell(s, month, "conflict").textContent(), where).toBe(String(t.conflict));
        const balance = await cell(s, month, "balance").getAttribute("data-value");
        if (t.events) expect(Number(balance), where).toBeCloseTo(t.weighted / t.events, 10);
        else expect(balance, where).toBe("");
      }
    }
    // a month of material conflict and verbal cooperation, by the documented formula: (1×1 − 2×4) ÷ 5
    const march = expected.get("RUS-USA")!.get("2022-03")!;
    expect(march).toEqual({ events: 5, coop: 1, conflict: 4, weighted: -7 });
    expect(await cell("RUS-USA", "2022-03", "balance").textContent()).toBe("−1.40");
    expect(await cell("RUS-USA", "2022-03", "balance").getAttribute("data-value")).toBe(String(-7 / 5));
    // a month without events has no balance, not a neutral 0
    expect(await cell("CHN-USA", "2022-03", "balance").textContent()).toBe("—");
    // the panel's summary says the same as the table's totals
    const all = expected.get("RUS-USA")!.get("all")!;
    expect(await p.locator('.compare-panel[data-series="RUS-USA"] header .meta').textContent()).toContain(`${all.events} events · ${all.coop} cooperative, ${all.conflict} conflictual`);
  });

  it("offers each series' timeline as JSON and CSV, straight from the API", async () => {
    const p = await open("#/compare?series=CHN-USA&series=RUS-USA&type=ACCUSE");
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    const texts = [...(await checkDownloads(p))];
    expect(texts.map(([link]) => link)).toEqual([
      "/timeline?party=CHN%2CUSA&type=ACCUSE&interval=month",
      "/timeline.csv?party=CHN%2CUSA&type=ACCUSE&interval=month",
      "/timeline?party=RUS%2CUSA&type=ACCUSE&interval=month",
      "/timeline.csv?party=RUS%2CUSA&type=ACCUSE&interval=month",
    ]);
    for (const [link, text] of texts) {
      const rows = await app.api<TimelineRow[]>(link.replace(".csv", ""));
      expect(rows.length, link).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.type)), link).toEqual(new Set(["ACCUSE"]));
      if (link.includes(".csv")) expect(text.trimEnd().split("\n"), link).toHaveLength(rows.length + 1);
      else expect(JSON.parse(text), link).toEqual(rows);
    }
    // the filter applies to every series: the table holds accusations only
    expect(await p.locator('table.compare tfoot td[data-measure="coop"]').allTextContents()).toEqual(["0", "0"]);
    expect(await p.locator("#cmp-type").inputValue()).toBe("ACCUSE");
  });

  it("a context from the URL applies to every series, and says so", async () => {
    const { facets } = await app.api<{ facets: { context: Array<{ key: string }> } }>("/events?_limit=1&_facet=context&party=CHN,USA");
    const context = facets.context[0]!.key;
    const p = await open(`#/compare?series=CHN-USA&series=RUS-USA&context=${context}`);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    const links = await p.locator("a[data-format]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    for (const link of links) expect(new URLSearchParams(link.split("?")[1]).get("context"), link).toBe(context);
    expect(await p.locator(".compare-note").textContent()).toContain(`Also applied to every series: context = ${context}.`);
    // (the dated events, as the timeline counts them)
    const rows = await app.api<TimelineRow[]>(`/timeline?party=CHN,USA&context=${context}&interval=month`);
    expect(await p.locator('table.compare tfoot td[data-measure="events"]').first().textContent()).toBe(String(rows.reduce((n, r) => n + r.count, 0)));
  });

  it("the form adds and removes series and writes the URL; names become codes", async () => {
    const p = await open(TWO_DYADS);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    // two rows, which cannot be removed below two
    expect(await p.locator(".compare-row").count()).toBe(2);
    expect(await p.getByRole("button", { name: "Remove series 1" }).isDisabled()).toBe(true);
    await p.getByRole("button", { name: "+ Add a series" }).click();
    expect(await p.locator(".compare-row").count()).toBe(3);
    expect(await p.getByLabel("Series 3: country or actor").evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    // a country's name, as one would type it, and a code in lower case
    await p.getByLabel("Series 3: country or actor").fill("Iran");
    await p.getByLabel("Series 3: with (optional)").fill("usa");
    await p.getByRole("button", { name: "Compare", exact: true }).click();
    await expect.poll(() => hashOf(p).getAll("series")).toEqual(["CHN-USA", "RUS-USA", "IRN-USA"]);
    expect(hashOf(p).get("from")).toBe("2021-01-01");
    expect(hashOf(p).get("to")).toBe("2024-12-31");
    await drawn(p, ["CHN-USA", "RUS-USA", "IRN-USA"]);
    expect(await p.locator(".compare-panel h2").nth(2).textContent()).toBe("Iran – United States IRN-USA");
    // removing a series takes effect at once
    await p.getByRole("button", { name: "Remove series 1" }).click();
    await expect.poll(() => hashOf(p).getAll("series")).toEqual(["RUS-USA", "IRN-USA"]);
    await drawn(p, ["RUS-USA", "IRN-USA"]);
    // at most five
    for (let i = 0; i < 3; i++) await p.getByRole("button", { name: "+ Add a series" }).click();
    expect(await p.locator(".compare-row").count()).toBe(5);
    expect(await p.getByRole("button", { name: "+ Add a series" }).isDisabled()).toBe(true);
    // the dates narrow every series
    await p.getByLabel("From", { exact: true }).fill("2022-01-01");
    await p.getByLabel("To", { exact: true }).fill("2022-12-31");
    await p.getByRole("button", { name: "Compare", exact: true }).click();
    await expect.poll(() => hashOf(p).get("from")).toBe("2022-01-01");
    expect(hashOf(p).getAll("series")).toEqual(["RUS-USA", "IRN-USA"]);
    await expect.poll(() => p.locator(".compare-title").textContent()).toContain("2022-01-01 to 2022-12-31");
    await drawn(p, ["RUS-USA", "IRN-USA"]);
    expect(await p.locator("table.compare tbody th").allTextContents()).toEqual(["2022-02", "2022-03", "2022-06", "2022-11"]);
  });

  it("links each series to the events explorer with the same filters", async () => {
    const p = await open(TWO_DYADS);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    const all = await p.locator('table.compare tfoot td[data-series="RUS-USA"][data-measure="events"]').textContent();
    await p.locator('.compare-panel[data-series="RUS-USA"] a.compare-explore').click();
    await expect.poll(() => new URL(p.url()).hash.split("?")[0]).toBe("#/events");
    expect(Object.fromEntries(hashOf(p))).toEqual({ party: "RUS,USA", from: "2021-01-01", to: "2024-12-31" });
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator(".total").textContent()).toBe(`${all} events match`);
  });

  it("says clearly when a series names no known country, and draws the others", async () => {
    const p = await open("#/compare?series=XYZ-USA&series=CHN-USA");
    await drawn(p, ["XYZ-USA", "CHN-USA"]);
    const unknown = p.locator('.compare-panel[data-series="XYZ-USA"]');
    expect(await unknown.locator(".message.error").textContent()).toMatch(/^“XYZ” names no known country or actor\. /);
    expect(await unknown.locator("svg").count()).toBe(0);
    expect(await p.locator('.compare-panel[data-series="CHN-USA"] figure svg').count()).toBe(2);
    expect(await p.locator("table.compare thead th.series").allTextContents()).toEqual(["China – United States"]);
    await checkDownloads(p);
  });

  it("a series that is no country or pair fails calmly, with a way back", async () => {
    for (const [hash, said] of [
      ["#/compare?series=CHN,USA,RUS", 'series: "CHN,USA,RUS" names 3 parties; a series is one country or a pair, such as "CHN" or "CHN-USA"'],
      [`#/compare?${["CHN", "USA", "RUS", "IRN", "JPN", "DEU"].map((c) => `series=${c}`).join("&")}`, "series: given 6 times; compare at most 5 countries or pairs at once"],
    ] as const) {
      const p = await open(hash);
      await p.locator(".failure").waitFor();
      expect(await p.locator(".failure .message.error").textContent(), hash).toBe(said);
      expect(await p.getByRole("link", { name: "Start over without filters" }).getAttribute("href")).toBe("#/compare");
      await app.closePage();
    }
    // starting over shows the most active pairs, named in the URL
    const p = await open("#/compare?series=CHN,USA,RUS");
    await p.getByRole("link", { name: "Start over without filters" }).click();
    await expect.poll(() => hashOf(p).getAll("series")).toHaveLength(2);
    await drawn(p, hashOf(p).getAll("series"));
  });

  it("without series, shows the most active pairs, those of a carried country first", async () => {
    const network = await app.api<{ edges: Array<{ source: string; target: string; weight: number }> }>("/network?level=country&_limit=12");
    const pairs = new Map<string, number>();
    for (const e of network.edges) {
      if (e.source === e.target) continue;
      const key = [e.source, e.target].sort().join("-");
      pairs.set(key, (pairs.get(key) ?? 0) + e.weight);
    }
    const ranked = [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
    const p = await open("#/compare");
    await expect.poll(() => hashOf(p).getAll("series")).toEqual(ranked.slice(0, 2));
    await drawn(p, ranked.slice(0, 2));
    await app.closePage();
    // a country carried from another view: its own busiest pairs, and a note that the filter itself is not applied
    const q = await open("#/compare?party=RUS");
    const russian = [...new Set([...ranked.filter((k) => k.split("-").includes("RUS")), ...ranked])].slice(0, 2);
    expect(russian[0]).toMatch(/RUS/);
    await expect.poll(() => hashOf(q).getAll("series")).toEqual(russian);
    await drawn(q, russian);
    expect(await q.locator(".compare-note").textContent()).toContain("Country (party) = RUS is not applied here");
  });

  it("a country's name names the country; a state's id names its actor only, and says so, with a link to its code", async () => {
    const named = await open(`#/compare?series=China,USA&series=RUS-USA&${RANGE}`);
    await drawn(named, ["China,USA", "RUS-USA"]);
    expect(await named.locator('.compare-panel[data-series="China,USA"] .hint').count()).toBe(0);
    expect(await named.locator('.compare-panel[data-series="China,USA"] h2').textContent()).toBe("China – United States China,USA");
    await app.closePage();
    const p = await open(`#/compare?series=state:CHN,USA&series=RUS-USA&${RANGE}`);
    await drawn(p, ["state:CHN,USA", "RUS-USA"]);
    const panel = p.locator('.compare-panel[data-series="state:CHN,USA"]');
    expect(await panel.locator(".hint").textContent()).toContain("“China” counts the events of that actor only (state:CHN)");
    await panel.getByRole("link", { name: "Compare by country code instead" }).click();
    await expect.poll(() => hashOf(p).getAll("series")).toEqual(["CHN-USA", "RUS-USA"]);
    await drawn(p, ["CHN-USA", "RUS-USA"]);
    expect(await p.locator(".compare-panel h2").first().textContent()).toBe("China – United States CHN-USA");
  });

  it("fits a phone's screen without scrolling sideways", async () => {
    const p = await open(`#/compare?series=CHN-USA&series=RUS-USA&series=IRN-USA&${RANGE}`, { width: 390, height: 844 });
    await drawn(p, ["CHN-USA", "RUS-USA", "IRN-USA"]);
    expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    // the charts fit the screen; the wide table scrolls inside its own box
    for (const box of await p.locator(".compare-chart svg").evaluateAll((svgs) => svgs.map((s) => s.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(390);
    const scroll = p.locator(".compare-scroll");
    expect(await scroll.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
    expect(await scroll.evaluate((e) => e.getBoundingClientRect().right)).toBeLessThanOrEqual(390);
  });
});
