import { join } from "node:path";
import type { Sentence, Tokens } from "../doc/document.ts";
import { fold } from "../kb/fold.ts";
import { readWordList } from "../kb/tsv.ts";
import { PACKAGE_ROOT } from "../paths.ts";
import { beginText, wink } from "./wink.ts";

/** Characters that end a line only when a sentence ends there. */
const LINE_END = /[.!?:;)"”’\]]\s*$/;

/** Honorifics written with a period ("Dr.", "Mr.", "H.E."; data/names/honorifics.txt): a line ending in one ends no sentence. */
let periodHonorifics: Set<string> | null = null;

/** Whether a line ends in an honorific ("… spoke by phone today with Dr.") and the next begins with a capital: a name wrapped. */
function wrapsName(line: string, next: string): boolean {
  // (the last word found by a scan from the end: a regular expression anchored at the end would retry every start of a
  // long line)
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1]!)) end--;
  if (end === 0 || line[end - 1] !== ".") return false;
  let start = end - 1;
  while (start > 0 && !/\s/.test(line[start - 1]!) && end - start < 12) start--;
  periodHonorifics ??= new Set([...readWordList(join(PACKAGE_ROOT, "data", "names", "honorifics.txt"))].filter((h) => h.endsWith(".") && !h.includes(" ")));
  return (start === 0 || /\s/.test(line[start - 1]!)) && periodHonorifics.has(line.slice(start, end)) && /^\s*\p{Lu}/u.test(next);
}

/** A letter's salutation, alone on its line ("Dear President-Elect Prabowo,", "Dear Mr. Speaker:", "Your Excellency,"). */
export const SALUTATION = /^\s*(?:Dear\s[^!?;]{1,70}|(?:Your\s+)?(?:Excellency|Majesty|(?:Royal\s+)?Highness)[,:]?\s*)$/;
/** A letter's complimentary close, alone on its line ("Yours sincerely,", "Sincerely,", "With warm regards"). */
export const CLOSING = /^\s*(?:yours (?:sincerely|faithfully|truly)|sincerely(?: yours)?|(?:with )?(?:warm|warmest|best|kind|kindest) regards),?\s*$/i;

/**
 * Splits a body into blocks that wink may split further into sentences.
 * wink glues a dateline or headline to the next sentence, and hard-wrapped
 * text (72-column releases) breaks sentences over lines, so a newline ends a
 * block only after sentence-final punctuation, before a blank line, or
 * around the lines that frame a letter (its salutation and close). A
 * double-spaced text (typed releases scanned to text, with a blank line
 * after every line) breaks sentences over blank lines too: there, a blank
 * line after a line that ends no sentence is a wrap, not a paragraph's end.
 */
export function blocks(text: string, layout: string = text): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let blockStart = -1;
  let pos = 0;
  const n = text.length;
  const spaced = doubleSpaced(text);
  // (a text with markup has its layout apart: compared once, not at every line)
  const markdown = layout !== text;
  // whether the line starting at salutationAt is a letter's salutation, found while it was the next line
  let salutationAt = -1;
  let salutationNext = false;
  while (pos <= n) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = n;
    const line = text.slice(pos, eol);
    const blank = line.trim() === "";
    // (a double-spaced text's blank line inside a sentence: the block goes on)
    if (blank && spaced && blockStart >= 0 && wrapsOver(text, blockStart, pos, eol)) {
      pos = eol + 1;
      continue;
    }
    if (blank) {
      if (blockStart >= 0) out.push([blockStart, trimEnd(text, blockStart, pos)]);
      blockStart = -1;
    } else {
      if (blockStart < 0) blockStart = pos + (line.length - line.trimStart().length);
      const nextEol = eol < n ? text.indexOf("\n", eol + 1) : -1;
      const next = eol < n ? text.slice(eol + 1, nextEol < 0 ? n : nextEol) : "";
      // (in Markdown, a heading or a bold line is a block of its own, and a list item opens one)
      const marked = markdown && (HEADING_LINE.test(layout.slice(pos, eol)) || (eol < n && LIST_ITEM.test(layout.slice(eol + 1, nextEol < 0 ? n : nextEol))));
      // (a letter's salutation and close are lines of their own, and so is the line before a salutation: its signature
      // or date, "Yours sincerely\nTharman Shanmugaratnam\n20 March 2024\nDear President-Elect Prabowo,")
      // (each line is tested once: as the next line, then reused as the current one)
      const salutation = salutationAt === pos ? salutationNext : SALUTATION.test(line);
      salutationNext = SALUTATION.test(next);
      salutationAt = eol + 1;
      const letter = salutation || salutationNext || CLOSING.test(line);
      const wraps = spaced && next.trim() === "" && eol < n && wrapsOver(text, blockStart, eol + 1, nextEol < 0 ? n : nextEol);
      if ((LINE_END.test(line) && !wrapsName(line, next)) || (next.trim() === "" && !wraps) || eol >= n || marked || letter) {
        out.push([blockStart, trimEnd(text, blockStart, eol)]);
        blockStart = -1;
      }
    }
    pos = eol + 1;
  }
  return out.filter(([s, e]) => e > s);
}

/**
 * Whether a text is double-spaced: at least six lines, most of them followed by one blank line and many ending no
 * sentence (a release typed double-spaced, then scanned: "Mr Bowen said Australia would bear in mind the needs of\n\n
 * Bangla Desh when framing future aid programmes.").
 */
function doubleSpaced(text: string): boolean {
  const lines = text.split("\n");
  let filled = 0;
  let single = 0;
  let open = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === "") continue;
    filled++;
    if (i + 2 < lines.length && lines[i + 1]!.trim() === "" && lines[i + 2]!.trim() !== "") single++;
    if (!LINE_END.test(lines[i]!)) open++;
  }
  return filled >= 6 && single > 0.7 * filled && open > 0.4 * filled;
}

/**
 * In a double-spaced text, whether the blank line from `blank` to `blankEnd` wraps a sentence: the block so far (from
 * `blockStart`) ends no sentence, a line follows, and neither is a heading ("MEDIA RELEASE", "Media Release Joint Statement").
 */
function wrapsOver(text: string, blockStart: number, blank: number, blankEnd: number): boolean {
  const before = text.slice(blockStart, blank).trimEnd();
  const lastLine = before.slice(before.lastIndexOf("\n") + 1);
  if (LINE_END.test(before) || heading(lastLine)) return false;
  const nextStart = blankEnd + 1;
  if (nextStart >= text.length) return false;
  let nextEnd = text.indexOf("\n", nextStart);
  if (nextEnd < 0) nextEnd = text.length;
  const next = text.slice(nextStart, nextEnd);
  return next.trim() !== "" && !heading(next);
}

/**
 * A heading's line: in capitals ("MEDIA RELEASE"), or in title case ("Media Release Joint Statement by The Minister for
 * Foreign Affairs"), or a date alone ("12 April 2001").
 */
function heading(line: string): boolean {
  if (!/\p{Ll}/u.test(line)) return true;
  // (not a line that goes on a sentence: "extended by Professor Mochtar Kusumaatmadja, the Indonesian Foreign Minister")
  if (/^[^\p{L}]*\p{Ll}/u.test(line)) return false;
  const words = line.match(/\p{L}{4,}/gu) ?? [];
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length >= 2 ? capitalised >= 0.7 * words.length : /^\s*\d{1,2}\s+\p{L}+\s+\d{4}\s*$/u.test(line);
}

/** A blank line inside a block (a double-spaced text's wrap), spaces on it or not; all of them. */
const BLANK_LINE = /\n[ \t]*\n/;
const BLANK_LINES = /\n[ \t]*\n/g;

/** A Markdown heading, or a line that is bold from end to end ("**Expelling Diplomatic Personnel**"). */
const HEADING_LINE = /^\s*(?:#{1,6}\s|\*\*[^*]+\*\*:?\s*$|__[^_]+__:?\s*$)/;
/** A Markdown list item ("- …", "* …"; not "1. …": a hard-wrapped line may open with a number, "on August\n25."). */
const LIST_ITEM = /^\s*[-*+]\s/;

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/**
 * wink cuts words at letters outside Latin-1 ("Plenkovi" + "ć", "Erdo" + "ğ"
 * + "an", "Nguy" + "ễ" + "n"); pieces of letters with no space between them,
 * one of them holding such a letter, are one word again.
 */
const LETTERS = /^[\p{L}\p{M}]+$/u;
const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

function continuesWord(previous: string, value: string): boolean {
  // (the rare letter beyond Latin-1 first: nearly every pair of touching tokens is a word and its punctuation)
  return (BEYOND_LATIN1.test(value) || BEYOND_LATIN1.test(previous)) && LETTERS.test(value) && LETTERS.test(previous);
}

/**
 * The longest sentence coded whole, in characters. A text with no sentence punctuation (a scraped table, a transcript)
 * is otherwise one sentence of megabytes, and the work of coding a sentence, and each event's copy of it, grow with its
 * length: a longer one is coded in pieces cut at clause boundaries, so cost and output stay linear in the text.
 * Of the corpus's 395,459 sentences, 224 run longer, nearly all of them lists, photo captions and scanned pages run
 * together (cutting them changed 6 of the 1,244 events of their 207 documents).
 */
export const MAX_SENTENCE_CHARS = 1000;

/** Conjunctions a clause may open with: a long sentence is cut before one when it has no ";" or ",". */
const CLAUSE_OPENERS = new Set(["and", "but", "or", "while", "whereas", "because", "although", "which", "who", "that"]);

/**
 * Where the piece of a long sentence that starts at token `from` ends (exclusive), at most MAX_SENTENCE_CHARS long:
 * after the last ";" or ":" of its second half, else after the last ",", else before the last clause-opening
 * conjunction, else after the last token that fits (one token at least, however long).
 */
function pieceEnd(start: readonly number[], end: readonly number[], lower: readonly string[], pos: readonly string[], from: number, to: number): number {
  const limit = start[from]! + MAX_SENTENCE_CHARS;
  const half = start[from]! + MAX_SENTENCE_CHARS / 2;
  let fits = from + 1;
  while (fits < to && end[fits]! <= limit) fits++;
  let comma = -1;
  let opener = -1;
  for (let t = fits - 1; t > from && end[t]! > half; t--) {
    const w = lower[t]!;
    if (w === ";" || w === ":") return t + 1;
    if (comma < 0 && w === ",") comma = t + 1;
    if (opener < 0 && (CLAUSE_OPENERS.has(w) || pos[t] === "CCONJ")) opener = t;
  }
  return comma > 0 ? comma : opener > 0 ? opener : fits;
}

/** A word with a possessive "'s" still attached. */
const POSSESSIVE = /^(.*[\p{L}\p{N}.])(['’]s)$/u;

export interface Tokenized {
  tokens: Tokens;
  sentences: Sentence[];
}

/** "-ise", "-ize" and "-ate" verbs wink's lexicon lacks, inflected ("weaponising", "politicized", "stigmatises"). */
const UNLEMMATIZED = /^(.{3,}(?:is|iz|at))(?:ing|ed|es)$/;

/** A verb's lemma, where wink left an inflected form it does not know as it was ("weaponising" → "weaponise"). */
function verbLemma(lemma: string, tag: string): string {
  if (tag !== "VERB") return lemma;
  const m = UNLEMMATIZED.exec(lemma);
  return m ? `${m[1]}e` : lemma;
}

/**
 * Sentences, tokens, POS and lemmas for a whole body, with character offsets. `layout`, when given, is the text as
 * published (the same length, its markup not yet masked: see markup.ts), read for its headings and list items.
 */
export function tokenize(text: string, layout: string = text): Tokenized {
  const nlp = wink();
  beginText();
  const its = nlp.its;
  const start: number[] = [];
  const end: number[] = [];
  const pos: string[] = [];
  const lemma: string[] = [];
  const lower: string[] = [];
  const surface: string[] = [];
  const sentences: Sentence[] = [];
  const push = (at: number, v: string, tag: string, lem: string) => {
    const last = start.length - 1;
    if (last >= 0 && end[last] === at && continuesWord(surface[last]!, v)) {
      const word = surface[last] + v;
      end[last] = at + v.length;
      surface[last] = word;
      lower[last] = fold(word);
      lemma[last] = word.toLowerCase();
      // a capitalised word of such pieces is a name ("Đặng": "Đặ"/X + "ng"/NOUN)
      if (/^\p{Lu}/u.test(word)) pos[last] = "PROPN";
      else if (pos[last] === "X") pos[last] = tag;
      return;
    }
    start.push(at);
    end.push(at + v.length);
    pos.push(tag);
    lemma.push(lem);
    lower.push(fold(v));
    surface.push(v);
  };

  for (const [bStart, bEnd] of blocks(text, layout)) {
    // (a double-spaced text's blank lines inside a block are wraps: wink, which ends a sentence at a blank line, reads them
    // as the spaces they stand for, the offsets unchanged)
    const block = text.slice(bStart, bEnd);
    const doc = nlp.readDoc(BLANK_LINE.test(block) ? block.replace(BLANK_LINES, (gap) => " ".repeat(gap.length)) : block);
    const tokens = doc.tokens();
    const values = tokens.out(its.value) as string[];
    const spaces = tokens.out(its.precedingSpaces) as string[];
    const tags = tokens.out(its.pos) as string[];
    const lemmas = tokens.out(its.lemma as never) as unknown as string[];
    const types = tokens.out(its.type) as string[];
    // wink token index -> ours (whitespace tokens are dropped)
    const map = new Int32Array(values.length + 1);
    let offset = bStart;
    for (let i = 0; i < values.length; i++) {
      offset += spaces[i]!.length;
      const v = values[i]!;
      map[i] = start.length;
      if (types[i] !== "tabCRLF" && tags[i] !== "SPACE" && v.trim() !== "") {
        // wink splits "Biden's" into "Biden" + "'s" until its shared word cache happens to hold
        // "biden's" from an earlier text; splitting here keeps tokens independent of what was read before
        const possessive = v.length > 2 && v.charCodeAt(v.length - 1) === 115 /* s */ && types[i] === "word" ? POSSESSIVE.exec(v) : null;
        if (possessive) {
          const stem = possessive[1]!;
          push(offset, stem, tags[i]!, stem.toLowerCase());
          push(offset + stem.length, possessive[2]!, "PART", possessive[2]!.toLowerCase());
        } else push(offset, v, tags[i]!, verbLemma((lemmas[i] ?? v).toLowerCase(), tags[i]!));
      }
      offset += v.length;
    }
    map[values.length] = start.length;
    const spans = doc.sentences().out(its.span) as unknown as Array<[number, number]>;
    for (const [s, e] of spans) {
      const ts = map[s]!;
      const te = map[e + 1]!;
      if (te <= ts) continue;
      for (let from = ts; from < te; ) {
        const to = end[te - 1]! - start[from]! > MAX_SENTENCE_CHARS ? pieceEnd(start, end, lower, pos, from, te) : te;
        sentences.push({ index: sentences.length, start: start[from]!, end: end[to - 1]!, tokenStart: from, tokenEnd: to, skip: null });
        from = to;
      }
    }
  }
  return {
    tokens: {
      count: start.length,
      start: Int32Array.from(start),
      end: Int32Array.from(end),
      pos,
      lemma,
      lower,
      text: surface,
    },
    sentences,
  };
}

/** The tokens of a short phrase (a name in a data file), as the text tokenizer splits them. */
export function phraseTokens(phrase: string): string[] {
  // words of letters alone, one space apart, are the tokenizer's own tokens: split them without running it (most of
  // the knowledge base's several thousand names, read at every start; test/tokenize.test.ts checks them all)
  if (PLAIN_WORDS.test(phrase)) return phrase.split(" ");
  return winkPhraseTokens(phrase);
}

/** Letters, one space between words, nothing else. */
const PLAIN_WORDS = /^\p{L}+(?: \p{L}+)*$/u;

/** A phrase's tokens as the tokenizer makes them. */
export function winkPhraseTokens(phrase: string): string[] {
  const nlp = wink();
  beginText();
  const tokens = nlp.readDoc(phrase).tokens();
  const values = tokens.out(nlp.its.value) as string[];
  const spaces = tokens.out(nlp.its.precedingSpaces) as string[];
  const types = tokens.out(nlp.its.type) as string[];
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (types[i] === "tabCRLF" || v.trim() === "") continue;
    if (out.length && spaces[i] === "" && continuesWord(out[out.length - 1]!, v)) out[out.length - 1] += v;
    else out.push(v);
  }
  return out;
}
