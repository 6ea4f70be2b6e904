/** Small helpers shared by the formats for metadata values. */
import { basename, extname } from "node:path";
import { isoDate } from "./dateline.ts";

/** A metadata value as given, or null when absent, blank or "unknown". */
export function knownValue(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" || trimmed.toLowerCase() === "unknown" ? null : trimmed;
}

/**
 * The URL a corpus names in brackets at the end of `source`, as in
 * "repo/file.json[0] (https://example.org/page)". The source itself is kept as
 * given: it names where the corpus got the text.
 */
export function urlInSource(source: string | null): string | null {
  const m = source === null ? null : /\((https?:\/\/[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)\s*$/.exec(source);
  return m ? m[1]! : null;
}

/** The file name without its directory and extension: a file document's id. */
export function fileStem(path: string): string {
  return basename(path, extname(path));
}

/**
 * A story date given in metadata (a header line, a JSONL field), or null. A value that is no real calendar date
 * ("2024-02-30", "yesterday") is not guessed at: it is left out with a warning naming the input.
 */
export function metaDate(value: string | null, origin: string, warnings: string[]): string | null {
  if (value === null) return null;
  const date = isoDate(value);
  if (date === null) warnings.push(`${origin}: date "${clip(value)}" is not a real calendar date as YYYY-MM-DD; left out (--date is used instead, if given)`);
  return date;
}

/**
 * A document's link given in metadata, or null. Only http and https URLs are kept: another scheme ("javascript:",
 * "data:", "file:") would run or open something where the link is shown; it is left out with a warning.
 */
export function metaUrl(value: string | null, origin: string, warnings: string[]): string | null {
  if (value === null) return null;
  if (isWebUrl(value)) return value;
  warnings.push(`${origin}: url "${clip(value)}" is not an http or https address; left out`);
  return null;
}

/** Whether `value` is an absolute http or https URL. */
export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** A value short enough to quote in a message. */
function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
