import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { Coder, sourceFromText } from "../../src/index.ts";
import { createApp } from "../../src/server/app.ts";
import { ResponseCache } from "../../src/server/cache.ts";
import { toRecord } from "../../src/store/record.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";
import { FakeStore } from "./fake-store.ts";

const answer = (bytes: number) => ({ status: 200, headers: [["Content-Type", "text/plain"]] as Array<[string, string]>, body: new ArrayBuffer(bytes) });

describe("ResponseCache", () => {
  it("gives an answer back while the version stays, and drops every answer when it moves on", () => {
    const cache = new ResponseCache();
    expect(cache.get("a", 1)).toBeUndefined();
    cache.set("a", 1, answer(10));
    expect(cache.get("a", 1)?.body.byteLength).toBe(10);
    expect(cache.get("a", 2)).toBeUndefined();
    expect(cache.size).toBe(0);
    // an answer made before the move is not kept after it
    cache.set("b", 1, answer(10));
    expect(cache.get("b", 2)).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 3]);
  });

  it("keeps at most its bytes, the least recently used going first, and no answer larger than its share", () => {
    const cache = new ResponseCache({ maxBytes: 100, maxEntryBytes: 50 });
    cache.get("", 1);
    cache.set("a", 1, answer(40));
    cache.set("b", 1, answer(40));
    expect(cache.get("a", 1)).toBeDefined(); // a is now the most recent
    cache.set("c", 1, answer(40));
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)).toBeDefined();
    expect(cache.get("c", 1)).toBeDefined();
    expect(cache.sizeBytes).toBe(80);
    cache.set("big", 1, answer(60));
    expect(cache.get("big", 1)).toBeUndefined();
    cache.set("a", 1, answer(10));
    expect(cache.sizeBytes).toBe(50);
  });
});

describe("a cached app", () => {
  let store: FakeStore;
  let app: Hono;
  beforeEach(() => {
    store = new FakeStore();
    app = createApp(store, { cache: new ResponseCache(), webRoot: null });
  });
  const calls = (method: string) => store.calls.filter((c) => c.method === method).length;

  it("answers a repeated request from memory until the store changes", async () => {
    const first = await app.request("/events?type=CONSULT");
    expect(first.headers.get("X-Readout-Cache")).toBe("miss");
    const body = await first.text();
    const again = await app.request("/events?type=CONSULT");
    expect(again.headers.get("X-Readout-Cache")).toBe("hit");
    expect(await again.text()).toBe(body);
    expect(again.headers.get("Content-Type")).toBe(first.headers.get("Content-Type"));
    expect(again.headers.get("X-Frame-Options")).toBe("DENY");
    expect(calls("events")).toBe(1);
    store.changes++;
    expect((await app.request("/events?type=CONSULT")).headers.get("X-Readout-Cache")).toBe("miss");
    expect(calls("events")).toBe(2);
  });

  it("does nothing for a client that hung up while its request waited", async () => {
    const gone = new AbortController();
    gone.abort();
    const res = await app.request("/events?type=CONSULT", { signal: gone.signal });
    expect(res.status).toBe(503);
    expect(calls("events")).toBe(0);
    expect(calls("version")).toBe(0);
  });

  it("keys answers by URL and format, and keeps no error and no /-/ route", async () => {
    await app.request("/events");
    const csv = await app.request("/events", { headers: { Accept: "text/csv" } });
    expect(csv.headers.get("X-Readout-Cache")).toBe("miss");
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect((await app.request("/events?_limit=2")).headers.get("X-Readout-Cache")).toBe("miss");
    for (let i = 0; i < 2; i++) expect((await app.request("/events?_limit=0")).status).toBe(400);
    expect(calls("events")).toBe(3);
    for (let i = 0; i < 2; i++) expect((await app.request("/-/health")).headers.get("X-Readout-Cache")).toBeNull();
  });
});

describe("a cached app on SQLite", () => {
  const dir = mkdtempSync(join(tmpdir(), "readout-cache-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sees another connection's write at the next request", async () => {
    const path = join(dir, "events.db");
    const writer = await openSqliteStore(path);
    const reader = await openSqliteStore(path, { readonly: true });
    try {
      const coder = new Coder();
      const doc = (id: string, text: string) => toRecord(coder.code(sourceFromText(id, text, { storyDate: "2022-03-15" })), coder.kb);
      await writer.write([doc("one", "China accused Japan of violating its airspace.")]);
      const app = createApp(reader, { cache: new ResponseCache(), webRoot: null });
      const count = async () => ((await (await app.request("/events")).json()) as { events: unknown[] }).events.length;
      expect(await count()).toBe(1);
      expect(await count()).toBe(1);
      const before = await reader.version();
      // an unchanged document moves nothing
      expect(await writer.write([doc("one", "China accused Japan of violating its airspace.")])).toEqual(["unchanged"]);
      expect(await reader.version()).toBe(before);
      await writer.write([doc("two", "Brazil and India agreed to expand trade.")]);
      expect(await reader.version()).not.toBe(before);
      expect(await count()).toBe(2);
      expect(await reader.stats()).toMatchObject({ documents: 2, events: 2 });
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
