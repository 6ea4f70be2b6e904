/**
 * Grows an event database to N copies of what it holds, for the query and load
 * benchmarks at scale:
 *
 *   npx tsx bench/scale-db.ts <db|postgres://…> [--copies N] [--json]
 *
 * The database (a SQLite file or a PostgreSQL URL) must hold one ingest of a
 * corpus; it is brought up to date, then every document, with its sentences,
 * mentions, events, contexts and participants, is copied N-1 times under new
 * ids (`<id>#c2` … `<id>#cN`) in one transaction per copy, the full-text index
 * is extended and the rollup counts multiplied by N, so that the result is
 * what N ingests of N differently named copies would store. Actors are shared:
 * the same people and states act N times as often. Costs that grow with the
 * data grow N-fold; the shape of every answer stays the same.
 *
 * A database already grown is refused, so figures stay comparable.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl, openStore, redactTarget } from "../src/store/open.ts";
import { parseDbBenchArgs } from "./args.ts";

const { db: target, json, numbers } = parseDbBenchArgs(process.argv.slice(2), {
  name: "scale-db",
  usage: "npx tsx bench/scale-db.ts <db|postgres://…> [--copies N] [--json]",
  help: "grows an event database to N copies of its documents and events (in place)",
  numbers: { "--copies": { default: 25, min: 2 } },
});
const copies = numbers["--copies"];
const isPostgres = isPostgresUrl(target);

/** The rows copied per document, and which of their columns hold an id that takes the copy's suffix. */
const COPIED: Array<{ table: string; ids: string[] }> = [
  { table: "documents", ids: ["id"] },
  { table: "events", ids: ["id", "doc"] },
  { table: "event_contexts", ids: ["event"] },
  { table: "participants", ids: ["event"] },
];

/** Counts kept by ingest (each in a column `events`), multiplied by the number of copies. */
const ROLLUPS = ["party_days", "node_counts", "edge_counts", "node_totals", "edge_totals", "day_counts", "role_counts", "value_counts"];

/** Columns PostgreSQL computes itself (the full-text vector), which an INSERT must leave out. */
const GENERATED = new Set(["search"]);

interface Sql {
  exec(sql: string): Promise<void>;
  value(sql: string): Promise<unknown>;
  columns(table: string): Promise<string[]>;
  transaction(fn: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

function sqliteSql(path: string): Sql {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  return {
    exec: async (sql) => void db.exec(sql),
    value: async (sql) => Object.values(db.prepare(sql).get() as object)[0],
    columns: async (table) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as Array<{ name: string }>).map((r) => r.name),
    transaction: async (fn) => {
      db.exec("BEGIN IMMEDIATE");
      try {
        await fn();
        db.exec("COMMIT");
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    close: async () => void db.close(),
  };
}

async function postgresSql(url: string): Promise<Sql> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => void (await client.query(sql)),
    value: async (sql) => Object.values((await client.query(sql)).rows[0] as object)[0],
    columns: async (table) =>
      (await client.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position", [table])).rows.map((r: { column_name: string }) => r.column_name),
    transaction: async (fn) => {
      await client.query("BEGIN");
      try {
        await fn();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    close: () => client.end(),
  };
}

async function main(): Promise<void> {
  // brings the schema up to date (and creates nothing: an empty database is refused below)
  await (await openStore(target)).close();
  const sql = isPostgres ? await postgresSql(target) : sqliteSql(target);
  try {
    const documents = Number(await sql.value("SELECT count(*) FROM documents"));
    if (!documents) throw new Error(`${target} holds no documents: ingest a corpus into it first`);
    if (Number(await sql.value("SELECT count(*) FROM documents WHERE id LIKE '%#c2'"))) throw new Error(`${target} has been grown already: start again from a fresh ingest`);
    const columns = new Map<string, string[]>();
    for (const { table } of COPIED) columns.set(table, (await sql.columns(table)).filter((c) => !GENERATED.has(c)));
    const started = performance.now();
    for (let k = 2; k <= copies; k++) {
      const suffix = `'#c${k}'`;
      await sql.transaction(async () => {
        for (const { table, ids } of COPIED) {
          const cols = columns.get(table)!;
          const values = cols.map((c) => (ids.includes(c) ? `${c} || ${suffix}` : c));
          await sql.exec(`INSERT INTO ${table} (${cols.join(", ")}) SELECT ${values.join(", ")} FROM ${table} WHERE ${ids[0]} NOT LIKE '%#c%'`);
        }
        if (!isPostgres) {
          await sql.exec(`INSERT INTO documents_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM documents WHERE id LIKE '%' || ${suffix}`);
        }
      });
      if (!json) process.stderr.write(`scale-db: copy ${k} of ${copies} stored (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
    await sql.transaction(async () => {
      for (const table of ROLLUPS) await sql.exec(`UPDATE ${table} SET events = events * ${copies}`);
      // (readers' caches see a new version)
      await sql.exec("UPDATE store_state SET version = version + 1, documents = (SELECT count(*) FROM documents) WHERE id = 1");
    });
    await sql.exec(isPostgres ? "ANALYZE" : "ANALYZE; PRAGMA optimize");
    const summary = {
      database: redactTarget(target),
      copies,
      documents: Number(await sql.value("SELECT count(*) FROM documents")),
      events: Number(await sql.value("SELECT count(*) FROM events")),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
    if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`scale-db: ${summary.database} now holds ${summary.documents.toLocaleString("en")} documents and ${summary.events.toLocaleString("en")} events (${copies} copies) after ${summary.seconds} s\n`);
  } finally {
    await sql.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`scale-db: ${error.message}\n`);
  process.exit(1);
});
