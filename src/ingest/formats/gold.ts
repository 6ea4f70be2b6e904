import type { SourceDocument } from "../../doc/source.ts";
import type { InputError } from "../errors.ts";
import { knownValue, metaDate, metaUrl, urlInSource } from "../meta.ts";
import { problems } from "../problems.ts";
import { repairText, repairedTitle } from "../repair.ts";

/**
 * The gold text format: `key: value` header lines, a line `---`, then the
 * body exactly as published (every offset in readout indexes into it).
 */

const HEADER_LINE = /^([a-z_]+):(?:[ \t]+(.*))?$/;
/** A header is a handful of lines; a text that goes on longer is not one. */
const MAX_HEADER_LINES = 40;

export interface GoldParts {
  fields: ReadonlyMap<string, string>;
  body: string;
}

/** The header fields and body of a gold-format text, or null if it is not one. */
export function splitGold(text: string): GoldParts | null {
  const fields = new Map<string, string>();
  let pos = 0;
  for (let n = 0; n <= MAX_HEADER_LINES; n++) {
    const newline = text.indexOf("\n", pos);
    const end = newline === -1 ? text.length : newline;
    // Tolerate CRLF in the header; the body keeps its line endings as they are.
    const line = text.slice(pos, text[end - 1] === "\r" ? end - 1 : end);
    if (line.trimEnd() === "---") {
      return fields.size === 0 ? null : { fields, body: newline === -1 ? "" : text.slice(newline + 1) };
    }
    const m = HEADER_LINE.exec(line);
    if (!m || newline === -1) return null;
    fields.set(m[1]!, (m[2] ?? "").trim());
    pos = newline + 1;
  }
  return null;
}

export function goldDocument(
  parts: GoldParts,
  id: string,
  origin: string,
  defaultDate: string | null,
): SourceDocument | InputError {
  if (parts.body.trim() === "") return problems.emptyBody(origin);
  const field = (key: string) => knownValue(parts.fields.get(key));
  const source = field("source");
  const warnings: string[] = [];
  return {
    id,
    text: repairText(parts.body),
    origin,
    meta: {
      source,
      publisher: field("publisher"),
      storyDate: metaDate(field("date"), origin, warnings) ?? defaultDate,
      title: repairedTitle(field("title")),
      url: metaUrl(field("url"), origin, warnings) ?? urlInSource(source),
    },
    ...(warnings.length ? { warnings } : {}),
  };
}
