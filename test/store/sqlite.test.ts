import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";
import Database from "better-sqlite3";
import { openSqliteStore, sqliteDialect } from "../../src/store/sqlite.ts";
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

storeContract("SQLite", () => openSqliteStore(freshPath()), sqliteDialect.migrations);

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

describe("SQLite store: processes opening a new database at once", () => {
  const REPO = fileURLToPath(new URL("../..", import.meta.url));
  /** A process that opens (creating and migrating) the database, stores nothing, and closes it. */
  const opener = (path: string) =>
    new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "-e", `const { openSqliteStore } = await import("./src/store/sqlite.ts"); const s = await openSqliteStore(${JSON.stringify(path)}); await s.stats(); await s.close();`],
        { cwd: REPO, stdio: ["ignore", "ignore", "pipe"] },
      );
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
      child.on("close", (code) => done({ code, stderr }));
    });

  it("all succeed, 6 at a time, 20 times over, with the schema applied once", async () => {
    for (let round = 0; round < 20; round++) {
      const path = freshPath();
      const runs = await Promise.all(Array.from({ length: 6 }, () => opener(path)));
      for (const r of runs) expect(r.code, `round ${round}: ${r.stderr}`).toBe(0);
      const db = new Database(path, { readonly: true });
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as Array<{ version: number }>;
      db.close();
      expect(versions.map((v) => v.version)).toEqual(sqliteDialect.migrations.map((_, i) => i + 1));
    }
  }, 180_000);
});
