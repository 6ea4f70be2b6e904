/**
 * Query parameters: which ones each route takes, and how they become store
 * arguments. Validation is strict — an unknown, repeated or malformed
 * parameter is a 400 naming it — except that empty values (`actor=`, as a
 * web form sends them) count as absent.
 */
import { z } from "zod";
import { isCalendarDate } from "../ingest/dateline.ts";
import { EVENT_SORTS, EVENT_TYPES, type CountKey, type EventFilter, type EventSort, type Interval, type PageRequest } from "../store/model.ts";
import { BadRequest } from "./errors.ts";

export const MAX_LIMIT = 1000;
/** Rows per facet of /events. */
export const FACET_LIMIT = 100;
export const FACETS = ["type", "country", "month", "publisher", "context"] as const satisfies readonly CountKey[];
export type Facet = (typeof FACETS)[number];
export const SORTS = EVENT_SORTS;
export const INTERVALS = ["month", "week", "day"] as const satisfies readonly Interval[];
export const LEVELS = ["country", "actor"] as const;

/** Parameters that may repeat and take comma-separated values; all others are given at most once. */
export const LIST_PARAMS: ReadonlySet<string> = new Set(["party", "type", "mode", "context", "publisher", "doc", "_facet"]);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { errorMap: () => ({ message: `expected one of ${values.join(", ")}` }) });

const text = (max: number) => z.string().max(max, `expected at most ${max} characters`);
const list = <T extends z.ZodTypeAny>(item: T, max = 50) => z.array(item).max(max, `expected at most ${max} values`);

/** An actor id (`state:CHN`), name or code. */
const actorRef = text(200);

/** A date parameter or field: a real calendar date as YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine(isCalendarDate, "expected a real calendar date as YYYY-MM-DD");

const limit = (fallback: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `expected a whole number from 1 to ${MAX_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_LIMIT, `expected a whole number from 1 to ${MAX_LIMIT}`)
    .default(String(fallback));

const eventType = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(oneOf(EVENT_TYPES));

const filterShape = {
  actor: actorRef.optional(),
  recipient: actorRef.optional(),
  party: list(actorRef, 10).optional(),
  type: list(eventType).optional(),
  mode: list(text(100)).optional(),
  context: list(text(100)).optional(),
  publisher: list(text(200)).optional(),
  doc: list(text(500), 200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(500).optional(),
};

export const eventsQuery = z.object({
  ...filterShape,
  _limit: limit(50),
  _next: text(2000).optional(),
  _sort: oneOf(SORTS).default("-date"),
  _facet: list(oneOf(FACETS), FACETS.length).optional(),
});
export const exportQuery = z.object({ ...filterShape, _sort: oneOf(SORTS).default("date") });
export const timelineQuery = z.object({ ...filterShape, interval: oneOf(INTERVALS).default("month") });
export const networkQuery = z.object({ ...filterShape, level: oneOf(LEVELS).default("country"), _limit: limit(100) });
export const actorsQuery = z.object({ q: text(200).default(""), _limit: limit(20) });
export const noQuery = z.object({});

export type QuerySchema = z.ZodObject<z.ZodRawShape>;

/** The parameter names a route takes. */
export const paramNames = (schema: QuerySchema): string[] => Object.keys(schema.shape);

/** Checks a query string against a route's schema; throws `BadRequest` naming the first parameter at fault. */
export function parseQuery<S extends QuerySchema>(schema: S, params: URLSearchParams): z.output<S> {
  const allowed = paramNames(schema);
  const unknown = [...new Set(params.keys())].filter((k) => !allowed.includes(k));
  if (unknown.length) {
    const names = unknown.map((k) => `"${k}"`).join(", ");
    const accepted = allowed.length ? `this route accepts ${allowed.join(", ")}` : "this route takes no parameters";
    throw new BadRequest(`unknown parameter${unknown.length > 1 ? "s" : ""} ${names}; ${accepted}`, unknown[0], "unknown_parameter");
  }
  const raw: Record<string, string | string[]> = {};
  for (const name of allowed) {
    const values = params.getAll(name);
    if (LIST_PARAMS.has(name)) {
      const items = values.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
      if (items.length) raw[name] = items;
    } else {
      const given = values.filter((v) => v.trim() !== "");
      if (given.length > 1) throw new BadRequest(`${name}: given ${given.length} times; expected at most one value`, name);
      if (given.length === 1) raw[name] = given[0]!.trim();
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw toBadRequest(result.error.issues[0]!, raw);
  return result.data;
}

function toBadRequest(issue: z.ZodIssue, raw: Record<string, string | string[]>): BadRequest {
  const name = String(issue.path[0]);
  const value = raw[name];
  const item = Array.isArray(value) && typeof issue.path[1] === "number" ? value[issue.path[1]] : value;
  const got = typeof item === "string" ? `, got "${item.length > 60 ? `${item.slice(0, 60)}…` : item}"` : "";
  return new BadRequest(`${name}: ${issue.message}${got}`, name);
}

/** The store filter of a parsed query: only the fields given. */
export function toFilter(query: { [K in keyof typeof filterShape]?: z.output<(typeof filterShape)[K]> }): EventFilter {
  const filter: EventFilter = {};
  for (const key of Object.keys(filterShape) as Array<keyof typeof filterShape>) {
    const value = query[key];
    if (value !== undefined) (filter as Record<string, unknown>)[key] = value;
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new BadRequest(`to: the range ends (${filter.to}) before it starts (from=${filter.from})`, "to");
  }
  return filter;
}

export interface EventsRequest {
  filter: EventFilter;
  page: PageRequest;
  facets: Facet[];
}

export function parseEvents(params: URLSearchParams): EventsRequest {
  const q = parseQuery(eventsQuery, params);
  const page: PageRequest = { limit: q._limit, sort: q._sort, cursor: q._next ?? null };
  return { filter: toFilter(q), page, facets: [...new Set(q._facet ?? [])] };
}

export function parseExport(params: URLSearchParams): { filter: EventFilter; sort: EventSort } {
  const q = parseQuery(exportQuery, params);
  return { filter: toFilter(q), sort: q._sort };
}

export const countriesQuery = z.object({ ...filterShape });

export function parseCountries(params: URLSearchParams): EventFilter {
  return toFilter(parseQuery(countriesQuery, params));
}

export function parseTimeline(params: URLSearchParams): { filter: EventFilter; interval: Interval } {
  const q = parseQuery(timelineQuery, params);
  return { filter: toFilter(q), interval: q.interval };
}

export function parseNetwork(params: URLSearchParams): { filter: EventFilter; level: (typeof LEVELS)[number]; limit: number } {
  const q = parseQuery(networkQuery, params);
  return { filter: toFilter(q), level: q.level, limit: q._limit };
}

export function parseActors(params: URLSearchParams): { q: string; limit: number } {
  const q = parseQuery(actorsQuery, params);
  return { q: q.q, limit: q._limit };
}
