/**
 * A document too large for a coding thread's memory is skipped with its reason,
 * its thread replaced, and the ingest goes on: the documents before and after
 * it, and those queued behind it on the same thread, are all stored.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../src/store/ingest.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "readout-thread-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ingest and a document that exhausts a coding thread", () => {
  it("skips that document with its reason and stores all the others", async () => {
    const small = (i: number) => ({ id: `small-${i}`, date: "2024-03-04", text: `Foreign Minister Wang Yi met Secretary of State Antony Blinken in Beijing on Monday, meeting number ${i}.` });
    // (invented: about 5 MB of clauses, more than a 128 MB thread can code)
    const huge = { id: "huge", date: "2024-03-04", text: "the French foreign minister met the Japanese ambassador in Paris and praised Japan for its help ".repeat(50_000) };
    const records = [small(1), small(2), huge, small(3), small(4), small(5)];
    const input = join(dir, "mixed.jsonl");
    await writeFile(input, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const store = await openSqliteStore(join(dir, "events.db"));
    const warnings: string[] = [];
    try {
      const summary = await ingest([input], store, { workers: 1, threadHeapMb: 128, maxDocBytes: 10_000_000, warn: (l) => warnings.push(l) });
      expect(summary.new).toBe(5);
      expect(summary.codingThreads).toBe(2); // the one that ran out of memory, and its replacement
      expect([...summary.skipped]).toEqual([["too large to code", 1]]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/mixed\.jsonl:3: coding it exhausted a coding thread's memory \(.*\); skipped, the rest goes on/);
      expect((await store.hashes(records.map((r) => r.id))).size).toBe(5);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("ingest of documents stored already", () => {
  it("starts no coding thread when nothing needs coding", async () => {
    const input = join(dir, "few.jsonl");
    await writeFile(input, [1, 2, 3].map((i) => JSON.stringify({ id: `few-${i}`, date: "2024-03-04", text: `China and Japan agreed to hold talks, round ${i}.` })).join("\n") + "\n");
    const store = await openSqliteStore(join(dir, "few.db"));
    try {
      const first = await ingest([input], store, { workers: 2 });
      expect([first.new, first.codingThreads]).toEqual([3, 2]);
      const again = await ingest([input], store, { workers: 2 });
      expect([again.unchanged, again.codingThreads]).toEqual([3, 0]);
    } finally {
      await store.close();
    }
  }, 60_000);
});
