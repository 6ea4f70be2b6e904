/**
 * The event database in SQL, shared by both backends: schema migrations, the
 * write path and every query. A backend supplies a `Driver` (how to run a
 * statement, a bulk insert and a transaction) and a `Dialect` (the few
 * places where SQLite and PostgreSQL differ: placeholders, weeks, full text).
 */
import { fold } from "../kb/fold.ts";
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

  /** Brings the schema up to date. */
  async migrate(): Promise<void> {
    await this.db.run("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)", []);
    const done = new Set((await this.db.all("SELECT version FROM schema_migrations", [])).map((r) => num(r.version)));
    for (const [i, statements] of this.dialect.migrations.entries()) {
      const version = i + 1;
      if (done.has(version)) continue;
      await this.db.transaction(async () => {
        for (const s of statements) await this.db.run(s, []);
        await this.db.run(`INSERT INTO schema_migrations (version, applied_at) VALUES (${this.dialect.placeholder(1)}, ${this.dialect.placeholder(2)})`, [version, new Date().toISOString()]);
      });
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
      "(id) DO UPDATE SET name = excluded.name, name_fold = excluded.name_fold, office = coalesce(excluded.office, actors.office)",
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
      ["id", "doc", "publisher", "sentence", "sentence_start", "sentence_end", "sentence_text", "date", "type", "mode", "cameo", "trigger_start", "trigger_end"],
      d.events.map((e) => {
        const s = sentences.get(e.sentence)!;
        return [e.id, d.id, d.publisher, e.sentence, s.start, s.end, d.text.slice(s.start, s.end), e.date, e.type, e.mode, e.cameo, e.triggerStart, e.triggerEnd];
      }),
    );
    await db.insert("event_contexts", ["event", "context"], d.events.flatMap((e) => e.context.map((c) => [e.id, c])));
    await db.insert(
      "participants",
      ["event", "role", "pos", "actor", "code", "office", "sector", "text"],
      d.events.flatMap((e) => {
        const pos = { actor: 0, recipient: 0 };
        return e.participants.map((p) => [e.id, p.role, pos[p.role]++, p.actor, p.code, p.office, p.sector, p.text]);
      }),
    );
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
      const c = `(coalesce(e.date, '') ${desc ? "<" : ">"} ${p.add(date)} OR (coalesce(e.date, '') = ${p.add(date)} AND e.id ${desc ? "<" : ">"} ${p.add(id)}))`;
      where = where ? `${where} AND ${c}` : `WHERE ${c}`;
    }
    const dir = desc ? "DESC" : "ASC";
    const rows = await this.db.all(`${EVENT_SELECT} ${where} ORDER BY coalesce(e.date, '') ${dir}, e.id ${dir} LIMIT ${p.add(limit + 1)}`, p.values);
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
      `SELECT p.event, p.role, p.pos, p.actor, p.code, p.office, p.sector, p.text, a.name, a.kind FROM participants p JOIN actors a ON a.id = p.actor WHERE p.event IN (${inIds}) ORDER BY p.event, p.role, p.pos`,
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
      `SELECT ${key} AS k, count(DISTINCT e.id) AS n FROM ${from} ${cond} GROUP BY ${key} ORDER BY ${isTime ? "k" : `n DESC, coalesce(${key}, '')`} LIMIT ${lim}`;
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
      case "country":
        sql = grouped("pc.code", "events e JOIN participants pc ON pc.event = e.id");
        break;
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
    const p = new Params(this.dialect);
    const where = await this.where(filter, p);
    const node = level === "actor" ? "x.actor" : "x.code";
    const rows = await this.db.all(
      `SELECT e.id AS event, e.type AS type, x.role AS role, ${node} AS node FROM events e JOIN participants x ON x.event = e.id ${where} ${where ? "AND" : "WHERE"} ${node} IS NOT NULL ORDER BY e.id, x.role, x.pos`,
      p.values,
    );
    // edges: actor → recipient for directed events; between every two actors of a joint one
    const edges = new Map<string, NetworkEdge>();
    const counts = new Map<string, number>();
    const addEdge = (a: string, b: string, directed: boolean, type: string) => {
      if (a === b) return;
      const [s, t] = directed || a < b ? [a, b] : [b, a];
      const key = `${s}\u0000${t}\u0000${directed}`;
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { source: s, target: t, directed, weight: 0, types: {} }));
      e.weight++;
      e.types[type] = (e.types[type] ?? 0) + 1;
    };
    for (let i = 0; i < rows.length; ) {
      const ev = String(rows[i]!.event);
      const type = String(rows[i]!.type);
      const actors = new Set<string>();
      const recipients = new Set<string>();
      for (; i < rows.length && String(rows[i]!.event) === ev; i++) (rows[i]!.role === "actor" ? actors : recipients).add(String(rows[i]!.node));
      for (const n of new Set([...actors, ...recipients])) counts.set(n, (counts.get(n) ?? 0) + 1);
      if (recipients.size) for (const a of actors) for (const r of recipients) addEdge(a, r, true, type);
      else {
        const list = [...actors];
        for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) addEdge(list[x]!, list[y]!, false, type);
      }
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, Math.max(1, Math.min(MAX_LIMIT, limit)));
    const kept = new Set(top.map(([id]) => id));
    const nodes = await this.describe(top, level);
    return {
      level,
      nodes,
      edges: [...edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target)).sort((a, b) => b.weight - a.weight || a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    };
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
    const types = await this.db.all(`SELECT e.type, count(DISTINCT e.id) AS n FROM events e WHERE e.id IN (SELECT event FROM participants WHERE actor = ${ph}) GROUP BY e.type ORDER BY n DESC`, [id]);
    const span = await this.db.all(`SELECT min(e.date) AS first, max(e.date) AS last, count(*) AS n FROM events e WHERE e.id IN (SELECT event FROM participants WHERE actor = ${ph})`, [id]);
    const partners = await this.db.all(
      `SELECT o.actor AS id, max(oa.name) AS name, max(oa.code) AS code, count(DISTINCT o.event) AS n FROM participants me JOIN participants o ON o.event = me.event AND o.actor <> me.actor JOIN actors oa ON oa.id = o.actor WHERE me.actor = ${ph} GROUP BY o.actor ORDER BY n DESC, o.actor LIMIT 50`,
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
      events: num(span[0]?.n),
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
