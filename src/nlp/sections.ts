import type { Doc } from "../doc/document.ts";
import { fold } from "../kb/fold.ts";


/** A parliamentary question's formula: "To ask the Minister for Foreign Affairs whether …". */
const ASKS_MINISTER = /\bto ask the (?:prime )?minister\b/i;

/** A sentence opening as a question does, whatever its final mark: "Are there any plans for …". */
const INTERROGATIVE = /^(are|is|was|were|do|does|did|will|would|can|could|should|has|have|what|why|how|who|whom|which)\b/i;

/** Lines that carry no reported action: sign-offs and office names. */
const BOILERPLATE = /^(#+|\*+|-+|office of the (spokesperson|press secretary)|for immediate release|media contact|contact:|photo:|caption:|source:|\(end\)|end)\b/i;

/**
 * Marks sentences that are not coded (CODING.md: the body, not its headline,
 * captions or boilerplate): a repeated title, a heading line without final
 * punctuation, and boilerplate lines.
 */
export function markSkipped(
  doc: Doc,
  isPersonName: (label: string) => boolean = () => false,
  placeAt: (token: number) => "place" | "other" | null = () => null,
): void {
  markBareDateline(doc, placeAt);
  const title = doc.source.meta.title ? fold(doc.source.meta.title).replace(/\W+/g, " ").trim() : null;
  const transcript = transcriptLabels(doc, isPersonName);
  let question = false;
  for (const s of doc.sentences) {
    const text = doc.text.slice(s.start, s.end);
    const label = transcript && !/^(Q|A|Question|Answer)\s*[:：]/i.test(text) ? LABEL.exec(text)?.[1] : undefined;
    // a press conference's questions report others' claims; the answers ("A:") are the ministry's;
    // in a transcript that names its speakers ("Zhao Lijian: …"), whoever is no person asks ("Reuters: …", "Journalist: …")
    // (a parliamentary question: "QUESTION Mr Leon Perera: To ask the Minister for Foreign Affairs …", answered by "REPLY")
    if (/^(Q|Question)\s*[:：]/i.test(text) || /^QUESTION\b/.test(text) || (label !== undefined && !isPersonName(label))) question = true;
    else if (/^(A|Answer)\s*[:：]/i.test(text) || /^(ANSWER|REPLY)\b/.test(text) || label !== undefined || /\n\s*\n/.test(doc.text.slice(Math.max(0, s.start - 4), s.start))) question = false;
    if (question) {
      // a journalist's question: what it asks is not coded; what it states as fact ("The US imposed sanctions on two of
      // your firms yesterday", "According to reports, the DPRK launched two projectiles on August 16") is (CODING.md)
      const body = text.replace(/^(Q|Question)\s*[:：]\s*/i, "").replace(label !== undefined ? LABEL : /^$/, "");
      if (/\?["”’)]?$/.test(text.trim()) || !body.trim() || INTERROGATIVE.test(body) || ASKS_MINISTER.test(text)) s.skip = "question";
      else s.asked = true;
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

/** A speaker's label opening a line of a transcript: "Zhao Lijian: ", "Reuters: ", "The Paper: ", "Follow-up: ". */
const LABEL = /^([A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*| of| the){0,5})\s*[:：]\s/;

/**
 * Whether the text is a transcript that labels its speakers: at least two of its lines open with a
 * person's name and a colon ("Zhao Lijian: …", the answers) and at least two with another label
 * ("Reuters: …", the questions).
 */
function transcriptLabels(doc: Doc, isPersonName: (label: string) => boolean): boolean {
  let people = 0;
  let others = 0;
  for (const s of doc.sentences) {
    if (s.start > 0 && doc.text[s.start - 1] !== "\n") continue;
    const label = LABEL.exec(doc.text.slice(s.start, Math.min(s.end, s.start + 60)))?.[1];
    if (label === undefined) continue;
    if (isPersonName(label)) people++;
    else others++;
  }
  return people >= 2 && others >= 2;
}

function isLineOfItsOwn(text: string, start: number, end: number): boolean {
  const before = start === 0 || text[start - 1] === "\n";
  const after = end >= text.length || /^[ \t]*(\r?\n|$)/.test(text.slice(end, end + 3));
  return before && after;
}

/**
 * A news dateline opening a sentence: "WASHINGTON, Oct 19 - ", "NICOSIA, OCT 20 - ",
 * "WASHINGTON-- ", "BEIJING (Reuters) - ", "GENEVA/BEIRUT - ": a place in capitals, at
 * most three words (several joined by "/"), an optional date and agency, then a dash
 * with a space after it (a hyphen also before it: "U.S.-Iranian" is no dateline) and a
 * capital letter.
 */
const DATELINE = /^[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,2}(?:\/[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,2})*(,\s*[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?(?:\s*\([A-Za-z .]+\))?(?:\s+--?|\s*--|\s*[—–])\s+(?=[A-Z])/;

/**
 * A dateline with no dash opening the text, as news feeds strip them: "DUBAI President Hassan Rouhani
 * hailed …", "GENEVA/BEIRUT The main Syrian opposition grouping …": up to three words in capitals (several
 * places joined by "/"), at the start of the text's first sentence, before a word in mixed case, where
 * one of them is a capital the knowledge base knows and none a state, an organization or a person
 * ("NATO Secretary General …", "U.S. Ambassador …", "QUESTION Mr …", "RIA Novosti: …" are no datelines).
 */
function markBareDateline(doc: Doc, placeAt: (token: number) => "place" | "other" | null): void {
  const first = doc.sentences.find((s) => !s.skip);
  if (!first) return;
  const { tokens } = doc;
  let t = first.tokenStart;
  let words = 0;
  let places = 0;
  while (t < first.tokenEnd && words <= 4) {
    const w = tokens.text[t]!;
    if (w === "/") {
      t++;
      continue;
    }
    if (!/^[A-Z][A-Z.'’-]{2,}$/.test(w)) break;
    const known = placeAt(t);
    if (known === "other") return;
    if (known === "place") places++;
    words++;
    t++;
  }
  // one of the words a known capital ("BEIRUT", not "QUESTION", "NSC", "U.S."), and what follows in mixed
  // case, glued by a space ("JUBA Renewed fighting", not "USA-China" or "WASHINGTON,")
  if (places === 0 || words > 3 || t >= first.tokenEnd || !/^[A-Z][a-z]/.test(tokens.text[t]!)) return;
  if (tokens.start[t]! !== tokens.end[t - 1]! + 1 || doc.text[tokens.end[t - 1]!] !== " ") return;
  first.bodyStart = t;
}

/** The first token of a sentence after its news dateline, or its first token when it has none. */
export function afterDateline(
  doc: Pick<Doc, "text" | "tokens">,
  sentence: Pick<Doc["sentences"][number], "start" | "end" | "tokenStart" | "tokenEnd" | "bodyStart">,
): number {
  if (sentence.bodyStart !== undefined) return sentence.bodyStart;
  const text = doc.text.slice(sentence.start, Math.min(sentence.end, sentence.start + 80));
  const m = DATELINE.exec(text);
  // without a date, what follows must be written in mixed case: "WASHINGTON – Today, President …",
  // not a heading in capitals ("HUMANITARIAN ASSISTANCE - AFGHAN REFUGEES")
  if (!m || (!m[1] && !/^[A-Z][a-z]/.test(text.slice(m[0].length)))) return sentence.tokenStart;
  const end = sentence.start + m[0].length;
  let t = sentence.tokenStart;
  while (t < sentence.tokenEnd && doc.tokens.start[t]! < end) t++;
  return t < sentence.tokenEnd ? t : sentence.tokenStart;
}

/**
 * The first token of a sentence's clause: after its news dateline and after a speaker's label that opens it, up to
 * five capitalised words and a colon ("Q:", "A:", "Zhao Lijian:", "MR DOWNER:"); neither names a participant of the clause.
 */
export function clauseStart(
  doc: Pick<Doc, "text" | "tokens">,
  sentence: Pick<Doc["sentences"][number], "start" | "end" | "tokenStart" | "tokenEnd" | "bodyStart">,
): number {
  const from = afterDateline(doc, sentence);
  const words = doc.tokens.text;
  for (let t = from; t < Math.min(sentence.tokenEnd - 1, from + 6); t++) {
    const w = words[t]!;
    if (w === ":" || w === "：") return t > from ? t + 1 : from;
    if (!/^\p{Lu}/u.test(w)) return from;
  }
  return from;
}
