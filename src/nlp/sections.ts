import type { Doc } from "../doc/document.ts";
import { fold } from "../kb/fold.ts";

/** Lines that carry no reported action: sign-offs and office names. */
const BOILERPLATE = /^(#+|\*+|-+|office of the (spokesperson|press secretary)|for immediate release|media contact|contact:|photo:|caption:|source:|\(end\)|end)\b/i;

/**
 * Marks sentences that are not coded (CODING.md: the body, not its headline,
 * captions or boilerplate): a repeated title, a heading line without final
 * punctuation, and boilerplate lines.
 */
export function markSkipped(doc: Doc): void {
  const title = doc.source.meta.title ? fold(doc.source.meta.title).replace(/\W+/g, " ").trim() : null;
  let question = false;
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    // a press conference's questions report others' claims; the answers ("A:") are the ministry's
    if (/^(Q|Question)\s*[:：]/.test(text)) question = true;
    else if (/^(A|Answer)\s*[:：]/.test(text) || /\n\s*\n/.test(doc.text.slice(Math.max(0, s.start - 4), s.start))) question = false;
    if (question) {
      s.skip = "question";
      continue;
    }
    const flat = fold(text).replace(/\W+/g, " ").trim();
    if (title && flat === title) s.skip = "headline";
    else if (/\?["”’)]?$/.test(text.trim())) s.skip = "question";
    else if (/\bPhoto (Caption|Credit)s?\b|^Photo:/i.test(text)) s.skip = "caption";
    else if (BOILERPLATE.test(text.trim())) s.skip = "boilerplate";
    else if (!/[.!?;:"”)]$/.test(text.trim()) && isLineOfItsOwn(doc.text, s.start, s.end) && text.split(/\s+/).length < 25) s.skip = "heading";
  }
}

function isLineOfItsOwn(text: string, start: number, end: number): boolean {
  const before = start === 0 || text[start - 1] === "\n";
  const after = end >= text.length || /^[ \t]*(\r?\n|$)/.test(text.slice(end, end + 3));
  return before && after;
}
