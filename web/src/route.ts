/**
 * The whole view state lives in the URL hash: `#/events?type=ACCUSE&from=2024-01-01`,
 * `#/doc/<id>?event=<id>`, `#/actor/<id>`, `#/timeline`, `#/compare`, `#/map`, `#/network`, `#/try`.
 * Filters carry over between views.
 */
import { isCalendarDate } from "../../src/ingest/dateline.ts";

export type View = "events" | "doc" | "timeline" | "compare" | "map" | "actor" | "network" | "try";
const VIEWS: readonly View[] = ["events", "doc", "timeline", "compare", "map", "actor", "network", "try"];

export interface Route {
  view: View;
  /** The document or actor id of `doc` and `actor`. */
  id: string;
  params: URLSearchParams;
}

/** The event filters of the API, shared by the list views. */
export const FILTER_KEYS = ["actor", "recipient", "party", "type", "mode", "context", "publisher", "doc", "from", "to", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = splitOnce(raw, "?");
  const [head = "", rest = ""] = splitOnce(path, "/");
  const view = (VIEWS as readonly string[]).includes(head) ? (head as View) : "events";
  return { view, id: safeDecode(rest), params: new URLSearchParams(query) };
}

export function href(view: View, params: URLSearchParams | Record<string, string> = {}, id = ""): string {
  const q = new URLSearchParams(params);
  for (const [k, v] of [...q]) if (v === "") q.delete(k);
  const s = q.toString();
  return `#/${view}${id ? `/${encodeURIComponent(id)}` : ""}${s ? `?${s}` : ""}`;
}

/** Only the filter parameters of `params` (what carries over to another view). */
export function filtersOf(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) if ((FILTER_KEYS as readonly string[]).includes(k) && v) out.append(k, v);
  return out;
}

/**
 * What is wrong with a URL's filters that the API would refuse (hand-edited or old links: the form cannot make them),
 * in the API's words, or null. Checked before any request, so that the view says it at once.
 */
export function filterProblem(params: URLSearchParams, eventTypes: readonly string[]): string | null {
  for (const key of ["from", "to"] as const) {
    const v = params.get(key);
    if (v && !isCalendarDate(v)) return `${key}: expected a real calendar date as YYYY-MM-DD, got "${v}"`;
  }
  const from = params.get("from");
  const to = params.get("to");
  if (from && to && from > to) return `to: the range ends (${to}) before it starts (from=${from})`;
  for (const t of params.getAll("type").flatMap((v) => v.split(","))) {
    if (t.trim() && !eventTypes.includes(t.trim().toUpperCase())) return `type: expected one of ${eventTypes.join(", ")}, got "${t.trim()}"`;
  }
  const limit = params.get("_limit");
  if (limit && !(/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= 1000)) return `_limit: expected a whole number from 1 to 1000, got "${limit}"`;
  return null;
}

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ""] : [s.slice(0, i), s.slice(i + 1)];
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
