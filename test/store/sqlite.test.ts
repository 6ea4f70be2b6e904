import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { openSqliteStore } from "../../src/store/sqlite.ts";
import { storeContract } from "./contract.ts";

/** The store contract against SQLite: every group gets a new database file in its own temporary folder. */

const dirs: string[] = [];
const freshPath = () => {
  const dir = mkdtempSync(join(tmpdir(), "readout-store-"));
  dirs.push(dir);
  return join(dir, "events.db");
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

storeContract("SQLite", () => openSqliteStore(freshPath()));

describe("SQLite store: opening", () => {
  it("is what openStore() picks for a file path, and keeps its data when reopened", async () => {
    const path = freshPath();
    const store = await openStore(path);
    expect(store.backend).toBe("sqlite");
    await store.close();
    const again = await openStore(path);
    expect(await again.stats()).toEqual({ documents: 0, events: 0, actors: 0 });
    await again.close();
  });
});
