/**
 * Texts published as Markdown or with inline HTML (fact sheets copied from a
 * website: "[awarded](https://…) a 5-year grant", "**NATIONAL RECREATION AND
 * PARK ASSOCIATION:**", "the 70<sup>th</sup> anniversary") carry characters
 * that are no words of the text. The tokenizer reads a copy of the text with
 * that markup overwritten by spaces: the words keep their character offsets,
 * so every event's evidence still points into the text as published.
 */

/** A link or image: its text stays, the brackets and the address go ("[awarded](https://…)"). */
const LINK = /!?\[([^\]\n]{0,400})\]\((?:[^()\s]|\([^()\s]*\)){1,2000}\)/g;
/** Bold and italic markers around words ("**Trade and Investment Dialogue**", "__note__"). */
const STRONG = /\*\*|__/g;
/** A single asterisk opening or closing emphasis ("*Trade and Investment Dialogue*:"), not one between words ("5*3"). */
const EMPHASIS = /(?<=^|[\s(])\*(?=[^\s*])|(?<=[^\s*])\*(?=[\s.,;:!?)]|$)/gm;
/** A heading's or list item's mark at the start of a line ("## Preamble", "- ", "* ", "> "). */
const LINE_MARK = /^[ \t]*(?:#{1,6}|[-*+>])(?=[ \t])/gm;
/** A backslash escaping a Markdown character ("\#veterans"). */
const ESCAPE = /\\(?=[\\`*_{}[\]()#+\-.!|])/g;
/** A superscript or subscript with what it holds ("70<sup>th</sup>"): no word of its own. */
const SCRIPT = /<(sup|sub)>[^<>\n]{0,20}<\/\1>/gi;
/** Any other inline HTML tag ("<br>", "<em>", "</strong>"). */
const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>\n]{0,200})?\/?>/gi;

const blank = (s: string) => " ".repeat(s.length);

/** The text with its Markdown and inline HTML markup overwritten by spaces: the same length, the same offsets. */
export function maskMarkup(text: string): string {
  // (most texts hold none: a quick look first)
  if (!/[[*_#<\\]|^[ \t]*[-+>][ \t]/m.test(text)) return text;
  return text
    .replace(LINK, (whole, label: string) => " ".repeat(whole.startsWith("!") ? 2 : 1) + label + blank(whole.slice((whole.startsWith("!") ? 2 : 1) + label.length)))
    .replace(SCRIPT, blank)
    .replace(TAG, blank)
    .replace(STRONG, blank)
    .replace(EMPHASIS, " ")
    .replace(LINE_MARK, blank)
    .replace(ESCAPE, " ");
}
