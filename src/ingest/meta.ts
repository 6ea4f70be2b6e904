/** Small helpers shared by the formats for metadata values. */
import { basename, extname } from "node:path";

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
