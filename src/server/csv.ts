/**
 * CSV tables (RFC 4180): a header row, CRLF line ends, fields quoted when
 * they hold a comma, quote, CR or LF, quotes doubled. A field a spreadsheet
 * would run as a formula is neutralised first (see `csvField`). Pure
 * functions, shared by the HTTP API and the CLI's export.
 */
import {
  EVENT_TYPES,
  type ActorSummary,
  type EventView,
  type NetworkEdge,
  type NetworkNode,
  type ParticipantView,
  type TimelineRow,
} from "../store/model.ts";

export type Row = readonly string[];

/**
 * One field, quoted if it must be. Texts are stored as published, and a spreadsheet runs a cell that begins with
 * "=", "+", "-", "@", a tab or a carriage return as a formula ("=HYPERLINK(…)", "=cmd|' /C calc'!A0"), so such a
 * field gets a leading "'" that shows it as text (OWASP's CSV injection rule); a plain number ("-3") is left as it is.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One record with its CRLF, for writing a table line by line. */
export function csvLine(row: Row): string {
  return row.map(csvField).join(",") + "\r\n";
}

/** A whole table, header included if `rows` starts with it. */
export function toCsv(rows: readonly Row[]): string {
  return rows.map(csvLine).join("");
}

const cell = (v: string | number | boolean | null | undefined): string => (v === null || v === undefined ? "" : String(v));

// ---------------------------------------------------------------- events

/** Columns after POLECAT's flat export: one row per actor–recipient pair. */
export const EVENT_CSV_HEADER: Row = [
  "id",
  "date",
  "story_date",
  "type",
  "mode",
  "context",
  "cameo",
  "actor_id",
  "actor_name",
  "actor_code",
  "recipient_id",
  "recipient_name",
  "recipient_code",
  "sentence",
  "doc",
  "title",
  "publisher",
  "url",
];

/**
 * An event's rows: one per actor–recipient pair, so a meeting of two with
 * one gives two rows; a side with nobody on it gives empty columns (an event
 * without recipients, one row per actor). Lists (mode, context) are joined with ";".
 */
export function eventRows(ev: EventView): string[][] {
  const actors: Array<ParticipantView | null> = ev.actor.length ? ev.actor : [null];
  const recipients: Array<ParticipantView | null> = ev.recipient.length ? ev.recipient : [null];
  const rows: string[][] = [];
  for (const a of actors) {
    for (const r of recipients) {
      rows.push([
        ev.id,
        cell(ev.date),
        cell(ev.story_date),
        ev.event,
        ev.mode.join(";"),
        ev.context.join(";"),
        ev.cameo,
        cell(a?.id),
        cell(a?.name),
        cell(a?.code),
        cell(r?.id),
        cell(r?.name),
        cell(r?.code),
        ev.text,
        ev.doc,
        cell(ev.cite_info.title),
        cell(ev.cite_info.publication),
        cell(ev.cite_info.url),
      ]);
    }
  }
  return rows;
}

export function eventTable(events: readonly EventView[]): Row[] {
  return [EVENT_CSV_HEADER, ...events.flatMap(eventRows)];
}

// ---------------------------------------------------------------- other lists

export function actorTable(actors: readonly ActorSummary[]): Row[] {
  return [
    ["id", "name", "kind", "code", "office", "events"],
    ...actors.map((a) => [a.id, a.name, a.kind, cell(a.code), cell(a.office), cell(a.events)]),
  ];
}

export function timelineTable(rows: readonly TimelineRow[]): Row[] {
  return [["period", "type", "count"], ...rows.map((r) => [r.period, r.type, cell(r.count)])];
}

/** Countries (and blocs) with their names and events. */
export function countryTable(nodes: readonly NetworkNode[]): Row[] {
  return [["code", "name", "kind", "events"], ...nodes.map((n) => [n.id, n.name, n.kind, cell(n.events)])];
}

/** Network edges with their nodes' names, and one column of counts per event type. */
export function edgeTable(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[]): Row[] {
  const name = new Map(nodes.map((n) => [n.id, n.name]));
  const seen = new Set(edges.flatMap((e) => Object.keys(e.types)));
  const types = [...EVENT_TYPES.filter((t) => seen.has(t)), ...[...seen].filter((t) => !(EVENT_TYPES as readonly string[]).includes(t)).sort()];
  return [
    ["source", "source_name", "target", "target_name", "directed", "weight", ...types],
    ...edges.map((e) => [
      e.source,
      name.get(e.source) ?? "",
      e.target,
      name.get(e.target) ?? "",
      cell(e.directed),
      cell(e.weight),
      ...types.map((t) => cell(e.types[t] ?? 0)),
    ]),
  ];
}
