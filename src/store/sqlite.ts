import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { CORE_SCHEMA, type Dialect, orderMigration, sharedMigrations, type Driver, type Row, SqlStore, type Value } from "./sql.ts";

/** Full-text words as an FTS5 query: each word quoted (no operators get through), all required. */
function ftsQuery(words: string): string | null {
  const terms = words.match(/[\p{L}\p{N}]+/gu);
  return terms?.length ? terms.map((t) => `"${t}"`).join(" ") : null;
}

// URI file names ("file:/…?immutable=1", for read-only media: see immutableDatabase) are read only if SQLITE_USE_URI is
// set when better-sqlite3 loads its addon, at the first connection; every other name is passed so that it reads as the
// path it is (`literalPath`)
process.env.SQLITE_USE_URI ??= "1";

/** A path as SQLite must read it literally, URI names being on: "file:notes.db" is a file of that name here. */
const literalPath = (path: string) => (/^file:/i.test(path) ? `./${path}` : path);

/** Byte-wise text order, the same on both backends. */
const textBefore = (a: string, b: string) => `${a} < ${b}`;

/** Rows as a JSON array of arrays (an aggregate's ORDER BY: SQLite 3.44 and later). */
const jsonRows = (columns: readonly string[], from: string, order: string) => `(SELECT json_group_array(json_array(${columns.join(", ")}) ORDER BY ${order}) FROM ${from})`;

export const sqliteDialect: Dialect = {
  name: "sqlite",
  placeholder: (n) => `@p${n}`,
  weekStart: (c) => `date(${c}, '-6 days', 'weekday 1')`,
  fullText: (param) => `d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${param})`,
  // (the document's rowid from the id index, tested against the matching rowids: no row of the documents read)
  eventInMatchingDocument: (param) => `(SELECT d.rowid FROM documents d WHERE d.id = e.doc) IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${param})`,
  // (counted: the index's lists are read without the documents)
  matchingDocuments: { sql: (param) => `SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH ${param}`, read: (row) => Number(row?.n ?? 0) },
  // (rowids only grow: deleted documents leave gaps, which an estimate can bear)
  estimateDocuments: "SELECT max(rowid) AS n FROM documents",
  textBefore,
  fullTextQuery: ftsQuery,
  jsonRows,
  // (rowids: the full-text table's matches name documents by theirs, and every table is stored in their order)
  facetScans: {
    matchingKeys: (param) => `SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${param}`,
    documents: { select: "SELECT rowid, rowid, id FROM documents", order: "rowid" },
    events: { select: "SELECT rowid, id, doc, type, mode, publisher, date FROM events", order: "rowid" },
    participants: { select: "SELECT rowid, event, code FROM participants WHERE code IS NOT NULL", order: "rowid" },
  },
  words: {
    add: (list) => `INSERT INTO documents_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM documents WHERE id IN (${list})`,
    // (before the documents go: their rowids name their rows)
    remove: (list) => `DELETE FROM documents_fts WHERE rowid IN (SELECT rowid FROM documents WHERE id IN (${list}))`,
  },
  migrations: [
    [...CORE_SCHEMA, "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')"],
    ...sharedMigrations({ textBefore, jsonRows }),
    orderMigration("TEXT", (x) => `lower(${x})`),
  ],
};

/** Numbered parameters as better-sqlite3 takes them: named `@p1`, `@p2` … (it has no `?NNN` with positional values). */
function bind(values: readonly Value[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  values.forEach((v, i) => (out[`p${i + 1}`] = v));
  return out;
}

class SqliteDriver implements Driver {
  private readonly statements = new Map<string, Database.Statement>();
  private depth = 0;

  constructor(private readonly db: Database.Database) {}

  /** A cached statement; one returning arrays (`raw`) or first values (`pluck`) is a statement of its own, as the mode is its state. */
  private prepare(sql: string, mode: "" | "raw" | "pluck" = ""): Database.Statement {
    const key = mode ? `${mode}:${sql}` : sql;
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.prepare(sql);
      if (mode === "raw") s.raw(true);
      else if (mode === "pluck") s.pluck(true);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(key, s);
    }
    return s;
  }

  async all(sql: string, params: readonly Value[]): Promise<Row[]> {
    const s = this.prepare(sql);
    const named = bind(params);
    return s.reader ? (s.all(named) as Row[]) : (s.run(named), []);
  }

  async rows(sql: string, params: readonly Value[]): Promise<Value[][]> {
    return this.prepare(sql, "raw").all(bind(params)) as Value[][];
  }

  async column(sql: string, params: readonly Value[]): Promise<Value[]> {
    return this.prepare(sql, "pluck").all(bind(params)) as Value[];
  }

  async run(sql: string, params: readonly Value[]): Promise<void> {
    if (!params.length && /^\s*CREATE\s/i.test(sql)) this.db.exec(sql);
    else this.prepare(sql).run(bind(params));
  }

  async insert(table: string, columns: readonly string[], rows: readonly Value[][], onConflict?: string): Promise<void> {
    if (!rows.length) return;
    const marks = columns.map((_, i) => `@p${i + 1}`).join(", ");
    const s = this.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${marks})${onConflict ? ` ON CONFLICT ${onConflict}` : ""}`);
    for (const r of rows) s.run(bind(r));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    // better-sqlite3 is synchronous: the awaited calls inside run one after another on this connection
    if (this.depth > 0) return fn();
    this.db.exec("BEGIN IMMEDIATE");
    this.depth++;
    try {
      const out = await fn();
      this.db.exec("COMMIT");
      return out;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
      throw error;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    this.statements.clear();
    this.db.close();
  }
}

/**
 * The writer's page cache, in KiB. A writer mostly appends and touches each index near where it inserts; pages it
 * reads again come from the operating system's cache. 16 MiB instead of the readers' 64 keeps an ingest of the corpus
 * 60 MB smaller (435 MB with one coding thread) at no cost measurable beside the coding.
 */
const WRITER_CACHE_KIB = 16_384;

/** How long a writer waits for another process's lock, in ms. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Switches to write-ahead logging. The switch needs the database alone, and SQLite answers SQLITE_BUSY at once,
 * without waiting out busy_timeout, while another connection holds it (processes opening a new database together:
 * 1 opening in 120 failed so on a loaded machine); so it is tried again, for as long as busy_timeout would wait.
 */
async function writeAheadLog(db: Database.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
    }
  }
}

/**
 * Opens (creating if needed) a SQLite event database at `path` and brings its
 * schema up to date. Write-ahead logging keeps readers going while ingest
 * writes, and a crash at any moment leaves the last committed batch intact.
 * With `readonly`, opens an existing database for reading only (see `openSqliteReader`).
 */
export async function openSqliteStore(path: string, options: { readonly?: boolean } = {}): Promise<SqlStore> {
  if (options.readonly) return new SqlStore(new SqliteDriver(openForReading(path)), sqliteDialect);
  const db = new Database(literalPath(path));
  try {
    // (first: another process may hold the lock that switching to WAL or migrating needs)
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    await writeAheadLog(db);
    db.pragma("synchronous = NORMAL");
    db.pragma(`cache_size = -${WRITER_CACHE_KIB}`);
  } catch (error) {
    db.close();
    throw error;
  }
  const store = new SqlStore(new SqliteDriver(db), sqliteDialect);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Opens an existing database for `query`, `export` and `serve`, which only read: read-only, so that a database on
 * read-only media or in a folder the user cannot write is read all the same. A database from an older readout is
 * brought up to date first when its file can be written; one that cannot be is refused with what to do.
 */
export async function openSqliteReader(path: string): Promise<SqlStore> {
  const reader = await openSqliteStore(path, { readonly: true });
  let applied: number;
  try {
    applied = Number((await reader.schemaVersion()) ?? 0);
  } catch (error) {
    await reader.close();
    throw error;
  }
  if (applied >= sqliteDialect.migrations.length) return reader;
  await reader.close();
  try {
    await (await openSqliteStore(path)).close();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!/^SQLITE_(READONLY|CANTOPEN|PERM)/.test(code)) throw error;
    throw new Error(`it was written by an older readout and must be brought up to date, which needs write access to it and its folder (${(error as Error).message}); run any readout command on it once where it can be written`);
  }
  return openSqliteStore(path, { readonly: true });
}

/**
 * A read-only connection. A database in write-ahead-log mode is read through its "-shm" index file, which SQLite
 * creates beside it; in a folder that cannot be written (read-only media, another user's folder) it cannot, and no
 * writer can be at work there either, so the file is then opened as immutable: read as it is, without locks.
 */
function openForReading(path: string): Database.Database {
  const db = new Database(literalPath(path), { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  try {
    db.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (!/^SQLITE_(READONLY_DIRECTORY|CANTOPEN)/.test(code)) {
      db.close();
      throw error;
    }
    db.close();
    return immutableDatabase(path);
  }
  db.pragma("cache_size = -65536");
  return db;
}

/** The database at `path` opened read-only as immutable (SQLite's `immutable=1` URI parameter). */
function immutableDatabase(path: string): Database.Database {
  const uri = `${pathToFileURL(resolve(path)).href}?immutable=1`;
  return new Database(uri, { readonly: true, fileMustExist: true });
}
