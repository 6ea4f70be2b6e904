import { describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { actorsQuery, eventsQuery, exportQuery, countriesQuery, networkQuery, noQuery, paramNames, timelineQuery, type QuerySchema } from "../../src/server/params.ts";
import { FakeStore } from "./fake-store.ts";
import { get } from "./helpers.ts";
import { ajv, doc, operationOf, responseValidator, validator } from "./schema.ts";

const app = createApp(new FakeStore());

/** The app's GET and POST routes as `METHOD path`, in OpenAPI's path syntax (`/actors/:id{.+}` → `/actors/{id}`). */
const served = [
  ...new Set(app.routes.filter((r) => r.method === "GET" || r.method === "POST").map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`)),
];
const documented = Object.keys(doc.paths).map((path) => `${operationOf(path).method.toUpperCase()} ${path}`);

const QUERY_SCHEMAS: Record<string, QuerySchema> = {
  "/events": eventsQuery,
  "/events.csv": eventsQuery,
  "/actors": actorsQuery,
  "/actors.csv": actorsQuery,
  "/timeline": timelineQuery,
  "/timeline.csv": timelineQuery,
  "/countries": countriesQuery,
  "/countries.csv": countriesQuery,
  "/network": networkQuery,
  "/network.csv": networkQuery,
  "/export/events.csv": exportQuery,
  "/export/events.jsonl": exportQuery,
  "/export/events.plover.jsonl": exportQuery,
};

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes every route the app serves, and no other", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(served.length).toBeGreaterThan(10);
    expect(documented.sort()).toEqual([...served].sort());
  });

  it("has one operation per path, all GET but the one POST that codes a text", () => {
    for (const [path, item] of Object.entries(doc.paths)) expect(Object.keys(item), path).toEqual([path === "/-/code" ? "post" : "get"]);
  });

  it("lists exactly the query parameters each route accepts", () => {
    for (const path of Object.keys(doc.paths)) {
      const { op } = operationOf(path);
      const documented = op.parameters.filter((p) => p.in === "query").map((p) => p.name).sort();
      expect(documented, path).toEqual(paramNames(QUERY_SCHEMAS[path] ?? noQuery).sort());
      const inPath = op.parameters.filter((p) => p.in === "path").map((p) => p.name);
      expect(inPath, path).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }
  });

  it("gives every route the error responses, with the one error schema", () => {
    for (const path of Object.keys(doc.paths)) {
      const { op } = operationOf(path);
      for (const status of ["400", "404", "405", "500"]) {
        expect(op.responses[status]?.content["application/json"]?.schema, `${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });

  it("has schemas that compile, with every reference resolving", () => {
    for (const name of Object.keys(doc.components.schemas)) expect(ajv.getSchema(`api#/components/schemas/${name}`), name).toBeTypeOf("function");
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const r of refs) expect(doc.components.schemas[r.split("/").at(-1)!], r).toBeDefined();
  });
});

const SAMPLES: Record<string, string[]> = {
  "/": ["/"],
  "/events": ["/events", "/events?_limit=2&_facet=type,country,month,publisher"],
  "/events/{id}": ["/events/e1", "/events/e6"],
  "/actors": ["/actors", "/actors?q=wang"],
  "/actors/{id}": ["/actors/person:wang-yi", "/actors/state:CHN"],
  "/documents/{id}": ["/documents/mfa-1"],
  "/timeline": ["/timeline?interval=day"],
  "/network": ["/network", "/network?level=actor"],
  "/-/health": ["/-/health"],
  "/-/openapi.json": ["/-/openapi.json"],
};

describe("POST /-/code", () => {
  const post = (body: string) => get(app, "/-/code", { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const errorSchema = validator({ $ref: "#/components/schemas/Error" });

  it("codes a text and answers the documented body, storing nothing", async () => {
    const a = await post(JSON.stringify({ text: "Foreign Minister Wang Yi met Secretary of State Antony Blinken on Monday.", date: "2023-06-21" }));
    expect(a.status, a.text).toBe(200);
    const validate = responseValidator("/-/code");
    expect(validate(a.json), ajv.errorsText(validate.errors)).toBe(true);
    const body = a.json as { events: Array<{ event: string; actor: Array<{ name: string }>; recipient: Array<{ name: string }> }>; mentions: unknown[] };
    // a meeting with no host: both are actors (CODING.md)
    expect(body.events.map((e) => [e.event, e.actor.map((p) => p.name).join("+"), e.recipient.length])).toContainEqual(["CONSULT", "Wang Yi+Antony Blinken", 0]);
    expect(body.mentions.length).toBeGreaterThan(1);
  });

  it("rejects bad bodies with the one error body", async () => {
    for (const [body, status, parameter] of [
      ["not json", 400, undefined],
      [JSON.stringify({ text: "" }), 400, "text"],
      [JSON.stringify({ text: "x", date: "2024-02-30" }), 400, "date"],
      [JSON.stringify({ text: "x", extra: 1 }), 400, "extra"],
      [JSON.stringify({ text: "x".repeat(1024 * 1024 + 10) }), 413, undefined],
    ] as const) {
      const a = await post(body);
      expect(a.status, a.text).toBe(status);
      expect(errorSchema(a.json), ajv.errorsText(errorSchema.errors)).toBe(true);
      if (parameter) expect((a.json as { error: { parameter?: string } }).error.parameter).toBe(parameter);
    }
  });
});

describe("responses match the document", () => {
  it.each(Object.entries(SAMPLES))("%s", async (path, urls) => {
    const validate = responseValidator(path);
    for (const url of urls) {
      const a = await get(app, url);
      expect(a.status, url).toBe(200);
      expect(validate(a.json), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it("would catch a body that strays from the document", async () => {
    const validate = validator({ $ref: "#/components/schemas/Event" });
    const ev = (await get(app, "/events/e1")).json as Record<string, unknown>;
    expect(validate(ev)).toBe(true);
    expect(validate({ ...ev, extra: 1 })).toBe(false);
    expect(validate({ ...ev, date: "4 March" })).toBe(false);
    expect(validate({ ...ev, actor: [{ id: "x" }] })).toBe(false);
  });

  it("CSV twins are documented as text/csv only", async () => {
    for (const path of Object.keys(doc.paths).filter((p) => p.endsWith(".csv"))) {
      expect(Object.keys(operationOf(path).op.responses["200"]!.content), path).toEqual(["text/csv"]);
      expect((await get(app, path)).type).toBe("text/csv; charset=utf-8");
    }
  });

  it("errors match the Error schema", async () => {
    const validate = validator({ $ref: "#/components/schemas/Error" });
    const cases = [["/events?from=x", "GET"], ["/events?nope=1", "GET"], ["/nope", "GET"], ["/actors/none", "GET"], ["/events", "DELETE"], ["/-/code", "GET"], ["/-/code", "POST"], ["http://evil.example/events", "GET"]] as const;
    for (const [url, method] of cases) {
      const a = await get(app, url, { method, ...(method === "POST" ? { headers: { "Content-Type": "text/plain" }, body: "x" } : {}) });
      expect(a.status, url).toBeGreaterThanOrEqual(400);
      expect(validate(a.json), `${url}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
