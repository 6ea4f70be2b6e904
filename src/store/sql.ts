/**
 * The event database in SQL, shared by both backends: schema migrations, the
 * write path and every query. A backend supplies a `Driver` (how to run a
 * statement, a bulk insert and a transaction) and a `Dialect` (the few
 * places where SQLite and PostgreSQL differ: placeholders, weeks, full text).
 */
import { join } from "node:path";
import { fold } from "../kb/fold.ts";
import { readTsv } from "../kb/tsv.ts";
import { PACKAGE_ROOT } from "../paths.ts";
import { type FacetIndexBuild, type FacetScans, type FacetSelection, FacetIndexKeeper, INDEXED_KEYS } from "./facet-index.ts";
import { type EventShape, type RollupCells, addCells, emptyCells, eventEdges, monthOf, rollupCells } from "./rollup.ts";
import type {
  ActorProfile,
  ActorSummary,
  CountKey,
  CountRow,
  DocumentRecord,
  DocumentView,
  EventFilter,
  EventPage,
  EventSort,
  EventView,
  Interval,
  MentionRecord,
  Network,
  NetworkEdge,
  NetworkNode,
  PageRequest,
  ParticipantView,
  Store,
  StoreDiagnostics,
  StoreStats,
  TimelineRow,
  WriteOutcome,
  WriteTransaction,
  ActorRecord,
} from "./model.ts";

export type Value = string | number | null;
export type Row = Record<string, unknown>;

export interface Dialect {
  name: "sqlite" | "postgres";
  /** The n-th placeholder (1-based); numbered, so that a statement may use them in any order. */
  placeholder(n: number): string;
  /** The Monday starting the week of a YYYY-MM-DD text column, as YYYY-MM-DD text. */
  weekStart(column: string): string;
  /** A condition on `documents d` true when its title or text holds every word of the parameter at `param`. */
  fullText(param: string): string;
  /**
   * A condition on `e` (events) true when its document holds every word of the parameter at `param`, tested event
   * by event as a page walks (the matching documents are found once).
   */
  eventInMatchingDocument(param: string): string;
  /**
   * About how many documents hold every word of the parameter at `param`, cheaply (a cost estimate): the statement,
   * and the number read from its first row.
   */
  matchingDocuments: { sql(param: string): string; read(row: Row | undefined): number };
  /** A statement giving (as `n`) about how many documents there are, at once: for cost estimates. */
  estimateDocuments: string;
  /**
   * A scalar subquery giving, as JSON text, the array of `columns` arrays of the rows of `from` (a table, alias and
   * condition) in `order`; "[]" when there are none.
   */
  jsonRows(columns: readonly string[], from: string, order: string): string;
  /** Turns user words into the full-text parameter (or null when there are none). */
  fullTextQuery(words: string): string | null;
  /** A condition: text `a` sorts before `b`, byte-wise (the same order on both backends, whatever the locale). */
  textBefore(a: string, b: string): string;
  /** The statements that index the words of the documents of `list` (a list of placeholders) and drop them again. */
  words: { add(list: string): string; remove(list: string): string };
  /** The statements that build a facet index (see facet-index.ts). */
  facetScans: FacetScans;
  /** Schema migrations, in order; each runs in its own transaction with its version recorded. */
  migrations: string[][];
}

export interface Driver {
  all(sql: string, params: readonly Value[]): Promise<Row[]>;
  /** The rows as arrays of their columns' values, in the statement's order (no object per row: for long scans). */
  rows(sql: string, params: readonly Value[]): Promise<Value[][]>;
  /** The first column's values alone. */
  column(sql: string, params: readonly Value[]): Promise<Value[]>;
  run(sql: string, params: readonly Value[]): Promise<void>;
  /** Inserts rows of `columns` into `table`. */
  insert(table: string, columns: readonly string[], rows: readonly Value[][], onConflict?: string): Promise<void>;
  /** Runs `fn` in one transaction: all of it or none. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** An `actor`, `recipient` or `party` value that names no actor, country or code in the database. */
export class UnknownReferenceError extends Error {
  override name = "UnknownReferenceError";
  constructor(parameter: string, ref: string, likely: ReadonlyArray<{ id: string; name: string }>) {
    const guess = likely.length ? `; did you mean ${likely.map((a) => `${a.name} (${a.id})`).join(", ")}?` : "; /actors?q= finds actors by part of a name";
    super(`${parameter}: no actor, country or code in the database is called "${ref.trim()}"${guess}`);
  }
}

/** A page cursor that was not made by this store. */
export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
  constructor() {
    super("the page cursor is not valid: pass the `next` value of the previous page unchanged");
  }
}

const MAX_LIMIT = 1000;

/** Collects statement parameters and hands out their placeholders. */
class Params {
  readonly values: Value[] = [];
  constructor(private readonly dialect: Dialect) {}
  add(v: Value): string {
    this.values.push(v);
    return this.dialect.placeholder(this.values.length);
  }
  list(vs: readonly Value[]): string {
    return vs.map((v) => this.add(v)).join(", ");
  }
}

/** A page's cursor: the sort values of its last event (its key when sorted by one, its sort date, its id). */
const encodeCursor = (values: readonly string[]) => Buffer.from(JSON.stringify(values)).toString("base64url");
function decodeCursor(cursor: string, length: number): string[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === length && v.every((x) => typeof x === "string")) return v as string[];
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

/** The column an event list sorted by other than date is keyed on (see `orderMigration`). */
const ORDER_KEYS = { type: "type", actor: "actor_key", recipient: "recipient_key" } as const;
type OrderKey = keyof typeof ORDER_KEYS;
function orderKeyOf(sort: EventSort): OrderKey | null {
  const key = sort.replace(/^-/, "");
  return Object.hasOwn(ORDER_KEYS, key) ? (key as OrderKey) : null;
}
/** The sort key of an event with no actor (or recipient): after every name in byte order, as both stores compare it. */
export const NO_NAME = "\u{10FFFF}";
/** A name as an event list sorts it: A-Z lowered and nothing else, as SQLite's lower() (see `orderMigration`). */
export const sortName = (name: string): string => name.replace(/[A-Z]+/g, (m) => m.toLowerCase());
/**
 * A match set at most this large is sorted by a list's key whole (a few milliseconds); a larger one is walked down
 * the key's index, its other filters probed per event, until a page is found.
 */
const SORT_WHOLE_MAX = 20_000;

const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Whether `a` sorts before `b` byte-wise in UTF-8, as `Dialect.textBefore` compares in the database. */
const utf8Before = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;

/**
 * One record per actor id, by the rule the actors upsert applies to a stored one: the name first in byte order, and
 * the first non-null office in byte order; the rest from the first record. In id order (see `inKeyOrder`).
 */
function mergeActors(actors: readonly ActorRecord[]): ActorRecord[] {
  const byId = new Map<string, ActorRecord>();
  for (const a of actors) {
    const seen = byId.get(a.id);
    if (!seen) byId.set(a.id, { ...a });
    else {
      if (utf8Before(a.name, seen.name)) seen.name = a.name;
      if (a.office !== null && (seen.office === null || utf8Before(a.office, seen.office))) seen.office = a.office;
    }
  }
  return [...byId.keys()].sort().map((id) => byId.get(id)!);
}

/**
 * Rows in the order of their keys. Writers that take row locks in one order wait for each other but never deadlock;
 * any order shared by every process would do.
 */
const inKeyOrder = (rows: Map<string, Value[]>): Value[][] => [...rows.keys()].sort().map((k) => rows.get(k)!);

/** Every event a filter matches, page after page of the largest size (what `Store.eachEvent` gives). */
export async function* everyEvent(store: Pick<Store, "events">, filter: EventFilter, sort: EventSort): AsyncIterable<EventView> {
  let cursor: string | null = null;
  do {
    const page: EventPage = await store.events(filter, { limit: MAX_LIMIT, cursor, sort });
    yield* page.events;
    cursor = page.next;
  } while (cursor);
}

export class SqlStore implements Store, StoreDiagnostics {
  readonly backend: "sqlite" | "postgres";
  sortWholeMax = SORT_WHOLE_MAX;
  private readonly facetIndex: FacetIndexKeeper;

  constructor(
    private readonly db: Driver,
    private readonly dialect: Dialect,
  ) {
    this.backend = dialect.name;
    this.facetIndex = new FacetIndexKeeper({ rows: (sql, params) => this.db.rows(sql, params), column: (sql, params) => this.db.column(sql, params), version: () => this.version(), placeholder: (n) => dialect.placeholder(n) }, dialect.facetScans);
  }

  /**
   * Keeps facet counts of full-text matches (and of the other filters the index takes) in memory from now on, for a
   * server: resolves once the index is built (2.5-6 s per million events), and the figures of that build. `pageRows`
   * (for tests) is how many rows each statement of a build reads; `matchSets` how many full-text queries' matching
   * documents are kept for the index's version (default 16; 0 for none).
   */
  async keepFacetIndex(options: { pageRows?: number; matchSets?: number } = {}): Promise<FacetIndexBuild> {
    await this.facetIndex.start(options);
    return this.facetIndex.lastBuild!;
  }

  /**
   * Brings the schema up to date. Processes may open a new database at once (two ingests, an ingest and a server):
   * each migration runs in a transaction that holds the write lock (SQLite's BEGIN IMMEDIATE; PostgreSQL's advisory
   * lock, taken around the whole by openPostgresStore) and reads what is done inside it, so one process applies it and
   * the others, waiting on the lock, find it applied.
   */
  async migrate(): Promise<void> {
    for (const [i, statements] of this.dialect.migrations.entries()) {
      const version = i + 1;
      await this.db.transaction(async () => {
        await this.db.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", []);
        const done = await this.db.all(`SELECT 1 AS done FROM schema_migrations WHERE version = ${this.dialect.placeholder(1)}`, [version]);
        if (done.length) return;
        for (const s of statements) await this.db.run(s, []);
        await this.db.run(`INSERT INTO schema_migrations (version, applied_at) VALUES (${this.dialect.placeholder(1)}, ${this.dialect.placeholder(2)})`, [version, new Date().toISOString()]);
      });
    }
  }

  /** The last schema migration applied, or 0 for a database readout has not set up. */
  async schemaVersion(): Promise<number> {
    try {
      return num((await this.db.all("SELECT max(version) AS v FROM schema_migrations", []))[0]?.v);
    } catch (error) {
      if (/no such table|does not exist/i.test((error as Error).message)) return 0;
      throw error;
    }
  }

  async hashes(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const p = new Params(this.dialect);
      const rows = await this.db.all(`SELECT id, hash FROM documents WHERE id IN (${p.list(ids.slice(i, i + 500))})`, p.values);
      for (const r of rows) out.set(String(r.id), String(r.hash));
    }
    return out;
  }

  /** The batch being written: batches go one after another (the SQLite driver shares one connection between all callers). */
  private writing: Promise<unknown> = Promise.resolve();

  write(docs: readonly DocumentRecord[], also?: (tx: WriteTransaction, outcomes: readonly WriteOutcome[]) => Promise<void>): Promise<WriteOutcome[]> {
    const batch = this.writing.then(() => this.writeBatch(docs, also));
    this.writing = batch.catch(() => undefined);
    return batch;
  }

  /**
   * One transaction for the batch, with a statement per table for all its documents rather than per document. Every
   * statement that takes row locks other writers may also take (actors, offices, rollup cells) takes them in one
   * order, the order of their keys, so concurrent writers (workers on PostgreSQL) wait for one another but never
   * deadlock; the state row, which every write updates, comes last.
   */
  private async writeBatch(docs: readonly DocumentRecord[], also?: (tx: WriteTransaction, outcomes: readonly WriteOutcome[]) => Promise<void>): Promise<WriteOutcome[]> {
    return this.db.transaction(async () => {
      const stored = await this.hashes(docs.map((d) => d.id));
      const outcomes: WriteOutcome[] = [];
      const fresh: DocumentRecord[] = [];
      const replaced: string[] = [];
      const seen = new Map<string, string>();
      for (const d of docs) {
        const before = seen.get(d.id) ?? stored.get(d.id);
        if (before === d.hash) {
          outcomes.push("unchanged");
          continue;
        }
        // (a document given twice in one batch: the earlier copy is stored first, then replaced, as if in two batches)
        if (seen.has(d.id)) await this.storeDocuments(fresh.splice(0), replaced.splice(0));
        if (before !== undefined) replaced.push(d.id);
        fresh.push(d);
        seen.set(d.id, d.hash);
        outcomes.push(before === undefined ? "new" : "replaced");
      }
      await this.storeDocuments(fresh, replaced);
      const added = outcomes.filter((o) => o === "new").length;
      if (outcomes.some((o) => o !== "unchanged")) await this.db.run(`UPDATE store_state SET version = version + 1, documents = documents + ${this.dialect.placeholder(1)} WHERE id = 1`, [added]);
      // (inside the transaction every statement of the driver runs on its connection)
      if (also) await also({ query: (sql, params) => this.db.all(sql, params as Value[]) }, outcomes);
      return outcomes;
    });
  }

  /** Takes out the stored documents `replaced` (each one of `docs`), then stores `docs` (distinct ids) with their rollups. */
  private async storeDocuments(docs: readonly DocumentRecord[], replaced: readonly string[]): Promise<void> {
    if (!docs.length) return;
    const cells = emptyCells();
    for (const id of replaced) {
      const before = await this.storedShapes(id);
      addCells(cells, rollupCells(before.events, before.publisher), -1);
    }
    if (replaced.length) await this.deleteDocuments(replaced);
    await this.insertDocuments(docs);
    for (const d of docs) addCells(cells, rollupCells(d.events, d.publisher), 1);
    await this.addRollups(cells);
  }

  private async deleteDocuments(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const p = new Params(this.dialect);
      const list = p.list(ids.slice(i, i + 500));
      const ofDocs = `(SELECT id FROM events WHERE doc IN (${list}))`;
      await this.db.run(`DELETE FROM participants WHERE event IN ${ofDocs}`, p.values);
      await this.db.run(`DELETE FROM event_contexts WHERE event IN ${ofDocs}`, p.values);
      await this.db.run(`DELETE FROM events WHERE doc IN (${list})`, p.values);
      await this.db.run(this.dialect.words.remove(list), p.values);
      await this.db.run(`DELETE FROM documents WHERE id IN (${list})`, p.values);
    }
  }

  private async insertDocuments(docs: readonly DocumentRecord[]): Promise<void> {
    const db = this.db;
    await db.insert(
      "documents",
      ["id", "source", "publisher", "url", "date", "title", "text", "hash", "sentences_json", "mentions_json"],
      docs.map((d) => {
        // sentences and mentions only `document()` reads: one JSON array each, beside the text (see layersMigration)
        const sentences = JSON.stringify(d.sentences.map((x) => [x.index, x.start, x.end, x.skip]));
        const mentions = JSON.stringify(
          [...d.mentions].sort((a, b) => a.start - b.start || a.end - b.end).map((m) => [m.actor, m.sentence, m.type, m.start, m.end, m.fullStart, m.fullEnd]),
        );
        return [d.id, d.source, d.publisher, d.url, d.date, d.title, d.text, d.hash, sentences, mentions];
      }),
    );
    for (let i = 0; i < docs.length; i += 500) {
      const p = new Params(this.dialect);
      const list = p.list(docs.slice(i, i + 500).map((d) => d.id));
      await db.run(this.dialect.words.add(list), p.values);
    }
    const actors = mergeActors(docs.flatMap((d) => d.actors));
    await db.insert(
      "actors",
      ["id", "name", "name_fold", "kind", "code", "office", "source"],
      actors.map((a) => [a.id, a.name, fold(a.name), a.kind, a.code, a.office, a.source]),
      // whatever order documents arrive in (ingest codes them in parallel), an actor ends up with the same name and office (mergeActors: the same rule)
      `(id) DO UPDATE SET
        name = CASE WHEN ${this.dialect.textBefore("excluded.name", "actors.name")} THEN excluded.name ELSE actors.name END,
        name_fold = CASE WHEN ${this.dialect.textBefore("excluded.name", "actors.name")} THEN excluded.name_fold ELSE actors.name_fold END,
        office = CASE WHEN actors.office IS NULL OR ${this.dialect.textBefore("excluded.office", "actors.office")} THEN coalesce(excluded.office, actors.office) ELSE actors.office END`,
    );
    const offices = new Map<string, Value[]>();
    for (const a of docs.flatMap((d) => d.actors)) {
      for (const o of a.offices) {
        const key = JSON.stringify([a.id, o.office, o.start]);
        // (the first of a key is kept, as DO NOTHING keeps the stored one)
        if (!offices.has(key)) offices.set(key, [a.id, o.office, o.code, o.start, o.end]);
      }
    }
    if (offices.size) await db.insert("actor_offices", ["actor", "office", "code", "start_date", "end_date"], inKeyOrder(offices), "(actor, office, start_date) DO NOTHING");
    await db.insert(
      "events",
      ["id", "doc", "publisher", "sentence", "sentence_start", "sentence_end", "sentence_text", "date", "sort_date", "type", "mode", "cameo", "trigger_start", "trigger_end", "actor_key", "recipient_key"],
      docs.flatMap((d) => {
        const byIndex = new Map(d.sentences.map((s) => [s.index, s]));
        return d.events.map((e) => {
          const s = byIndex.get(e.sentence)!;
          const first = (role: "actor" | "recipient") => sortName(e.participants.find((x) => x.role === role)?.name ?? NO_NAME);
          return [e.id, d.id, d.publisher, e.sentence, s.start, s.end, d.text.slice(s.start, s.end), e.date, e.date ?? "", e.type, e.mode, e.cameo, e.triggerStart, e.triggerEnd, first("actor"), first("recipient")];
        });
      }),
    );
    const events = docs.flatMap((d) => d.events);
    await db.insert("event_contexts", ["event", "context", "sort_date"], events.flatMap((e) => e.context.map((c) => [e.id, c, e.date ?? ""])));
    await db.insert(
      "participants",
      ["event", "role", "pos", "actor", "name", "code", "office", "sector", "text", "sort_date"],
      events.flatMap((e) => {
        const pos = { actor: 0, recipient: 0 };
        return e.participants.map((p) => [e.id, p.role, pos[p.role]++, p.actor, p.name, p.code, p.office, p.sector, p.text, e.date ?? ""]);
      }),
    );
  }

  /** Adds net counts to the rollup cells, in key order (see writeBatch); cells counted down to nothing go. */
  private async addRollups(cells: RollupCells): Promise<void> {
    const add = async <C>(table: string, columns: string[], cells: Map<string, [C, number]>, values: (cell: C) => Value[]) => {
      const rows = new Map<string, Value[]>();
      const fewer: Value[][] = [];
      for (const [key, [c, n]] of cells) {
        if (n === 0) continue;
        const row = values(c);
        rows.set(key, [...row, n]);
        if (n < 0) fewer.push(row);
      }
      await this.db.insert(table, [...columns, "events"], inKeyOrder(rows), `(${columns.join(", ")}) DO UPDATE SET events = ${table}.events + excluded.events`);
      // (the tables are large; the cells of a batch few: each by its key)
      const empty = `DELETE FROM ${table} WHERE ${columns.map((c, i) => `${c} = ${this.dialect.placeholder(i + 1)}`).join(" AND ")} AND events <= 0`;
      for (const row of fewer) await this.db.run(empty, row);
    };
    await add("node_counts", ["level", "node", "type", "month", "publisher"], cells.nodes, (c) => [c.level, c.node, c.type, c.month, c.publisher]);
    await add("edge_counts", ["level", "source", "target", "directed", "type", "month", "publisher"], cells.edges, (c) => [c.level, c.source, c.target, c.directed ? 1 : 0, c.type, c.month, c.publisher]);
    await add("node_totals", ["level", "node", "type"], cells.nodeTotals, (c) => [c.level, c.node, c.type]);
    await add("edge_totals", ["level", "source", "target", "directed", "type"], cells.edgeTotals, (c) => [c.level, c.source, c.target, c.directed ? 1 : 0, c.type]);
    await add("party_days", ["level", "a", "b", "date", "type"], cells.parties, (c) => [c.level, c.a, c.b, c.date, c.type]);
    await add("day_counts", ["date", "type", "mode", "publisher"], cells.days, (c) => [c.date, c.type, c.mode, c.publisher]);
    await add("role_counts", ["level", "node", "role"], cells.roles, (c) => [c.level, c.node, c.role]);
    await add("value_counts", ["kind", "value"], cells.values, (c) => [c.kind, c.value]);
  }

  /** A stored document's events as the rollups saw them, to take them out again. */
  private async storedShapes(doc: string): Promise<{ events: EventShape[]; publisher: string | null }> {
    const ph = this.dialect.placeholder(1);
    const rows = await this.db.all(
      `SELECT e.id, e.type, e.date, e.mode, e.publisher, p.role, p.actor, p.code FROM events e LEFT JOIN participants p ON p.event = e.id WHERE e.doc = ${ph} ORDER BY e.id`,
      [doc],
    );
    const contexts = await this.db.all(`SELECT c.event, c.context FROM event_contexts c WHERE c.event IN (SELECT id FROM events WHERE doc = ${ph})`, [doc]);
    const byId = new Map<string, EventShape & { context: string[] }>();
    let publisher: string | null = null;
    for (const r of rows) {
      publisher = str(r.publisher);
      const id = String(r.id);
      let ev = byId.get(id);
      if (!ev) byId.set(id, (ev = { type: String(r.type), date: str(r.date), mode: str(r.mode), context: [], participants: [] }));
      if (r.role !== null) ev.participants.push({ role: r.role === "actor" ? "actor" : "recipient", actor: String(r.actor), code: str(r.code) });
    }
    for (const r of contexts) byId.get(String(r.event))?.context.push(String(r.context));
    return { events: [...byId.values()], publisher };
  }

  // ------------------------------------------------------------ filters

  /**
   * What a participant reference names: an actor by id; by name, the actors of that name, or, for a country's name,
   * the country (everyone of its code, as the code itself names them: "China" and "CHN" are one filter); else a
   * code some participant has. Anything else is an UnknownReferenceError, with the likeliest actors it may mean.
   */
  private async resolve(ref: string, parameter: string): Promise<{ ids: string[] } | { code: string }> {
    const code = ref.trim().toUpperCase();
    // (three capitals some participant has are that code, before any actor a name of those letters may fold to)
    const capitals = /^[A-Z]{3}$/.test(ref.trim());
    const coded = capitals ? await this.hasCode(code) : null;
    if (coded) return { code };
    const p = new Params(this.dialect);
    const rows = await this.db.all(`SELECT id, kind, code FROM actors WHERE id = ${p.add(ref)} OR name_fold = ${p.add(fold(ref.trim()))}`, p.values);
    if (rows.some((r) => String(r.id) === ref)) return { ids: [ref] };
    const codes = new Set(rows.map((r) => (r.kind === "state" ? str(r.code) : null)));
    const [only] = codes;
    if (codes.size === 1 && only) return { code: only };
    if (rows.length) return { ids: rows.map((r) => String(r.id)) };
    if (coded ?? (await this.hasCode(code))) return { code };
    // (the people, states and organisations a last word names, busiest first; a pair's group is no guess)
    const likely = ref.trim() ? (await this.actors(ref.trim().split(/\s+/).at(-1)!, 12)).filter((a) => a.kind !== "group").slice(0, 3) : [];
    throw new UnknownReferenceError(parameter, ref, likely);
  }

  private async hasCode(code: string): Promise<boolean> {
    const p = new Params(this.dialect);
    return (await this.db.all(`SELECT 1 AS found FROM participants WHERE code = ${p.add(code)} LIMIT 1`, p.values)).length > 0;
  }

  /** A filter with its actor references resolved. */
  private async compile(f: EventFilter): Promise<Compiled> {
    const sides: Side[] = [];
    const side = async (ref: string, role: "actor" | "recipient" | null) => {
      const r = await this.resolve(ref, role ?? "party");
      sides.push("ids" in r ? { column: "actor", level: "actor", values: r.ids, role } : { column: "code", level: "country", values: [r.code], role });
    };
    if (f.actor) await side(f.actor, "actor");
    if (f.recipient) await side(f.recipient, "recipient");
    for (const ref of f.party ?? []) await side(ref, null);
    const list = (vs: string[] | undefined) => (vs?.length ? vs : null);
    return {
      sides,
      type: list(f.type?.map((t) => t.toUpperCase())),
      mode: list(f.mode),
      publisher: list(f.publisher),
      doc: list(f.doc),
      context: list(f.context),
      from: f.from ?? null,
      to: f.to ?? null,
      q: f.q === undefined ? undefined : this.dialect.fullTextQuery(f.q),
    };
  }

  /**
   * Conditions on `e` (events) for everything in `c` but the driving part `skip`. Participants and contexts are
   * probed per event (by their primary keys), other columns compared with index use turned off (`+`), so that the
   * driver's index keeps the page order. Dates are left to the caller, which ranges over its own sort column.
   */
  private residual(c: Compiled, p: Params, skip: PageDriver | null): string[] {
    const conds: string[] = [];
    for (const s of c.sides) {
      if (skip?.kind === "participants" && skip.side === s) continue;
      const role = s.role ? ` AND x.role = ${p.add(s.role)}` : "";
      conds.push(`EXISTS (SELECT 1 FROM participants x WHERE x.event = e.id AND ${this.noIndex(`x.${s.column}`)} IN (${p.list(s.values)})${role})`);
    }
    for (const column of ["type", "mode", "publisher", "doc"] as const) {
      const vs = c[column];
      if (vs && !(skip?.kind === "events" && skip.column === column)) conds.push(`${this.noIndex(`e.${column}`)} IN (${p.list(vs)})`);
    }
    if (c.context && skip?.kind !== "contexts") conds.push(`EXISTS (SELECT 1 FROM event_contexts xc WHERE xc.event = e.id AND ${this.noIndex("xc.context")} IN (${p.list(c.context)}))`);
    if (c.q !== undefined && skip?.kind !== "words") conds.push(c.q === null ? "1 = 0" : this.dialect.eventInMatchingDocument(p.add(c.q)));
    return conds;
  }

  /** A column compared without its index (SQLite's unary `+`; PostgreSQL's planner needs no such hint). */
  private noIndex(column: string): string {
    return this.dialect.name === "sqlite" ? `+${column}` : column;
  }

  /**
   * Conditions on `e` for the whole match set (aggregates), dates included. Participants are looked up by actor or
   * code (their index gives the events at once) rather than probed event by event.
   */
  private matchConds(c: Compiled, p: Params): string[] {
    const conds = this.residual({ ...c, sides: [], q: undefined }, p, null);
    if (c.q !== undefined) conds.push(c.q === null ? "1 = 0" : `e.doc IN (SELECT d.id FROM documents d WHERE ${this.dialect.fullText(p.add(c.q))})`);
    for (const s of c.sides) {
      const role = s.role ? ` AND x.role = ${p.add(s.role)}` : "";
      conds.push(`e.id IN (SELECT x.event FROM participants x WHERE x.${s.column} IN (${p.list(s.values)})${role})`);
    }
    if (c.from) conds.push(`e.sort_date >= ${p.add(c.from)}`);
    if (c.to) conds.push(`e.sort_date <= ${p.add(c.to)}`, "e.sort_date <> ''");
    return conds;
  }

  private async where(f: EventFilter, p: Params): Promise<string> {
    const conds = this.matchConds(await this.compile(f), p);
    return conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  }

  /**
   * What drives a page: the filter part matching the fewest events (counted by the rollups), walked in page order
   * down its own index; the rest is probed per event (`residual`). A page then reads about `limit` rows divided by
   * the share of the driver's events the rest keeps, however large the database.
   */
  private async driver(c: Compiled, limit: number): Promise<{ driver: PageDriver | null; size: number }> {
    const candidates: Array<[PageDriver, () => Promise<number>]> = [];
    if (c.q) {
      const words: PageDriver & { kind: "words" } = { kind: "words", docs: [] };
      candidates.push([words, () => this.wordsDriveCost(c.q!, limit, words.docs)]);
    }
    if (c.doc) candidates.push([{ kind: "events", column: "doc", values: c.doc }, async () => 0]);
    for (const side of c.sides) {
      const role = side.role ?? "any";
      candidates.push([
        { kind: "participants", side },
        () => this.sumCounts(`SELECT sum(events) AS n FROM role_counts WHERE level = ${this.dialect.placeholder(1)} AND role = ${this.dialect.placeholder(2)} AND node IN`, [side.level, role], side.values),
      ]);
    }
    const values = (kind: "type" | "mode" | "publisher" | "context", vs: string[]) => () =>
      this.sumCounts(`SELECT sum(events) AS n FROM value_counts WHERE kind = ${this.dialect.placeholder(1)} AND value IN`, [kind], vs);
    for (const column of ["type", "mode", "publisher"] as const) {
      const vs = c[column];
      if (vs) candidates.push([{ kind: "events", column, values: vs }, values(column, vs)]);
    }
    if (c.context) candidates.push([{ kind: "contexts", values: c.context }, values("context", c.context)]);
    let best: PageDriver | null = null;
    let fewest = Infinity;
    for (const [d, size] of candidates) {
      const n = await size();
      if (n < fewest) [best, fewest] = [d, n];
      if (n === 0) break;
    }
    return { driver: best, size: fewest };
  }

  /**
   * The events of the documents holding some words, as a page's driver: their count when sorting them costs less
   * than walking all events in page order until a page of them is found (there are few: about `documents`² ≤
   * `limit` × all documents), else never (they are probed along the walk instead). The documents, found once, go
   * into `docs` as a list the page names, so that no planner walks the events in their stead.
   */
  private async wordsDriveCost(q: string, limit: number, docs: string[]): Promise<number> {
    const p = new Params(this.dialect);
    const estimate = this.dialect.matchingDocuments.read((await this.db.all(this.dialect.matchingDocuments.sql(p.add(q)), p.values))[0]);
    const all = Math.max(1, num((await this.db.all(this.dialect.estimateDocuments, []))[0]?.n));
    const most = Math.ceil(Math.sqrt((limit + 1) * all));
    if (estimate > most) return Infinity;
    // (twice the most, for an estimate that fell short)
    const f = new Params(this.dialect);
    const found = await this.db.all(`SELECT d.id FROM documents d WHERE ${this.dialect.fullText(f.add(q))} LIMIT ${f.add(2 * most + 1)}`, f.values);
    if (found.length > 2 * most) return Infinity;
    docs.push(...found.map((r) => String(r.id)));
    const events = num((await this.db.all("SELECT sum(events) AS n FROM value_counts WHERE kind = 'type'", []))[0]?.n);
    return (docs.length * events) / all;
  }

  private async sumCounts(sql: string, fixed: Value[], values: string[]): Promise<number> {
    const p = new Params(this.dialect);
    for (const v of fixed) p.add(v);
    return num((await this.db.all(`${sql} (${p.list(values)})`, p.values))[0]?.n);
  }

  /**
   * The statement giving a page's event ids in order (`s` the sort date, `i` the id), and its parameters. One
   * walk down an index per value of the driving filter, merged (a UNION keeps an event matched twice once).
   */
  private async pageQuery(f: EventFilter, page: PageRequest, limit: number): Promise<{ sql: string; params: Value[] }> {
    const c = await this.compile(f);
    const sort = page.sort ?? "-date";
    const key = orderKeyOf(sort);
    if (key) return this.keyPageQuery(c, key, !sort.startsWith("-"), page.cursor ? decodeCursor(page.cursor, 3) : null, limit);
    const desc = sort === "-date";
    const dir = desc ? "DESC" : "ASC";
    const cursor = page.cursor ? decodeCursor(page.cursor, 2) : null;
    const { driver: d } = await this.driver(c, limit);
    const p = new Params(this.dialect);
    const arm = (from: string, sortCol: string, idCol: string, own: string[], distinct = false) => {
      const conds = [...own];
      if (c.from) conds.push(`${sortCol} >= ${p.add(c.from)}`);
      if (c.to) conds.push(`${sortCol} <= ${p.add(c.to)}`, `${sortCol} <> ''`);
      if (cursor) {
        // a range on the index (the first condition), then the ties on the cursor's date
        const [date = "", id = ""] = cursor;
        conds.push(`${sortCol} ${desc ? "<=" : ">="} ${p.add(date)}`, `(${sortCol} ${desc ? "<" : ">"} ${p.add(date)} OR ${idCol} ${desc ? "<" : ">"} ${p.add(id)})`);
      }
      conds.push(...this.residual(c, p, d));
      const where = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
      return { select: `SELECT ${distinct ? "DISTINCT " : ""}${sortCol} AS s, ${idCol} AS i FROM ${from} ${where}`, order: `ORDER BY ${sortCol} ${dir}, ${idCol} ${dir}` };
    };
    const arms: Array<{ select: string; order: string }> = [];
    if (!d) arms.push(arm("events e", "e.sort_date", "e.id", []));
    else if (d.kind === "events") for (const v of d.values) arms.push(arm("events e", "e.sort_date", "e.id", [`e.${d.column} = ${p.add(v)}`]));
    // (the words' few events, sorted: no index holds them in page order)
    else if (d.kind === "words") arms.push(arm("events e", "e.sort_date", "e.id", [d.docs.length ? `e.doc IN (${p.list(d.docs)})` : "1 = 0"]));
    else if (d.kind === "contexts") {
      for (const v of d.values) arms.push(arm("event_contexts k JOIN events e ON e.id = k.event", "k.sort_date", "k.event", [`k.context = ${p.add(v)}`]));
    } else {
      for (const v of d.side.values) {
        const own = [`k.${d.side.column} = ${p.add(v)}`, ...(d.side.role ? [`k.role = ${p.add(d.side.role)}`] : [])];
        // (an event may name the same actor or code twice: DISTINCT over the index order drops the repeats)
        arms.push(arm("participants k JOIN events e ON e.id = k.event", "k.sort_date", "k.event", own, true));
      }
    }
    const [only] = arms;
    // (the words' events found first, then sorted: a planner left to itself may walk every event in their stead)
    if (d?.kind === "words" && only) return { sql: `WITH m AS MATERIALIZED (${only.select}) SELECT s, i FROM m ORDER BY s ${dir}, i ${dir} LIMIT ${p.add(limit + 1)}`, params: p.values };
    if (arms.length === 1 && only) return { sql: `${only.select} ${only.order} LIMIT ${p.add(limit + 1)}`, params: p.values };
    // Several walks merged in page order, each read no further than the page: SQLite merges a compound SELECT's
    // arms in their own index order; PostgreSQL merges arms that each keep their order and limit. An event two
    // walks find (two of its contexts, two ids of one name) comes twice: the caller keeps the first, so that
    // `limit` + 1 events stand among the first (`limit` + 1) × walks rows.
    const merged =
      this.dialect.name === "sqlite" ? arms.map((a) => a.select).join(" UNION ALL ") : arms.map((a) => `(${a.select} ${a.order} LIMIT ${p.add(limit + 1)})`).join(" UNION ALL ");
    return { sql: `${merged} ORDER BY s ${dir}, i ${dir} LIMIT ${p.add((limit + 1) * arms.length)}`, params: p.values };
  }

  /**
   * The statement giving a page of events sorted by a key (type, first actor's or recipient's name; `k`), newest
   * first within a key (`s` the sort date, `i` the id), or the whole order reversed. A small match set is found
   * by its filters' own indexes and sorted whole; a large one is walked down the key's index (`orderMigration`),
   * every filter probed per event, so that a page reads about `limit` rows divided by the share the filters keep.
   */
  private async keyPageQuery(c: Compiled, key: OrderKey, ascending: boolean, cursor: string[] | null, limit: number): Promise<{ sql: string; params: Value[] }> {
    const column = `e.${ORDER_KEYS[key]}`;
    const [keyDir, withinDir] = ascending ? ["ASC", "DESC"] : ["DESC", "ASC"];
    const order = `ORDER BY k ${keyDir}, s ${withinDir}, i ${withinDir}`;
    const p = new Params(this.dialect);
    const after = (conds: string[], keyCol: string) => {
      if (!cursor) return conds;
      const [k = "", date = "", id = ""] = cursor;
      const [kCmp, within] = ascending ? [">", "<"] : ["<", ">"];
      // (a range on the key's index, then the ties on the cursor's key and date)
      const kp = p.add(k);
      const dp = p.add(date);
      return [...conds, `${keyCol} ${kCmp}= ${kp}`, `(${keyCol} ${kCmp} ${kp} OR e.sort_date ${within} ${dp} OR (e.sort_date = ${dp} AND e.id ${within} ${p.add(id)}))`];
    };
    const { size } = await this.driver(c, limit);
    if (size < this.sortWholeMax) {
      const conds = after(this.matchConds(c, p), column);
      const where = conds.length ? `WHERE ${conds.join(" AND ")}` : "";
      return { sql: `WITH m AS MATERIALIZED (SELECT ${column} AS k, e.sort_date AS s, e.id AS i FROM events e ${where}) SELECT k, s, i FROM m ${order} LIMIT ${p.add(limit + 1)}`, params: p.values };
    }
    const conds = this.residual(c, p, null);
    if (c.from) conds.push(`${this.noIndex("e.sort_date")} >= ${p.add(c.from)}`);
    if (c.to) conds.push(`${this.noIndex("e.sort_date")} <= ${p.add(c.to)}`, `${this.noIndex("e.sort_date")} <> ''`);
    const all = after(conds, column);
    const where = all.length ? `WHERE ${all.join(" AND ")}` : "";
    return { sql: `SELECT ${column} AS k, e.sort_date AS s, e.id AS i FROM events e ${where} ${order} LIMIT ${p.add(limit + 1)}`, params: p.values };
  }

  // ------------------------------------------------------------ events

  async events(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit)));
    const { sql, params } = await this.pageQuery(filter, page, limit);
    // (merged walks may give an event twice: the first is kept)
    const found = new Map<string, Row>();
    for (const r of await this.db.all(sql, params)) if (!found.has(String(r.i))) found.set(String(r.i), r);
    const more = found.size > limit;
    const pageIds = [...found.keys()].slice(0, limit);
    let rows: Row[] = [];
    if (pageIds.length) {
      const p = new Params(this.dialect);
      const byId = new Map((await this.db.all(`${EVENT_SELECT} WHERE e.id IN (${p.list(pageIds)})`, p.values)).map((r) => [String(r.id), r]));
      rows = pageIds.map((id) => byId.get(id)!);
    }
    const events = await this.views(rows);
    const last = found.get(pageIds[pageIds.length - 1] ?? "");
    const keyed = orderKeyOf(page.sort ?? "-date") !== null;
    return { events, next: more && last ? encodeCursor([...(keyed ? [String(last.k)] : []), String(last.s), String(last.i)]) : null };
  }

  /**
   * The plan of a page's statement as the backend explains it, one line per step (for tests and benchmarks).
   * PostgreSQL chooses by its statistics, which a small database does not give the large one's plans: with
   * `indexesOnly`, it plans as if no table could be read whole and nothing sorted, so the plan shows whether the
   * indexes serve the page (SQLite's plans do not depend on the data's size).
   */
  async explainPage(filter: EventFilter, page: PageRequest, options: { indexesOnly?: boolean } = {}): Promise<string[]> {
    const { sql, params } = await this.pageQuery(filter, page, Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit))));
    if (this.dialect.name === "sqlite") return (await this.db.all(`EXPLAIN QUERY PLAN ${sql}`, params)).map((r) => String(r.detail));
    const explain = async () => (await this.db.all(`EXPLAIN ${sql}`, params)).map((r) => String(r["QUERY PLAN"]));
    if (!options.indexesOnly) return explain();
    return this.db.transaction(async () => {
      await this.db.run("SET LOCAL enable_seqscan = off", []);
      await this.db.run("SET LOCAL enable_sort = off", []);
      return explain();
    });
  }

  eachEvent(filter: EventFilter, sort: EventSort = "date"): AsyncIterable<EventView> {
    return everyEvent(this, filter, sort);
  }

  async event(id: string): Promise<EventView | null> {
    const rows = await this.db.all(`${EVENT_SELECT} WHERE e.id = ${this.dialect.placeholder(1)}`, [id]);
    return (await this.views(rows))[0] ?? null;
  }

  /** Event rows with their participants and contexts, as views. */
  private async views(rows: Row[]): Promise<EventView[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => String(r.id));
    const p = new Params(this.dialect);
    const inIds = p.list(ids);
    // (the actors in a statement of their own: joined, PostgreSQL would hash every actor for a page of a thousand events)
    const [parts, ctx] = await Promise.all([
      this.db.all(`SELECT p.event, p.role, p.pos, p.actor, p.code, p.office, p.sector, p.text, p.name FROM participants p WHERE p.event IN (${inIds}) ORDER BY p.event, p.role, p.pos`, p.values),
      this.db.all(`SELECT event, context FROM event_contexts WHERE event IN (${inIds}) ORDER BY event, context`, p.values),
    ]);
    const actors = new Map<string, Row>();
    const actorIds = [...new Set(parts.map((r) => String(r.actor)))];
    for (let i = 0; i < actorIds.length; i += 1000) {
      const q = new Params(this.dialect);
      for (const a of await this.db.all(`SELECT id, name, kind FROM actors WHERE id IN (${q.list(actorIds.slice(i, i + 1000))})`, q.values)) actors.set(String(a.id), a);
    }
    const byEvent = new Map<string, { actor: ParticipantView[]; recipient: ParticipantView[]; context: string[] }>();
    for (const id of ids) byEvent.set(id, { actor: [], recipient: [], context: [] });
    for (const r of parts) {
      const a = actors.get(String(r.actor));
      // (a participant's actor is always stored with it; the inner join dropped the participant otherwise, and so does this)
      if (!a) continue;
      const v: ParticipantView = { id: String(r.actor), name: String(r.name ?? a.name), kind: a.kind as ParticipantView["kind"], code: str(r.code), sector: str(r.sector), office: str(r.office), entity_text: String(r.text) };
      byEvent.get(String(r.event))![r.role === "actor" ? "actor" : "recipient"].push(v);
    }
    for (const r of ctx) byEvent.get(String(r.event))!.context.push(String(r.context));
    return rows.map((r) => {
      const b = byEvent.get(String(r.id))!;
      return {
        id: String(r.id),
        doc: String(r.doc),
        date: str(r.date),
        event: String(r.type),
        mode: r.mode ? [String(r.mode)] : [],
        context: b.context,
        cameo: String(r.cameo),
        actor: b.actor,
        recipient: b.recipient,
        text: String(r.sentence_text),
        text_info: { sequence: num(r.sentence), start: num(r.sentence_start), end: num(r.sentence_end), trigger_start: num(r.trigger_start), trigger_end: num(r.trigger_end) },
        cite_info: { title: str(r.title), publication: str(r.publisher), url: str(r.url) },
        story_date: str(r.story_date),
      };
    });
  }

  // ------------------------------------------------------------ aggregates

  async count(filter: EventFilter, by: CountKey, limit = 100): Promise<CountRow[]> {
    return (await this.counts(filter, [by], limit)).get(by) ?? [];
  }

  /**
   * Several counts of one filter's events. What the rollups hold is summed from them (days, types, modes and
   * publishers under filters on those and on dates; countries over whole months; actors, recipients and contexts
   * of everything); the rest is counted in one statement over the match set, found once.
   */
  async counts(filter: EventFilter, keys: readonly CountKey[], limit = 100): Promise<Map<CountKey, CountRow[]>> {
    const out = await this.tally(filter, keys, limit);
    // (countries by name: "China" for CHN, as the network names its nodes)
    const countries = out.get("country");
    if (countries?.length) {
      const names = new Map((await this.describe(countries.map((r) => [r.key, r.count]), "country")).map((n) => [n.id, n.name]));
      out.set("country", countries.map((r) => ({ ...r, label: names.get(r.key) ?? r.label })));
    }
    return out;
  }

  /** The counts of `counts`, countries by their codes. */
  private async tally(filter: EventFilter, keys: readonly CountKey[], limit: number): Promise<Map<CountKey, CountRow[]>> {
    const lim = Math.max(1, Math.min(MAX_LIMIT, limit));
    const out = new Map<CountKey, CountRow[]>();
    const days = dayRollup(filter);
    const parties = await this.partyCells(filter);
    const months = rollupMonths(filter);
    const everything = isEverything(filter);
    let rest: CountKey[] = [];
    for (const by of new Set(keys)) {
      if (days && by !== "country" && by !== "context" && by !== "actor" && by !== "recipient") out.set(by, await this.countFromDays(filter, by, lim, null));
      else if (parties && (by === "type" || TIME_KEYS.has(by))) out.set(by, await this.countFromDays(filter, by as "type", lim, parties));
      else if (by === "country" && months) out.set(by, await this.countCountriesFromRollups(filter, months, lim));
      else if (everything && (by === "actor" || by === "recipient")) out.set(by, await this.countRolesFromRollups(by, lim));
      else if (everything && by === "context") {
        const rows = await this.db.all("SELECT value AS k, events AS n FROM value_counts WHERE kind = 'context'", []);
        out.set(by, ranked(rows.map((r) => ({ key: String(r.k), label: String(r.k), count: num(r.n) })), false, lim));
      } else rest.push(by);
    }
    const indexed = rest.filter((k) => INDEXED_KEYS.has(k));
    if (indexed.length) {
      const counted = await this.countFromIndex(filter, indexed);
      if (counted) {
        for (const [by, rows] of counted) out.set(by, ranked(rows, TIME_KEYS.has(by), lim));
        rest = rest.filter((k) => !counted.has(k));
      }
    }
    if (rest.length) for (const [by, rows] of await this.countMatches(filter, rest, lim)) out.set(by, rows);
    return out;
  }

  /**
   * Counts from the facet index (kept by serving processes), when it holds the current version and takes the
   * filter: full-text words, types, modes, publishers, dates and countries taking part (`party=` codes); else null.
   */
  private async countFromIndex(filter: EventFilter, keys: readonly CountKey[]): Promise<Map<CountKey, CountRow[]> | null> {
    if (!onlyFilters(filter, ["q", "type", "mode", "publisher", "from", "to", "party"])) return null;
    // (no index, as outside serve: nothing more asked of the database)
    const index = await this.facetIndex.current();
    if (!index) return null;
    const c = await this.compile(filter);
    if (c.sides.some((s) => s.level !== "country" || s.role !== null)) return null;
    let documents: ReadonlyArray<string | number> | null = null;
    if (c.q !== undefined) {
      documents = c.q === null ? [] : await this.facetIndex.matchingKeys(c.q, index);
      // (none: a write came between, and the index is behind)
      if (!documents) return null;
    }
    const selection: FacetSelection = { documents, type: c.type, mode: c.mode, publisher: c.publisher, countries: c.sides.map((s) => s.values[0]!), from: c.from, to: c.to };
    return index.count(selection, keys);
  }

  /**
   * Counts by time, type, mode or publisher summed from the day rollups (for filters `dayRollup` accepts), or by time
   * or type from the party rollups (for the one party or pair `partyCells` gives).
   */
  private async countFromDays(filter: EventFilter, by: Exclude<CountKey, "country" | "context" | "actor" | "recipient">, limit: number, parties: PartyCells | null): Promise<CountRow[]> {
    const p = new Params(this.dialect);
    const { table, conds } = this.daySource(filter, parties, p);
    const isTime = TIME_KEYS.has(by);
    if (isTime) conds.push("date <> ''");
    const key = { type: "type", mode: "mode", publisher: "publisher", day: "date", week: this.dialect.weekStart("date"), month: "substr(date, 1, 7)", year: "substr(date, 1, 4)" }[by];
    const rows = await this.db.all(`SELECT ${key} AS k, sum(events) AS n FROM ${table} ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} GROUP BY ${key}`, p.values);
    // (the day rollups write "" for no mode and no publisher, where the events hold nothing)
    return ranked(rows.map((r) => ({ key: str(r.k) ?? "", label: str(r.k) ?? "", count: num(r.n) })), isTime, limit);
  }

  /** The rollup of days that answers a filter, and its conditions: the day counts, or one party's or pair's cells. */
  private daySource(filter: EventFilter, parties: PartyCells | null, p: Params): { table: string; conds: string[] } {
    if (!parties) return { table: "day_counts", conds: this.dayConds(filter, p) };
    const conds = [`level = ${p.add(parties.level)}`, `a = ${p.add(parties.a)}`, `b = ${p.add(parties.b)}`, ...this.dayConds(filter, p)];
    return { table: "party_days", conds };
  }

  /**
   * The party rollup cells a filter asks for, when they answer it: one or two parties (either side), each one actor
   * or one country code at the same level, besides types and dates only; else null.
   */
  private async partyCells(filter: EventFilter): Promise<PartyCells | null> {
    const refs = filter.party ?? [];
    if (!refs.length || refs.length > 2 || !onlyFilters(filter, ["party", "type", "from", "to"])) return null;
    const { sides } = await this.compile({ party: refs });
    const level = sides[0]!.level;
    if (sides.some((s) => s.values.length !== 1 || s.level !== level)) return null;
    const [a, b = ""] = [...new Set(sides.map((s) => s.values[0]!))].sort();
    return { level, a: a!, b };
  }

  /** Conditions on `day_counts` for a filter `dayRollup` accepts. */
  private dayConds(filter: EventFilter, p: Params): string[] {
    const conds: string[] = [];
    if (filter.type?.length) conds.push(`type IN (${p.list(filter.type.map((t) => t.toUpperCase()))})`);
    if (filter.mode?.length) conds.push(`mode IN (${p.list(filter.mode)})`);
    if (filter.publisher?.length) conds.push(`publisher IN (${p.list(filter.publisher)})`);
    if (filter.from) conds.push(`date >= ${p.add(filter.from)}`);
    if (filter.to) conds.push(`date <= ${p.add(filter.to)}`, "date <> ''");
    return conds;
  }

  /** The most frequent actors or recipients of all events, from the role rollups. */
  private async countRolesFromRollups(role: "actor" | "recipient", limit: number): Promise<CountRow[]> {
    const p = new Params(this.dialect);
    const rows = await this.db.all(
      `SELECT r.node AS k, a.name AS label, r.events AS n FROM role_counts r JOIN actors a ON a.id = r.node
       WHERE r.level = 'actor' AND r.role = ${p.add(role)} ORDER BY r.events DESC, r.node LIMIT ${p.add(limit)}`,
      p.values,
    );
    return rows.map((r) => ({ key: String(r.k), label: String(r.label), count: num(r.n) }));
  }

  /** Counts over the events a filter matches: the match set is found once, and every key grouped from it. */
  private async countMatches(filter: EventFilter, keys: readonly CountKey[], limit: number): Promise<Map<CountKey, CountRow[]>> {
    const p = new Params(this.dialect);
    const conds = this.matchConds(await this.compile(filter), p);
    const match = `m AS MATERIALIZED (SELECT e.id, e.type, e.mode, e.publisher, e.date FROM events e${conds.length ? ` WHERE ${conds.join(" AND ")}` : ""})`;
    const parts = keys.map((by) => {
      const f = p.add(by);
      const grouped = (key: string, join = "", dated = false) =>
        `SELECT ${f} AS f, ${key} AS k, NULL AS label, ${join ? "count(DISTINCT m.id)" : "count(*)"} AS n FROM m ${join}${dated ? " WHERE m.date IS NOT NULL" : ""} GROUP BY ${key}`;
      switch (by) {
        case "type":
        case "mode":
        case "publisher":
          return grouped(`m.${by}`);
        case "day":
          return grouped("m.date", "", true);
        case "week":
          return grouped(this.dialect.weekStart("m.date"), "", true);
        case "month":
          return grouped("substr(m.date, 1, 7)", "", true);
        case "year":
          return grouped("substr(m.date, 1, 4)", "", true);
        case "context":
          return grouped("c.context", "JOIN event_contexts c ON c.event = m.id");
        case "country":
          return grouped("pc.code", "JOIN participants pc ON pc.event = m.id AND pc.code IS NOT NULL");
        case "actor":
        case "recipient":
          return `SELECT ${f} AS f, pa.actor AS k, max(a.name) AS label, count(DISTINCT m.id) AS n FROM m JOIN participants pa ON pa.event = m.id AND pa.role = ${p.add(by)} JOIN actors a ON a.id = pa.actor GROUP BY pa.actor`;
      }
    });
    const rows = await this.db.all(`WITH ${match} ${parts.join(" UNION ALL ")}`, p.values);
    const out = new Map<CountKey, CountRow[]>(keys.map((k) => [k, []]));
    for (const r of rows) {
      const key = str(r.k) ?? "";
      out.get(r.f as CountKey)!.push({ key, label: str(r.label) ?? key, count: num(r.n) });
    }
    for (const [by, list] of out) out.set(by, ranked(list, TIME_KEYS.has(by), limit));
    return out;
  }

  async timeline(filter: EventFilter, interval: Interval): Promise<TimelineRow[]> {
    const p = new Params(this.dialect);
    const periodOf = (date: string) => (interval === "day" ? date : interval === "week" ? this.dialect.weekStart(date) : `substr(${date}, 1, 7) || '-01'`);
    let sql: string;
    const days = dayRollup(filter);
    const parties = days ? null : await this.partyCells(filter);
    if (days || parties) {
      const { table, conds } = this.daySource(filter, parties, p);
      conds.push("date <> ''");
      sql = `SELECT ${periodOf("date")} AS period, type, sum(events) AS n FROM ${table} WHERE ${conds.join(" AND ")} GROUP BY ${periodOf("date")}, type ORDER BY period, type`;
    } else {
      const where = await this.where(filter, p);
      const cond = where ? `${where} AND e.date IS NOT NULL` : "WHERE e.date IS NOT NULL";
      sql = `SELECT ${periodOf("e.date")} AS period, e.type AS type, count(*) AS n FROM events e ${cond} GROUP BY ${periodOf("e.date")}, e.type ORDER BY period, type`;
    }
    const rows = await this.db.all(sql, p.values);
    return rows.map((r) => ({ period: String(r.period), type: String(r.type), count: num(r.n) }));
  }

  async network(filter: EventFilter, level: "actor" | "country", limit: number): Promise<Network> {
    const top = Math.max(1, Math.min(MAX_LIMIT, limit));
    const months = rollupMonths(filter);
    const { nodes, edges } = months ? await this.networkFromRollups(filter, months, level, top) : await this.networkFromEvents(filter, level, top);
    return {
      level,
      nodes: await this.describe(nodes, level),
      // heaviest first; ties in a fixed order, so that both ways of counting give the same list
      edges: edges.sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target) || Number(b.directed) - Number(a.directed)),
    };
  }

  /**
   * The rollup cells a filter that `rollupMonths` accepts selects, at one level, and where they are: the all-time
   * totals when it names no month and no publisher, else the cells by month and publisher.
   */
  private rollupWhere(filter: EventFilter, months: RollupMonths, level: "actor" | "country", p: Params): { where: string; nodes: string; edges: string } {
    const conds = [`level = ${p.add(level)}`];
    if (filter.type?.length) conds.push(`type IN (${p.list(filter.type.map((t) => t.toUpperCase()))})`);
    const cells = !!(filter.publisher?.length || months.from || months.to);
    if (filter.publisher?.length) conds.push(`publisher IN (${p.list(filter.publisher)})`);
    if (months.from) conds.push(`month >= ${p.add(months.from)}`);
    if (months.to) conds.push(`month <= ${p.add(months.to)}`);
    if (months.from || months.to) conds.push("month <> ''");
    return { where: conds.join(" AND "), nodes: cells ? "node_counts" : "node_totals", edges: cells ? "edge_counts" : "edge_totals" };
  }

  /** Events per country, summed from the rollups (an event counts once for each country taking part). */
  private async countCountriesFromRollups(filter: EventFilter, months: RollupMonths, limit: number): Promise<CountRow[]> {
    const p = new Params(this.dialect);
    const { where, nodes } = this.rollupWhere(filter, months, "country", p);
    const rows = await this.db.all(`SELECT node AS k, sum(events) AS n FROM ${nodes} WHERE ${where} GROUP BY node ORDER BY n DESC, node LIMIT ${p.add(Math.max(1, Math.min(MAX_LIMIT, limit)))}`, p.values);
    return rows.map((r) => ({ key: String(r.k), label: String(r.k), count: num(r.n) }));
  }

  /** A network over types, publishers and whole months, summed from the rollup counts. */
  private async networkFromRollups(filter: EventFilter, months: RollupMonths, level: "actor" | "country", top: number) {
    const p = new Params(this.dialect);
    const { where, nodes: nodeTable, edges: edgeTable } = this.rollupWhere(filter, months, level, p);
    const nodeRows = await this.db.all(`SELECT node, sum(events) AS n FROM ${nodeTable} WHERE ${where} GROUP BY node ORDER BY n DESC, node LIMIT ${p.add(top)}`, p.values);
    const nodes: Array<[string, number]> = nodeRows.map((r) => [String(r.node), num(r.n)]);
    const e = new Params(this.dialect);
    e.values.push(...p.values.slice(0, -1)); // the same conditions, without the LIMIT
    const ids = nodes.map(([id]) => id);
    const edgeRows = ids.length
      ? await this.db.all(
          `SELECT source, target, directed, type, sum(events) AS n FROM ${edgeTable} WHERE ${where} AND source IN (${e.list(ids)}) AND target IN (${e.list(ids)}) GROUP BY source, target, directed, type`,
          e.values,
        )
      : [];
    const edges = new Map<string, NetworkEdge>();
    for (const r of edgeRows) {
      const directed = num(r.directed) === 1;
      const key = `${String(r.source)}\u0000${String(r.target)}\u0000${directed}`;
      let edge = edges.get(key);
      if (!edge) edges.set(key, (edge = { source: String(r.source), target: String(r.target), directed, weight: 0, types: {} }));
      edge.weight += num(r.n);
      edge.types[String(r.type)] = (edge.types[String(r.type)] ?? 0) + num(r.n);
    }
    return { nodes, edges: [...edges.values()] };
  }

  /** A network under any filter, read from the matching events' participants. */
  private async networkFromEvents(filter: EventFilter, level: "actor" | "country", top: number) {
    const p = new Params(this.dialect);
    const where = await this.where(filter, p);
    const node = level === "actor" ? "x.actor" : "x.code";
    const rows = await this.db.all(
      `SELECT e.id AS event, e.type AS type, x.role AS role, ${node} AS node FROM events e JOIN participants x ON x.event = e.id ${where} ${where ? "AND" : "WHERE"} ${node} IS NOT NULL`,
      p.values,
    );
    const byEvent = new Map<string, { type: string; actors: Set<string>; recipients: Set<string> }>();
    for (const r of rows) {
      const id = String(r.event);
      let ev = byEvent.get(id);
      if (!ev) byEvent.set(id, (ev = { type: String(r.type), actors: new Set(), recipients: new Set() }));
      (r.role === "actor" ? ev.actors : ev.recipients).add(String(r.node));
    }
    const edges = new Map<string, NetworkEdge>();
    const counts = new Map<string, number>();
    for (const ev of byEvent.values()) {
      for (const n of new Set([...ev.actors, ...ev.recipients])) counts.set(n, (counts.get(n) ?? 0) + 1);
      for (const { source, target, directed } of eventEdges(ev.actors, ev.recipients)) {
        const key = `${source}\u0000${target}\u0000${directed}`;
        let edge = edges.get(key);
        if (!edge) edges.set(key, (edge = { source, target, directed, weight: 0, types: {} }));
        edge.weight++;
        edge.types[ev.type] = (edge.types[ev.type] ?? 0) + 1;
      }
    }
    const nodes = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, top);
    const kept = new Set(nodes.map(([id]) => id));
    return { nodes, edges: [...edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target)) };
  }

  async countries(filter: EventFilter): Promise<NetworkNode[]> {
    const rows = (await this.tally(filter, ["country"], MAX_LIMIT)).get("country") ?? [];
    return this.describe(rows.map((r) => [r.key, r.count]), "country");
  }

  private async describe(top: Array<[string, number]>, level: "actor" | "country"): Promise<NetworkNode[]> {
    if (!top.length) return [];
    const p = new Params(this.dialect);
    const ids = top.map(([id]) => id);
    const rows =
      level === "actor"
        ? await this.db.all(`SELECT id, name, kind, code FROM actors WHERE id IN (${p.list(ids)})`, p.values)
        : await this.db.all(`SELECT code AS id, name, kind, code FROM actors WHERE kind = 'state' AND code IN (${p.list(ids)})`, p.values);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    return top.map(([id, events]) => {
      const r = byId.get(id);
      if (r) return { id, name: String(r.name), kind: String(r.kind) as NetworkNode["kind"], code: str(r.code), events };
      const bloc = BLOC_NAMES[id];
      // (a country only its people stand for, with no event of the state itself: named as data/states.tsv names it)
      const state = level === "country" && !bloc ? stateNames().get(id) : undefined;
      if (state) return { id, name: state, kind: "state", code: id, events };
      return { id, name: bloc ?? id, kind: level === "country" ? (bloc ? "org" : "state") : "group", code: level === "country" ? id : null, events };
    });
  }

  // ------------------------------------------------------------ actors and documents

  async actors(q: string, limit: number): Promise<ActorSummary[]> {
    const p = new Params(this.dialect);
    const words = fold(q).trim();
    const cond = words ? `WHERE a.name_fold LIKE ${p.add(`%${escapeLike(words)}%`)} ESCAPE '\\' OR a.id = ${p.add(q)} OR a.code = ${p.add(q.toUpperCase())}` : "";
    const rows = await this.db.all(
      `SELECT a.id, a.name, a.kind, a.code, a.office, coalesce(r.events, 0) AS n FROM actors a
       LEFT JOIN role_counts r ON r.level = 'actor' AND r.node = a.id AND r.role = 'any' ${cond} ORDER BY n DESC, a.name LIMIT ${p.add(Math.max(1, Math.min(MAX_LIMIT, limit)))}`,
      p.values,
    );
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), kind: r.kind as ActorSummary["kind"], code: str(r.code), office: str(r.office), events: num(r.n) }));
  }

  async actor(id: string): Promise<ActorProfile | null> {
    const ph = this.dialect.placeholder(1);
    const [a] = await this.db.all(`SELECT id, name, kind, code, office, source FROM actors WHERE id = ${ph}`, [id]);
    if (!a) return null;
    const offices = await this.db.all(`SELECT office, code, start_date, end_date FROM actor_offices WHERE actor = ${ph} ORDER BY start_date`, [id]);
    const roles = await this.db.all(`SELECT role, events AS n FROM role_counts WHERE level = 'actor' AND node = ${ph}`, [id]);
    // by type and counterparts from the rollups: one row per cell, not per event
    const types = await this.db.all(`SELECT type, events AS n FROM node_totals WHERE level = 'actor' AND node = ${ph} ORDER BY n DESC, type`, [id]);
    // (each an end of the actor's stretch of its index: undated events sort first, as "")
    const span = await this.db.all(
      `SELECT (SELECT min(sort_date) FROM participants WHERE actor = ${ph} AND sort_date > '') AS first, (SELECT max(sort_date) FROM participants WHERE actor = ${ph} AND sort_date > '') AS last`,
      [id],
    );
    const partners = await this.db.all(
      `SELECT c.other AS id, max(a.name) AS name, max(a.code) AS code, sum(c.events) AS n FROM (
         SELECT target AS other, events FROM edge_totals WHERE level = 'actor' AND source = ${ph}
         UNION ALL SELECT source AS other, events FROM edge_totals WHERE level = 'actor' AND target = ${ph}) c
       JOIN actors a ON a.id = c.other GROUP BY c.other ORDER BY n DESC, c.other LIMIT 50`,
      [id],
    );
    const roleCount = (role: string) => num(roles.find((r) => r.role === role)?.n);
    return {
      id: String(a.id),
      name: String(a.name),
      kind: a.kind as ActorProfile["kind"],
      code: str(a.code),
      office: str(a.office),
      source: a.source === "kb" ? "kb" : "text",
      events: types.reduce((sum, t) => sum + num(t.n), 0),
      offices: offices.map((o) => ({ office: String(o.office), code: str(o.code), start: String(o.start_date), end: str(o.end_date) })),
      asActor: roleCount("actor"),
      asRecipient: roleCount("recipient"),
      byType: Object.fromEntries(types.map((t) => [String(t.type), num(t.n)])),
      counterparts: partners.map((r) => ({ id: String(r.id), name: String(r.name), code: str(r.code), count: num(r.n) })),
      firstSeen: str(span[0]?.first),
      lastSeen: str(span[0]?.last),
    };
  }

  async document(id: string): Promise<DocumentView | null> {
    const ph = this.dialect.placeholder(1);
    const [d] = await this.db.all(`SELECT id, source, publisher, url, date, title, text, sentences_json, mentions_json FROM documents WHERE id = ${ph}`, [id]);
    if (!d) return null;
    const sentences = JSON.parse(String(d.sentences_json)) as Array<[number, number, number, string | null]>;
    const mentions = JSON.parse(String(d.mentions_json)) as Array<[string | null, number, MentionRecord["type"], number, number, number, number]>;
    const events = await this.views(await this.db.all(`${EVENT_SELECT} WHERE e.doc = ${ph} ORDER BY e.sentence, e.trigger_start`, [id]));
    return {
      id: String(d.id),
      source: str(d.source),
      publisher: str(d.publisher),
      url: str(d.url),
      date: str(d.date),
      title: str(d.title),
      text: String(d.text),
      sentences: sentences.map(([index, start, end, skip]) => ({ index, start, end, skip })),
      mentions: mentions.map(([actor, sentence, type, start, end, fullStart, fullEnd]) => ({ actor, sentence, type, start, end, fullStart, fullEnd })),
      events,
    };
  }

  async stats(): Promise<StoreStats> {
    // (documents and events as the write path keeps them count: a count of their tables reads them whole)
    const [r] = await this.db.all(
      `SELECT (SELECT documents FROM store_state WHERE id = 1) AS documents, (SELECT coalesce(sum(events), 0) FROM value_counts WHERE kind = 'type') AS events,
       (SELECT count(*) FROM actors) AS actors`,
      [],
    );
    return { documents: num(r?.documents), events: num(r?.events), actors: num(r?.actors) };
  }

  /** A number that changes whenever a write changes what the store holds (compared by readers' caches). */
  async version(): Promise<number> {
    return num((await this.db.all("SELECT version FROM store_state WHERE id = 1", []))[0]?.version);
  }

  /**
   * The rollup tables whose rows differ from a count made afresh from the events (none, while ingest keeps
   * them exact). Reads every event: for tests and checks, not for serving.
   */
  async rollupDrift(): Promise<string[]> {
    const drift: string[] = [];
    for (const r of rollupRecounts(this.dialect)) {
      const cols = r.columns.join(", ");
      const differ = async (a: string, b: string) => num((await this.db.all(`SELECT count(*) AS n FROM (${a} EXCEPT ${b}) AS d`, []))[0]?.n) > 0;
      const stored = `SELECT ${cols} FROM ${r.table}`;
      const counted = `SELECT * FROM (${r.select}) AS c`;
      if ((await differ(stored, counted)) || (await differ(counted, stored))) drift.push(r.table);
    }
    return drift;
  }

  close(): Promise<void> {
    this.facetIndex.close();
    return this.db.close();
  }
}

/** One participant filter (`actor=`, `recipient=`, `party=`), resolved: actor ids, or a country code. */
interface Side {
  column: "actor" | "code";
  level: "actor" | "country";
  values: string[];
  role: "actor" | "recipient" | null;
}

interface Compiled {
  sides: Side[];
  type: string[] | null;
  mode: string[] | null;
  publisher: string[] | null;
  doc: string[] | null;
  context: string[] | null;
  from: string | null;
  to: string | null;
  /** The full-text parameter; null when the words hold none (nothing matches), undefined when not asked. */
  q: string | null | undefined;
}

/** One party's (`b` "") or one pair's cells in the party rollups. */
interface PartyCells {
  level: "actor" | "country";
  a: string;
  b: string;
}

type PageDriver =
  | { kind: "events"; column: "type" | "mode" | "publisher" | "doc"; values: string[] }
  | { kind: "participants"; side: Side }
  | { kind: "contexts"; values: string[] }
  | { kind: "words"; docs: string[] };

const TIME_KEYS: ReadonlySet<CountKey> = new Set(["day", "week", "month", "year"]);

/** Text order by code point, as both backends compare text byte by byte (UTF-8 keeps code point order). */
function byCodePoint(a: string, b: string): number {
  return a === b ? 0 : Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** Counted rows as a count answers them: most frequent first, or periods in time order; past `limit`, the smallest counts or the earliest periods go. */
function ranked(rows: CountRow[], isTime: boolean, limit: number): CountRow[] {
  if (isTime) return rows.sort((a, b) => byCodePoint(a.key, b.key)).slice(Math.max(0, rows.length - limit));
  return rows.sort((a, b) => b.count - a.count || byCodePoint(a.key, b.key)).slice(0, limit);
}

/** The filters the rollups can take whole: nothing else set (lists may be empty). */
function onlyFilters(f: EventFilter, allowed: readonly string[]): boolean {
  return !Object.entries(f).some(([k, v]) => !allowed.includes(k) && v !== undefined && !(Array.isArray(v) && !v.length));
}

/** Whether the day rollups answer a filter: only types, modes, publishers and dates. */
const dayRollup = (f: EventFilter) => onlyFilters(f, ["type", "mode", "publisher", "from", "to"]);

/** Whether a filter matches every event. */
const isEverything = (f: EventFilter) => onlyFilters(f, []);

/**
 * The month range a filter asks for when the rollup counts can answer it: only
 * types, publishers and dates that start and end on whole months; else null.
 */
interface RollupMonths {
  from: string | null;
  to: string | null;
}

function rollupMonths(f: EventFilter): RollupMonths | null {
  if (!onlyFilters(f, ["type", "publisher", "from", "to"])) return null;
  if (f.from && !f.from.endsWith("-01")) return null;
  if (f.to && f.to !== lastDayOfMonth(f.to)) return null;
  return { from: f.from ? monthOf(f.from) : null, to: f.to ? monthOf(f.to) : null };
}

function lastDayOfMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${date.slice(0, 7)}-${String(last).padStart(2, "0")}`;
}

/** Names for the codes CODING.md gives organizations rather than states. */
let statesByCode: Map<string, string> | null = null;
/** The names of states by code (data/states.tsv), read on first use. */
function stateNames(): Map<string, string> {
  statesByCode ??= new Map(readTsv(join(PACKAGE_ROOT, "data", "states.tsv")).map((r) => [r.code!, r.name!]));
  return statesByCode;
}

export const BLOC_NAMES: Record<string, string> = {
  UNO: "United Nations",
  EUR: "European Union",
  IGO: "Intergovernmental organizations",
  NGO: "Non-governmental organizations",
};

const EVENT_SELECT = `SELECT e.id, e.doc, e.date, e.type, e.mode, e.cameo, e.sentence, e.sentence_start, e.sentence_end, e.sentence_text, e.trigger_start, e.trigger_end,
  d.title, d.publisher, d.url, d.date AS story_date FROM events e JOIN documents d ON d.id = e.doc`;

function escapeLike(s: string): string {
  // SQLite ends a LIKE pattern at a NUL (which no name holds): U+FFFD in its place matches nothing either
  return s.replace(/[\\%_]/g, (c) => `\\${c}`).replaceAll("\u0000", "\uFFFD");
}

/**
 * Migration 2: rollup counts for networks and profiles, a sortable date on
 * events (undated ones as "") for keyset pages over an index, and the name
 * each participant was coded with. Existing data is carried over.
 */
function rollupMigration(dialect: Pick<Dialect, "textBefore">): string[] {
  const recount = rollupRecounts(dialect);
  return [
    "ALTER TABLE participants ADD COLUMN name TEXT",
    "ALTER TABLE events ADD COLUMN sort_date TEXT NOT NULL DEFAULT ''",
    "UPDATE events SET sort_date = coalesce(date, '')",
    "CREATE INDEX events_sort ON events (sort_date, id)",
    `CREATE TABLE node_counts (
      level TEXT NOT NULL, node TEXT NOT NULL, type TEXT NOT NULL, month TEXT NOT NULL, publisher TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (level, node, type, month, publisher))`,
    `CREATE TABLE edge_counts (
      level TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, directed INTEGER NOT NULL, type TEXT NOT NULL, month TEXT NOT NULL,
      publisher TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (level, source, target, directed, type, month, publisher))`,
    "CREATE INDEX edge_counts_target ON edge_counts (level, target)",
    ...recount.filter((r) => r.table === "node_counts" || r.table === "edge_counts").map(fillRollup),
  ];
}

/** A rollup table's rows counted afresh from the events: its columns (the key, then `events`) and the statement. */
export interface RollupRecount {
  table: string;
  columns: string[];
  select: string;
}

/**
 * Every rollup counted from the events, as ingest keeps it (`rollupCells`): the migrations fill the tables
 * with these, and `rollupDrift` compares the tables with them.
 */
export function rollupRecounts(dialect: Pick<Dialect, "textBefore">): RollupRecount[] {
  // node and edge cells by month and publisher, or all-time totals (`cells` false)
  const by = (cells: boolean) => (cells ? ["coalesce(substr(e.date, 1, 7), '')", "coalesce(e.publisher, '')"] : []);
  const nodes = (level: string, col: string, cells = true) =>
    `SELECT ${["'" + level + "'", `p.${col}`, "e.type", ...by(cells)].join(", ")}, count(DISTINCT e.id) FROM events e JOIN participants p ON p.event = e.id
     WHERE p.${col} IS NOT NULL GROUP BY ${[`p.${col}`, "e.type", ...by(cells)].join(", ")}`;
  const directed = (level: string, col: string, cells = true) =>
    `SELECT ${["'" + level + "'", `a.${col}`, `r.${col}`, "1", "e.type", ...by(cells)].join(", ")}, count(DISTINCT e.id) FROM events e
     JOIN participants a ON a.event = e.id AND a.role = 'actor' JOIN participants r ON r.event = e.id AND r.role = 'recipient'
     WHERE a.${col} IS NOT NULL AND r.${col} IS NOT NULL AND a.${col} <> r.${col} GROUP BY ${[`a.${col}`, `r.${col}`, "e.type", ...by(cells)].join(", ")}`;
  const joint = (level: string, col: string, cells = true) =>
    `SELECT ${["'" + level + "'", `a.${col}`, `b.${col}`, "0", "e.type", ...by(cells)].join(", ")}, count(DISTINCT e.id) FROM events e
     JOIN participants a ON a.event = e.id AND a.role = 'actor' JOIN participants b ON b.event = e.id AND b.role = 'actor' AND ${dialect.textBefore(`a.${col}`, `b.${col}`)}
     WHERE NOT EXISTS (SELECT 1 FROM participants r WHERE r.event = e.id AND r.role = 'recipient' AND r.${col} IS NOT NULL) GROUP BY ${[`a.${col}`, `b.${col}`, "e.type", ...by(cells)].join(", ")}`;
  const roles = (level: string, col: string) =>
    `SELECT '${level}', ${col}, role, count(DISTINCT event) FROM participants WHERE ${col} IS NOT NULL GROUP BY ${col}, role
     UNION ALL SELECT '${level}', ${col}, 'any', count(DISTINCT event) FROM participants WHERE ${col} IS NOT NULL GROUP BY ${col}`;
  return [
    { table: "node_counts", columns: ["level", "node", "type", "month", "publisher", "events"], select: `${nodes("actor", "actor")} UNION ALL ${nodes("country", "code")}` },
    {
      table: "edge_counts",
      columns: ["level", "source", "target", "directed", "type", "month", "publisher", "events"],
      select: [directed("actor", "actor"), directed("country", "code"), joint("actor", "actor"), joint("country", "code")].join(" UNION ALL "),
    },
    {
      table: "party_days",
      columns: ["level", "a", "b", "date", "type", "events"],
      select: [
        ["actor", "actor"],
        ["country", "code"],
      ]
        .flatMap(([level, col]) => [
          `SELECT '${level}', p.${col}, '', coalesce(e.date, ''), e.type, count(DISTINCT e.id) FROM events e JOIN participants p ON p.event = e.id
           WHERE p.${col} IS NOT NULL GROUP BY p.${col}, coalesce(e.date, ''), e.type`,
          `SELECT '${level}', a.${col}, b.${col}, coalesce(e.date, ''), e.type, count(DISTINCT e.id) FROM events e
           JOIN participants a ON a.event = e.id JOIN participants b ON b.event = e.id AND ${dialect.textBefore(`a.${col}`, `b.${col}`)}
           GROUP BY a.${col}, b.${col}, coalesce(e.date, ''), e.type`,
        ])
        .join(" UNION ALL "),
    },
    {
      table: "day_counts",
      columns: ["date", "type", "mode", "publisher", "events"],
      select: `SELECT coalesce(date, ''), type, coalesce(mode, ''), coalesce(publisher, ''), count(*) FROM events
               GROUP BY coalesce(date, ''), type, coalesce(mode, ''), coalesce(publisher, '')`,
    },
    { table: "node_totals", columns: ["level", "node", "type", "events"], select: `${nodes("actor", "actor", false)} UNION ALL ${nodes("country", "code", false)}` },
    {
      table: "edge_totals",
      columns: ["level", "source", "target", "directed", "type", "events"],
      select: [directed("actor", "actor", false), directed("country", "code", false), joint("actor", "actor", false), joint("country", "code", false)].join(" UNION ALL "),
    },
    { table: "role_counts", columns: ["level", "node", "role", "events"], select: `${roles("actor", "actor")} UNION ALL ${roles("country", "code")}` },
    {
      table: "value_counts",
      columns: ["kind", "value", "events"],
      select: `SELECT 'type', type, count(*) FROM events GROUP BY type
               UNION ALL SELECT 'mode', mode, count(*) FROM events WHERE mode <> '' GROUP BY mode
               UNION ALL SELECT 'publisher', publisher, count(*) FROM events WHERE publisher <> '' GROUP BY publisher
               UNION ALL SELECT 'context', context, count(*) FROM event_contexts GROUP BY context`,
    },
  ];
}

const fillRollup = (r: RollupRecount) => `INSERT INTO ${r.table} (${r.columns.join(", ")}) ${r.select}`;

/**
 * Migration 3: pages whose cost follows the page. Every filter that can drive
 * a page of events has an index ending in the page order (`sort_date`, then
 * the event id): events by type, mode, publisher and document, participants
 * by actor and by code, contexts by name (participants and contexts carry
 * their event's `sort_date` for this). Rollups by day (timelines and facets),
 * by node and role (profiles, actor search) and by filter value (how many
 * events a filter matches, to choose which one drives a page). Existing data
 * is carried over.
 */
function pagingMigration(dialect: Pick<Dialect, "textBefore">): string[] {
  const recount = rollupRecounts(dialect);
  return [
    "ALTER TABLE participants ADD COLUMN sort_date TEXT NOT NULL DEFAULT ''",
    "UPDATE participants SET sort_date = (SELECT e.sort_date FROM events e WHERE e.id = participants.event)",
    "ALTER TABLE event_contexts ADD COLUMN sort_date TEXT NOT NULL DEFAULT ''",
    "UPDATE event_contexts SET sort_date = (SELECT e.sort_date FROM events e WHERE e.id = event_contexts.event)",
    "DROP INDEX participants_actor",
    "DROP INDEX participants_code",
    "DROP INDEX event_contexts_context",
    "DROP INDEX events_doc",
    "DROP INDEX events_date",
    "DROP INDEX events_type_date",
    "DROP INDEX events_publisher",
    "CREATE INDEX participants_actor_sort ON participants (actor, sort_date, event)",
    "CREATE INDEX participants_code_sort ON participants (code, sort_date, event)",
    "CREATE INDEX event_contexts_sort ON event_contexts (context, sort_date, event)",
    "CREATE INDEX events_doc_sort ON events (doc, sort_date, id)",
    "CREATE INDEX events_type_sort ON events (type, sort_date, id)",
    "CREATE INDEX events_mode_sort ON events (mode, sort_date, id)",
    "CREATE INDEX events_publisher_sort ON events (publisher, sort_date, id)",
    `CREATE TABLE day_counts (
      date TEXT NOT NULL, type TEXT NOT NULL, mode TEXT NOT NULL, publisher TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (date, type, mode, publisher))`,
    `CREATE TABLE role_counts (
      level TEXT NOT NULL, node TEXT NOT NULL, role TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (level, node, role))`,
    "CREATE TABLE value_counts (kind TEXT NOT NULL, value TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (kind, value))",
    ...recount.filter((r) => ["day_counts", "role_counts", "value_counts"].includes(r.table)).map(fillRollup),
  ];
}

/**
 * Migration 4: all-time node and edge counts by type, so that a network of
 * everything (or of some types) and an actor's profile sum a few rows per
 * node and edge rather than one per month and publisher. The edge counts are
 * counted again, by ingest's rule.
 */
function totalsMigration(dialect: Pick<Dialect, "textBefore">): string[] {
  const recount = rollupRecounts(dialect);
  return [
    "CREATE TABLE node_totals (level TEXT NOT NULL, node TEXT NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (level, node, type))",
    `CREATE TABLE edge_totals (
      level TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL, directed INTEGER NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (level, source, target, directed, type))`,
    "CREATE INDEX edge_totals_target ON edge_totals (level, target)",
    // (migration 2 counted no joint edge for an event whose recipients have no code, which ingest counts)
    "DELETE FROM edge_counts",
    ...recount.filter((r) => r.table === "edge_counts" || r.table === "node_totals" || r.table === "edge_totals").map(fillRollup),
  ];
}

/**
 * Migration 5: the store's state in one row: a version that every write
 * changing anything moves on (readers' caches compare it), and the number of
 * documents (counting a large table costs PostgreSQL a full scan).
 */
const STATE_MIGRATION: string[] = [
  "CREATE TABLE store_state (id INTEGER PRIMARY KEY, version INTEGER NOT NULL, documents INTEGER NOT NULL)",
  "INSERT INTO store_state (id, version, documents) SELECT 1, 0, count(*) FROM documents",
];

/**
 * Migration 6: events per party and per pair of parties (either side), day
 * and type, at actor and country level: the timeline of a country or an
 * actor, or of a dyad, sums a few hundred cells.
 */
function partyMigration(dialect: Pick<Dialect, "textBefore">): string[] {
  return [
    `CREATE TABLE party_days (
      level TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL, date TEXT NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL,
      PRIMARY KEY (level, a, b, date, type))`,
    ...rollupRecounts(dialect).filter((r) => r.table === "party_days").map(fillRollup),
  ];
}

/**
 * Migration 7: a document's sentences and mentions, which only `document()`
 * reads, as one JSON array each beside its text, instead of a row each (about
 * a hundred a document, with their indexes): ingest writes two values where
 * it wrote them all.
 */
function layersMigration(dialect: Pick<Dialect, "jsonRows">): string[] {
  return [
    "ALTER TABLE documents ADD COLUMN sentences_json TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE documents ADD COLUMN mentions_json TEXT NOT NULL DEFAULT '[]'",
    `UPDATE documents SET sentences_json = ${dialect.jsonRows(["idx", "start_offset", "end_offset", "skip"], "sentences s WHERE s.doc = documents.id", "idx")}`,
    `UPDATE documents SET mentions_json = ${dialect.jsonRows(["actor", "sentence", "type", "start_offset", "end_offset", "full_start", "full_end"], "mentions m WHERE m.doc = documents.id", "start_offset, end_offset")}`,
    "DROP TABLE sentences",
    "DROP TABLE mentions",
  ];
}

/** Tables and indexes common to both backends (types that both accept). */
/** Migrations 2 to 7, the same on both stores (each store's first and later ones are its own). */
export function sharedMigrations(dialect: Pick<Dialect, "textBefore" | "jsonRows">): string[][] {
  return [rollupMigration(dialect), pagingMigration(dialect), totalsMigration(dialect), STATE_MIGRATION, partyMigration(dialect), layersMigration(dialect)];
}

/**
 * Migration 8 (SQLite; 9 on PostgreSQL): event lists sorted by type or by the first actor's or recipient's name
 * page down an index as date-sorted ones do. Each event keeps those names with A-Z lowered (`sortName`; `NO_NAME`
 * when it has none), compared byte by byte on both stores (`keyType` gives PostgreSQL's "C" collation), and each
 * key's index holds its events newest first. Existing events are keyed from their participants.
 */
export function orderMigration(keyType: string, asciiLower: (sql: string) => string): string[] {
  const first = (role: "actor" | "recipient") => `coalesce((SELECT ${asciiLower("p.name")} FROM participants p WHERE p.event = events.id AND p.role = '${role}' AND p.pos = 0), '${NO_NAME}')`;
  return [
    `ALTER TABLE events ADD COLUMN actor_key ${keyType} NOT NULL DEFAULT '${NO_NAME}'`,
    `ALTER TABLE events ADD COLUMN recipient_key ${keyType} NOT NULL DEFAULT '${NO_NAME}'`,
    `UPDATE events SET actor_key = ${first("actor")}, recipient_key = ${first("recipient")}`,
    "CREATE INDEX events_type_order ON events (type, sort_date DESC, id DESC)",
    "CREATE INDEX events_actor_order ON events (actor_key, sort_date DESC, id DESC)",
    "CREATE INDEX events_recipient_order ON events (recipient_key, sort_date DESC, id DESC)",
  ];
}

export const CORE_SCHEMA = [
  `CREATE TABLE documents (
    id TEXT PRIMARY KEY, source TEXT, publisher TEXT, url TEXT, date TEXT, title TEXT,
    text TEXT NOT NULL, hash TEXT NOT NULL)`,
  "CREATE INDEX documents_publisher ON documents (publisher)",
  `CREATE TABLE sentences (
    doc TEXT NOT NULL, idx INTEGER NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, skip TEXT,
    PRIMARY KEY (doc, idx))`,
  `CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, name_fold TEXT NOT NULL, kind TEXT NOT NULL, code TEXT, office TEXT, source TEXT NOT NULL)`,
  "CREATE INDEX actors_name ON actors (name_fold)",
  "CREATE INDEX actors_code ON actors (code)",
  `CREATE TABLE actor_offices (
    actor TEXT NOT NULL, office TEXT NOT NULL, code TEXT, start_date TEXT NOT NULL, end_date TEXT,
    PRIMARY KEY (actor, office, start_date))`,
  `CREATE TABLE mentions (
    doc TEXT NOT NULL, sentence INTEGER NOT NULL, actor TEXT, type TEXT NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, full_start INTEGER NOT NULL, full_end INTEGER NOT NULL)`,
  "CREATE INDEX mentions_doc ON mentions (doc, sentence)",
  "CREATE INDEX mentions_actor ON mentions (actor)",
  `CREATE TABLE events (
    id TEXT PRIMARY KEY, doc TEXT NOT NULL, publisher TEXT, sentence INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, sentence_text TEXT NOT NULL,
    date TEXT, type TEXT NOT NULL, mode TEXT, cameo TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL)`,
  "CREATE INDEX events_doc ON events (doc)",
  "CREATE INDEX events_date ON events (date, id)",
  "CREATE INDEX events_type_date ON events (type, date)",
  "CREATE INDEX events_publisher ON events (publisher, date)",
  "CREATE TABLE event_contexts (event TEXT NOT NULL, context TEXT NOT NULL, PRIMARY KEY (event, context))",
  "CREATE INDEX event_contexts_context ON event_contexts (context, event)",
  `CREATE TABLE participants (
    event TEXT NOT NULL, role TEXT NOT NULL, pos INTEGER NOT NULL, actor TEXT NOT NULL,
    code TEXT, office TEXT, sector TEXT, text TEXT NOT NULL,
    PRIMARY KEY (event, role, pos))`,
  "CREATE INDEX participants_actor ON participants (actor, role, event)",
  "CREATE INDEX participants_code ON participants (code, role, event)",
];
