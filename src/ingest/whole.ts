import type { SourceDocument } from "../doc/source.ts";
import { InputError } from "./errors.ts";
import { decodeDocument } from "./decode.ts";
import { htmlDocument } from "./formats/html.ts";
import { goldDocument, splitGold } from "./formats/gold.ts";
import { plainDocument } from "./formats/plain.ts";
import type { InputItem, ReadSettings } from "./types.ts";

export const failed = (error: InputError): InputItem => ({ ok: false, error });
export const item = (result: SourceDocument | InputError): InputItem =>
  result instanceof InputError ? failed(result) : { ok: true, doc: result };

/**
 * A document read whole: a .txt or .html file, or stdin that is not JSONL.
 * "text" is the gold format when it has the header, else plain text; "sniff"
 * (stdin) also takes text starting with "<" as HTML.
 */
export function wholeDocument(
  bytes: Uint8Array,
  format: "text" | "html" | "sniff",
  id: string,
  origin: string,
  settings: ReadSettings,
): SourceDocument | InputError {
  const text = decodeDocument(bytes, origin);
  if (text instanceof InputError) return text;
  const gold = format === "html" ? null : splitGold(text);
  if (gold) return goldDocument(gold, id, origin, settings.defaultDate);
  if (format === "html" || (format === "sniff" && text.trimStart().startsWith("<"))) {
    return htmlDocument(text, id, origin, settings.defaultDate);
  }
  return plainDocument(text, id, origin, settings.defaultDate);
}
