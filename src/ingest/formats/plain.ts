import type { SourceDocument } from "../../doc/source.ts";
import { findDateline } from "../dateline.ts";
import { repairText, repairedTitle } from "../repair.ts";

/** Plain text: the whole file is the body; the date comes from --date or a dateline. */

const MAX_TITLE_CHARS = 200;

/**
 * The first line as a title when it looks like a headline: under 200
 * characters, followed by a blank line, and not itself a date or dateline.
 */
export function plainTitle(text: string): string | null {
  // Only the top can hold a title; slicing keeps the regex cheap on long texts.
  const m = /^\s*([^\r\n]+?)[ \t]*\r?\n[ \t]*\r?\n/.exec(text.slice(0, 2 * MAX_TITLE_CHARS + 100));
  const line = m?.[1];
  if (line === undefined || line.length >= MAX_TITLE_CHARS || findDateline(line) !== null) return null;
  return line;
}

export function plainDocument(text: string, id: string, origin: string, defaultDate: string | null): SourceDocument {
  return {
    id,
    text: repairText(text),
    origin,
    meta: {
      source: null,
      publisher: null,
      storyDate: defaultDate ?? findDateline(text),
      title: repairedTitle(plainTitle(text)),
      url: null,
    },
  };
}
