import type { Doc, Entity, Sentence } from "./doc/document.ts";
import type { SourceDocument } from "./doc/source.ts";
import { codeEvents } from "./coding/coder.ts";
import { Lexicon } from "./coding/lexicon.ts";
import { DEFAULT_DATA_DIR, KnowledgeBase } from "./kb/kb.ts";
import { type CorefContext, type Letter, resolveEntities } from "./nlp/coref.ts";
import { assignDates } from "./nlp/dates.ts";
import { findMentions } from "./nlp/mentions.ts";
import { References } from "./nlp/references.ts";
import { markSkipped } from "./nlp/sections.ts";
import { maskMarkup } from "./nlp/markup.ts";
import { parseSentences } from "./nlp/parse.ts";
import { CLOSING, SALUTATION, phraseTokens, tokenize } from "./nlp/tokenize.ts";
import { type SyntaxModel, loadSyntaxModel, syntaxModelPath } from "./syntax/model.ts";
import { publisherCode, publisherSpeaker } from "./kb/publisher.ts";
import { latestStatedDate } from "./ingest/dateline.ts";

export interface CoderOptions {
  /** Folder with the data files (default: the package's data/). */
  dataDir?: string;
  /** The tagger and parser model file (default: data/syntax/en-ewt.model). */
  syntaxModel?: string;
  /** A tagger and parser already loaded (one another thread shares, see `syntaxModelFromParts`), used instead of a file. */
  syntax?: SyntaxModel;
}

/** One stage of the coder: what it needs, what it adds, and the work. */
interface Stage {
  name: string;
  requires: Array<keyof Doc>;
  assigns: Array<keyof Doc>;
  run(doc: Doc): void;
}

/**
 * The whole coder at a glance: text → sentences and tokens → skipped sections
 * → mentions → entities (coreference) → dependency trees → dates → events. Build one per process
 * (loading data takes a moment) and call `code` for each document.
 */
export class Coder {
  readonly kb: KnowledgeBase;
  readonly lexicon: Lexicon;
  readonly syntax: SyntaxModel;
  private readonly refs: References;
  private readonly stages: Stage[];

  constructor(options: CoderOptions = {}) {
    const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
    this.kb = new KnowledgeBase(dataDir, phraseTokens);
    this.lexicon = new Lexicon(dataDir);
    this.refs = new References(dataDir);
    this.syntax = options.syntax ?? loadSyntaxModel(options.syntaxModel ?? syntaxModelPath(dataDir));
    const kb = this.kb;
    const refs = this.refs;
    const lexicon = this.lexicon;
    const syntax = this.syntax;
    const publishers = new Map<string | null, string | null>(); // publisher name -> code, worked out once each
    const speakers = new Map<string | null, string | null>(); // publisher name -> the person it names
    // worked out once per publisher name
    const publisherOf = (doc: Doc) => memo(publishers, doc.source.meta.publisher, () => publisherCode(doc.source.meta, kb));
    // whose voice a text is: its publisher's state or organization, else, for a publisher that names none, the state of
    // the official its title or byline says speaks ("Foreign Ministry Spokesperson Geng Shuang's Regular Press
    // Conference", "Statement by Press Secretary Jen Psaki"); worked out with the mentions, read by later stages
    const voices = new WeakMap<Doc, string | null>();
    const voiceOf = (doc: Doc) => (voices.has(doc) ? voices.get(doc)! : publisherOf(doc));
    this.stages = [
      {
        name: "sections",
        requires: ["sentences"],
        assigns: ["sentences"],
        // (a transcript's speakers are told from its askers by their names: "Zhao Lijian: " answers, "Reuters: " asks)
        // (a dateline in capitals names a place the knowledge base knows, not "NATO" or "IAEA" opening a sentence)
        run: (doc) =>
          markSkipped(
            doc,
            // (or a title and a name in a transcript's capitals: "MINISTER JAISHANKAR", "FOREIGN MINISTER SHOUKRY")
            (label) => refs.isPersonName(label) || titledName(label, kb),
            (t) => {
              const values = kb.names.longest(doc.tokens.lower, doc.tokens.text, t, t + 1)?.values;
              if (!values) return null;
              return values.every((v) => v.kind === "state" && v.form === "place") ? "place" : "other";
            },
          ),
      },
      {
        name: "mentions+coreference",
        requires: ["tokens", "sentences"],
        assigns: ["mentions", "entities"],
        run: (doc) => {
          // (an undated text's names and titles are read on the latest date it states: "On 3 May 2014, the Secretary-General …")
          const date = doc.source.meta.storyDate ?? latestStatedDate(doc.text);
          const layer = findMentions(doc, kb, refs, date);
          doc.mentions = layer.mentions;
          const ctx = {
            storyDate: date,
            publisherCode: publisherOf(doc),
            speaker: memo(speakers, doc.source.meta.publisher, () => publisherSpeaker(doc.source.meta, kb)),
            speechVerbs: refs.speechVerbs,
            nameStarts: refs.nameStarts,
          };
          ctx.speaker ??= titleSpeaker(doc, kb, refs, ctx) ?? bylineSpeaker(doc, kb, refs, ctx);
          if (ctx.publisherCode === null) {
            const official = ctx.speaker ?? titleSpokesperson(doc, kb, refs, ctx);
            ctx.publisherCode = official ? (kb.tenuresOf(official, ctx.storyDate)[0]?.code ?? null) : null;
            voices.set(doc, ctx.publisherCode);
          }
          resolveEntities(doc, layer.info, kb, { ...ctx, authors: jointAuthors(doc, kb, refs, ctx), letters: letters(doc, kb, refs, ctx) });
        },
      },
      {
        // The parse assigns roles to the mentions around a trigger, so only
        // sentences holding both a trigger candidate and a mention need one
        // (about 30% of sentences, 40% of tokens in the corpus), and those
        // whose modal voices a demand of the text's own ("All parties must …").
        name: "syntax",
        requires: ["tokens", "sentences", "mentions"],
        assigns: ["syntax"],
        run: (doc) => {
          const voiced = voiceOf(doc) !== null;
          const mentioned = new Uint8Array(doc.sentences.length);
          for (const m of doc.mentions) mentioned[m.sentence] = 1;
          const wanted = (d: Doc, s: Sentence) =>
            (mentioned[s.index] === 1 &&
              (lexicon.holdsCandidate(d.tokens, s.tokenStart, s.tokenEnd) ||
                lexicon.holdsEvaluation(d.tokens, s.tokenStart, s.tokenEnd) ||
                lexicon.holdsHope(d.tokens, s.tokenStart, s.tokenEnd) ||
                lexicon.holdsThreat(d.tokens, s.tokenStart, s.tokenEnd))) ||
            // (a modal demand is the text's own voice: a publisher that speaks for a state, outside a journalist's question)
            (voiced && !s.asked && lexicon.holdsDemandModal(d.tokens, s.tokenStart, s.tokenEnd)) ||
            // (an answer's verdict on a claim its question reported names no one itself: "Those reports are groundless")
            (!s.asked && lexicon.holdsEvaluatedClaim(d.tokens, s.tokenStart, s.tokenEnd));
          parseSentences(doc, syntax, wanted);
        },
      },
      { name: "dates", requires: ["sentences"], assigns: ["sentenceDates"], run: assignDates },
      {
        name: "events",
        requires: ["mentions", "entities", "sentenceDates"],
        assigns: ["events"],
        run: (doc) => codeEvents(doc, { kb, lexicon, publisherCode: voiceOf(doc) }),
      },
    ];
  }

  /** Codes one document: every event with its participants and evidence offsets. */
  code(source: SourceDocument): Doc {
    // (Markdown and inline HTML are read as spaces: "[awarded](https://…) a grant" is "awarded a grant", at its own offsets)
    const { tokens, sentences } = tokenize(maskMarkup(source.text), source.text);
    const doc: Doc = { source, text: source.text, tokens, sentences, syntax: null, mentions: [], entities: [], sentenceDates: [], events: [] };
    for (const stage of this.stages) stage.run(doc);
    return doc;
  }

  stageNames(): string[] {
    return this.stages.map((s) => s.name);
  }
}

/**
 * The participants a joint statement names: in its title ("Joint Statement by President Biden and President
 * Macron", "U.S.-India Joint Leaders' Statement", a body's own "G7 Foreign Ministers' Statement on …"), or, when
 * the title names none, in the preamble a foreign ministry sets before the text ("The text of the following
 * statement was released by the Governments of the United States of America, Australia, Denmark …").
 */
const JOINT_TITLE = /\bjoint (?:leaders['’] )?(?:statement|declaration|communiqu[eé]|readout)\b|\b(?:leaders|ministers)['’] (?:joint )?(?:statement|declaration|communiqu[eé])\b/i;
const RELEASED_BY = /\b(?:text of the )?following (?:joint )?statement (?:was|is) (?:released|issued) by ([^:\n]+)/i;
/** Where a list of authors ends and the statement's topic or occasion begins. */
const AUTHORS_END = /\s(?:on|regarding|concerning|about|following|after|in support of|to mark|to express)\s|:/i;
/** "We, <the authors>, <what they do>": the authors end at the comma before a word in lower case. */
const WE_ARE = /\bWe, ((?:the |President |Prime Minister |Foreign Minister |Leaders |Ministers )[^.;:\n]{3,300}?),\s+(?=\p{Ll})/u;
/** How far into the text its opening "We, …" stands. */
const OPENING_CHARS = 1000;
/** How far into the text a preamble stands. */
const PREAMBLE_CHARS = 600;

function jointAuthors(doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): Entity[] {
  const title = doc.source.meta.title;
  const fromTitle = title && JOINT_TITLE.test(title) ? authorsIn(title, doc, kb, refs, ctx) : [];
  if (fromTitle.length) return fromTitle;
  const preamble = RELEASED_BY.exec(doc.text.slice(0, PREAMBLE_CHARS));
  if (preamble) return authorsIn(preamble[1]!, doc, kb, refs, ctx);
  // "We, the Leaders of the Group of Seven (G7), gathered in Apulia …", "We, President Biden and Prime Minister Albanese,
  // inaugurated …": the opening names who "we" are
  const opening = WE_ARE.exec(doc.text.slice(0, OPENING_CHARS));
  return opening ? authorsIn(opening[1]!, doc, kb, refs, ctx) : [];
}

/** Whether a transcript's label is office words and a name: "MINISTER JAISHANKAR", "FOREIGN MINISTER SHOUKRY", "PRESIDENT BIDEN". */
function titledName(label: string, kb: KnowledgeBase): boolean {
  const words = label.split(" ");
  let title = 0;
  while (title < words.length && kb.isOfficeWord(words[title]!)) title++;
  // (office words, then one to three words of a name: "FOREIGN MINISTER ABDULLAH BIN ZAYED")
  const name = words.slice(title);
  return title >= 1 && name.length >= 1 && name.length <= 3 && name.every((w) => /^\p{Lu}[\p{L}'’-]*$/u.test(w) && !kb.isOfficeWord(w));
}

/** The states, organisations and people a list of authors names, before the topic: "… by the Leaders of France, Germany … on Iran". */
function authorsIn(phrase: string, doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): Entity[] {
  const phraseDoc = resolvedPhrase(doc, phrase.split(AUTHORS_END)[0]!, kb, refs, ctx);
  const used = new Set(phraseDoc.mentions.filter((m) => m.entity >= 0 && !m.possessive && m.type !== "adjective").map((m) => m.entity));
  return phraseDoc.entities.filter((e) => used.has(e.id) && e.kind !== "group");
}

/** What a title calls a text its speaker delivered: "Statement", "Remarks", "National Statement", "Keynote Address". */
const SPOKEN = String.raw`(?:statement|remarks|message|letter|op-ed|video message|speech|address)s?`;
/** "Statement from/by/of President Joe Biden on …", "Remarks as Prepared for Delivery by NEC Director Lael Brainard …". */
const SPOKEN_BY = new RegExp(String.raw`^(?:transcript of\s+)?(?:[\w-]+\s+){0,2}${SPOKEN}(?:\s+as (?:prepared for delivery|delivered))?\s+(?:by|from|of)\s+(.+)$`, "i");
/** "Minister for Foreign Affairs Dr Vivian Balakrishnan's National Statement at …", "Transcript of PM Lee Hsien Loong's Remarks …". */
const SPEAKERS_SPOKEN = new RegExp(String.raw`^(?:transcript of\s+)?(.+?)['’]s\s+(?:[\w-]+\s+){0,2}${SPOKEN}\b`, "i");

/**
 * "Statement from President Joe Biden on …", "Remarks by Secretary Blinken …", "Minister for Foreign Affairs Dr Vivian
 * Balakrishnan's National Statement at …": the one person a title says speaks, for "I". Not a spokesperson, whose
 * "I" is their state's (CODING.md).
 */
function titleSpeaker(doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): string | null {
  const part = titledSpeakers(doc, [SPOKEN_BY, SPEAKERS_SPOKEN]);
  if (!part || /spokes(?:person|man|woman)/i.test(part)) return null;
  // (a name the knowledge base does not know stays short: "Biden Applauding House Passage" is a misread title)
  return onePerson(doc, part, kb, refs, ctx, (e) => e.source === "kb" || e.name.split(/\s+/).length <= 3);
}

/** "Foreign Ministry Spokesperson Geng Shuang's Regular Press Conference on …", "Press Briefing by Press Secretary Jen Psaki". */
const BRIEFED_BY = /^(?:[\w-]+\s+){0,2}(?:press (?:briefing|conference)|briefing|news conference)s?\s+(?:by|with|of)\s+(.+)$/i;
const SPEAKERS_BRIEFING = /^(.+?)['’]s\s+(?:[\w-]+\s+){0,2}(?:press (?:briefing|conference)|briefing|news conference)s?\b/i;

/**
 * The one official a title says speaks or briefs, a spokesperson included ("Foreign Ministry Spokesperson Geng
 * Shuang's Regular Press Conference"): whose state a text of a publisher that names none speaks for.
 */
function titleSpokesperson(doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): string | null {
  const part = titledSpeakers(doc, [SPOKEN_BY, SPEAKERS_SPOKEN, BRIEFED_BY, SPEAKERS_BRIEFING]);
  return part ? onePerson(doc, part, kb, refs, ctx, (e) => e.source === "kb") : null;
}

/** The words naming who speaks in a title one of `patterns` reads, up to its topic; null for none or a joint statement. */
function titledSpeakers(doc: Doc, patterns: RegExp[]): string | null {
  const title = doc.source.meta.title ?? "";
  let m: RegExpExecArray | null = null;
  for (const p of patterns) if ((m = p.exec(title))) break;
  if (!m) return null;
  const part = m[1]!.split(/\s(?:on|regarding|concerning|about|following|in support of|to mark|at|before|after)\s|:/i)[0]!;
  return /\band\b|&/.test(part) ? null : part; // a joint statement: its "we" are its authors
}

/**
 * The person a statement's byline names, alone on its first line with their office: "Antony J. Blinken, Secretary of
 * State" over a press statement whose "I congratulate the people of Switzerland" is his.
 */
function bylineSpeaker(doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): string | null {
  // (its first line only, not a copy of the whole text)
  const start = doc.text.search(/\S/);
  const end = doc.text.indexOf("\n", start);
  const first = start < 0 ? "" : doc.text.slice(start, end < 0 ? undefined : end).trim();
  const m = BYLINE.exec(first);
  if (!m || !m[2]!.split(/\s+/).some((w) => kb.isOfficeWord(w.toLowerCase()))) return null;
  return onePerson(doc, m[1]!, kb, refs, ctx, (e) => e.source === "kb");
}

/**
 * The letters a text reproduces, each from the line after its salutation ("Dear President-Elect Prabowo,") to its
 * close ("Yours sincerely,"), signed by the one person the next line names ("Tharman Shanmugaratnam", "LEE HSIEN
 * LOONG", "JOSEPH R. BIDEN JR."): a release may append several, each with its own "I".
 */
function letters(doc: Doc, kb: KnowledgeBase, refs: References, ctx: CorefContext): Letter[] {
  const text = doc.text;
  if (!/\b(?:Dear|Excellency|Majesty|Highness)\b/.test(text)) return [];
  const out: Letter[] = [];
  let body = -1; // where the open letter's body starts
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    // (both patterns allow the spaces around a line)
    const line = text.slice(start, end);
    if (SALUTATION.test(line)) body = end;
    else if (body >= 0 && CLOSING.test(line)) {
      let next = end;
      while (next < text.length && /\s/.test(text[next]!)) next++;
      const eol = text.indexOf("\n", next);
      const signature = text.slice(next, eol < 0 ? text.length : eol).trim();
      // (a signature in capitals is read as a name: "LEE HSIEN LOONG")
      const name = signature && signature.length <= 60 ? signature.replace(/\p{Lu}+/gu, (w) => (w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w)) : "";
      const signer = name ? onePerson(doc, name, kb, refs, ctx, (e) => e.source === "kb") : null;
      if (signer) out.push({ start: body, end: start, signer });
      body = -1;
    }
    start = end + 1;
  }
  return out;
}

/** The name of the one person a phrase of the document's metadata names (of those `fits` accepts), or null. */
function onePerson(doc: Doc, phrase: string, kb: KnowledgeBase, refs: References, ctx: CorefContext, fits: (e: Entity) => boolean): string | null {
  const people = resolvedPhrase(doc, phrase, kb, refs, { ...ctx, speaker: null }).entities.filter((e) => e.kind === "person" && fits(e));
  return people.length === 1 ? people[0]!.name : null;
}

/** A byline: a name, a comma and an office, and nothing else ("Ned Price, Department Spokesperson"). */
const BYLINE = /^([^,:;!?]{3,60}),\s+([^,.:;!?]{3,80})$/;

/** A phrase of a document's metadata (part of its title) read as a document of its own: its mentions and entities. */
function resolvedPhrase(doc: Doc, phrase: string, kb: KnowledgeBase, refs: References, ctx: CorefContext): Doc {
  const { tokens, sentences } = tokenize(phrase);
  const phraseDoc: Doc = { ...doc, text: phrase, tokens, sentences, syntax: null, mentions: [], entities: [], sentenceDates: [], events: [] };
  const layer = findMentions(phraseDoc, kb, refs);
  phraseDoc.mentions = layer.mentions;
  resolveEntities(phraseDoc, layer.info, kb, ctx);
  return phraseDoc;
}

function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (map.has(key)) return map.get(key)!;
  const v = make();
  map.set(key, v);
  return v;
}
