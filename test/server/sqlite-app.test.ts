/** The API over a real SQLite store, built by coding a few invented readouts. */
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type EventsBody } from "../../src/server/app.ts";
import { EVENT_CSV_HEADER } from "../../src/server/csv.ts";
import { sortName } from "../../src/store/sql.ts";
import type { ActorProfile, ActorSummary, DocumentView, EventView, Network, StoreStats, TimelineRow } from "../../src/store/model.ts";
import { expectError, get, INJECTABLE, INJECTIONS, parseCsv } from "./helpers.ts";
import { responseValidator } from "./schema.ts";
import { buildSqliteFixture, READOUTS, type Fixture } from "./sqlite-fixture.ts";

let fixture: Fixture;
let app: Hono;
let logged: string[];
let stats: StoreStats;

beforeAll(async () => {
  fixture = await buildSqliteFixture();
  logged = [];
  app = createApp(fixture.store, { log: (line) => logged.push(line) });
  stats = await fixture.store.stats();
});

afterAll(async () => {
  await fixture?.dispose();
});

const events = async (query: string): Promise<EventView[]> => {
  const a = await get(app, `/events?${query}`);
  expect(a.status, a.text).toBe(200);
  return (a.json as EventsBody).events;
};
const types = (evs: EventView[]) => evs.map((e) => e.event).sort();
const involves = (ev: EventView, code: string) => [...ev.actor, ...ev.recipient].some((p) => p.code === code);

describe("over SQLite", () => {
  it("reports health", async () => {
    const a = await get(app, "/-/health");
    expect(a.json).toEqual({ status: "ok", backend: "sqlite", documents: READOUTS.length, events: stats.events, actors: stats.actors });
    expect(stats.events).toBeGreaterThanOrEqual(8);
  });

  it("lists all events, newest first, and pages through them with _next", async () => {
    const all = await events("_limit=1000");
    expect(all).toHaveLength(stats.events);
    const dates = all.map((e) => e.date ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const paged: string[] = [];
    let url: string | null = "/events?_limit=3";
    while (url) {
      const body = (await get(app, url)).json as EventsBody;
      expect(body.events.length).toBeLessThanOrEqual(3);
      paged.push(...body.events.map((e) => e.id));
      url = body.links.next ? new URL(body.links.next).pathname + new URL(body.links.next).search : null;
    }
    expect(paged).toEqual(all.map((e) => e.id));
    const oldest = await events("_sort=date&_limit=1000");
    expect(oldest.map((e) => e.id)).toEqual(all.map((e) => e.id).reverse());
  });

  it("sorts by type, actor and recipient, A to Z, and its next links keep the order", async () => {
    const all = await events("_limit=1000");
    for (const [sort, key] of [
      ["type", (e: EventView) => e.event],
      ["actor", (e: EventView) => sortName(e.actor[0]?.name ?? "\u{10FFFF}")],
      ["recipient", (e: EventView) => sortName(e.recipient[0]?.name ?? "\u{10FFFF}")],
    ] as const) {
      const keys = (await events(`_sort=${sort}&_limit=1000`)).map(key);
      expect(keys, sort).toEqual(all.map(key).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
      expect((await events(`_sort=-${sort}&_limit=1000`)).map(key), `-${sort}`).toEqual([...keys].reverse());
      const first = await get(app, `/events?_sort=${sort}&_limit=2`);
      expect(new URL((first.json as EventsBody).links.next!).searchParams.get("_sort")).toBe(sort);
    }
    const bad = await get(app, "/events?_sort=name");
    expect(bad.status).toBe(400);
    expectError(bad, 400);
  });

  it("lists every country taking part, with its name and events, as /events?party= counts them", async () => {
    const a = await get(app, "/countries?type=CONSULT,SUPPORT,REQUEST,AGREE");
    expect(a.status).toBe(200);
    const countries = a.json as Array<{ id: string; name: string; events: number }>;
    expect(countries.length).toBeGreaterThan(1);
    for (const c of countries) expect(((await get(app, `/events?type=CONSULT,SUPPORT,REQUEST,AGREE&party=${c.id}&_limit=1`)).json as EventsBody).total, c.id).toBe(c.events);
    expect(countries.map((c) => c.events)).toEqual([...countries.map((c) => c.events)].sort((x, y) => y - x));
    expect(countries.find((c) => c.id === "CHN")?.name).toBe("China");
    const csv = parseCsv((await get(app, "/countries.csv?type=CONSULT,SUPPORT,REQUEST,AGREE")).text);
    expect(csv[0]).toEqual(["code", "name", "kind", "events"]);
    expect(csv.slice(1).map((r) => r[0])).toEqual(countries.map((c) => c.id));
  });

  it("reads a country's name as its code, and says so when a name or code is unknown", async () => {
    expect((await get(app, "/events?party=China")).json).toEqual((await get(app, "/events?party=CHN")).json);
    const unknown = await get(app, "/events?party=Narnia");
    expect(unknown.status).toBe(400);
    expect((unknown.json as { error: { message: string } }).error.message).toMatch(/^party: no actor, country or code in the database is called "Narnia"/);
    expect((await get(app, "/timeline?actor=Narnia")).status).toBe(400);
    expect((await get(app, "/export/events.csv?recipient=Narnia")).status).toBe(400);
  });

  it("says how many events match, all pages together, under every kind of filter", async () => {
    const someActor = (await events("_limit=1"))[0]!.actor[0]!.id;
    for (const query of ["", "type=CONSULT,SUPPORT", "party=CHN", "party=CHN&party=USA", `actor=${encodeURIComponent(someActor)}`, "q=minister", "q=minister&type=CONSULT", "context=economic", "q=zzznothing"]) {
      const first = (await get(app, `/events?${query}&_limit=2&_facet=month`)).json as EventsBody;
      expect(first.total, query).toBe((await events(`${query}&_limit=1000`)).length);
      // (the type counts it is summed from are not given unless asked)
      expect(Object.keys(first.facets ?? {}), query).toEqual(["month"]);
    }
    expect(((await get(app, "/events")).json as EventsBody).total).toBe(stats.events);
  });

  it("downloads every event under the filters, however many pages they fill", async () => {
    const all = await events("_sort=date&_limit=1000&party=CHN");
    const lines = (await get(app, "/export/events.jsonl?party=CHN")).text.trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as EventView).id)).toEqual(all.map((e) => e.id));
    const csv = await get(app, "/export/events.csv?party=CHN");
    expect(csv.text).toBe((await get(app, "/events.csv?_sort=date&_limit=1000&party=CHN")).text);
  });

  it("rejects a forged cursor with the standard 400", async () => {
    for (const cursor of ["garbage", "eyJ4IjoxfQ", Buffer.from('["2024-01-01"]').toString("base64url"), "%%%", "=".repeat(40)]) {
      expectError(await get(app, `/events?_next=${encodeURIComponent(cursor)}`), 400, "_next");
    }
  });

  it("filters by actor id, code and name", async () => {
    const byId = await events("actor=person:wang-yi");
    expect(byId.length).toBeGreaterThanOrEqual(2);
    for (const ev of byId) expect(ev.actor.map((p) => p.id)).toContain("person:wang-yi");
    expect(byId.some((ev) => ev.event === "REQUEST" && ev.recipient.some((p) => p.id === "state:USA"))).toBe(true);
    expect((await events("actor=wang%20yi")).map((e) => e.id)).toEqual(byId.map((e) => e.id));
    for (const ev of await events("recipient=USA")) expect(ev.recipient.some((p) => p.code === "USA")).toBe(true);
  });

  it("filters by a country pair and a month", async () => {
    const pair = await events("party=CHN&party=USA&from=2024-04-01&to=2024-04-30");
    expect(pair.length).toBeGreaterThanOrEqual(2);
    for (const ev of pair) {
      expect(ev.date! >= "2024-04-01" && ev.date! <= "2024-04-30").toBe(true);
      expect(involves(ev, "CHN") && involves(ev, "USA")).toBe(true);
    }
    expect(pair.every((e) => e.doc === "fm-2024-04-22")).toBe(true);
  });

  it("searches the text", async () => {
    const climate = await events("q=climate");
    expect(climate.length).toBeGreaterThan(0);
    expect(new Set(climate.map((e) => e.doc))).toEqual(new Set(["state/2024-04-10"]));
    expect(await events("q=climate%20geothermal")).toEqual([]);
    expect((await events("q=Geothermal")).every((e) => e.doc === "isl-2024-05-02")).toBe(true);
  });

  it("filters by type, publisher and document, and facets", async () => {
    expect(types(await events("type=consult"))).toEqual(types(await events("type=CONSULT")));
    for (const ev of await events("type=CONSULT,AGREE")) expect(["CONSULT", "AGREE"]).toContain(ev.event);
    const mfa = await events("publisher=Ministry%20of%20Foreign%20Affairs");
    expect(new Set(mfa.map((e) => e.doc))).toEqual(new Set(["fm-2024-03-04", "fm-2024-04-22"]));
    expect(new Set((await events("doc=state/2024-04-10")).map((e) => e.doc))).toEqual(new Set(["state/2024-04-10"]));
    const body = (await get(app, "/events?_facet=type,country,month,publisher")).json as EventsBody;
    const total = (rows: Array<{ count: number }>) => rows.reduce((n, r) => n + r.count, 0);
    expect(total(body.facets!.type!)).toBe(stats.events);
    expect(body.facets!.month!.map((r) => r.key).sort()).toEqual(["2024-03", "2024-04", "2024-05"]);
    expect(body.facets!.country!.find((r) => r.key === "CHN")!.count).toBeGreaterThanOrEqual(4);
  });

  it("gives events, documents and actors by id", async () => {
    const [first] = await events("_limit=1&doc=fm-2024-03-04&_sort=date");
    const a = await get(app, `/events/${first!.id}`);
    expect(a.json).toEqual(first);
    const readout = READOUTS.find((r) => r.id === first!.doc)!;
    expect(readout.text.slice(first!.text_info.start, first!.text_info.end)).toBe(first!.text);
    const doc = (await get(app, "/documents/state/2024-04-10")).json as DocumentView;
    expect(doc.id).toBe("state/2024-04-10");
    expect(doc.events.length).toBeGreaterThan(0);
    expect(((await get(app, "/documents/state%2F2024-04-10")).json as DocumentView).id).toBe("state/2024-04-10");
    const karin = (await get(app, "/actors/person%3Akarin-oskarsdottir%40ISL")).json as ActorProfile;
    expect(karin).toMatchObject({ id: "person:karin-oskarsdottir@ISL", code: "ISL", kind: "person" });
    expect(karin.events).toBeGreaterThan(0);
    expect(((await get(app, "/actors/person:karin-oskarsdottir@ISL")).json as ActorProfile).id).toBe(karin.id);
    const usa = (await get(app, "/actors/state:USA")).json as ActorProfile;
    expect(usa.asRecipient).toBeGreaterThan(0);
    expectError(await get(app, "/actors/state:ZZZ"), 404);
    expectError(await get(app, "/events/0000000000000000"), 404);
    expectError(await get(app, "/documents/missing"), 404);
  });

  it("searches actors", async () => {
    const found = (await get(app, "/actors?q=wang")).json as ActorSummary[];
    expect(found.map((a) => a.id)).toContain("person:wang-yi");
    expect(((await get(app, "/actors?_limit=2")).json as ActorSummary[]).length).toBe(2);
  });

  it("gives a timeline and a network", async () => {
    const months = (await get(app, "/timeline?interval=month")).json as TimelineRow[];
    expect(months.reduce((n, r) => n + r.count, 0)).toBe((await events("_limit=1000")).filter((e) => e.date).length);
    expect([...new Set(months.map((r) => r.period))]).toEqual(["2024-03-01", "2024-04-01", "2024-05-01"]);
    const weeks = (await get(app, "/timeline?interval=week&party=CHN")).json as TimelineRow[];
    expect(weeks.map((r) => r.period)).toContain("2024-03-04");
    const net = (await get(app, "/network?level=country")).json as Network;
    expect(net.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["CHN", "USA"]));
    expect(net.edges.some((e) => [e.source, e.target].sort().join() === "CHN,USA")).toBe(true);
    const actors = (await get(app, "/network?level=actor&_limit=3")).json as Network;
    expect(actors.nodes.length).toBeLessThanOrEqual(3);
  });

  it("answers as the OpenAPI document says", async () => {
    const samples: Array<[string, string]> = [
      ["/events", "/events?_facet=type,country,month,publisher"],
      ["/events/{id}", `/events/${(await events("_limit=1"))[0]!.id}`],
      ["/documents/{id}", "/documents/fm-2024-04-22"],
      ["/actors", "/actors"],
      ["/actors/{id}", "/actors/person:wang-yi"],
      ["/timeline", "/timeline?interval=week"],
      ["/network", "/network?level=actor"],
      ["/-/health", "/-/health"],
    ];
    for (const [path, url] of samples) {
      const validate = responseValidator(path);
      const a = await get(app, url);
      expect(validate(a.json), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("exports CSV with one row per actor–recipient pair", async () => {
    const all = await events("_limit=1000");
    const rows = parseCsv((await get(app, "/events.csv?_limit=1000")).text);
    expect(rows[0]).toEqual([...EVENT_CSV_HEADER]);
    const expected = all.reduce((n, e) => n + Math.max(1, e.actor.length) * Math.max(1, e.recipient.length), 0);
    expect(rows.length - 1).toBe(expected);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(all.map((e) => e.id)));
    const quoted = rows.find((r) => r[13]!.includes('"unilateral measures must end"'));
    expect(quoted).toBeDefined();
  });
});

describe("injection attempts against SQLite", () => {
  it("give a 400 or an ordinary answer, never a 500, and change nothing", async () => {
    for (const prefix of INJECTABLE) {
      for (const attempt of INJECTIONS) {
        const a = await get(app, prefix + encodeURIComponent(attempt));
        expect([200, 400, 404], `${prefix}${attempt}: ${a.text}`).toContain(a.status);
        if (a.status !== 200) expectError(a, a.status);
      }
    }
    const injected = await get(app, "/events?actor=%27%20OR%201%3D1%20--");
    expect(injected.status).toBe(400);
    expect(injected.json).toMatchObject({ error: { message: `actor: no actor, country or code in the database is called "' OR 1=1 --"; /actors?q= finds actors by part of a name` } });
    expect(await events("q=%22)%3B%20DROP%20TABLE%20events%3B%20--")).toEqual([]);
    expect(logged).toEqual([]);
    expect(await fixture.store.stats()).toEqual(stats);
  });
});
