/**
 * Story dates from what a text says about itself: ISO values in metadata, and
 * the datelines that press releases put at their top. Pure functions, no I/O.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4,
  may: 5, jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9,
  september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** How far into a text a dateline may start: datelines sit at the top. */
const DATELINE_WINDOW = 500;

const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const WEEKDAY = "(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?";
const ORD = "(?:st|nd|rd|th)?";
// Each alternative captures its parts in a fixed group order, read by toIso below.
const DATE =
  `${WEEKDAY}(?:${MONTH}\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})` + // June 19, 2013
  `|(\\d{1,2})${ORD}\\s+${MONTH},?\\s+(\\d{4})` + //            19 June 2013
  `|(\\d{4})-(\\d{2})-(\\d{2}))`; //                             2013-06-19
const US_NUMERIC = "(\\d{1,2})/(\\d{1,2})/(\\d{4})"; //           06/19/2013

const PUBLISHED = new RegExp(`\\b(?:originally\\s+)?(?:published|posted|released)(?:\\s+on)?\\s*:?\\s*(?:${DATE}|${US_NUMERIC})`, "iu");
// A date opening the text ("June 19, 2013 — …"), and one alone on a later line.
const DATE_OPENING = new RegExp(`^(?:dated?\\s*:\\s*)?${DATE}(?:$|[\\s,.;:—–-])`, "iu");
const DATE_ALONE = new RegExp(`^(?:dated?\\s*:\\s*)?${DATE}[\\s.,]*$`, "iu");
// "WASHINGTON, June 19, 2013 —", "BEIJING, 19 June 2013 –", "Washington, D.C., June 19, 2013:".
// Matched case-insensitively for the month; the place (group 1) is checked
// for capitals separately, as Node 20 regexes cannot mix case rules.
const PLACE_DATELINE = new RegExp(`^([^\\s,]+(?: [^\\s,]+){0,3}(?:,\\s*[^,]{1,30}?)?),\\s+${DATE}\\s*(?:—|–|--|-|:|/|\\()`, "iu");
const CAPITALISED_PLACE = /^\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}(?:,\s*\p{Lu}[\p{L}.'’ -]*)?$/u;

/** YYYY-MM-DD for a real calendar date, else null. */
export function makeIsoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Whether `s` is exactly a real calendar date written YYYY-MM-DD (not "2024-02-30"). */
export function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && isoDate(s) === s;
}

/**
 * The date of a metadata value such as "2013-06-19" or "2013-06-19T23:10:00-04:00"
 * (the calendar date as written, not shifted to UTC), else null.
 */
export function isoDate(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  return m ? makeIsoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** Reads the groups of DATE starting at `first`, then optionally US_NUMERIC after it. */
function toIso(m: RegExpExecArray, first: number): string | null {
  const g = (i: number): string | undefined => m[first + i];
  if (g(0)) return makeIsoDate(Number(g(2)), MONTHS[g(0)!.toLowerCase()] ?? 0, Number(g(1)));
  if (g(3)) return makeIsoDate(Number(g(5)), MONTHS[g(4)!.toLowerCase()] ?? 0, Number(g(3)));
  if (g(6)) return makeIsoDate(Number(g(6)), Number(g(7)), Number(g(8)));
  if (g(9)) return makeIsoDate(Number(g(11)), Number(g(9)), Number(g(10)));
  return null;
}

function dateOfLine(line: string, isFirst: boolean): string | null {
  const alone = (isFirst ? DATE_OPENING : DATE_ALONE).exec(line);
  if (alone) return toIso(alone, 1);
  const dateline = PLACE_DATELINE.exec(line);
  if (dateline && CAPITALISED_PLACE.test(dateline[1]!)) return toIso(dateline, 2);
  return null;
}

/**
 * The story date a text states at its top, as YYYY-MM-DD, or null. Looks in
 * the first ~500 characters for, in order of trust: a "(Originally) published
 * (on)" marker (which may use MM/DD/YYYY); a date at the very start, or alone on a
 * later line (also after "Date:"); a dateline "PLACE, June 19, 2013 —". A date elsewhere
 * in running text is not taken: it is more often an event's date than the story's.
 */
export function findDateline(text: string): string | null {
  const head = text.slice(0, DATELINE_WINDOW);
  const published = PUBLISHED.exec(head);
  const fromMarker = published ? toIso(published, 1) : null;
  if (fromMarker) return fromMarker;

  let lineStart = 0;
  let seenText = false;
  while (lineStart < head.length) {
    const end = text.indexOf("\n", lineStart);
    // A line may run past the window; it is the start that must lie inside it.
    const line = text.slice(lineStart, Math.min(end === -1 ? text.length : end, lineStart + 200)).trim();
    const found = line === "" ? null : dateOfLine(line, !seenText);
    seenText ||= line !== "";
    if (found) return found;
    if (end === -1) break;
    lineStart = end + 1;
  }
  return null;
}

const STATED_DATE = new RegExp(`\\b${DATE}\\b`, "giu");

/**
 * The latest full date (day, month and year) a text states anywhere, as YYYY-MM-DD, or null: for an undated text, the
 * time it was most likely written, to read its titles and names in ("the Secretary-General" of 2013 or of 2022).
 */
export function latestStatedDate(text: string): string | null {
  let latest: string | null = null;
  for (const m of text.matchAll(STATED_DATE)) {
    const d = toIso(m, 1);
    if (d && (!latest || d > latest)) latest = d;
  }
  return latest;
}
