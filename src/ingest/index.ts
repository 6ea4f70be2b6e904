import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { isoDate } from "./dateline.ts";
import { type FileFormat, formatOf, fsProblem, listDirectory } from "./files.ts";
import { readJsonl } from "./formats/jsonl.ts";
import { fileStem } from "./meta.ts";
import { problems } from "./problems.ts";
import { readStdin } from "./stdin.ts";
import { DEFAULT_MAX_DOC_BYTES, type InputItem, type ReadSettings } from "./types.ts";
import { failed, item, wholeDocument } from "./whole.ts";

export type { InputItem } from "./types.ts";
export { InputError } from "./errors.ts";
export { findDateline } from "./dateline.ts";

export interface ReadOptions {
  /** Story date for inputs that carry none (YYYY-MM-DD), from the CLI's --date. */
  defaultDate?: string | null;
  /** Documents whose body exceeds this many bytes are skipped with an InputError (default 5_000_000). */
  maxDocBytes?: number;
  /** Stream used for the input "-" (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
}

/**
 * Reads every input in order, yielding documents and per-input errors; never
 * throws for bad input. Options are the caller's to validate: an invalid
 * defaultDate or maxDocBytes is a bug in the caller and throws a RangeError.
 */
export async function* readInputs(inputs: readonly string[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  const settings = settingsFrom(options);
  for (const input of inputs) {
    if (input === "-") yield* readStdin(options.stdin ?? process.stdin, settings);
    else yield* readPath(input, settings);
  }
}

function settingsFrom(options: ReadOptions): ReadSettings {
  const defaultDate = options.defaultDate ?? null;
  if (defaultDate !== null && isoDate(defaultDate) !== defaultDate) {
    throw new RangeError(`defaultDate must be a date as YYYY-MM-DD, got "${defaultDate}"`);
  }
  const maxDocBytes = options.maxDocBytes ?? DEFAULT_MAX_DOC_BYTES;
  if (!Number.isSafeInteger(maxDocBytes) || maxDocBytes <= 0) {
    throw new RangeError(`maxDocBytes must be a positive whole number, got ${maxDocBytes}`);
  }
  return { defaultDate, maxDocBytes };
}

async function* readPath(path: string, settings: ReadSettings): AsyncGenerator<InputItem> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    yield failed(fsProblem(path, error));
    return;
  }
  if (stats.isDirectory()) {
    for (const entry of await listDirectory(path)) {
      if ("error" in entry) yield failed(entry.error);
      else yield* readFileAs(entry.path, entry.format, settings);
    }
  } else if (!stats.isFile()) {
    yield failed(problems.notAFile(path));
  } else {
    const format = formatOf(path);
    // Named explicitly, an unknown type is reported; inside a folder it is skipped.
    if (format === null) yield failed(problems.unknownExtension(path, extname(path)));
    else yield* readFileAs(path, format, settings);
  }
}

async function* readFileAs(path: string, format: FileFormat, settings: ReadSettings): AsyncGenerator<InputItem> {
  if (format === "jsonl") {
    yield* readJsonl(createReadStream(path), { origin: path, stem: fileStem(path) }, settings);
    return;
  }
  let bytes: Uint8Array;
  try {
    // The size is checked before reading, so a huge file is never loaded.
    const { size } = await stat(path);
    if (size > settings.maxDocBytes) {
      yield failed(problems.tooBig(path, size, settings.maxDocBytes));
      return;
    }
    bytes = await readFile(path);
  } catch (error) {
    yield failed(fsProblem(path, error));
    return;
  }
  yield item(wholeDocument(bytes, format, fileStem(path), path, settings));
}
