import type { CodedEvent, Doc, EventParticipant, Mention, Sentence } from "../doc/document.ts";
import { isParticipant, mentionsFrom, participants, subjectOf } from "./roles.ts";

/**
 * A meeting whose participants the text lists apart from the sentence that
 * reports it: "A meeting of eight nations … accepted the plan. … Nations
 * attending the meeting included A, B, C. D also attended."
 */
export interface Gathering {
  /** The lemma the text calls it by ("meeting", "summit"). */
  noun: string;
  /** Everyone stated to have attended, in order of mention. */
  attendees: EventParticipant[];
  /** Sentences that state attendance. */
  sentences: number[];
}

const GATHERING_NOUNS = new Set(["meeting", "summit", "conference", "session", "dialogue", "forum", "gathering", "ministerial", "roundtable", "retreat", "talks"]);
const DETERMINERS = new Set(["a", "the", "this", "that", "today", "yesterday", "'s"]);
const LISTING = new Set(["included", "include", "includes", "were", "are", "was", "is", ":"]);
const ATTENDED = new Set(["attended", "attend", "attends"]);
const STATE_WORDS = /^(nations|countries|states|governments|economies|members)$/;
/** Fewer attendees than this is a bilateral meeting, which the triggers code themselves. */
const MIN_ATTENDEES = 3;

/** The gathering the document reports and who attended it, or null when it lists no three attendees. */
export function findGathering(doc: Doc, mentionOf: Int32Array): Gathering | null {
  const { tokens } = doc;
  let noun: string | null = null;
  const found: Mention[] = [];
  const sentences: number[] = [];
  const add = (sent: Sentence, ms: Mention[], nounAt: number) => {
    const n = nounAt >= 0 ? tokens.lemma[nounAt]! : null;
    if (n && noun && n !== noun) return; // another meeting
    if (n) noun = n;
    if (!ms.length) return;
    found.push(...ms);
    if (!sentences.includes(sent.index)) sentences.push(sent.index);
  };

  for (const sent of doc.sentences) {
    if (sent.skip) continue;
    const end = sent.tokenEnd;
    for (let t = sent.tokenStart; t < end; t++) {
      if (mentionOf[t]! >= 0) continue;
      const w = tokens.lower[t]!;
      // "nations attending the meeting included A, B, C", "leaders who attended the summit were …"
      if (w === "attending" || (w === "attended" && tokens.lower[t - 1] === "who")) {
        const g = gatheringNounAfter(doc, t + 1, end);
        if (g < 0 || !LISTING.has(tokens.lower[g + 1] ?? "")) continue;
        add(sent, [...listFrom(doc, g + 2, end, mentionOf), ...inAdditionTo(doc, sent, mentionOf)], g);
        break;
      }
      // "participants included A, B and C"
      if ((w === "participants" || w === "attendees") && LISTING.has(tokens.lower[t + 1] ?? "") && tokens.lower[t + 1] !== "is") {
        add(sent, [...listFrom(doc, t + 2, end, mentionOf), ...inAdditionTo(doc, sent, mentionOf)], -1);
        break;
      }
      if (!ATTENDED.has(w)) continue;
      // "the meeting was attended by A, B and C"
      if (/^(was|were|is|be|been)$/.test(tokens.lower[t - 1] ?? "") && tokens.lower[t + 1] === "by") {
        const g = gatheringNounBefore(doc, sent, t);
        if (g < 0) continue;
        add(sent, listFrom(doc, t + 2, end, mentionOf), g);
        break;
      }
      // "A and B also attended the meeting", "Secretary-General Ban also attended and spoke at the meeting"
      const g = gatheringNounAfter(doc, t + 1, Math.min(end, t + 8));
      const bare = g < 0 && /^[.;]$/.test(tokens.lower[t + 1] ?? ".");
      if (g < 0 && !bare) continue;
      if (bare && !noun) continue; // "also attended." names its meeting only after one is known
      add(sent, subjectOf(doc, sent, t, mentionOf), g);
      break;
    }
  }
  if (!noun) return null;
  const attendees = participants(doc, found);
  return attendees.length >= MIN_ATTENDEES ? { noun, attendees, sentences } : null;
}

/** The CONSULT of the gathering itself, at the first sentence that names it ("A meeting of eight nations, held …"). */
export function gatheringEvent(doc: Doc, g: Gathering, mentionOf: Int32Array): CodedEvent | null {
  const { tokens } = doc;
  const attendeeIds = new Set(g.attendees.map((p) => p.entity));
  // a meeting already coded with its parties ("Leaders of A, B and C met …") needs no second event
  for (const ev of doc.events) {
    if (ev.type !== "CONSULT") continue;
    const shared = [...ev.actor, ...ev.recipient].filter((p) => attendeeIds.has(p.entity)).length;
    if (shared >= 2) return null;
  }
  let at = -1;
  let sentence: Sentence | undefined;
  for (const sent of doc.sentences) {
    if (sent.skip) continue;
    for (let t = sent.tokenStart + 1; t < sent.tokenEnd && at < 0; t++) {
      if (mentionOf[t]! < 0 && tokens.lemma[t] === g.noun && tokens.pos[t] === "NOUN" && DETERMINERS.has(tokens.lower[t - 1]!)) at = t;
    }
    if (at < 0 && tokens.lemma[sent.tokenStart] === g.noun) at = sent.tokenStart;
    if (at >= 0) {
      sentence = sent;
      break;
    }
  }
  if (!sentence) {
    sentence = doc.sentences[g.sentences[0]!]!;
    at = gatheringNounAfter(doc, sentence.tokenStart, sentence.tokenEnd);
    if (at < 0) return null;
  }
  return {
    sentence: sentence.index,
    type: "CONSULT",
    mode: "multilateral",
    context: [],
    cameo: "040",
    actor: g.attendees.map((p) => ({ entity: p.entity, mention: -1 })),
    recipient: [],
    date: doc.sentenceDates[sentence.index] ?? null,
    trigger: { start: tokens.start[at]!, end: tokens.end[at]! },
    rule: `gathering:${g.noun}`,
  };
}

/**
 * Whether the verb at `head` has the gathering for subject ("A meeting of
 * eight nations, held during the summit, today accepted …"), and if so its
 * members: only the states when it is called a meeting "of nations".
 */
export function gatheringSubject(doc: Doc, sent: Sentence, head: number, g: Gathering): EventParticipant[] {
  const { tokens } = doc;
  let t = sent.tokenStart;
  if (DETERMINERS.has(tokens.lower[t]!)) t++;
  while (t < head && t < sent.tokenStart + 4 && tokens.lemma[t] !== g.noun && /^(ADJ|NUM|PROPN)$/.test(tokens.pos[t]!)) t++;
  if (tokens.lemma[t] !== g.noun) return [];
  let statesOnly = false;
  let depth = 0;
  for (let u = t + 1; u < head; u++) {
    const w = tokens.lower[u]!;
    if (w === ",") depth = depth ? 0 : 1;
    else if (depth === 0 && (tokens.pos[u] === "VERB" || tokens.pos[u] === "AUX")) return [];
    if (depth === 0 && STATE_WORDS.test(w)) statesOnly = true;
  }
  const members = statesOnly ? g.attendees.filter((p) => doc.entities[p.entity]!.kind === "state") : g.attendees;
  return members.map((p) => ({ entity: p.entity, mention: -1 }));
}

function gatheringNounAfter(doc: Doc, from: number, limit: number): number {
  for (let t = from; t < Math.min(limit, from + 5); t++) {
    if (GATHERING_NOUNS.has(doc.tokens.lemma[t]!) && doc.tokens.pos[t] === "NOUN") return t;
    // "attended and spoke at the meeting"
    if (doc.tokens.pos[t] === "VERB" && t > from && doc.tokens.lower[t - 1] !== "and") return -1;
  }
  return -1;
}

function gatheringNounBefore(doc: Doc, sent: Sentence, at: number): number {
  for (let t = at - 1; t >= Math.max(sent.tokenStart, at - 6); t--) {
    if (GATHERING_NOUNS.has(doc.tokens.lemma[t]!) && doc.tokens.pos[t] === "NOUN") return t;
  }
  return -1;
}

/** Every participant named from `from` to the sentence end: a list of attendees. */
function listFrom(doc: Doc, from: number, limit: number, mentionOf: Int32Array): Mention[] {
  const first = mentionsFrom(doc, from, limit, mentionOf);
  return first.filter((m) => isParticipant(m, doc));
}

/** "In addition to Australia, nations attending …": the ones named before the list count too. */
function inAdditionTo(doc: Doc, sent: Sentence, mentionOf: Int32Array): Mention[] {
  const l = doc.tokens.lower;
  const s = sent.tokenStart;
  if (!((l[s] === "in" && l[s + 1] === "addition" && l[s + 2] === "to") || (l[s] === "besides" || l[s] === "apart"))) return [];
  const from = l[s] === "in" ? s + 3 : l[s] === "apart" ? s + 2 : s + 1;
  return mentionsFrom(doc, from, sent.tokenEnd, mentionOf);
}
