/**
 * The web app in a real browser (Debian's Chromium through playwright-core), against `readout serve` over the
 * dev set: the events explorer, evidence, timeline, actor profile, Try it and narrow screens (see harness.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV, SEED_MFA, SEED_UN, SHOTS, useWebApp, webSkip } from "./harness.ts";

describe.skipIf(webSkip !== null)("the web app", () => {
  const app = useWebApp();
  const { open, hashOf, checkDownloads } = app;

  it("serves the page at / to browsers, hashed assets for good, and the JSON index to others", async () => {
    const html = await fetch(`${app.url}/`, { headers: { Accept: "text/html" } });
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    // (the views below run under this policy: a script or style it refuses is a console error, which fails them)
    expect(html.headers.get("content-security-policy")).toMatch(/script-src 'self'(;|$)/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())![1]!;
    const js = await fetch(app.url + asset);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(((await (await fetch(`${app.url}/`)).json()) as { name: string }).name).toBe("readout");
    expect((await fetch(`${app.url}/events?_limit=1`)).headers.get("content-type")).toBe("application/json; charset=utf-8");
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
    const { total, events } = (await (await fetch(`${app.url}/events?type=CONSULT`)).json()) as {
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
    expect(texts.map(([link]) => new URL(link, app.url).pathname)).toEqual(["/export/events.csv", "/export/events.jsonl", "/export/events.plover.jsonl"]);
    for (const [link, text] of texts.slice(1)) expect(text.trimEnd().split("\n"), link).toHaveLength(total);
    expect(await p.locator(".downloads").textContent()).toContain(`All ${total.toLocaleString("en")} events:`);
  });

  it("the actor field suggests actors as one types, by name, with office, country and events", async () => {
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    await p.getByLabel("Actor").pressSequentially("wang");
    const hits = (await (await fetch(`${app.url}/actors?q=wang&_limit=10`)).json()) as Array<{ id: string; name: string; events: number }>;
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
      await app.page.screenshot({ path: join(SHOTS, "bad-filter-events.png"), fullPage: true });
      await app.closePage();
    }
    // the API says the same of such a request
    expect(((await (await fetch(`${app.url}/events?from=2024-02-30`)).json()) as { error: { message: string } }).error.message).toBe('from: expected a real calendar date as YYYY-MM-DD, got "2024-02-30"');
    await app.page.getByRole("link", { name: "Start over without filters" }).click();
    await app.page.locator("svg").first().waitFor();
    expect(hashOf(app.page).toString()).toBe("");
  });

  it("the country field takes a name or a code alike and shows the name; an unknown value says so", async () => {
    const byCode = await app.api<{ total: number }>("/events?party=CHN&_limit=1");
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    await p.getByLabel("Country (party)").fill("China");
    await p.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => hashOf(p).get("party")).toBe("China");
    await expect.poll(() => p.locator(".total").textContent()).toBe(`${byCode.total.toLocaleString("en")} events match`);
    await expect.poll(() => p.locator("#f-party-named").textContent()).toBe("China (CHN)");
    await p.goto(`${app.url}/#/events?party=CHN&actor=${encodeURIComponent("person:ban-ki-moon")}`);
    await expect.poll(() => p.locator("#f-party-named").textContent()).toBe("China (CHN)");
    await expect.poll(() => p.locator("#f-actor-named").textContent()).toBe("Ban Ki-moon");
    // a value no one has: the API's words, not an empty table
    app.allowConsole(/status of 400/);
    await p.goto(`${app.url}/#/events?party=Narnia`);
    await p.locator(".failure").waitFor();
    expect(await p.locator(".failure .message.error").textContent()).toMatch(/^party: no actor, country or code in the database is called "Narnia"/);
    expect(await p.locator("table.events").count()).toBe(0);
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

  it("sorts the table by date, type, actor and recipient through the URL, and pages in that order", async () => {
    const p = await open("#/events?_limit=20");
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.locator('th[aria-sort="descending"]').textContent()).toBe("Date ▼");
    const rowIds = () => p.locator("table.events tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-event")));
    const apiIds = async (query: string) => ((await app.api<{ events: Array<{ id: string }> }>(`/events?${query}`)).events.map((e) => e.id));
    // the first click sorts a column its natural way (names A to Z, dates newest first: the default, left out of the URL), the second reverses it
    for (const [heading, first, second] of [
      ["Actor", "actor", "-actor"],
      ["Type", "type", "-type"],
      ["Recipient", "recipient", "-recipient"],
      ["Date", null, "date"],
    ] as const) {
      await p.locator("th a.sort", { hasText: heading }).click();
      await expect.poll(() => hashOf(p).get("_sort")).toBe(first);
      await expect.poll(rowIds).toEqual(await apiIds(`_limit=20&_sort=${first ?? "-date"}`));
      expect(await p.locator(`th[aria-sort='${first ? "ascending" : "descending"}']`).textContent()).toBe(`${heading} ${first ? "▲" : "▼"}`);
      await p.locator("th a.sort", { hasText: heading }).click();
      await expect.poll(() => hashOf(p).get("_sort")).toBe(second);
      await expect.poll(rowIds).toEqual(await apiIds(`_limit=20&_sort=${second}`));
    }
    // sorted by actor, A to Z, and the next page goes on in that order
    await p.goto(`${app.url}/#/events?_limit=20&_sort=actor`);
    await p.locator("table.events tbody tr").first().waitFor();
    const names = await p.locator("table.events tbody tr td:nth-child(4) a").evaluateAll((as) => as.filter((a) => !a.previousSibling || a.parentElement!.firstChild === a).map((a) => a.textContent!));
    expect(names).toEqual([...names].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)));
    expect(await p.locator("table.events caption").textContent()).toMatch(/by actor, A to Z$/);
    await p.locator('a[rel="next"]').click();
    await expect.poll(() => hashOf(p).get("_next")).toBeTruthy();
    expect(hashOf(p).get("_sort")).toBe("actor");
    const page2 = await app.api<{ events: Array<{ id: string }>; next: string }>(`/events?_limit=20&_sort=actor&_next=${encodeURIComponent(hashOf(p).get("_next")!)}`);
    await expect.poll(rowIds).toEqual(page2.events.map((e) => e.id));
  });

  it("the Type, Context and Publisher menus offer only what the database holds, with counts", async () => {
    const held = await app.api<{ facets: Record<"type" | "context" | "publisher", Array<{ key: string; count: number }>> }>("/events?_limit=1&_facet=type,context,publisher");
    const p = await open("#/events");
    await p.locator("table.events tbody tr").first().waitFor();
    const values = (label: string) => p.getByLabel(label, { exact: true }).locator("option").evaluateAll((os) => os.map((o) => o.getAttribute("value")));
    await expect.poll(() => values("Type")).toEqual(["", ...["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"].filter((t) => held.facets.type.some((r) => r.key === t))]);
    await expect.poll(() => values("Context")).toEqual(["", ...held.facets.context.map((r) => r.key)]);
    await expect.poll(() => values("Publisher")).toEqual(["", ...held.facets.publisher.filter((r) => r.key).map((r) => r.key)]);
    const [context] = held.facets.context;
    expect(await p.getByLabel("Context").locator(`option[value="${context!.key}"]`).textContent()).toBe(`${context!.key} (${context!.count.toLocaleString("en")})`);
    await p.getByLabel("Context").selectOption(context!.key);
    await p.getByRole("button", { name: "Apply" }).click();
    await expect.poll(() => hashOf(p).get("context")).toBe(context!.key);
    await expect.poll(() => p.locator(".total").textContent()).toBe(`${context!.count.toLocaleString("en")} ${context!.count === 1 ? "event matches" : "events match"}`);
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
    const doc = (await (await fetch(`${app.url}/documents/${SEED_MFA}`)).json()) as { text: string; events: Array<{ id: string; text_info: { trigger_start: number; trigger_end: number } }> };
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
    const { total } = (await (await fetch(`${app.url}/events?_limit=1`)).json()) as { total: number };
    expect(await p.locator("table.events caption").textContent()).toBe(`The latest 20 of ${total.toLocaleString("en")} events in this range`);
    const box = (await svg.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
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

  it("the timeline draws no bar thinner than a pixel: days over decades are drawn by month, and it says so", async () => {
    const p = await open("#/timeline?interval=day");
    await p.locator("svg.brushable").waitFor();
    const caption = await p.locator("figure.chart figcaption").textContent();
    expect(caption).toMatch(/Drawn by (month|year): bars by day would be thinner than a pixel here\.$/);
    // the dev set's few events dated decades before the rest are left out of the frame, and it says how many
    expect(caption).toMatch(/^\d+ events? dated before \d{4}-\d{2} \(a few far from the rest, often misdated\) are left out of the chart\. Show every date/);
    await p.getByRole("link", { name: "Show every date" }).click();
    await expect.poll(() => hashOf(p).get("extent")).toBe("all");
    await expect.poll(() => p.locator("figure.chart figcaption").textContent()).not.toMatch(/left out/);
    const widths = await p.locator("svg.brushable rect:not(.brush)").evaluateAll((rs) => rs.map((r) => Number(r.getAttribute("width"))).filter((w) => w > 0));
    expect(widths.length).toBeGreaterThan(0);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(1);
  });

  it("the events' dates are a histogram to drag across: it sets from/to and narrows the list", async () => {
    const p = await open("#/events");
    const svg = p.locator(".month-histogram svg.brushable");
    await svg.waitFor();
    const box = (await svg.boundingBox())!;
    await p.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width * 0.98, box.y + box.height / 2, { steps: 5 });
    await p.mouse.up();
    await expect.poll(() => hashOf(p).get("from")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const from = hashOf(p).get("from")!;
    const to = hashOf(p).get("to")!;
    await p.locator("table.events tbody tr").first().waitFor();
    for (const d of await p.locator("table.events tbody tr td:first-child").allTextContents()) expect(d >= from && d <= to, d).toBe(true);
    // the month list, folded beneath, starts with the latest month
    const months = await app.api<{ facets: { month: Array<{ key: string }> } }>("/events?_limit=1&_facet=month");
    expect(await p.locator(".facet-month li a").first().textContent()).toBe(months.facets.month.at(-1)!.key);
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
    const p = await open("#/events?type=CONSULT", { width: 375, height: 800 });
    await p.locator("table.events tbody tr").first().waitFor();
    expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    // each event a card, each of its cells headed by the column's name
    const card = p.locator("table.events tbody tr").first();
    expect(await card.evaluate((tr) => tr.ownerDocument.defaultView!.getComputedStyle(tr).display)).toBe("block");
    expect(await card.locator("td").first().evaluate((td) => td.ownerDocument.defaultView!.getComputedStyle(td, "::before").content)).toBe('"Date"');
    // the filters fold behind one button that says how many are set
    const toggle = p.locator(".filter-box > summary");
    expect(await toggle.textContent()).toBe("Filters · 1 set");
    expect(await p.getByLabel("Actor").isVisible()).toBe(false);
    await toggle.click();
    expect(await p.getByLabel("Actor").isVisible()).toBe(true);
    expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await p.locator("table.events tbody tr").first().focus();
    await p.keyboard.press("Enter");
    await expect.poll(() => new URL(p.url()).hash).toMatch(/^#\/doc\//);
    await p.locator("mark.trigger.selected").first().waitFor();
  });
});
