/**
 * What the event database keeps and answers, independent of the backend.
 *
 * Ingest turns a coded `Doc` into a `DocumentRecord` (plain data, so it can
 * cross from a worker thread); a `Store` keeps records and answers queries
 * with views shaped like readout's PLOVER export. SQLite and PostgreSQL
 * implement the same `Store`, held to one contract test suite.
 */
import type { EntityKind, MentionType } from "../doc/document.ts";
import type { PloverEntity, PloverRecord } from "../export/plover.ts";

// ---------------------------------------------------------------- records (written)

/** A canonical participant: the same id in every document that names it. */
export interface ActorRecord {
  /** Stable id: `state:CHN`, `org:un`, `person:xi-jinping`, `person:karin-oskarsdottir@ISL`, `group:…`. */
  id: string;
  name: string;
  kind: EntityKind;
  code: string | null;
  /** The office it was named with (the latest one seen is kept). */
  office: string | null;
  /** From the knowledge base, or learned from a text. */
  source: "kb" | "text";
  /** Offices held, with tenure dates, for knowledge-base people. */
  offices: OfficeRecord[];
}

export interface OfficeRecord {
  office: string;
  code: string | null;
  /** YYYY-MM-DD. */
  start: string;
  /** YYYY-MM-DD, or null while in office. */
  end: string | null;
}

export interface SentenceRecord {
  index: number;
  start: number;
  end: number;
  /** Why it was not coded (headline, caption …), or null. */
  skip: string | null;
}

export interface MentionRecord {
  /** The actor it refers to, or null when unresolved. */
  actor: string | null;
  sentence: number;
  type: MentionType;
  start: number;
  end: number;
  /** The stretch with titles and appositives. */
  fullStart: number;
  fullEnd: number;
}

export interface ParticipantRecord {
  actor: string;
  role: "actor" | "recipient";
  /** As the PLOVER record gives it for this event: the name, code, office and sector it acted with. */
  name: string;
  code: string | null;
  office: string | null;
  sector: string | null;
  /** The words that name it in the event's sentence ("the Secretary-General"), or its name when inferred. */
  text: string;
}

export interface EventRecord {
  /** The PLOVER record id (stable for the same event of the same text). */
  id: string;
  sentence: number;
  date: string | null;
  type: string;
  mode: string | null;
  context: string[];
  cameo: string;
  triggerStart: number;
  triggerEnd: number;
  participants: ParticipantRecord[];
}

/** What a document is, as stored and as shown. */
export interface DocumentFields {
  id: string;
  source: string | null;
  publisher: string | null;
  url: string | null;
  /** Story (publication) date, YYYY-MM-DD. */
  date: string | null;
  title: string | null;
  text: string;
}

/** Everything ingest stores of one coded document. */
export interface DocumentRecord extends DocumentFields {
  /** sha256 of the text and metadata as coded, with the coder version: unchanged input, same hash. */
  hash: string;
  sentences: SentenceRecord[];
  actors: ActorRecord[];
  mentions: MentionRecord[];
  events: EventRecord[];
}

// ---------------------------------------------------------------- queries (read)

export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
] as const;

/**
 * Which events to return. Every field narrows the result (AND); list fields
 * match any of their values (OR). An actor reference is an actor id, a
 * name (case-insensitive, exact) or a code ("CHN", "UNO").
 */
export interface EventFilter {
  /** On the actor side. */
  actor?: string;
  /** On the recipient side. */
  recipient?: string;
  /** Each must take part, on either side (two codes: a country pair). */
  party?: string[];
  type?: string[];
  mode?: string[];
  context?: string[];
  publisher?: string[];
  doc?: string[];
  /** Event date range, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
  /** Full-text words (all must occur) in the document's title or text. */
  q?: string;
}

/**
 * The orders of an event list: by date (`-date` newest first), or by type, first actor's or first recipient's name
 * (A to Z, newest first within each; `-` reverses the whole order). Events without an actor or recipient come last.
 */
export const EVENT_SORTS = ["-date", "date", "type", "-type", "actor", "-actor", "recipient", "-recipient"] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export interface PageRequest {
  /** 1 … 1000. */
  limit: number;
  /** The `next` of the previous page; opaque. */
  cursor?: string | null;
  sort?: EventSort;
}

/** A participant as the PLOVER export gives it, with its actor id. */
export interface ParticipantView extends PloverEntity {
  id: string;
}

/** An event with its evidence: PLOVER fields, the sentence, offsets and the document's citation. */
export interface EventView extends Omit<PloverRecord, "actor" | "recipient"> {
  actor: ParticipantView[];
  recipient: ParticipantView[];
  /** The document's story date. */
  story_date: string | null;
}

export interface EventPage {
  events: EventView[];
  /** Cursor for the next page, or null at the end. */
  next: string | null;
}

export const COUNT_KEYS = ["type", "mode", "context", "day", "week", "month", "year", "actor", "recipient", "country", "publisher"] as const;
export type CountKey = (typeof COUNT_KEYS)[number];

export interface CountRow {
  key: string;
  /** A readable name for the key (an actor's name), or the key itself. */
  label: string;
  count: number;
}

export type Interval = "day" | "week" | "month";

export interface TimelineRow {
  /** Start of the period, YYYY-MM-DD (weeks start on Monday). */
  period: string;
  type: string;
  count: number;
}

export interface NetworkNode {
  id: string;
  name: string;
  kind: EntityKind;
  code: string | null;
  /** Events it takes part in within the filter. */
  events: number;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Directed when one side acted on the other; a meeting of equals is undirected (source < target). */
  directed: boolean;
  weight: number;
  /** Events per PLOVER type. */
  types: Record<string, number>;
}

export interface Network {
  level: "actor" | "country";
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

export interface ActorSummary {
  id: string;
  name: string;
  kind: EntityKind;
  code: string | null;
  office: string | null;
  events: number;
}

export interface ActorProfile extends ActorSummary {
  source: "kb" | "text";
  offices: OfficeRecord[];
  asActor: number;
  asRecipient: number;
  byType: Record<string, number>;
  counterparts: Array<{ id: string; name: string; code: string | null; count: number }>;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface DocumentView extends DocumentFields {
  sentences: SentenceRecord[];
  /** Every mention of a participant, with character offsets, in text order. */
  mentions: MentionRecord[];
  events: EventView[];
}

export interface StoreStats {
  documents: number;
  events: number;
  actors: number;
}

/** What `write` did with each document of a batch. */
export type WriteOutcome = "new" | "replaced" | "unchanged";

/** Statements of a write's transaction, for what must commit with its documents or not at all. */
export interface WriteTransaction {
  /** Runs one statement (placeholders as the backend writes them) and gives its rows. */
  query(sql: string, params: readonly unknown[]): Promise<Array<Record<string, unknown>>>;
}

/** The event database. Every method is safe to call concurrently with reads; `write` is atomic per call. */
export interface Store {
  readonly backend: "sqlite" | "postgres";
  /** Content hashes of the stored documents among `ids`. */
  hashes(ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Stores a batch in one transaction: new documents are added; a stored one
   * with another hash is replaced with its events; one with the same hash is
   * left alone. `also` runs last in the same transaction, given what was done
   * with each document (a queue's job completion); if it throws, nothing of
   * the batch is stored. All or nothing.
   */
  write(docs: readonly DocumentRecord[], also?: (tx: WriteTransaction, outcomes: readonly WriteOutcome[]) => Promise<void>): Promise<WriteOutcome[]>;
  events(filter: EventFilter, page: PageRequest): Promise<EventPage>;
  /** Every matching event, in pages, for exports. */
  eachEvent(filter: EventFilter, sort?: EventSort): AsyncIterable<EventView>;
  count(filter: EventFilter, by: CountKey, limit?: number): Promise<CountRow[]>;
  /** Several counts of one filter's events at once, each as `count` gives it. */
  counts(filter: EventFilter, keys: readonly CountKey[], limit?: number): Promise<Map<CountKey, CountRow[]>>;
  event(id: string): Promise<EventView | null>;
  document(id: string): Promise<DocumentView | null>;
  actors(q: string, limit: number): Promise<ActorSummary[]>;
  actor(id: string): Promise<ActorProfile | null>;
  timeline(filter: EventFilter, interval: Interval): Promise<TimelineRow[]>;
  /** Every country (or bloc) taking part in the matching events, with its name and events, the most first. */
  countries(filter: EventFilter): Promise<NetworkNode[]>;
  network(filter: EventFilter, level: "actor" | "country", limit: number): Promise<Network>;
  stats(): Promise<StoreStats>;
  /** A number that changes whenever a write changes what the store holds, in this process or another. */
  version(): Promise<number>;
  close(): Promise<void>;
}

/** What the SQL stores tell about themselves, for tests and benchmarks. */
export interface StoreDiagnostics {
  /** The plan of a page's statement, one line per step; `indexesOnly` plans as if no table could be read whole or sorted. */
  explainPage(filter: EventFilter, page: PageRequest, options?: { indexesOnly?: boolean }): Promise<string[]>;
  /** The rollup tables that differ from a count made afresh from the events. */
  rollupDrift(): Promise<string[]>;
  /**
   * The largest match set a list sorted by type, actor or recipient sorts whole; a larger one is walked down the
   * key's index (tests set 0 to walk it always).
   */
  sortWholeMax: number;
}
