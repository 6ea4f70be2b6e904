/** Whole results as streamed downloads (src/server/export.ts), over the in-memory store. */
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/server/app.ts";
import { EVENT_CSV_HEADER, csvLine, eventRows } from "../../src/server/csv.ts";
import { exportFileName, exportResponse } from "../../src/server/export.ts";
import { ploverOf } from "../../src/export/plover.ts";
import type { EventView, Store } from "../../src/store/model.ts";
import { EVENTS, FakeStore } from "./fake-store.ts";
import { expectError, get } from "./helpers.ts";

/** A store whose `eachEvent` gives `n` copies of the fake events under new ids, and records how far it was read. */
function manyEvents(n: number): { store: Store; read: () => number; closed: () => boolean } {
  let read = 0;
  let closed = false;
  const store = new FakeStore();
  store.eachEvent = async function* (): AsyncIterable<EventView> {
    try {
      for (let i = 0; i < n; i++) {
        read++;
        yield { ...EVENTS[i % EVENTS.length]!, id: `copy-${i}` };
      }
    } finally {
      closed = true;
    }
  };
  return { store, read: () => read, closed: () => closed };
}

describe("downloads of whole results", () => {
  it("name the file after the filters", () => {
    const params = new URLSearchParams("type=ACCUSE,REJECT&party=CHN&party=USA&from=2024-01-01&q=Hong Kong / Macau&actor=");
    expect(exportFileName(params, "csv")).toBe("readout-events_type-ACCUSE-REJECT_party-CHN-USA_from-2024-01-01_q-Hong-Kong-Macau.csv");
    expect(exportFileName(new URLSearchParams(), "plover")).toBe("readout-events.plover.jsonl");
    expect(exportFileName(new URLSearchParams("_sort=-date&type=AID"), "jsonl")).toBe("readout-events_type-AID_newest-first.jsonl");
    expect(exportFileName(new URLSearchParams("_sort=date"), "jsonl")).toBe("readout-events.jsonl");
    const long = exportFileName(new URLSearchParams({ q: "x".repeat(500) }), "csv");
    expect(long.length).toBeLessThanOrEqual(180 + ".csv".length);
  });

  it("stream every event however many, in chunks, each read only when the client asks for more", async () => {
    const { store, read, closed } = manyEvents(1_000);
    const res = await exportResponse(store, {}, "date", "jsonl", "all.jsonl", () => {});
    const reader = res.body!.getReader();
    const first = await reader.read();
    // (one chunk read, and at most the next one ahead of the client)
    expect(read()).toBeLessThanOrEqual(2 * 250 + 1);
    const decoder = new TextDecoder();
    let text = decoder.decode(first.value, { stream: true });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(1_000);
    expect(lines.map((l) => (JSON.parse(l) as EventView).id)).toEqual(Array.from({ length: 1_000 }, (_, i) => `copy-${i}`));
    expect(closed()).toBe(true);
  });

  it("stop reading the store when the client hangs up", async () => {
    const { store, read, closed } = manyEvents(100_000);
    const res = await exportResponse(store, {}, "date", "csv", "all.csv", () => {});
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(closed()).toBe(true);
    expect(read()).toBeLessThan(1_000);
  });

  it("refuse a filter the store refuses before any of the file is sent (an error, not an empty file)", async () => {
    const store = new FakeStore();
    store.eachEvent = async function* (): AsyncIterable<EventView> {
      throw Object.assign(new Error('actor: no actor, country or code in the database is called "Narnia"'), { name: "UnknownReferenceError" });
    };
    await expect(exportResponse(store, { actor: "Narnia" }, "date", "csv", "x.csv", () => {})).rejects.toMatchObject({ name: "UnknownReferenceError" });
  });

  it("end early, and log why, when the store fails while streaming", async () => {
    const store = new FakeStore();
    store.eachEvent = async function* (): AsyncIterable<EventView> {
      yield EVENTS[0]!;
      throw new Error("database disk image is malformed");
    };
    const logged: string[] = [];
    const res = await exportResponse(store, {}, "date", "csv", "x.csv", (line) => logged.push(line));
    await expect(res.text()).rejects.toThrow(/malformed/);
    expect(logged).toEqual(["readout serve: export of x.csv stopped: database disk image is malformed"]);
  });

  it("answer CSV, JSON Lines and PLOVER JSON Lines under the filters, oldest first unless asked, never cached", async () => {
    const app = createApp(new FakeStore());
    const oldestFirst = [...EVENTS].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id));
    const csv = await get(app, "/export/events.csv");
    expect([csv.status, csv.type, csv.headers.get("cache-control")]).toEqual([200, "text/csv; charset=utf-8", "no-store"]);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="readout-events.csv"');
    expect(csv.text).toBe(csvLine(EVENT_CSV_HEADER) + oldestFirst.flatMap(eventRows).map(csvLine).join(""));
    const jsonl = await get(app, "/export/events.jsonl?_sort=-date");
    expect(jsonl.type).toBe("application/x-ndjson; charset=utf-8");
    expect(jsonl.text).toBe([...oldestFirst].reverse().map((e) => `${JSON.stringify(e)}\n`).join(""));
    const plover = await get(app, "/export/events.plover.jsonl?type=CONSULT");
    const meetings = oldestFirst.filter((e) => e.event === "CONSULT");
    expect(meetings.length).toBeGreaterThan(1);
    expect(plover.text).toBe(meetings.map((e) => `${JSON.stringify(ploverOf(e))}\n`).join(""));
    expect(plover.headers.get("content-disposition")).toBe('attachment; filename="readout-events_type-CONSULT.plover.jsonl"');
  });

  it("refuse what /events refuses, in the one error body", async () => {
    const app = createApp(new FakeStore());
    expectError(await get(app, "/export/events.csv?_limit=5"), 400, "_limit");
    expectError(await get(app, "/export/events.jsonl?from=2024-02-30"), 400, "from");
    expect((await get(app, "/export/events.csv", { method: "POST" })).status).toBe(405);
  });
});
