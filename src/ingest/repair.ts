import { decodeHTMLStrict } from "entities";

/**
 * Repairs two kinds of damage that texts carry from the systems that
 * published them, before anything is stored or read:
 *
 * - mojibake: UTF-8 bytes once decoded as Windows-1252 or Latin-1, so that
 *   "Glèlè" arrives as "GlÃ¨lÃ¨" and "’" as "â€™". A run of such characters is
 *   mapped back to its bytes and decoded again; it is replaced only when the
 *   bytes are valid UTF-8, so real "Ã" or "â" in a text stay as they are.
 * - HTML character references left in plain text ("communiqu&#233;",
 *   "&amp;"): decoded when they are complete (with their semicolon), so
 *   "AT&T" stays. HTML documents have theirs decoded by the HTML parser.
 *
 * Offsets of events refer to the repaired text, which is what is stored.
 */

/** Windows-1252's characters for bytes 0x80–0x9f, back to their bytes (Latin-1 covers the rest). */
const CP1252_BYTES: ReadonlyMap<string, number> = (() => {
  const decoder = new TextDecoder("windows-1252");
  const map = new Map<string, number>();
  for (let b = 0x80; b <= 0x9f; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch !== "\ufffd") map.set(ch, b);
  }
  return map;
})();

const CONTINUATION = `\\u0080-\\u00bf${[...CP1252_BYTES]
  .filter(([, b]) => b <= 0xbf)
  .map(([ch]) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)
  .join("")}`;

/** A lead byte of a multi-byte UTF-8 sequence (0xc2–0xf4) seen as a character, then one to three continuation bytes. */
const MOJIBAKE = new RegExp(`[\\u00c2-\\u00f4][${CONTINUATION}]{1,3}`, "g");

const REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function byteOf(ch: string): number {
  const c = ch.charCodeAt(0);
  return c < 0x100 ? c : (CP1252_BYTES.get(ch) ?? -1);
}

/** The text with mojibake undone; the same string when there is none. */
export function repairMojibake(text: string): string {
  if (!/[\u00c2-\u00f4]/.test(text)) return text;
  return text.replace(MOJIBAKE, (run) => {
    // the sequence's length is fixed by its lead byte; a shorter run is not one
    const lead = byteOf(run[0]!);
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
    if (run.length < length) return run;
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const b = byteOf(run[i]!);
      if (b < 0) return run;
      bytes[i] = b;
    }
    try {
      return utf8.decode(bytes) + run.slice(length);
    } catch {
      return run;
    }
  });
}

/** A plain text (not HTML) with its mojibake undone and its complete character references decoded. */
export function repairText(text: string): string {
  const fixed = repairMojibake(text);
  return REFERENCE.test(fixed) ? decodeHTMLStrict(fixed) : fixed;
}

/** A title, repaired as its text is. */
export function repairedTitle(title: string | null): string | null {
  return title === null ? null : repairText(title);
}
