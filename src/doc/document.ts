import type { SourceDocument } from "./source.ts";

/** A half-open character range [start, end) into the document's text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Tokens of a whole document, kept in flat parallel arrays (one slot a token)
 * so that hot loops touch arrays and offsets, not objects per token.
 */
export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** Universal POS tag ("VERB", "PROPN", …). */
  pos: string[];
  /** Lower-cased lemma. */
  lemma: string[];
  /** Surface form folded for comparison (see kb/fold.ts): lower case, no diacritics. */
  lower: string[];
  /** The surface form as written. */
  text: string[];
}

export interface Sentence extends Span {
  index: number;
  /** Token range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  /** Not coded (headline, caption, boilerplate), with the reason. */
  skip: string | null;
  /** Stated in a journalist's question: coded, but no one in it speaks for the text. */
  asked?: boolean;
  /** The first token after a dateline with no dash that opens the text ("DUBAI President Hassan Rouhani …"). */
  bodyStart?: number;
}

export type EntityKind = "person" | "state" | "org" | "group";

/** A canonical participant that events point to. */
export interface Entity {
  id: number;
  name: string;
  kind: EntityKind;
  /** ISO alpha-3, UNO, EUR, IGO or NGO; null when not known. */
  code: string | null;
  office: string | null;
  /** Where the entity came from: the knowledge base (with its key) or learned from this text. */
  source: "kb" | "text";
  kbKey: string | null;
  gender: "m" | "f" | null;
  /** For groups: the entities the group stands for, once known. */
  members: number[];
}

export type MentionType =
  | "name" // a proper name: "Wang Yi", "China", "the United Nations"
  | "title" // a title without a name: "the Secretary-General", "the General"
  | "surname" // "Wang", "Al-Thani"
  | "pronoun" // "he", "they", "we"
  | "group" // "the two leaders", "both sides", "the co-chairs"
  | "adjective" // "Chinese", "U.S." used as modifier
  | "collective" // an unnamed collective: "Syrian rebels", "the people of Fiji"
  | "place" // a capital, another city or a seat of government: "in Beijing", "in Aleppo", "at the White House"
  | "region"; // a region within a state, a place only, never its government: "in North Waziristan", "visited Fujian"

/** A stretch of text that refers to a participant. */
export interface Mention extends Span {
  id: number;
  sentence: number;
  tokenStart: number;
  tokenEnd: number;
  type: MentionType;
  /** The entity it refers to, once resolved (-1 until then). */
  entity: number;
  /** The stretch the user reads as the reference, including titles and appositives. */
  fullStart: number;
  fullEnd: number;
  /** Possessive ("China's"): the mention modifies a noun rather than being the participant. */
  possessive: boolean;
  /** Plural reference (they, the two leaders). */
  plural: boolean;
}

export interface EventParticipant {
  entity: number;
  /** The mention that names it in the event's sentence (or -1 when inferred). */
  mention: number;
}

export interface CodedEvent {
  /** Sentence index. */
  sentence: number;
  type: string;
  mode: string | null;
  context: string[];
  cameo: string;
  actor: EventParticipant[];
  recipient: EventParticipant[];
  date: string | null;
  /** The trigger words. */
  trigger: Span;
  /** The lexicon entry that fired, for inspection. */
  rule: string;
}

/**
 * The dependency layer: a Universal Dependencies tree per parsed sentence,
 * in flat arrays beside the tokens. Read it through `Tree` (doc/syntax.ts).
 */
export interface Syntax {
  /** Per token: the tagger's tag, an index into `tags`. */
  tag: Uint8Array;
  /** Per token: its head's token index (document-wide); ROOT (-1) for a sentence's root, UNPARSED (-2) in sentences not parsed. */
  head: Int32Array;
  /** Per token: its relation to the head, an index into `relations`. */
  rel: Uint8Array;
  /** Tag names: the treebank's UPOS and XPOS ("VERB VBD"). */
  tags: readonly string[];
  /** Relation names ("nsubj", "obl:agent", …). */
  relations: readonly string[];
}

/** A document moving through the pipeline: the source plus one layer per stage. */
export interface Doc {
  source: SourceDocument;
  text: string;
  tokens: Tokens;
  sentences: Sentence[];
  /** Dependency trees of the sentences that hold something to code (null before the syntax stage). */
  syntax: Syntax | null;
  mentions: Mention[];
  entities: Entity[];
  /** Per sentence: the date its events happened, or null. */
  sentenceDates: (string | null)[];
  events: CodedEvent[];
}

export function spanText(doc: Doc, span: Span): string {
  return doc.text.slice(span.start, span.end);
}

/** The mentions of one sentence, as an index range [start, end) into `doc.mentions` (kept in text order). */
export function mentionRange(doc: Pick<Doc, "mentions">, sentence: number): [number, number] {
  const ms = doc.mentions;
  const lowerBound = (s: number) => {
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid]!.sentence < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lowerBound(sentence), lowerBound(sentence + 1)];
}

/** The offsets of a mention over tokens [a, b), with its full reading over tokens [fa, fb). */
export function mentionSpan(tokens: Tokens, a: number, b: number, fa = a, fb = b): Pick<Mention, "tokenStart" | "tokenEnd" | "start" | "end" | "fullStart" | "fullEnd"> {
  return {
    tokenStart: a,
    tokenEnd: b,
    start: tokens.start[a]!,
    end: tokens.end[b - 1]!,
    fullStart: tokens.start[fa]!,
    fullEnd: tokens.end[fb - 1]!,
  };
}
