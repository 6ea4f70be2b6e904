import type { InputError } from "./errors.ts";
import { problems } from "./problems.ts";

/** Binary sniffing looks at the start only, as `git` and `grep` do. */
const SNIFF_BYTES = 8192;
const MAX_CONTROL_SHARE = 0.3;

/** True for bytes that text does not contain: NUL, or mostly control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    // Tab, newline, vertical tab, form feed and carriage return are text.
    if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) control++;
  }
  return head.length > 0 && control / head.length > MAX_CONTROL_SHARE;
}

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * The offset of the first byte that starts an invalid UTF-8 sequence, or -1.
 * TextDecoder only says *that* decoding failed; users need to know where.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const extra = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (extra === 0 || i + extra >= bytes.length) return i;
    let codePoint = lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    const overlong = codePoint < [0, 0x80, 0x800, 0x10000][extra]!;
    if (overlong || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * Strict UTF-8 decoding with a leading BOM removed; an InputError names the
 * offending byte. `where` adds context to the offset, e.g. " in the line".
 */
export function decodeUtf8(bytes: Uint8Array, input: string, where = ""): string | InputError {
  try {
    // A decoder per call: it is cheap, and keeps no state between inputs.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const offset = Math.max(0, firstInvalidUtf8(bytes));
    return problems.invalidUtf8(input, bytes[offset] ?? 0, offset, where);
  }
}

/**
 * The text of a whole-file document (gold, plain, HTML), or why it has none:
 * empty, binary, UTF-16 or not UTF-8, or only whitespace.
 */
export function decodeDocument(bytes: Uint8Array, input: string): string | InputError {
  if (bytes.length === 0) return problems.empty(input, false);
  if (hasUtf16Bom(bytes)) return problems.utf16(input);
  if (looksBinary(bytes)) return problems.binary(input);
  const text = decodeUtf8(bytes, input);
  if (typeof text === "string" && text.trim() === "") return problems.empty(input, true);
  return text;
}
