import { type CodedEvent, type Doc, type EventParticipant, type Mention, type Sentence, mentionRange } from "../doc/document.ts";
import { lastWordOf } from "../kb/fold.ts";
import type { KnowledgeBase } from "../kb/kb.ts";
import { type Evaluation, type Lexicon, NEGATORS, type Trigger, isTrip, matchRest, posFits } from "./lexicon.ts";
import { type Gathering, findGathering, gatheringEvent, gatheringSubject } from "./gatherings.ts";
import { ROOT, Tree } from "../doc/syntax.ts";
import { isCalendarWord, namesTime, recallsPast } from "../nlp/dates.ts";
import { afterDateline, clauseStart } from "../nlp/sections.ts";
import { nearestLocation, sentenceLocation } from "../nlp/location.ts";
import { TreeRoles } from "./syntax-roles.ts";
import { SKIPPABLE, afterWith, directObject, findWord, isLocation, isPairReference, isParticipant, mainSubject, mentionsFrom, objectOf, participants, possessorOf, subjectOf, wordBefore } from "./roles.ts";

interface TriggerMatch {
  trigger: Trigger;
  head: number;
  /** Token after the last matched word. */
  end: number;
}

const HYPOTHETICAL = new Set(["would", "could", "might", "may", "should", "can", "must"]);
const FUTURE = new Set(["will", "shall", "'ll"]);
/** Verbs of accepting: negated, they reject ("We cannot accept that"). */
const ACCEPTING = new Set(["accept", "agree", "approve"]);
const PHONE_WORDS = /\b(phone|telephone|video|videoconference|video-conference|virtual|virtually|teleconference|online)\b/i;
const MULTILATERAL_WORDS = /\b(summit|ministerial|plenary|forum|conference|sidelines)\b/i;
/** Participles that describe the subject after "is/are": "committed", "prepared", "opposed". */
const STATIVE = new Set(["committed", "prepared", "determined", "dedicated", "resolved", "pleased", "honored", "honoured", "delighted", "opposed"]);
/** The frame of a meeting noun's partners: "held a meeting with members of his Cabinet", "convened a meeting of the National Security Council". */
const WITH_NOUN = ["nmod:with", "nmod:of"];
/**
 * Verbs after which "to do X" tells what a meeting, a letter or a journey was for: "met with X to express appreciation",
 * "has written to X to convey condolences", "will head to Matera to attend the G20 meeting".
 */
const MEETING_VERBS = new Set(["meet", "visit", "travel", "call", "speak", "talk", "convene", "hold", "host", "receive", "welcome", "join", "gather", "come", "arrive", "write", "head", "fly", "return"]);
const GERUND_PREPOSITIONS = new Set(["for", "of", "in", "by", "on", "to", "with", "without", "after", "before", "about", "towards", "toward", "through", "from", "including", "and"]);

export interface CoderContext {
  kb: KnowledgeBase;
  lexicon: Lexicon;
  /** The state or organization the document's publisher speaks for, if known. */
  publisherCode: string | null;
}

/** Codes the events of every sentence that is not skipped (CODING.md). */
export function codeEvents(doc: Doc, ctx: CoderContext): void {
  const { tokens } = doc;
  // A mention covers its title and appositive too ("Minister for Foreign Affairs Dr Vivian Balakrishnan").
  const mentionOf = new Int32Array(tokens.count).fill(-1);
  for (const m of doc.mentions) {
    let a = m.tokenStart;
    while (a > 0 && tokens.start[a - 1]! >= m.fullStart) a--;
    let b = m.tokenEnd;
    while (b < tokens.count && tokens.end[b]! <= m.fullEnd) b++;
    for (let t = a; t < b; t++) if (mentionOf[t]! < 0 || t >= m.tokenStart) mentionOf[t] = m.id;
  }
  const docLocation = leadLocation(doc);
  // a news dateline ("DUBAI", "NICOSIA, Oct 20 -") says where the reporter is, a speaker's label ("Zhao Lijian:", "NHK:")
  // who speaks: neither names a participant of the clause
  for (const s of doc.sentences) if (!s.skip) mentionOf.fill(-1, s.tokenStart, clauseStart(doc, s));
  const gathering = findGathering(doc, mentionOf);
  const roles = doc.syntax ? new TreeRoles(doc, new Tree(doc.tokens, doc.syntax), mentionOf) : null;
  const discourse: Discourse = { lastMeeting: [], lastMeetingSentence: -1, lastMeetingEvent: null, lastMeetingParts: null, gathering, lastTarget: null, lastAct: null, threatened: new Set(), roles };

  for (const sent of doc.sentences) {
    if (sent.skip) continue;
    // a trigger inside another's complement ("agreed to meet", "looks forward to welcoming") is part of that event
    const found = findTriggers(doc, sent, ctx.lexicon, mentionOf, roles).filter((m) => complementOf(doc, sent, m, ctx.lexicon) === "no");
    // a trip still to come that names only where it goes ("will travel to Kenya …, where she will meet with …") is left
    // to the "will" that announces it, whose purpose names whom the traveller is to meet
    const matches = found.filter((m) => {
      if (!isTrip(m.trigger)) return true;
      const will = governingWill(doc, sent, m.head, mentionOf);
      return !found.some((w) => w.head === will && w.trigger.pos === "AUX");
    });
    let agreed = false;
    const sentenceEvents: CodedEvent[] = [];
    // a "will" whose act is the next trigger's, kept in case that trigger codes nothing
    let deferred: TriggerMatch | null = null;
    // the visits that trips coded, with the events each became
    const trips = new Map<CodedEvent, CodedEvent[]>();
    matches.forEach((match, k) => {
      // "agreed that they will …": the will-clause is what was agreed, not a second event
      if (match.trigger.pos === "AUX" && agreed) return;
      // "will make a State Visit to Singapore": the visit itself carries the intention
      const next = matches[k + 1];
      // (an act named by a noun is not what "will" promises: "will raise the costs on Russia for its war in Ukraine")
      if (match.trigger.pos === "AUX" && next && next.trigger.actor !== "armed" && next.trigger.roles !== "nominal" && governingWill(doc, sent, next.head, mentionOf) === match.head) {
        deferred = match;
        return;
      }
      if (match.trigger.pattern.startsWith("agree")) agreed = true;
      const limit = matches[k + 1]?.head ?? sent.tokenEnd;
      // ("I will sign a bill designating Pulse Nightclub as a national memorial": no designation coded, the promise stands)
      const promise = deferred;
      deferred = null;
      const ev = codeOne(doc, sent, match, limit, mentionOf, docLocation, ctx, discourse) ?? (promise ? codeOne(doc, sent, promise, match.head, mentionOf, docLocation, ctx, discourse) : null);
      if (!ev || sentenceEvents.some((e) => sameEvent(e, ev))) return; // "is willing to join hands … to stay committed": one promise
      // "joined a meeting with members of five caucuses … to discuss …": a meeting of some of those the sentence has already
      // met is that meeting again (and leaves the meeting its parties are taken from whole)
      if (ev.type === "CONSULT" && sentenceEvents.some((e) => partOfMeeting(ev, e))) return;
      // "We urge Russia to stop its aggression and immediately … withdraw its troops": an act with no subject of its own after
      // the speakers' request is what they asked for, however the parse hangs it, not their own act
      // (praise and blame coordinated with a request are the speakers' own: "urged Iraq to … and expressed appreciation")
      if (ev.type !== "REQUEST" && ev.type !== "SUPPORT" && ev.type !== "ACCUSE" && askedBefore(sentenceEvents, ev, roles, match.head)) return;
      sentenceEvents.push(ev);
      let coded = visitsOf(doc, ev).flatMap((e) => oneMeetingEach(doc, e, ctx.lexicon));
      // "During the respective meetings, President Halimah … discussed …": talk among the parties of meetings held one
      // with each party, in the sentences after them, is talk in each of those meetings
      const parts = discourse.lastMeetingParts;
      if (parts && ev.type === "CONSULT" && coded.length === 1 && sent.index > discourse.lastMeetingSentence && sent.index - discourse.lastMeetingSentence <= 3 && sameParties(ev, parts)) {
        const mention = ev.actor[0]?.mention ?? -1;
        coded = parts.map((part) => ({ ...ev, actor: part.map((entity) => ({ entity, mention })), recipient: [] }));
      }
      doc.events.push(...coded);
      if (isTrip(match.trigger) && ev.type === "CONSULT") trips.set(ev, coded);
      if ((ev.type === "REQUEST" || ev.type === "ACCUSE") && ev.recipient.length) discourse.lastTarget = { sentence: sent.index, parties: ev.recipient.map((p) => p.entity) };
      if (ev.type === "CONSULT" || (ev.type === "AGREE" && ev.rule !== "will")) {
        const all = [...ev.actor, ...ev.recipient];
        // (a state no mention names — a host read from the place — is not one of "the two Prime Ministers")
        // ("Prime Minister Lee met Foreign Minister Wang Yi, who is visiting Singapore": the visit to the state of someone
        // the sentence has met is that meeting's setting, not the meeting "they" refer to after it)
        const setting = sent.index === discourse.lastMeetingSentence && ev.recipient.length > 0 && ev.actor.every((p) => discourse.lastMeeting.includes(p.entity)) &&
          ev.recipient.every((p) => doc.entities[p.entity]!.kind === "state" && discourse.lastMeeting.some((e) => e !== p.entity && doc.entities[e]!.code === doc.entities[p.entity]!.code));
        if (all.length >= 2 && all.every((p) => p.mention >= 0) && !setting) {
          discourse.lastMeeting = [...new Set(all.map((p) => p.entity))];
          discourse.lastMeetingSentence = sent.index;
          discourse.lastMeetingParts = ev.type === "CONSULT" && coded.length > 1 ? coded.map((e) => [...new Set([...e.actor, ...e.recipient].map((p) => p.entity))]) : null;
          if (ev.type === "CONSULT" && !(ev.mode === null && discourse.lastMeetingEvent?.mode && partOfMeeting(ev, discourse.lastMeetingEvent))) discourse.lastMeetingEvent = ev;
        }
      }
    });
    // "travelled to Kyiv for talks with her Ukrainian counterpart": the meeting the traveller went for is the visit
    for (const [trip, coded] of trips) {
      const met = sentenceEvents.some((e) => e !== trip && e.type === "CONSULT" && !trips.has(e) && e.actor.some((a) => trip.actor.some((b) => a.entity === b.entity)));
      if (met) for (const e of coded) doc.events.splice(doc.events.lastIndexOf(e), 1);
    }
    // a demand voiced by a modal, when no trigger coded the sentence ("foreign troops should withdraw": the act is only demanded)
    if (!sentenceEvents.length) {
      const demand = shouldDemand(doc, sent, mentionOf, ctx) ?? (roles && modalDemand(doc, sent, roles, ctx)) ?? impersonalDemand(doc, sent, mentionOf, ctx);
      if (demand) doc.events.push(demand);
    }
    if (roles) for (const ev of evaluationEvents(doc, sent, roles, ctx, sentenceEvents)) doc.events.push(ev);
    const threat = roles && announcedConsequence(doc, sent, roles, ctx, sentenceEvents);
    if (threat) doc.events.push(threat);
    const hoped = roles && hopedRequest(doc, sent, roles, ctx, sentenceEvents);
    if (hoped) doc.events.push(hoped);
    const last = doc.events[doc.events.length - 1];
    if (last?.sentence === sent.index) discourse.lastAct = last;
  }
  const gathered = gathering && gatheringEvent(doc, gathering, mentionOf);
  if (gathered) {
    doc.events.push(gathered);
    doc.events.sort((a, b) => a.sentence - b.sentence || a.trigger.start - b.trigger.start);
  }
}

function findTriggers(doc: Doc, sent: Sentence, lex: Lexicon, mentionOf: Int32Array, roles: TreeRoles | null): TriggerMatch[] {
  const { tokens } = doc;
  const out: TriggerMatch[] = [];
  for (let t = sent.tokenStart; t < sent.tokenEnd; t++) {
    if (mentionOf[t]! >= 0) continue;
    const cands = lex.headedBy(tokens, t);
    if (!cands) continue;
    // the longest pattern that fits; of equally long ones, the one whose words stand closest, as a verb's
    // object does ("expressed appreciation for Qatar's support": "express * appreciation", not "… * support")
    let best: TriggerMatch | null = null;
    for (const trig of cands) {
      if (best && trig.rest.length < best.trigger.rest.length) break;
      if (!posFits(trig, tokens, t)) continue;
      const end = matchRest(doc.tokens, t + 1, sent.tokenEnd, trig.rest);
      if (end < 0) continue;
      // ("Otherwise, China will have to take countermeasures": a threat needs no promise verb)
      if (trig.pos === "AUX" && !lex.promisesAct(tokens, t, sent.tokenEnd) && !statesConsequence(doc, sent)) continue;
      // ("would" states an intention only as the future of what someone said: "Australia would double its aid, he said";
      // not a wish or a guess, "said China would like to play a role", "I would imagine", nor a spoken "I'd")
      if (trig.pattern === "would" && (tokens.lower[t] !== "would" || !(roles && roles.tree.parsed(t) && reportedClause(doc, roles.tree, roles.tree.head(t), lex)) || WISHES.has(tokens.lemma[roles.tree.head(t)]!))) continue;
      // "committed war crimes", "meet the demand", "received a grant": another sense of the word
      const senses = lex.otherSenses.get(trig.pattern);
      if (senses && roles && senses.some((s) => roles.hasDependent(t, s.relation, s.lemmas))) continue;
      if (!best || end < best.end) best = { trigger: trig, head: t, end };
    }
    if (best) {
      out.push(best);
      t = best.end - 1;
    }
  }
  return out;
}

/** Verbs whose gerund is what ends: "stop criticizing", "cease attacking". */
const STOPPING = new Set(["stop", "cease", "quit", "halt", "end", "refrain", "desist"]);

/** Words that take an infinitive as their complement: "willingness to", "plan to". */
const GOVERNING_NOUNS = new Set(["willingness", "readiness", "commitment", "plan", "plans", "decision", "intention", "agreement", "opportunity", "chance", "need", "desire", "ability", "way", "ways", "invitation", "call", "calls", "determination", "resolve", "pledge", "promise", "proposal", "bid", "attempt", "right", "forward"]);

/**
 * Whether a trigger is the complement of another word and so not an event of
 * its own: an infinitive after a verb, adjective or governing noun ("agreed to
 * meet", "ready to host", "willingness to work"), or a gerund after a
 * preposition ("thanked China for supporting …"). "would like to thank" is not.
 */
function complementOf(doc: Doc, sent: Sentence, match: TriggerMatch, lexicon: Lexicon): "no" | "infinitive" | "gerund" {
  const { tokens } = doc;
  const head = match.head;
  if (head <= sent.tokenStart) return "no";
  const prev = tokens.lower[head - 1]!;
  if (match.trigger.pos === "VERB" && /ing$/.test(tokens.lower[head]!)) {
    if (tokens.pos[head - 1] === "ADP" || tokens.pos[head - 1] === "VERB" || tokens.pos[head - 1] === "DET" || GERUND_PREPOSITIONS.has(prev)) return "gerund";
    // "urge the relevant countries to stop wantonly criticizing China": what someone is to stop doing, past its adverbs
    const b = skipAdverbs(tokens, sent, head - 1);
    if (b < head - 1 && STOPPING.has(tokens.lemma[b]!)) return "gerund";
    if (["its", "their", "his", "her", "our", "'s", "the"].includes(prev)) return "gerund";
  }
  // "to publicly congratulate": an adverb may split the infinitive
  const toAt = prev === "to" ? head - 1 : tokens.pos[head - 1] === "ADV" && tokens.lower[head - 2] === "to" ? head - 2 : -1;
  if (toAt < 0) return "no";
  const before = toAt - 1;
  if (before < sent.tokenStart) return "no";
  // "plans to visit", "is due to meet": the act itself, announced (codeOne makes it an intention)
  if (toAt === head - 1 && scheduledAt(doc, sent, before, lexicon)) return "no";
  const w = tokens.lower[before]!;
  if (tokens.pos[before] === "VERB" && IMPLICATIVE.has(tokens.lemma[before]!)) return "no";
  if (WANTING.has(w)) return "no";
  const pos = tokens.pos[before];
  if (pos === "VERB" || pos === "AUX" || pos === "ADJ" || pos === "ADV" || GOVERNING_NOUNS.has(w)) return "infinitive";
  // "called on the DPRK to accept …", "urged both sides to resume talks": what the request asks, not an act of its own
  for (let t = before; t >= Math.max(sent.tokenStart, before - 10); t--) {
    if (/^[;:.]$/.test(tokens.lower[t]!)) break;
    if (tokens.pos[t] === "VERB" || tokens.pos[t] === "AUX") {
      if (OBJECT_CONTROL.has(tokens.lemma[t]!)) return "infinitive";
      break;
    }
  }
  return "no";
}

/**
 * Whether the trigger at `head` is inside what a verb of discussion takes as its topic: "discussed ongoing efforts to
 * impose sanctions on Russia", "reviewed the Government's work to prevent trafficking, prosecute perpetrators …",
 * "explored how to deliver aid". Climbs from the trigger through the words its clause hangs on (a noun's infinitive, an
 * object, a conjunct, a nominal modifier) to the verb whose object or complement holds it; an act coordinated with the
 * discussion ("discussed the war and condemned Russia's attacks") or said in a clause of its own is no topic.
 */
function discussedTopic(doc: Doc, tree: Tree, head: number, lexicon: Lexicon): boolean {
  let t = head;
  for (let depth = 0; depth < 6; depth++) {
    const h = tree.head(t);
    if (h < 0) return false;
    const rel = tree.relation(t);
    if (lexicon.topicVerbs.has(doc.tokens.lemma[h]!) && tree.upos(h) === "VERB") return rel === "obj" || rel === "xcomp" || rel === "ccomp" || tree.is(t, "obl");
    // what a call or meeting is "on" or "about": "spoke by phone with Foreign Minister Rau on coordinated efforts to
    // provide … support to Ukraine"
    if (tree.is(t, "obl") && TOPIC_CASES.has(tree.caseOf(t)) && tree.upos(h) === "VERB" && lexicon.headedBy(doc.tokens, h)?.some((tr) => tr.type === "CONSULT")) return true;
    if (!(rel === "acl" || rel === "xcomp" || rel === "obj" || rel === "nmod" || tree.is(t, "nmod") || rel === "conj" || rel === "ccomp")) return false;
    t = h;
  }
  return false;
}

/** Prepositions that introduce what a meeting or call is about. */
const TOPIC_CASES = new Set(["on", "about", "regarding", "concerning"]);

/**
 * Verbs whose "to"-complement is the act itself, done by their subject: "decided to withdraw", "went on to visit",
 * and the aspectual "continue" and "resume" ("will continue to support Georgia" is support, promised).
 */
const IMPLICATIVE = new Set(["decide", "choose", "proceed", "manage", "elect", "opt", "continue", "resume"]);

/** Verbs of wanting: "would like to thank", "wish to congratulate". */
const WANTING = new Set(["like", "love", "wish", "want"]);

/** Types of acts done in saying them: thanks, blame, a request, a refusal. */
const SPOKEN = new Set(["SUPPORT", "ACCUSE", "REQUEST", "REJECT"]);

/** Verbs after "would" that state a wish or a guess, not what one will do ("would like to", "would imagine"). */
const WISHES = new Set(["like", "love", "prefer", "imagine", "think", "guess", "suppose", "expect", "hope", "say", "argue"]);

/** Verbs whose "that" clause is what they demand, not something done ("demanded that Russia withdraw"). */
const DEMANDING = new Set(["demand", "urge", "ask", "request", "insist", "require", "appeal"]);

/** Verbs whose object is asked or brought to do the infinitive that follows ("urged X to …"). */
const OBJECT_CONTROL = new Set(["urge", "ask", "call", "encourage", "request", "press", "appeal", "help", "allow", "enable", "persuade", "force", "push", "want", "need", "expect", "tell", "remind", "advise", "challenge", "pressure", "convince", "demand", "implore", "exhort", "invite", "require", "compel", "cause", "lead", "get"]);

/** Pronouns that open a clause of their own as its subject ("…, where she will meet"). */
const PERSONAL_SUBJECTS = new Set(["i", "we", "you", "he", "she", "it", "they"]);

/**
 * A visit to several states is one visit to each ("traveled to Nigeria, Equatorial Guinea, and Mauritania"): the hosts
 * of one trip do not meet one another by it. Any other event is itself.
 */
function visitsOf(doc: Doc, ev: CodedEvent): CodedEvent[] {
  if (ev.type !== "CONSULT" || ev.mode !== "visit" || ev.recipient.length < 2) return [ev];
  const codes = ev.recipient.map((p) => doc.entities[p.entity]!);
  if (!codes.every((e) => e.kind === "state") || new Set(codes.map((e) => e.code)).size !== codes.length) return [ev];
  return ev.recipient.map((p) => ({ ...ev, recipient: [p] }));
}

/**
 * Meetings held one with each party: "had separate meetings with A and B", "held bilateral talks with A, B and C",
 * "A and B met separately with C" (a word of data/lexicon/separate-words.txt inside the trigger, an adjective before a
 * meeting noun in the plural or an adverb): one CONSULT for each party of the side that names several, so that A and B
 * are not coded as meeting each other. A meeting with no host has all its parties as actors: those named before the
 * trigger are one side, those after it the other.
 */
function oneMeetingEach(doc: Doc, ev: CodedEvent, lexicon: Lexicon): CodedEvent[] {
  if (ev.type !== "CONSULT" || ev.actor.length + ev.recipient.length < 3 || !separateMeetings(doc, ev, lexicon)) return [ev];
  if (ev.recipient.length) {
    if (ev.recipient.length >= 2) return ev.recipient.map((p) => ({ ...ev, recipient: [p] }));
    return ev.actor.map((p) => ({ ...ev, actor: [p] }));
  }
  if (ev.actor.some((p) => p.mention < 0)) return [ev];
  const before = ev.actor.filter((p) => doc.mentions[p.mention]!.end <= ev.trigger.start);
  const after = ev.actor.filter((p) => doc.mentions[p.mention]!.end > ev.trigger.start);
  if (!before.length || !after.length) return [ev];
  if (after.length >= 2) return after.map((p) => ({ ...ev, actor: [...before, p] }));
  return before.map((p) => ({ ...ev, actor: [p, ...after] }));
}

/** Whether an event's parties are exactly those of the meetings `parts` lists, all together. */
function sameParties(ev: CodedEvent, parts: number[][]): boolean {
  const mine = new Set([...ev.actor, ...ev.recipient].map((p) => p.entity));
  const theirs = new Set(parts.flat());
  return mine.size === theirs.size && [...mine].every((e) => theirs.has(e));
}

/** Whether the trigger of a meeting says its meetings were one with each party ("separate meetings", "met separately"). */
function separateMeetings(doc: Doc, ev: CodedEvent, lexicon: Lexicon): boolean {
  const { tokens } = doc;
  const sent = doc.sentences[ev.sentence]!;
  for (let t = sent.tokenStart; t < sent.tokenEnd && tokens.start[t]! < ev.trigger.end; t++) {
    if (tokens.start[t]! < ev.trigger.start || !lexicon.separateWords.has(tokens.lower[t]!)) continue;
    // ("a bilateral meeting with the Prime Minister and his delegation" is one meeting)
    if (tokens.pos[t] === "ADV" || (tokens.pos[t + 1] === "NOUN" && tokens.lemma[t + 1] !== tokens.lower[t + 1])) return true;
  }
  return false;
}

/** "The leaders will mark … and discuss …": the "will" earlier in the clause, with no new subject between (its token, or -1). */
function governingWill(doc: Doc, sent: Sentence, head: number, mentionOf: Int32Array): number {
  const { tokens } = doc;
  for (let t = head - 1; t >= sent.tokenStart; t--) {
    const w = tokens.lower[t]!;
    if (FUTURE.has(w)) return t;
    if (w === ";" || w === "that" || w === "which" || w === "who" || w === "where" || w === "when" || w === "while" || w === "but") return -1;
    // "…, she will meet": a pronoun subject of its own
    if (tokens.pos[t] === "PRON" && PERSONAL_SUBJECTS.has(w) && (tokens.pos[t + 1] === "VERB" || tokens.pos[t + 1] === "AUX")) return -1;
    if (mentionOf[t]! >= 0 && !doc.mentions[mentionOf[t]!]!.possessive && tokens.pos[t - 1] !== "ADP") {
      // a subject of its own stands between
      const m = doc.mentions[mentionOf[t]!]!;
      const next = tokens.pos[m.tokenEnd] ?? "";
      if (next === "VERB" || next === "AUX") return -1;
    }
  }
  return -1;
}

/**
 * The place "in" which the subject is "for" the visit noun at `head` ("is in Hong Kong for a working visit from 29 May"):
 * the state mention after "in", with only "for", an article and adjectives between it and the noun.
 */
function visitedPlace(doc: Doc, sent: Sentence, head: number, mentionOf: Int32Array): Mention[] {
  const { tokens } = doc;
  let t = head - 1;
  while (t > sent.tokenStart && /^(ADJ|DET)$/.test(tokens.pos[t]!)) t--;
  if (tokens.lower[t] !== "for") return [];
  const m = mentionOf[t - 1]! >= 0 ? doc.mentions[mentionOf[t - 1]!]! : null;
  if (!m || tokens.lower[m.tokenStart - 1] !== "in" || m.entity < 0 || doc.entities[m.entity]!.kind !== "state") return [];
  return [m];
}

/** "We hope the two sides will stay committed": a wish about others, not an action. */
function hopedFor(doc: Doc, sent: Sentence, head: number): boolean {
  for (let t = head - 1; t >= Math.max(sent.tokenStart, head - 12); t--) {
    const l = doc.tokens.lemma[t]!;
    if (HOPING.has(l)) return doc.tokens.pos[t] === "VERB";
    if (doc.tokens.lower[t] === ";" || doc.tokens.lower[t] === ".") return false;
  }
  return false;
}

/**
 * Whether the act at `head` is what a verb of hoping governs however far it stands, through conjuncts and complements:
 * "We hope Australia will view its cooperation with China in an objective manner, cherish the outcomes and …" (a
 * hope of the speaker's, coded as a request by hopedRequest, not an act of Australia's).
 */
function hopedInTree(doc: Doc, tree: Tree, head: number): boolean {
  let t = head;
  for (let depth = 0; depth < 5; depth++) {
    const h = tree.head(t);
    if (h < 0) return false;
    const rel = tree.relation(t);
    if (rel !== "conj" && rel !== "ccomp" && rel !== "xcomp") return false;
    if (rel !== "conj" && HOPING.has(doc.tokens.lemma[h]!) && tree.upos(h) === "VERB") return true;
    t = h;
  }
  return false;
}

/** Verbs whose complement is hoped for, not done (as hopedFor reads them). */
const HOPING = new Set(["hope", "wish", "expect"]);

const BE_FORMS = new Set(["is", "are", "was", "were", "'s", "be"]);

/** Whether the words ending at t (before "to") announce what follows as planned: "plans", "is due", "was also scheduled", "was". */
function scheduledAt(doc: Doc, sent: Sentence, t: number, lexicon: Lexicon): boolean {
  const l = doc.tokens.lower;
  t = skipAdverbs(doc.tokens, sent, t); // "was also scheduled to"
  if (t < sent.tokenStart) return false;
  // "Beijing was to host the talks", "he is to attend": a form of "be" right after its subject
  // (not "our top priority is to understand", "Russia is to blame")
  if (BE_FORMS.has(l[t]!)) return l[t] !== "be" && /^(PROPN|PRON)$/.test(doc.tokens.pos[t - 1] ?? "") && doc.tokens.lemma[t + 2] !== "blame";
  if (!lexicon.scheduleWords.has(l[t]!)) return false;
  if (/^(plan|intend)/.test(l[t]!)) return true; // "plans to", "intended to" (a noun too: "his plans to visit")
  // "is due to", "was set to", "is going to": after a form of "be"
  return BE_FORMS.has(l[skipAdverbs(doc.tokens, sent, t - 1)] ?? "");
}

/** Words of a relationship between two sides: "bilateral relations", "our two countries", "both nations". */
const TWO_SIDED = /\b(?:bilateral (?:relations|ties|relationship|cooperation|partnership|friendship)|(?:our|both|the two|our two) (?:countries|nations))\b/i;

/**
 * The state on the other side of a two-sided relationship that actors of one side act on: the other party's
 * of the meeting being reported (within five sentences), else that of the nearest state, person or organization
 * of a state that the sentence names before the trigger or the two sentences before it name, not the actors' own.
 */
function counterpart(doc: Doc, sent: Sentence, head: number, actors: readonly EventParticipant[], discourse: Discourse, kb: KnowledgeBase): string | null {
  const codes = new Set(actors.map((p) => doc.entities[p.entity]!.code));
  if (codes.size !== 1 || codes.has(null)) return null;
  const other = (entity: number) => {
    const e = doc.entities[entity]!;
    return e.kind !== "group" && !!e.code && !codes.has(e.code) && kb.states.has(e.code);
  };
  if (discourse.lastMeeting.length && sent.index - discourse.lastMeetingSentence <= 5) {
    const met = new Set(discourse.lastMeeting.filter(other).map((e) => doc.entities[e]!.code));
    if (met.size === 1 && discourse.lastMeeting.some((e) => codes.has(doc.entities[e]!.code))) return [...met][0]!;
  }
  for (let i = doc.mentions.length - 1; i >= 0; i--) {
    const m = doc.mentions[i]!;
    if (m.sentence > sent.index || (m.sentence === sent.index && m.tokenStart >= head)) continue;
    if (m.sentence < sent.index - 2) break;
    if (m.entity >= 0 && other(m.entity)) return doc.entities[m.entity]!.code;
  }
  return null;
}

/**
 * Whether a mention is the verb's subject itself (its words hold the subject the parse gives the verb), not a
 * participant inside the subject's phrase nor another clause's subject ("North Korea's malicious cyber activities
 * threaten the United States"; "The United States and the ROK oppose all activities that threaten the order").
 */
function namesSubject(doc: Doc, tree: Tree, m: Mention, verb: number): boolean {
  const s = tree.parsed(verb) ? tree.subjectOf(verb) : null;
  if (!s) return false;
  const at = doc.tokens.start[s.token]!;
  return at >= m.fullStart && at < m.fullEnd;
}

/** Whether a participant is an armed force or its weapons: its phrase or its entity's name ends in a word of armed-actors.txt. */
function armedActor(doc: Doc, m: Mention, lexicon: Lexicon, kb: KnowledgeBase): boolean {
  if (lexicon.armedWords.has(doc.tokens.lower[m.tokenEnd - 1]!)) return true;
  const e = m.entity >= 0 ? doc.entities[m.entity]! : null;
  // a named armed group or force ("Hamas", "the Tatmadaw", "the IRGC")
  if (e?.kind === "org" && e.kbKey && kb.orgs.get(e.kbKey)?.sector === "armed") return true;
  return !!e?.name && lexicon.armedWords.has(lastWordOf(e.name));
}

function previousVerb(doc: Doc, sent: Sentence, from: number): number {
  for (let v = from - 1; v >= sent.tokenStart; v--) if (doc.tokens.pos[v] === "VERB") return v;
  return -1;
}

function codeOne(
  doc: Doc,
  sent: Sentence,
  match: TriggerMatch,
  limit: number,
  mentionOf: Int32Array,
  docLocation: string | null,
  ctx: CoderContext,
  discourse: Discourse,
): CodedEvent | null {
  const { tokens } = doc;
  const { trigger, head } = match;
  const lower = tokens.lower;
  let type = trigger.type;
  let mode = trigger.mode;

  // "As agreed by China and the European side, Premier Li will travel …", "as announced earlier": a reference to what was
  // settled before, not an act of its own
  if (trigger.pos === "VERB" && lower[head - 1] === "as" && discourse.roles?.tree.parsed(head) && discourse.roles.tree.xpos(head) === "VBN" && discourse.roles.tree.markOf(head) === "as") return null;

  // what stands before the trigger: negation, modality, infinitive, gerund after a preposition
  let future = false;
  let refused = false;
  for (let t = head - 1; t >= Math.max(sent.tokenStart, head - 4); t--) {
    const w = lower[t]!;
    if (NEGATORS.has(w)) {
      // "will not accept", "did not agree": acceptance refused is a rejection (PLOVER REJECT)
      // "will not attend the conference", "won't be meeting with X": a meeting or visit refused in advance (CAMEO 125);
      // not "people he wouldn't otherwise meet" (a relative clause), "will not be received" (the passive), "won't discuss"
      const meetingRefused =
        type === "CONSULT" &&
        (trigger.mode === "multilateral" || (trigger.mode === "visit" && trigger.roles !== "host") || tokens.lemma[head] === "meet") &&
        t - 1 >= sent.tokenStart &&
        /^(will|would|wo|shall)$/.test(lower[t - 1]!) &&
        (t === head - 1 || (lower[head - 1] === "be" && /ing$/.test(lower[head]!))) &&
        discourse.roles?.tree.relation(head) !== "acl:relcl";
      if (!meetingRefused && (type !== "AGREE" || !ACCEPTING.has(tokens.lemma[head]!) || !refusal(doc, sent, t, head))) return null;
      type = "REJECT";
      mode = meetingRefused ? "meet" : null;
      refused = true;
      break;
    }
    if (HYPOTHETICAL.has(w)) {
      if (w === "would" && (lower[t + 1] === "like" || lower[t + 1] === "love")) break;
      // "Reagan said the United States would offer a draft treaty": reported speech's future, not a hypothesis
      if (w === "would" && discourse.roles && reportedClause(doc, discourse.roles.tree, head, ctx.lexicon)) {
        future = true;
        continue;
      }
      return null;
    }
    if (FUTURE.has(w)) future = true;
    if (w === "always" || w === "long") return null;
    // "we have consistently urged Serbia …", "China has all along encouraged …": a record of what was done before, not an
    // act the text reports ("China consistently opposes …", said now, is its stance voiced now)
    if ((w === "consistently" || w === "invariably" || (w === "along" && lower[t - 1] === "all")) && perfectBefore(doc, sent, w === "along" ? t - 1 : t)) return null;
    // "have previously designated Maria Zakharova", "previously allocated $10 million": an act recalled
    if (w === "previously") return null;
    if (!SKIPPABLE.has(w) && tokens.pos[t] !== "ADV") break;
  }
  const prev = lower[head - 1];
  if (standingSince(tokens, sent, head)) return null;
  // "Three years ago today, … an ISIS terrorist killed 13 American servicemembers", "In 2019, …": a time phrase that
  // opens the sentence dates all it reports, however the parse hangs it
  if (frontedPast(doc, sent, head)) return null;
  // "When Putin launched his brutal war …, he thought …", "When we imposed sanctions on Russia …, …": a past act in a
  // "when" clause before the main clause is the time the sentence speaks of, recalled, not reported
  if (trigger.pos === "VERB" && discourse.roles?.tree.parsed(head) && recalledWhen(doc, discourse.roles.tree, head)) return null;
  // "Since Russia launched its full-scale invasion, we have committed …": the act a time is reckoned from, recalled
  if (discourse.roles?.tree.parsed(head) && sinceTime(discourse.roles.tree, head)) return null;
  // "Trevor Reed, who is wrongfully detained in Russia", "Morad Tahbaz, a U.S. citizen unjustly detained in Iran": a
  // detention said of someone in passing is the state they are in, not an act the text reports (unless the clause
  // dates it: "who was arrested on Monday")
  if (trigger.type === "COERCE" && discourse.roles && describedState(doc, discourse.roles.tree, head)) return null;
  // "families who feel threatened", "seemed isolated": a participle after a verb of seeming describes a state, no act
  if (trigger.pos === "VERB" && /ed$/.test(lower[head]!) && !STATIVE.has(lower[head]!)) {
    const t = skipAdverbs(tokens, sent, head - 1);
    if (/^(feel|seem|appear|look|become|get|grow|remain|stay)$/.test(tokens.lemma[t] ?? "") && t < head) return null;
  }
  // (without a parse, a sentence opening with a condition is all condition)
  if (!discourse.roles?.tree.parsed(head) && /^(if|unless|whether)$/.test(lower[sent.tokenStart]!)) return null;
  // "pushed Cuba to improve", "advise some media to respect": a request whose pattern ends in an infinitive's "to" needs
  // its verb (not "pushing for special waivers to continue", "pushes the bill in relation to")
  if (type === "REQUEST" && trigger.rest.length > 1 && trigger.rest[trigger.rest.length - 1] === "to" && (tokens.pos[match.end] !== "VERB" || lower[head + 1] === "for")) return null;
  // "Asked whether Comecon would accept …, he replied", "asked China about the incident": a question, not a request
  if (type === "REQUEST" && tokens.lemma[head] === "ask" && discourse.roles?.tree.parsed(head) && asksQuestion(doc, discourse.roles.tree, head)) return null;
  // "Prime Minister-designate", "the Chinese-hosted talks": a verb glued to a word by a hyphen is part of that word
  // ("test-fired", "co-hosted", "re-elected" are verbs with a prefix)
  if (trigger.pos === "VERB" && tokens.text[head - 1] === "-" && tokens.end[head - 1] === tokens.start[head] && tokens.end[head - 2] === tokens.start[head - 1] && !VERB_PREFIXES.has(lower[head - 2]!)) return null;
  // "Thank you, Ned": a courtesy of speech, not an act toward anyone
  if (trigger.pattern === "thank" && lower[match.end] === "you") return null;
  // "signs off on", "called off": a particle that changes the verb
  if (trigger.pos === "VERB" && lower[head + 1] === "off") return null;
  // "a virtual convening this fall", "the next convening": a verb's -ing form the parse reads as a noun names no act
  if (trigger.pos === "VERB" && /ing$/.test(lower[head]!) && discourse.roles?.tree.parsed(head) && discourse.roles.tree.upos(head) === "NOUN") return null;
  if (discourse.roles?.tree.parsed(head) && noActOfItsOwn(doc, discourse.roles.tree, trigger, head)) return null;
  if (conditionOpening(doc, sent, head)) return null;
  if (discourse.roles?.tree.parsed(head) && discussedTopic(doc, discourse.roles.tree, head, ctx.lexicon)) return null;
  if (!future && !refused) future = governingWill(doc, sent, head, mentionOf) >= 0; // ("will not accept" refuses now)
  if (hopedFor(doc, sent, head) || (discourse.roles?.tree.parsed(head) && hopedInTree(doc, discourse.roles.tree, head))) return null;
  // a purpose clause ("met with the Armed Forces to express appreciation"): the main verb's subject acts
  // (only after a meeting verb: "provided funding to support Ukraine" is no event of its own)
  // ("decided to withdraw the request": the decision is the act itself, done by the deciding subject)
  // "plans to visit", "is due to visit", "was to meet": an act announced as planned is a stated intention
  const planned = prev === "to" && scheduledAt(doc, sent, head - 2, ctx.lexicon);
  if (planned) future = true;
  // "discussed our collective efforts to hold Russia accountable": an infinitive that says what a noun is for is an
  // act of its own, not a purpose clause of the verb before it
  const infinitiveOf = prev === "to" && trigger.pos === "VERB" && discourse.roles?.tree.parsed(head) && discourse.roles.tree.relation(head) === "acl" ? discourse.roles.tree.head(head) : -1;
  const ofNoun = infinitiveOf >= 0 && ctx.lexicon.effortNouns.has(lower[infinitiveOf]!) ? infinitiveOf : -1;
  const before = prev === "to" && !planned && ofNoun < 0 ? previousVerb(doc, sent, head - 1) : -1;
  // ("would like to thank", "wish to congratulate", "want to urge": an act of speech done in saying it, no purpose of
  // another act; "would like to meet" is no meeting)
  const performed = before === head - 2 && WANTING.has(lower[before]!) && SPOKEN.has(type);
  const implicative = before >= 0 && before === head - 2 && (IMPLICATIVE.has(tokens.lemma[before]!) || performed);
  const purpose = implicative ? -1 : before;
  if (purpose >= 0 && !MEETING_VERBS.has(tokens.lemma[purpose]!)) return null;

  // passive: "was welcomed by X"
  // ("are committed to", "is opposed to" is a state of the subject, not a passive; "will be opposed by all Chinese people" is one)
  let beAt = head - 1;
  while (beAt > sent.tokenStart && tokens.pos[beAt] === "ADV") beAt--; // "is now endorsed by"
  const passive =
    trigger.pos === "VERB" &&
    /ed$/.test(lower[head]!) &&
    ["was", "were", "been", "be", "being", "is", "are", "'re", "’re"].includes(lower[beAt] ?? "") &&
    (!STATIVE.has(lower[head]!) || lower[head + 1] === "by");

  let actorMentions: Mention[];
  let objectMentions: Mention[];
  if (trigger.roles === "inviter") {
    // "at the invitation of President Halimah", "at President Halimah's invitation": the host invites the sentence's subject
    // "conveyed an invitation from Prime Minister Lee for CE-elect Lee to visit Singapore"
    const owner = possessorOf(doc, head, sent, mentionOf);
    const from = doc.tokens.lower[match.end] === "from" ? match.end + 1 : match.end;
    // ("At the invitation of State Councilor and Foreign Minister Wang Yi, Deputy Prime Minister and Minister of Foreign
    // Affairs of New Zealand Winston Peters will …": the inviters end at the comma that ends the opening phrase, and the
    // guests stand after it)
    const opening = invitationPhraseEnd(doc, sent);
    const fronted = head < opening ? opening : -1;
    actorMentions = owner ? [owner] : mentionsFrom(doc, from, fronted >= 0 ? fronted : limit, mentionOf);
    const forAt = fronted >= 0 ? -1 : findWord(doc, from, Math.min(limit, from + 12), "for");
    objectMentions = forAt >= 0 ? mentionsFrom(doc, forAt + 1, limit, mentionOf) : [];
    if (!objectMentions.length) objectMentions = mainSubject(doc, sent, mentionOf).filter((m) => m.tokenStart > fronted);
    if (!objectMentions.length && fronted >= 0) objectMentions = mentionsFrom(doc, fronted + 1, nextVerb(doc, fronted + 1, sent.tokenEnd), mentionOf);
    if (!actorMentions.length || !objectMentions.length) return null;
  } else if (trigger.pos === "NOUN") {
    // "discussed the upcoming visit to Washington": a visit still to come is no meeting yet
    // "Biden, whose 2010 visit to Israel …", "Kerry's last visit to Israel", "during Mandela's visit to Singapore in 1997":
    // a meeting or visit of an earlier time is background (CODING.md)
    const storyYear = Number(doc.source.meta.storyDate?.slice(0, 4) ?? NaN);
    for (let t = head - 1; t >= Math.max(sent.tokenStart, head - 4); t--) {
      if (/^(upcoming|forthcoming|planned|proposed|possible|potential|future|prospective|next)$/.test(lower[t]!)) return null;
      if (/^(last|previous|earlier|past|former)$/.test(lower[t]!) || (/^(19|20)\d\d$/.test(lower[t]!) && Number(lower[t]) < storyYear)) return null;
      if (!/^(ADJ|DET|PROPN|NOUN|NUM|PART)$/.test(tokens.pos[t]!) && lower[t] !== "'s" && lower[t] !== "’s") break;
    }
    if (trigger.roles !== "nominal" && discourse.roles?.tree.parsed(head) && recallsPast(phraseText(doc, discourse.roles.tree, head, CLAUSES_OR_CONJUNCTS), doc.source.meta.storyDate)) return null;
    if (trigger.roles === "nominal") {
      // "the United States' attack on an Iranian oil platform on Monday", "an Iranian missile attack on a
      // Kuwaiti ship last Friday": an act named by a noun, its doer in its own phrase
      const nominal = discourse.roles ? nominalEvent(doc, discourse.roles, sent, head, trigger, ctx) : null;
      if (!nominal) return null;
      actorMentions = nominal.actor;
      objectMentions = nominal.recipient;
    } else if (trigger.roles === "held") {
      // "The 22nd China-Philippines diplomatic consultation was held in Manila", "Talks between the EC and Comecon
      // took place …": the meeting's parties are those its own phrase names, before the noun and up to the verb
      const verb = match.end - 1;
      actorMentions = heldMeetingParties(doc, sent, head, verb, mentionOf);
      if (new Set(actorMentions.map((m) => m.entity)).size < 2) return null;
      objectMentions = [];
      // "will be held", "to be held": announced; "was held … in September 2018": background
      for (let t = head + 1; t < verb; t++) if (/^(will|shall|would|to)$/.test(lower[t]!)) future = true;
      if (discourse.roles?.tree.parsed(verb) && datedEarlier(doc, discourse.roles.tree, verb)) return null;
    } else {
      // "In his meeting with X", "X's talks with Y"
      const owner = possessorOf(doc, head, sent, mentionOf);
      // (the one present "for" the visit is the subject of the clause it stands in: "Modi arrived in Rwanda for a visit")
      const present = trigger.roles === "present" ? discourse.roles?.nounActor(sent, head) : null;
      actorMentions = owner ? [owner] : present ?? subjectOf(doc, sent, head, mentionOf);
      if (!actorMentions.length) actorMentions = mainSubject(doc, sent, mentionOf); // "Mai is on an Official Visit to Singapore"
      // "talks with X", "a visit to X"
      // ("Senior Minister Teo is in Hong Kong for a working visit": a visit the subject is somewhere "for" is to that place)
      objectMentions =
        trigger.roles === "present" ? visitedPlace(doc, sent, head, mentionOf)
        : trigger.roles === "object" ? objectOf(doc, match.end, limit, mentionOf)
        : afterWith(doc, match.end - 1, limit, mentionOf);
      if (!objectMentions.length) return null;
    }
  } else if (passive) {
    // ("was joined by X": the pattern's own "by")
    const byAt = lower[match.end - 1] === "by" ? match.end - 1 : findWord(doc, match.end, limit, "by");
    actorMentions = byAt >= 0 ? mentionsFrom(doc, byAt + 1, limit, mentionOf) : [];
    // the one it was done to is the passive's subject; where the parse names one that is no participant ("VOA reported that a
    // North Korean defector … was arrested by Russia"), no one else nearby is
    // (the parse's one passive subject, a noun and no time: it reads "Later this evening, President Halimah will be hosted"
    // with "evening" as a second subject)
    const tree = discourse.roles?.tree;
    const undergoers = tree?.parsed(head) ? tree.children(head, "nsubj:pass") : [];
    const undergoer = undergoers.length === 1 && tree!.upos(undergoers[0]!) === "NOUN" && !TIME_NOUNS.test(lower[undergoers[0]!]!) ? undergoers[0]! : -1;
    // ("thousands of Ethiopians": the phrase's own participants; "a North Korean defector": the state its modifier names)
    objectMentions =
      undergoer >= 0
        ? ((tree!.subjectOf(head)?.token === undergoer ? discourse.roles!.subject(sent, head) : null) ?? discourse.roles!.owner(undergoer) ?? [])
        : subjectOf(doc, sent, beAt, mentionOf, 0, false);
    // "We are encouraged by the progress made in the talks", "he is encouraged that …": a feeling of the subject, not a
    // request made of it; heartened by someone's doing is praise of them (PLOVER SUPPORT)
    if (lower[head] === "encouraged" || lower[head] === "heartened") {
      if (lower[match.end] !== "by") return null;
      [actorMentions, objectMentions] = [objectMentions, mentionsFrom(doc, match.end + 1, limit, mentionOf)];
      type = "SUPPORT";
      mode = null;
    }
  } else {
    // the parse first: the subject the verb has or inherits, its object or "with" phrase;
    // the words around the trigger where the parse names no participant
    const roles = trigger.pos === "VERB" ? discourse.roles : null;
    const verb = purpose >= 0 ? purpose : head;
    // (a relative clause's subject is the noun it hangs on: "activities that threaten the order" has no actor when that
    // noun names no participant, whoever the sentence's subject is)
    const relative = roles?.tree.parsed(verb) && /^acl/.test(roles.tree.relation(verb)) && !roles.tree.passive(verb);
    // a passive the words did not show ("Americans unjustly detained by Russia", "has since been detained by"):
    // its agent acts on its subject; one with no agent names no actor ("are committed to" is a state, not a passive)
    const undergone = roles && verb === head && !STATIVE.has(lower[head]!) ? roles.passive(sent, verb) : null;
    if (undergone) {
      actorMentions = undergone.agent;
      objectMentions = undergone.undergoer;
    } else {
      actorMentions = (ofNoun >= 0 ? roles?.nounActor(sent, ofNoun) : roles?.subject(sent, verb)) || (relative ? [] : subjectOf(doc, sent, verb, mentionOf, 0, trigger.pos !== "AUX"));
      // (where the parse's subject is a collective no state owns, the words may name its state inside its own phrase — "the
      // police of Luohu District, Shenzhen" — but no one outside it: "reports that security forces have fired on these
      // protesters" is no act of the "we" who follow the reports)
      const subject = roles?.tree.parsed(verb) ? (roles.tree.subjectOf(verb)?.token ?? -1) : -1;
      const named = subject >= 0 && mentionOf[subject]! >= 0 ? doc.mentions[mentionOf[subject]!]! : null;
      if (named && named.type === "collective" && named.entity < 0) {
        const [from, to] = roles!.tree.span(subject);
        actorMentions = actorMentions.filter((m) => m.tokenStart >= from && m.tokenEnd <= to + 1);
      }
      // the trigger's frame, when the lexicon gives one, says where its recipient is ("made representations to the US side")
      // (a pattern that ends in the object's predicate holds the object: "hold Russia accountable")
      const inside = trigger.rest[0] === "*" && tokens.pos[match.end - 1] === "ADJ" ? mentionsFrom(doc, head + 1, match.end - 1, mentionOf) : [];
      const framed = inside.length ? inside : roles && trigger.frame.length ? roles.byFrame(sent, head, match.end - 1, trigger.frame, match.end, trigger.type === "REQUEST") : null;
      if (framed) objectMentions = framed;
      else if (trigger.roles === "with" || trigger.roles === "joint") {
        // "met President Xi": the object is met; "had a candid conversation, building on …": the object is the meeting itself
        const metObject = trigger.roles === "with" && !(trigger.type === "CONSULT" && trigger.rest.length && tokens.pos[match.end - 1] === "NOUN");
        const parsed =
          roles &&
          (roles.oblique(sent, head, ["with"], match.end) ||
            (metObject ? roles.object(sent, head, match.end) : trigger.rest.length ? roles.byFrame(sent, head, match.end - 1, WITH_NOUN, match.end) : null));
        objectMentions = parsed || afterWith(doc, match.end, limit, mentionOf, metObject);
      } else if (trigger.roles === "none" || trigger.roles === "framed") objectMentions = [];
      else if (trigger.roles === "host") objectMentions = hostedGuests(doc, match.end, limit, mentionOf); // "received his B.S." hosts nobody
      else if (trigger.pos === "AUX" && discourse.roles?.tree.parsed(head)) {
        // "will …": whom the promised act is aimed at, in the parse of the verb "will" governs
        const promised = discourse.roles.promised(sent, discourse.roles.tree.head(head), match.end);
        objectMentions = promised ?? objectOf(doc, match.end, limit, mentionOf);
      } else objectMentions = roles?.object(sent, head, match.end, trigger.type === "REQUEST") || objectOf(doc, match.end, limit, mentionOf, trigger.type === "REQUEST");
    }
  }

  // "At the invitation of X and Y, Z will pay a visit": those who invite, named in the opening phrase, are not the
  // subject of the clause after it, however the words or the parse run the names together
  const opening = trigger.roles === "inviter" ? -1 : invitationPhraseEnd(doc, sent);
  if (opening >= 0 && head > opening) {
    const after = actorMentions.filter((m) => m.tokenStart > opening);
    if (after.length) actorMentions = after;
  }
  // "launched a trade war": force only in a figure of speech
  if (type === "ASSAULT" && trigger.rest.length && ctx.lexicon.figurative.has(lower[match.end - 2] ?? "")) return null;
  // "Iraqi warplanes struck a tanker": an act of force needs an armed actor ("attacked China's policy" is criticism)
  if (trigger.actor === "armed" && !actorMentions.some((m) => armedActor(doc, m, ctx.lexicon, ctx.kb))) return null;
  // "the Minister arrived in Tehran": the subject itself acts, not one its phrase names ("supplies donated by China arrived")
  if (trigger.actor === "subject" && !actorMentions.some((m) => discourse.roles && namesSubject(doc, discourse.roles.tree, m, head))) return null;
  // "U.S. Government assistance flights will start arriving", "the Carbon Mapper Coalition satellites will build on …",
  // "local governments in China will adjust their measures": only a participant itself promises, not one named inside
  // the subject's phrase
  if (trigger.pos === "AUX" && discourse.roles?.tree.parsed(head) && actorMentions.length) {
    const subject = discourse.roles.tree.child(discourse.roles.tree.head(head), "nsubj");
    const covers = (m: Mention) => tokens.start[subject]! >= m.fullStart && tokens.end[subject]! <= m.fullEnd;
    // (a capitalised head is a title's word, which the mention may not span: "Special Envoy for the Horn of Africa David
    // Satterfield will travel …")
    if (subject >= 0 && mentionOf[subject]! < 0 && /^\p{Ll}/u.test(tokens.text[subject]!) && !actorMentions.some(covers)) return null;
  }
  // (a region is never the actor: "California will receive $7 billion" is no act of the United States)
  let actors = participants(doc, actorMentions.filter((m) => m.type !== "region"));
  // "13 Canadians have been detained in China", "journalists who are detained in Burma": an arrest told in the passive
  // with no doer named is the act of the state where it happens
  if (type === "COERCE" && !future && !actors.length && (passive || discourse.roles?.tree.xpos(head) === "VBN")) {
    const where = nearestLocation(doc, sent, head);
    if (where) actors = stateParticipant(doc, ctx, where);
  }
  // "the two sides", "both leaders": the people of the meeting being reported
  const meetingPeople = (m: Mention) => discourse.lastMeeting.map((entity) => ({ entity, mention: m.id }));
  if (actorMentions.length === 1 && discourse.lastMeeting.length >= 2) {
    const m = actorMentions[0]!;
    // "They also discussed …" after a meeting: its parties
    if (isPairReference(doc, m) || (m.type === "pronoun" && m.plural && trigger.type === "CONSULT" && doc.tokens.lower[m.tokenStart] !== "we")) actors = meetingPeople(m);
    // "They agreed to keep pushing for an agreement" after a meeting, said of some of its parties: all of them agree
    else if (m.type === "pronoun" && m.plural && tokens.lemma[head] === "agree" && doc.tokens.lower[m.tokenStart] === "they" && sent.index - discourse.lastMeetingSentence <= 3 && actors.length && actors.length < discourse.lastMeeting.length && actors.every((p) => discourse.lastMeeting.includes(p.entity))) actors = meetingPeople(m);
  }
  let recipients = participants(doc, objectMentions);
  // "reaffirmed the need for Singapore and Brazil to work together": an exhortation that includes the speaker's own side asks no one
  if (trigger.roles === "framed") {
    const own = new Set(actors.map((p) => doc.entities[p.entity]!.code));
    if (recipients.some((p) => own.has(doc.entities[p.entity]!.code))) return null;
  }
  if (objectMentions.length === 1 && isPairReference(doc, objectMentions[0]!) && discourse.lastMeeting.length >= 2) {
    recipients = discourse.lastMeeting.map((entity) => ({ entity, mention: objectMentions[0]!.id }));
  }
  // "Their Majesties will receive a ceremonial welcome at the Istana": the guests are received, by whoever
  // the welcome is "from", else the state the text places them in
  if (trigger.roles === "host" && tokens.lemma[head] === "receive" && receivesWelcome(doc, match.end, limit) && actors.length) {
    const from = findWord(doc, match.end, limit, "from");
    let hosts = from >= 0 ? participants(doc, mentionsFrom(doc, from + 1, limit, mentionOf)) : [];
    const here = sentenceLocation(doc, sent) ?? docLocation ?? ctx.publisherCode;
    if (!hosts.length && here && actors.every((p) => doc.entities[p.entity]!.code !== here)) hosts = stateParticipant(doc, ctx, here);
    if (!hosts.length) return null;
    [actors, recipients] = [hosts, actors];
  }
  // "A meeting of eight nations … accepted the plan": the meeting's attendees
  if (!actors.length && discourse.gathering && !passive) actors = gatheringSubject(doc, sent, head, discourse.gathering);
  if (!actors.length) return null;

  const sentenceText = doc.text.slice(sent.start, sent.end);
  if (type === "CONSULT") {
    if (trigger.roles === "joint" && actors.length + recipients.length < 2) {
      // "The Vice President discussed latest developments in the Middle East", after her call with the King: the call's parties,
      // in the sentences after the one reporting the call ("met … to discuss" is that meeting), and only in the past tense
      // (not "the issue we are discussing")
      const meeting = discourse.lastMeeting;
      const since = sent.index - discourse.lastMeetingSentence;
      const reported = /ed$/.test(tokens.lower[head]!) && tokens.pos[head - 1] !== "AUX";
      if (future || !reported || since < 1 || since > 3 || meeting.length < 2 || !actors.every((p) => meeting.includes(p.entity))) return null;
      actors = meeting.map((entity) => ({ entity, mention: actors[0]!.mention }));
    }
    // "Secretary Blinken met Foreign Minister Wang. He was joined by National Security Advisor Sullivan": the one joining
    // takes part in the meeting just reported, on the side of the one joined ("will be joined by" names a delegation's
    // members; in "Biden, joined by Vice President Harris, spoke with …" the participle is part of the call)
    if (tokens.lemma[head] === "join") {
      if (!passive || future) return null;
      const meeting = discourse.lastMeeting;
      const since = sent.index - discourse.lastMeetingSentence;
      if (since >= 1 && since <= 2 && recipients.some((p) => meeting.includes(p.entity))) {
        // (on the side of the one joined: "Jon Finer traveled to Nigeria, Equatorial Guinea, and Mauritania. He was joined
        // by … Dana Banks and … Michael Gonzales" is their visit to the three states too)
        const joining = actors.filter((p) => !meeting.includes(p.entity));
        const side = new Set(recipients.filter((p) => meeting.includes(p.entity)).map((p) => doc.entities[p.entity]!.code));
        const met = meeting.map((entity) => ({ entity, mention: -1 }));
        actors = [...met.filter((p) => side.has(doc.entities[p.entity]!.code)), ...joining];
        recipients = met.filter((p) => !side.has(doc.entities[p.entity]!.code));
      } else {
        // with no meeting just reported, those joining someone of their own state are the delegation or party they go
        // with ("Singh was joined by Deputy CEO … Alexia Latortue", "She was joined by Secretary of the Interior Deb
        // Haaland"), not someone they meet; a body joined is met ("The Task Force was also joined by … Landrieu")
        const sides = new Set([...actors, ...recipients].map((p) => doc.entities[p.entity]!.code));
        if (sides.size === 1 && !sides.has(null) && recipients.length && recipients.every((p) => doc.entities[p.entity]!.kind === "person")) return null;
      }
    }
    if (isTrip(trigger)) {
      // a trip is a visit by someone who represents a party to a state, not people travelling ("Chinese nationals
      // travelling to Canada") or a trip to a place of no state ("traveled to the Lyndon B. Johnson Presidential Library")
      if (actors.every((p) => doc.entities[p.entity]!.kind === "group")) return null;
      recipients = recipients.filter((p) => doc.entities[p.entity]!.kind === "state");
      if (!recipients.length) return null;
      // "she has traveled to Antarctica, the North Pole …", "around 100 Indonesian leaders have traveled to the United
      // States": where someone has been, a life's record, not a visit the text reports
      if (tokens.pos[head - 1] === "AUX" && /^(has|have|'ve)$/.test(tokens.lower[head - 1]!)) return null;
      const tree = discourse.roles?.tree;
      if (tree?.parsed(head)) {
        // ("President Biden, when he travels to Bethlehem in the coming weeks, will …": a simple present is a trip to come
        // or a habit, not one the text reports)
        if (/^VB[PZ]$/.test(tree.xpos(head))) return null;
        // ("We first met the Queen in 1982, traveling to the UK as part of a Senate delegation": a trip the text recalls)
        if (datedEarlier(doc, tree, head) || (/^(advcl|conj)/.test(tree.relation(head)) && datedEarlier(doc, tree, tree.head(head)))) return null;
      }
    }
    // "when he meets President Xi at the G20, he will …", "when he visits Washington on April 29": a meeting of two parties
    // in the simple present of a clause of time is one to come, announced (as "will meet"); with no one to meet ("when we
    // talk to tech companies", "when I talk to children"), a habit
    if (!future && trigger.pos === "VERB" && discourse.roles?.tree.parsed(head) && timeToCome(doc, discourse.roles.tree, head)) {
      if (actors.length + recipients.length < 2) return null;
      future = true;
    }
    if (future) {
      // an announced meeting or visit: the one announcing it acts ("Biden will host Golob")
      type = "AGREE";
      mode = null;
    } else {
      if (trigger.roles === "host") [actors, recipients] = [recipients.length ? recipients : actors, recipients.length ? actors : []];
      if (!mode) {
        mode = consultMode(doc, sent, sentenceText, [...actors, ...recipients], docLocation, match.end + 12);
        // "Wang Yi met Blinken in Beijing": the visitor acts, the host receives (CODING.md)
        const here = mode === "visit" ? sentenceLocation(doc, sent, match.end + 12) ?? docLocation : null;
        const codeOf = (p: EventParticipant) => doc.entities[p.entity]!.code;
        if (here && recipients.length && actors.every((p) => codeOf(p) === here) && recipients.every((p) => codeOf(p) !== here)) [actors, recipients] = [recipients, actors];
        // "Shultz and Shevardnadze met today in Moscow": a joint meeting where one side is at home is the other side's visit
        // (people and states only: an organization's country may be the publisher's default)
        else if (here && !recipients.length && actors.every((p) => /^(person|state)$/.test(doc.entities[p.entity]!.kind))) {
          const visitors = actors.filter((p) => codeOf(p) && codeOf(p) !== here);
          const hosts = actors.filter((p) => codeOf(p) === here);
          const sides = new Set(visitors.map(codeOf));
          if (visitors.length && hosts.length && sides.size === 1 && visitors.length + hosts.length === actors.length) [actors, recipients] = [visitors, hosts];
        }
        // "Secretary Blinken spoke with Foreign Minister Rau … The Secretary and Foreign Minister also discussed …", "They
        // also discussed the B3W initiative": talk among the parties of the meeting just reported is that meeting's, by its
        // means and, for a visit, with its visitor and host
        const last = discourse.lastMeetingEvent;
        if (!mode && last?.mode && sent.index > discourse.lastMeetingSentence && sent.index - discourse.lastMeetingSentence <= 3) {
          const met = new Set([...last.actor, ...last.recipient].map((p) => p.entity));
          const all = [...actors, ...recipients].filter((p, i, ps) => ps.findIndex((q) => q.entity === p.entity) === i);
          if (all.length >= 2 && all.every((p) => met.has(p.entity))) {
            mode = last.mode;
            if (mode === "visit" && last.recipient.length) {
              const hosts = new Set(last.recipient.map((p) => p.entity));
              [actors, recipients] = [all.filter((p) => !hosts.has(p.entity)), all.filter((p) => hosts.has(p.entity))];
            }
          }
        }
      }
    }
  } else if (future && type !== "AGREE") {
    // "will impose sanctions on", "China will take countermeasures against the US": a hostile act announced is a
    // threat (PLOVER THREATEN, CAMEO 13), anything else announced a promise
    type = HOSTILE.has(type) ? "THREATEN" : "AGREE";
    mode = null;
  }
  // "called on X" is a courtesy call unless X is asked "to" do something; "calling them to …" is a request
  const infinitive = infinitiveAfterObject(doc, match.end, limit);
  const asksTo = infinitive >= 0;
  // "called President Zelenskyy to underscore …", "called her to congratulate her": the caller's own purpose, said or done on the call
  const ownPurpose = asksTo && (ctx.lexicon.speechVerbs.has(tokens.lemma[infinitive]!) || !!ctx.lexicon.headedBy(tokens, infinitive)?.some((tr) => tr.type !== "REQUEST"));
  if ((trigger.pattern === "call on" || trigger.pattern === "call upon") && !asksTo && recipients.some((p) => doc.entities[p.entity]!.kind === "person")) {
    type = future ? "AGREE" : "CONSULT";
    mode = future ? null : "visit";
  } else if (trigger.pattern === "call" && asksTo && !ownPurpose) {
    type = "REQUEST";
    mode = null;
    recipients = participants(doc, objectOf(doc, match.end, limit, mentionOf));
  }
  // a journalist's question that tells what someone will do ("Q: According to reports, China will invest 280 billion dollars
  // in Iran", "Tomorrow President Xi will meet with President Trump") asks about a plan it has heard of: only what the
  // one acting said they will do is a promise made ("Q: President Moon said yesterday that … he will work for …")
  if (type === "AGREE" && (future || trigger.pos === "AUX") && sent.asked && !saidByActor(doc, sent, head, mentionOf, actors, ctx)) return null;
  // "We believe that under his leadership, Senegal will score greater achievements", "we trust that Belgium will
  // rebuild": a prediction about another, no promise ("we are confident that we will maintain the momentum" is the
  // speakers' own undertaking)
  if (type === "AGREE" && (future || trigger.pos === "AUX") && discourse.roles?.tree.parsed(head)) {
    const tree = discourse.roles.tree;
    const verb = trigger.pos === "AUX" ? tree.head(head) : head;
    const governor = verb >= 0 && tree.relation(verb) === "ccomp" ? tree.head(verb) : -1;
    const subject = verb >= 0 ? tree.child(verb, "nsubj") : -1;
    const own = subject >= 0 && /^(we|i)$/.test(lower[subject]!);
    if (governor >= 0 && !own && ctx.lexicon.beliefWords.has(tokens.lemma[governor]!)) return null;
  }
  // "agreed that continued Iranian nuclear advances will jeopardize …", "agreed that the relationship had strengthened": a
  // view agreed on is no promise; what the parties agree they will do is ("agreed that they will remain in close coordination")
  if (type === "AGREE" && tokens.lemma[head] === "agree" && lower[match.end] === "that" && discourse.roles?.tree.parsed(head)) {
    const clause = discourse.roles.tree.children(head, "ccomp").find((c) => c > head) ?? -1;
    if (clause >= 0 && !agreedUndertaking(doc, sent, discourse.roles, clause, actors)) return null;
  }
  // "Q: US officials have criticized China's Xinjiang policy. A: China firmly opposes that": criticism, rejection or praise
  // of an act a pronoun refers to is aimed at the one who did it, the last act coded in the sentences before, or at whom the
  // speakers' own blame just before was ("US arms sales to Taiwan severely violate the one-China principle. China firmly
  // opposes that"; "… the Myanmar government signed a ceasefire agreement. China welcomes and supports that")
  if ((type === "ACCUSE" || type === "REJECT" || type === "SUPPORT") && !recipients.length && discourse.lastAct && sent.index - discourse.lastAct.sentence <= 2 && anaphoricObject(doc, match.end)) {
    recipients = actOf(doc, discourse.lastAct, actors);
  }
  // "Otherwise, the Chinese side will make strong reactions": what is promised if a demand is not met is a threat
  let threat = type === "THREATEN" && trigger.type !== "THREATEN";
  if (type === "AGREE" && (future || trigger.pos === "AUX") && statesConsequence(doc, sent)) {
    if (discourse.threatened.has(sent.index)) return null; // "…, and the US will have to bear all the consequences": the same threat
    // only the side that speaks threatens ("Otherwise, they will become a laughingstock" is a taunt)
    const speaker = ctx.publisherCode;
    if (!speaker || !actors.every((p) => doc.entities[p.entity]!.code === speaker)) return null;
    type = "THREATEN";
    mode = null;
    threat = true;
    discourse.threatened.add(sent.index);
    // the threat is aimed at whoever the demand before it was made of
    if (!recipients.length && discourse.lastTarget && sent.index - discourse.lastTarget.sentence <= 2) recipients = discourse.lastTarget.parties.map((entity) => ({ entity, mention: -1 }));
  }
  // "If the US side insists on going down the wrong path, China will take strong countermeasures":
  // a promise made on a condition another party controls is a threat to that party
  else if ((type === "AGREE" || threat) && (future || trigger.pos === "AUX") && discourse.roles) {
    const verb = trigger.pos === "AUX" ? discourse.roles.tree.head(head) : head;
    // ("If the Australian side has provided information, we will offer necessary assistance", "if they show signs of
    // being willing, we'll engage": what is offered on a condition is a promise, not a threat)
    const offered = !threat && (trigger.pos === "AUX" ? verb >= 0 && BENIGN_PROMISES.has(tokens.lemma[verb]!) : OFFERS.has(trigger.type));
    const targets = offered ? [] : conditionalTarget(doc, sent, discourse.roles, verb, actors);
    // only a side that speaks threatens: the publisher's own, or one whose words are reported
    // ("if he tries …, Russia will continue to suffer" is a prediction about another)
    const speaking = ctx.publisherCode ? actors.every((p) => doc.entities[p.entity]!.code === ctx.publisherCode) : reportedClause(doc, discourse.roles.tree, verb, ctx.lexicon);
    if (targets.length && speaking) {
      if (discourse.threatened.has(sent.index)) return null;
      type = "THREATEN";
      mode = null;
      threat = true;
      discourse.threatened.add(sent.index);
      recipients = targets;
    }
  }
  if ((type === "REQUEST" || type === "REJECT") && !mode) mode = requestMode(doc, match.end, sent.tokenEnd, ctx);
  // "had spoken to Zapatero to welcome the initiative", "met with the troops to express appreciation": an act done for
  // a meeting's purpose that names no one is aimed at whom the meeting was with
  if (purpose >= 0 && !recipients.length && type !== "CONSULT" && discourse.roles?.tree.parsed(purpose)) {
    const met = discourse.roles.oblique(sent, purpose, ["with", "to"]) ?? discourse.roles.object(sent, purpose);
    if (met) recipients = othersThan(doc, participants(doc, met), actors);
  }
  // "stands ready to work with Kyrgyzstan": the partner of a promised cooperation
  if (type === "AGREE" && !recipients.length) {
    const w = findWord(doc, match.end, Math.min(limit, match.end + 6), "with");
    if (w >= 0) recipients = participants(doc, mentionsFrom(doc, w + 1, limit, mentionOf));
  }

  // "Kyrgyzstan will make all-out efforts to keep bilateral relations running", "resume the relationship between our two
  // countries": a relationship of two, one side acting, is aimed at the other side the text is about
  if (!recipients.length && (type === "AGREE" || type === "SUPPORT") && TWO_SIDED.test(doc.text.slice(tokens.start[head]!, tokens.end[limit - 1]!))) {
    const other = counterpart(doc, sent, head, actors, discourse, ctx.kb);
    if (other) recipients = stateParticipant(doc, ctx, other);
  }

  // "Xi told Mr. Obama that China was firmly opposed to …", "he stressed that Washington's policy has not changed": praise,
  // blame or refusal of the speaker's own state, reported by the speaker, is the speaker's (CODING.md: a verbal action
  // is the speaker's, a material one the doer's)
  if (VERBAL.has(type) && actors.length && discourse.roles?.tree.parsed(head)) {
    const speaker = reportedSpeaker(doc, sent, discourse.roles, head, ctx);
    const person = speaker?.length === 1 ? doc.entities[speaker[0]!.entity]! : null;
    if (person?.kind === "person" && person.code && actors.every((p) => doc.entities[p.entity]!.kind === "state" && doc.entities[p.entity]!.code === person.code)) actors = speaker!;
  }
  const actorIds = new Set(actors.map((p) => p.entity));
  const actorCodes = new Set(actors.map((p) => doc.entities[p.entity]!.code));
  // a state named with its own people is the relationship's setting, not a recipient ("friendship between Singapore and Vietnam")
  // (a recipient who is also one of several actors stays, and the others act on it: "we welcome President Biden's commitment")
  // (one named outright stays; "their", "the two" are the actors themselves)
  recipients = recipients.filter((p) => !(actorIds.has(p.entity) && (actors.length === 1 || doc.mentions[p.mention]?.type !== "name")) && !(doc.entities[p.entity]!.kind === "state" && actorCodes.has(doc.entities[p.entity]!.code) && actors.length > 1));
  // "Assistant Secretary Lu will lead a U.S. delegation to …": one's own state is no recipient
  if (actors.every((p) => doc.entities[p.entity]!.code && doc.entities[p.entity]!.kind !== "state")) {
    const own = new Set(actors.map((p) => doc.entities[p.entity]!.code));
    if (own.size === 1) recipients = recipients.filter((p) => !(doc.entities[p.entity]!.kind === "state" && own.has(doc.entities[p.entity]!.code)));
  }
  if (type !== "CONSULT" && actors.length > 1) {
    const acted = new Set(recipients.map((p) => p.entity));
    const others = actors.filter((p) => !acted.has(p.entity));
    if (others.length && others.length < actors.length) actors = others;
  }
  // "condemns the attacks on Saudi Arabia's oil facilities": blame for an act of force goes to its doer, not its victim
  if (type === "ACCUSE" && trigger.pos === "VERB" && discourse.roles?.tree.parsed(head)) {
    const object = discourse.roles.tree.objectOf(head);
    if (object > head && ctx.lexicon.forceNouns.has(tokens.lemma[object]!)) recipients = othersThan(doc, participants(doc, discourse.roles.owner(object) ?? []), actors);
  }
  // "is firmly opposed to the sale of arms to Taiwan by the United States", "welcomed the adoption of the resolution by
  // the Security Council", "rejected the claims by the Philippines": praise, blame and refusal go to the doer the phrase names
  if ((type === "ACCUSE" || type === "SUPPORT" || type === "REJECT") && recipients.length && discourse.roles?.tree.parsed(head)) {
    const first = doc.mentions[recipients[0]!.mention];
    const agent = first ? discourse.roles.agentInPhrase(sent, head, first.tokenStart) : null;
    const doers = agent ? othersThan(doc, participants(doc, agent), actors) : [];
    if (doers.length) recipients = doers;
  }
  // "President Biden welcomed President Arévalo of Guatemala to the White House": a person welcomed to the host's place
  // is a visit the host receives (CODING.md: "welcomed" a person's visit is CONSULT), not praise
  if (type === "SUPPORT" && tokens.lemma[head] === "welcome" && trigger.rest.length === 0 && discourse.roles?.tree.parsed(head) && recipients.length) {
    const tree = discourse.roles.tree;
    const to = tree.obliquesOf(head).find((o) => o.case === "to");
    const place = to && mentionOf[to.token]! >= 0 ? doc.mentions[mentionOf[to.token]!]! : undefined;
    const guests = recipients.every((p) => doc.entities[p.entity]!.kind === "person");
    if (guests && place && place.entity >= 0 && doc.entities[place.entity]!.kind === "state" && actors.every((p) => doc.entities[p.entity]!.code === doc.entities[place.entity]!.code)) {
      type = "CONSULT";
      mode = "visit";
      [actors, recipients] = [recipients, actors];
    }
  }
  // "Australia and the United States … Prime Minister Albanese and President Biden": the people are the most specific
  // entities the text names (CODING.md); their states beside them in the same list say nothing more
  actors = withoutStatesOfPeople(doc, actors);
  recipients = withoutStatesOfPeople(doc, recipients);
  if (type === "CONSULT" && actors.length + recipients.length < 2) return null;
  // "remains committed to supporting Yemen's sovereignty": the commitment is aimed at whom its act is;
  // one aimed at no one ("is committed to creating an economy that works for every American") is a standing policy
  if (type === "AGREE" && STATIVE.has(lower[head]!) && !recipients.length && actors.length < 2) {
    const aimed = discourse.roles?.tree.parsed(head) ? discourse.roles.promised(sent, head, match.end) : null;
    const others = aimed ? othersThan(doc, participants(doc, aimed), actors) : [];
    if (!others.length) return null;
    recipients = others;
  }
  // "Iran agreed to free five Americans", "Russia agreed to supply Syria with …": a promise one side makes is aimed at
  // whom the promised act is ("the two sides agreed to …", a joint one, at no one)
  if (type === "AGREE" && trigger.roles === "none" && trigger.pos === "VERB" && !recipients.length && actors.length === 1 && discourse.roles?.tree.parsed(head)) {
    const act = discourse.roles.tree.child(head, "xcomp");
    const aimed = act > head ? discourse.roles.promised(sent, act, match.end) : null;
    // (not the promiser's own bodies: "Zambia pledged to improve the independence of its Electoral Commission")
    const own = new Set(actors.map((p) => doc.entities[p.entity]!.code));
    if (aimed) recipients = othersThan(doc, participants(doc, aimed), actors).filter((p) => !own.has(doc.entities[p.entity]!.code));
  }
  // "HHS will disseminate training materials", "the Administration will make vaccinations available", "the Wave Foundation will
  // launch a marketplace": what a body of the publishing state will do, in its government's release and toward no one
  // named, is a programme at home, no undertaking toward another party
  if (type === "AGREE" && (trigger.pos === "AUX" || future) && !recipients.length && ctx.publisherCode && actors.every((p) => homeBody(doc, p, ctx))) return null;
  // "Secretary Vilsack will travel to Michigan and Iowa", "President Biden will travel to Durham, North Carolina": a trip
  // that meets no one named, to places of the traveller's own state, is no undertaking toward another party
  if (type === "AGREE" && trigger.pos === "AUX" && !recipients.length && ctx.lexicon.travelVerbs.has(tokens.lemma[nextVerb(doc, head, limit)] ?? "")) {
    const where = nearestLocation(doc, sent, head);
    if (where && actors.every((p) => doc.entities[p.entity]!.code === where)) return null;
  }
  // "China firmly opposes all forms of terrorism", "condemned all forms of authoritarianism": criticism of every kind of
  // an act, aimed at no one, is a standing position, not an event (aimed at someone it is one: "opposes any form of
  // official ties between the US and Taiwan")
  if ((type === "ACCUSE" || type === "REJECT") && !recipients.length && everyKindOf(doc, match.end)) return null;
  // a joint action ("the two sides welcomed …") has no recipient; a one-sided one needs one
  // (criticism may have no addressee: "condemned this reprehensible Antisemitism")
  // (a request to "all parties", "the international community" is addressed to no one entity)
  // ("framed": only the frame may name the recipient — "stressed the need for de-escalation" asks no one)
  if (trigger.roles === "framed" && !recipients.length && !addressesEveryone(doc, match.end, limit)) return null;
  // aid is not given to whom its money comes from or is named after: "$1.5 billion under President Biden's Inflation
  // Reduction Act", "$600 million from the Department of Energy", "$3 billion in Environmental Protection Agency Clean
  // Ports grants"
  if (trigger.type === "AID") recipients = recipients.filter((p) => p.mention < 0 || !fundsSource(doc, doc.mentions[p.mention]!));
  // "Israeli warplanes struck targets in the Gaza Strip", "shot down a warplane in northern Syria": force used where the
  // object names no one is used on the state where it is used; "withdrew its troops from the Kherson region": a
  // withdrawal is from the state of the place it leaves
  // "will provide $200,000 to assist with demining operations in Afghanistan": so does aid that names no one
  if ((type === "ASSAULT" || (type === "RETREAT" && mode === "withdraw") || trigger.type === "AID") && !recipients.length) {
    const where = nearestLocation(doc, sent, head);
    if (where && actors.every((p) => doc.entities[p.entity]!.code !== where)) recipients = stateParticipant(doc, ctx, where);
  }
  // (a demonstration may be made against no one in particular: "Thousands of protesters marched against the deal")
  if (trigger.roles === "object" && !/^(AGREE|CONSULT|ACCUSE)$/.test(type) && trigger.type !== "CONSULT" && !(type === "PROTEST" && trigger.mode === "demo") && !recipients.length && actors.length < 2 && !(type === "REQUEST" && addressesEveryone(doc, match.end, limit))) return null;
  // material cooperation is between sides: agencies of one state partnering with each other or with their own
  // institutions ("USDA partnered with FDA", "the Administration partnered with civil rights groups") is none
  if (type === "COOPERATE" && recipients.length && recipients.every((r) => ownSide(doc, actors, r))) return null;
  // a call, or a meeting with no visitor and no host, has only actors (CODING.md)
  if (type === "CONSULT" && (mode === "phone" || mode === "third-party" || (mode === null && trigger.roles !== "host"))) {
    actors = [...actors, ...recipients.filter((r) => !actors.some((a) => a.entity === r.entity))].sort((a, b) => a.mention - b.mention);
    recipients = [];
  }

  return {
    sentence: sent.index,
    type,
    mode,
    context: contexts(doc, sent, ctx),
    cameo: threat ? "130" : type === trigger.type ? trigger.cameo : type === "AGREE" ? "036" : type === "REJECT" && trigger.type === "CONSULT" ? "125" : trigger.cameo,
    actor: actors,
    recipient: recipients,
    // an announced intention is dated when it was announced, whatever dates it names
    date: type === "AGREE" && (future || trigger.pos === "AUX") ? doc.source.meta.storyDate : doc.sentenceDates[sent.index] ?? null,
    trigger: { start: tokens.start[head]!, end: tokens.end[match.end - 1]! },
    rule: trigger.pattern,
  };
}

/**
 * "China has always been committed to the principle of non-interference",
 * "we have remained committed to …": a stance held since some time past
 * (present perfect of a state), background rather than a commitment made.
 */
/**
 * The comma that ends an invitation phrase opening the sentence ("At the invitation of Prime Minister Lee Hsien Loong,
 * …", "On the invitation of the governments of Russia and Belarus, …"), or -1. Titles there hold "and" but no comma.
 */
function invitationPhraseEnd(doc: Doc, sent: Sentence): number {
  const { lower } = doc.tokens;
  // (after a speaker's label or a dateline: "A: At the invitation of …")
  let t = clauseStart(doc, sent);
  if (!/^(at|on|upon)$/.test(lower[t] ?? "")) return -1;
  t++;
  if (lower[t] === "the") t++;
  if (lower[t] !== "invitation" || lower[t + 1] !== "of") return -1;
  const end = Math.min(sent.tokenEnd, t + 60);
  for (let c = t + 2; c < end; c++) if (lower[c] === ",") return c;
  return -1;
}

function standingSince(tokens: Doc["tokens"], sent: Sentence, head: number): boolean {
  if (!STATIVE.has(tokens.lower[head]!)) return false;
  const t = skipAdverbs(tokens, sent, head - 1);
  if (!/^(been|stayed|remained)$/.test(tokens.lower[t]!)) return false;
  return /^(has|have|'ve)$/.test(tokens.lower[skipAdverbs(tokens, sent, t - 1)] ?? "");
}

/**
 * Whether "ask" at `verb` asks a question rather than for an act: a clause of "whether", "if" or a question word, or
 * "about" something, and no "to" infinitive ("asked China to release the crew" is a request).
 */
function asksQuestion(doc: Doc, tree: Tree, verb: number): boolean {
  const lower = doc.tokens.lower;
  let question = false;
  // ("Asked whether Comecon would accept …, he replied": the one asked answers a reporter, no request of theirs)
  const beingAsked = tree.xpos(verb) === "VBN" && !tree.children(verb, "aux").some((a) => /^(has|have|had|having)$/.test(lower[a]!));
  for (const c of tree.children(verb)) {
    const rel = tree.relation(c);
    if ((rel === "xcomp" || rel === "advcl" || rel === "ccomp") && tree.markOf(c) === "to") return false;
    if (rel === "ccomp" && (/^(whether|if)$/.test(tree.markOf(c)) || QUESTION_WORDS.has(lower[tree.span(c)[0]]!)) && (beingAsked || !politeRequest(doc, tree, c))) question = true;
    if ((rel === "obl" || rel === "nmod") && tree.caseOf(c) === "about") question = true;
  }
  return question;
}

/** "asked the New Zealand Government if they would take some of the people": a request put as a question of another's will. */
function politeRequest(doc: Doc, tree: Tree, clause: number): boolean {
  const subject = tree.child(clause, "nsubj");
  const willing = tree.children(clause, "aux").some((a) => /^(would|could|can|will)$/.test(doc.tokens.lower[a]!));
  return willing && subject >= 0 && !/^(i|we)$/.test(doc.tokens.lower[subject]!);
}

/** Words that open an indirect question: "asked what China would do". */
const QUESTION_WORDS = new Set(["what", "how", "why", "when", "where", "who", "which", "whom"]);

/** Whether the passive participle at `verb` describes a noun (a relative clause or a participle after it) and names no day. */
function describedState(doc: Doc, tree: Tree, verb: number): boolean {
  if (!tree.parsed(verb)) return false;
  // (a participle coordinated with one describes as that one does: "Americans held hostage or wrongfully detained abroad";
  // one that names its agent reports the act: "Americans unjustly detained by Russian authorities")
  let first = verb;
  const agentless = tree.children(verb, "obl:agent").length === 0;
  for (let hops = 0; agentless && hops < 4 && tree.relation(first) === "conj" && tree.xpos(first) === "VBN" && tree.head(first) >= 0; hops++) first = tree.head(first);
  const rel = tree.relation(first);
  const passive = tree.children(verb, "aux:pass").length > 0 || (rel === "acl" && tree.xpos(verb) === "VBN");
  // (a relative pronoun as its subject makes it a relative clause however the parse attaches it)
  const relative = rel === "acl:relcl" || rel === "acl" || tree.children(verb, "nsubj:pass").some((c) => /^(who|which|that)$/.test(doc.tokens.lower[c]!));
  if (!passive || !relative) return false;
  // (a day word anywhere in the clause dates it: "who was detained by the Chinese authorities on Monday")
  for (let u = verb + 1; u < doc.tokens.count && tree.parsed(u); u++) {
    let x = u;
    for (let hops = 0; x >= 0 && x !== verb && hops < 12; hops++) x = tree.head(x);
    if (x !== verb) break;
    if (isCalendarWord(doc.tokens.lower[u]!) || RECENT_WORDS.has(doc.tokens.lower[u]!)) return false;
  }
  return true;
}

/** Words besides months and weekdays that date an act to a recent time: "yesterday", "last week". */
const RECENT_WORDS = new Set(["yesterday", "today", "week", "month"]);

/** Whether an earlier request of the sentence, by the same actors, asks for the act at `head`, which has no subject of its own. */
function askedBefore(coded: readonly CodedEvent[], ev: CodedEvent, roles: TreeRoles | null, head: number): boolean {
  if (!roles?.tree.parsed(head) || roles.tree.child(head, "nsubj") >= 0 || roles.tree.child(head, "nsubj:pass") >= 0) return false;
  const actors = new Set(ev.actor.map((p) => p.entity));
  return coded.some(
    (e) => e.type === "REQUEST" && e.trigger.start < ev.trigger.start && e.actor.length === actors.size && e.actor.every((p) => actors.has(p.entity)),
  );
}

/** The participants without any state whose person is also among them. */
function withoutStatesOfPeople(doc: Doc, parts: EventParticipant[]): EventParticipant[] {
  const peopleOf = new Set(parts.map((p) => doc.entities[p.entity]!).filter((e) => e.kind === "person" && e.code).map((e) => e.code));
  if (!peopleOf.size) return parts;
  return parts.filter((p) => {
    const e = doc.entities[p.entity]!;
    return !(e.kind === "state" && peopleOf.has(e.code));
  });
}

/** Whether noun t is said of no act in particular: "any nuclear attack", "no attack", "every violation". */
function nonspecific(tree: Tree, tokens: Doc["tokens"], t: number): boolean {
  return tree.children(t, "det").some((d) => /^(any|no|every)$/.test(tokens.lower[d]!));
}

/** Whether the words from t say "all/any form(s)/kind(s)/type(s) of" (after "to" or "against": "is opposed to all forms of"). */
function everyKindOf(doc: Doc, t: number): boolean {
  const { lower } = doc.tokens;
  if (lower[t] === "to" || lower[t] === "against") t++;
  return (lower[t] === "all" || lower[t] === "any") && KINDS.has(lower[t + 1] ?? "") && lower[t + 2] === "of";
}

const KINDS = new Set(["form", "forms", "kind", "kinds", "type", "types", "manner", "manners"]);

/** Whether a perfect's "has", "have" or "had" stands just before t (past adverbs): "have consistently", "has also all along". */
function perfectBefore(doc: Doc, sent: Sentence, t: number): boolean {
  return /^(has|have|had|'ve)$/.test(doc.tokens.lower[skipAdverbs(doc.tokens, sent, t - 1)] ?? "");
}

/** The first token at or before t that is no adverb, going back no further than the sentence's first: "was also scheduled". */
function skipAdverbs(tokens: Doc["tokens"], sent: Sentence, t: number): number {
  while (t > sent.tokenStart && tokens.pos[t] === "ADV") t--;
  return t;
}

/** Words a hyphen joins to a verb as its prefix: "test-fired", "co-hosted", "re-elected". */
const VERB_PREFIXES = new Set(["test", "co", "re", "pre", "counter", "cross", "double", "over", "under", "out", "self", "fast"]);

/** Nouns of time the parser may take for a clause's subject ("Later this evening, President Halimah will be hosted"). */
const TIME_NOUNS = /^(morning|afternoon|evening|night|day|week|month|year|today|yesterday|tomorrow|tonight|weekend)s?$/;

/** Verbal acts: the speaker who reports them of their own side does them (CODING.md); a promise is one ("Minister Balakrishnan emphasised that Singapore will work with Indonesia"). */
const VERBAL = new Set(["ACCUSE", "SUPPORT", "REJECT", "AGREE"]);
/** Types whose acts, announced for the future, threaten whom they are aimed at. */
const HOSTILE = new Set(["SANCTION", "ASSAULT", "COERCE"]);
/** Event types of a promise that offers something rather than threatening. */
const OFFERS = new Set(["AGREE", "SUPPORT", "AID", "CONSULT", "COOPERATE", "REQUEST", "RETREAT", "CONCEDE"]);
/** Verbs of a conditional promise that no one would take as a threat: "we'll know that soon", "we'll engage". */
const BENIGN_PROMISES = new Set(["know", "engage", "consider", "help", "welcome", "see", "talk", "listen", "learn"]);

/** "Otherwise, …": the sentence says what follows if a demand is not met. */
function statesConsequence(doc: Doc, sent: Sentence): boolean {
  return doc.tokens.lower[sent.tokenStart] === "otherwise";
}

const EVERYONE = new Set(["parties", "sides", "countries", "states", "nations", "community", "governments", "stakeholders", "members", "partners", "powers", "donors"]);

/** Whether a request is addressed to parties at large: "calls on relevant parties to …", "urged all countries to …". */
function addressesEveryone(doc: Doc, from: number, limit: number): boolean {
  const l = doc.tokens.lower;
  let t = from;
  if (l[t] === "on" || l[t] === "upon") t++;
  // (modifiers may be nouns and participles: "all oil-producing countries", "world powers", "donor countries")
  for (let end = Math.min(limit, t + 6); t < end; t++) {
    if (EVERYONE.has(l[t]!)) return true;
    if (!/^(DET|ADJ|NUM|NOUN)$/.test(doc.tokens.pos[t]!) && !/^(all|relevant|concerned|other|the|international|both|-)$/.test(l[t]!) && !/^\p{Ll}+(ing|ed)$/u.test(l[t]!)) return false;
  }
  return false;
}

const OPINION_VERBS = new Set(["believe", "think", "maintain", "hold", "consider"]);

/**
 * A demand voiced as an opinion: "China believes that the international
 * community should respect Sudan's choice" is a REQUEST of China, aimed at
 * whom it says should act (no one entity when that is parties at large).
 * Only an active verb after "should"/"must" asks anyone to do something.
 */
function shouldDemand(doc: Doc, sent: Sentence, mentionOf: Int32Array, ctx: CoderContext): CodedEvent | null {
  const { tokens } = doc;
  const l = tokens.lower;
  for (let v = sent.tokenStart + 1; v < sent.tokenEnd - 3; v++) {
    if (tokens.pos[v] !== "VERB" || !OPINION_VERBS.has(tokens.lemma[v]!) || mentionOf[v]! >= 0) continue;
    // "China always believes that …" is a standing position, background rather than an act
    if (/^(always|consistently|long|firmly)$/.test(l[v - 1]!) || l[v - 1] === "not" || l[v - 1] === "n't") return null;
    const from = l[v + 1] === "that" ? v + 2 : v + 1;
    let modal = -1;
    for (let t = from; t < Math.min(sent.tokenEnd - 1, from + 10); t++) {
      if (l[t] === "should" || l[t] === "must") {
        modal = t;
        break;
      }
      if (tokens.pos[t] === "VERB" || /^[,;:.]$/.test(l[t]!)) break;
    }
    if (modal < 0 || tokens.pos[modal + 1] !== "VERB" || /^(be|have)$/.test(l[modal + 1]!)) return null;
    const actors = participants(doc, subjectOf(doc, sent, v, mentionOf));
    if (!actors.length) return null;
    const addressed = mentionsFrom(doc, from, modal, mentionOf);
    const recipients = participants(doc, addressed).filter((p) => !actors.some((a) => a.entity === p.entity));
    if (!recipients.length && !addressesEveryone(doc, from, modal)) return null;
    return demandEvent(doc, sent, ctx, actors, recipients, modal, { start: tokens.start[modal]!, end: tokens.end[modal + 1]! }, "opinion * should");
  }
  return null;
}

/** A REQUEST coded from a demand's wording, its mode read from the words after `from`. */
function demandEvent(doc: Doc, sent: Sentence, ctx: CoderContext, actor: EventParticipant[], recipient: EventParticipant[], from: number, trigger: CodedEvent["trigger"], rule: string): CodedEvent {
  const date = doc.sentenceDates[sent.index] ?? null;
  return { sentence: sent.index, type: "REQUEST", mode: requestMode(doc, from, sent.tokenEnd, ctx), context: contexts(doc, sent, ctx), cameo: "100", actor, recipient, date, trigger, rule };
}

/**
 * A demand in the text's own voice (CODING.md: demands phrased with modals):
 * "The US must stop interfering in China's internal affairs", "All parties
 * should exercise restraint" in a ministry's answer or a government's
 * statement is a REQUEST by whoever speaks for the text (its "we", else the
 * publishing state) of the modal verb's subject — no one entity when that is
 * parties at large. Not in quotations (someone else's voice), not a demand on
 * the speaker's own side ("we must", "China should"), not "should" opening a
 * condition ("Should Iran attack, …").
 */
function modalDemand(doc: Doc, sent: Sentence, roles: TreeRoles, ctx: CoderContext): CodedEvent | null {
  if (!ctx.publisherCode) return null;
  const { tokens } = doc;
  const { tree } = roles;
  for (let m = sent.tokenStart + 1; m < sent.tokenEnd; m++) {
    const w = tokens.lower[m]!;
    const kind = ctx.lexicon.demandModals.get(w);
    if (!kind || !tree.parsed(m)) continue;
    // "must stop": the auxiliary's verb; "needs to stop": the infinitive the verb of necessity governs
    const verb = kind === "aux" ? (tree.relation(m) === "aux" ? tree.head(m) : -1) : tokens.pos[m] === "VERB" ? infinitiveOf(tree, tokens, m) : -1;
    if (verb < 0 || tokens.pos[verb] !== "VERB" || tree.passive(verb) || insideQuotation(doc, sent, m)) continue;
    // "doesn't need to worry", "may need to make other plans": no necessity stated
    if (kind === "verb" && tree.children(m).some((c) => NEGATORS.has(tokens.lower[c]!) || HYPOTHETICAL.has(tokens.lower[c]!))) continue;
    // the text's own clause: not what someone said, decided or suggested should happen
    // the verb whose clause and subject the demand has: the modal's verb, or the verb of necessity itself
    const host = kind === "aux" ? verb : m;
    if (!mainClause(tree, host)) continue;
    // an outcome wished for ("Putin must fail") asks nothing
    if (ctx.lexicon.notPromises.has(tokens.lemma[verb]!)) continue;
    const subject = tree.subjectOf(host);
    if (!subject || subject.passive || subject.token > m) continue;
    // "I must say", "you should know": the speaker and the one addressed
    if (/^(i|we|you)$/.test(tokens.lower[subject.token]!)) continue;
    const voice = voiceOf(doc, sent, ctx);
    if (!voice.length) return null;
    const own = new Set(voice.map((p) => doc.entities[p.entity]!.code));
    const named = roles.subject(sent, host);
    let recipients: EventParticipant[] = [];
    if (named) {
      recipients = participants(doc, named);
      // ("China should …" in China's own answer is no demand on anyone else; "the Senate must pass …" from the White House is;
      // "the two sides should …" after a meeting with China exhorts both, China too)
      const codes = recipients.map((p) => doc.entities[p.entity]!);
      if (asksOwnSide(doc, voice, recipients)) continue;
      if (codes.some((e) => own.has(e.code)) && codes.some((e) => !own.has(e.code))) continue;
    } else if (!EVERYONE.has(tokens.lower[subject.token]!)) continue;
    return demandEvent(doc, sent, ctx, voice, recipients, m, { start: tokens.start[m]!, end: tokens.end[verb]! }, `${w} (text's voice)`);
  }
  return null;
}

/**
 * An impersonal demand in the text's own voice (CODING.md): "It is time for the US to stop …",
 * "It is imperative that the Myanmar military authorities uphold their commitment", "It is
 * incumbent on Moscow to …" — a REQUEST by the text's voice of the party the predicate
 * (data/lexicon/demand-predicates.txt) names, no one entity when that is parties at large.
 * Only where "it is" opens the sentence (after adverbs and conjunctions at most: "But it is
 * time …"), so that no one else is reported saying it; not a demand on the speaker's own side
 * ("it is incumbent on us").
 */
function impersonalDemand(doc: Doc, sent: Sentence, mentionOf: Int32Array, ctx: CoderContext): CodedEvent | null {
  const { tokens } = doc;
  const l = tokens.lower;
  let t = sent.tokenStart;
  while (t < sent.tokenEnd && /^(ADV|CCONJ|PUNCT)$/.test(tokens.pos[t]!)) t++;
  if (l[t] !== "it" || (l[t + 1] !== "is" && l[t + 1] !== "'s")) return null;
  let p = t + 2;
  if (l[p] === "high" || tokens.pos[p] === "ADV") p++; // "it is high time", "it is now imperative"
  if (!ctx.lexicon.demandPredicates.has(l[p]!) || insideQuotation(doc, sent, p)) return null;
  const from = p + 2;
  let to = -1;
  if (/^(for|on|upon)$/.test(l[p + 1]!)) {
    // "for the US to stop": the party, then the act
    for (let u = from; u < Math.min(sent.tokenEnd - 1, from + 12) && to < 0; u++) if (l[u] === "to" && /^(VERB|AUX|ADV)$/.test(tokens.pos[u + 1]!)) to = u;
  } else if (l[p + 1] === "that") {
    // "that the military authorities uphold …": the clause's subject, up to its verb
    for (let u = from; u < Math.min(sent.tokenEnd, from + 12) && to < 0; u++) if (tokens.pos[u] === "VERB" || tokens.pos[u] === "AUX") to = u;
  }
  if (to < 0) return null;
  const voice = voiceOf(doc, sent, ctx);
  if (!voice.length) return null;
  const recipients = participants(doc, mentionsFrom(doc, from, to, mentionOf));
  if (asksOwnSide(doc, voice, recipients)) return null;
  if (!recipients.length && !addressesEveryone(doc, from, to)) return null;
  return demandEvent(doc, sent, ctx, voice, recipients, to, { start: tokens.start[t]!, end: tokens.end[p]! }, `it is ${l[p]} (impersonal demand)`);
}

/** Whether a demand by `voice` is made of its own side: one of the voices, or a state one of them speaks for ("China should …" in China's answer). */
function asksOwnSide(doc: Doc, voice: readonly EventParticipant[], asked: readonly EventParticipant[]): boolean {
  const own = new Set(voice.map((v) => doc.entities[v.entity]!.code));
  return asked.some((p) => voice.some((v) => v.entity === p.entity) || (doc.entities[p.entity]!.kind === "state" && own.has(doc.entities[p.entity]!.code)));
}

/** The "to" infinitive verb v governs ("needs to look"), or -1. */
function infinitiveOf(tree: Tree, tokens: Doc["tokens"], v: number): number {
  const x = tree.child(v, "xcomp");
  return x >= 0 && tokens.lower[x - 1] === "to" ? x : -1;
}

/**
 * Blame and dismissal said of someone (data/lexicon/evaluations.tsv): "US arms
 * sales to Taiwan severely violate the one-China principle" in China's answer,
 * "X said Y had violated the ceasefire", "Her ridiculous words are pure
 * nonsense". The speaker — the subject of the speech verb that governs the
 * clause, else the text's own voice — accuses or rejects the target: the
 * evaluated verb's subject, the evaluated predicate's subject, or the
 * possessor or modifier of an evaluated noun. A sentence whose triggers
 * already code an event of the type says it once; a noun that is the topic
 * of a trigger ("discussed Russia's aggression") is that trigger's.
 */
function evaluationEvents(doc: Doc, sent: Sentence, roles: TreeRoles, ctx: CoderContext, coded: readonly CodedEvent[]): CodedEvent[] {
  const { tokens } = doc;
  const { tree } = roles;
  const out: CodedEvent[] = [];
  for (let t = sent.tokenStart; t < sent.tokenEnd; t++) {
    const ev = ctx.lexicon.evaluationAt(tokens, t);
    if (!ev || !tree.parsed(t)) continue;
    if (insideQuotation(doc, sent, t)) continue;
    if (tree.children(t).some((c) => NEGATORS.has(tokens.lower[c]!))) {
      const denial = deniedCharge(doc, sent, roles, t, ev, ctx, [...coded, ...out]);
      if (denial) out.push(denial);
      continue;
    }
    if (coded.some((e) => e.type === ev.type) || out.some((e) => e.type === ev.type)) continue;
    let targets: Mention[] | null = null;
    let claimed = -1; // the subject, when it is a claim ("those reports")
    // an act judged, or words blamed on those who spread them: criticism (ACCUSE), not a claim rejected
    let dismissedAct = false;
    const head = tree.head(t);
    if (ev.pos === "VERB") {
      if (tree.passive(t)) {
        const agent = tree.agentOf(t);
        targets = agent >= 0 ? roles.owner(agent) : null;
      } else {
        // ("Russia, Iran and China have tried to meddle …": the subject with those listed beside it)
        const subject = tree.subjectOf(t);
        targets = roles.subject(sent, t) ?? (subject ? roles.owner(subject.token) : null);
      }
    } else {
      // said of someone as a predicate: "… are pure nonsense", "is irresponsible", "constitute interference";
      // an attribute in passing ("to deter further Russian aggression", "Russia's barbaric attacks") judges nobody aloud
      // ("Those reports are baseless speculation": an evaluating adjective of the predicate noun)
      const predicate = ev.pos === "ADJ" && tree.relation(t) === "amod" && head >= 0 && tree.child(head, "nsubj") >= 0 ? head : t;
      const subject = tree.child(predicate, "nsubj");
      if (subject >= 0) {
        // "Any nuclear attack by North Korea … is unacceptable": a judgment of what has not happened
        if (nonspecific(tree, tokens, subject)) continue;
        targets = roles.owner(subject);
        if (ctx.lexicon.claimNouns.has(tokens.lemma[subject]!)) claimed = subject;
        // "Russia's threats of nuclear weapon use are unacceptable": dismissing an act, not a claim, is criticism
        else if (ev.type === "REJECT" && tokens.pos[subject] === "NOUN") dismissedAct = true;
      }
      else if (ev.pos === "NOUN" && tree.relation(t) === "obj" && head >= 0 && !headsTrigger(doc, sent, head, ctx.lexicon)) {
        // "is used to weaving lies", "They constitute interference": whoever does what the noun is the object of
        const subject = tree.subjectOf(head);
        targets = subject ? roles.owner(subject.token) : null;
        // ("peddling rumors", "exploiting specious rumors to slander China": whoever spreads them is blamed, no claim
        // of theirs dismissed)
        // (not a predicate the parse hung on a verb before it: "the comments you quoted are pure nonsense")
        if (ev.type === "REJECT" && tree.child(t, "cop") < 0) dismissedAct = true;
      }
    }
    const speaker = targets?.length || claimed >= 0 ? speakerOf(doc, sent, roles, t, ctx) : [];
    if (!speaker.length) continue;
    // "Those reports are groundless", said in answer to a question that reported them: their author's
    const recipient = othersThan(doc, targets?.length ? participants(doc, targets) : claimAuthor(doc, sent, ctx), speaker);
    if (!recipient.length) continue;
    out.push({
      sentence: sent.index,
      type: dismissedAct ? "ACCUSE" : ev.type,
      mode: dismissedAct ? "disapprove" : ev.mode,
      context: contexts(doc, sent, ctx),
      cameo: dismissedAct ? "111" : ev.cameo,
      actor: speaker,
      recipient,
      date: doc.sentenceDates[sent.index] ?? null,
      trigger: { start: tokens.start[t]!, end: tokens.end[t]! },
      rule: `${ev.lemma} (evaluation)`,
    });
  }
  return out;
}

/** Words that name money given: "grants", "funding", "loans". */
const MONEY_NOUNS = new Set(["grant", "grants", "funding", "funds", "loan", "loans", "award", "awards", "financing"]);

/** Whether mention m names where aid's money comes from ("from X", "under X's …", "X grants"), not whom it goes to. */
function fundsSource(doc: Doc, m: Mention): boolean {
  const { lower, pos } = doc.tokens;
  const before = wordBefore(doc, m);
  // (a state's plan a grant falls under is the state's: "assistance … under Costa Rica's National Telecommunications Plan")
  if (before === "from" || (before === "under" && doc.entities[m.entity]?.kind !== "state")) return true;
  // the name modifies the money noun: "Environmental Protection Agency Clean Ports grants" (a few capitalised words between)
  for (let t = m.tokenEnd; t < Math.min(doc.tokens.count, m.tokenEnd + 4); t++) {
    if (MONEY_NOUNS.has(lower[t]!)) return true;
    if (pos[t] !== "PROPN" && pos[t] !== "NOUN") return false;
  }
  return false;
}

/**
 * Whether acceptance negated at `negator` before `verb` refuses: not disagreement with a view ("I cannot agree with
 * you on that"), "I could not agree with you more" (full agreement), "we may not agree with the country" (a
 * possibility) or "I won't necessarily agree with all that is in it" (a hedge).
 */
function refusal(doc: Doc, sent: Sentence, negator: number, verb: number): boolean {
  const { lower, pos, lemma } = doc.tokens;
  if (/^(may|might)$/.test(lower[negator - 1] ?? "")) return false;
  // agreement refused is to a proposal or an act ("would not agree to a peacekeeping force", "cannot agree on testing"), not
  // with a view or a person ("I cannot agree with you on that", "we don't agree that …", "they don't all agree")
  if (lemma[verb] === "agree") {
    let t = verb + 1;
    while (pos[t] === "ADV") t++;
    if (!/^(to|on|upon)$/.test(lower[t] ?? "")) return false;
  }
  for (let t = negator + 1; t < verb; t++) if (lower[t] === "necessarily") return false;
  for (let t = verb + 1; t < Math.min(sent.tokenEnd, verb + 6) && pos[t] !== "PUNCT"; t++) if (lower[t] === "more") return false;
  return true;
}

/** Auxiliaries of a negated statement of fact ("does not violate", "have not interfered"), not of a demand or a prediction. */
const DENYING_AUX = new Set(["do", "does", "did", "has", "have", "had", "is", "are", "was", "were", "am"]);
/** Verbs whose complement is what someone makes sure of, not what they state. */
const ENSURING = new Set(["ensure", "make", "guarantee", "see", "insure"]);

/**
 * A charge denied (CODING.md: "Y denied it" is REJECT by Y): a verb that would allege a wrong, negated in a
 * clause someone says of an act or of the speaker's own side ("Iran's Foreign Ministry said the missile tests do
 * not violate the nuclear deal", "saying they did not violate GATT trade rules", "China does not interfere in
 * others' internal affairs" in answer to a question reporting the charge). The speaker rejects the charge, made
 * by the author of the claim the question before reported when there is one. Not a negated wrong said of
 * someone else ("Russia has not violated …" by Ukraine), which judges another, and not when the sentence codes
 * a rejection already.
 */
function deniedCharge(doc: Doc, sent: Sentence, roles: TreeRoles, t: number, ev: Evaluation, ctx: CoderContext, coded: readonly CodedEvent[]): CodedEvent | null {
  if (ev.pos !== "VERB" || ev.type !== "ACCUSE" || sent.asked || coded.some((e) => e.type === "REJECT")) return null;
  const { tree } = roles;
  const { lower } = doc.tokens;
  if (tree.passive(t) || inCondition(tree, t) || tree.markOf(t) === "to" || /ing$/.test(lower[t]!)) return null;
  // ("as long as they … don't jeopardize our national security": a condition, however the parse hangs it)
  for (let u = sent.tokenStart; u + 2 < t; u++) if (lower[u] === "as" && lower[u + 1] === "long" && lower[u + 2] === "as") return null;
  // a statement of fact, not a demand, a prediction or a "not only … but also" charge ("should not interfere", "won't
  // obstruct", "not only violates WTO rules")
  const negator = tree.children(t).find((c) => NEGATORS.has(lower[c]!))!;
  if (lower[negator + 1] === "only") return null;
  const aux = tree.children(t, "aux").map((a) => lower[a]!);
  if (aux.some((a) => !DENYING_AUX.has(a)) || (!aux.length && lower[negator] !== "never")) return null;
  // (nor what someone makes sure of: "to ensure employers … do not discriminate")
  let clause = t;
  while (tree.relation(clause) === "conj" && tree.head(clause) >= 0) clause = tree.head(clause);
  // (nor what a relative clause says of a noun: "a future that … doesn't undermine it")
  if (ENSURING.has(doc.tokens.lemma[tree.head(clause)] ?? "") || tree.relation(clause).startsWith("acl")) return null;
  const speaker = speakerOf(doc, sent, roles, t, ctx);
  if (!speaker.length) return null;
  // the one cleared is the speaker's side or an act of theirs: "the missile tests", "our cooperation", "we"
  const subject = roles.subject(sent, t);
  if (subject) {
    const own = new Set(speaker.map((p) => doc.entities[p.entity]!.code));
    if (participants(doc, subject).some((p) => !own.has(doc.entities[p.entity]!.code))) return null;
  }
  // a denial answers someone's charge: in the text's own voice with no one whose claim it answers, it states a standing
  // policy ("China never interferes in the internal affairs of other countries", "Australian aid does not discriminate
  // between people"); a denial reported is news ("Iran's Foreign Ministry said the missile tests do not violate the deal")
  const accusers = othersThan(doc, claimAuthor(doc, sent, ctx), speaker);
  if (!accusers.length && !reportedSpeaker(doc, sent, roles, t, ctx)?.length) return null;
  return {
    sentence: sent.index,
    type: "REJECT",
    mode: null,
    context: contexts(doc, sent, ctx),
    cameo: "120",
    actor: speaker,
    recipient: accusers,
    date: doc.sentenceDates[sent.index] ?? null,
    trigger: { start: doc.tokens.start[t]!, end: doc.tokens.end[t]! },
    rule: `not ${ev.lemma} (denial)`,
  };
}

/**
 * The author of the claim that the question an answer follows reports: in the journalist's question before
 * `sent` (its sentences coded as asked or left out as questions, within eight sentences), the participant
 * named last before the first verb of claiming ("Japanese media reported that …", "Pompeo said in a statement
 * on June 1 that …"). None in a sentence that is itself asked.
 */
function claimAuthor(doc: Doc, sent: Sentence, ctx: CoderContext): EventParticipant[] {
  if (sent.asked) return [];
  const { tokens } = doc;
  let question: Sentence[] = [];
  for (let i = sent.index - 1; i >= Math.max(0, sent.index - 8); i--) {
    const s = doc.sentences[i]!;
    const asked = s.asked || s.skip === "question";
    if (asked) question = [s, ...question];
    else if (question.length) break;
  }
  for (const s of question) {
    const [from, to] = mentionRange(doc, s.index);
    for (let t = s.tokenStart; t < s.tokenEnd; t++) {
      if (tokens.pos[t] !== "VERB" || !ctx.lexicon.claimVerbs.has(tokens.lemma[t]!)) continue;
      for (let k = to - 1; k >= from; k--) {
        const m = doc.mentions[k]!;
        if (m.tokenEnd > t || t - m.tokenEnd > 8) continue;
        if (m.entity >= 0 && !(m.type === "pronoun" && /^(you|we|i)$/.test(tokens.lower[m.tokenStart]!))) return [{ entity: m.entity, mention: -1 }];
      }
      return [];
    }
  }
  return [];
}

/**
 * A consequence announced for another party (data/lexicon/threat-phrases.tsv): "we've been clear that Russia
 * will face massive consequences", "the US will have to bear all the consequences", "will pay a heavy price".
 * The speaker — the subject of the speech verb that governs the clause, else the text's own voice —
 * threatens the clause's subject. Not when negated, asked about or inside an "if" clause.
 */
function announcedConsequence(doc: Doc, sent: Sentence, roles: TreeRoles, ctx: CoderContext, coded: readonly CodedEvent[]): CodedEvent | null {
  const { tokens } = doc;
  const { tree } = roles;
  if (sent.asked || coded.some((e) => e.type === "THREATEN")) return null;
  for (let t = sent.tokenStart; t < sent.tokenEnd; t++) {
    const nouns = ctx.lexicon.threatPhrases.get(tokens.lemma[t]!);
    if (!nouns || tokens.pos[t] !== "VERB" || !tree.parsed(t)) continue;
    const object = tree.child(t, "obj");
    if (object < 0 || !nouns.has(tokens.lemma[object]!)) continue;
    // "will face", "must bear", "will have to bear"
    const modalOf = (v: number) => tree.children(v, "aux").some((a) => /^(will|would|shall|must|'ll)$/.test(tokens.lower[a]!));
    const governor = tree.relation(t) === "xcomp" && tokens.lemma[tree.head(t)] === "have" ? tree.head(t) : t;
    if (!modalOf(governor) && !modalOf(t)) continue;
    if ([t, governor].some((v) => tree.children(v).some((c) => NEGATORS.has(tokens.lower[c]!))) || inCondition(tree, t)) continue;
    const subject = roles.subject(sent, t);
    if (!subject) continue;
    const speaker = speakerOf(doc, sent, roles, t, ctx);
    if (!speaker.length) continue;
    const recipient = othersThan(doc, participants(doc, subject), speaker);
    if (!recipient.length) continue;
    return {
      sentence: sent.index,
      type: "THREATEN",
      mode: null,
      context: contexts(doc, sent, ctx),
      cameo: "130",
      actor: speaker,
      recipient,
      date: doc.sentenceDates[sent.index] ?? null,
      trigger: { start: tokens.start[t]!, end: tokens.end[object]! },
      rule: `${tokens.lemma[t]} * ${tokens.lemma[object]} (threat)`,
    };
  }
  return null;
}

/**
 * Whom a promise at `verb` is conditioned on: the subject of its "if" or
 * "unless" clause ("if Russia continues to escalate, we'll escalate too"),
 * when that is a participant other than the one promising.
 */
function conditionalTarget(doc: Doc, sent: Sentence, roles: TreeRoles, verb: number, actors: readonly EventParticipant[]): EventParticipant[] {
  const { tree } = roles;
  if (verb < 0 || !tree.parsed(verb)) return [];
  for (const c of tree.children(verb, "advcl")) {
    if (!/^(if|unless)$/.test(tree.markOf(c))) continue;
    const subject = roles.subject(sent, c);
    if (!subject) continue;
    const targets = othersThan(doc, participants(doc, subject), actors);
    if (targets.length) return targets;
  }
  return [];
}

/**
 * The parties an act by `actors` is aimed at: those of `parties` that are not
 * the actors themselves, nor the state an actor belongs to, nor anyone of a
 * state that acts ("China hopes China will …" asks nothing of anyone, and
 * China's spokesperson is not the target of China's blame).
 */
function othersThan(doc: Doc, parties: EventParticipant[], actors: readonly EventParticipant[]): EventParticipant[] {
  const ids = new Set(actors.map((p) => p.entity));
  const codes = new Set(actors.map((p) => doc.entities[p.entity]!.code));
  const states = new Set(actors.map((p) => doc.entities[p.entity]!).filter((e) => e.kind === "state").map((e) => e.code));
  return parties.filter((p) => {
    const e = doc.entities[p.entity]!;
    return !ids.has(p.entity) && !states.has(e.code) && !(e.kind === "state" && codes.has(e.code));
  });
}

/**
 * Whether the parse shows that the trigger at `head` reports no act of its own:
 * what someone is asked to do, coordinated or not ("urge Iran to fulfill its
 * obligations and cooperate with the IAEA"); an act dated to an earlier year
 * ("last made a State Visit to Singapore in 2017"); a condition ("if Russia
 * invades …") or a "since" clause recalling background (CODING.md); a
 * participle describing a noun ("restricted-attendance talks", "a
 * submarine-launched missile").
 */
function noActOfItsOwn(doc: Doc, tree: Tree, trigger: Trigger, head: number): boolean {
  const { lemma, lower } = doc.tokens;
  // the act this one is the purpose of ("convened a roundtable … to discuss …"), not one coordinated with it, which
  // has its own time ("New Zealand hosted in 2021 and the United States will host in 2023")
  const governing = tree.relation(head) === "xcomp" || (tree.relation(head) === "advcl" && tree.markOf(head) === "to") ? tree.head(head) : head;
  // up through coordination and infinitives of purpose to a verb of asking with someone asked
  // ("urge Iran to …"; "I want to thank …" is the speaker's own act)
  for (let x = head; tree.head(x) >= 0; x = tree.head(x)) {
    const rel = tree.relation(x);
    const h = tree.head(x);
    // ("call on Russia to withdraw its troops", "appealed to all sides to …": the one asked may be an oblique)
    const askedOblique = tree.children(h, "obl").some((o) => /^(on|upon|to)$/.test(tree.caseOf(o)));
    if (rel === "xcomp" && OBJECT_CONTROL.has(lemma[h]!) && (tree.child(h, "obj") >= 0 || tree.child(h, "iobj") >= 0 || askedOblique)) return true;
    // "the Ministers demanded that Russia immediately withdraw its military forces": what is demanded is not done
    if (rel === "ccomp" && DEMANDING.has(lemma[h]!)) return true;
    // (a subjectless clause the parse hangs beside the request is one more thing asked: "call on China to press
    // Russia to stop …, and immediately … withdraw its troops")
    if (rel === "parataxis" && OBJECT_CONTROL.has(lemma[h]!) && tree.child(x, "nsubj") < 0 && tree.child(h, "xcomp") >= 0) return true;
    if (rel !== "conj" && rel !== "xcomp" && !(rel === "advcl" && tree.markOf(x) === "to")) break;
  }
  // (a bare verb with no subject of its own, listed after what someone was urged "to" do, is one more thing asked, however
  // the parse hangs it: "to urge Russia to cease its military action …, withdraw its forces, and pursue diplomacy")
  if (tree.xpos(head) === "VB" && tree.child(head, "nsubj") < 0 && askedInList(doc, head)) return true;
  // ("On 3 March 2023 they convened a roundtable … to discuss …": what a recalled act was for is recalled with it)
  if (datedEarlier(doc, tree, trigger.pos === "AUX" ? tree.head(head) : head) || (governing !== head && governing >= 0 && datedEarlier(doc, tree, governing))) return true;
  if (inCondition(tree, head) || tree.markOf(head) === "since") return true;
  // "Nearly one year after Russia launched its invasion of Ukraine, 141 countries …": an act a span of months or years
  // before the news is its background
  // (read from the words, as the parse often takes the "after" for a preposition: "one year after Russia launched")
  for (let t = head - 1; t >= Math.max(0, head - 10) && lower[t] !== "," && lower[t] !== ";"; t--) {
    if ((lower[t] === "after" || lower[t] === "since") && [1, 2, 3].some((k) => LONG_SPANS.has(lower[t - k] ?? ""))) return true;
  }
  // a participle before its noun or hyphenated into it (a subject misread as the noun it would modify
  // stays: "The two Presidents committed to …")
  // (nor one right after "the two" or "both" alone, its subject, which the parse takes for a determiner: "The two
  // exchanged views on human rights issues")
  if (trigger.pos === "VERB" && !STATIVE.has(lower[head]!) && /^(amod|compound)$/.test(tree.relation(head))) {
    const referenceBefore = doc.mentions.some((m) => m.tokenEnd === head && m.type === "group" && /^(two|both)$/.test(lower[head - 1]!));
    if (!referenceBefore && (tree.head(head) > head || lower[head - 1] === "-" || lower[head + 1] === "-")) return true;
  }
  return false;
}

/** Spans that put an act "after" or "since" which the news happens well back in time ("a year after", "11 years since"). */
const LONG_SPANS = new Set(["year", "years", "months", "decade", "decades", "centuries", "century"]);

/** Whether the clause of token t is what a speech verb reports ("X said (that) …"), not under a condition. */
function reportedClause(doc: Doc, tree: Tree, t: number, lex: Lexicon): boolean {
  if (!tree.parsed(t)) return false;
  let x = t;
  while (tree.relation(x) === "conj" && tree.head(x) >= 0) x = tree.head(x);
  const h = tree.head(x);
  const verb = h >= 0 ? doc.tokens.lemma[h]! : "";
  // (what one thinks or believes "would" happen is still a hypothesis)
  return h >= 0 && tree.relation(x) === "ccomp" && lex.speechVerbs.has(verb) && verb !== "think" && verb !== "believe" && !inCondition(tree, t);
}

/** Whether token t stands in a clause introduced by "if", "unless" or "whether", or in a clause under one. */
function inCondition(tree: Tree, t: number): boolean {
  for (let x = t; x >= 0; x = tree.head(x)) if (/^(if|unless|whether)$/.test(tree.markOf(x))) return true;
  return false;
}

/**
 * Whether the bare verb at `head` follows, in a list joined by commas and "and", what a verb of asking asks someone "to"
 * do: "urge Russia to cease its military action against Ukraine immediately, withdraw its forces, and pursue diplomacy".
 */
function askedInList(doc: Doc, head: number): boolean {
  const { lower, lemma, pos } = doc.tokens;
  if (lower[head - 1] !== "," && lower[head - 1] !== "and" && !(pos[head - 1] === "ADV" && /^(,|and)$/.test(lower[head - 2] ?? ""))) return false;
  for (let u = head - 2; u >= Math.max(0, head - 40); u--) {
    const w = lower[u]!;
    if (w === "." || w === ";" || w === ":" || w === "that" || w === "but") return false;
    if (w === "to" && pos[u + 1] === "VERB") {
      // the verb that asks, with whom it asks between it and that "to" ("urge Russia to", "call on all countries to"; not
      // "the need to ensure")
      for (let v = u - 1; v >= Math.max(0, u - 6); v--) {
        if (pos[v] !== "VERB") continue;
        let asked = false;
        for (let a = v + 1; a < u; a++) asked ||= pos[a] === "NOUN" || pos[a] === "PROPN" || pos[a] === "PRON";
        return asked && OBJECT_CONTROL.has(lemma[v]!);
      }
      return false;
    }
  }
  return false;
}

/**
 * Whether token t stands in a condition the words open without "if": "Were the Russians to invade Ukraine, …", "Should
 * Russia invade, …" (an inverted condition opening the sentence), "In the event that Russia invades …", "in case of …"
 * — with no comma between the opening and t.
 */
function conditionOpening(doc: Doc, sent: Sentence, t: number): boolean {
  const { lower, text, pos } = doc.tokens;
  for (let u = t - 1; u >= sent.tokenStart; u--) {
    const w = lower[u]!;
    if (w === "," || w === ";" || w === ":") return false;
    if ((w === "event" && lower[u - 1] === "the" && lower[u - 2] === "in") || (w === "case" && lower[u - 1] === "in")) return /^(that|of)$/.test(lower[u + 1] ?? "") || pos[u + 1] !== "ADP";
    if (u === sent.tokenStart && /^(Were|Should|Had)$/.test(text[u]!) && pos[u + 1] !== "VERB") return true;
  }
  return false;
}

/** Whether a participant is of no other side than the actors: their state's own, an NGO, or of no state at all. */
function ownSide(doc: Doc, actors: EventParticipant[], p: EventParticipant): boolean {
  const code = doc.entities[p.entity]!.code;
  return !code || code === "NGO" || actors.some((a) => doc.entities[a.entity]!.code === code);
}

/**
 * Whether a short time phrase before the sentence's first comma, ahead of token `head`, recalls a time before the
 * story's: "Three years ago today, …", "In November 2014, …" (not a clause: "Building on guidance from last year, …").
 */
function frontedPast(doc: Doc, sent: Sentence, head: number): boolean {
  const { tokens } = doc;
  for (let t = sent.tokenStart; t < head && t < sent.tokenStart + 8; t++) {
    if (tokens.pos[t] === "VERB" || tokens.pos[t] === "AUX") return false;
    if (tokens.lower[t] !== ",") continue;
    return recallsPast(doc.text.slice(sent.start, tokens.start[t]!), doc.source.meta.storyDate);
  }
  return false;
}

/** Whether `verb` is a past tense in a "when" clause that stands before the clause it hangs on, undated or dated long before. */
function recalledWhen(doc: Doc, tree: Tree, verb: number): boolean {
  let clause = verb;
  while (tree.relation(clause) === "conj" && tree.head(clause) >= 0) clause = tree.head(clause);
  // ("when" is the clause's marker or, as the treebank has it, its adverb)
  const when = tree.markOf(clause) === "when" || tree.children(clause, "advmod").some((c) => doc.tokens.lower[c] === "when");
  if (tree.relation(clause) !== "advcl" || !when || clause > tree.head(clause) || tree.xpos(verb) !== "VBD") return false;
  // a clause that dates the act is news when the date is recent ("When Secretary Austin and Secretary Blinken met with
  // President Zelenskyy in Kyiv on Sunday, …"); one that does not is the time of what follows
  const text = phraseText(doc, tree, clause, CLAUSES);
  return namesTime(text) ? recallsPast(text, doc.source.meta.storyDate) : true;
}

/** Whether `verb` is a simple present in an adverbial clause of time ("when he meets …", "once he visits …"). */
function timeToCome(doc: Doc, tree: Tree, verb: number): boolean {
  if (!/^VB[PZ]$/.test(tree.xpos(verb))) return false;
  let clause = verb;
  while (tree.relation(clause) === "conj" && tree.head(clause) >= 0) clause = tree.head(clause);
  if (tree.relation(clause) !== "advcl") return false;
  const marks = [...tree.children(clause, "mark"), ...tree.children(clause, "advmod")].map((c) => doc.tokens.lower[c]!);
  if (marks.some((m) => TIME_MARKS.has(m))) return true;
  // (a mark the parse hung elsewhere, "until Xi visits" with "until" read as Xi's case: the words before the verb)
  const { lower, pos } = doc.tokens;
  for (let t = clause - 1; t >= Math.max(0, clause - 5); t--) {
    if (TIME_MARKS.has(lower[t]!) && (pos[t] === "SCONJ" || pos[t] === "ADP" || pos[t] === "ADV")) return true;
    if (pos[t] === "VERB" || pos[t] === "AUX" || pos[t] === "PUNCT") return false;
  }
  return false;
}

/** Words that open a clause of time. */
const TIME_MARKS = new Set(["when", "whenever", "once", "until", "till", "before", "after"]);

/**
 * Whether the act at t is one a time is reckoned from: a past act in a "since" clause ("since Russia launched its
 * invasion"), an act named by a noun after "since" ("since the invasion") or the subject of such a clause ("since
 * President Putin's war began in February"). Not "since" giving a reason in the present ("since they are …").
 */
function sinceTime(tree: Tree, t: number): boolean {
  if (tree.caseOf(t) === "since") return true;
  let clause = /^nsubj/.test(tree.relation(t)) ? tree.head(t) : t;
  while (clause >= 0 && tree.relation(clause) === "conj" && tree.head(clause) >= 0) clause = tree.head(clause);
  return clause >= 0 && tree.markOf(clause) === "since" && tree.xpos(clause) === "VBD";
}

/**
 * Whether the act at `verb` is dated to a year before the story's by a phrase
 * of its own ("in 2017", "last year", "in November 2019"), not by one inside
 * another phrase ("building on the Summit … in November 2023").
 */
function datedEarlier(doc: Doc, tree: Tree, verb: number): boolean {
  const story = doc.source.meta.storyDate;
  if (!story || verb < 0) return false;
  for (const c of tree.children(verb)) {
    const rel = tree.relation(c);
    if (!rel.startsWith("obl") && rel !== "advmod" && !rel.startsWith("nmod:tmod") && !rel.startsWith("nmod:unmarked")) continue;
    // the phrase itself, not a clause inside it ("to Racine – the same location … visited six years ago")
    if (recallsPast(phraseText(doc, tree, c, CLAUSES), story)) return true;
  }
  return false;
}

/** Relations that hang a clause on a word, and those or a conjunct. */
const CLAUSES = /^(acl|advcl|ccomp|parataxis)/;
const CLAUSES_OR_CONJUNCTS = /^(acl|advcl|ccomp|parataxis|conj)/;

/** The words of the phrase token t heads, in order, leaving out dependents whose relation matches `skip`. */
function phraseText(doc: Doc, tree: Tree, t: number, skip: RegExp): string {
  const phrase: number[] = [];
  const stack = [t];
  while (stack.length) {
    const u = stack.pop()!;
    phrase.push(u);
    for (const k of tree.children(u)) if (!skip.test(tree.relation(k))) stack.push(k);
  }
  return phrase.sort((a, b) => a - b).map((u) => doc.tokens.text[u]).join(" ");
}

/** Verbs of stopping: an act they govern is asked to end, not charged. */
const CEASING = new Set(["stop", "refrain", "cease", "quit", "halt", "end", "abandon", "desist"]);

/** Modals by which a hoped-for clause asks its subject to act: "we hope the US side could do more". */
const HOPE_MODALS = new Set(["can", "could", "will", "would", "should", "may", "might", "'ll"]);

/**
 * A request phrased as a hope (data/lexicon/hope-verbs.txt): "We hope the US
 * side could do more to promote exchanges", "He hopes China can deal with this
 * issue humanely" is a REQUEST by the one hoping of the hoped clause's subject,
 * when that clause has a modal and its subject is someone else. One a
 * sentence; none where a trigger already codes a request.
 */
function hopedRequest(doc: Doc, sent: Sentence, roles: TreeRoles, ctx: CoderContext, coded: readonly CodedEvent[]): CodedEvent | null {
  const { tokens } = doc;
  const { tree } = roles;
  if (coded.some((e) => e.type === "REQUEST")) return null;
  for (let h = sent.tokenStart; h < sent.tokenEnd; h++) {
    if (!ctx.lexicon.hopeVerbs.has(tokens.lemma[h]!) || tokens.pos[h] !== "VERB" || !tree.parsed(h)) continue;
    if (tree.children(h).some((c) => NEGATORS.has(tokens.lower[c]!)) || inCondition(tree, h)) continue;
    const hoper = roles.subject(sent, h);
    if (!hoper) continue;
    const actor = participants(doc, hoper);
    for (const c of tree.children(h, "ccomp")) {
      if (!tree.children(c, "aux").some((a) => HOPE_MODALS.has(tokens.lower[a]!))) continue;
      const subject = tree.subjectOf(c);
      if (!subject) continue;
      // "we hope all parties could …": asked of everyone, no one entity ("the two countries" are two)
      const named = roles.subject(sent, c);
      const pair = !!named?.some((m) => m.entity >= 0 && doc.entities[m.entity]!.members.length > 0 && doc.entities[m.entity]!.members.every((id) => doc.entities[id]!.kind === "state"));
      const everyone = EVERYONE.has(tokens.lower[subject.token]!) && !pair;
      // "we hope that our two sides will follow the consensus", "both of us": a wish for the hoper's own side too, no request
      if (everyone && ownPhrase(tokens, tree.span(subject.token))) continue;
      const asked = everyone ? [] : named;
      if (!asked) continue;
      const recipient = othersThan(doc, participants(doc, asked), actor);
      if (!recipient.length && !everyone) continue;
      return {
        sentence: sent.index,
        type: "REQUEST",
        mode: requestMode(doc, c, sent.tokenEnd, ctx),
        context: contexts(doc, sent, ctx),
        cameo: "100",
        actor,
        recipient,
        date: doc.sentenceDates[sent.index] ?? null,
        trigger: { start: tokens.start[h]!, end: tokens.end[h]! },
        rule: `${tokens.lemma[h]} (request)`,
      };
    }
  }
  return null;
}

/** Who is answerable for an act coded before: its actors, or, when those are the speakers' own side, the ones it was aimed at. */
function actOf(doc: Doc, act: CodedEvent, speakers: readonly EventParticipant[]): EventParticipant[] {
  const own = new Set(speakers.map((p) => doc.entities[p.entity]!.code));
  const others = (ps: readonly EventParticipant[]) => ps.filter((p) => !own.has(doc.entities[p.entity]!.code)).map((p) => ({ entity: p.entity, mention: -1 }));
  return act.actor.some((p) => own.has(doc.entities[p.entity]!.code)) ? others(act.recipient) : others(act.actor);
}

/**
 * Whether a trigger ending before token `end` takes a bare "it", "that" or "this" for its object: "opposes that and has lodged
 * …", "is firmly opposed to it.", "deplores and firmly opposes that." (read from the words: the parse may take "that" for a
 * subordinator), not "that decision", "that the US …".
 */
function anaphoricObject(doc: Doc, end: number): boolean {
  const { lower, pos } = doc.tokens;
  let t = end;
  // (shared with a verb coordinated after it: "deplores and firmly opposes that")
  if (lower[t] === "and") {
    t++;
    while (pos[t] === "ADV") t++;
    if (pos[t] !== "VERB") return false;
    t++;
  }
  if (lower[t] === "to") t++;
  return /^(it|that|this)$/.test(lower[t] ?? "") && /^(PUNCT|CCONJ)$/.test(pos[t + 1] ?? "PUNCT");
}

/** The first verb after token t and before `limit` ("will also travel": "travel"), or -1. */
function nextVerb(doc: Doc, t: number, limit: number): number {
  for (let u = t + 1; u < limit; u++) if (doc.tokens.pos[u] === "VERB") return u;
  return -1;
}

/**
 * Whether a participant is an organization of the state whose release the text is ("the Department of Energy" in a White
 * House fact sheet), or that state as its government at home ("the Biden-Harris Administration will make vaccinations
 * available at children's hospitals").
 */
function homeBody(doc: Doc, p: EventParticipant, ctx: CoderContext): boolean {
  const e = doc.entities[p.entity]!;
  if (!e.code || e.code !== ctx.publisherCode || !ctx.kb.states.has(e.code)) return false;
  if (e.kind === "org") return true;
  // (or the state named by its government at home: "the Administration", "the Federal Government", "the White House")
  const m = p.mention >= 0 ? doc.mentions[p.mention]! : null;
  if (e.kind !== "state" || !m) return false;
  for (let t = m.tokenStart; t < m.tokenEnd; t++) if (ctx.lexicon.homeGovernmentWords.has(doc.tokens.lower[t]!)) return true;
  return false;
}

/** Whether a phrase spanning tokens [from, to] says it is the speaker's own ("our two countries", "both of us"). */
function ownPhrase(tokens: Doc["tokens"], [from, to]: [number, number]): boolean {
  for (let t = from; t <= to; t++) if (tokens.lower[t] === "our" || tokens.lower[t] === "us") return true;
  return false;
}

/**
 * Who says the clause holding token t: the subject of the speech verb it is
 * the complement of ("X said Y had violated …"), else the text's own voice.
 * None inside a condition ("if they violate …") or a request to stop.
 */
function speakerOf(doc: Doc, sent: Sentence, roles: TreeRoles, t: number, ctx: CoderContext): EventParticipant[] {
  return reportedSpeaker(doc, sent, roles, t, ctx) ?? voiceOf(doc, sent, ctx);
}

/**
 * Who speaks the clause of token t when a speech verb governs it (the verb's subject; none when the parse names
 * no one, or the clause is a condition or what someone is asked to stop), or null when no speech verb does.
 */
function reportedSpeaker(doc: Doc, sent: Sentence, roles: TreeRoles, t: number, ctx: CoderContext): EventParticipant[] | null {
  const { tree } = roles;
  const { tokens } = doc;
  let x = t;
  for (;;) {
    if (/^(if|unless|whether|until)$/.test(tree.markOf(x))) return []; // (a condition, as inCondition)
    // "Russia and Syria are weaponising migration, Gen Breedlove said": the speech verb hangs on what it reports
    const tag = tree.children(x, "parataxis").find((c) => c > x && ctx.lexicon.speechVerbs.has(tokens.lemma[c]!));
    if (tag !== undefined) {
      const said = roles.subject(sent, tag);
      return said ? participants(doc, said) : [];
    }
    const h = tree.head(x);
    if (h < 0) return null;
    // what someone is asked to stop ("urge the US to stop interfering", "should refrain from politicizing") is the request's
    if (CEASING.has(tokens.lemma[h]!) || headsTrigger(doc, sent, h, ctx.lexicon, "REQUEST")) return [];
    const rel = tree.relation(x);
    // ("India violated the ceasefire, the Pakistani military said": a fronted report the parse may hang as an
    // adverbial clause, with no subordinator)
    const fronted = rel === "advcl" && x < h && tree.markOf(x) === "";
    if ((rel === "ccomp" || rel === "parataxis" || fronted) && ctx.lexicon.speechVerbs.has(doc.tokens.lemma[h]!)) {
      const said = roles.subject(sent, h);
      return said ? participants(doc, said) : [];
    }
    x = h;
  }
}

/**
 * Whether a speech verb before token `before` in the sentence has one of `actors`, or one who speaks for an acting state,
 * for its subject: "Moon said yesterday that … he will work for …" (read from the words, which a journalist's long
 * question may leave the parse no good hold on).
 */
function saidByActor(doc: Doc, sent: Sentence, before: number, mentionOf: Int32Array, actors: readonly EventParticipant[], ctx: CoderContext): boolean {
  const { tokens } = doc;
  // (or one speaking for an acting state: "Pompeo said that the United States will defend the Philippines")
  const speaks = (p: EventParticipant, a: EventParticipant) => a.entity === p.entity || (doc.entities[a.entity]!.kind === "state" && doc.entities[p.entity]!.code === doc.entities[a.entity]!.code);
  for (let v = sent.tokenStart + 1; v < before; v++) {
    if (tokens.pos[v] !== "VERB" || !ctx.lexicon.speechVerbs.has(tokens.lemma[v]!)) continue;
    if (participants(doc, subjectOf(doc, sent, v, mentionOf)).some((p) => actors.some((a) => speaks(p, a)))) return true;
  }
  return false;
}

/** Whether token h heads a trigger (of `type`, if given), its whole pattern there ("urge", "made an appeal"; not "made clear"). */
function headsTrigger(doc: Doc, sent: Sentence, h: number, lexicon: Lexicon, type?: string): boolean {
  return !!lexicon
    .headedBy(doc.tokens, h)
    ?.some((tr) => (!type || tr.type === type) && posFits(tr, doc.tokens, h) && matchRest(doc.tokens, h + 1, sent.tokenEnd, tr.rest) >= 0);
}

/** A day the news dates a reported act by, in the act's own phrase: "on Monday", "last Friday's", "yesterday". */
const DAY_ANCHOR = /\b(?:today|yesterday|tonight|last night|(?:this|last|earlier this) week(?:end)?|(?:last )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s|’s)?)\b/i;

/**
 * An act named by a noun (lexicon roles `nominal`): the doer its own phrase names — the possessor
 * ("the United States' attack"), a state's adjective or name before the noun ("an Iranian missile
 * attack", "Russian airstrikes") or "by X" — and the recipient its frame names ("on a Kuwaiti ship").
 * Only an act the text reports happening: dated in its own phrase to a day of the story's week
 * ("on Monday", "last Friday's") or the subject of what it did, in the past tense ("the rocket attack on
 * the city killed 14"; not "Russia's war … continues to inflict"); a topic ("discussed Russia's war against Ukraine") or a recalled act ("the 2003 invasion of
 * Iraq") is none, and nor is a figure of speech ("trade war").
 */
function nominalEvent(doc: Doc, roles: TreeRoles, sent: Sentence, head: number, trigger: Trigger, ctx: CoderContext): { actor: Mention[]; recipient: Mention[] } | null {
  const { tree } = roles;
  const { tokens } = doc;
  // (a named war is history, "the Korean War"; a word the parser's tagger reads as a verb, or with a subject, auxiliary
  // or object of its own, is a verb the tags missed: "Should Iran attack any of our citizens")
  if (!tree.parsed(head) || ctx.lexicon.figurative.has(tokens.lower[head - 1] ?? "") || /^\p{Lu}/u.test(tokens.text[head]!)) return null;
  if (tree.upos(head) !== "NOUN" || tree.children(head).some((c) => /^(nsubj|aux|obj)/.test(tree.relation(c))) || inCondition(tree, head)) return null;
  // ("Any nuclear attack by North Korea … is unacceptable": an act of no one in particular, not yet done)
  if (nonspecific(tree, tokens, head)) return null;
  // the noun's own phrase, without clauses or conjuncts hung on it
  const text = phraseText(doc, tree, head, CLAUSES_OR_CONJUNCTS);
  const story = doc.source.meta.storyDate;
  if (story && recallsPast(text, story)) return null;
  // (or as the subject of what it did: "the rocket attack on the city killed 14"; not of what it goes on doing, a standing
  // state the text recalls — "Russia's war against Ukraine poses an external threat", "Putin's war continues to inflict
  // horror" —, nor of what it would do: "a further Russian invasion of Ukraine would produce …")
  const governor = tree.head(head);
  const reported = DAY_ANCHOR.test(text) || (/^nsubj/.test(tree.relation(head)) && governor >= 0 && tree.xpos(governor) === "VBD");
  if (!reported) return null;
  // the doer: a possessor or modifier before the noun, or "by X" after it
  let actor: Mention[] | null = null;
  for (const c of tree.children(head)) {
    const rel = tree.relation(c);
    const doer = c < head ? rel === "nmod:poss" || rel === "amod" || rel === "compound" : rel === "nmod" && tree.caseOf(c) === "by";
    if (doer && (actor = roles.owner(c))) break;
  }
  if (!actor) return null;
  const recipient = roles.byFrame(sent, head, head, trigger.frame, head + 1) ?? [];
  return { actor, recipient };
}

/** Modals of what someone will or should do. */
const UNDERTAKING_MODALS = new Set(["will", "would", "shall", "should", "must", "'ll", "can", "could"]);

/**
 * Whether the clause at `clause` that parties "agreed that" … says what they undertake: something their own side
 * will, would or should do ("they will remain in close coordination", "the foreign ministries of the two countries
 * should maintain close communication", "Singapore and New Zealand would further enhance cooperation"), a commitment
 * of theirs ("were committed to …"), or room to do more ("there was scope for the two countries to expand
 * collaboration"); not a view of the world ("continued Iranian nuclear advances will jeopardize …", "the package they
 * are closing in on would mean unprecedented progress").
 */
function agreedUndertaking(doc: Doc, sent: Sentence, roles: TreeRoles, clause: number, actors: readonly EventParticipant[]): boolean {
  const { tree } = roles;
  const { lower, lemma } = doc.tokens;
  const subject = tree.subjectOf(clause)?.token ?? -1;
  if (subject < 0) return false;
  if (tree.child(clause, "expl") >= 0) return /^(scope|room|potential)$/.test(lemma[subject]!);
  // (the subjunctive of what is to be done is the parties' to do: "agreed that a second pilot project be established")
  const auxes = tree.children(clause, "aux").concat(tree.children(clause, "aux:pass"));
  const modal = auxes.some((a) => UNDERTAKING_MODALS.has(lower[a]!));
  if (!modal && ((!auxes.length && tree.xpos(clause) === "VB") || auxes.some((a) => lower[a] === "be" && tree.xpos(a) === "VB"))) return true;
  if (!modal && !(lower[clause] === "committed" || lower[clause] === "determined")) return false;
  if (/^(we|they|us)$/.test(lower[subject]!)) return true;
  // (the parties' own: "our teams", "bilateral cooperation", "the two sides", "officials of both countries")
  const [from, to] = tree.span(subject);
  for (let t = from; t <= to; t++) if (/^(two|both|sides|each|our|their|bilateral|joint)$/.test(lower[t]!)) return true;
  const own = new Set(actors.map((p) => doc.entities[p.entity]!.code).filter((c) => c));
  return participants(doc, roles.subject(sent, clause) ?? []).some((p) => own.has(doc.entities[p.entity]!.code));
}

/** Whether `verb` heads its sentence's clause, alone or coordinated with the head ("… and must change" under "believe" is not). */
function mainClause(tree: Tree, verb: number): boolean {
  let t = verb;
  while (tree.relation(t) === "conj" && tree.head(t) >= 0) t = tree.head(t);
  return tree.head(t) === ROOT;
}

/** Whether token t stands inside quotation marks within its sentence. */
function insideQuotation(doc: Doc, sent: Sentence, t: number): boolean {
  const before = doc.text.slice(sent.start, doc.tokens.start[t]!);
  const straight = (before.match(/"/g) ?? []).length;
  const open = (before.match(/“/g) ?? []).length;
  const close = (before.match(/”/g) ?? []).length;
  return straight % 2 === 1 || open > close;
}

/** Who speaks for the text: what its "we" stands for, else the publishing state. */
function voiceOf(doc: Doc, sent: Sentence, ctx: CoderContext): EventParticipant[] {
  if (sent.asked) return []; // a journalist speaks for no one
  const we = doc.mentions.find((m) => m.type === "pronoun" && m.entity >= 0 && /^(we|us|our)$/.test(doc.tokens.lower[m.tokenStart]!));
  if (we) return participants(doc, [we]);
  return ctx.publisherCode ? stateParticipant(doc, ctx, ctx.publisherCode) : [];
}

/** The state of `code` as a participant named by no mention (the text's own voice, a host), if it is a state. */
function stateParticipant(doc: Doc, ctx: CoderContext, code: string): EventParticipant[] {
  if (!ctx.kb.states.has(code)) return [];
  let state = doc.entities.find((e) => e.kind === "state" && e.code === code);
  if (!state) {
    state = { id: doc.entities.length, name: ctx.kb.states.get(code)!.name, kind: "state", code, office: null, source: "kb", kbKey: code, gender: null, members: [] };
    doc.entities.push(state);
  }
  return [{ entity: state.id, mention: -1 }];
}

/** "receive a ceremonial welcome", "received a warm reception": the subject is the one welcomed. */
function receivesWelcome(doc: Doc, from: number, limit: number): boolean {
  for (let t = from; t < Math.min(limit, from + 4); t++) {
    const w = doc.tokens.lower[t]!;
    if (w === "welcome" || w === "reception") return true;
    if (!/^(DET|ADJ|ADV)$/.test(doc.tokens.pos[t]!)) return false;
  }
  return false;
}

/**
 * The parties a meeting noun's own phrase names, for "X was held" and "X took place": those before the
 * noun in its phrase ("the China-Philippines diplomatic consultation", "the US-China trade talks") and
 * those after it up to the verb ("talks between the EC and Comecon"), places left out.
 */
function heldMeetingParties(doc: Doc, sent: Sentence, noun: number, verb: number, mentionOf: Int32Array): Mention[] {
  const { tokens } = doc;
  let from = noun;
  while (from > sent.tokenStart && (/^(PROPN|ADJ|NOUN|NUM|DET)$/.test(tokens.pos[from - 1]!) || /^[-–]$/.test(tokens.text[from - 1]!))) from--;
  let to = verb;
  while (to > noun && /^(AUX|ADV|PART)$/.test(tokens.pos[to - 1]!)) to--;
  const out: Mention[] = [];
  for (let t = from; t < to; t++) {
    const mi = mentionOf[t]!;
    if (mi < 0) continue;
    const m = doc.mentions[mi]!;
    t = Math.max(t, m.tokenEnd - 1);
    if (isParticipant(m, doc) && !isLocation(doc, m) && !out.includes(m)) out.push(m);
  }
  return out;
}

/** Whom a host receives: its direct object, or those a hosted occasion honours ("host a State Banquet in honour of Their Majesties", "host lunch for …"). */
function hostedGuests(doc: Doc, from: number, limit: number, mentionOf: Int32Array): Mention[] {
  const direct = directObject(doc, from, limit, mentionOf);
  if (direct.length) return direct;
  const l = doc.tokens.lower;
  for (let t = from; t < Math.min(limit, from + 8); t++) {
    if (doc.tokens.pos[t] === "VERB" || /^[,;.]$/.test(l[t]!)) break;
    if (l[t] === "honour" || l[t] === "honor") return l[t + 1] === "of" ? mentionsFrom(doc, t + 2, limit, mentionOf) : [];
    if (l[t] === "for" && t > from) return mentionsFrom(doc, t + 1, limit, mentionOf);
  }
  return [];
}

/** "asked X to consider …", "calling them to push …": the verb of "to" + a verb after an object, or -1. */
function infinitiveAfterObject(doc: Doc, from: number, limit: number): number {
  const { tokens } = doc;
  for (let t = from; t < Math.min(limit, from + 25); t++) {
    if (tokens.lower[t] === "to" && tokens.pos[t + 1] === "VERB") return t + 1;
    // (a quotation names, it does not ask: "called the demonstrations “a beautiful sight to behold”")
    if (/^[;"“”]$/.test(tokens.lower[t]!) || (tokens.pos[t] === "VERB" && tokens.lower[t - 1] !== "to")) return -1;
  }
  return -1;
}

interface Discourse {
  /** Entities of the latest meeting coded, for "the two sides", and the sentence that reports it. */
  lastMeeting: number[];
  lastMeetingSentence: number;
  /** The latest meeting coded, for the means and sides of talk among its parties in the sentences after it. */
  lastMeetingEvent: CodedEvent | null;
  /** The parties of each meeting when the latest was held one with each party ("had separate meetings with A and B"), else null. */
  lastMeetingParts: number[][] | null;
  /** The meeting whose attendees the text lists, if any. */
  gathering: Gathering | null;
  /** The latest demand or criticism and whom it was aimed at. */
  lastTarget: { sentence: number; parties: number[] } | null;
  /** The last event coded in a sentence before, for "opposes that". */
  lastAct: CodedEvent | null;
  /** Sentences whose threat is coded already (one a sentence: "…, and the US will have to bear the consequences" is the same threat). */
  threatened: Set<number>;
  /** Participants read from the document's dependency trees (null when nothing was parsed). */
  roles: TreeRoles | null;
}

/** CONSULT's mode: by phone or video, at a multilateral meeting, or a visit when it happens in one side's country. */
function consultMode(doc: Doc, sent: Sentence, text: string, parts: EventParticipant[], docLocation: string | null, near: number): string | null {
  if (PHONE_WORDS.test(text)) return "phone";
  const codes = new Set(parts.map((p) => doc.entities[p.entity]!.code).filter((c): c is string => !!c));
  if (MULTILATERAL_WORDS.test(text) && (codes.size >= 3 || parts.length >= 3)) return "multilateral";
  const local = sentenceLocation(doc, sent, near);
  const here = local ?? docLocation;
  if (here && codes.has(here) && [...codes].some((c) => c !== here)) return "visit";
  // met somewhere none of them is from: among three or more that is a multilateral meeting
  if (local && codes.size >= 3 && !codes.has(local)) return "multilateral";
  if (local && codes.size >= 2 && !codes.has(local)) return "third-party";
  return null;
}

/** Where a text places its events: "in …" in its first sentences, else its news dateline's place ("TOKYO, March 17 - "). */
function leadLocation(doc: Doc): string | null {
  const lead = doc.sentences.filter((x) => !x.skip).slice(0, 3);
  for (const s of lead) {
    const l = sentenceLocation(doc, s);
    if (l) return l;
  }
  const first = lead[0];
  if (!first) return null;
  const body = afterDateline(doc, first);
  const [r0, r1] = mentionRange(doc, first.index);
  let dateline: string | null = null;
  for (let j = r0; j < r1 && !dateline; j++) {
    const m = doc.mentions[j]!;
    if (m.tokenStart >= body) break;
    const e = m.entity >= 0 ? doc.entities[m.entity]! : null;
    if (e?.kind === "state" && e.code) dateline = e.code;
  }
  // a bureau's dateline over a story about elsewhere ("DUBAI" over Xi's visit to Tehran) places nothing:
  // the lead must name the dateline's state too
  const named = (s: Sentence) => {
    const [a, b] = mentionRange(doc, s.index);
    for (let j = a; j < b; j++) {
      const m = doc.mentions[j]!;
      if (m.entity >= 0 && m.tokenStart >= (s === first ? body : s.tokenStart) && doc.entities[m.entity]!.code === dateline) return true;
    }
    return false;
  };
  return dateline && lead.some(named) ? dateline : null;
}

function requestMode(doc: Doc, from: number, to: number, ctx: CoderContext): string {
  const words = new Set<string>();
  for (let t = from; t < to; t++) {
    words.add(doc.tokens.lemma[t]!);
    words.add(doc.tokens.lower[t]!);
  }
  for (const [w, mode] of ctx.lexicon.requestModes) if (words.has(w)) return mode;
  return "change";
}

function contexts(doc: Doc, sent: Sentence, ctx: CoderContext): string[] {
  const out = new Set<string>();
  for (let t = sent.tokenStart; t < sent.tokenEnd; t++) {
    const c = ctx.lexicon.contexts.get(doc.tokens.lemma[t]!) ?? ctx.lexicon.contexts.get(doc.tokens.lower[t]!);
    if (c) out.add(c);
  }
  return [...out].sort();
}

/** Whether meeting `a` is held among some of those meeting `b` is, with no visitor or host of its own. */
function partOfMeeting(a: CodedEvent, b: CodedEvent): boolean {
  if (b.type !== "CONSULT" || a.recipient.length || a.mode !== null) return false;
  const met = new Set([...b.actor, ...b.recipient].map((p) => p.entity));
  return a.actor.every((p) => met.has(p.entity));
}

/** Whether two events of a sentence say the same: one type, the same actors and recipients. */
function sameEvent(a: CodedEvent, b: CodedEvent): boolean {
  const ids = (ps: EventParticipant[]) => ps.map((p) => p.entity).sort((x, y) => x - y).join(",");
  return a.type === b.type && ids(a.actor) === ids(b.actor) && ids(a.recipient) === ids(b.recipient);
}
