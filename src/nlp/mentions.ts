import { isCalendarWord } from "./dates.ts";
import { type Doc, type Mention, type MentionType, mentionSpan } from "../doc/document.ts";
import type { KnowledgeBase, NameEntry } from "../kb/kb.ts";
import { fold, lastWordOf } from "../kb/fold.ts";
import type { References, Reference } from "./references.ts";

/**
 * What a mention says about its referent before coreference: the name it
 * gives, and the office and code its title or appositive state.
 */
export interface MentionInfo {
  /** Person name as written (without titles), or the KB/state/org key. */
  name: string | null;
  /** KB person name, state code or org id when the gazetteer knew it. */
  kbPerson: string | null;
  state: string | null;
  org: string | null;
  office: string | null;
  /** Country/organization code stated by a title or appositive ("of Qatar"). */
  code: string | null;
  /** For pronouns and groups. */
  reference: Reference | null;
  /** An institution named by the text itself ("the Mongolian Armed Forces"), not in the knowledge base. */
  institution?: boolean;
  /** An unnamed collective ("Syrian rebels"): `name` is its phrase, `code` the state it belongs to when the phrase says. */
  collective?: boolean;
  /** A collective that is a state's people as a whole ("Americans"). */
  people?: boolean;
  /** A collective whose members are where the text places them ("protesters", not "companies"). */
  present?: boolean;
  /** A collective whose bare noun stands for the one of that noun the text named before ("the rebels"). */
  story?: boolean;
  /** A collective of a state's agents, its forces or officials ("troops", "officials", "leaders"): "its troops" are the state's (not "its people", its population). */
  agents?: boolean;
}

export interface MentionLayer {
  mentions: Mention[];
  info: MentionInfo[];
}

/** Words that may sit inside a name in lower case: "bin Salman", "von der Leyen", "da Silva". */
/** Lower-case particles inside a family name: "Khalid bin Salman", "Al-Thani", "Ursula von der Leyen". */
export const NAME_PARTICLES = new Set(["bin", "binti", "bint", "ibn", "abu", "al", "el", "van", "von", "der", "de", "da", "do", "dos", "la", "le", "du", "di"]);
/** Capitalized words that begin sentences or headings and are never names. */
const NOT_NAMES = new Set([
  "the", "a", "an", "in", "on", "at", "during", "after", "before", "today", "yesterday", "this", "that", "these", "those",
  "it", "its", "he", "she", "they", "we", "i", "both", "all", "also", "as", "with", "for", "and", "but", "while", "noting",
  "mr", "mrs", "ms", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "his", "her",
  "their", "our", "among", "over", "under", "since", "following", "according", "when", "where", "there", "here", "people",
  "first", "second", "third", "fourth", "fifth", "finally", "lastly", "additionally", "meanwhile", "however", "today's",
  "concerning", "regarding", "yes", "no", "thank", "thanks", "government", "governments", "jr", "jr.", "sr", "sr.",
]);

function isCap(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90; // ASCII without a regular expression: this runs for most tokens
  return /^\p{Lu}/u.test(word);
}

interface Unit {
  start: number;
  end: number;
  entry: NameEntry | null;
}

/** Prepositions by which an organisation's name names its portfolio, not its owner ("Commission on China"). */
const PORTFOLIO_PREPOSITIONS = new Set(["on", "for", "to", "against", "with", "in"]);
/** Words for a government named after its leaders ("the Biden-Harris Administration", "the Howard Government"). */
const GOVERNMENT_WORDS = new Set(["administration", "government"]);
/** The local units of government a place's name may open ("Georgetown County"). */
const LOCAL_UNITS = new Set(["County", "Counties", "Parish", "Township", "Borough"]);
/** Words before an office that make it another office ("Executive Secretary", "Permanent Secretary", "Chief Minister"). */
const OTHER_RANKS = new Set(["executive", "permanent", "principal", "chief", "parliamentary"]);
/** Verbs of moving people out of a place: their "from" names the place left, not the people's country. */
const DEPARTURES = new Set(["withdraw", "pull", "remove", "evacuate", "redeploy", "relocate", "move", "bring", "recall", "expel"]);
/** Determiners that may stand between such a verb and the people it moves ("withdraw our forces"). */
const MOVED_DETERMINERS = new Set(["our", "its", "their", "his", "her", "the", "all"]);
/** Words before "opposition" that make it a stance ("firm opposition"), not a political opposition. */
const STANCE_MODIFIERS = new Set(["firm", "strong", "resolute", "staunch", "vehement", "fierce", "consistent", "clear", "our", "its", "their", "his", "her"]);
/** Offices whose holder a government may be named after. */
const LEADING_OFFICES = new Set(["President", "Vice President", "Prime Minister", "Chancellor", "Premier"]);

/**
 * Finds mentions of people, states, organizations, titles, pronouns and groups, sentence by sentence. `date`: the day
 * names are read on (the story's date, or for an undated text the one it most likely has).
 */
export function findMentions(doc: Pick<Doc, "text" | "tokens" | "sentences" | "source">, kb: KnowledgeBase, refs: References, date = doc.source.meta.storyDate): MentionLayer {
  const finder = new MentionFinder(doc, kb, refs, date);
  for (const sent of doc.sentences) finder.sentence(sent);
  return finder.layer();
}

type Sentence = Doc["sentences"][number];

/**
 * The mention finder of one document. It reads a sentence at a time (`sentence`): the gazetteer's units, then each
 * kind of mention in the order their phrases take precedence, marking the tokens each mention consumes. Each step is
 * a method of its own so that the JIT compiles, and recompiles after a deoptimisation, a small function rather than
 * one of a thousand lines (which cost about a third of the coder's CPU time in compilation).
 */
class MentionFinder {
  readonly tokens: Doc["tokens"];
  /** Mentions found, in the order found; `layer` puts them in document order with their ids. */
  readonly mentions: Array<Omit<Mention, "id" | "entity">> = [];
  readonly info: MentionInfo[] = [];
  // the sentence being read
  sent!: Sentence;
  s0 = 0;
  s1 = 0;
  units: Unit[] = [];
  /** Unit index by its first token, and by the token after its last. */
  unitAt = new Map<number, number>();
  unitEndingAt = new Map<number, number>();
  /** Per token of the sentence: inside a multi-word name the gazetteer knows. */
  inName = new Uint8Array(0);
  /** Per token of the sentence: taken by a mention already. */
  consumed = new Uint8Array(0);

  constructor(
    readonly doc: Pick<Doc, "text" | "tokens" | "sentences" | "source">,
    readonly kb: KnowledgeBase,
    readonly refs: References,
    readonly date: string | null,
  ) {
    this.tokens = doc.tokens;
  }

  sentence(sent: Sentence): void {
    const { tokenStart: s0, tokenEnd: s1 } = sent;
    this.sent = sent;
    this.s0 = s0;
    this.s1 = s1;
    const units = this.unitsOf(s0, s1);
    this.units = units;
    const unitAt = (this.unitAt = new Map<number, number>());
    const unitEndingAt = (this.unitEndingAt = new Map<number, number>());
    const inName = (this.inName = new Uint8Array(s1 - s0));
    units.forEach((u, k) => {
      unitAt.set(u.start, k);
      unitEndingAt.set(u.end, k);
      if (u.entry && u.end - u.start > 1) inName.fill(1, u.start - s0, u.end - s0);
    });
    this.consumed = new Uint8Array(s1 - s0);
    this.governmentsNamedAfterLeaders();
    this.references();
    this.peopleBehindLongTitles();
    this.people();
    this.collectives();
    this.statesAndOrganizations();
    this.unknownOrganizations();
  }

  /** The mentions in document order, with their ids. */
  layer(): MentionLayer {
    const { mentions, info } = this;
    const order = mentions.map((m, i) => i).sort((a, b) => mentions[a]!.tokenStart - mentions[b]!.tokenStart);
    return { mentions: order.map((i, id) => withId(mentions[i]!, id)), info: order.map((i) => info[i]!) };
  }

  /** 1. The gazetteer's units of [s0, s1), longest first, left to right; a token the gazetteer does not know is one. */
  private unitsOf(s0: number, s1: number): Unit[] {
    const { tokens, kb, refs, date } = this;
    const units: Unit[] = [];
    for (let i = s0; i < s1; ) {
      const ref = refs.longest(tokens.lower, i, s1);
      const m = kb.names.longest(tokens.lower, tokens.text, i, s1);
      if (ref && (!m || ref.end >= m.end)) {
        units.push({ start: i, end: ref.end, entry: null });
        i = ref.end;
        continue;
      }
      if (m && continuesName(tokens, i, s0, m.values)) {
        units.push({ start: i, end: i + 1, entry: null });
        i++;
        continue;
      }
      if (m) {
        const entry = pick(m.values, kb, date);
        units.push({ start: i, end: m.end, entry });
        i = m.end;
      } else {
        units.push({ start: i, end: i + 1, entry: null });
        i++;
      }
    }
    return units;
  }

  private add(m: Omit<Mention, "id" | "entity">, i: MentionInfo): void {
    this.mentions.push(m);
    this.info.push(i);
  }

  private take(a: number, b: number): void {
    const { consumed, s0 } = this;
    for (let t = a; t < b; t++) consumed[t - s0] = 1;
  }

  private free(a: number, b: number): boolean {
    const { consumed, s0 } = this;
    for (let t = a; t < b; t++) if (consumed[t - s0]) return false;
    return true;
  }

  private possessiveAt(t: number): boolean {
    const lower = this.tokens.lower;
    return t < this.s1 && (lower[t] === "'s" || lower[t] === "'" || lower[t] === "s'");
  }

  private base(type: MentionType, a: number, b: number, fa = a, fb = b) {
    return {
      sentence: this.sent.index,
      ...mentionSpan(this.tokens, a, b, fa, fb),
      type,
      possessive: this.possessiveAt(b),
      plural: false,
    };
  }

  /**
   * 1b. a government named after its leaders: "the Biden-Harris Administration", "the Howard Government", "the Trump
   * administration" is the state they lead (CODING.md: officials speaking for a country are the state)
   */
  private governmentsNamedAfterLeaders(): void {
    const { tokens, kb, s0, s1 } = this;
    for (let t = s0 + 1; t < s1; t++) {
      if (!GOVERNMENT_WORDS.has(tokens.lower[t]!)) continue;
      const leaders = this.leadersBefore(t);
      if (!leaders || !this.free(leaders.start, t + 1)) continue;
      const fs = tokens.lower[leaders.start - 1] === "the" && leaders.start - 1 >= s0 ? leaders.start - 1 : leaders.start;
      this.take(fs, t + 1);
      this.add(this.base("name", leaders.start, t + 1, fs, t + 1), { name: kb.states.get(leaders.code)!.name, kbPerson: null, state: leaders.code, org: null, office: null, code: leaders.code, reference: null });
    }
  }

  /** 2. references: pronouns and group nouns. */
  private references(): void {
    const { tokens, kb, refs, s0, s1 } = this;
    for (let i = s0; i < s1; i++) {
      const ref = refs.longest(tokens.lower, i, s1);
      if (!ref) continue;
      // "The two exchanged views" but not "the two countries' …" (already longer) nor "the two sides of"
      if (!this.free(ref.start, ref.end)) continue;
      const r = ref.value;
      if (r.kind === "pronoun" && tokens.pos[i] !== "PRON" && tokens.pos[i] !== "DET") continue;
      // "Both expressed concern": "both" alone stands for a pair only before its verb, not in "both China and Japan"
      // (nor after the subject it floats from: "They both praised", "China and Russia both remain committed")
      if (ref.end - ref.start === 1 && tokens.lower[i] === "both" && (!/^(VERB|AUX|ADV)$/.test(tokens.pos[i + 1] ?? "") || (i > s0 && !/^(PUNCT|CCONJ|ADV|SCONJ)$/.test(tokens.pos[i - 1]!)))) continue;
      // "The two exchanged views on human rights issues": "the two" alone, too, only before its verb (not "the two agreements")
      if (ref.end - ref.start === 2 && tokens.lower[i + 1] === "two" && !/^(VERB|AUX|ADV)$/.test(tokens.pos[i + 2] ?? "")) continue;
      // "His Excellency", "Her Majesty" are styles, not pronouns
      const style = kb.names.longest(tokens.lower, tokens.text, i, s1);
      if (style && style.end > ref.end && style.values.some((v) => v.kind === "honorific")) continue;
      this.take(ref.start, ref.end);
      this.add(
        { ...this.base(r.kind === "pronoun" ? "pronoun" : "group", ref.start, ref.end), possessive: r.possessive || this.possessiveAt(ref.end), plural: r.number === "pl" },
        { name: null, kbPerson: null, state: null, org: null, office: null, code: null, reference: r },
      );
      i = ref.end - 1;
    }
  }

  /**
   * 3a. people behind long titles: "Minister for Foreign Affairs Dr Vivian Balakrishnan",
   * "Chairwoman of the Communist Party of Vietnam (CPV) Central Organisation Commission Truong Thi Mai"
   */
  private peopleBehindLongTitles(): void {
    const { kb, doc, units } = this;
    for (let k = 0; k < units.length; k++) {
      const u = units[k]!;
      if (u.entry?.kind !== "office" || !this.free(u.start, u.end)) continue;
      const r = this.titledName(k);
      if (!r) continue;
      const of = this.ofAffiliation(r.nameEnd);
      if (of) {
        r.fullEnd = of.end;
        r.code ??= of.code;
      }
      let app = of ? null : this.appositive(r.nameEnd);
      if (app && r.kbPerson && app.code && kb.states.has(app.code) && !kb.tenuresOf(r.kbPerson, null).some((t) => t.code === app!.code)) app = null;
      if (app) {
        r.fullEnd = app.end;
        r.code ??= app.code;
      }
      this.take(r.fullStart, r.fullEnd);
      const m = this.base("name", r.nameStart, r.nameEnd, r.fullStart, r.fullEnd);
      this.add(m, { name: doc.text.slice(m.start, m.end), kbPerson: r.kbPerson, state: null, org: null, office: r.office, code: r.code, reference: null });
      while (k + 1 < units.length && units[k + 1]!.start < r.fullEnd) k++;
    }
  }

  /** 3b. people: [honorifics / state / org / offices]* NAME [, appositive]. */
  private people(): void {
    const { tokens, kb, refs, doc, s0, s1, units } = this;
    for (let k = 0; k < units.length; k++) {
      const u = units[k]!;
      if (!this.free(u.start, u.end)) continue;
      let j = k;
      let office: string | null = null;
      let code: string | null = null;
      let titled = false;
      let fullStartTok = u.start;
      if (tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 && this.free(u.start - 1, u.start)) fullStartTok = u.start - 1;
      // prefix
      while (j < units.length) {
        const e = units[j]!.entry;
        if (!e) break;
        if (e.kind === "honorific") titled = true;
        else if (e.kind === "office") {
          office = deputyOf(tokens, units[j]!.start, s0, e.office) ?? e.office;
          titled = true;
        } else if (e.kind === "state" && e.form !== "place" && j + 1 < units.length && isPrefixish(units[j + 1]!)) {
          code = e.code;
        } else if (e.kind === "state" && e.form === "adjective" && !titled && this.descriptorEnd(j + 1) > j + 1) {
          // "Australian citizen Yang Hengjun", "Russian oligarch Oleg Deripaska", "American journalist Evan Gershkovich":
          // a state's adjective and a common noun describing the person whose name follows say whose the person is
          code = e.code;
          j = this.descriptorEnd(j + 1) - 1;
        } else if (e.kind === "state" && e.form === "name" && this.possessiveAt(units[j]!.end) && units[j + 2] && isPrefixish(units[j + 2]!)) {
          // "Russia's foreign minister (Sergey Lavrov)": the possessive is the title's state, as "the Russian foreign minister"
          code = e.code;
          j++;
        } else if (e.kind === "org" && this.officeAfterTitleWords(j + 1) > j) {
          // "UN Special Envoy", "the UN Special Envoy's efforts": the organisation the office belongs to
          code = kb.orgs.get(e.id)?.code ?? null;
          j = this.officeAfterTitleWords(j + 1) - 1;
        } else if (e.kind === "org" && !titled && this.titleBeforeName(j + 1) > j + 1) {
          // "United Nations Senior Humanitarian and Reconstruction Coordinator for Gaza Sigrid Kaag", "EU Commissioner
          // for Trade Phil Hogan": an organization, a title the knowledge base has no office for, then the name
          code = kb.orgs.get(e.id)?.code ?? null;
          titled = true;
          j = this.titleBeforeName(j + 1) - 1;
        } else break;
        j++;
        // "State Councilor and Foreign Minister", "President of China Xi"
        const nu = units[j];
        if (nu && !nu.entry && tokens.lower[nu.start] === "and" && units[j + 1]?.entry?.kind === "office") j++;
        if (nu && !nu.entry && tokens.lower[nu.start] === "of" && office) {
          // "Speaker of the Mongolian Parliament Zandanshatar", "President of China Xi Jinping"
          const of = this.ofPhrase(j + 1);
          if (of) {
            code = of.code ?? code;
            j = of.next;
          }
        }
        // "the Prime Minister, the Hon Laisenia Qarase": the title and the name are one person
        if (units[j] && tokens.lower[units[j]!.start] === "," && office) {
          let n = j + 1;
          if (units[n] && !units[n]!.entry && tokens.lower[units[n]!.start] === "the" && units[n + 1]?.entry?.kind === "honorific") n++;
          if (units[n]?.entry?.kind === "person" || units[n]?.entry?.kind === "honorific") j = n;
        }
      }
      const nameUnit = units[j];
      if (!nameUnit || !this.free(nameUnit.start, nameUnit.end)) {
        if (office && j > k) this.emitTitle(k, j);
        if (j > k) k = j - 1;
        continue;
      }
      let nameEnd: number;
      let kbPerson: string | null = null;
      if (nameUnit.entry?.kind === "person") {
        kbPerson = nameUnit.entry.name;
        nameEnd = nameUnit.end;
      } else if (!nameUnit.entry) {
        nameEnd = nameRunEnd(tokens, nameUnit.start, s1);
        // "Communist Party Politburo Member, Director of …": a run of title words is a title, no one's name
        let allTitle = nameEnd > nameUnit.start;
        for (let t = nameUnit.start; t < nameEnd && allTitle; t++) allTitle = refs.titleWords.has(tokens.lower[t]!) || kb.isOfficeWord(tokens.lower[t]!);
        // ("… Lopez Obrador Joint Statement", "a Major Defense Partner": the name of a thing)
        // ("the Crown Prince Foundation": an organization's head word ends no one's name either)
        if (allTitle || (nameEnd > nameUnit.start && (refs.nameEnders.has(tokens.lower[nameEnd - 1]!) || refs.orgHeads.has(tokens.lower[nameEnd - 1]!)))) nameEnd = nameUnit.start;
        if (nameEnd === nameUnit.start) {
          if (office && j > k) this.emitTitle(k, j);
          if (j > k) k = j - 1;
          continue;
        }
      } else {
        if (office && j > k) this.emitTitle(k, j);
        if (j > k) k = j - 1;
        continue;
      }
      const nameStart = nameUnit.start;
      // appositive: ", [the] [adj] office [of X] [to Y]"
      const of = this.ofAffiliation(nameEnd);
      let app = of ? { end: of.end, office: office ?? "", code: of.code } : this.appositive(nameEnd);
      // an appositive naming another country is the next item of a list, not this person's title
      if (app && kbPerson && app.code && kb.states.has(app.code) && !kb.tenuresOf(kbPerson, null).some((t) => t.code === app!.code)) app = null;
      // ("the Monetary Authority of Singapore", "the Governments of France …": "of" a state alone makes no one a person)
      if (!kbPerson && !titled && !(app && !of) && !this.untitledPerson(nameStart, nameEnd)) continue;
      // ("Concerning Libya, the Deputy Secretary …": a name the text does not know holds no state or organization)
      if (!kbPerson && units.some((x) => x.start >= nameStart && x.end <= nameEnd && (x.entry?.kind === "state" || x.entry?.kind === "org"))) continue;
      if (!kbPerson && NOT_NAMES.has(tokens.lower[nameStart]!)) continue;
      // ("Besides, State Councilor …", "Specifically, the President …": one word the tagger reads as an adverb or a
      // preposition, set off by a comma, is no name, whatever title follows it; "Foreign Secretary Cleverly" is one)
      if (!kbPerson && nameEnd - nameStart === 1 && tokens.lower[nameEnd] === "," && /^(ADV|ADP|SCONJ|CCONJ|DET|PRON)$/.test(tokens.pos[nameStart]!)) continue;
      // ", an Israeli cabinet minister": a person's state from a describing appositive
      const described = app || code ? null : this.describingAppositive(nameEnd);
      if (described) app = { end: described.end, office: "", code: described.code };
      const fullEnd = app ? app.end : nameEnd;
      this.take(fullStartTok, fullEnd);
      const m = this.base("name", nameStart, nameEnd, fullStartTok, fullEnd);
      this.add(m, {
        name: doc.text.slice(m.start, m.end),
        kbPerson,
        state: null,
        org: null,
        office: office ?? (app?.office || null),
        code: code ?? app?.code ?? null,
        reference: null,
      });
      // skip past what we used
      while (k + 1 < units.length && units[k + 1]!.start < fullEnd) k++;
    }
  }

  /**
   * 4a. unnamed collectives: "Kenyan civil society representatives", "protesters in Hong Kong", "the people of Fiji"
   */
  private collectives(): void {
    const { tokens, refs, doc, s0, s1 } = this;
    for (let t = s0; t < s1; t++) {
      const c = this.collective(t);
      if (!c) continue;
      this.take(c.start, c.end);
      const fs = tokens.lower[c.start - 1] === "the" && c.start - 1 >= s0 && this.free(c.start - 1, c.start) ? c.start - 1 : c.start;
      const m = { ...this.base("collective", c.start, c.end, fs, c.end), plural: true };
      this.add(m, { name: doc.text.slice(m.start, m.end).replace(/\s+/g, " "), kbPerson: null, state: null, org: null, office: null, code: c.code, reference: null, collective: true, present: refs.presentCollectives.has(tokens.lower[t]!), story: refs.storyCollectives.has(tokens.lower[t]!), agents: refs.armedActors.has(tokens.lower[t]!) || (refs.stateHeads.has(tokens.lower[t]!) && tokens.lower[t] !== "people") });
      t = c.end - 1;
    }
  }

  /** 4. states, capitals, organizations not inside a person's title. */
  private statesAndOrganizations(): void {
    const { tokens, kb, refs, doc, s0, s1, units } = this;
    for (const u of units) {
      const e = u.entry;
      if (!e || !this.free(u.start, u.end)) continue;
      if (e.kind === "state" && e.form === "people") {
        // "Americans", "all Nigerians": a state's people, an unnamed collective of that state
        const fs = tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 ? u.start - 1 : u.start;
        this.take(fs, u.end);
        const m = { ...this.base("collective", u.start, u.end, fs, u.end), plural: true };
        this.add(m, { name: doc.text.slice(m.start, m.end), kbPerson: null, state: null, org: null, office: null, code: e.code, reference: null, collective: true, people: true });
      } else if (e.kind === "state") {
        // "Georgetown County", "Paris Township": a local unit named after a capital is no place of that state
        if (e.form === "place" && LOCAL_UNITS.has(tokens.text[u.end] ?? "")) continue;
        // ("the Paris Agreement", "the Vienna Convention": a treaty named after the city it was signed in)
        if (e.form === "place" && u.end < s1 && isCap(tokens.text[u.end]!) && refs.documentNouns.has(tokens.lower[u.end]!)) continue;
        let end = u.end;
        let type: MentionType = e.form === "place" ? (e.region ? "region" : "place") : "name";
        // "Iran's government", "Russia's Defence Ministry", "Kenya's National Police Service": the body after a state's possessive
        if (e.form === "name" && this.possessiveAt(u.end) && u.end + 1 < s1) {
          const from = u.end + 1;
          const instEnd = Math.max(institutionEnd(tokens, refs, from, s1), this.unknownOrganization(from));
          const bodyEnd = instEnd > from ? instEnd : this.stateBodyEnd(from);
          if (bodyEnd > from && this.free(u.start, bodyEnd)) {
            this.take(u.start, bodyEnd);
            const m = this.base("name", u.start, bodyEnd);
            // a state noun ("China's Government", "Pakistan's military") is the state; a capitalised name more is an institution of it
            if (instEnd <= from || (instEnd === from + 1 && refs.stateHeads.has(tokens.lower[from]!))) {
              this.add(m, { name: kb.states.get(e.code)!.name, kbPerson: null, state: e.code, org: null, office: null, code: e.code, reference: null });
            } else {
              this.add(m, { name: doc.text.slice(m.start, m.end).replace(/\s+/g, " "), kbPerson: null, state: null, org: null, office: null, code: e.code, reference: null, institution: true });
            }
            continue;
          }
        }
        if (e.form === "adjective" || e.form === "name" || e.form === "place") {
          const instEnd = e.form === "place" ? u.end : institutionEnd(tokens, refs, u.end, s1);
          // "the Australian Government" is the state itself
          if (instEnd === u.end + 1 && refs.stateHeads.has(tokens.lower[u.end]!)) {
            const fs = tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 ? u.start - 1 : u.start;
            this.take(u.start, instEnd);
            this.add(this.base("name", u.start, instEnd, fs, instEnd), { name: kb.states.get(e.code)!.name, kbPerson: null, state: e.code, org: null, office: null, code: e.code, reference: null });
            continue;
          }
          // "the Myanmar National Democratic Alliance Army", "the Makati Business Club": a state's name, or a place in it,
          // opening an organization the knowledge base does not know
          const orgEnd = instEnd > u.end ? instEnd : u.end < s1 ? this.unknownOrganization(u.end) : u.end;
          if (orgEnd > u.end && this.free(u.start, orgEnd)) {
            const fs = tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 ? u.start - 1 : u.start;
            this.take(u.start, orgEnd);
            const m = this.base("name", u.start, orgEnd, fs, orgEnd);
            this.add(m, { name: doc.text.slice(m.start, m.end).replace(/\s+/g, " "), kbPerson: null, state: null, org: null, office: null, code: e.code, reference: null, institution: true });
            continue;
          }
        }
        if (e.form === "adjective") {
          // "the Chinese side", "the Russian foreign ministry"
          const bodyEnd = this.stateBodyEnd(u.end);
          if (bodyEnd > u.end) {
            end = bodyEnd;
            type = "name";
          } else type = "adjective";
        }
        let fs = tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 ? u.start - 1 : u.start;
        // "the Government(s) of Israel" is Israel
        if (type === "name" && tokens.lower[u.start - 1] === "of" && /^governments?$/.test(tokens.lower[u.start - 2] ?? "") && u.start - 2 >= s0 && this.free(u.start - 2, u.start)) {
          fs = tokens.lower[u.start - 3] === "the" && u.start - 3 >= s0 ? u.start - 3 : u.start - 2;
        }
        this.take(fs, end);
        this.add(this.base(type, u.start, end, fs, end), {
          name: kb.states.get(e.code)!.name, kbPerson: null, state: e.code, org: null, office: null, code: e.code, reference: null,
        });
      } else if (e.kind === "org") {
        // "the Commonwealth of Kentucky", "the Congress of the Philippines": a one-word name opening another body's
        const of = tokens.lower[u.end] === "of" ? (tokens.lower[u.end + 1] === "the" ? u.end + 2 : u.end + 1) : -1;
        if (u.end - u.start === 1 && of > 0 && of < s1 && isCap(tokens.text[of]!) && /^\p{Lu}\p{Ll}+$/u.test(tokens.text[u.start]!)) continue;
        const fs = tokens.lower[u.start - 1] === "the" && u.start - 1 >= s0 ? u.start - 1 : u.start;
        this.take(u.start, u.end);
        const org = kb.orgs.get(e.id)!;
        this.add(this.base("name", u.start, u.end, fs, u.end), {
          name: org.name, kbPerson: null, state: null, org: org.id, office: null, code: org.code, reference: null,
        });
      } else if (e.kind === "person") {
        this.take(u.start, u.end);
        this.add(this.base("name", u.start, u.end), {
          name: e.name, kbPerson: e.name, state: null, org: null, office: null, code: null, reference: null,
        });
      }
    }
  }

  /** 5. organizations the knowledge base does not know, named by an institution word. */
  private unknownOrganizations(): void {
    const { tokens, kb, doc, s0, s1, units, unitEndingAt } = this;
    for (let t = s0; t < s1; t++) {
      if (!this.free(t, t + 1)) continue;
      const end = this.unknownOrganization(t);
      if (end <= t || !this.free(t, end)) {
        if (end > t) t = end - 1;
        continue;
      }
      // whose it is: a state its name holds ("Ministry of Foreign Affairs of Singapore"), not the one its portfolio names
      // ("Commission on China", "Office for Iran Affairs"), else the state's name or adjective right before it ("Russian
      // Security Council")
      let code: string | null = null;
      for (const u of units) {
        if (u.start >= t && u.end <= end && u.entry?.kind === "state" && u.entry.form !== "place" && !PORTFOLIO_PREPOSITIONS.has(tokens.lower[u.start - 1]!)) code = u.entry.code;
      }
      const k2 = unitEndingAt.get(t);
      const before = k2 === undefined ? undefined : units[k2];
      // (or the body it is part of: "the Senate Committee on Foreign Relations")
      if (!code && before?.entry?.kind === "state" && before.entry.form !== "place" && before.entry.form !== "people") code = before.entry.code;
      if (!code && before?.entry?.kind === "org") code = kb.orgs.get(before.entry.id)?.code ?? null;
      const fs = tokens.lower[t - 1] === "the" && t - 1 >= s0 && this.free(t - 1, t) ? t - 1 : t;
      this.take(fs, end);
      const m = this.base("name", t, end, fs, end);
      this.add(m, { name: doc.text.slice(m.start, m.end).replace(/\s+/g, " "), kbPerson: null, state: null, org: null, office: null, code, reference: null, institution: true });
      t = end - 1;
    }
  }

  /**
   * The leaders whose surnames, joined by hyphens, stand right before token t ("Biden-Harris", "Obama-Biden",
   * "Howard"): each the surname of someone the knowledge base has heading a state or as its deputy head, all of one
   * state; null otherwise (a "Business Administration", a surname several states' leaders share).
   */
  private leadersBefore(t: number): { start: number; code: string } | null {
    const { tokens, kb, s0 } = this;
    let start = t;
    let codes = null as Set<string> | null;
    for (let k = t - 1; k >= s0; k -= 2) {
      const word = tokens.text[k]!;
      if (!/^\p{Lu}\p{Ll}+$/u.test(word)) break;
      const surname = fold(word);
      const theirs = new Set(kb.tenuresWithNameWord(surname).filter((x) => LEADING_OFFICES.has(x.office) && lastWordOf(x.name) === surname).map((x) => x.code));
      codes = codes ? new Set([...codes].filter((c) => theirs.has(c))) : theirs;
      if (!codes.size) return null;
      start = k;
      // ("Biden-Harris": another leader joined by a hyphen, written without spaces; the two narrow down the state)
      if (tokens.text[k - 1] !== "-" && tokens.text[k - 1] !== "–") break;
      if (tokens.end[k - 2] !== tokens.start[k - 1] || tokens.end[k - 1] !== tokens.start[k]) break;
    }
    return codes?.size === 1 && start < t ? { start, code: [...codes][0]! } : null;
  }

  /**
   * The phrase a collective noun at t heads, with the state it belongs to:
   * a state among its modifiers ("Syrian rebels", "Hong Kong protesters"),
   * a state's possessive before it ("Tunisia's civil society"), or a state
   * after "of", "in" or "from" ("the people of Fiji", "refugees in Jordan").
   * A state adjective with a word that makes the phrase the state itself
   * ("Chinese officials") is left to the state.
   */
  private collective(t: number): { start: number; end: number; code: string | null } | null {
    const { tokens, refs, s0, s1, units, unitAt, unitEndingAt, inName } = this;
    // (a sentence's first word is capitalised, and the tokenizer's tagger may read it as a name: "Police in Nairobi fired …")
    // (a bloc's head, "countries" or "allies", makes a party only after a region's adjective: "African countries")
    const blocHead = refs.blocHeads.has(tokens.lower[t]!);
    // ("NGOs": an acronym, a name to the tagger)
    const acronym = refs.ngo.acronyms.has(tokens.lower[t]!);
    if (!(blocHead || refs.collectives.has(tokens.lower[t]!)) || !(tokens.pos[t] === "NOUN" || (tokens.pos[t] === "PROPN" && (t === s0 || acronym))) || !this.free(t, t + 1)) return null;
    // a common noun, not a word of a name ("the People's Republic of China", "Syrian Democratic Forces")
    if (inName[t - s0] || (t > s0 && isCap(tokens.text[t]!) && !acronym)) return null;
    // "police station", "community leaders": the noun modifies the head after it
    if (t + 1 < s1 && tokens.pos[t + 1] === "NOUN") return null;
    // "a Hong Kong businessman Jimmy Lai": one person described, and named after it ("U.S. citizens Gustavo Cardenas and
    // Jorge Alberto" stay a group)
    if (t + 1 < s1 && tokens.pos[t + 1] === "PROPN" && isCap(tokens.text[t + 1]!) && tokens.lemma[t] === tokens.lower[t]) return null;
    // "China's firm opposition to the bill": a stance, not the opposition as a group ("urged the opposition to join talks" is one)
    if (tokens.lower[t] === "opposition" && (STANCE_MODIFIERS.has(tokens.lower[t - 1] ?? "") || (/^(to|against)$/.test(tokens.lower[t + 1] ?? "") && tokens.pos[t + 2] !== "VERB"))) return null;
    let code: string | null = null;
    let a = t;
    let stateUnits = 0;
    let bloc = false;
    let words = 0;
    while (a - 1 >= s0 && words < 5 && this.free(a - 1, a)) {
      const k = unitEndingAt.get(a);
      const u = k === undefined ? undefined : units[k];
      // "African countries", "our European allies", "Pacific Island leaders": the states of a region as one party
      if (u?.entry?.kind === "bloc" && blocHead && this.free(u.start, u.end)) {
        code ??= u.entry.code;
        bloc = true;
        a = u.start;
        words++;
        continue;
      }
      if (u?.entry?.kind === "state" && u.entry.form !== "place" && this.free(u.start, u.end)) {
        code ??= u.entry.code;
        stateUnits++;
        a = u.start;
        words++;
        continue;
      }
      if (u?.entry) break;
      const pos = tokens.pos[a - 1];
      const w = tokens.lower[a - 1]!;
      // "Saudi-led coalition warplanes", "U.S.-led forces": the state that leads them ("Iranian-backed militias" are
      // not their backer's)
      if (w === "led" && tokens.lower[a - 2] === "-" && tokens.end[a - 3] === tokens.start[a - 2]) {
        const k2 = unitEndingAt.get(a - 2);
        const leader = k2 === undefined ? undefined : units[k2];
        if (leader?.entry?.kind === "state" && leader.entry.form !== "place" && this.free(leader.start, a - 2)) {
          code ??= leader.entry.code;
          stateUnits++;
          a = leader.start;
          words++;
          continue;
        }
      }
      if (pos === "ADJ" || pos === "NOUN" || (pos === "PROPN" && isCap(tokens.text[a - 1]!) && !NOT_NAMES.has(w))) {
        a--;
        words++;
        continue;
      }
      // "state and local officials", "Chinese students and researchers"
      if (w === "and" && a - 2 >= s0 && /^(ADJ|NOUN)$/.test(tokens.pos[a - 2]!)) {
        a--;
        continue;
      }
      break;
    }
    while (a < t && tokens.lower[a] === "and") a++;
    // ("a 27-year-old Chinese man", "high-level Mexican cartel leaders": not the lower-case tail of a hyphenated word
    // the phrase cannot take whole; a name's is the phrase's own, "Indo-Pacific leaders")
    if (a < t && tokens.lower[a - 1] === "-" && tokens.start[a] === tokens.end[a - 1] && !isCap(tokens.text[a]!)) a++;
    if (!bloc && !refs.collectives.has(tokens.lower[t]!)) return null;
    if (stateUnits === 1 && words === 1 && refs.stateHeads.has(tokens.lower[t]!)) return null;
    let end = t + 1;
    // "Tunisia's civil society": the possessor's state
    if (!code && (tokens.lower[a - 1] === "'s" || tokens.lower[a - 1] === "’s")) {
      const k = unitEndingAt.get(a - 1);
      const u = k === undefined ? undefined : units[k];
      if (u?.entry?.kind === "state" && u.entry.form !== "place") code = u.entry.code;
    }
    // "the people of Fiji", "refugees in Jordan" (not "withdrawing our forces from Afghanistan": the place they leave)
    const mover = MOVED_DETERMINERS.has(tokens.lower[a - 1] ?? "") ? a - 2 : a - 1;
    const leaving = tokens.lower[end] === "from" && tokens.pos[mover] === "VERB" && DEPARTURES.has(tokens.lemma[mover] ?? "");
    if (!code && end < s1 && /^(of|in|from)$/.test(tokens.lower[end]!) && !leaving) {
      const at = tokens.lower[end + 1] === "the" ? end + 2 : end + 1;
      const k = unitAt.get(at);
      const u = k === undefined ? undefined : units[k];
      if (u?.entry?.kind === "state" && u.entry.form === "name" && this.free(end, u.end)) {
        code = u.entry.code;
        end = u.end;
      } else if (u?.entry?.kind === "state" && u.entry.form === "adjective" && this.free(end, u.end)) {
        // "officials from the Chinese Embassy in Zambia": a state's institution says whose they are
        const inst = institutionEnd(tokens, refs, u.end, s1);
        // (not the possessor of another body: "officials from the Australian Government's overseas aid agency, AusAID")
        if (inst > u.end && this.free(end, inst) && !this.possessiveAt(inst)) {
          code = u.entry.code;
          end = inst;
        }
      }
    }
    // "human rights groups", "international aid agencies", "NGOs": non-governmental organizations, unless the phrase
    // names whose ("UN aid agencies")
    // ("state and local governments and nonprofit organizations": the bodies after the last "and")
    if (!code && !bloc && (acronym || refs.ngo.heads.has(tokens.lower[t]!))) {
      let from = a;
      for (let i = a; i < t; i++) if (tokens.lower[i] === "and") from = i + 1;
      if (acronym || this.ngoModified(from, t)) {
        code = "NGO";
        a = from;
      }
    }
    return { start: a, end, code };
  }

  /** Whether a modifier of a non-governmental body stands in [a, t) and no named entity ends at a ("UN aid agencies"). */
  private ngoModified(a: number, t: number): boolean {
    const { tokens, refs, units, unitEndingAt } = this;
    const k = unitEndingAt.get(a);
    if (k !== undefined && units[k]!.entry) return false;
    for (let i = a; i < t; i++) if (refs.ngo.modifiers.has(tokens.lower[i]!)) return true;
    return false;
  }

  /**
   * The end of a phrase from `from` that makes the state word before it stand for the state
   * (data/lexicon/state-heads.txt): a state noun right after it ("the Chinese side", "Iran's
   * government"), or after up to two lower-case modifiers when it ends the noun phrase ("the
   * Russian foreign ministry", not "Chinese military aircraft"); `from` when there is none.
   */
  private stateBodyEnd(from: number): number {
    const { tokens, refs, s1 } = this;
    for (let e = from; e < s1 && e < from + 3; e++) {
      if (isCap(tokens.text[e]!) || !this.free(e, e + 1)) return from;
      if (refs.stateHeads.has(tokens.lower[e]!)) {
        // (the tagger's nouns after the head are often verbs or dates: "the Chinese side values", "the military today said")
        const next = e + 1 < s1 ? e + 1 : -1;
        // ("her Ukrainian counterpart Dmytro Kuleba": a counterpart named is that person, not the state)
        if (/^counterparts?$/.test(tokens.lower[e]!) && next >= 0 && isCap(tokens.text[next]!)) return from;
        const continues = next >= 0 && (tokens.pos[next] === "NOUN" || tokens.pos[next] === "PROPN") && !NOT_NAMES.has(tokens.lower[next]!);
        if (e === from || !continues) return e + 1;
      }
      if (tokens.pos[e] !== "ADJ" && tokens.pos[e] !== "NOUN") return from;
    }
    return from;
  }

  /** "President Zelenskyy of Ukraine", "Prime Minister Robert Golob of the Republic of Slovenia". */
  private ofAffiliation(after: number): { end: number; code: string | null } | null {
    const { tokens, kb, units, unitAt } = this;
    if (tokens.lower[after] !== "of") return null;
    const at = tokens.lower[after + 1] === "the" ? after + 2 : after + 1;
    const k2 = unitAt.get(at);
    const u = k2 === undefined ? undefined : units[k2];
    if (u?.entry?.kind === "state" && u.entry.form === "name") return { end: u.end, code: u.entry.code };
    // "Premier Li Keqiang of the State Council", "Kofi Annan of the United Nations": the body the person serves
    if (u?.entry?.kind === "org") return { end: u.end, code: kb.orgs.get(u.entry.id)?.code ?? null };
    // (one the knowledge base does not know, named by its institution word: "of the State Council")
    const orgEnd = u?.entry ? at : this.unknownOrganization(at);
    if (orgEnd > at && this.free(at, orgEnd)) return { end: orgEnd, code: null };
    return null;
  }

  /**
   * From unit j: one to three describing words ("citizen", "human rights lawyer") that a capitalised word follows;
   * the unit index of that word, or j when there is no such run.
   */
  private descriptorEnd(j: number): number {
    const { tokens, units } = this;
    const n = this.describingWords(j, 3);
    // (the name is checked as a person's like any other: "Chinese state media Xinhua" is none)
    if (n === j || n >= units.length) return j;
    const name = units[n]!;
    return name.entry?.kind === "person" || (!name.entry && isCap(tokens.text[name.start]!)) ? n : j;
  }

  /** The unit index of the office that unit j opens, over capitalised title words ("Special Envoy"), or -1. */
  private officeAfterTitleWords(j: number): number {
    const { tokens, refs, units } = this;
    let n = j;
    while (n < units.length && !units[n]!.entry && isCap(tokens.text[units[n]!.start]!) && refs.titleWords.has(tokens.lower[units[n]!.start]!)) n++;
    return units[n]?.entry?.kind === "office" ? n : -1;
  }

  /**
   * From unit j: a run of capitalised title words ("Senior Humanitarian and Reconstruction Coordinator for Gaza")
   * that a person's name follows; the unit index of the name, or j when there is no such run.
   */
  private titleBeforeName(j: number): number {
    const { tokens, refs, s1, units } = this;
    let n = j;
    let words = 0;
    while (n < units.length) {
      const x = units[n]!;
      const w = tokens.lower[x.start]!;
      if (!x.entry && isCap(tokens.text[x.start]!) && refs.titleWords.has(w)) words++;
      else if (!x.entry && (w === "for" || w === "and" || w === "of" || w === "on") && words > 0) {
        // a connective inside the title
      } else if (x.entry?.kind === "state" && words > 0 && tokens.lower[x.start - 1] === "for") {
        // a portfolio: "Coordinator for Gaza", "Envoy for Yemen"
      } else break;
      n++;
    }
    if (!words || n >= units.length) return j;
    const name = units[n]!;
    if (name.entry?.kind === "person") return n;
    // a name the knowledge base does not know opens with a given name ("Phil Hogan"), not "Response Plans"
    const end = nameRunEnd(tokens, name.start, s1);
    return !name.entry && refs.nameStarts.has(tokens.text[name.start]!) && end - name.start >= 2 && end - name.start <= 4 && !refs.nameEnders.has(tokens.lower[end - 1]!) ? n : j;
  }

  private titleish(x: Unit | undefined): boolean {
    const { tokens, refs } = this;
    if (!x) return false;
    if (x.entry) return x.entry.kind !== "person";
    const w = tokens.lower[x.start]!;
    return (isCap(tokens.text[x.start]!) && refs.titleWords.has(w)) || w === "the" || w === "(";
  }

  /**
   * Where a portfolio that opens at unit c with capitalised words that are no title words ends: at the first title word
   * among the next eight units ("Near Eastern Affairs", "Conflict and Stabilization Operations", "Oceans and
   * International Environmental and Scientific Affairs") or at its bracketed abbreviation ("International Narcotics and
   * Law Enforcement (INL)"), with only capitalised words and "and" before it; -1 when there is none.
   */
  private portfolioEnd(c: number): number {
    const { tokens, refs, units } = this;
    for (let j = c; j < Math.min(units.length, c + 8); j++) {
      const x = units[j]!;
      if (x.entry) return -1;
      const word = tokens.lower[x.start]!;
      const capital = isCap(tokens.text[x.start]!);
      if (j > c && capital && refs.titleWords.has(word)) return j;
      // (a name ends it: "Senior Director for Africa Dana Banks and Deputy Assistant Secretary …")
      if (capital && this.givenName(x.start)) return -1;
      // ("for International Narcotics and Law Enforcement (INL) Todd D. Robinson": its abbreviation closes it)
      if (j > c && word === "(" && tokens.lower[units[j + 2]?.start ?? -1] === ")" && /^\p{Lu}{2,}$/u.test(tokens.text[units[j + 1]!.start]!)) return j;
      if (!capital && !(j > c && word === "and")) return -1;
    }
    return -1;
  }

  /** Whether token t is a given name that is no ordinary word ("Dana", not "Law" or "Grace"). */
  private givenName(t: number): boolean {
    const { tokens, refs } = this;
    return refs.nameStarts.get(tokens.text[t]!) === false;
  }

  /** A title region around the office unit k, then the name it introduces. */
  private titledName(k: number): { fullStart: number; fullEnd: number; nameStart: number; nameEnd: number; office: string; code: string | null; kbPerson: string | null } | null {
    const { tokens, kb, refs, s0, s1, units } = this;
    let a = k;
    // leftwards over modifiers, affiliations and bracketed abbreviations: "People's Republic of China (PRC) International Liaison Department Minister"
    while (a - 1 >= 0) {
      const x = units[a - 1]!;
      const w = tokens.lower[x.start]!;
      if (x.entry?.kind === "office" || x.entry?.kind === "person") break;
      if (w === ")" && a - 3 >= 0 && tokens.lower[units[a - 3]!.start] === "(") {
        a -= 3;
        continue;
      }
      // "UN Under-Secretary-General for Political Affairs Rosemary DiCarlo": a rank joined by a hyphen
      if (w === "-" && a - 2 >= 0 && tokens.end[units[a - 2]!.end - 1]! === tokens.start[x.start]! && this.titleish(units[a - 2])) {
        a -= 2;
        continue;
      }
      if (w === "of" && a - 2 >= 0 && (units[a - 2]!.entry?.kind === "state" || units[a - 2]!.entry?.kind === "org") && this.titleish(units[a - 2])) {
        a--;
        continue;
      }
      // "Minister in the Prime Minister's Office, Second Minister for Education … Dr Mohamad Maliki Osman": offices one
      // person holds, listed with commas before the name (an office right before the comma names no one of its own)
      if (w === "," && a - 2 >= 0 && units[a - 2]!.entry?.kind === "office" && units[a - 3]?.entry?.kind !== "person") {
        a -= 2;
        continue;
      }
      if (!this.titleish(x) || w === "(" || w === "the") break;
      a--;
    }
    let b = k + 1;
    // whether a "for" has opened a portfolio ("Assistant Secretary for …")
    let portfolio = false;
    let office: string | null = null;
    let code: string | null = null;
    // affiliation: a state or organization before the office ("UN Special Envoy") or after "of"
    // ("Minister for Foreign Affairs of Singapore"); "for Yemen" is a portfolio, not a country
    let leftCode: string | null = null;
    const note = (x: Unit, left: boolean) => {
      if (x.entry?.kind === "office" && !office) office = deputyOf(tokens, x.start, s0, x.entry.office) ?? x.entry.office;
      const c = x.entry?.kind === "state" && x.entry.form !== "place" ? x.entry.code : x.entry?.kind === "org" ? kb.orgs.get(x.entry.id)?.code ?? null : null;
      if (!c) return;
      const before = tokens.lower[x.start - 1] === "the" ? tokens.lower[x.start - 2] : tokens.lower[x.start - 1];
      if (left) leftCode ??= c;
      else if (before === "of") code ??= c;
    };
    for (let i = a; i <= k; i++) note(units[i]!, true);
    while (b < units.length) {
      const x = units[b]!;
      const w = tokens.lower[x.start]!;
      if (x.entry && x.entry.kind !== "person") {
        note(x, false);
        b++;
        continue;
      }
      if (!x.entry && isCap(tokens.text[x.start]!) && refs.titleWords.has(w)) {
        b++;
        continue;
      }
      if (w === "(") {
        // an abbreviation in brackets: "(CPV)"
        let c = b + 1;
        while (c < units.length && tokens.lower[units[c]!.start] !== ")" && c - b < 5) c++;
        if (c < units.length && tokens.lower[units[c]!.start] === ")") {
          b = c + 1;
          continue;
        }
        break;
      }
      // "The Vice President and President Herzog" are two people; "State Councilor and Foreign Minister Wang Yi" one
      if (w === "and" && tokens.lower[units[a]!.start - 1] === "the" && units[b + 1]?.entry?.kind === "office") break;
      // ("U.S. Ambassador to China Nicholas Burns", "Senior Advisor to the President Anita Dunn": the post's "to" names
      // where or whom it serves, not whose it is)
      if (["of", "for", "and", "the", "-", "in", "charge", "on", "&", "to"].includes(w) && this.titleish(units[b + 1])) {
        if (w === "for") portfolio = true;
        b++;
        continue;
      }
      // a portfolio whose first words are no title words, ended by one: "Assistant Secretary for Near Eastern Affairs
      // Barbara Leaf", "for Conflict and Stabilization Operations Anne Witkowsky"
      if (w === "for" || w === "and") {
        const end = this.portfolioEnd(b + 1);
        if (end > 0) {
          if (w === "for") portfolio = true;
          b = end;
          continue;
        }
      }
      // the rest of a portfolio whose first words were title words: "for International Narcotics and Law Enforcement
      // (INL) Todd D. Robinson", "for Oceans and International Environmental and Scientific Affairs Monica Medina"
      if (portfolio && isCap(tokens.text[x.start]!) && !this.givenName(x.start)) {
        const end = this.portfolioEnd(b);
        if (end > b) {
          b = end;
          continue;
        }
      }
      // "Minister in the Prime Minister's Office and Second Minister for Education" (not "the President's Executive Order")
      if ((w === "'s" || w === "’s") && tokens.lower[units[b + 1]?.start ?? -1] === "office") {
        b++;
        continue;
      }
      if (w === "-" && tokens.lower[units[b + 1]?.start ?? -1] === "elect") {
        b += 2; // "Chief Executive (CE)-elect John Lee"
        continue;
      }
      if ((w === "-" || w === "in") && tokens.lower[units[b + 1]?.start ?? -1] === "charge") {
        b++;
        continue;
      }
      // "Minister-in-Charge of Trade Relations", as the tokenizer splits it
      const ahead = (n: number) => tokens.lower[units[b + n]?.start ?? -1];
      if (w === "-" && ahead(1) === "in" && ahead(2) === "-" && ahead(3) === "charge") {
        b += 4;
        continue;
      }
      break;
    }
    if (b - a < 2 && !(b - a === 1 && units[b]?.entry?.kind === "person")) {
      // a single office word is left to the simpler grammar below
      if (b - a < 2) return null;
    }
    // "the Minister for Foreign Affairs and External Trade, the Hon Kaliopate Tavola"
    if (tokens.lower[units[b]?.start ?? -1] === ",") {
      let n = b + 1;
      if (tokens.lower[units[n]?.start ?? -1] === "the") n++;
      if (units[n]?.entry?.kind === "honorific") {
        while (units[n]?.entry?.kind === "honorific") n++;
        b = n;
      }
    }
    const nu = units[b];
    if (!nu || !office) return null;
    code = leftCode ?? code;
    if (nu.entry?.kind === "person") {
      const fullStart = tokens.lower[units[a]!.start - 1] === "the" && units[a]!.start - 1 >= s0 ? units[a]!.start - 1 : units[a]!.start;
      return { fullStart, fullEnd: nu.end, nameStart: nu.start, nameEnd: nu.end, office, code, kbPerson: nu.entry.name };
    }
    // ("The Secretary and Foreign Ministers": an office word in the plural is no one's name)
    if (nu.entry || !isCap(tokens.text[nu.start]!) || NOT_NAMES.has(tokens.lower[nu.start]!) || kb.isOfficeWord(tokens.lower[nu.start]!)) return null;
    const nameEnd = nameRunEnd(tokens, nu.start, s1);
    if (nameEnd === nu.start || nameEnd - nu.start > 6) return null;
    // "President Biden-Lopez Obrador Joint Statement", "a Major Defense Partner": the name of a thing
    if (refs.nameEnders.has(tokens.lower[nameEnd - 1]!) || refs.orgHeads.has(tokens.lower[nameEnd - 1]!)) return null;
    if (!this.free(units[a]!.start, nameEnd)) return null;
    const fullStart = tokens.lower[units[a]!.start - 1] === "the" && units[a]!.start - 1 >= s0 ? units[a]!.start - 1 : units[a]!.start;
    // a known name inside the run ends the title: "… for Economic Policies Heng Swee Keat"
    for (let k2 = b + 1; k2 < units.length && units[k2]!.start < nameEnd; k2++) {
      const x = units[k2]!;
      if (x.entry?.kind === "person") return { fullStart, fullEnd: x.end, nameStart: x.start, nameEnd: x.end, office, code, kbPerson: x.entry.name };
    }
    return { fullStart, fullEnd: nameEnd, nameStart: nu.start, nameEnd, office, code, kbPerson: null };
  }

  /** After "office of": [the] state/org/institution words, then the unit index where a name may start. */
  private ofPhrase(k0: number): { code: string | null; next: number } | null {
    const { tokens, kb, refs, s1, units } = this;
    let k2 = k0;
    let code: string | null = null;
    let sawBody = false;
    while (k2 < units.length) {
      const x = units[k2]!;
      const w = tokens.lower[x.start]!;
      if (w === "the" && !x.entry) {
        k2++;
        continue;
      }
      if (x.entry?.kind === "state" && x.entry.form !== "place") {
        code = x.entry.code;
        sawBody = true;
        k2++;
        continue;
      }
      if (x.entry?.kind === "org") {
        code = kb.orgs.get(x.entry.id)?.code ?? null;
        sawBody = true;
        k2++;
        continue;
      }
      if (!x.entry && refs.institutionWords.has(w) && isCap(tokens.text[x.start]!)) {
        sawBody = true;
        k2++;
        continue;
      }
      break;
    }
    if (!sawBody || k2 >= units.length) return null;
    const after = units[k2]!;
    if (after.entry?.kind === "person" || (!after.entry && isNameStart(tokens, after.start, s1))) return { code, next: k2 };
    return null;
  }

  /** "Congressional Black Caucus", "Land Transport Authority": an organization the knowledge base does not know. */
  private unknownOrganization(t: number): number {
    const { tokens, refs, s1, units, unitAt } = this;
    if (!isCap(tokens.text[t]!) || NOT_NAMES.has(tokens.lower[t]!)) return t;
    let e = t;
    let lastHead = -1;
    // an "and" inside the name, and the last head before it
    let and = -1;
    let headBeforeAnd = -1;
    while (e < s1) {
      const w = tokens.text[e]!;
      if (isCap(w) && /^\p{L}[\p{L}'’+.-]*$/u.test(w)) {
        if (refs.orgHeads.has(tokens.lower[e]!)) lastHead = e;
        e++;
        continue;
      }
      // "and" inside a name: "Cybersecurity and Infrastructure Security Agency", "Ministry of Commerce and Industry"
      // (not before an acronym or a name the knowledge base knows: "the Department of Justice and FBI")
      if (w === "and" && and < 0 && e > t && e + 1 < s1 && isCap(tokens.text[e + 1]!) && !/^\p{Lu}{2,}$/u.test(tokens.text[e + 1]!) && !units[unitAt.get(e + 1) ?? -1]?.entry) {
        and = e;
        headBeforeAnd = lastHead;
        e++;
        continue;
      }
      // "Congressional-Executive Commission": capitalised words joined by a hyphen
      if ((w === "-" || w === "–") && e > t && tokens.end[e - 1] === tokens.start[e] && e + 1 < s1 && tokens.end[e] === tokens.start[e + 1] && isCap(tokens.text[e + 1]!)) {
        e++;
        continue;
      }
      // "of", "for", "on", "and" inside a name: "Lee Kuan Yew School of Public Policy", "Commission on Human Rights"
      // (not a date: "the Joint Commission on July 28", "the Council on Monday")
      if ((w === "of" || w === "for" || w === "on" || w === "&") && e + 1 < s1 && isCap(tokens.text[e + 1]!) && lastHead >= 0 && !(w === "on" && isCalendarWord(tokens.lower[e + 1]!))) {
        e++;
        continue;
      }
      // "Department of the Treasury", "Ministry of the Interior"
      if (w === "of" && tokens.lower[e + 1] === "the" && e + 2 < s1 && isCap(tokens.text[e + 2]!) && lastHead === e - 1) {
        e += 2;
        continue;
      }
      // "LGBTQ+ Equality Caucus", "Women's Caucus": marks written onto a word of the name
      if ((w === "+" || w === "'s" || w === "’s") && e > t && tokens.start[e] === tokens.end[e - 1] && e + 1 < s1 && isCap(tokens.text[e + 1]!)) {
        e++;
        continue;
      }
      break;
    }
    if (and >= 0) {
      // a head after "and" ends a name that had none before it ("Trade and Technology Council"); after a head and its
      // portfolio, "and" joins portfolio words ("Department of Housing and Urban Development"), and a second head is a
      // second body ("the Ministry of Defence and Foreign Ministry")
      const joins = headBeforeAnd < 0 ? lastHead > and : lastHead === headBeforeAnd && /^(of|for|on)$/.test(tokens.lower[headBeforeAnd + 1] ?? "");
      if (!joins) {
        e = and;
        lastHead = headBeforeAnd;
      }
    }
    if (lastHead < 0) return t;
    // trailing words after the last head belong to the name only if capitalized ("… School of Public Policy")
    const end = /^(of|for|on)$/.test(tokens.lower[lastHead + 1] ?? "") ? e : lastHead + 1;
    return end - t >= 2 ? end : t;
  }

  /**
   * Whether the run [a, b) names someone the knowledge base does not know, with no title: a
   * given name and more ("Mark Zuckerberg said", "Brad Adams, from Human Rights Watch"), an East
   * Asian family name and more ("Zhao Lijian"); a name that is also an ordinary word ("Will",
   * "Grace", "Moon") only as the subject of a speech verb. (Their family names alone, later in the
   * text, are found with those of every person named: "Zuckerberg said".)
   */
  private untitledPerson(a: number, b: number): boolean {
    const { tokens, refs, s1 } = this;
    if (b - a > 4) return false;
    if (b - a < 2 || refs.nameEnders.has(tokens.lower[b - 1]!)) return false;
    for (let t = a; t < b; t++) {
      if (refs.orgHeads.has(tokens.lower[t]!) || refs.titleWords.has(tokens.lower[t]!)) return false;
      if (t > a && /^(PRON|DET|ADP|CCONJ|VERB|AUX)$/.test(tokens.pos[t]!)) return false; // "So I said"
    }
    const speaks = b < s1 && refs.speechVerbs.has(tokens.lemma[b]!);
    const word = refs.nameStarts.get(tokens.text[a]!);
    return word === false || (word === true && speaks) || (word === undefined && b - a <= 3 && this.personBefore(a, b) && !this.holdsOfficeWord(a, b));
  }

  /** Whether a word of [a, b) names an office ("Majority Leader Schumer"): a title, not a name the text does not know. */
  private holdsOfficeWord(a: number, b: number): boolean {
    const { tokens, kb } = this;
    for (let t = a; t < b; t++) if (kb.isOfficeWord(tokens.lower[t]!)) return true;
    return false;
  }

  /**
   * Whether a person's name ends right before "and" at a - 1: "Evan Gershkovich and Alsu Kurmasheva", where the
   * second name [a, b), its given name unknown, is a person too because it is listed with one.
   */
  private personBefore(a: number, b: number): boolean {
    const { tokens, refs, s1, mentions, info } = this;
    if (tokens.lower[a - 1] !== "and") return false;
    // (not an acronym's title, "NSA Sullivan", nor a run of capitalized words going on, as a headline's do)
    for (let t = a; t < b; t++) if (/^\p{Lu}{2,}$/u.test(tokens.text[t]!)) return false;
    if (b < s1 && isCap(tokens.text[b]!)) return false;
    const last = mentions[mentions.length - 1];
    const li = info[info.length - 1];
    return !!last && !!li && last.type === "name" && last.fullEnd <= tokens.start[a - 1]! && last.tokenEnd === a - 1 && !li.state && !li.org && !li.institution && (!!li.kbPerson || !!li.office || refs.nameStarts.get(tokens.text[last.tokenStart]!) === false);
  }

  private emitTitle(k0: number, k1: number): void {
    const { tokens, kb, refs, s0, units, unitAt } = this;
    // "the President and Vice President": two people
    for (let k2 = k0 + 1; k2 < k1 - 1; k2++) {
      if (!units[k2]!.entry && tokens.lower[units[k2]!.start] === "and" && units[k2 - 1]!.entry?.kind === "office" && units[k2 + 1]!.entry?.kind === "office") {
        this.emitTitle(k0, k2);
        this.emitTitle(k2 + 1, k1);
        return;
      }
    }
    // a bare title: "the Secretary-General", "the Minister for Foreign Affairs of China"
    const first = units[k0]!;
    const last = units[k1 - 1]!;
    const officeUnit = units.slice(k0, k1).reverse().find((x) => x.entry?.kind === "office");
    if (!officeUnit || officeUnit.entry?.kind !== "office") return;
    if (!isCap(tokens.text[officeUnit.start]!) && !/^[A-Z]/.test(tokens.text[first.start]!)) return;
    // "the Executive Secretary … of the G5 Sahel", "the Permanent Secretary": another office than the one the word names
    if (OTHER_RANKS.has(tokens.lower[officeUnit.start - 1] ?? "") && isCap(tokens.text[officeUnit.start - 1]!)) return;
    let end = last.end;
    let code: string | null = null;
    let org: string | null = null;
    for (const x of units.slice(k0, k1)) {
      if (x.entry?.kind === "state" && x.entry.form !== "place") code = x.entry.code;
      if (x.entry?.kind === "org") {
        code = kb.orgs.get(x.entry.id)?.code ?? null;
        org = x.entry.id;
      }
    }
    // "of the People's Republic of China"
    if (tokens.lower[end] === "of") {
      const skipThe = tokens.lower[end + 1] === "the" ? end + 2 : end + 1;
      const ofUnit = units[unitAt.get(skipThe) ?? -1];
      if (ofUnit?.entry?.kind === "state" || ofUnit?.entry?.kind === "org") {
        code = ofUnit.entry.kind === "state" ? ofUnit.entry.code : kb.orgs.get(ofUnit.entry.id)?.code ?? null;
        if (ofUnit.entry.kind === "org") org = ofUnit.entry.id; // "the Secretary-General of the Pacific Islands Forum"
        end = ofUnit.end;
      }
    }
    if (!this.free(first.start, end)) return;
    const fs = tokens.lower[first.start - 1] === "the" && first.start - 1 >= s0 ? first.start - 1 : first.start;
    // "Assistant to the President and Director of …", "Senior Advisor to the President", "National Security Advisor to
    // the Vice President Phil Gordon": the office someone serves, a part of their own title, is nobody named
    const before = fs - 1 >= s0 && tokens.lower[fs - 1] === "to" ? fs - 2 : -1;
    if (before >= s0 && isCap(tokens.text[before]!) && (refs.titleWords.has(tokens.lower[before]!) || kb.isOfficeWord(tokens.lower[before]!))) return;
    this.take(fs, end);
    this.add(this.base("title", first.start, end, fs, end), {
      name: null, kbPerson: null, state: null, org, office: deputyOf(tokens, officeUnit.start, s0, officeUnit.entry.office) ?? officeUnit.entry.office, code, reference: null,
    });
  }

  /**
   * ", an Israeli cabinet minister", ", a Chinese human rights lawyer": an appositive of "a", a state's adjective and
   * lower-case words describing the person before it (its end and the state), or null. Only said of someone
   * already known to be a person: the same words describe companies and places too ("Huawei, a Chinese company").
   */
  private describingAppositive(after: number): { end: number; code: string } | null {
    const { tokens, units, unitAt } = this;
    if (tokens.lower[after] !== ",") return null;
    // (an indefinite article: ", the American people will …" is the next clause's subject)
    if (!/^(a|an)$/.test(tokens.lower[after + 1] ?? "")) return null;
    const t = after + 2;
    const k2 = unitAt.get(t);
    const u = k2 === undefined ? undefined : units[k2];
    if (u?.entry?.kind !== "state" || u.entry.form !== "adjective") return null;
    const n = this.describingWords(k2! + 1, 4);
    // (the words end in a noun: ", a Syrian-born" is no description of whom)
    const last = units[n - 1]!;
    return n > k2! + 1 && tokens.pos[last.start] === "NOUN" ? { end: last.end, code: u.entry.code } : null;
  }

  /** The unit index after up to `max` lower-case common nouns and adjectives from unit j ("citizen", "cabinet minister"). */
  private describingWords(j: number, max: number): number {
    const { tokens, units } = this;
    let n = j;
    while (n < units.length && n - j < max) {
      const x = units[n]!;
      if (x.entry || x.end - x.start !== 1 || !/^\p{Ll}+$/u.test(tokens.text[x.start]!) || (tokens.pos[x.start] !== "NOUN" && tokens.pos[x.start] !== "ADJ")) break;
      n++;
    }
    return n;
  }

  private appositive(after: number): { end: number; office: string; code: string | null } | null {
    const { tokens, kb, refs, s0, s1, units, unitAt } = this;
    if (tokens.lower[after] !== ",") return null;
    let t = after + 1;
    // ", and Minister for Sustainability … Grace Fu": the next item of a list
    if (tokens.lower[t] === "and" || tokens.lower[t] === "or") return null;
    if (tokens.lower[t] === "the" || tokens.lower[t] === "a" || tokens.lower[t] === "an") t++;
    // ", Minister for Trade and Industry Gan Kim Yong, …": a title that ends in a name is the next person's
    let segEnd = t;
    // (the segment also ends where "and" starts another name: "… to the UN and Martin Bille Hermann")
    while (segEnd < s1 && !/^[,;(]$/.test(tokens.lower[segEnd]!)) {
      if (tokens.lower[segEnd] === "and" && isCap(tokens.text[segEnd + 1] ?? "") && !refs.titleWords.has(tokens.lower[segEnd + 1] ?? "")) break;
      segEnd++;
    }
    const last = segEnd - 1;
    // (a name the knowledge base knows counts: "…, Minister for Trade and Industry Gan Kim Yong, …")
    if (last > t && tokens.pos[last] === "PROPN" && isCap(tokens.text[last]!) && !refs.titleWords.has(tokens.lower[last]!) && !units.some((u) => u.entry && u.entry.kind !== "person" && u.start <= last && last < u.end)) return null;
    let office: string | null = null;
    let code: string | null = null;
    let end = t;
    // up to the next comma, "and" + capital (the next list item) or the sentence end
    while (end < s1) {
      const w = tokens.lower[end]!;
      if (w === "," || w === ";" || w === "(" ) break;
      if (w === "and" && office && isCap(tokens.text[end + 1] ?? "")) break;
      const k2 = unitAt.get(end);
      const unit = k2 === undefined ? null : units[k2]!;
      if (unit?.entry) {
        const e = unit.entry;
        if (e.kind === "office" && !office) {
          office = deputyOf(tokens, unit.start, s0, e.office) ?? e.office;
          const nextTok = unit.end;
          const nu2 = unitAt.get(nextTok) === undefined ? undefined : units[unitAt.get(nextTok)!];
          if (nextTok < s1 && isCap(tokens.text[nextTok]!) && nu2 && (!nu2.entry || nu2.entry.kind === "person") && tokens.lower[nextTok] !== "of") return null;
        }
        else if (e.kind === "state" && !code && e.form !== "place") code = e.code;
        else if (e.kind === "org" && !code) code = kb.orgs.get(e.id)?.code ?? null;
        else if (e.kind === "person") break;
        end = unit.end;
        continue;
      }
      if (!office && end > t + 2) return null; // an office must come first
      if (tokens.pos[end] === "VERB" && !office) return null;
      if (tokens.pos[end] === "VERB" && tokens.lower[end - 1] !== "to") {
        // "Before meeting with Bush, the Crown Prince paid …": a title running into its verb is the clause's
        // subject, not said of the name before the comma (a participle may still describe it: "…, the envoy
        // appointed by the UN", "…, the spokesperson speaking for …")
        const w = tokens.lower[end]!;
        if (!/ing$/.test(w) && !(/(ed|en)$/.test(w) && tokens.lower[end + 1] === "by")) return null;
        break;
      }
      end++;
    }
    if (!office) return null;
    return { end, office, code };
  }

}


/**
 * A mention found, with its id and no entity yet: its fields in the order base() gives them, which its JSON keeps.
 * Written out, as a spread that adds fields ({ ...m, id }) costs V8 microseconds an object, 50 times as much.
 */
function withId(m: Omit<Mention, "id" | "entity">, id: number): Mention {
  return {
    sentence: m.sentence,
    tokenStart: m.tokenStart,
    tokenEnd: m.tokenEnd,
    start: m.start,
    end: m.end,
    fullStart: m.fullStart,
    fullEnd: m.fullEnd,
    type: m.type,
    possessive: m.possessive,
    plural: m.plural,
    id,
    entity: -1,
  };
}

/** End of "Armed Forces", "Embassy in Kazakhstan" after a state word, or `from` when none. */
function institutionEnd(tokens: Doc["tokens"], refs: References, from: number, limit: number): number {
  let e = from;
  let head = -1;
  while (e < limit && isCap(tokens.text[e]!) && refs.institutionWords.has(tokens.lower[e]!)) {
    if (refs.institutionHeads.has(tokens.lower[e]!)) head = e;
    e++;
  }
  return head >= 0 ? head + 1 : from;
}

/** "Deputy Secretary of State": a deputy's office is not the principal's. */
function deputyOf(tokens: Doc["tokens"], officeStart: number, s0: number, office: string): string | null {
  const prev = tokens.lower[officeStart - 1];
  if (officeStart - 1 < s0 || !prev) return null;
  return prev === "deputy" || prev === "assistant" || prev === "under" || prev === "vice" ? `Deputy ${office}` : null;
}

/** A state or organization word that continues a longer capitalized name ("National Security Council", "Latin American"). */
function continuesName(tokens: Doc["tokens"], at: number, s0: number, values: NameEntry[]): boolean {
  if (at <= s0) return false;
  if (!values.every((v) => v.kind === "state" || v.kind === "org")) return false;
  const prev = tokens.text[at - 1]!;
  if (!/^\p{Lu}\p{Ll}/u.test(prev)) return false;
  if (at - 1 === s0) return false; // sentence-initial capital says nothing
  if (tokens.end[at - 1] !== tokens.start[at]! - 1) return false;
  // (nor does a day or month: "said on Friday China and Russia had …", "In May China …")
  return tokens.pos[at - 1] === "PROPN" && !/^(The|In|At|On|Of|For|With|And|By|To|From)$/.test(prev) && !isCalendarWord(tokens.lower[at - 1]!);
}

/**
 * The reading of a name the gazetteer gives several: a person first, then an organization, a state, an office; of
 * several people, the one in office on the story date or nearest to it ("King Abdullah" in 2016 is Jordan's).
 */
function pick(values: NameEntry[], kb: KnowledgeBase, date: string | null): NameEntry {
  if (values.length === 1) return values[0]!;
  const rank = (e: NameEntry) => (e.kind === "person" ? 0 : e.kind === "org" ? 1 : e.kind === "state" ? 2 : e.kind === "office" ? 3 : 4);
  const away = (e: NameEntry) => (e.kind === "person" ? kb.distanceFromOffice(e.name, date) : 0);
  return [...values].sort((a, b) => rank(a) - rank(b) || away(a) - away(b))[0]!;
}

function isPrefixish(u: Unit): boolean {
  return u.entry?.kind === "office" || u.entry?.kind === "honorific";
}

function isNameStart(tokens: Doc["tokens"], t: number, limit: number): boolean {
  return t < limit && isCap(tokens.text[t]!) && tokens.pos[t] !== "PUNCT";
}

/** End of a run of name words from `t`: "Alya Ahmed Saif Al-Thani", "Ki-moon", "bin Salman". */
export function nameRunEnd(tokens: Doc["tokens"], t: number, limit: number): number {
  let e = t;
  while (e < limit) {
    const w = tokens.text[e]!;
    if (isCap(w) && /^\p{L}[\p{L}.'’]*$/u.test(w) && tokens.pos[e] !== "PUNCT") {
      e++;
      continue;
    }
    // hyphenated parts written without spaces: Al-Thani, Ki-moon
    if (w === "-" && e > t && tokens.start[e] === tokens.end[e - 1] && e + 1 < limit && tokens.start[e + 1] === tokens.end[e] && /^\p{L}/u.test(tokens.text[e + 1]!)) {
      e += 2;
      continue;
    }
    if (e > t && NAME_PARTICLES.has(tokens.lower[e]!) && e + 1 < limit && isCap(tokens.text[e + 1]!)) {
      e++;
      continue;
    }
    // a particle hyphenated to the next part: al-Sisi, el-Baradei
    if (e > t && NAME_PARTICLES.has(tokens.lower[e]!) && e + 2 < limit && tokens.text[e + 1] === "-" && tokens.start[e + 1] === tokens.end[e] && tokens.start[e + 2] === tokens.end[e + 1] && isCap(tokens.text[e + 2]!)) {
      e += 2;
      continue;
    }
    break;
  }
  return e;
}
