import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { CORE_SCHEMA, type Dialect, orderMigration, sharedMigrations, type Driver, type Row, SqlStore, type Value } from "./sql.ts";

/**
 * Folds text as SQLite's `unicode61 remove_diacritics` tokenizer does: lower
 * case, diacritics dropped ("Reykjavík" → "reykjavik"). Needs a UTF8 database.
 */
const folded = (sql: string) => `lower(regexp_replace(normalize(${sql}, NFKD), '[\\u0300-\\u036f]', '', 'g'))`;

/**
 * Title and text as a `tsvector` kept by PostgreSQL itself (schema 1 to 7: a generated column of `documents`). The
 * `simple` configuration matches words as written (no stemming, no stop words), as the SQLite full-text table does;
 * the query goes through the same parser.
 */
const FULL_TEXT = [
  `ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', ${folded("coalesce(title, '') || ' ' || text")})) STORED`,
  "CREATE INDEX documents_search ON documents USING GIN (search)",
];

/** A document's words as its row of `document_words` holds them. */
const WORDS = `to_tsvector('simple', ${folded("coalesce(title, '') || ' ' || text")})`;

/**
 * Schema 8: the words in a narrow table of their own, `document_words`, every vector longer than 128 bytes moved out
 * of line (toast_tuple_target). GIN gives row addresses, and the rows must be visited to learn their documents: a
 * word in 51,000 of 256,000 documents made that 32,000 pages of documents (140-280 ms), and is 3,300 pages of
 * `document_words` (15-20 ms). Each row also numbers its document (`n`, a new number at every write of it), by which
 * the facet index looks the matches up: 51,000 integers in 2-4 ms where their ids took 25-30 ms.
 */
const WORDS_TABLE = [
  "CREATE TABLE document_words (id TEXT PRIMARY KEY, search tsvector NOT NULL, n integer GENERATED ALWAYS AS IDENTITY) WITH (toast_tuple_target = 128)",
  "INSERT INTO document_words (id, search) SELECT id, search FROM documents ORDER BY id",
  "CREATE INDEX document_words_search ON document_words USING GIN (search)",
  "ALTER TABLE documents DROP COLUMN search",
];

/** A condition on `w` (document_words): its document holds every word of the parameter at `param`. */
const wordsMatch = (param: string) => `w.search @@ plainto_tsquery('simple', ${folded(param)})`;

/** The user's words, or null when there are none (`plainto_tsquery` ignores operators: every word is required). */
function tsWords(words: string): string | null {
  return /[\p{L}\p{N}]/u.test(words) ? words.trim().replace(/\s+/g, " ") : null;
}

/** Byte-wise text order, the same on both backends. */
const textBefore = (a: string, b: string) => `(${a} COLLATE "C") < (${b} COLLATE "C")`;

/** Rows as a JSON array of arrays, as text ("[]" for none). */
const jsonRows = (columns: readonly string[], from: string, order: string) =>
  `(SELECT coalesce(json_agg(json_build_array(${columns.join(", ")}) ORDER BY ${order}), '[]'::json)::text FROM ${from})`;

export const postgresDialect: Dialect = {
  name: "postgres",
  placeholder: (n) => `$${n}`,
  // a plain timestamp (not timestamptz), so the session's time zone plays no part
  weekStart: (c) => `to_char(date_trunc('week', (${c})::timestamp), 'YYYY-MM-DD')`,
  fullText: (param) => `d.id IN (SELECT w.id FROM document_words w WHERE ${wordsMatch(param)})`,
  // (probed event by event, the document found by its key: a page's walk reads a few hundred, where a list of every matching id costs the whole match)
  eventInMatchingDocument: (param) => `EXISTS (SELECT 1 FROM document_words w WHERE w.id = e.doc AND ${wordsMatch(param)})`,
  // (the planner's estimate from the word statistics ANALYZE keeps: counting would read every matching document)
  matchingDocuments: {
    sql: (param) => `EXPLAIN (FORMAT JSON) SELECT 1 FROM document_words w WHERE ${wordsMatch(param)}`,
    read: (row) => {
      const plan = row?.["QUERY PLAN"];
      const parsed = (typeof plan === "string" ? JSON.parse(plan) : plan) as Array<{ Plan?: { "Plan Rows"?: number } }> | undefined;
      return Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? 0);
    },
  },
  // (the planner's count, kept by ANALYZE; before the first, -1, and then the documents are counted)
  estimateDocuments: "SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE (SELECT count(*) FROM documents) END AS n FROM pg_class c WHERE c.oid = 'documents'::regclass",
  textBefore,
  fullTextQuery: tsWords,
  jsonRows,
  // (documents by their number in document_words; pages by primary keys, in the collation's order both in ORDER BY and
  // in the next page's `>`; an event's participants share their page's key)
  facetScans: {
    matchingKeys: (param) => `SELECT w.n FROM document_words w WHERE ${wordsMatch(param)}`,
    documents: { select: "SELECT id, n, id FROM document_words", order: "id" },
    events: { select: "SELECT id, id, doc, type, mode, publisher, date FROM events", order: "id" },
    participants: { select: "SELECT event, event, code FROM participants WHERE code IS NOT NULL", order: "event" },
  },
  words: {
    add: (list) => `INSERT INTO document_words (id, search) SELECT id, ${WORDS} FROM documents WHERE id IN (${list})`,
    remove: (list) => `DELETE FROM document_words WHERE id IN (${list})`,
  },
  migrations: [
    [...CORE_SCHEMA, ...FULL_TEXT],
    ...sharedMigrations({ textBefore, jsonRows }),
    WORDS_TABLE,
    orderMigration('TEXT COLLATE "C"', (x) => `translate(${x}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`),
  ],
};

/** PostgreSQL takes at most 65535 parameters in one statement. */
const MAX_PARAMS = 65_535;

/** The conflict target columns of an `ON CONFLICT (…) DO UPDATE` clause, or null for any other clause. */
function updateTarget(onConflict: string | undefined, columns: readonly string[]): number[] | null {
  const m = onConflict?.match(/^\s*\(([^)]*)\)\s*DO\s+UPDATE\b/i);
  if (!m) return null;
  return m[1]!.split(",").map((c) => columns.indexOf(c.trim()));
}

/**
 * Splits rows into multi-row statements within the parameter limit. With
 * `DO UPDATE`, a key seen again starts a new statement: PostgreSQL refuses to
 * update one row twice in one statement, and row after row is what SQLite does.
 */
function chunks(rows: readonly Value[][], width: number, key: number[] | null): Value[][][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / width));
  const out: Value[][][] = [];
  let chunk: Value[][] = [];
  let keys = new Set<string>();
  for (const r of rows) {
    const k = key ? JSON.stringify(key.map((i) => r[i] ?? null)) : null;
    if (chunk.length >= size || (k !== null && keys.has(k))) {
      out.push(chunk);
      chunk = [];
      keys = new Set();
    }
    chunk.push(r);
    if (k !== null) keys.add(k);
  }
  if (chunk.length) out.push(chunk);
  return out;
}

type Queryable = pg.Pool | pg.PoolClient;

/** PostgreSQL text cannot hold NUL; U+FFFD in its place keeps every offset into the text where it was. */
const storable = (params: readonly Value[]): Value[] =>
  params.map((v) => (typeof v === "string" && v.includes("\u0000") ? v.replaceAll("\u0000", "\uFFFD") : v));

/**
 * Statements over a connection pool. A transaction checks out one client and
 * every statement issued inside it (however deeply awaited) runs on that client.
 */
class PgDriver implements Driver {
  private readonly tx = new AsyncLocalStorage<pg.PoolClient>();

  constructor(private readonly pool: pg.Pool) {}

  private get db(): Queryable {
    return this.tx.getStore() ?? this.pool;
  }

  async all(sql: string, params: readonly Value[]): Promise<Row[]> {
    return (await this.db.query<Row>(sql, storable(params))).rows;
  }

  async rows(sql: string, params: readonly Value[]): Promise<Value[][]> {
    return (await this.db.query<Value[]>({ text: sql, values: storable(params), rowMode: "array" })).rows;
  }

  async column(sql: string, params: readonly Value[]): Promise<Value[]> {
    return (await this.rows(sql, params)).map((r) => r[0]!);
  }

  async run(sql: string, params: readonly Value[]): Promise<void> {
    await this.db.query(sql, storable(params));
  }

  async insert(table: string, columns: readonly string[], rows: readonly Value[][], onConflict?: string): Promise<void> {
    const conflict = onConflict ? ` ON CONFLICT ${onConflict}` : "";
    for (const chunk of chunks(rows, columns.length, updateTarget(onConflict, columns))) {
      let n = 0;
      const tuples = chunk.map((r) => `(${r.map(() => `$${++n}`).join(", ")})`);
      await this.run(`INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")}${conflict}`, chunk.flat());
    }
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.tx.getStore()) return fn();
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const out = await this.tx.run(client, fn);
      await client.query("COMMIT");
      return out;
    } catch (error) {
      await client.query("ROLLBACK").catch((e: unknown) => {
        broken = e instanceof Error ? e : new Error(String(e));
      });
      throw error;
    } finally {
      // a client that could not roll back is discarded rather than returned to the pool
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Any constant shared by every readout process: migrations of one database take turns. */
const MIGRATION_LOCK = 0x7265_6164; // "read"

/**
 * Connects to the PostgreSQL database at `url` (`postgres://user:pass@host:port/db`;
 * `?options=-c search_path=…` picks a schema) and brings its schema up to date.
 * Migrations run in one transaction under an advisory lock, so processes
 * starting together do not race to create the tables.
 */
export async function openPostgresStore(url: string): Promise<SqlStore> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // an idle client that loses its connection is dropped by the pool; without a listener the error would end the process
  pool.on("error", () => {});
  const driver = new PgDriver(pool);
  const store = new SqlStore(driver, postgresDialect);
  try {
    await driver.transaction(async () => {
      await driver.run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`, []);
      await store.migrate();
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return store;
}
