import { beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import type { EventsBody } from "../../src/server/app.ts";
import { createApp } from "../../src/server/app.ts";
import { BadRequest } from "../../src/server/errors.ts";
import { EVENT_CSV_HEADER } from "../../src/server/csv.ts";
import type { ActorProfile, ActorSummary, DocumentView, EventView, Network, TimelineRow } from "../../src/store/model.ts";
import { FakeStore } from "./fake-store.ts";
import { expectError, get, INJECTABLE, INJECTIONS, parseCsv } from "./helpers.ts";

const JSON_TYPE = "application/json; charset=utf-8";
const CSV_TYPE = "text/csv; charset=utf-8";

let store: FakeStore;
let app: Hono;
let logged: string[];

beforeEach(() => {
  store = new FakeStore();
  logged = [];
  app = createApp(store, { log: (line) => logged.push(line) });
});

const ids = (body: unknown) => (body as EventsBody).events.map((e) => e.id);

describe("/events", () => {
  it("lists events newest first with a next cursor", async () => {
    const a = await get(app, "/events");
    expect(a.status).toBe(200);
    expect(a.type).toBe(JSON_TYPE);
    const body = a.json as EventsBody;
    expect(ids(body)).toEqual(["e5", "e4", "e3", "e2", "e1", "e6"]);
    expect(body.next).toBeNull();
    expect(body.links.next).toBeNull();
    expect(body.facets).toBeUndefined();
    expect(store.lastCall("events")!.args).toEqual([{}, { limit: 50, sort: "-date", cursor: null }]);
  });

  it("pages with _limit and _next, and links the next page", async () => {
    const first = await get(app, "/events?_limit=4&type=CONSULT,REQUEST,SUPPORT");
    const body = first.json as EventsBody;
    expect(ids(body)).toEqual(["e5", "e4", "e3", "e2"]);
    expect(body.next).toBe("c.e1");
    expect(body.links.next).toBe("http://localhost/events?_limit=4&type=CONSULT%2CREQUEST%2CSUPPORT&_next=c.e1");
    expect(first.headers.get("link")).toBe(`<${body.links.next}>; rel="next"`);
    const second = await get(app, new URL(body.links.next!).pathname + new URL(body.links.next!).search);
    expect(ids(second.json)).toEqual(["e1"]);
    expect((second.json as EventsBody).next).toBeNull();
  });

  it("passes every filter to the store", async () => {
    await get(app, "/events?actor=person:wang-yi&recipient=USA&party=CHN&party=USA&type=request&mode=visit,phone&context=economic&publisher=Ministry%20of%20Foreign%20Affairs&doc=mfa-1&from=2024-01-01&to=2024-12-31&q=sanctions&_sort=date&_limit=7");
    expect(store.lastCall("events")!.args).toEqual([
      {
        actor: "person:wang-yi",
        recipient: "USA",
        party: ["CHN", "USA"],
        type: ["REQUEST"],
        mode: ["visit", "phone"],
        context: ["economic"],
        publisher: ["Ministry of Foreign Affairs"],
        doc: ["mfa-1"],
        from: "2024-01-01",
        to: "2024-12-31",
        q: "sanctions",
      },
      { limit: 7, sort: "date", cursor: null },
    ]);
  });

  it("filters (through the fake store)", async () => {
    expect(ids((await get(app, "/events?party=CHN&party=USA")).json)).toEqual(["e2", "e1"]);
    expect(ids((await get(app, "/events?actor=state:USA")).json)).toEqual(["e4"]);
    expect(ids((await get(app, "/events?q=climate&_sort=date")).json)).toEqual(["e3", "e4"]);
    expect(ids((await get(app, "/events?from=2024-04-01&to=2024-04-15")).json)).toEqual(["e4", "e3"]);
  });

  it("adds facets with _facet", async () => {
    const body = (await get(app, "/events?_facet=type&_facet=country,month&_facet=publisher&_limit=1")).json as EventsBody;
    expect(body.events).toHaveLength(1);
    expect(Object.keys(body.facets!)).toEqual(["type", "country", "month", "publisher"]);
    expect(body.facets!.type![0]).toEqual({ key: "CONSULT", label: "CONSULT", count: 3 });
    expect(body.facets!.month).toEqual(expect.arrayContaining([{ key: "2024-04", label: "2024-04", count: 3 }]));
    expect(store.calls.filter((c) => c.method === "count").map((c) => c.args.slice(1))).toEqual([
      ["type", 100],
      ["country", 100],
      ["month", 100],
      ["publisher", 100],
    ]);
  });

  it("answers an empty page for a filter nothing matches", async () => {
    const a = await get(app, "/events?actor=nobody");
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ total: 0, events: [], next: null, links: { next: null } });
  });
});

describe("/events/{id}, /documents/{id}, /actors", () => {
  it("gives one event with its evidence", async () => {
    const a = await get(app, "/events/e2");
    expect(a.status).toBe(200);
    const ev = a.json as EventView;
    expect(ev.text).toMatch(/^Wang urged the United States/);
    expect(ev.cite_info.title).toBe("Wang Yi meets Blinken");
    expect(ev.text_info.start).toBe(85);
  });

  it("gives a document, also with a slash in its id, encoded or not", async () => {
    expect(((await get(app, "/documents/mfa-1")).json as DocumentView).events).toHaveLength(2);
    expect(((await get(app, "/documents/mfa/3")).json as DocumentView).id).toBe("mfa/3");
    expect(((await get(app, "/documents/mfa%2F3")).json as DocumentView).id).toBe("mfa/3");
  });

  it.each(["person:karin-oskarsdottir@ISL", "person%3Akarin-oskarsdottir%40ISL", "person:karin-oskarsdottir%40ISL"])("routes actor id %s", async (path) => {
    const a = await get(app, `/actors/${path}`);
    expect(a.status).toBe(200);
    expect((a.json as ActorProfile).id).toBe("person:karin-oskarsdottir@ISL");
  });

  it("routes state and org ids", async () => {
    expect(((await get(app, "/actors/state:USA")).json as ActorProfile).asRecipient).toBe(1);
    expect(((await get(app, "/actors/org:un")).json as ActorProfile).name).toBe("United Nations");
  });

  it("searches actors", async () => {
    const a = await get(app, "/actors?q=wang&_limit=5");
    expect((a.json as ActorSummary[]).map((x) => x.id)).toEqual(["person:wang-yi"]);
    expect(store.lastCall("actors")!.args).toEqual(["wang", 5]);
    await get(app, "/actors");
    expect(store.lastCall("actors")!.args).toEqual(["", 20]);
  });
});

describe("/timeline, /network, /-/health", () => {
  it("gives a timeline by month by default", async () => {
    const rows = (await get(app, "/timeline?party=CHN")).json as TimelineRow[];
    expect(rows).toEqual([
      { period: "2024-03-01", type: "CONSULT", count: 1 },
      { period: "2024-03-01", type: "REQUEST", count: 1 },
      { period: "2024-04-01", type: "CONSULT", count: 1 },
    ]);
    expect(store.lastCall("timeline")!.args).toEqual([{ party: ["CHN"] }, "month"]);
    await get(app, "/timeline?interval=day");
    expect(store.lastCall("timeline")!.args[1]).toBe("day");
  });

  it("gives a network by country by default", async () => {
    const net = (await get(app, "/network")).json as Network;
    expect(net.level).toBe("country");
    expect(net.edges).toEqual(expect.arrayContaining([{ source: "CHN", target: "USA", directed: true, weight: 1, types: { REQUEST: 1 } }]));
    await get(app, "/network?level=actor&_limit=3");
    expect(store.lastCall("network")!.args).toEqual([{}, "actor", 3]);
  });

  it("reports health", async () => {
    const a = await get(app, "/-/health");
    expect(a.json).toEqual({ status: "ok", backend: "sqlite", documents: 3, events: 6, actors: 6 });
  });

  it("answers at the root", async () => {
    expect(((await get(app, "/")).json as { openapi: string }).openapi).toBe("/-/openapi.json");
  });
});

describe("CSV twins", () => {
  it("answers /events.csv with one row per actor–recipient pair", async () => {
    const a = await get(app, "/events.csv?doc=mfa-1");
    expect(a.status).toBe(200);
    expect(a.type).toBe(CSV_TYPE);
    expect(a.text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(a.text);
    expect(rows[0]).toEqual([...EVENT_CSV_HEADER]);
    // e2 (Wang → USA) and e1 (Wang and Blinken, no recipient)
    expect(rows.slice(1).map((r) => [r[0], r[8], r[11]])).toEqual([
      ["e2", "Wang Yi", "United States"],
      ["e1", "Wang Yi", ""],
      ["e1", "Antony Blinken", ""],
    ]);
    // the quoted, comma-holding sentence survives
    expect(rows[1]![13]).toBe((await store.event("e2"))!.text);
  });

  it("answers with Accept: text/csv, and JSON otherwise", async () => {
    const csv = await get(app, "/events?_limit=1", { headers: { Accept: "text/csv" } });
    expect(csv.type).toBe(CSV_TYPE);
    expect(csv.headers.get("link")).toMatch(/_next=/);
    expect(csv.headers.get("vary")).toBe("Accept");
    for (const accept of ["application/json", "*/*", "text/html,application/xhtml+xml,*/*;q=0.8", "text/csv;q=0.5, application/json", ""]) {
      expect((await get(app, "/events", { headers: { Accept: accept } })).type, accept).toBe(JSON_TYPE);
    }
    expect((await get(app, "/events", { headers: { Accept: "application/json;q=0.5, text/csv" } })).type).toBe(CSV_TYPE);
  });

  it("has twins for actors, timeline and network edges", async () => {
    expect(parseCsv((await get(app, "/actors.csv?q=wang")).text)).toEqual([
      ["id", "name", "kind", "code", "office", "events"],
      ["person:wang-yi", "Wang Yi", "person", "CHN", "Foreign Minister", "3"],
    ]);
    expect(parseCsv((await get(app, "/timeline.csv?doc=state-2")).text)).toEqual([
      ["period", "type", "count"],
      ["2024-04-01", "CONSULT", "1"],
      ["2024-04-01", "SUPPORT", "1"],
    ]);
    const edges = parseCsv((await get(app, "/network.csv?doc=state-2&level=actor")).text);
    expect(edges[0]).toEqual(["source", "source_name", "target", "target_name", "directed", "weight", "CONSULT", "SUPPORT"]);
    expect(edges).toContainEqual(["state:USA", "United States", "org:un", "United Nations", "true", "1", "0", "1"]);
    expect((await get(app, "/network", { headers: { Accept: "text/csv" } })).type).toBe(CSV_TYPE);
  });

  it("validates CSV requests like JSON ones", async () => {
    expectError(await get(app, "/events.csv?from=nope"), 400, "from");
  });
});

describe("errors", () => {
  it.each([
    ["/events?from=2024-13-01", "from"],
    ["/events?to=2024-02-30", "to"],
    ["/events?_limit=0", "_limit"],
    ["/events?_limit=5000", "_limit"],
    ["/events?_sort=relevance", "_sort"],
    ["/events?_facet=actor", "_facet"],
    ["/events?type=MEET", "type"],
    ["/events?bogus=1", "bogus"],
    ["/events?_next=garbage", "_next"],
    ["/timeline?interval=year", "interval"],
    ["/network?level=person", "level"],
    ["/network?_limit=0", "_limit"],
    ["/actors?_limit=x", "_limit"],
    ["/actors/state:USA?verbose=1", "verbose"],
    ["/events/e1?x=1", "x"],
    ["/-/health?x=1", "x"],
  ])("400 for %s naming %s", async (path, parameter) => {
    const error = expectError(await get(app, path), 400, parameter);
    expect(error.message).toContain(parameter);
  });

  it("names unknown parameters and lists the accepted ones", async () => {
    const error = expectError(await get(app, "/events?foo=1&bar=2"), 400, "foo");
    expect(error.code).toBe("unknown_parameter");
    expect(error.message).toMatch(/"foo", "bar".*accepts actor, recipient/);
  });

  it("404 for unknown routes and unknown ids", async () => {
    for (const path of ["/nope", "/events/", "/event", "/actors/state:XXX", "/events/zzz", "/documents/none", "/-/nothing"]) {
      expect(expectError(await get(app, path), 404).code, path).toBe("not_found");
    }
    expect(expectError(await get(app, "/actors/state:XXX"), 404).message).toContain('"state:XXX"');
  });

  it("405 for other methods on known routes, with Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      for (const path of ["/events", "/events/e1", "/actors/state:USA", "/-/health", "/events.csv"]) {
        const a = await get(app, path, { method });
        expect(expectError(a, 405).code).toBe("method_not_allowed");
        expect(a.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
      }
    }
    expect(store.calls).toEqual([]);
  });

  it("500 with a generic message for an unexpected error, logged", async () => {
    store.failWith = new Error("SQLITE_CORRUPT: database disk image is malformed at /secret/path.db");
    const error = expectError(await get(app, "/events"), 500);
    expect(error).toEqual({ status: 500, code: "internal_error", message: expect.any(String) });
    expect(error.message).not.toMatch(/SQLITE|secret/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/GET http:\/\/localhost\/events: .*SQLITE_CORRUPT/);
  });

  it("400 for bad-input errors a store throws: BadRequest, or by name", async () => {
    store.failWith = new BadRequest("q: too many words", "q");
    expect(expectError(await get(app, "/events?q=x"), 400, "q").message).toBe("q: too many words");
    store.failWith = Object.assign(new Error("bad"), { name: "InvalidCursorError" });
    expectError(await get(app, "/events"), 400, "_next");
    expect(logged).toEqual([]);
  });

  it("answers HEAD like GET, without a body", async () => {
    const a = await get(app, "/events", { method: "HEAD" });
    expect(a.status).toBe(200);
    expect(a.text).toBe("");
  });
});

describe("a database that fails under the API", () => {
  it("answers 503 and logs one line, no stack, for a damaged or unreachable database", async () => {
    for (const [code, said] of [["SQLITE_CORRUPT", /the database is damaged/], ["ECONNREFUSED", /cannot reach the PostgreSQL server/]] as const) {
      logged = [];
      store.failWith = Object.assign(new Error("database disk image is malformed"), { code });
      const error = expectError(await get(app, "/events"), 503);
      expect(error.code).toBe("service_unavailable");
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(said);
      expect(logged[0]).not.toMatch(/\n|\bat .+:\d+:\d+/);
    }
  });

  it("still answers 500 and logs the stack for anything else (a bug)", async () => {
    store.failWith = new TypeError("x is undefined");
    expectError(await get(app, "/events"), 500);
    expect(logged[0]).toMatch(/TypeError: x is undefined\n\s+at /);
  });
});

describe("pages of other sites", () => {
  it("get no CORS header unless the server names their origin", async () => {
    for (const path of ["/events", "/nope", "/-/health"]) {
      const a = await get(app, path, { headers: { Origin: "https://app.example" } });
      expect(a.headers.get("access-control-allow-origin"), path).toBeNull();
    }
    const preflight = await get(app, "/-/code", { method: "OPTIONS", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("of the origins given may read the API and post to it", async () => {
    const open = createApp(store, { corsOrigins: ["https://app.example"] });
    const a = await get(open, "/events", { headers: { Origin: "https://app.example" } });
    expect(a.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(a.headers.get("access-control-expose-headers")).toBe("Link");
    expect((await get(open, "/nope", { headers: { Origin: "https://app.example" } })).headers.get("access-control-allow-origin")).toBe("https://app.example");
    const preflight = await get(open, "/-/code", { method: "OPTIONS", headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/content-type/i);
    const other = await get(open, "/events", { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("cannot post a text or a form to /-/code: it takes JSON only (415)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", undefined]) {
      const a = await get(app, "/-/code", { method: "POST", headers: type ? { "Content-Type": type } : {}, body: '{"text": "Mr. A met Mr. B."}' });
      expect(expectError(a, 415).code, String(type)).toBe("unsupported_media_type");
    }
    // (a JSON type with parameters passes on to the body's checks)
    expect((await get(app, "/-/code", { method: "POST", headers: { "Content-Type": "Application/JSON; charset=utf-8" }, body: "{}" })).status).toBe(400);
  });

  it("cannot reach the server under a name of their own (DNS rebinding): 421", async () => {
    for (const url of ["http://evil.example/events", "http://evil.example:8080/", "http://127.0.0.1.evil.example/-/health"]) {
      const error = expectError(await get(app, url), 421);
      expect(error.code).toBe("misdirected_request");
      expect(error.message).toMatch(/--host-name/);
    }
    for (const url of ["http://localhost/events", "http://127.0.0.1:8080/events", "http://[::1]:8080/-/health"]) expect((await get(app, url)).status, url).toBe(200);
  });

  it("cannot frame, sniff or inject into any answer: security headers on pages, data and errors", async () => {
    for (const path of ["/events", "/events.csv", "/nope", "http://evil.example/events"]) {
      const h = (await get(app, path)).headers;
      const csp = h.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/default-src 'self'/);
      expect(csp, path).toMatch(/script-src 'self'(;|$)/);
      expect(csp, path).toMatch(/frame-ancestors 'none'/);
      expect(h.get("x-frame-options"), path).toBe("DENY");
      expect(h.get("x-content-type-options"), path).toBe("nosniff");
      expect(h.get("referrer-policy"), path).toBe("no-referrer");
      expect(h.get("strict-transport-security"), path).toBeNull();
    }
  });
});

describe("injection attempts", () => {
  it("give a 400 or an ordinary answer, never a 500", async () => {
    for (const prefix of INJECTABLE) {
      for (const attempt of INJECTIONS) {
        const a = await get(app, prefix + encodeURIComponent(attempt));
        expect([200, 400, 404], `${prefix}${attempt}: ${a.text}`).toContain(a.status);
        if (a.status !== 200) expectError(a, a.status);
      }
    }
    expect(logged).toEqual([]);
  });
});
