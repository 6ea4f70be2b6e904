import type { Doc, Sentence } from "../doc/document.ts";
import { ROOT, UNPARSED } from "../doc/syntax.ts";
import type { SyntaxModel } from "../syntax/model.ts";
import { clauseStart } from "./sections.ts";
import { tokenize } from "./tokenize.ts";

/**
 * The syntax stage: tags and parses every sentence that is coded (not
 * headlines, captions or boilerplate) and that `wanted` admits (the pipeline
 * admits those holding a trigger candidate and a mention: parsing the rest
 * would cost time and change nothing), writing the dependency layer. Words of other
 * sentences keep UNPARSED heads.
 */
export function parseSentences(doc: Doc, model: SyntaxModel, wanted: (doc: Doc, sentence: Sentence) => boolean = () => true): void {
  const n = doc.tokens.count;
  const tag = new Uint8Array(n);
  const head = new Int32Array(n).fill(UNPARSED);
  const rel = new Uint8Array(n);
  const { text, pos } = doc.tokens;
  for (const sentence of doc.sentences) {
    if (sentence.skip !== null || !wanted(doc, sentence)) continue;
    // a news dateline ("WASHINGTON, Oct 19 - ") or a speaker's label ("Q:", "A:", "Zhao Lijian:") is no part of the
    // clause: its words hang from the clause's root
    const body = clauseStart(doc, sentence);
    analyzeSentence(model, text, pos, body, sentence.tokenEnd, tag, head, rel);
    if (body > sentence.tokenStart) {
      let root = body;
      while (head[root] !== ROOT) root = head[root]!;
      for (let t = sentence.tokenStart; t < body; t++) {
        tag[t] = model.datelineTag;
        head[t] = root;
        rel[t] = model.datelineLabel;
      }
    }
  }
  doc.syntax = { tag, head, rel, tags: model.tags, relations: model.labels };
}

/**
 * Tags and parses tokens [start, end) of `forms` (with the universal tags
 * the tokenizer gave them, `hints`), writing tags, heads (document-wide
 * token indexes, ROOT for the root) and relations at the same positions.
 */
export function analyzeSentence(
  model: SyntaxModel,
  forms: readonly string[],
  hints: readonly string[],
  start: number,
  end: number,
  tag: Uint8Array,
  head: Int32Array,
  rel: Uint8Array,
): void {
  const tags = tag.subarray(start, end);
  model.tagger.tag(forms.slice(start, end), hints.slice(start, end), tags);
  model.parser.parse(model.tagger.lastAtoms, tags, end - start, head, rel, start);
  for (let t = start; t < end; t++) head[t] = head[t]! < 0 ? ROOT : head[t]! + start;
}

/**
 * The universal tags the pipeline's tokenizer gives a treebank sentence's
 * words (their hints), read from the words joined by spaces: a word the
 * tokenizer splits takes its first piece's tag.
 */
export function tokenizerHints(forms: readonly string[]): string[] {
  const starts: number[] = [];
  let text = "";
  for (const f of forms) {
    if (text) text += " ";
    starts.push(text.length);
    text += f;
  }
  const { tokens } = tokenize(text);
  const hints: string[] = [];
  let t = 0;
  for (let w = 0; w < forms.length; w++) {
    while (t + 1 < tokens.count && tokens.start[t + 1]! <= starts[w]!) t++;
    hints.push(tokens.count > 0 ? tokens.pos[t]! : "X");
  }
  return hints;
}
