import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Coder, sourceFromText } from "../../src/index.ts";
import type { EventFilter, Store } from "../../src/store/model.ts";
import { ReadPool } from "../../src/store/read-pool.ts";
import { toRecord } from "../../src/store/record.ts";
import { InvalidCursorError, type SqlStore } from "../../src/store/sql.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";

const TEXTS: Record<string, string> = {
  talks: "Foreign Minister Wang Yi held talks with Secretary of State Antony Blinken in Washington on Monday. Wang urged the United States to stop arming Taiwan.",
  accuse: "China accused Japan of violating its airspace. Japan rejected the accusation on Tuesday.",
  praise: "The United Nations Secretary-General praised Ghana for its peacekeeping role. Brazil and India agreed to expand trade.",
};

describe("ReadPool", () => {
  const dir = mkdtempSync(join(tmpdir(), "readout-pool-"));
  const path = join(dir, "events.db");
  let direct: SqlStore;
  let pool: ReadPool;

  beforeAll(async () => {
    direct = await openSqliteStore(path);
    const coder = new Coder();
    await direct.write(Object.entries(TEXTS).map(([id, text]) => toRecord(coder.code(sourceFromText(id, text, { storyDate: "2022-03-15", publisher: "Example Wire" })), coder.kb)));
    pool = await ReadPool.open(path, "sqlite", 2);
  });
  afterAll(async () => {
    await pool?.close();
    await direct?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a facet index in every thread, and counts from it as the store does", async () => {
    const built = await pool.facetIndexes();
    const events = (await direct.stats()).events;
    expect(built).toEqual([expect.objectContaining({ kept: true, events }), expect.objectContaining({ kept: true, events })]);
    expect(await pool.counts({ q: "airspace japan" }, ["type", "country", "week"])).toEqual(await direct.counts({ q: "airspace japan" }, ["type", "country", "week"]));
  });

  it("answers every read as the store itself does, on its threads", async () => {
    const reads: Array<(s: Store) => Promise<unknown>> = [
      (s) => s.events({}, { limit: 2 }),
      (s) => s.events({ actor: "CHN" }, { limit: 10, sort: "date" }),
      (s) => s.count({}, "type"),
      (s) => s.counts({ q: "airspace" }, ["type", "country", "month"]),
      (s) => s.actors("japan", 5),
      (s) => s.actor("state:CHN"),
      (s) => s.document("accuse"),
      (s) => s.event("missing"),
      (s) => s.timeline({}, "week"),
      (s) => s.network({}, "country", 10),
      (s) => s.stats(),
      (s) => s.version(),
    ];
    // all at once: more requests than threads wait in the pool's queue
    const fromPool = await Promise.all(reads.map((read) => read(pool)));
    for (const [i, read] of reads.entries()) expect(fromPool[i], String(read)).toEqual(await read(direct));
    const all = async (s: Store, f: EventFilter) => {
      const ids: string[] = [];
      for await (const e of s.eachEvent(f)) ids.push(e.id);
      return ids;
    };
    expect(await all(pool, {})).toEqual(await all(direct, {}));
    expect(pool.load).toEqual({ reading: 0, waiting: 0, threads: 2 });
  });

  it("passes a store's errors on as they are (a bad cursor is still an InvalidCursorError)", async () => {
    await expect(pool.events({}, { limit: 1, cursor: "nonsense" })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(pool.write()).rejects.toThrow(/only read/);
  });

  it("refuses to open a database that is not there, saying why", async () => {
    await expect(ReadPool.open(join(dir, "missing.db"), "sqlite", 1)).rejects.toThrow(/unable to open|no such|not exist/i);
  });
});
