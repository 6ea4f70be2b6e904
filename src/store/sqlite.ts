import Database from "better-sqlite3";
import { CORE_SCHEMA, type Dialect, rollupMigration, type Driver, type Row, SqlStore, type Value } from "./sql.ts";

/** Full-text words as an FTS5 query: each word quoted (no operators get through), all required. */
function ftsQuery(words: string): string | null {
  const terms = words.match(/[\p{L}\p{N}]+/gu);
  return terms?.length ? terms.map((t) => `"${t}"`).join(" ") : null;
}

/** Byte-wise text order, the same on both backends. */
const textBefore = (a: string, b: string) => `${a} < ${b}`;

export const sqliteDialect: Dialect = {
  name: "sqlite",
  placeholder: (n) => `@p${n}`,
  weekStart: (c) => `date(${c}, '-6 days', 'weekday 1')`,
  fullText: (param) => `d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${param})`,
  textBefore,
  fullTextQuery: ftsQuery,
  migrations: [
    [...CORE_SCHEMA, "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')"],
    rollupMigration({ textBefore }),
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

  private prepare(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  async all(sql: string, params: readonly Value[]): Promise<Row[]> {
    const s = this.prepare(sql);
    const named = bind(params);
    return s.reader ? (s.all(named) as Row[]) : (s.run(named), []);
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
 * Opens (creating if needed) a SQLite event database at `path` and brings its
 * schema up to date. Write-ahead logging keeps readers going while ingest
 * writes, and a crash at any moment leaves the last committed batch intact.
 */
export async function openSqliteStore(path: string, options: { readonly?: boolean } = {}): Promise<SqlStore> {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // (first: another process may hold the lock that switching to WAL or migrating needs)
  db.pragma("busy_timeout = 5000");
  if (!options.readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
  }
  db.pragma("cache_size = -65536");
  const store = new SqlStore(new SqliteDriver(db), sqliteDialect);
  if (!options.readonly) await store.migrate();
  return store;
}
