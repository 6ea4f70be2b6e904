import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { Tokens } from "../doc/document.ts";
import { readTsv, readWordList, type Row } from "../kb/tsv.ts";
import { EVENT_TYPES } from "../store/model.ts";

/** Words that negate the verb they stand before. */
export const NEGATORS: ReadonlySet<string> = new Set(["not", "n't", "never", "no", "neither", "nor"]);

export type Roles = "object" | "framed" | "with" | "joint" | "host" | "inviter" | "held" | "nominal" | "present" | "none";

export interface Trigger {
  /** Lemmas after the head; "*" lets up to three words stand between. */
  rest: string[];
  pattern: string;
  pos: "VERB" | "NOUN" | "AUX" | "ADJ";
  type: string;
  mode: string | null;
  cameo: string;
  roles: Roles;
  /** The relations that carry the recipient in the parse, in order of preference ("obl:to", "nmod:over"); empty: `roles` alone. */
  frame: string[];
  /**
   * What the actor must be: anyone; an armed force ("Iraqi warplanes attacked a tanker", not "attacked China's
   * policy"); or the verb's subject itself, not a participant somewhere in its phrase ("the Minister arrived in
   * Tehran", not "supplies donated by the Chinese government arrived in Canada").
   */
  actor: "any" | "armed" | "subject";
}

/** A word that blames or dismisses whom it is said of ("violate", "groundless"). */
export interface Evaluation {
  lemma: string;
  pos: "VERB" | "ADJ" | "NOUN";
  type: string;
  cameo: string;
  /** The PLOVER mode ("allege", "disapprove"), or null. */
  mode: string | null;
}

/** The trigger lexicon and the word lists that choose modes and contexts, from data/lexicon/. */
export class Lexicon {
  /** Triggers by head lemma, longest pattern first. */
  readonly byHead = new Map<string, Trigger[]>();
  readonly requestModes: Array<[string, string]>;
  readonly contexts = new Map<string, string>();
  /** Per trigger pattern: dependents that mark another sense of its head ("committed war crimes"). */
  readonly otherSenses = new Map<string, Array<{ relation: string; lemmas: ReadonlySet<string> }>>();
  /** Modals that voice a demand on their verb's subject, as written, with their kind: an auxiliary ("must") or a verb taking "to" ("needs") (data/lexicon/demand-modals.tsv). */
  readonly demandModals = new Map<string, "aux" | "verb">();
  /** Verbs that after "will" state no intention to code (data/lexicon/not-promises.tsv), by lemma. */
  readonly notPromises: ReadonlySet<string>;
  /** Words that blame or dismiss whom they are said of, by lemma (data/lexicon/evaluations.tsv). */
  readonly evaluations = new Map<string, Evaluation>();
  /** Verbs whose subject speaks the clause they govern, by lemma (data/lexicon/speech-verbs.txt). */
  readonly speechVerbs: ReadonlySet<string>;
  /** Words before "to" + an act that announce it as planned ("plans to visit", "is due to meet"), as written (data/lexicon/schedule-words.txt). */
  readonly scheduleWords: ReadonlySet<string>;
  /** Predicates of an impersonal demand after "it is" ("time", "imperative", "incumbent"), lower case (data/lexicon/demand-predicates.txt). */
  readonly demandPredicates: ReadonlySet<string>;
  /** Verbs whose modal "that" clause asks its subject to act ("we hope the US could …"), by lemma (data/lexicon/hope-verbs.txt). */
  readonly hopeVerbs: ReadonlySet<string>;
  /** Words that name a state by its government at home ("administration", "federal"), folded (data/lexicon/home-government-words.txt). */
  readonly homeGovernmentWords: ReadonlySet<string>;
  /** Verbs of going somewhere ("travel", "visit"), by lemma (data/lexicon/travel-verbs.txt): a trip within one's own state is no undertaking. */
  readonly travelVerbs: ReadonlySet<string>;
  /** Nouns of work under way whose infinitive is an act of its own ("efforts to hold Russia accountable"; data/lexicon/effort-nouns.txt). */
  readonly effortNouns: ReadonlySet<string>;
  /** Words that make plural meetings one with each party ("had separate meetings with A and B"; data/lexicon/separate-words.txt). */
  readonly separateWords: ReadonlySet<string>;
  /** Verbs whose object is a topic talked about, not an act done ("discussed efforts to impose sanctions"), by lemma (data/lexicon/topic-verbs.txt). */
  readonly topicVerbs: ReadonlySet<string>;
  /** Verbs and adjectives whose "that" clause predicts ("I believe we will …"), by lemma (data/lexicon/belief-words.txt). */
  readonly beliefWords: ReadonlySet<string>;
  /** Words that name armed forces and their weapons ("troops", "warplanes", "army"), folded (data/lexicon/armed-actors.txt). */
  readonly armedWords: ReadonlySet<string>;
  /** Nouns of acts of force, by lemma: an accusation of one blames its doer, not its victim (data/lexicon/force-nouns.txt). */
  readonly forceNouns: ReadonlySet<string>;
  /** Nouns of what someone said ("those reports", "his remarks"), by lemma (data/lexicon/claim-nouns.txt). */
  readonly claimNouns: ReadonlySet<string>;
  /** Verbs by which a question reports someone's claim ("X reported that …"), by lemma (data/lexicon/claim-verbs.txt). */
  readonly claimVerbs: ReadonlySet<string>;
  /** Words that make an act of force figurative right before its noun ("trade war"), lower case (data/lexicon/figurative-modifiers.txt). */
  readonly figurative: ReadonlySet<string>;
  /** Verbs of a consequence announced for another ("will face consequences"), with the object lemmas that make it a threat (data/lexicon/threat-phrases.tsv). */
  readonly threatPhrases = new Map<string, ReadonlySet<string>>();

  constructor(dataDir: string) {
    const dir = join(dataDir, "lexicon");
    const seen = new Map<string, string>();
    for (const [type, file] of triggerFiles(join(dir, "triggers"))) for (const r of readTsv(file)) this.addTrigger(type, r, seen);
    for (const l of this.byHead.values()) l.sort((a, b) => b.rest.length - a.rest.length);
    this.requestModes = readTsv(join(dir, "request-modes.tsv")).map((r) => [r.word!, r.mode!]);
    for (const r of readTsv(join(dir, "contexts.tsv"))) this.contexts.set(r.word!, r.context!);
    this.notPromises = new Set(readTsv(join(dir, "not-promises.tsv")).map((r) => r.lemma!));
    for (const r of readTsv(join(dir, "demand-modals.tsv"))) {
      if (r.kind !== "aux" && r.kind !== "verb") throw new Error(`${r.__line}: kind "${r.kind}"; expected aux or verb`);
      this.demandModals.set(r.word!, r.kind);
    }
    for (const r of readTsv(join(dir, "evaluations.tsv"))) {
      this.evaluations.set(r.lemma!, { lemma: r.lemma!, pos: r.pos === "ADJ" || r.pos === "NOUN" ? r.pos : "VERB", type: r.type!, cameo: r.cameo!, mode: r.mode || null });
    }
    this.speechVerbs = readWordList(join(dir, "speech-verbs.txt"));
    this.hopeVerbs = readWordList(join(dir, "hope-verbs.txt"));
    this.travelVerbs = readWordList(join(dir, "travel-verbs.txt"));
    this.homeGovernmentWords = readWordList(join(dir, "home-government-words.txt"));
    this.effortNouns = readWordList(join(dir, "effort-nouns.txt"));
    this.separateWords = readWordList(join(dir, "separate-words.txt"));
    this.topicVerbs = readWordList(join(dir, "topic-verbs.txt"));
    this.beliefWords = readWordList(join(dir, "belief-words.txt"));
    this.demandPredicates = readWordList(join(dir, "demand-predicates.txt"));
    this.scheduleWords = readWordList(join(dir, "schedule-words.txt"));
    this.armedWords = readWordList(join(dir, "armed-actors.txt"));
    for (const r of readTsv(join(dir, "threat-phrases.tsv"))) this.threatPhrases.set(r.verb!, new Set(r.nouns!.split("|")));
    this.figurative = readWordList(join(dir, "figurative-modifiers.txt"));
    this.forceNouns = readWordList(join(dir, "force-nouns.txt"));
    this.claimNouns = readWordList(join(dir, "claim-nouns.txt"));
    this.claimVerbs = readWordList(join(dir, "claim-verbs.txt"));
    for (const r of readTsv(join(dir, "other-senses.tsv"))) {
      const list = this.otherSenses.get(r.pattern!) ?? [];
      list.push({ relation: r.relation!, lemmas: new Set(r.lemmas!.split("|")) });
      this.otherSenses.set(r.pattern!, list);
    }
  }
  /** Adds one row of a trigger file; `seen` holds where each pattern and part of speech was listed before. */
  private addTrigger(type: string, r: Row, seen: Map<string, string>): void {
    const words = r.pattern!.split(/\s+/);
    // a pattern given twice for one part of speech: the second would never be read
    const key = `${r.pattern} ${r.pos}`;
    const before = seen.get(key);
    if (before) throw new Error(`${r.__line}: "${r.pattern}" (${r.pos}) is listed twice, also at ${before}; keep one row`);
    seen.set(key, r.__line);
    if (!ROLES.has(r.roles!)) throw new Error(`${r.__line}: "${r.pattern}" has roles "${r.roles}"; expected one of ${[...ROLES].join(", ")}`);
    if (r.actor && r.actor !== "armed" && r.actor !== "subject") throw new Error(`${r.__line}: "${r.pattern}" has actor "${r.actor}"; expected armed, subject or nothing`);
    const frame = r.recipient ? r.recipient.split("|") : [];
    for (const f of frame) {
      if (!FRAME.test(f)) throw new Error(`${r.__line}: "${r.pattern}" has recipient frame "${f}", which readout does not read (see triggers/README.md)`);
    }
    const trigger: Trigger = {
      rest: words.slice(1),
      pattern: r.pattern!,
      pos: r.pos === "NOUN" || r.pos === "AUX" || r.pos === "ADJ" ? r.pos : "VERB",
      type,
      mode: r.mode || null,
      cameo: r.cameo!,
      roles: r.roles as Roles,
      frame,
      actor: r.actor === "armed" || r.actor === "subject" ? r.actor : "any",
    };
    const list = this.byHead.get(words[0]!) ?? [];
    list.push(trigger);
    this.byHead.set(words[0]!, list);
  }

  /**
   * Whether tokens [start, end) hold a trigger: a word whose lemma or folded
   * form heads a pattern whose part of speech it has, followed by the rest
   * of the pattern ("make" alone is none; "made stern representations" is).
   */
  holdsCandidate(tokens: Tokens, start: number, end: number): boolean {
    for (let t = start; t < end; t++) {
      const fits = (trigger: Trigger) =>
        posFits(trigger, tokens, t) &&
        matchRest(tokens, t + 1, end, trigger.rest) >= 0 &&
        // ("Otherwise, China will have to …": a consequence threatened needs no promise verb)
        (trigger.pos !== "AUX" || this.promisesAct(tokens, t, end) || tokens.lower[start] === "otherwise");
      if (this.headedBy(tokens, t)?.some(fits)) return true;
    }
    return false;
  }

  /** Whether tokens [start, end) hold a consequence verb and, after it, one of its threat nouns ("will face … consequences"). */
  holdsThreat(tokens: Tokens, start: number, end: number): boolean {
    for (let t = start; t < end; t++) {
      const nouns = this.threatPhrases.get(tokens.lemma[t]!);
      if (!nouns) continue;
      for (let u = t + 1; u < Math.min(end, t + 6); u++) if (nouns.has(tokens.lemma[u]!)) return true;
    }
    return false;
  }

  /** The evaluation token t carries, if its lemma is one and its part of speech fits. */
  evaluationAt(tokens: Tokens, t: number): Evaluation | null {
    const e = this.evaluations.get(tokens.lemma[t]!) ?? this.evaluations.get(tokens.lower[t]!);
    if (!e) return null;
    const pos = tokens.pos[t]!;
    // (a noun the tokenizer's tagger reads as a verb where no verb can stand: "full of lies", "spreading lies")
    const nounAsVerb = pos === "VERB" && (tokens.pos[t - 1] === "ADP" || tokens.pos[t - 1] === "DET" || tokens.pos[t - 1] === "ADJ" || (tokens.pos[t - 1] === "VERB" && /ing$/.test(tokens.lower[t - 1]!)));
    const fits = e.pos === "VERB" ? pos === "VERB" : e.pos === "NOUN" ? pos === "NOUN" || nounAsVerb : pos === "ADJ" || pos === "VERB";
    return fits ? e : null;
  }

  /**
   * Whether "will"/"shall" at token `at` states an intention to act: a verb
   * follows (adverbs between) that is no course of events ("will depart"), no
   * outcome ("will win"), not "be"/"have", and no trigger of its own (that
   * trigger carries the intention: "will visit").
   */
  promisesAct(tokens: Tokens, at: number, limit: number): boolean {
    for (let t = at + 1; t < Math.min(limit, at + 4); t++) {
      const w = tokens.lower[t]!;
      if (NEGATORS.has(w)) return false;
      if (tokens.pos[t] === "VERB" || tokens.pos[t] === "AUX") {
        if (w === "be" || w === "have") return false; // "will be held", "will have been": not an intention of the subject
        if (this.notPromises.has(tokens.lemma[t]!)) return false; // "we will release information in due course", "Ukraine will win"
        const own = this.byHead.get(tokens.lemma[t]!) ?? [];
        // (a trigger that needs an armed actor is no event of its own where it has none: "will target reducing emissions";
        // a trip to come is the "will"'s to code, which finds whom the traveller is to meet: "will travel to Kenya to meet …")
        return !own.some((trig) => trig.actor !== "armed" && !isTrip(trig) && posFits(trig, tokens, t) && matchRest(tokens, t + 1, limit, trig.rest) >= 0);
      }
      if (tokens.pos[t] !== "ADV" && tokens.pos[t] !== "PART") return false;
      if (this.notPromises.has(w)) return false; // "will likely lose": a prediction
    }
    return false;
  }

  /** Whether tokens [start, end) hold an evaluation word (the parse finds its target). */
  holdsEvaluation(tokens: Tokens, start: number, end: number): boolean {
    for (let t = start; t < end; t++) if (this.evaluationAt(tokens, t)) return true;
    return false;
  }

  /** Whether tokens [start, end) hold an evaluation said of a claim ("Those reports are baseless"), which needs no participant named beside it. */
  holdsEvaluatedClaim(tokens: Tokens, start: number, end: number): boolean {
    let claim = false;
    for (let t = start; t < end && !claim; t++) claim = this.claimNouns.has(tokens.lemma[t]!) && tokens.pos[t] === "NOUN";
    return claim && this.holdsEvaluation(tokens, start, end);
  }

  /** Whether tokens [start, end) hold a modal voicing a demand ("must", "should"): its actor is the text's voice, named or not. */
  holdsDemandModal(tokens: Tokens, start: number, end: number): boolean {
    for (let t = start; t < end; t++) if (this.demandModals.has(tokens.lower[t]!)) return true;
    return false;
  }

  /** Whether tokens [start, end) hold a verb of hoping ("we hope the US could …"). */
  holdsHope(tokens: Tokens, start: number, end: number): boolean {
    for (let t = start; t < end; t++) if (this.hopeVerbs.has(tokens.lemma[t]!) && tokens.pos[t] === "VERB") return true;
    return false;
  }

  /** The triggers token t may head, by its lemma or else its folded form. */
  headedBy(tokens: Tokens, t: number): Trigger[] | undefined {
    const lemma = tokens.lemma[t]!;
    const lower = tokens.lower[t]!;
    const byLemma = this.byHead.get(lemma);
    const byForm = lemma === lower ? undefined : this.byHead.get(lower);
    if (!byForm) return byLemma;
    if (!byLemma) return byForm;
    // patterns written with the word as inflected ("talks * hold") beside those of its lemma ("talk with")
    let forms = this.merged.get(lemma);
    if (!forms) this.merged.set(lemma, (forms = new Map()));
    let both = forms.get(lower);
    if (!both) forms.set(lower, (both = [...byLemma, ...byForm].sort((a, b) => b.rest.length - a.rest.length)));
    return both;
  }

  /** Pattern lists of a lemma and an inflected form both heading patterns, merged once: lemma → form → patterns. */
  private readonly merged = new Map<string, Map<string, Trigger[]>>();

}

/** A visit whose frame names only where it goes ("travel to", "arrive in"): a trip, which "will" announces as a promise. */
export function isTrip(trigger: Trigger): boolean {
  return trigger.roles === "framed" && trigger.mode === "visit";
}

/** Whether token t, as the tokenizer tagged it, can head `trigger` (its part of speech, given the rest of its pattern). */
export function posFits(trigger: Pick<Trigger, "pos" | "rest">, tokens: Tokens, t: number): boolean {
  const pos = tokens.pos[t]!;
  const want = trigger.pos;
  // a verb of a longer pattern may be tagged an auxiliary ("The two sides had candid discussions": the
  // pattern's other words settle its sense), unless it is one, before its verb ("Iran has called on China")
  // (and the tokenizer's tagger reads a verb after a name as an adjective when an object follows: "NATO and Russia
  // also welcome the signing", where no adjective can stand before "the")
  // or as a noun, when it stands between a plural subject and its object or the rest of its pattern: "China and Russia
  // support the agreement", "The Ministers call on Iran" (not "the support the US gave" inside a noun phrase, nor
  // "United States support for Cambodia")
  if (want === "VERB") {
    return (
      pos === "VERB" ||
      (pos === "AUX" && trigger.rest.length > 0 && !auxiliaryOf(tokens, t)) ||
      (pos === "ADJ" && DETERMINERS.has(tokens.lower[t + 1] ?? "")) ||
      (pos === "NOUN" && (DETERMINERS.has(tokens.lower[t + 1] ?? "") || tokens.lower[t + 1] === trigger.rest[0]) && afterPluralSubject(tokens, t))
    );
  }
  if (want === "NOUN") return pos === "NOUN" || pos === "PROPN";
  if (want === "AUX") return pos === "AUX" || pos === "VERB";
  return pos === "ADJ" || pos === "VERB" || /ed$/.test(tokens.lower[t]!);
}

/** Whether a plural subject ends right before t (an adverb may stand between): "China and Russia (also) support". */
function afterPluralSubject(tokens: Tokens, t: number): boolean {
  let u = t - 1;
  if (u >= 0 && tokens.pos[u] === "ADV") u--;
  if (u < 0) return false;
  const w = tokens.lower[u]!;
  if (tokens.pos[u] === "PRON") return w === "we" || w === "they";
  // a plural noun, or names coordinated ("China and Russia"), not a single name heading a compound ("the UN support")
  if ((tokens.pos[u] === "NOUN" || tokens.pos[u] === "PROPN") && /[^s]s$/.test(w)) return true;
  return tokens.pos[u] === "PROPN" && tokens.lower[u - 1] === "and";
}

/** Determiners, which no adjective stands right before. */
const DETERMINERS: ReadonlySet<string> = new Set(["the", "a", "an", "this", "these", "those", "its", "their", "our", "his", "her"]);

/** Whether an auxiliary at t helps a verb after it: "has called", "had not yet met", "has firmly and repeatedly called". */
function auxiliaryOf(tokens: Tokens, t: number): boolean {
  for (let u = t + 1; u < Math.min(tokens.count, t + 6); u++) {
    if (tokens.pos[u] === "VERB" || tokens.pos[u] === "AUX") return true;
    if (tokens.pos[u] !== "ADV" && tokens.pos[u] !== "PART" && tokens.pos[u] !== "CCONJ" && tokens.lower[u] !== ",") return false;
  }
  return false;
}

/**
 * Matches a pattern's words after its head from token `from` ("*" lets up to
 * a few words stand between: "expressed his deep concern"); returns the
 * token after the match, or -1.
 */
/**
 * The trigger files of a lexicon folder, one per PLOVER type (`AGREE.tsv`, …), as [type, path],
 * in a fixed order. A file named after no PLOVER type is a data bug: its entries would code nothing.
 */
function triggerFiles(dir: string): Array<[string, string]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".tsv")).sort();
  if (!files.length) throw new Error(`${dir}: no trigger files; expected one <TYPE>.tsv per PLOVER type`);
  return files.map((f) => {
    const type = basename(f, ".tsv");
    if (!(EVENT_TYPES as readonly string[]).includes(type)) {
      throw new Error(`${join(dir, f)}: "${type}" is no PLOVER event type; name the file after one of ${EVENT_TYPES.join(", ")}`);
    }
    return [type, join(dir, f)];
  });
}

const ROLES = new Set(["object", "framed", "with", "joint", "host", "inviter", "held", "nominal", "present", "none"]);
/** The recipient frames the coder reads (triggers/README.md explains each). */
const FRAME = /^(obj|iobj|xcomp:obj|for:to|by|ccomp:nsubj|nmod:poss|obl:[a-z]+|nmod:[a-z]+)$/;

export function matchRest(tokens: Tokens, from: number, limit: number, rest: readonly string[]): number {
  let t = from;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === "*") {
      const next = rest[i + 1]!;
      let found = -1;
      for (let g = t; g < Math.min(limit, t + 8); g++) {
        if (tokens.lemma[g] === next || tokens.lower[g] === next) {
          found = g;
          break;
        }
        // "had candid, substantive, and constructive discussions", "met on September 16-17 with"
        // (a participle as an attribute does not end it: "Singapore's continued support")
        // ("our grave and growing concern": one of coordinated attributes)
        const attributive =
          (g > t - 1 && /^(DET|PRON|ADJ)$/.test(tokens.pos[g - 1] ?? "")) ||
          tokens.lower[g - 1] === "'s" ||
          ((tokens.lower[g - 1] === "and" || tokens.lower[g - 1] === ",") && tokens.pos[g - 2] === "ADJ" && g - 2 >= t) ||
          // ("banking, steel, shipping and other sanctions": an item of a list of attributes; "nuclear-related")
          (tokens.lower[g - 1] === "," && g - 1 > t && /(ing|ed)$/.test(tokens.lower[g]!) && (tokens.lower[g + 1] === "and" || tokens.lower[g + 1] === ",")) ||
          (tokens.lower[g - 1] === "-" && tokens.end[g - 2] === tokens.start[g - 1] && g - 1 > t);
        // (a comma right after the head ends its clause: "As I recall, Ambassador Cui said …")
        if ((tokens.pos[g] === "VERB" && !attributive) || /^[.;:!?]$/.test(tokens.lower[g]!) || (g === t && i === 0 && tokens.lower[g] === ",")) break;
      }
      if (found < 0) return -1;
      t = found + 1;
      i++;
      continue;
    }
    if (t >= limit || (tokens.lemma[t] !== w && tokens.lower[t] !== w)) return -1;
    t++;
  }
  return t;
}
