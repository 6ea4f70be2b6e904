import type { Doc, EventParticipant, Mention, Sentence } from "../doc/document.ts";
import { NAME_PARTICLES } from "../nlp/mentions.ts";

/**
 * Who takes part in an event: subjects, objects, "with" phrases, possessors and
 * coordinated lists, found from the words around a trigger over the tagged tokens.
 */

export const SKIPPABLE = new Set(["also", "further", "then", "jointly", "both", "all", "each", "particularly", "again", "once", "warmly", "strongly", "firmly", "deeply", "sincerely", "highly", "personally", "publicly", "formally", "officially", "repeatedly", "today", "recently", "later", "subsequently", "separately", "had", "has", "have", "did", "do", "does", "is", "was", "were", "are", "be", "been", "being", "to", "will", "shall", "'ll", "remain", "remains", "remained", "stand", "stands", "stood", "stay", "stays", "am"]);
export const RELATIVES = new Set(["which", "that", "who", "whom", "whose", "where", "when"]);
export const LOCATIVE = new Set(["in", "at", "across", "throughout", "near", "within", "inside", "around"]);
const CHANNEL_PREPOSITIONS = new Set(["through", "via"]);
export const PARTICIPANT_TYPES = new Set(["name", "title", "surname", "pronoun", "group", "adjective", "place", "region", "collective"]);
export const PLACE_PREPOSITIONS = new Set(["in", "at", "to", "from", "near", "across", "throughout"]);

/** A city, capital or region: a place, which stands for its state only where it is visited or acted upon. */
export function isPlace(m: Mention): boolean {
  return m.type === "place" || m.type === "region";
}

export function isPairReference(doc: Doc, m: Mention): boolean {
  if (m.type !== "group") return false;
  // "the two countries" are states; coreference pairs those
  if (/^(countries|nations|governments)$/.test(doc.tokens.lower[m.tokenEnd - 1] ?? "")) return false;
  const first = doc.tokens.lower[m.tokenStart];
  const second = doc.tokens.lower[m.tokenStart + 1];
  return first === "both" || second === "two" || first === "two";
}

/** Entities a list of mentions stands for; groups stand for their members. */
export function participants(doc: Doc, mentions: Mention[]): EventParticipant[] {
  const out: EventParticipant[] = [];
  const seen = new Set<number>();
  const push = (entity: number, mention: number) => {
    if (entity < 0 || seen.has(entity)) return;
    seen.add(entity);
    out.push({ entity, mention });
  };
  for (const m of mentions) {
    if (m.entity < 0) continue;
    const e = doc.entities[m.entity]!;
    if (e.kind === "group") {
      if (e.members.length) for (const id of e.members) push(id, m.id);
      else if (e.code) push(e.id, m.id);
    } else push(e.id, m.id);
  }
  return out;
}

export function isParticipant(m: Mention | undefined, doc?: Doc): m is Mention {
  if (!m || m.entity < 0 || !PARTICIPANT_TYPES.has(m.type)) return false;
  // "White House senior staff", "the Minsk Format", "the Bali Process": a place name modifying a noun names no participant
  if (doc && isPlace(m) && /^(NOUN|ADJ|PROPN)$/.test(doc.tokens.pos[m.tokenEnd] ?? "")) return false;
  return true;
}

/** The subject of the verb at `head`: the mentions just before it, or, across a comma or "and", the previous verb's. */
export function subjectOf(doc: Doc, sent: Sentence, head: number, mentionOf: Int32Array, depth = 0, fallback = true): Mention[] {
  const { tokens } = doc;
  let t = head - 1;
  while (t >= sent.tokenStart) {
    const w = tokens.lower[t]!;
    if (mentionOf[t]! >= 0) {
      const m = doc.mentions[mentionOf[t]!]!;
      if (m.possessive) break;
      if (m.type === "pronoun" && m.plural && m.entity < 0) return [m]; // "They discussed …": the meeting's parties, decided below
      if (!isParticipant(m)) break;
      if (isPlace(m) && PLACE_PREPOSITIONS.has(tokens.lower[m.tokenStart - 1] ?? "")) break;
      return coordinatedBefore(doc, m, sent, mentionOf);
    }
    if (SKIPPABLE.has(w) || tokens.pos[t] === "ADV" || tokens.pos[t] === "AUX" || tokens.pos[t] === "PART") {
      t--;
      continue;
    }
    if ((w === "who" || w === "which") && t - 1 >= sent.tokenStart) {
      // a relative clause: "President Halimah, who will host …"
      let u = t - 1;
      if (tokens.lower[u] === ",") u--;
      const mi = mentionOf[u] ?? -1;
      // ("a command post in Poland, which will improve …": a place is not what "which" refers to)
      if (mi >= 0 && isParticipant(doc.mentions[mi]) && !isSetting(doc, doc.mentions[mi]!)) return [doc.mentions[mi]!];
      break;
    }
    // "Minister for Foreign Affairs, Dr Vivian Balakrishnan, will make …": a subject set off by commas
    if (w === "," && t - 1 >= sent.tokenStart && mentionOf[t - 1]! >= 0) {
      const m = doc.mentions[mentionOf[t - 1]!]!;
      const startTok = tokenAt(doc, m.fullStart, m.tokenStart);
      if (isParticipant(m) && !m.possessive && !verbBetweenTokens(doc, sent.tokenStart, startTok)) return coordinatedBefore(doc, m, sent, mentionOf);
    }
    if ((w === "," || w === "and") && depth < 3) {
      // "…, calling them to …", "… and encouraged Beijing …": the previous verb's subject
      for (let v = t - 1; v >= sent.tokenStart; v--) {
        if (tokens.pos[v] === "VERB" && mentionOf[v]! < 0) return subjectOf(doc, sent, v, mentionOf, depth + 1);
      }
    }
    // a subject that names no participant ("some countries have called for …") is nobody we code
    const pos = tokens.pos[t];
    if (pos === "NOUN" || pos === "PRON" || (pos === "PROPN" && mentionOf[t]! < 0)) return [];
    break;
  }
  // fallback: the sentence's first participant that is not inside a prepositional phrase
  if (!fallback) return [];
  for (let u = sent.tokenStart; u < head; u++) {
    const mi = mentionOf[u]!;
    if (mi < 0) continue;
    const m = doc.mentions[mi]!;
    u = Math.max(u, m.tokenEnd - 1);
    if (!isParticipant(m) || m.possessive) continue;
    const before = tokens.pos[m.tokenStart - 1];
    const fullStartTok = tokenAt(doc, m.fullStart, m.tokenStart);
    if (m.tokenStart > sent.tokenStart && (before === "ADP" || tokens.pos[fullStartTok - 1] === "ADP")) continue;
    if (m.type === "adjective") continue;
    return coordinatedAfter(doc, m, head, mentionOf);
  }
  return [];
}

export function verbBetweenTokens(doc: Doc, a: number, b: number): boolean {
  for (let t = a; t < b; t++) if (doc.tokens.pos[t] === "VERB") return true;
  return false;
}

export function tokenAt(doc: Doc, offset: number, hint: number): number {
  let t = hint;
  while (t > 0 && doc.tokens.start[t]! > offset) t--;
  return t;
}

/** The word (lower case) just before mention m's whole phrase, titles included: "in", "from", "and"; "" at the start. */
export function wordBefore(doc: Doc, m: Mention): string {
  return doc.tokens.lower[tokenAt(doc, m.fullStart, m.tokenStart) - 1] ?? "";
}

/** "A and B", "A, B and C" ending at mention m. */
export function coordinatedBefore(doc: Doc, m: Mention, sent: Sentence, mentionOf: Int32Array): Mention[] {
  const out = [m];
  let cur = m;
  const { tokens } = doc;
  for (;;) {
    const fullTok = tokenAt(doc, cur.fullStart, cur.tokenStart);
    // ("The Deputy Secretary and the State Secretary": capitalised words of a bare title and an article outside its
    // phrase; not inside a named person's title, "Minister for Foreign Affairs and Trade Promotion Carmelo Abela")
    let sep = fullTok - 1;
    while (cur.type === "title" && sep > fullTok - 4 && sep > sent.tokenStart && mentionOf[sep]! < 0 && /^\p{Lu}\p{Ll}/u.test(tokens.text[sep]!)) sep--;
    if (tokens.lower[sep] === "the" && mentionOf[sep]! < 0) sep--;
    if (sep <= sent.tokenStart) break;
    const w = tokens.lower[sep]!;
    // "A, B and C": the last link must be "and"; a bare comma before a subject ends a phrase
    if (w !== "and" && (w !== "," || out.length === 1)) break;
    let prevTok = sep - 1;
    if (w === "and" && tokens.lower[prevTok] === ",") prevTok--; // the serial comma: "A, B, and C"
    const pm = mentionOf[prevTok]!;
    if (pm < 0) break;
    const p = doc.mentions[pm]!;
    if (!isParticipant(p) || p.possessive) break;
    // "mediation by the United States, the Governments of Israel and Lebanon": a prepositional object is no list item
    if (w === "," && doc.tokens.pos[tokenAt(doc, p.fullStart, p.tokenStart) - 1] === "ADP") break;
    out.unshift(p);
    cur = p;
  }
  return out;
}

/**
 * What joins the rest of a name the knowledge base ends early ("Tamim Bin Hamad Al-Thani"): a family name's particles,
 * and those only ever hyphenated to the next part, which never run on into a title ("ad-Din", "as-Sharaa").
 */
const NAME_LINKS = new Set([...NAME_PARTICLES, "ad", "as"]);

/** "A and B" starting at mention m, before `limit`. */
export function coordinatedAfter(doc: Doc, m: Mention, limit: number, mentionOf: Int32Array): Mention[] {
  const out = [m];
  const links: string[] = [];
  let cur = m;
  const { tokens } = doc;
  const after = (x: Mention): number => {
    let t = tokenAt(doc, x.fullEnd - 1, x.tokenEnd);
    while (t < limit && tokens.end[t]! <= x.fullEnd - 0 && tokens.start[t]! < x.fullEnd) t++;
    return t;
  };
  for (;;) {
    let t = after(cur);
    // the rest of the same item's name or its state: "Amir Sheikh Tamim Bin Hamad Al-Thani of Qatar, and …", where the
    // knowledge base's name ends before "Al-Thani"
    for (let guard = 0; guard < 3 && t < limit; guard++) {
      let u = t;
      while (u < Math.min(limit, t + 3) && mentionOf[u]! < 0 && (tokens.text[u] === "-" || NAME_LINKS.has(tokens.lower[u]!))) u++;
      const same = mentionOf[u]! >= 0 ? doc.mentions[mentionOf[u]!]! : null;
      const of = tokens.lower[t] === "of" && mentionOf[t + 1]! >= 0 ? doc.mentions[mentionOf[t + 1]!]! : null;
      const part = same && same.entity === cur.entity && same.entity >= 0 && same.id !== cur.id ? same : null;
      const state = of && of.entity >= 0 && doc.entities[of.entity]!.kind === "state" && doc.entities[of.entity]!.code === doc.entities[cur.entity]?.code ? of : null;
      const next = part ?? state;
      if (!next) break;
      t = after(next);
    }
    // ("sanctions on Camila Ortega Murillo, an advisor …; Leonardo Ovidio Reyes Ramirez, …": items set off by semicolons)
    let w = tokens.lower[t];
    if (w === "," && mentionOf[t + 1]! < 0) {
      let u = t + 1;
      while (u < Math.min(limit, t + 16) && tokens.lower[u] !== ";" && tokens.pos[u] !== "VERB") u++;
      if (tokens.lower[u] === ";") {
        t = u;
        w = ";";
      }
    }
    if (t >= limit || (w !== "and" && w !== "," && w !== ";")) break;
    let n = t + 1;
    if (tokens.lower[n] === "and") n++;
    if (tokens.lower[n] === "the" && mentionOf[n]! < 0) n++;
    // ("Lavrov, former President Jimmy Carter and Wang Yi": a title's "former" is outside the name's phrase)
    if (tokens.lower[n] === "former" && mentionOf[n]! < 0) n++;
    const nm = mentionOf[n]!;
    if (n >= limit || nm < 0) break;
    const next = doc.mentions[nm]!;
    if (!isParticipant(next, doc)) break;
    out.push(next);
    links.push(n > t + 1 && tokens.lower[t + 1] === "and" ? "and" : w);
    cur = next;
  }
  // "A, B and C" is a list (also when its last item is no participant: "A, B, and White House staff");
  // "A, B," without an "and" is A and an apposition
  let t = tokenAt(doc, cur.fullEnd - 1, cur.tokenEnd);
  while (t < limit && tokens.start[t]! < cur.fullEnd) t++;
  const endsInAnd = tokens.lower[t] === "and" || (tokens.lower[t] === "," && (tokens.lower[t + 1] === "and" || namedItemsThenAnd(doc, t + 1, limit)));
  const lastAnd = endsInAnd || out.length >= 3 ? links.length - 1 : links.lastIndexOf("and");
  return out.slice(0, lastAnd + 2);
}

/**
 * Whether names that are no participants, separated by commas, run from token t to an "and": the rest of a list
 * whose items the text names but readout does not know ("the Land Transport Authority, Lee Kuan Yew School of Public
 * Policy, URA Singapore City Gallery and Gardens by the Bay").
 */
function namedItemsThenAnd(doc: Doc, t: number, limit: number): boolean {
  const { tokens } = doc;
  let words = 0;
  for (let u = t; u < Math.min(limit, t + 24); u++) {
    const w = tokens.text[u]!;
    if (w === "and") return words > 0;
    if (w === ",") {
      if (!words) return false;
      words = 0;
      continue;
    }
    if (/^\p{Lu}/u.test(w)) words++;
    else if (!words || !/^(of|the|for|by|on|&|-)$/.test(w)) return false;
  }
  return false;
}

/** The first participant after the trigger (and those coordinated with it), skipping places and the actor's possessives. */
export function objectOf(doc: Doc, from: number, limit: number, mentionOf: Int32Array, request = false): Mention[] {
  const { tokens } = doc;
  for (let t = from; t < limit; t++) {
    const w = tokens.lower[t]!;
    // (a clause opening a "that" complement is part of it: "concern that, while Iran halted talks, it …")
    if (w === ";" || w === "but" || (w === "while" && !(tokens.lower[t - 1] === "," && tokens.lower[t - 2] === "that"))) break;
    // the object's own clause ends the search: "the meeting of donors contributing to …", "… which …"
    if (t > from && (RELATIVES.has(w) || (tokens.pos[t] === "VERB" && /ing$/.test(w) && mentionOf[t]! < 0))) break;
    // whom a request asks comes before what it asks them "to" do
    if (request && w === "to" && tokens.pos[t + 1] === "VERB") break;
    // "expressed support for X, and noted Y": the next predicate begins
    if (w === "," && (tokens.pos[t + 1] === "VERB" || (tokens.lower[t + 1] === "and" && tokens.pos[t + 2] === "VERB"))) break;
    const mi = mentionOf[t]!;
    if (mi < 0) continue;
    const m = doc.mentions[mi]!;
    t = Math.max(t, m.tokenEnd - 1);
    if (!isParticipant(m, doc)) continue;
    if (m.type === "pronoun" && m.possessive) continue;
    if (isSetting(doc, m) || isChannel(doc, m)) continue;
    if (m.possessive || m.type === "adjective") {
      // "the Secretary-General's Special Envoy, Mr Brahimi": the one the possessive qualifies
      const after = qualifiedBy(doc, m, mentionOf);
      if (m.possessive && after && isParticipant(after) && after.type !== "adjective") continue;
      return [m];
    }
    return coordinatedAfter(doc, m, limit, mentionOf);
  }
  return [];
}

/** The mention right after a possessive's "'s", if another one ("the Secretary-General's Special Envoy, Mr Brahimi"). */
export function qualifiedBy(doc: Doc, m: Mention, mentionOf: Int32Array): Mention | undefined {
  const next = mentionOf[m.tokenEnd + 1] ?? -1;
  const after = next >= 0 ? doc.mentions[next] : undefined;
  return after !== m ? after : undefined;
}

/** "through AusAID", "via the United Nations": the channel an act goes through, not whom it is aimed at. */
export function isChannel(doc: Doc, m: Mention): boolean {
  return CHANNEL_PREPOSITIONS.has(wordBefore(doc, m));
}

/**
 * "consistent with the UN Charter", "in accordance with the resolution of the Security Council", "according to the
 * WHO": a norm an act follows or a source a text cites, not a participant (the words right before the mention).
 */
function isNorm(doc: Doc, m: Mention): boolean {
  const { lower } = doc.tokens;
  const first = tokenAt(doc, m.fullStart, m.tokenStart);
  const at = lower[first - 1] === "the" ? first - 1 : first;
  const prep = lower[at - 1] ?? "";
  const word = lower[at - 2] ?? "";
  return (prep === "with" && NORM_WORDS.has(word)) || (prep === "to" && (word === "pursuant" || word === "according"));
}

/** Words before "with" that make what follows a norm: "consistent with", "in accordance with", "in line with". */
const NORM_WORDS = new Set(["consistent", "accordance", "line", "keeping", "compliance", "conformity", "compliant", "inconsistent"]);

/** Where something happens or what it follows, never a party to it: a location or a norm ("in Yemen", "consistent with the UN Charter"). */
export function isSetting(doc: Doc, m: Mention): boolean {
  return isLocation(doc, m) || isNorm(doc, m);
}

/** "in Yemen", "at the White House": a place where something happens, not a participant. */
export function isLocation(doc: Doc, m: Mention): boolean {
  const before = wordBefore(doc, m);
  if (isPlace(m)) return PLACE_PREPOSITIONS.has(before);
  const e = doc.entities[m.entity];
  return !!e && e.kind === "state" && !m.possessive && LOCATIVE.has(before);
}

/** The participant right after the verb, if it is one: "hosted Chairwoman Mai", "received the President". */
export function directObject(doc: Doc, from: number, limit: number, mentionOf: Int32Array): Mention[] {
  let t = from;
  while (t < limit && (doc.tokens.pos[t] === "ADV" || doc.tokens.lower[t] === "the")) t++;
  const mi = mentionOf[t] ?? -1;
  const m = mi >= 0 ? doc.mentions[mi] : undefined;
  if (!m || !isParticipant(m, doc) || m.type === "pronoun" && m.possessive || m.type === "adjective") return [];
  return coordinatedAfter(doc, m, limit, mentionOf);
}

/** Participants after "with" (or, if `direct`, a direct object) following the trigger. */
export function afterWith(doc: Doc, from: number, limit: number, mentionOf: Int32Array, direct = true): Mention[] {
  const { tokens } = doc;
  const withAt = tokens.lower[from - 1] === "with" ? from - 1 : findWord(doc, from, Math.min(limit, from + 8), "with");
  if (withAt >= 0) return mentionsFrom(doc, withAt + 1, limit, mentionOf);
  if (!direct) return [];
  // a direct object after the verb: "met President Xi", "met members of Parliament and the Secretary-General of …"
  for (let t = from; t < Math.min(limit, from + 7); t++) {
    const mi = mentionOf[t] ?? -1;
    if (mi >= 0) {
      const m = doc.mentions[mi]!;
      if (!isParticipant(m, doc) || isPlace(m) || isSetting(doc, m) || (m.type === "pronoun" && m.possessive)) return [];
      return coordinatedAfter(doc, m, limit, mentionOf);
    }
    if (tokens.pos[t] === "VERB" || /^[,;:.]$/.test(tokens.lower[t]!) || LOCATIVE.has(tokens.lower[t]!) || tokens.lower[t] === "to") return [];
  }
  return [];
}

export function mentionsFrom(doc: Doc, from: number, limit: number, mentionOf: Int32Array): Mention[] {
  const { tokens } = doc;
  for (let t = from; t < Math.min(limit, from + 6); t++) {
    const mi = mentionOf[t]!;
    if (mi >= 0) {
      const m = doc.mentions[mi]!;
      if (!isParticipant(m) || (m.type === "pronoun" && m.possessive)) {
        t = Math.max(t, m.tokenEnd - 1);
        continue;
      }
      if (isPlace(m) && PLACE_PREPOSITIONS.has(tokens.lower[m.tokenStart - 1] ?? "")) return [];
      // "her Ukrainian counterpart Dmytro Kuleba": the person the state's adjective qualifies
      const next = doc.mentions[m.id + 1];
      if (m.type === "adjective" && next && next.sentence === m.sentence && next.type === "name" && next.tokenStart - m.tokenEnd <= 2 && next.entity >= 0 && doc.entities[next.entity]!.kind === "person") {
        return coordinatedAfter(doc, next, limit, mentionOf);
      }
      return coordinatedAfter(doc, titleListPerson(doc, m, limit, mentionOf) ?? m, limit, mentionOf);
    }
    // (a participle before a name or title modifies it: "met with visiting Australian Foreign Minister Bob Carr",
    // "Managing Director Kristalina Georgieva")
    if (tokens.pos[t] === "VERB" && /ing$/.test(tokens.lower[t]!) && /^\p{Lu}/u.test(tokens.text[t + 1] ?? "")) continue;
    if (tokens.pos[t] === "VERB" || tokens.lower[t] === ",") break;
  }
  return [];
}

/**
 * The person at the end of a list of titles that starts with organization m:
 * "Chinese Communist Party Politburo Member, Director of the Office of the
 * Foreign Affairs Commission, and Foreign Minister Wang Yi" is Wang Yi, not
 * the party. Only capitalized words, "of", "the", "for", organizations and
 * bare titles may stand between, with at least one comma and a final "and" —
 * or with neither, the organization's own title of the person: "IMF
 * Managing Director Kristalina Georgieva".
 */
export function titleListPerson(doc: Doc, m: Mention, limit: number, mentionOf: Int32Array): Mention | null {
  const { tokens } = doc;
  if (doc.entities[m.entity]?.kind !== "org") return null;
  let commas = 0;
  let and = false;
  for (let t = m.tokenEnd; t < Math.min(limit, m.tokenEnd + 30); t++) {
    const mi = mentionOf[t]!;
    if (mi >= 0 && mi !== m.id) {
      const p = doc.mentions[mi]!;
      const kind = doc.entities[p.entity]?.kind;
      // (with no comma, the organization's own title of the person: "IMF Managing Director Kristalina Georgieva",
      // "National Security Council Senior Director for Africa Dana Banks")
      if (kind === "person") return p.type === "name" && (commas > 0 ? wordBefore(doc, p) === "and" : !and) ? p : null;
      if (kind === "state" || kind === "group") return null;
      t = Math.max(t, p.tokenEnd - 1);
      continue;
    }
    const w = tokens.lower[t]!;
    if (w === ",") commas++;
    else if (w === "and") and = true;
    else if (!(w === "of" || w === "the" || w === "for" || /^\p{Lu}/u.test(tokens.text[t]!))) return null;
  }
  return null;
}

export function findWord(doc: Doc, from: number, limit: number, word: string): number {
  for (let t = from; t < limit; t++) if (doc.tokens.lower[t] === word) return t;
  return -1;
}

/** The subject of the sentence's first verb that has a participant for subject. */
export function mainSubject(doc: Doc, sent: Sentence, mentionOf: Int32Array): Mention[] {
  for (let v = sent.tokenStart; v < sent.tokenEnd; v++) {
    if ((doc.tokens.pos[v] === "VERB" || doc.tokens.pos[v] === "AUX") && mentionOf[v]! < 0) {
      const subj = subjectOf(doc, sent, v, mentionOf);
      if (subj.length) return subj;
    }
  }
  return [];
}

/** "his meeting", "Wang's talks": the possessor of a noun trigger. */
export function possessorOf(doc: Doc, head: number, sent: Sentence, mentionOf: Int32Array): Mention | null {
  for (let t = head - 1; t >= Math.max(sent.tokenStart, head - 3); t--) {
    const w = doc.tokens.lower[t]!;
    if (w === "'s" || w === "'") continue;
    const mi = mentionOf[t]!;
    if (mi >= 0) {
      const m = doc.mentions[mi]!;
      return m.possessive && isParticipant(m) ? m : null;
    }
    if (doc.tokens.pos[t] !== "ADJ" && w !== "first" && w !== "second") return null;
  }
  return null;
}
