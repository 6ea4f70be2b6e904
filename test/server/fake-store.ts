/**
 * A small in-memory `Store` for the API tests: three invented documents with
 * hand-made events. Its query semantics are simple approximations of the
 * real store's; the tests against SQLite (sqlite-app.test.ts) check the rest.
 */
import type {
  ActorProfile,
  ActorSummary,
  CountKey,
  CountRow,
  DocumentView,
  EventFilter,
  EventPage,
  EventSort,
  EventView,
  Interval,
  Network,
  NetworkNode,
  PageRequest,
  ParticipantView,
  Store,
  StoreStats,
  TimelineRow,
} from "../../src/store/model.ts";

interface FakeActor {
  id: string;
  name: string;
  kind: ParticipantView["kind"];
  code: string | null;
  office: string | null;
}

export const ACTORS: FakeActor[] = [
  { id: "person:wang-yi", name: "Wang Yi", kind: "person", code: "CHN", office: "Foreign Minister" },
  { id: "person:antony-blinken", name: "Antony Blinken", kind: "person", code: "USA", office: "Secretary of State" },
  { id: "state:CHN", name: "China", kind: "state", code: "CHN", office: null },
  { id: "state:USA", name: "United States", kind: "state", code: "USA", office: null },
  { id: "org:un", name: "United Nations", kind: "org", code: "UNO", office: null },
  { id: "person:karin-oskarsdottir@ISL", name: "Karin Oskarsdottir", kind: "person", code: "ISL", office: "Minister for Foreign Affairs" },
];

const participant = (id: string, text?: string): ParticipantView => {
  const a = ACTORS.find((x) => x.id === id)!;
  return { id: a.id, name: a.name, kind: a.kind, code: a.code, sector: "GOV", office: a.office, entity_text: text ?? a.name };
};

interface DocSpec {
  id: string;
  date: string;
  publisher: string;
  title: string;
  url: string;
  text: string;
}

export const DOCS: DocSpec[] = [
  {
    id: "mfa-1",
    date: "2024-03-04",
    publisher: "Ministry of Foreign Affairs",
    title: "Wang Yi meets Blinken",
    url: "https://example.invalid/mfa-1",
    text: 'Foreign Minister Wang Yi met Secretary of State Antony Blinken in Beijing on Monday. Wang urged the United States to lift sanctions, saying "unilateral measures, however framed, must end".',
  },
  {
    id: "state-2",
    date: "2024-04-10",
    publisher: "Department of State",
    title: "Secretary's call with the UN",
    url: "https://example.invalid/state-2",
    text: "Secretary Blinken spoke with the United Nations about climate finance. The United States pledged support for the climate fund.",
  },
  {
    id: "mfa/3",
    date: "2024-04-22",
    publisher: "Ministry of Foreign Affairs",
    title: "Iceland and China",
    url: "https://example.invalid/mfa-3",
    text: "Minister Karin Oskarsdottir visited China and met Wang Yi.",
  },
];

interface EventSpec {
  id: string;
  doc: string;
  date: string | null;
  type: string;
  mode: string[];
  context: string[];
  actor: string[];
  recipient: string[];
  sentence: number;
}

const EVENT_SPECS: EventSpec[] = [
  { id: "e1", doc: "mfa-1", date: "2024-03-04", type: "CONSULT", mode: ["visit"], context: [], actor: ["person:wang-yi", "person:antony-blinken"], recipient: [], sentence: 0 },
  { id: "e2", doc: "mfa-1", date: "2024-03-04", type: "REQUEST", mode: [], context: ["economic"], actor: ["person:wang-yi"], recipient: ["state:USA"], sentence: 1 },
  { id: "e3", doc: "state-2", date: "2024-04-10", type: "CONSULT", mode: ["phone"], context: ["environment"], actor: ["person:antony-blinken"], recipient: ["org:un"], sentence: 0 },
  { id: "e4", doc: "state-2", date: "2024-04-10", type: "SUPPORT", mode: [], context: ["environment"], actor: ["state:USA"], recipient: ["org:un"], sentence: 1 },
  { id: "e5", doc: "mfa/3", date: "2024-04-22", type: "CONSULT", mode: ["visit"], context: [], actor: ["person:karin-oskarsdottir@ISL", "person:wang-yi"], recipient: [], sentence: 0 },
  { id: "e6", doc: "mfa/3", date: null, type: "COOPERATE", mode: [], context: [], actor: ["person:karin-oskarsdottir@ISL"], recipient: ["state:CHN"], sentence: 0 },
];

/** [start, end) of each sentence: they end with a full stop (and a closing quote) before a space. */
export function sentenceSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(/\S.*?\."?(?=\s|$)/g)].map((m) => [m.index, m.index + m[0].length]);
}

export const EVENTS: EventView[] = EVENT_SPECS.map((s) => {
  const d = DOCS.find((x) => x.id === s.doc)!;
  const sequence = s.sentence;
  const [start, end] = sentenceSpans(d.text)[sequence]!;
  return {
    id: s.id,
    doc: s.doc,
    date: s.date,
    event: s.type,
    mode: s.mode,
    context: s.context,
    cameo: "040",
    actor: s.actor.map((id) => participant(id)),
    recipient: s.recipient.map((id) => participant(id)),
    text: d.text.slice(start, end),
    text_info: { sequence, start, end, trigger_start: start + 1, trigger_end: start + 4 },
    cite_info: { title: d.title, publication: d.publisher, url: d.url },
    story_date: d.date,
  };
});

/** Calls to the store, for tests that check what the app passed on. */
export interface Call {
  method: string;
  args: unknown[];
}

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

const refMatches = (p: ParticipantView, ref: string) =>
  p.id === ref || p.name.toLowerCase() === ref.toLowerCase() || p.code === ref.toUpperCase();

function matches(ev: EventView, f: EventFilter): boolean {
  const all = [...ev.actor, ...ev.recipient];
  const doc = DOCS.find((d) => d.id === ev.doc)!;
  const anyOf = (values: string[] | undefined, have: string[]) => !values?.length || values.some((v) => have.includes(v));
  return (
    (!f.actor || ev.actor.some((p) => refMatches(p, f.actor!))) &&
    (!f.recipient || ev.recipient.some((p) => refMatches(p, f.recipient!))) &&
    (f.party ?? []).every((ref) => all.some((p) => refMatches(p, ref))) &&
    anyOf(f.type, [ev.event]) &&
    anyOf(f.mode, ev.mode) &&
    anyOf(f.context, ev.context) &&
    anyOf(f.publisher, [doc.publisher]) &&
    anyOf(f.doc, [ev.doc]) &&
    (!f.from || (ev.date !== null && ev.date >= f.from)) &&
    (!f.to || (ev.date !== null && ev.date <= f.to)) &&
    (f.q === undefined || words(f.q).every((w) => words(`${doc.title} ${doc.text}`).includes(w)))
  );
}

const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

function sorted(events: EventView[], sort: EventSort): EventView[] {
  const key = (e: EventView) => `${e.date ?? ""}\u0000${e.id}`;
  const out = [...events].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sort === "-date" ? out.reverse() : out;
}

export class FakeStore implements Store {
  readonly backend = "sqlite" as const;
  readonly calls: Call[] = [];
  /** Set to make every query method throw this. */
  failWith: Error | null = null;

  private record(method: string, args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failWith) throw this.failWith;
  }

  lastCall(method: string): Call | undefined {
    return this.calls.filter((c) => c.method === method).at(-1);
  }

  async hashes(): Promise<Map<string, string>> {
    return new Map();
  }

  async write(): Promise<never> {
    throw new Error("the fake store is read-only");
  }

  async events(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    this.record("events", [filter, page]);
    const all = sorted(EVENTS.filter((e) => matches(e, filter)), page.sort ?? "-date");
    let start = 0;
    if (page.cursor) {
      const at = all.findIndex((e) => `c.${e.id}` === page.cursor);
      if (at < 0) throw new InvalidCursorError("the page cursor is not valid");
      start = at;
    }
    const events = all.slice(start, start + page.limit);
    const following = all[start + page.limit];
    return { events, next: following ? `c.${following.id}` : null };
  }

  async *eachEvent(filter: EventFilter, sort: EventSort = "-date"): AsyncIterable<EventView> {
    yield* sorted(EVENTS.filter((e) => matches(e, filter)), sort);
  }

  /** What version() answers: a test changes it to stand for a write. */
  changes = 0;

  async version(): Promise<number> {
    this.record("version", []);
    return this.changes;
  }

  async counts(filter: EventFilter, keys: readonly CountKey[], limit = 100): Promise<Map<CountKey, CountRow[]>> {
    return new Map(await Promise.all(keys.map(async (by) => [by, await this.count(filter, by, limit)] as const)));
  }

  async count(filter: EventFilter, by: CountKey, limit = 100): Promise<CountRow[]> {
    this.record("count", [filter, by, limit]);
    const tally = new Map<string, number>();
    for (const e of EVENTS.filter((x) => matches(x, filter))) {
      const keys =
        by === "type" ? [e.event] : by === "month" ? (e.date ? [e.date.slice(0, 7)] : []) : by === "publisher" ? [e.cite_info.publication ?? ""] : by === "country" ? [...new Set([...e.actor, ...e.recipient].map((p) => p.code ?? ""))] : [];
      for (const k of keys) tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    return [...tally]
      .map(([key, count]) => ({ key, label: key, count }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, limit);
  }

  async event(id: string): Promise<EventView | null> {
    this.record("event", [id]);
    return EVENTS.find((e) => e.id === id) ?? null;
  }

  async document(id: string): Promise<DocumentView | null> {
    this.record("document", [id]);
    const d = DOCS.find((x) => x.id === id);
    if (!d) return null;
    return {
      id: d.id,
      source: "fake",
      publisher: d.publisher,
      url: d.url,
      date: d.date,
      title: d.title,
      text: d.text,
      sentences: sentenceSpans(d.text).map(([start, end], index) => ({ index, start, end, skip: null })),
      // every participant's words in its events, as the coder would have found them
      mentions: EVENTS.filter((e) => e.doc === id).flatMap((e) =>
        [...e.actor, ...e.recipient].flatMap((p) => {
          const at = d.text.indexOf(p.entity_text);
          return at < 0 ? [] : [{ actor: p.id, sentence: e.text_info.sequence, type: "name" as const, start: at, end: at + p.entity_text.length, fullStart: at, fullEnd: at + p.entity_text.length }];
        }),
      ),
      events: EVENTS.filter((e) => e.doc === id),
    };
  }

  private eventsOf(id: string): EventView[] {
    return EVENTS.filter((e) => [...e.actor, ...e.recipient].some((p) => p.id === id));
  }

  async actors(q: string, limit: number): Promise<ActorSummary[]> {
    this.record("actors", [q, limit]);
    return ACTORS.filter((a) => !q || a.name.toLowerCase().includes(q.toLowerCase()) || a.id === q || a.code === q.toUpperCase())
      .map((a) => ({ ...a, events: this.eventsOf(a.id).length }))
      .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name))
      .slice(0, limit);
  }

  async actor(id: string): Promise<ActorProfile | null> {
    this.record("actor", [id]);
    const a = ACTORS.find((x) => x.id === id);
    if (!a) return null;
    const evs = this.eventsOf(id);
    const dates = evs.map((e) => e.date).filter((d): d is string => d !== null).sort();
    const byType: Record<string, number> = {};
    for (const e of evs) byType[e.event] = (byType[e.event] ?? 0) + 1;
    return {
      ...a,
      events: evs.length,
      source: "kb",
      offices: a.office ? [{ office: a.office, code: a.code, start: "2023-01-01", end: null }] : [],
      asActor: evs.filter((e) => e.actor.some((p) => p.id === id)).length,
      asRecipient: evs.filter((e) => e.recipient.some((p) => p.id === id)).length,
      byType,
      counterparts: [],
      firstSeen: dates[0] ?? null,
      lastSeen: dates.at(-1) ?? null,
    };
  }

  async timeline(filter: EventFilter, interval: Interval): Promise<TimelineRow[]> {
    this.record("timeline", [filter, interval]);
    const tally = new Map<string, number>();
    for (const e of EVENTS.filter((x) => matches(x, filter) && x.date)) {
      const period = interval === "month" ? `${e.date!.slice(0, 7)}-01` : e.date!;
      const key = `${period}|${e.event}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    return [...tally].sort().map(([key, count]) => {
      const [period = "", type = ""] = key.split("|");
      return { period, type, count };
    });
  }

  async network(filter: EventFilter, level: "actor" | "country", limit: number): Promise<Network> {
    this.record("network", [filter, level, limit]);
    const node = (p: ParticipantView) => (level === "actor" ? p.id : (p.code ?? p.id));
    const counts = new Map<string, number>();
    const edges = new Map<string, Network["edges"][number]>();
    for (const e of EVENTS.filter((x) => matches(x, filter))) {
      for (const n of new Set([...e.actor, ...e.recipient].map(node))) counts.set(n, (counts.get(n) ?? 0) + 1);
      for (const a of e.actor)
        for (const r of e.recipient) {
          const key = `${node(a)}>${node(r)}`;
          const edge = edges.get(key) ?? { source: node(a), target: node(r), directed: true, weight: 0, types: {} };
          edge.weight++;
          edge.types[e.event] = (edge.types[e.event] ?? 0) + 1;
          edges.set(key, edge);
        }
    }
    const nodes = [...counts].slice(0, limit).map(([id, events]) => {
      const a = ACTORS.find((x) => (level === "actor" ? x.id === id : x.kind === "state" && x.code === id));
      return { id, name: a?.name ?? id, kind: a?.kind ?? ("state" as const), code: a?.code ?? id, events };
    });
    return { level, nodes, edges: [...edges.values()] };
  }

  async countries(filter: EventFilter): Promise<NetworkNode[]> {
    this.record("countries", [filter]);
    const counts = new Map<string, number>();
    for (const e of EVENTS.filter((x) => matches(x, filter))) for (const c of new Set([...e.actor, ...e.recipient].map((p) => p.code).filter((c) => c !== null))) counts.set(c, (counts.get(c) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, events]) => {
        const a = ACTORS.find((x) => x.kind === "state" && x.code === id);
        return { id, name: a?.name ?? id, kind: a?.kind ?? ("state" as const), code: id, events };
      });
  }

  async stats(): Promise<StoreStats> {
    this.record("stats", []);
    return { documents: DOCS.length, events: EVENTS.length, actors: ACTORS.length };
  }

  async close(): Promise<void> {}
}
