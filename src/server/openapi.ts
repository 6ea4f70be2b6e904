/**
 * The OpenAPI 3.1 description of the API, served at /-/openapi.json. Written
 * by hand; test/server/openapi.test.ts holds it to the app (every route,
 * every parameter) and validates responses against its schemas.
 */
import { EVENT_TYPES } from "../store/model.ts";
import { MAX_CODE_BYTES } from "./code.ts";
import { FACET_LIMIT, FACETS, INTERVALS, LEVELS, MAX_LIMIT, SORTS } from "./params.ts";

const SORT_HELP =
  "Order: by event date (`-date` newest first, `date` oldest first), or by type, by the first actor's name or by the first recipient's name (`type`, `actor`, `recipient`: A to Z, newest first within each, events without one last; a leading `-` reverses the whole order).";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const nullable = (type: string): Schema => ({ type: [type, "null"] });
const str: Schema = { type: "string" };
const int: Schema = { type: "integer", minimum: 0 };
const date: Schema = { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const nullableDate: Schema = { oneOf: [date, { type: "null" }] };
const arrayOf = (items: Schema): Schema => ({ type: "array", items });
const counts: Schema = { type: "object", additionalProperties: { type: "integer", minimum: 0 } };
const kind: Schema = { type: "string", enum: ["person", "state", "org", "group"] };

const object = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: "object",
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});

// ---------------------------------------------------------------- schemas

const schemas: Record<string, Schema> = {
  Error: {
    ...object({
      error: object(
        {
          status: { type: "integer", enum: [400, 404, 405, 413, 415, 421, 429, 500, 503] },
          code: { type: "string", enum: ["invalid_parameter", "unknown_parameter", "not_found", "method_not_allowed", "payload_too_large", "unsupported_media_type", "misdirected_request", "too_many_requests", "service_unavailable", "internal_error"] },
          message: { type: "string", description: "What was wrong, naming the parameter and what it expects." },
          parameter: { type: "string", description: "The query parameter at fault (400s about one)." },
        },
        ["parameter"],
      ),
    }),
    description: "The body of every error response.",
  },
  Participant: object({
    id: { type: "string", description: "Actor id: `state:CHN`, `org:un`, `person:xi-jinping`, `person:karin-oskarsdottir@ISL` …" },
    name: str,
    kind,
    code: nullable("string"),
    sector: nullable("string"),
    office: nullable("string"),
    entity_text: { type: "string", description: "The words that name it in the sentence." },
  }),
  Event: {
    ...object({
      id: str,
      doc: str,
      date: nullableDate,
      story_date: nullableDate,
      event: { type: "string", enum: [...EVENT_TYPES] },
      mode: arrayOf(str),
      context: arrayOf(str),
      cameo: str,
      actor: arrayOf(ref("Participant")),
      recipient: arrayOf(ref("Participant")),
      text: { type: "string", description: "The sentence the event was coded from." },
      text_info: object({ sequence: int, start: int, end: int, trigger_start: int, trigger_end: int }),
      cite_info: object({ title: nullable("string"), publication: nullable("string"), url: nullable("string") }),
    }),
    description: "A PLOVER event with its evidence: the sentence, its offsets in the document, and the document's citation.",
  },
  CountRow: object({ key: str, label: str, count: int }),
  EventPage: object(
    {
      total: { ...int, description: "How many events match the filters, all pages together." },
      events: arrayOf(ref("Event")),
      next: { ...nullable("string"), description: "Pass as `_next` for the following page; null on the last page." },
      links: object({ next: { ...nullable("string"), description: "The URL of the following page." } }),
      facets: {
        type: "object",
        description: "Event counts per facet asked for with `_facet`.",
        properties: Object.fromEntries(FACETS.map((f) => [f, arrayOf(ref("CountRow"))])),
        additionalProperties: false,
      },
    },
    ["facets"],
  ),
  ActorSummary: object({ id: str, name: str, kind, code: nullable("string"), office: nullable("string"), events: int }),
  Office: object({ office: str, code: nullable("string"), start: date, end: nullableDate }),
  ActorProfile: object({
    id: str,
    name: str,
    kind,
    code: nullable("string"),
    office: nullable("string"),
    events: int,
    source: { type: "string", enum: ["kb", "text"] },
    offices: arrayOf(ref("Office")),
    asActor: int,
    asRecipient: int,
    byType: counts,
    counterparts: arrayOf(object({ id: str, name: str, code: nullable("string"), count: int })),
    firstSeen: nullableDate,
    lastSeen: nullableDate,
  }),
  Sentence: object({ index: int, start: int, end: int, skip: nullable("string") }),
  Mention: object({
    actor: { ...nullable("string"), description: "The actor id it refers to, or null when unresolved." },
    sentence: int,
    type: { type: "string", enum: ["name", "title", "surname", "pronoun", "group", "adjective", "place", "region", "collective"] },
    start: int,
    end: int,
    fullStart: { ...int, description: "Start of the mention with its titles and appositives." },
    fullEnd: int,
  }),
  Document: object({
    id: str,
    source: nullable("string"),
    publisher: nullable("string"),
    url: nullable("string"),
    date: nullableDate,
    title: nullable("string"),
    text: str,
    sentences: arrayOf(ref("Sentence")),
    mentions: arrayOf(ref("Mention")),
    events: arrayOf(ref("Event")),
  }),
  TimelineRow: object({ period: { ...date, description: "Start of the period (weeks start on Monday)." }, type: str, count: int }),
  Country: object({ id: { ...str, description: "The ISO 3166-1 alpha-3 code, or a bloc's code (UNO, EUR)." }, name: str, kind, code: nullable("string"), events: int }),
  Network: object({
    level: { type: "string", enum: [...LEVELS] },
    nodes: arrayOf(object({ id: str, name: str, kind, code: nullable("string"), events: int })),
    edges: arrayOf(
      object({
        source: str,
        target: str,
        directed: { type: "boolean", description: "False for a meeting of equals (then source < target)." },
        weight: int,
        types: counts,
      }),
    ),
  }),
  Health: object({
    status: { type: "string", enum: ["ok"] },
    backend: { type: "string", enum: ["sqlite", "postgres"] },
    documents: int,
    events: int,
    actors: int,
  }),
  Index: object({ name: str, description: str, openapi: str }),
  CodeRequest: {
    ...object({ text: { type: "string", minLength: 1, description: "The text to code." }, date: { ...date, description: "The story date (default: a dateline found in the text, such as \"(Originally published on 06/19/2013)\")." }, publisher: str, title: str }, ["date", "publisher", "title"]),
    additionalProperties: false,
  },
  PloverEvent: {
    ...object({
      id: str,
      doc: str,
      date: nullableDate,
      event: { type: "string", enum: [...EVENT_TYPES] },
      mode: arrayOf(str),
      context: arrayOf(str),
      cameo: str,
      actor: arrayOf(ref("PloverEntity")),
      recipient: arrayOf(ref("PloverEntity")),
      text: str,
      text_info: object({ sequence: int, start: int, end: int, trigger_start: int, trigger_end: int }),
      cite_info: object({ title: nullable("string"), publication: nullable("string"), url: nullable("string") }),
    }),
    description: "A PLOVER record exactly as `readout code` writes it; offsets index the posted text.",
  },
  PloverEntity: object({ name: str, kind, code: nullable("string"), sector: nullable("string"), office: nullable("string"), entity_text: str }),
  CodeResult: object({
    date: { ...nullableDate, description: "The story date used." },
    events: arrayOf(ref("PloverEvent")),
    sentences: arrayOf(ref("Sentence")),
    mentions: arrayOf(
      object({
        name: { ...nullable("string"), description: "The actor it refers to, or null when unresolved." },
        sentence: int,
        type: { type: "string", enum: ["name", "title", "surname", "pronoun", "group", "adjective", "place", "region", "collective"] },
        start: int,
        end: int,
        fullStart: int,
        fullEnd: int,
      }),
    ),
  }),
};

// ---------------------------------------------------------------- parameters

type Param = { name: string; in: "query" | "path"; description: string; required?: boolean; schema: Schema; style?: string; explode?: boolean };

const listParam = (name: string, description: string, items: Schema = str): Param => ({
  name,
  in: "query",
  description: `${description} Repeat the parameter or separate values with commas; any value matches.`,
  schema: arrayOf(items),
  style: "form",
  explode: true,
});
const queryParam = (name: string, description: string, schema: Schema = str): Param => ({ name, in: "query", description, schema });
const limitParam = (fallback: number, what = "How many to return"): Param =>
  queryParam("_limit", `${what}, 1 to ${MAX_LIMIT}.`, { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: fallback });
const idParam = (what: string): Param => ({
  name: "id",
  in: "path",
  required: true,
  description: `The ${what} id; it may be URL-encoded.`,
  schema: str,
});

const actorRef = "An actor id (`state:CHN`), name (case-insensitive, exact) or code (`CHN`).";
const filterParams: Param[] = [
  queryParam("actor", `Events with this actor on the actor side. ${actorRef}`),
  queryParam("recipient", `Events with this actor on the recipient side. ${actorRef}`),
  listParam("party", `Actors that must each take part, on either side (two codes: a country pair). ${actorRef} Unlike the other lists, all values must match.`),
  listParam("type", "PLOVER event types (case-insensitive).", { type: "string", enum: [...EVENT_TYPES] }),
  listParam("mode", "PLOVER modes (`visit`, `phone` …)."),
  listParam("context", "PLOVER contexts."),
  listParam("publisher", "Document publishers."),
  listParam("doc", "Document ids."),
  queryParam("from", "Events on or after this date (inclusive).", date),
  queryParam("to", "Events on or before this date (inclusive).", date),
  queryParam("q", "Full-text words, all of which must occur in the document's title or text."),
];

// ---------------------------------------------------------------- responses

const JSON_TYPE = "application/json";
const json = (schema: Schema) => ({ [JSON_TYPE]: { schema } });
const csv = (description: string) => ({ "text/csv": { schema: { type: "string", description } } });
const error = (description: string) => ({ description, content: json(ref("Error")) });

const errors = {
  "400": error("A bad, repeated or unknown query parameter (the `parameter` field names it), or an invalid `_next` cursor."),
  "404": error("No such id."),
  "405": error("Only GET and HEAD are allowed."),
  "421": error("The request was addressed to a host name this server does not answer for (see `readout serve --host-name`)."),
  "500": error("An unexpected error; the details are logged on the server, never returned."),
};

const ok = (description: string, schema: Schema, csvDescription?: string) => ({
  "200": { description, content: { ...json(schema), ...(csvDescription ? csv(csvDescription) : {}) } },
  ...errors,
});

interface Operation {
  summary: string;
  description?: string;
  parameters: Param[];
  responses: ReturnType<typeof ok>;
}

const csvTwin = (path: string): string =>
  ` Also answers as CSV (RFC 4180, with a header row) at \`${path}.csv\` or with \`Accept: text/csv\`.`;

const listOperations: Record<string, Operation> = {
  "/events": {
    summary: "Events matching filters, newest first, in pages.",
    description:
      "Every filter narrows the result; list values match any of them (except `party`). Follow `next` (or `links.next`, or the `Link` header) for the following page." +
      csvTwin("/events") +
      " CSV has one row per actor–recipient pair and ignores `_facet`.",
    parameters: [
      ...filterParams,
      limitParam(50),
      queryParam("_next", "The `next` cursor of the previous page."),
      queryParam("_sort", SORT_HELP, { type: "string", enum: [...SORTS], default: "-date" }),
      listParam("_facet", `Also count the matching events by these keys (up to ${FACET_LIMIT} rows each, largest first; months in time order, the latest ${FACET_LIMIT}).`, { type: "string", enum: [...FACETS] }),
    ],
    responses: ok("A page of events.", ref("EventPage"), "Columns: id, date, story_date, type, mode, context, cameo, actor_id, actor_name, actor_code, recipient_id, recipient_name, recipient_code, sentence, doc, title, publisher, url."),
  },
  "/actors": {
    summary: "Actors whose name, id or code matches a search, most active first.",
    description: csvTwin("/actors").trim(),
    parameters: [queryParam("q", "Search words (empty: the most active actors).", { type: "string", default: "" }), limitParam(20)],
    responses: ok("Matching actors.", arrayOf(ref("ActorSummary")), "Columns: id, name, kind, code, office, events."),
  },
  "/timeline": {
    summary: "Event counts per period and event type for the filters.",
    description: csvTwin("/timeline").trim(),
    parameters: [...filterParams, queryParam("interval", "The period length.", { type: "string", enum: [...INTERVALS], default: "month" })],
    responses: ok("Counts per period and type.", arrayOf(ref("TimelineRow")), "Columns: period, type, count."),
  },
  "/countries": {
    summary: "Every country (or bloc) taking part in the matching events, with its name and events, the most first.",
    description: csvTwin("/countries").trim() + " An event counts once for each country taking part, on either side.",
    parameters: [...filterParams],
    responses: ok("Countries.", arrayOf(ref("Country")), "Columns: code, name, kind, events."),
  },
  "/network": {
    summary: "Who acts on whom: a graph of actors or countries for the filters.",
    description: csvTwin("/network").trim() + " CSV gives the edges, with one count column per event type.",
    parameters: [...filterParams, queryParam("level", "Nodes are actors or countries.", { type: "string", enum: [...LEVELS], default: "country" }), limitParam(100, "How many nodes to keep, the most active first (edges between them only)")],
    responses: ok("Nodes and weighted edges.", ref("Network"), "Columns: source, source_name, target, target_name, directed, weight, then one per event type present."),
  },
};

const operations: Record<string, Operation> = {
  "/": { summary: "What this is, and where its description is.", parameters: [], responses: ok("The API's name.", ref("Index")) },
  ...listOperations,
  ...Object.fromEntries(Object.entries(listOperations).map(([path, op]) => [`${path}.csv`, { ...op, summary: `${op.summary} (CSV)` }])),
  "/events/{id}": { summary: "One event with its evidence.", parameters: [idParam("event")], responses: ok("The event.", ref("Event")) },
  "/actors/{id}": {
    summary: "An actor's profile: offices, activity by type, counterparts, first and last seen.",
    parameters: [idParam("actor (`state:CHN`, `person:xi-jinping`)")],
    responses: ok("The actor.", ref("ActorProfile")),
  },
  "/documents/{id}": { summary: "A document with its text, sentences and events.", parameters: [idParam("document")], responses: ok("The document.", ref("Document")) },
  "/-/health": { summary: "Whether the API is up, and what the database holds.", parameters: [], responses: ok("Counts of the database.", ref("Health")) },
  "/-/openapi.json": { summary: "This document.", parameters: [], responses: ok("OpenAPI 3.1.", { type: "object" }) },
};

/** The downloads of whole results: every event under the filters, streamed, in one format each. */
const exportOperation = (format: string, content: Record<string, { schema: Schema }>): Operation => ({
  summary: `Every event matching the filters, as ${format}, streamed: no page limit.`,
  description:
    "Takes the filters of `/events`; events come oldest first (`_sort=-date`: newest first). The body is streamed as the client reads it, a page of the database at a time, " +
    "and `Content-Disposition` names the file after the filters (`readout-events_type-ACCUSE_from-2024-01-01.csv`). Never cached.",
  parameters: [...filterParams, queryParam("_sort", SORT_HELP, { type: "string", enum: [...SORTS], default: "date" })],
  responses: { ...errors, "200": { description: `${format}.`, content } } as unknown as Operation["responses"],
});

const exportOperations: Record<string, Operation> = {
  "/export/events.csv": exportOperation("CSV (the columns of `/events.csv`, one row per actor–recipient pair)", csv("Columns as `/events.csv`.")),
  "/export/events.jsonl": exportOperation("JSON Lines, one event of `/events` a line", { "application/x-ndjson": { schema: { type: "string", description: "One Event object (see `#/components/schemas/Event`) per line." } } }),
  "/export/events.plover.jsonl": exportOperation("PLOVER JSON Lines, as `readout export` writes them", { "application/x-ndjson": { schema: { type: "string", description: "One PLOVER record per line: an Event without `story_date` and without participants' `id`." } } }),
};

/** CSV-only paths answer with CSV, not JSON. */
function csvOnly(op: Operation): Operation {
  const { "200": success, ...rest } = op.responses;
  const { [JSON_TYPE]: _json, ...content } = success.content;
  return { ...op, responses: { ...rest, "200": { ...success, content } } as Operation["responses"] };
}

const codeOperation = {
  summary: "Codes a text on the spot and returns its events, sentences and mentions; nothing is stored.",
  description: `The body is JSON, at most ${MAX_CODE_BYTES} bytes (larger: 413), sent as \`Content-Type: application/json\` (else 415). All offsets index the posted text. Texts are coded on the server's coding threads, one at a time each, behind a short queue (full: 429).`,
  parameters: [],
  requestBody: { required: true, content: json(ref("CodeRequest")) },
  responses: {
    "200": { description: "The coded text.", content: json(ref("CodeResult")) },
    "400": error("The body is not JSON, or a field is missing, unknown or invalid (`parameter` names it)."),
    "404": errors["404"],
    "405": error("Only POST is allowed."),
    "413": error(`The body is over ${MAX_CODE_BYTES} bytes.`),
    "415": error("The body was not sent as `Content-Type: application/json`."),
    "421": errors["421"],
    "429": {
      ...error("Every coding thread is busy and the queue is full; the `Retry-After` header says in how many seconds to try again."),
      headers: { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } } },
    },
    "500": errors["500"],
    "503": error("The text was not coded: it took longer than the server's time budget (`readout serve --code-timeout`), or it stopped its coding thread."),
  },
};

const paths = {
  ...Object.fromEntries(Object.entries(operations).map(([path, op]) => [path, { get: path.endsWith(".csv") ? csvOnly(op) : op }])),
  ...Object.fromEntries(Object.entries(exportOperations).map(([path, op]) => [path, { get: op }])),
  "/-/code": { post: codeOperation },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "readout query API",
    version: "1",
    description:
      "Access to readout's event database: PLOVER events coded from diplomatic texts, with the sentence and document behind each. " +
      "All routes are read-only GETs except `POST /-/code`, which codes a posted text without storing it. " +
      "Every error has the body `{ error: { status, code, message, parameter? } }`. Unknown query parameters are rejected (400); empty values count as absent.",
  },
  paths,
  components: { schemas },
} as const;
