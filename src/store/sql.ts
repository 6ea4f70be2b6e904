/**
 * The event database in SQL, shared by both backends: schema migrations, the
 * write path and every query. A backend supplies a `Driver` (how to run a
 * statement, a bulk insert and a transaction) and a `Dialect` (the few
 * places where SQLite and PostgreSQL differ: placeholders, weeks, full text).
 */
import { fold } from "../kb/fold.ts";
import { type EventShape, eventEdges, monthOf, rollupCells } from "./rollup.ts";
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
  StoreStats,
  TimelineRow,
  WriteOutcome,
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
  /** Turns user words into the full-text parameter (or null when there are none). */
  fullTextQuery(words: string): string | null;
  /** A condition: text `a` sorts before `b`, byte-wise (the same order on both backends, whatever the locale). */
  textBefore(a: string, b: string): string;
  /** Schema migrations, in order; each runs in its own transaction with its version recorded. */
  migrations: string[][];
}

export interface Driver {
  all(sql: string, params: readonly Value[]): Promise<Row[]>;
  run(sql: string, params: readonly Value[]): Promise<void>;
  /** Inserts rows of `columns` into `table`. */
  insert(table: string, columns: readonly string[], rows: readonly Value[][], onConflict?: string): Promise<void>;
  /** Runs `fn` in one transaction: all of it or none. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
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

const encodeCursor = (date: string, id: string) => Buffer.from(JSON.stringify([date, id])).toString("base64url");
function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

const num = (v: unknown) => Number(v ?? 0);
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export class SqlStore implements Store {
  readonly backend: "sqlite" | "postgres";

  constructor(
    private readonly db: Driver,
    private readonly dialect: Dialect,
  ) {
    this.backend = dialect.name;
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

  write(docs: readonly DocumentRecord[]): Promise<WriteOutcome[]> {
    const batch = this.writing.then(() => this.writeBatch(docs));
    this.writing = batch.catch(() => undefined);
    return batch;
  }

  private async writeBatch(docs: readonly DocumentRecord[]): Promise<WriteOutcome[]> {
    return this.db.transaction(async () => {
      const stored = await this.hashes(docs.map((d) => d.id));
      const outcomes: WriteOutcome[] = [];
      const seen = new Map<string, string>();
      for (const d of docs) {
        const before = seen.get(d.id) ?? stored.get(d.id);
        if (before === d.hash) {
          outcomes.push("unchanged");
          continue;
        }
        if (before !== undefined) await this.deleteDocument(d.id);
        await this.insertDocument(d);
        seen.set(d.id, d.hash);
        outcomes.push(before === undefined ? "new" : "replaced");
      }
      return outcomes;
    });
  }

  private async deleteDocument(id: string): Promise<void> {
    const before = await this.storedShapes(id);
    await this.addRollups(before.events, before.publisher, -1);
    const ph = this.dialect.placeholder(1);
    const ofDoc = `(SELECT id FROM events WHERE doc = ${ph})`;
    await this.db.run(`DELETE FROM participants WHERE event IN ${ofDoc}`, [id]);
    await this.db.run(`DELETE FROM event_contexts WHERE event IN ${ofDoc}`, [id]);
    for (const t of ["events", "mentions", "sentences"]) await this.db.run(`DELETE FROM ${t} WHERE doc = ${ph}`, [id]);
    if (this.dialect.name === "sqlite") await this.db.run(`DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = ${ph})`, [id]);
    await this.db.run(`DELETE FROM documents WHERE id = ${ph}`, [id]);
  }

  private async insertDocument(d: DocumentRecord): Promise<void> {
    const db = this.db;
    await db.insert("documents", ["id", "source", "publisher", "url", "date", "title", "text", "hash"], [[d.id, d.source, d.publisher, d.url, d.date, d.title, d.text, d.hash]]);
    if (this.dialect.name === "sqlite") {
      await db.run(`INSERT INTO documents_fts (rowid, title, text) SELECT rowid, coalesce(title, ''), text FROM documents WHERE id = ${this.dialect.placeholder(1)}`, [d.id]);
    }
    await db.insert("sentences", ["doc", "idx", "start_offset", "end_offset", "skip"], d.sentences.map((s) => [d.id, s.index, s.start, s.end, s.skip]));
    await db.insert(
      "actors",
      ["id", "name", "name_fold", "kind", "code", "office", "source"],
      d.actors.map((a) => [a.id, a.name, fold(a.name), a.kind, a.code, a.office, a.source]),
      // whatever order documents arrive in (ingest codes them in parallel), an actor ends up with the same name and office
      `(id) DO UPDATE SET
        name = CASE WHEN ${this.dialect.textBefore("excluded.name", "actors.name")} THEN excluded.name ELSE actors.name END,
        name_fold = CASE WHEN ${this.dialect.textBefore("excluded.name", "actors.name")} THEN excluded.name_fold ELSE actors.name_fold END,
        office = CASE WHEN actors.office IS NULL OR ${this.dialect.textBefore("excluded.office", "actors.office")} THEN coalesce(excluded.office, actors.office) ELSE actors.office END`,
    );
    const offices = d.actors.flatMap((a) => a.offices.map((o) => [a.id, o.office, o.code, o.start, o.end] as Value[]));
    if (offices.length) await db.insert("actor_offices", ["actor", "office", "code", "start_date", "end_date"], offices, "(actor, office, start_date) DO NOTHING");
    await db.insert(
      "mentions",
      ["doc", "sentence", "actor", "type", "start_offset", "end_offset", "full_start", "full_end"],
      d.mentions.map((m) => [d.id, m.sentence, m.actor, m.type, m.start, m.end, m.fullStart, m.fullEnd]),
    );
    const sentences = new Map(d.sentences.map((s) => [s.index, s]));
    await db.insert(
      "events",
      ["id", "doc", "publisher", "sentence", "sentence_start", "sentence_end", "sentence_text", "date", "sort_date", "type", "mode", "cameo", "trigger_start", "trigger_end"],
      d.events.map((e) => {
        const s = sentences.get(e.sentence)!;
        return [e.id, d.id, d.publisher, e.sentence, s.start, s.end, d.text.slice(s.start, s.end), e.date, e.date ?? "", e.type, e.mode, e.cameo, e.triggerStart, e.triggerEnd];
      }),
    );
    await db.insert("event_contexts", ["event", "context"], d.events.flatMap((e) => e.context.map((c) => [e.id, c])));
    await db.insert(
      "participants",
      ["event", "role", "pos", "actor", "name", "code", "office", "sector", "text"],
      d.events.flatMap((e) => {
        const pos = { actor: 0, recipient: 0 };
        return e.participants.map((p) => [e.id, p.role, pos[p.role]++, p.actor, p.name, p.code, p.office, p.sector, p.text]);
      }),
    );
    await this.addRollups(d.events, d.publisher, 1);
  }

  /** Adds a document's events to the rollup counts (`sign` 1), or takes them out (-1). */
  private async addRollups(events: readonly EventShape[], publisher: string | null, sign: 1 | -1): Promise<void> {
    const { nodes, edges } = rollupCells(events, publisher);
    if (!nodes.size) return;
    await this.db.insert(
      "node_counts",
      ["level", "node", "type", "month", "publisher", "events"],
      [...nodes.values()].map(([c, n]) => [c.level, c.node, c.type, c.month, c.publisher, sign * n]),
      "(level, node, type, month, publisher) DO UPDATE SET events = node_counts.events + excluded.events",
    );
    await this.db.insert(
      "edge_counts",
      ["level", "source", "target", "directed", "type", "month", "publisher", "events"],
      [...edges.values()].map(([c, n]) => [c.level, c.source, c.target, c.directed ? 1 : 0, c.type, c.month, c.publisher, sign * n]),
      "(level, source, target, directed, type, month, publisher) DO UPDATE SET events = edge_counts.events + excluded.events",
    );
    if (sign < 0) {
      await this.db.run("DELETE FROM node_counts WHERE events <= 0", []);
      await this.db.run("DELETE FROM edge_counts WHERE events <= 0", []);
    }
  }

  /** A stored document's events as the rollups saw them, to take them out again. */
  private async storedShapes(doc: string): Promise<{ events: EventShape[]; publisher: string | null }> {
    const ph = this.dialect.placeholder(1);
    const rows = await this.db.all(
      `SELECT e.id, e.type, e.date, e.publisher, p.role, p.actor, p.code FROM events e JOIN participants p ON p.event = e.id WHERE e.doc = ${ph} ORDER BY e.id`,
      [doc],
    );
    const byId = new Map<string, EventShape>();
    let publisher: string | null = null;
    for (const r of rows) {
      publisher = str(r.publisher);
      const id = String(r.id);
      let ev = byId.get(id);
      if (!ev) byId.set(id, (ev = { type: String(r.type), date: str(r.date), participants: [] }));
      ev.participants.push({ role: r.role === "actor" ? "actor" : "recipient", actor: String(r.actor), code: str(r.code) });
    }
    return { events: [...byId.values()], publisher };
  }

  // ------------------------------------------------------------ filters

  /** Actor ids a reference names: by id or name; else, as a code, everyone of that code. */
  private async resolve(ref: string): Promise<{ ids: string[] } | { code: string }> {
    const p = new Params(this.dialect);
    const rows = await this.db.all(`SELECT id FROM actors WHERE id = ${p.add(ref)} OR name_fold = ${p.add(fold(ref.trim()))}`, p.values);
    if (rows.length) return { ids: rows.map((r) => String(r.id)) };
    return { code: ref.trim().toUpperCase() };
  }

  private async where(f: EventFilter, p: Params): Promise<string> {
    const conds: string[] = [];
    const side = async (ref: string, role: string | null) => {
      const r = await this.resolve(ref);
      const roleCond = role ? ` AND role = ${p.add(role)}` : "";
      const who = "ids" in r ? `actor IN (${p.list(r.ids)})` : `code = ${p.add(r.code)}`;
      conds.push(`e.id IN (SELECT event FROM participants WHERE ${who}${roleCond})`);
    };
    if (f.actor) await side(f.actor, "actor");
    if (f.recipient) await side(f.recipient, "recipient");
    for (const ref of f.party ?? []) await side(ref, null);
    const inList = (col: string, vs: string[] | undefined) => {
      if (vs?.length) conds.push(`${col} IN (${p.list(vs)})`);
    };
    inList("e.type", f.type?.map((t) => t.toUpperCase()));
    inList("e.mode", f.mode);
    inList("e.publisher", f.publisher);
    inList("e.doc", f.doc);
    if (f.context?.length) conds.push(`e.id IN (SELECT event FROM event_contexts WHERE context IN (${p.list(f.context)}))`);
    if (f.from) conds.push(`e.date >= ${p.add(f.from)}`);
    if (f.to) conds.push(`e.date <= ${p.add(f.to)}`);
    if (f.q !== undefined) {
      const q = this.dialect.fullTextQuery(f.q);
      conds.push(q === null ? "1 = 0" : `e.doc IN (SELECT d.id FROM documents d WHERE ${this.dialect.fullText(p.add(q))})`);
    }
    return conds.length ? `WHERE ${conds.join(" AND ")}` : "";
  }

  // ------------------------------------------------------------ events

  async events(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(page.limit)));
    const desc = (page.sort ?? "-date") === "-date";
    const p = new Params(this.dialect);
    let where = await this.where(filter, p);
    if (page.cursor) {
      const [date, id] = decodeCursor(page.cursor);
      const c = `(e.sort_date ${desc ? "<" : ">"} ${p.add(date)} OR (e.sort_date = ${p.add(date)} AND e.id ${desc ? "<" : ">"} ${p.add(id)}))`;
      where = where ? `${where} AND ${c}` : `WHERE ${c}`;
    }
    const dir = desc ? "DESC" : "ASC";
    const rows = await this.db.all(`${EVENT_SELECT} ${where} ORDER BY e.sort_date ${dir}, e.id ${dir} LIMIT ${p.add(limit + 1)}`, p.values);
    const more = rows.length > limit;
    const events = await this.views(rows.slice(0, limit));
    const last = events[events.length - 1];
    return { events, next: more && last ? encodeCursor(last.date ?? "", last.id) : null };
  }

  async *eachEvent(filter: EventFilter, sort: EventSort = "date"): AsyncIterable<EventView> {
    let cursor: string | null = null;
    do {
      const page: EventPage = await this.events(filter, { limit: MAX_LIMIT, cursor, sort });
      yield* page.events;
      cursor = page.next;
    } while (cursor);
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
    const parts = await this.db.all(
      `SELECT p.event, p.role, p.pos, p.actor, p.code, p.office, p.sector, p.text, coalesce(p.name, a.name) AS name, a.kind FROM participants p JOIN actors a ON a.id = p.actor WHERE p.event IN (${inIds}) ORDER BY p.event, p.role, p.pos`,
      p.values,
    );
    const ctx = await this.db.all(`SELECT event, context FROM event_contexts WHERE event IN (${inIds}) ORDER BY event, context`, p.values);
    const byEvent = new Map<string, { actor: ParticipantView[]; recipient: ParticipantView[]; context: string[] }>();
    for (const id of ids) byEvent.set(id, { actor: [], recipient: [], context: [] });
    for (const r of parts) {
      const v: ParticipantView = { id: String(r.actor), name: String(r.name), kind: r.kind as ParticipantView["kind"], code: str(r.code), sector: str(r.sector), office: str(r.office), entity_text: String(r.text) };
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
    const p = new Params(this.dialect);
    const where = await this.where(filter, p);
    const lim = p.add(Math.max(1, Math.min(MAX_LIMIT, limit)));
    const isTime = by === "day" || by === "week" || by === "month" || by === "year";
    // undated events have no place on a time axis
    const cond = isTime ? (where ? `${where} AND e.date IS NOT NULL` : "WHERE e.date IS NOT NULL") : where;
    const grouped = (key: string, from = "events e") =>
      `SELECT ${key} AS k, ${from === "events e" ? "count(*)" : "count(DISTINCT e.id)"} AS n FROM ${from} ${cond} GROUP BY ${key} ORDER BY ${isTime ? "k" : `n DESC, coalesce(${key}, '')`} LIMIT ${lim}`;
    let sql: string;
    switch (by) {
      case "type":
      case "mode":
      case "publisher":
        sql = grouped(`e.${by}`);
        break;
      case "day":
        sql = grouped("e.date");
        break;
      case "week":
        sql = grouped(this.dialect.weekStart("e.date"));
        break;
      case "month":
        sql = grouped("substr(e.date, 1, 7)");
        break;
      case "year":
        sql = grouped("substr(e.date, 1, 4)");
        break;
      case "context":
        sql = grouped("c.context", "events e JOIN event_contexts c ON c.event = e.id");
        break;
      case "country": {
        const months = rollupMonths(filter);
        if (months) return this.countCountriesFromRollups(filter, months, limit);
        sql = grouped("pc.code", "events e JOIN participants pc ON pc.event = e.id AND pc.code IS NOT NULL");
        break;
      }
      case "actor":
      case "recipient": {
        const role = p.add(by);
        sql = `SELECT pa.actor AS k, max(a.name) AS label, count(DISTINCT e.id) AS n FROM events e JOIN participants pa ON pa.event = e.id AND pa.role = ${role} JOIN actors a ON a.id = pa.actor ${where} GROUP BY pa.actor ORDER BY n DESC, k LIMIT ${lim}`;
        break;
      }
    }
    const rows = await this.db.all(sql, p.values);
    return rows.map((r) => {
      const key = str(r.k) ?? "";
      return { key, label: str(r.label) ?? key, count: num(r.n) };
    });
  }

  async timeline(filter: EventFilter, interval: Interval): Promise<TimelineRow[]> {
    const p = new Params(this.dialect);
    const where = await this.where(filter, p);
    const period = interval === "day" ? "e.date" : interval === "week" ? this.dialect.weekStart("e.date") : "substr(e.date, 1, 7) || '-01'";
    const cond = where ? `${where} AND e.date IS NOT NULL` : "WHERE e.date IS NOT NULL";
    const rows = await this.db.all(`SELECT ${period} AS period, e.type AS type, count(*) AS n FROM events e ${cond} GROUP BY ${period}, e.type ORDER BY period, type`, p.values);
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

  /** A network over types, publishers and whole months, summed from the rollup counts. */
  /** The rollup cells a filter that `rollupMonths` accepts selects, at one level. */
  private rollupWhere(filter: EventFilter, months: RollupMonths, level: "actor" | "country", p: Params): string {
    const conds = [`level = ${p.add(level)}`];
    if (filter.type?.length) conds.push(`type IN (${p.list(filter.type.map((t) => t.toUpperCase()))})`);
    if (filter.publisher?.length) conds.push(`publisher IN (${p.list(filter.publisher)})`);
    if (months.from) conds.push(`month >= ${p.add(months.from)}`);
    if (months.to) conds.push(`month <= ${p.add(months.to)}`);
    if (months.from || months.to) conds.push("month <> ''");
    return conds.join(" AND ");
  }

  /** Events per country, summed from the rollups (an event counts once for each country taking part). */
  private async countCountriesFromRollups(filter: EventFilter, months: RollupMonths, limit: number): Promise<CountRow[]> {
    const p = new Params(this.dialect);
    const where = this.rollupWhere(filter, months, "country", p);
    const rows = await this.db.all(`SELECT node AS k, sum(events) AS n FROM node_counts WHERE ${where} GROUP BY node ORDER BY n DESC, node LIMIT ${p.add(Math.max(1, Math.min(MAX_LIMIT, limit)))}`, p.values);
    return rows.map((r) => ({ key: String(r.k), label: String(r.k), count: num(r.n) }));
  }

  private async networkFromRollups(filter: EventFilter, months: RollupMonths, level: "actor" | "country", top: number) {
    const p = new Params(this.dialect);
    const where = this.rollupWhere(filter, months, level, p);
    const nodeRows = await this.db.all(`SELECT node, sum(events) AS n FROM node_counts WHERE ${where} GROUP BY node ORDER BY n DESC, node LIMIT ${p.add(top)}`, p.values);
    const nodes: Array<[string, number]> = nodeRows.map((r) => [String(r.node), num(r.n)]);
    const e = new Params(this.dialect);
    e.values.push(...p.values.slice(0, -1)); // the same conditions, without the LIMIT
    const ids = nodes.map(([id]) => id);
    const edgeRows = ids.length
      ? await this.db.all(
          `SELECT source, target, directed, type, sum(events) AS n FROM edge_counts WHERE ${where} AND source IN (${e.list(ids)}) AND target IN (${e.list(ids)}) GROUP BY source, target, directed, type`,
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
      return { id, name: bloc ?? id, kind: level === "country" ? (bloc ? "org" : "state") : "group", code: level === "country" ? id : null, events };
    });
  }

  // ------------------------------------------------------------ actors and documents

  async actors(q: string, limit: number): Promise<ActorSummary[]> {
    const p = new Params(this.dialect);
    const words = fold(q).trim();
    const cond = words ? `WHERE a.name_fold LIKE ${p.add(`%${escapeLike(words)}%`)} ESCAPE '\\' OR a.id = ${p.add(q)} OR a.code = ${p.add(q.toUpperCase())}` : "";
    const rows = await this.db.all(
      `SELECT a.id, a.name, a.kind, a.code, a.office, (SELECT count(DISTINCT event) FROM participants x WHERE x.actor = a.id) AS n FROM actors a ${cond} ORDER BY n DESC, a.name LIMIT ${p.add(Math.max(1, Math.min(MAX_LIMIT, limit)))}`,
      p.values,
    );
    return rows.map((r) => ({ id: String(r.id), name: String(r.name), kind: r.kind as ActorSummary["kind"], code: str(r.code), office: str(r.office), events: num(r.n) }));
  }

  async actor(id: string): Promise<ActorProfile | null> {
    const ph = this.dialect.placeholder(1);
    const [a] = await this.db.all(`SELECT id, name, kind, code, office, source FROM actors WHERE id = ${ph}`, [id]);
    if (!a) return null;
    const offices = await this.db.all(`SELECT office, code, start_date, end_date FROM actor_offices WHERE actor = ${ph} ORDER BY start_date`, [id]);
    const roles = await this.db.all(`SELECT role, count(DISTINCT event) AS n FROM participants WHERE actor = ${ph} GROUP BY role`, [id]);
    // by type and counterparts from the rollups: one row per cell, not per event
    const types = await this.db.all(`SELECT type, sum(events) AS n FROM node_counts WHERE level = 'actor' AND node = ${ph} GROUP BY type ORDER BY n DESC, type`, [id]);
    const span = await this.db.all(`SELECT min(e.date) AS first, max(e.date) AS last FROM events e WHERE e.id IN (SELECT event FROM participants WHERE actor = ${ph})`, [id]);
    const partners = await this.db.all(
      `SELECT c.other AS id, max(a.name) AS name, max(a.code) AS code, sum(c.events) AS n FROM (
         SELECT target AS other, events FROM edge_counts WHERE level = 'actor' AND source = ${ph}
         UNION ALL SELECT source AS other, events FROM edge_counts WHERE level = 'actor' AND target = ${ph}) c
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
    const [d] = await this.db.all(`SELECT id, source, publisher, url, date, title, text FROM documents WHERE id = ${ph}`, [id]);
    if (!d) return null;
    const sentences = await this.db.all(`SELECT idx, start_offset, end_offset, skip FROM sentences WHERE doc = ${ph} ORDER BY idx`, [id]);
    const mentions = await this.db.all(
      `SELECT actor, sentence, type, start_offset, end_offset, full_start, full_end FROM mentions WHERE doc = ${ph} ORDER BY start_offset, end_offset`,
      [id],
    );
    const events = await this.views(await this.db.all(`${EVENT_SELECT} WHERE e.doc = ${ph} ORDER BY e.sentence, e.trigger_start`, [id]));
    return {
      id: String(d.id),
      source: str(d.source),
      publisher: str(d.publisher),
      url: str(d.url),
      date: str(d.date),
      title: str(d.title),
      text: String(d.text),
      sentences: sentences.map((s) => ({ index: num(s.idx), start: num(s.start_offset), end: num(s.end_offset), skip: str(s.skip) })),
      mentions: mentions.map((m) => ({
        actor: str(m.actor),
        sentence: num(m.sentence),
        type: String(m.type) as MentionRecord["type"],
        start: num(m.start_offset),
        end: num(m.end_offset),
        fullStart: num(m.full_start),
        fullEnd: num(m.full_end),
      })),
      events,
    };
  }

  async stats(): Promise<StoreStats> {
    const [r] = await this.db.all(
      "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM actors) AS actors",
      [],
    );
    return { documents: num(r?.documents), events: num(r?.events), actors: num(r?.actors) };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * The month range a filter asks for when the rollup counts can answer it: only
 * types, publishers and dates that start and end on whole months; else null.
 */
interface RollupMonths {
  from: string | null;
  to: string | null;
}

function rollupMonths(f: EventFilter): RollupMonths | null {
  const other = Object.entries(f).some(([k, v]) => !["type", "publisher", "from", "to"].includes(k) && v !== undefined && !(Array.isArray(v) && !v.length));
  if (other) return null;
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
const BLOC_NAMES: Record<string, string> = {
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
export function rollupMigration(dialect: Pick<Dialect, "textBefore">): string[] {
  const month = "coalesce(substr(e.date, 1, 7), '')";
  const pub = "coalesce(e.publisher, '')";
  const nodes = (level: string, col: string) =>
    `INSERT INTO node_counts (level, node, type, month, publisher, events)
     SELECT '${level}', p.${col}, e.type, ${month}, ${pub}, count(DISTINCT e.id) FROM events e JOIN participants p ON p.event = e.id
     WHERE p.${col} IS NOT NULL GROUP BY p.${col}, e.type, ${month}, ${pub}`;
  const directed = (level: string, col: string) =>
    `INSERT INTO edge_counts (level, source, target, directed, type, month, publisher, events)
     SELECT '${level}', a.${col}, r.${col}, 1, e.type, ${month}, ${pub}, count(DISTINCT e.id) FROM events e
     JOIN participants a ON a.event = e.id AND a.role = 'actor' JOIN participants r ON r.event = e.id AND r.role = 'recipient'
     WHERE a.${col} IS NOT NULL AND r.${col} IS NOT NULL AND a.${col} <> r.${col} GROUP BY a.${col}, r.${col}, e.type, ${month}, ${pub}`;
  const joint = (level: string, col: string) =>
    `INSERT INTO edge_counts (level, source, target, directed, type, month, publisher, events)
     SELECT '${level}', a.${col}, b.${col}, 0, e.type, ${month}, ${pub}, count(DISTINCT e.id) FROM events e
     JOIN participants a ON a.event = e.id AND a.role = 'actor' JOIN participants b ON b.event = e.id AND b.role = 'actor' AND ${dialect.textBefore(`a.${col}`, `b.${col}`)}
     WHERE NOT EXISTS (SELECT 1 FROM participants r WHERE r.event = e.id AND r.role = 'recipient') GROUP BY a.${col}, b.${col}, e.type, ${month}, ${pub}`;
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
    nodes("actor", "actor"),
    nodes("country", "code"),
    directed("actor", "actor"),
    directed("country", "code"),
    joint("actor", "actor"),
    joint("country", "code"),
  ];
}

/** Tables and indexes common to both backends (types that both accept). */
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
