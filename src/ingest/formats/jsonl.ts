import type { SourceDocument } from "../../doc/source.ts";
import { InputError } from "../errors.ts";
import { hasUtf16Bom, looksBinary, decodeUtf8 } from "../decode.ts";
import { fsProblem } from "../files.ts";
import { peekBytes, splitLines } from "../lines.ts";
import { knownValue, metaDate, metaUrl, urlInSource } from "../meta.ts";
import { describeJson, problems } from "../problems.ts";
import type { InputItem, ReadSettings } from "../types.ts";
import { repairText, repairedTitle } from "../repair.ts";

/**
 * JSON Lines, one document a line: `id, source, publisher, date, title, text`
 * and optionally `url`. Streamed, so the file's size does not matter; a bad
 * line is reported as `origin:LINE` and the next line is read.
 */

const SNIFF_BYTES = 8192;
/** JSON escapes can make a line up to six times its text (\u0001), plus metadata. */
const lineCap = (maxDocBytes: number) => maxDocBytes * 6 + 65_536;

export interface JsonlSource {
  /** The path or `stdin`, for messages and for `origin:LINE`. */
  origin: string;
  /** The id prefix for records without an id: `<stem>:<line>`. */
  stem: string;
}

export async function* readJsonl(
  chunks: AsyncIterable<Uint8Array>,
  source: JsonlSource,
  settings: ReadSettings,
): AsyncGenerator<InputItem> {
  let records = 0;
  let peeked: Awaited<ReturnType<typeof peekBytes>>;
  try {
    peeked = await peekBytes(chunks, SNIFF_BYTES);
  } catch (error) {
    yield { ok: false, error: fsProblem(source.origin, error) };
    return;
  }
  // A binary file would otherwise give one "not JSON" error per line.
  const sniffError = hasUtf16Bom(peeked.head)
    ? problems.utf16(source.origin)
    : looksBinary(peeked.head)
      ? problems.binary(source.origin)
      : null;
  if (sniffError) {
    await peeked.close();
    yield { ok: false, error: sniffError };
    return;
  }
  try {
    for await (const line of splitLines(peeked.all, lineCap(settings.maxDocBytes))) {
      const input = `${source.origin}:${line.number}`;
      if ("tooLong" in line) {
        records++;
        yield { ok: false, error: problems.lineTooLong(input, line.tooLong, settings.maxDocBytes) };
        continue;
      }
      const text = decodeUtf8(line.bytes, input, " in the line");
      if (typeof text === "string" && text.trim() === "") continue; // blank lines separate nothing
      records++;
      const result = typeof text === "string" ? parseRecord(text, input, `${source.stem}:${line.number}`, settings) : text;
      yield result instanceof InputError ? { ok: false, error: result } : { ok: true, doc: result };
    }
  } catch (error) {
    // A read failing midway (e.g. EIO): report it; the lines before were read.
    yield { ok: false, error: fsProblem(source.origin, error) };
    return;
  }
  if (records === 0) yield { ok: false, error: problems.noRecords(source.origin) };
}

/** One line's document, or what is wrong with it. `input` is `origin:LINE`. */
export function parseRecord(
  line: string,
  input: string,
  fallbackId: string,
  settings: ReadSettings,
): SourceDocument | InputError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return problems.notJson(input, (error as Error).message);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return problems.notObject(input, describeJson(value));
  }
  const record = value as Record<string, unknown>;

  const strings: Record<"id" | "text" | "source" | "publisher" | "date" | "title" | "url", string | null> = {
    id: null, text: null, source: null, publisher: null, date: null, title: null, url: null,
  };
  for (const field of Object.keys(strings) as (keyof typeof strings)[]) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") return problems.badField(input, field, "a string", describeJson(v));
    strings[field] = v;
  }
  if (strings.id === "") return problems.badField(input, "id", "a non-empty string", "an empty string");
  const text = strings.text;
  if (text === null || text.trim() === "") return problems.emptyText(input);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > settings.maxDocBytes) return problems.tooBig(input, bytes, settings.maxDocBytes);

  const source = knownValue(strings.source);
  const warnings: string[] = [];
  return {
    id: strings.id ?? fallbackId,
    text: repairText(text),
    origin: input,
    meta: {
      source,
      publisher: knownValue(strings.publisher),
      storyDate: metaDate(knownValue(strings.date), input, warnings) ?? settings.defaultDate,
      title: repairedTitle(knownValue(strings.title)),
      url: metaUrl(knownValue(strings.url), input, warnings) ?? urlInSource(source),
    },
    ...(warnings.length ? { warnings } : {}),
  };
}
