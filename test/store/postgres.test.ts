import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open.ts";
import { openPostgresStore, postgresDialect } from "../../src/store/postgres.ts";
import { storeContract } from "./contract.ts";

/**
 * The store contract against the PostgreSQL server at READOUT_TEST_PG
 * (`.ci/run` starts one). Every group gets a new schema, dropped at the end.
 * Without the variable the file is skipped, saying so; with it, an
 * unreachable server fails the tests.
 */

const url = process.env.READOUT_TEST_PG;

if (!url) {
  console.log("skipping the PostgreSQL store contract: READOUT_TEST_PG is not set (.ci/run sets it)");
  describe.skip("PostgreSQL store contract", () => {
    it("needs READOUT_TEST_PG=postgres://user:password@host:port/database", () => {});
  });
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  const schemas: string[] = [];

  /** A URL whose connections work in a new, empty schema. */
  const freshSchema = async (): Promise<string> => {
    const schema = `readout_contract_${randomBytes(6).toString("hex")}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    const target = new URL(url);
    target.searchParams.set("options", `-c search_path=${schema}`);
    return target.toString();
  };

  afterAll(async () => {
    for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  storeContract("PostgreSQL", async () => openPostgresStore(await freshSchema()), postgresDialect.migrations);

  describe("PostgreSQL store: opening", () => {
    it("is what openStore() picks for a postgres:// or postgresql:// URL", async () => {
      const target = await freshSchema();
      for (const u of [target, target.replace(/^postgres:/, "postgresql:")]) {
        const store = await openStore(u);
        expect(store.backend).toBe("postgres");
        expect(await store.stats()).toEqual({ documents: 0, events: 0, actors: 0 });
        await store.close();
      }
    });

    it("migrates once when several processes open a new database together", async () => {
      const target = await freshSchema();
      const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore(target)));
      const schema = new URL(target).searchParams.get("options")!.split("=")[1]!;
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.schema_migrations`);
      // every migration applied and recorded once, however many processes raced to open it
      expect(Number(rows[0]!.n)).toBe(postgresDialect.migrations.length);
      await Promise.all(stores.map((s) => s.close()));
    });

    it("fails to open when the server cannot be reached", async () => {
      const target = new URL(url);
      target.host = "127.0.0.1:1";
      await expect(openPostgresStore(target.toString())).rejects.toThrow();
    });
  });
}
