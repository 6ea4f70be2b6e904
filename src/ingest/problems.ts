import { InputError } from "./errors.ts";

/**
 * Every InputError the reader raises, in one place so that the wording (what
 * is wrong; what to do) stays consistent across formats.
 */


/** "20.3 MB", "512 bytes": decimal units, as the limit is given in bytes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, "kB"] : [bytes / 1e6, "MB"];
  return `${Number(value.toFixed(1))} ${unit}`;
}

const LIMIT_HINT = "split it or raise --max-doc-bytes";

export const problems = {
  notFound: (input: string) => new InputError(input, "no such file or directory", "check the path"),

  unreadable: (input: string, code: string | undefined) =>
    code === "EACCES" || code === "EPERM"
      ? new InputError(input, "cannot be read (permission denied)", "check its permissions, e.g. chmod +r")
      : new InputError(input, `cannot be read (${code ?? "unknown error"})`, "check that it is a readable file or directory"),

  notAFile: (input: string) =>
    new InputError(input, "is neither a regular file nor a directory", "give a file, a directory, or - for stdin"),

  unknownExtension: (input: string, ext: string) =>
    new InputError(
      input,
      ext === "" ? "has no file extension, so its format is unknown" : `has an unknown extension "${ext}"`,
      "give a .txt, .html, .htm, .jsonl or .ndjson file, or a folder of them",
    ),

  binary: (input: string) =>
    new InputError(input, "looks like a binary file, not text", "give a .txt, .html or .jsonl file"),

  utf16: (input: string) =>
    new InputError(input, "is UTF-16, not UTF-8", "convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8"),

  invalidUtf8: (input: string, byte: number, offset: number, where = "") =>
    new InputError(
      input,
      `is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, "0")} at offset ${offset}${where})`,
      "convert it to UTF-8, e.g. iconv -f latin1 -t utf-8",
    ),

  empty: (input: string, whitespaceOnly: boolean) =>
    new InputError(input, whitespaceOnly ? "contains only whitespace" : "is empty", "give it some text, or leave it out"),

  emptyBody: (input: string) =>
    new InputError(input, "has a header but no text after its --- line", "add the text below the --- line"),

  noReadableText: (input: string) =>
    new InputError(input, "has no readable text in its HTML", "check that the page holds the article, not just scripts or frames"),

  unparsableHtml: (input: string, reason: string) =>
    new InputError(input, `could not be parsed as HTML (${reason})`, "save the page again, or give its text as .txt"),

  tooBig: (input: string, bytes: number, limit: number) =>
    new InputError(input, `is ${formatBytes(bytes)}, over the ${formatBytes(limit)} limit`, LIMIT_HINT),

  tooBigUnknownSize: (input: string, limit: number) =>
    new InputError(input, `is over the ${formatBytes(limit)} limit`, LIMIT_HINT),

  lineTooLong: (input: string, bytes: number, limit: number) =>
    new InputError(input, `line is ${formatBytes(bytes)}, too long for a document within the ${formatBytes(limit)} limit`, LIMIT_HINT),

  notJson: (input: string, reason: string) =>
    new InputError(input, `is not valid JSON (${reason})`, "put one JSON object on each line (JSON Lines)"),

  notObject: (input: string, found: string) =>
    new InputError(input, `is not a JSON object (found ${found})`, "put one JSON object on each line (JSON Lines)"),

  badField: (input: string, field: string, expected: string, found: string) =>
    new InputError(input, `field "${field}" must be ${expected}, found ${found}`, `fix the "${field}" field of this record`),

  emptyText: (input: string) =>
    new InputError(input, `field "text" is missing or empty`, `give each record a non-empty "text" field`),

  noRecords: (input: string) =>
    new InputError(input, "has no JSON records (it is empty or blank)", "give it one JSON object a line, or leave it out"),
} as const;

/** "a number", "an array", "null": for messages about JSON values. */
export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
