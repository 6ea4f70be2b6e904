import { clauseStart } from "./sections.ts";
import { type Doc, type Entity, type Mention, type Sentence, mentionRange, mentionSpan } from "../doc/document.ts";
import type { KnowledgeBase, Tenure } from "../kb/kb.ts";
import { fold, lastWordOf, nameWords } from "../kb/fold.ts";
import type { MentionInfo } from "./mentions.ts";
import { nameRunEnd } from "./mentions.ts";
import { locativeBefore, nearestLocation } from "./location.ts";
import { isCalendarWord } from "./dates.ts";

export interface CorefContext {
  storyDate: string | null;
  /** The code of the publisher's state or organization, for "we" and unstated nationality. */
  publisherCode: string | null;
  /** The person a release speaks for ("… (Downer, Alexander)"), for "I": as the knowledge base names them, else as the publisher does. */
  speaker?: string | null;
  /** The authors a title names ("Joint Statement by President Biden and President Macron"): who "we" are. */
  authors?: Entity[];
  /** Letters the text reproduces, for the "I" of their bodies: their signers, as `speaker` is named. */
  letters?: readonly Letter[];
  /** Verbs whose subject speaks the clause after them, by lemma ("Russia announced it will …"): their "it" is that clause's subject. */
  speechVerbs?: ReadonlySet<string>;
  /** Words that open a person's name (given names), as written: a surname that is one may be anyone's. */
  nameStarts?: ReadonlyMap<string, boolean>;
}

/** A letter a text reproduces: its body's characters [start, end) (from its salutation to its closing) and who signed it. */
export interface Letter {
  start: number;
  end: number;
  signer: string;
}

/** The key an entity is kept under, so that the same participant is one entity across texts. */
export function entityKey(e: Pick<Entity, "kind" | "kbKey" | "code" | "name" | "members">): string {
  if (e.kind === "person") return e.kbKey ? `kb:${e.kbKey}` : `text:${fold(e.name)}`;
  if (e.kind === "state") return `state:${e.code}`;
  if (e.kind === "org") return e.kbKey ? `org:${e.kbKey}` : `org-text:${fold(e.name)}`;
  return `group:${e.members.join(",")}`;
}

/** A name as one line: a name broken over lines or joined by a no-break space is the same name. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** Names of bodies that bring states together: not any one state's own. */
const MULTILATERAL_HEADS = /\b(Forum|Alliance|Coalition|Partnership|Dialogue|Initiative|Conference|Summit|Group of|Framework)\b/;

/** Offices too common for a bare title to pick a holder from the knowledge base. */
const GENERIC_OFFICES = new Set(["Minister", "Senior Minister", "Ambassador", "Spokesperson", "General", "Director", "Head", "Chairman", "King", "Queen", "Sultan", "Emir"]);

/** Monarchs' offices: "His Majesty" is whichever of them the text names, "Their Majesties" a royal couple. */
const ROYAL_OFFICES = new Set(["King", "Queen", "Sultan", "Emir", "Emperor", "Empress", "Grand Duke", "Crown Prince"]);

/** Determiners that say whose a noun is. */
const POSSESSIVE_PRONOUNS = new Set(["our", "their", "its", "his", "her", "my", "your"]);
/** Words that open a clause of its own: a pronoun after one may stand for that clause's subject ("said Xi had invited him"). */
const CLAUSE_OPENERS = new Set(["that", "who", "whom", "which", "whose", "when", "while", "after", "before", "because", "if", "as", "since", "whether"]);

/** Words that follow a group noun to list its members: "Co-chairs were A and B". */
const DEFINERS = new Set(["were", "are", "was", "is", "include", "included", "including", ":", "namely"]);

/**
 * Links every mention to a document entity: names to knowledge-base entries or
 * to people learned from their titles, titles to their holders at the story
 * date, surnames and pronouns to earlier people, groups to their members.
 */
/** What stands between two places a text lists together: "and", "or", a comma, and up to three words of a place it does not know ("Atlanta and Clarkston, Georgia"). */
const LISTED = /^\s*(?:,|and|or)?\s*(?:\p{Lu}[\p{L}.'’-]*\s*){0,3}?(?:,\s*(?:and|or)?|and|or)?\s*$/u;

export function resolveEntities(doc: Doc, info: MentionInfo[], kb: KnowledgeBase, ctx: CorefContext): void {
  const entities: Entity[] = doc.entities;
  const byKey = new Map<string, number>();
  const { tokens } = doc;
  const lastMention = new Map<number, number>(); // entity -> last mention index

  const entity = (key: string, make: () => Omit<Entity, "id">): number => {
    let id = byKey.get(key);
    if (id === undefined) {
      id = entities.length;
      // (the new object takes its id: a spread that adds a field, { ...make(), id }, costs V8 microseconds)
      entities.push(Object.assign(make(), { id }));
      byKey.set(key, id);
    }
    return id;
  };

  /** The group entity of an unnamed collective ("the Syrian rebels") of a state. */
  const collective = (phrase: string, code: string): number => {
    const name = oneLine(phrase.replace(/^(the|a|an)\s+/i, ""));
    return entity(`collective:${code}:${fold(name)}`, () => ({ name, kind: "group", code, office: null, source: "text", kbKey: null, gender: null, members: [] }));
  };

  const personFromKb = (name: string, office: string | null, code: string | null): number => {
    const tenures = kb.tenuresOf(name, ctx.storyDate);
    const t = tenures.find((x) => office && x.office === office) ?? tenures.find((x) => code && x.code === code) ?? tenures[0];
    return entity(`kb:${name}`, () => ({
      name,
      kind: "person",
      code: t?.code ?? code,
      office: t?.office ?? office,
      source: "kb",
      kbKey: name,
      gender: t?.gender ?? null,
      members: [],
    }));
  };

  // people by the first and last words of their names, grown as entities are added
  const byNameEnd = new Map<string, Entity[]>();
  let indexed = 0;
  const peopleNamed = (w: string): Entity[] => {
    for (; indexed < entities.length; indexed++) {
      const e = entities[indexed]!;
      if (e.kind !== "person") continue;
      // (an article hyphenated to the family name is no part of it: "Mr Assad" after "Bashar al-Assad")
      const parts = nameWords(e.name);
      if (!parts.length) continue;
      for (const p of new Set([parts[0]!, parts[parts.length - 1]!])) {
        const l = byNameEnd.get(p);
        if (l) l.push(e);
        else byNameEnd.set(p, [e]);
      }
    }
    return byNameEnd.get(w) ?? [];
  };
  // (`at`: the surname's token, when every mention is resolved already: the one named last before it, else first after it —
  // "Obama" after "Barack Obama" is not the "Michelle Obama" of the last paragraph)
  const matchSurname = (word: string, code: string | null, office: string | null = null, gender: "m" | "f" | null = null, at = -1): number => {
    let cands = peopleNamed(fold(word)).filter((e) => (!code || !e.code || e.code === code) && (!gender || !e.gender || e.gender === gender));
    if (office && cands.some((e) => e.office === office)) cands = cands.filter((e) => e.office === office);
    if (!cands.length) return -1;
    if (at >= 0 && cands.length > 1) return nearestNamed(cands, at);
    return cands.sort((a, b) => (lastMention.get(b.id) ?? -1) - (lastMention.get(a.id) ?? -1))[0]!.id;
  };
  /**
   * The one person named so far whose full name ends in these words (two or three: "Al Sayegh") or, for one word of
   * four letters or more, holds it inside ("Maliki" in "Mohamad Maliki Osman"); -1 when none or several.
   */
  const namedEarlier = (name: string, code: string | null): number => {
    const want = fold(name).split(/\s+/);
    if (want.length > 3 || (want.length === 1 && want[0]!.length < 4)) return -1;
    const fits = entities.filter((e) => {
      if (e.kind !== "person" || (code && e.code && e.code !== code)) return false;
      const words = fold(e.name).split(/\s+/);
      if (words.length <= want.length) return false;
      if (want.length > 1) return want.every((w, k) => words[words.length - want.length + k] === w);
      return words.slice(1, -1).includes(want[0]!);
    });
    return fits.length === 1 ? fits[0]!.id : -1;
  };

  /** Of people, the one a mention names last before token `at`, else the one named first after it. */
  const nearestNamed = (people: Entity[], at: number): number => {
    let before = -1;
    let beforeAt = -1;
    let after = -1;
    let afterAt = Number.POSITIVE_INFINITY;
    const ids = new Set(people.map((e) => e.id));
    for (const m of doc.mentions) {
      if (!ids.has(m.entity)) continue;
      if (m.tokenStart < at && m.tokenStart > beforeAt) [before, beforeAt] = [m.entity, m.tokenStart];
      else if (m.tokenStart > at && m.tokenStart < afterAt) [after, afterAt] = [m.entity, m.tokenStart];
    }
    return before >= 0 ? before : after >= 0 ? after : people[0]!.id;
  };

  /**
   * Tenures on the story date of people one of whose name words is `w` (folded). Without a date, every tenure: a
   * surname then names whoever alone in the knowledge base bears it ("Putin met Erdogan in Sochi", undated).
   */
  const currentWithNameWord = (w: string): Tenure[] => {
    const date = ctx.storyDate;
    const all = kb.tenuresWithNameWord(w);
    return date ? all.filter((t) => t.start <= date && (t.end === null || date <= t.end)) : all;
  };

  /** The codes of the states and bodies the text's mentions name. */
  const namedCodes = new Set(info.flatMap((x) => [x.state, x.code]).filter((c): c is string => !!c));

  /** A KB holder whose surname is `word` (e.g. "Vice President Harris"). */
  const kbBySurname = (word: string, office: string | null, royal = false): Tenure | null => {
    // titled with another office, a holder only of a state the text names or publishes for ("Minister
    // Maliki" in a Singapore release is not the Palestinian foreign minister al-Maliki)
    // (a prince or princess is known by a given name, and is no president of that name: "Prince William" is not William Ruto)
    const current = currentWithNameWord(fold(word)).filter(
      (t) =>
        (!royal || ROYAL_OFFICES.has(t.office)) &&
        (!office || t.office === office || !kb.states.has(t.code) || t.code === ctx.publisherCode || namedCodes.has(t.code)),
    );
    if (office) {
      const hit = current.find((t) => t.office === office);
      if (hit) return hit;
      // "former President Trump", "President Obama" in a text of 2022: the one past holder of the office of that name
      // (of the states the text names or publishes for, as above), the latest term
      const date = ctx.storyDate;
      const past = kb
        .tenuresWithNameWord(fold(word))
        .filter((t) => t.office === office && (!date || t.start <= date) && (!kb.states.has(t.code) || t.code === ctx.publisherCode || namedCodes.has(t.code)));
      if (past.length && new Set(past.map((t) => t.name)).size === 1) return past.reduce((a, b) => (b.start > a.start ? b : a));
    }
    // (a leader's spouse bears the name too: "Biden" alone is the President or Vice President, not Jill Biden)
    const anyOffice = current.filter((t) => kb.offices.get(t.office)?.rank !== "spouse");
    return new Set(anyOffice.map((t) => t.name)).size === 1 ? anyOffice[0]! : null;
  };

  /**
   * The one KB holder in office whose name ends in these words, or holds them in another order:
   * "López Obrador", "Al Sisi" (the article dropped), "Kishida Fumio" (family name first).
   */
  const kbByNameTail = (name: string, office: string | null, code: string | null): Tenure | null => {
    const want = nameWords(name);
    if (!want.length) return null;
    const key = [...want].sort().join(" ");
    const fits = (n: string) => {
      const words = nameWords(n);
      if (words.length === want.length) return [...words].sort().join(" ") === key;
      return words.length > want.length && want.every((w, k) => words[words.length - want.length + k] === w);
    };
    const current = currentWithNameWord(want[want.length - 1]!).filter((t) => (!code || t.code === code) && [t.name, ...t.aliases].some(fits));
    if (new Set(current.map((t) => t.name)).size !== 1) return null;
    return current.find((t) => t.office === office) ?? current[0]!;
  };

  // group nouns defined by a list: "Co-chairs were Alya … and Martin …"
  const groupMembers = new Map<string, number[]>();
  const pendingDefinitions: Array<{ head: string; mentions: Mention[] }> = [];
  doc.mentions.forEach((m, i) => {
    if (m.type !== "group") return;
    if (!DEFINERS.has(tokens.lower[m.tokenEnd] ?? "")) return;
    const [r0, r1] = mentionRange(doc, m.sentence);
    const listed = doc.mentions.slice(r0, r1).filter((x) => x.id > i && (x.type === "name" || x.type === "title") && info[x.id]!.state === null && info[x.id]!.org === null);
    if (listed.length >= 2) pendingDefinitions.push({ head: tokens.lower[m.tokenEnd - 1]!, mentions: listed });
  });

  const codeOfState = (code: string) =>
    entity(`state:${code}`, () => ({ name: kb.states.get(code)?.name ?? code, kind: "state", code, office: null, source: "kb", kbKey: code, gender: null, members: [] }));
  const orgOf = (id: string) => {
    const org = kb.orgs.get(id)!;
    return entity(`org:${org.id}`, () => ({ name: org.name, kind: "org", code: org.code, office: null, source: "kb", kbKey: org.id, gender: null, members: [] }));
  };

  // organizations the text names whose country is the publisher's by default, not one their name says
  const guessedCode = new Set<number>();
  // first pass: names, states, orgs, titles (in order, so titles see earlier names)
  doc.mentions.forEach((m, i) => {
    const mi = info[i]!;
    let id = -1;
    if (m.type === "name" || m.type === "adjective" || m.type === "place" || m.type === "region") {
      if (mi.kbPerson) id = personFromKb(mi.kbPerson, mi.office, mi.code);
      else if (mi.state) id = codeOfState(mi.state);
      else if (mi.org) id = orgOf(mi.org);
      else if (mi.institution && mi.name) {
        const name = mi.name;
        // an organization with no country in its name is most often the publisher's own,
        // unless it is a gathering of states ("the Negev Forum", "the Quad Partnership")
        const code = mi.code ?? (MULTILATERAL_HEADS.test(name) ? "IGO" : ctx.publisherCode);
        id = entity(`org-text:${fold(name)}`, () => ({ name: oneLine(name), kind: "org", code, office: null, source: "text", kbKey: null, gender: null, members: [] }));
        if (!mi.code) guessedCode.add(id);
      } else if (mi.name && continuesPerson(i) >= 0) {
        // "Sultan Haji Hassanal Bolkiah Mu'izzaddin Waddaulah": the rest of a known person's full style
        id = continuesPerson(i);
      } else if (mi.name) {
        const words = mi.name.split(/\s+/);
        const last = words[words.length - 1]!;
        // a titled surname: someone this text named already ("CE-elect Lee" after "John Lee"), else the knowledge base
        // "PM Lee Hsien Loong and Mrs Lee": an honorific of the other sex names someone else (a spouse)
        const gender = /^(mrs|ms|madam|mdm|madame)\.?$/.test(tokens.lower[m.tokenStart - 1] ?? "") ? "f" : /^mr\.?$/.test(tokens.lower[m.tokenStart - 1] ?? "") ? "m" : null;
        const named = words.length === 1 ? matchSurname(last, mi.code, mi.office, gender) : -1;
        // a titled name the text gave in full before: its family name of two words ("Minister Al Sayegh" after "Ahmed
        // Ali Al Sayegh"), or a Malay name's own word ("Dr Maliki" after "Dr Mohamad Maliki Osman")
        const earlier = named >= 0 ? named : namedEarlier(mi.name, mi.code);
        const royalStyle = /^(prince|princess)$/.test(tokens.lower[m.tokenStart - 1] ?? "");
        const kbHit = earlier >= 0 ? null : words.length === 1 ? kbBySurname(last, mi.office, royalStyle) : kbByNameTail(mi.name, mi.office, mi.code);
        if (earlier >= 0) id = earlier;
        else if (kbHit) id = personFromKb(kbHit.name, mi.office, mi.code);
        else {
          // A minister or official with no country named is most often the publisher's own.
          const rank = kb.rankOf(mi.office);
          // ... unless it stands in a list after someone whose country is known:
          // "Speaker of the Mongolian Parliament Zandanshatar, …, and Deputy Foreign Minister Munkhjin"
          const sibling = listSibling(i);
          // ... or is met abroad: "In Equatorial Guinea, Mr. Finer met with … Vice President Teodoro Nguema Obiang Mangue"
          const abroad = rank ? foreignVenue(i) : null;
          // ... and not when the publisher's own holder of that office is someone else ("Foreign Minister Tumba" in a Chinese text)
          // (an assistant or under secretary is one of many at once: "Assistant Secretary of State Anne Witkowsky" beside the
          // deputies the knowledge base lists)
          const oneOfMany = /\b(assistant|under)\b/i.test(doc.text.slice(m.fullStart, m.start));
          const ownHolder = mi.office && ctx.publisherCode && !oneOfMany ? kb.holders(mi.office, ctx.storyDate).some((t) => t.code === ctx.publisherCode) : false;
          const code = mi.code ?? possessorState(i) ?? affiliation(i) ?? sibling ?? abroad ?? ((rank === "minister" || rank === "official" || rank === "military") && !ownHolder ? ctx.publisherCode : null);
          id = entity(`text:${fold(mi.name)}${gender ? `:${gender}` : ""}`, () => ({
            name: oneLine(mi.name!),
            kind: "person",
            code,
            office: mi.office,
            source: "text",
            kbKey: null,
            gender,
            members: [],
          }));
        }
      }
    } else if (m.type === "title" && mi.office) {
      id = resolveTitle(mi.office, mi.code, mi.org);
      // "the Russian ambassador", "Iran's defence minister" whom nothing names: the most specific entity the
      // text names is the state (CODING.md, Actors)
      // (not a title the next words name: "The President of Estonia, Kersti Kaljulaid,", "U.S. Ambassador to Mexico Ken Salazar")
      if (id < 0 && !mi.org && mi.code && kb.states.has(mi.code) && !namedNext(i)) id = codeOfState(mi.code);
      // "a State Department spokesperson", "the NATO Spokesperson": likewise the organization
      // (not a title its holder's name follows, a state's too: "ASEAN Chair Indonesia", nor one said of the person
      // just named: "Jennifer Klein, Director of the Gender Policy Council")
      const prev = doc.mentions[i - 1];
      const ofPrevious =
        !!prev && prev.sentence === m.sentence && prev.entity >= 0 && entities[prev.entity]!.kind === "person" && /^\s*(?:,|and|,\s*and)?\s*$/.test(doc.text.slice(prev.fullEnd, m.fullStart));
      if (id < 0 && mi.org && kb.orgs.has(mi.org) && !namedNext(i) && doc.mentions[i + 1]?.tokenStart !== m.tokenEnd && !ofPrevious) id = orgOf(mi.org);
    } else if (m.type === "collective" && mi.name) {
      // a collective belongs to the state its phrase names; one that names none is no participant
      // (the publisher's state as a default was measured and loses more than it gains: "our allies", "local officials")
      const code = mi.code;
      // (the publisher's own people — "most Americans agree" from the White House — are its public, not a party to anything)
      if (code && !(mi.people && code === ctx.publisherCode)) id = collective(mi.name, code);
    }
    if (id >= 0) {
      m.entity = id;
      lastMention.set(id, i);
      const e = entities[id]!;
      if (e.kind === "person" && !e.office && mi.office) e.office = mi.office;
      if (e.kind === "person" && !e.code && mi.code) e.code = mi.code;
    }
  });

  // a state's name that is also a division of another state names the division where the text lists it beside another
  // place of that state: "Atlanta and Clarkston, Georgia", "will also travel to Georgia and Florida" (data/shared-names.tsv)
  doc.mentions.forEach((m, i) => {
    if (m.entity < 0 || m.possessive || entities[m.entity]!.kind !== "state") return;
    const code = kb.sharedNames.get(doc.text.slice(m.start, m.end));
    if (!code) return;
    const beside = (n: Mention | undefined, gap: string) =>
      !!n && n.sentence === m.sentence && n.entity >= 0 && (n.type === "place" || n.type === "region") && entities[n.entity]!.code === code && LISTED.test(gap);
    const prev = doc.mentions[i - 1];
    const next = doc.mentions[i + 1];
    if (beside(prev, prev ? doc.text.slice(prev.end, m.start) : "") || beside(next, next ? doc.text.slice(m.end, next.start) : "")) {
      m.entity = codeOfState(code);
      m.type = "region";
    }
  });

  // a collective of the administration whose phrase names no state is that of the administration a state's own text
  // speaks for, or of the one named right before it: "senior Administration officials met with suppliers" in a White
  // House text, "senior Biden-Harris Administration officials"
  doc.mentions.forEach((m, i) => {
    const mi = info[i]!;
    if (m.entity >= 0 || m.type !== "collective" || mi.code || !mi.name) return;
    const before = doc.mentions[i - 1];
    const named = before && before.tokenEnd === m.tokenStart && !before.possessive && before.entity >= 0 && entities[before.entity]!.kind === "state" && /^administration$/i.test(tokens.text[m.tokenStart - 1] ?? "");
    if (named) m.entity = collective(`${doc.text.slice(before.start, before.end)} ${mi.name}`, entities[before.entity]!.code!);
    else if (/\badministration\b/i.test(mi.name) && ctx.publisherCode && kb.states.has(ctx.publisherCode)) m.entity = collective(mi.name, ctx.publisherCode);
  });

  // a collective of people present where the text places them, whose phrase names no state, belongs to the state of
  // the place named nearest to it ("arrested dozens of opposition supporters in Nairobi", "met with students in
  // Beijing"); the publisher's state as a default loses (above)
  const mentionAt = new Set(doc.mentions.flatMap((m) => (m.tokenEnd > m.tokenStart ? [m.tokenEnd - 1] : [])));
  doc.mentions.forEach((m, i) => {
    const mi = info[i]!;
    if (m.entity >= 0 || m.type !== "collective" || !mi.present || mi.code || !mi.name) return;
    // (not any one state's: "foreign leaders", "world leaders"; not whose an "of" phrase says: "leaders of the Mongolian
    // Armed Forces"; nor a region's or a bloc's, which a capitalised modifier names: "Gulf leaders", "ASEAN ministers")
    if (/\b(international|global|world|regional|foreign)\b/i.test(mi.name) || tokens.lower[m.tokenEnd] === "of") return;
    // (nor whose a word before it says: "our troops", "ASEAN leaders")
    const before = m.tokenStart - 1;
    if (POSSESSIVE_PRONOUNS.has(tokens.lower[before] ?? "") || (before >= 0 && mentionAt.has(before))) return;
    const opening = doc.sentences[m.sentence]!.tokenStart;
    for (let t = m.tokenStart; t < m.tokenEnd; t++) if (t > opening && /^\p{Lu}/u.test(tokens.text[t]!)) return;
    const code = nearestLocation(doc, doc.sentences[m.sentence]!, m.tokenStart);
    if (code) m.entity = collective(mi.name, code);
  });

  // a collective coordinated with one whose "in" phrase names its state shares it: "some companies and individuals in
  // the US", "certain organizations and individuals in Australia", "civil society, media, political and business
  // leaders in Turkey" (an adjective does not carry over, "Syrian rebels and Turkish troops", nor the first state of a
  // list, "leaders and senior officials of Australia, Comoros, …")
  for (let i = doc.mentions.length - 2; i >= 0; i--) {
    const m = doc.mentions[i]!;
    const next = doc.mentions[i + 1]!;
    if (m.entity >= 0 || m.type !== "collective" || !info[i]!.name || next.type !== "collective" || next.entity < 0 || next.sentence !== m.sentence) continue;
    let joined = true;
    for (let t = m.tokenEnd; t < next.tokenStart && joined; t++) joined = /^(and|or|,)$/.test(tokens.lower[t]!);
    const code = entities[next.entity]!.code;
    const listed = /^(,|and|or)$/.test(tokens.lower[next.tokenEnd] ?? "") && /^\p{Lu}/u.test(tokens.text[next.tokenEnd + 1] ?? "");
    if (!joined || !code || listed || !/\sin\s/i.test(doc.text.slice(next.start, next.end))) continue;
    m.entity = collective(info[i]!.name!, code);
  }

  // a collective whose phrase names no state is the one of the same noun the text named last ("Syrian rebels … Rebels
  // had rejected a government deadline", "Kenyan police … the police said"): coreference by the head noun
  const lastCollective = new Map<string, number>(); // head noun -> entity
  doc.mentions.forEach((m, i) => {
    if (m.type !== "collective") return;
    const head = tokens.lower[m.tokenEnd - 1]!;
    if (m.entity >= 0) {
      if (entities[m.entity]!.kind === "group") lastCollective.set(head, m.entity);
      return;
    }
    const mi = info[i]!;
    const earlier = lastCollective.get(head);
    if (earlier === undefined || !mi.story || mi.code || !mi.name || !anaphoricCollective(m)) return;
    m.entity = earlier;
  });

  /**
   * A collective that can only mean one the text named before: its bare noun ("Rebels", "the police"), not one a word
   * before it makes another ("our troops", "other officials", "ASEAN leaders") nor one a phrase after it says whose
   * ("officials from the ministry", "leaders of the opposition").
   */
  function anaphoricCollective(m: Mention): boolean {
    if (m.tokenEnd - m.tokenStart !== 1) return false;
    const before = m.tokenStart - 1;
    const opening = doc.sentences[m.sentence]!.tokenStart;
    if (before >= opening && tokens.lower[before] !== "the" && !/^[,;:(“"‘'—–-]$/.test(tokens.text[before]!) && tokens.pos[before] !== "ADP" && tokens.pos[before] !== "VERB" && tokens.pos[before] !== "AUX" && tokens.pos[before] !== "CCONJ") return false;
    if (before >= opening && mentionAt.has(before)) return false;
    // (a gerund after "of" is the act the collective is blamed for: "accused the rebels of exaggerating")
    return !/^(of|from|in|at|for)$/.test(tokens.lower[m.tokenEnd] ?? "") || (tokens.lower[m.tokenEnd] === "of" && tokens.pos[m.tokenEnd + 1] === "VERB");
  }

  for (const def of pendingDefinitions) {
    const ids = [...new Set(def.mentions.map((m) => m.entity).filter((e) => e >= 0))];
    if (ids.length >= 2) groupMembers.set(def.head, ids);
  }

  // a surname no earlier name explains, of the one person in office on the story date who bears it, a
  // foreigner whose state the text names ("Is there a chance that you come to terms with Zelensky?" in a
  // 2019 interview about Ukraine; not "Lee" or "Kim", which several bear, nor "Lockheed Martin" in a text
  // that never names Ireland, nor the publisher's own "Miller" among its many Millers)
  const named = new Set(entities.filter((e) => e.kind === "state").map((e) => e.code));
  const sittingSurname = (word: string): number => {
    const w = fold(word);
    if (w.length < 4) return -1;
    const surname = (name: string) => lastWordOf(name) === w;
    // (a head of state or government, a foreign minister, or the chief of an international body: "Stoltenberg", "Guterres")
    const leading = (t: Tenure) =>
      kb.offices.get(t.office)?.rank === "head" ||
      /^(Foreign Minister|Secretary of State)$/.test(t.office) ||
      (!kb.states.has(t.code) && /^(Secretary-General|Director-General|High Representative|President of the European (Commission|Council))$/.test(t.office));
    let current = currentWithNameWord(w).filter((t) => surname(t.name) || t.aliases.some(surname));
    // of two people in office with the surname, a leader is the one a bare surname names: "Obama" is the President, not the
    // First Lady; "Biden met …" is no spouse's act
    if (new Set(current.map((t) => t.name)).size > 1) current = current.filter(leading);
    if (new Set(current.map((t) => t.name)).size !== 1) return -1;
    const t = current[0]!;
    // (a leader with a surname that is no given name needs no state named: "Blinken, who arrived in Cairo on Monday, met …" in news)
    const prominent = leading(t) && !ctx.nameStarts?.has(word);
    if (t.code === ctx.publisherCode || (!named.has(t.code) && !prominent)) return -1;
    return personFromKb(t.name, t.office, t.code);
  };

  // second pass: surnames standing alone ("Wang said"), which only earlier names make known
  findSurnames(doc, info, matchSurname, sittingSurname);

  // per sentence, the first sentence of its exchange in a press conference: the journalist's question it answers (or is
  // part of) and what follows it, to the next question; 0 where the text asks nothing
  const exchangeStart = new Int32Array(doc.sentences.length);
  const asking = (x: Sentence) => x.asked === true || x.skip === "question";
  for (let k = 1; k < doc.sentences.length; k++) {
    exchangeStart[k] = asking(doc.sentences[k]!) && !asking(doc.sentences[k - 1]!) ? k : exchangeStart[k - 1]!;
  }

  // a press conference's answers ("A: …"): their "I" is the spokesperson's
  const answering = doc.sentences.some((s) => /^(A|Answer)\s*[:：]/i.test(doc.text.slice(s.start, Math.min(s.end, s.start + 8))));

  // a transcript's turns ("SECRETARY BLINKEN: I …", "FOREIGN MINISTER SHOUKRY: … our appreciation"): who speaks each sentence
  const turns = labelledSpeakers(doc);

  // third pass: pronouns and groups, in order
  const speakers = new Set<number>(); // the people the text's "I" has stood for so far
  let quoted: number | null = null; // the speaker a quotation's label names, for its "we"
  doc.mentions.forEach((m, i) => {
    const mi = info[i]!;
    const turn = m.type === "pronoun" && mi.reference?.person === 1 ? turns[m.sentence]! : -1;
    const turnState = turn >= 0 && entities[turn]!.code && kb.states.has(entities[turn]!.code!) ? entities[turn]!.code! : null;
    if (turn >= 0 && (mi.reference!.number === "sg" || turnState)) {
      // the labelled speaker's "I"; their "we" is their state, as a spokesperson's "I" is (CODING.md)
      const e = entities[turn]!;
      const spokesperson = !!e.office && /spokesperson|spokesman|spokeswoman/i.test(e.office);
      m.entity = (mi.reference!.number === "pl" || spokesperson) && turnState ? codeOfState(turnState) : turn;
    } else if (m.type === "pronoun" && mi.reference) {
      const r = mi.reference;
      if (r.person === 1 && r.number === "sg") {
        // "I welcome …" in a minister's release: the minister the publisher names; in a letter the release reproduces,
        // whoever signed it ("Dear President-Elect Prabowo, … I wish you good health … Yours sincerely, Tharman Shanmugaratnam")
        const name = signerAt(m.start) ?? ctx.speaker;
        if (doc.sentences[m.sentence]!.asked) {
          // a journalist asking speaks for no one
        } else if (name) {
          const tenure = kb.tenuresOf(name, ctx.storyDate)[0];
          // (one the knowledge base does not list in office then is still the publisher's own: "(Bowen, Nigel)" in 1972)
          m.entity = tenure
            ? personFromKb(tenure.name, tenure.office, tenure.code)
            : entity(`text:${fold(name)}`, () => ({ name, kind: "person", code: ctx.publisherCode, office: null, source: "text", kbKey: null, gender: null, members: [] }));
        } else if (answering && ctx.publisherCode && kb.states.has(ctx.publisherCode)) m.entity = codeOfState(ctx.publisherCode); // a ministry's spokesperson answering speaks for the state (CODING.md)
      } else if (r.person === 1 && (quoted = quotedLabel(m.start)) !== null) {
        // "Amy Kenney, Executive Director, National Ocean Protection Coalition: “… We commend the Administration's actions …”":
        // a quoted statement's "we" is the body its label names, not the publisher
        m.entity = quoted;
      } else if (r.person === 1) {
        const authors = (ctx.authors ?? []).filter((a) => a.kind !== "group");
        if (authors.length >= 2) {
          const members = authors.map((a) => entity(entityKey(a), () => ({ ...a, members: [] })));
          m.entity = entity(`group:${members.join(",")}`, () => ({ name: authors.map((a) => a.name).join(" and "), kind: "group", code: null, office: null, source: "text", kbKey: null, gender: null, members }));
        } else if (authors.length === 1) m.entity = entity(entityKey(authors[0]!), () => ({ ...authors[0]!, members: [] }));
        else if (ctx.publisherCode && kb.states.has(ctx.publisherCode)) m.entity = codeOfState(ctx.publisherCode);
      } else if (r.gender === "n") {
        m.entity = antecedentBody(i);
      } else if (r.number === "sg") {
        m.entity = antecedentPerson(i, r.gender);
      } else {
        m.entity = antecedentPlural(i);
      }
    } else if (m.type === "name" && tokens.lower[m.tokenEnd - 1] === "counterpart" && m.entity >= 0 && ctx.storyDate) {
      // "Blinken spoke with his Indian counterpart": whoever holds the possessor's office, or its peer, in that state
      const owner = doc.mentions[i - 1];
      const state = entities[m.entity]!;
      const holder = owner?.possessive && owner.tokenEnd === m.tokenStart && owner.entity >= 0 ? entities[owner.entity]! : null;
      if (state.kind === "state" && state.code && holder?.kind === "person" && holder.office && holder.code !== state.code) {
        const t = kb.counterpart(holder.office, state.code, ctx.storyDate);
        if (t) m.entity = personFromKb(t.name, t.office, t.code);
      }
    } else if (m.type === "group" && mi.reference?.kind === "state") {
      m.entity = antecedentState(i);
    } else if (m.type === "group" && mi.reference?.kind === "own") {
      // "the Administration", "the central government" in a government's own text: its state
      if (ctx.publisherCode && kb.states.has(ctx.publisherCode)) m.entity = codeOfState(ctx.publisherCode);
    } else if (m.type === "group" && mi.reference) {
      // "all sides of the conflict in Sri Lanka", "the parties to the conflict in Yemen": the sides of a war, of the state it
      // is fought in, not whoever the text named last
      const place = conflictSides(m);
      if (place !== undefined) {
        if (place >= 0) {
          const e = entities[place]!;
          m.entity = entity(`group:sides:${e.code}`, () => ({ name: doc.text.slice(m.start, m.end), kind: "group", code: e.code, office: null, source: "text", kbKey: null, gender: null, members: [] }));
        }
      } else {
        const head = tokens.lower[m.tokenEnd - 1]!;
        const members = groupMembers.get(head) ?? recentPair(i, head, fitsGroupTitle(doc.text.slice(m.start, m.end)));
        if (members.length) {
          const key = `group:${members.join(",")}`;
          m.entity = entity(key, () => ({ name: doc.text.slice(m.start, m.end), kind: "group", code: null, office: null, source: "text", kbKey: null, gender: null, members }));
        }
      }
    }
    if (m.entity >= 0) lastMention.set(m.entity, i);
    if (m.entity >= 0 && mi.reference?.person === 1 && mi.reference.number === "sg" && entities[m.entity]!.kind === "person") speakers.add(m.entity);
  });

  // a state's forces or officials after a possessive pronoun that stands for the state act as that state, as "Iraqi
  // warplanes" or "the Iraqi military" do when the text names no one in them: "Iraq said its warplanes had attacked a
  // supertanker", "The United States said its forces destroyed the platform" (not "our communities", "its citizens")
  doc.mentions.forEach((m, i) => {
    const mi = info[i]!;
    if (m.entity >= 0 || m.type !== "collective" || !mi.name || mi.code || !mi.agents) return;
    const owner = doc.mentions[i - 1];
    if (!owner || owner.type !== "pronoun" || !owner.possessive || owner.tokenEnd !== m.tokenStart || owner.entity < 0) return;
    if (entities[owner.entity]!.kind === "state") m.entity = owner.entity;
  });

  /**
   * For character `at` inside a quotation its paragraph opens after a label ("**Amy Kenney, Executive Director, National
   * Ocean Protection Coalition:** “…”"): the last organization the label names, else its last person (an official's
   * state), else -1 (a speaker the text does not resolve); null when `at` is in no such quotation.
   */
  function quotedLabel(at: number): number | null {
    const text = doc.text;
    // (the paragraph: after the last blank line, spaces on it or not)
    const windowStart = Math.max(0, at - 4000);
    let paragraph = windowStart;
    for (const gap of text.slice(windowStart, at).matchAll(/\n[ \t]*\n/g)) paragraph = windowStart + gap.index! + gap[0].length;
    const before = text.slice(paragraph, at);
    const open = before.lastIndexOf("“");
    if (open < 0 || before.indexOf("”", open) >= 0) return null;
    // the label: what stands before the quotation in its paragraph, ending with a colon (markup aside)
    const label = before.slice(0, open).replace(/[*_\s]+$/, "");
    if (!label.endsWith(":") || label.length > 300) return null;
    const from = paragraph;
    const to = paragraph + open;
    let org = -1;
    let person = -1;
    for (const c of doc.mentions) {
      if (c.start >= to) break; // (mentions stand in text order)
      if (c.start < from || c.end > to || c.entity < 0) continue;
      const kind = entities[c.entity]!.kind;
      if (kind === "org") org = c.entity;
      else if (kind === "person") person = c.entity;
    }
    if (org >= 0) return org;
    // (an official's "we" is their state, as in a transcript: "UK Foreign Secretary Liz Truss said: “We are determined …”")
    const official = person >= 0 ? entities[person]! : null;
    if (official?.office && official.code && kb.states.has(official.code)) return codeOfState(official.code);
    return person;
  }

  /** The signer of the letter whose body holds character `at`, if any. */
  function signerAt(at: number): string | null {
    for (const l of ctx.letters ?? []) if (at >= l.start && at < l.end) return l.signer;
    return null;
  }

  /**
   * Per sentence, the person whose turn of a transcript it is (the person a label such as "SECRETARY BLINKEN:" names,
   * to the next label), -1 where no label named a person (a journalist's "QUESTION:", "Q:", "A:", or no transcript).
   */
  function labelledSpeakers(d: Doc): Int32Array {
    const out = new Int32Array(d.sentences.length).fill(-1);
    let current = -1;
    let k = 0;
    for (const sent of d.sentences) {
      const body = clauseStart(d, sent);
      if (body > sent.tokenStart && tokens.text[body - 1] !== undefined && /^[:：]$/.test(tokens.text[body - 1]!)) {
        current = -1;
        while (k < d.mentions.length && d.mentions[k]!.sentence < sent.index) k++;
        // (a label of only an honorific and a surname, "MS SMITH:", names a speaker only if the text named them in full
        // before: the surname alone may be any holder's; a title, "SECRETARY BLINKEN:", says who it is)
        for (let j = k; j < d.mentions.length && d.mentions[j]!.tokenStart < body; j++) {
          const lm = d.mentions[j]!;
          const e = lm.entity;
          if (e < 0 || entities[e]!.kind !== "person") continue;
          const titled = lm.fullStart < tokens.start[lm.tokenStart]! && !/^(mr|mrs|ms|dr)\.?\s/i.test(d.text.slice(lm.fullStart, tokens.start[lm.tokenStart]!));
          const namedInFull = d.mentions.some((o) => o.entity === e && o.tokenStart < lm.tokenStart && o.tokenEnd - o.tokenStart >= 2);
          if (titled || namedInFull || lm.tokenEnd - lm.tokenStart >= 2) current = e;
        }
      }
      // (a question's sentences are the asker's, and the answer after them is a turn no label names: "REPLY", "A:")
      if (sent.asked || sent.skip === "question") current = -1;
      out[sent.index] = current;
    }
    return out;
  }

  /** The knowledge-base person whose name mention i directly continues (only spaces between), or -1. */
  function continuesPerson(i: number): number {
    const m = doc.mentions[i]!;
    const prev = doc.mentions[i - 1];
    if (!prev || prev.sentence !== m.sentence || prev.type !== "name" || prev.possessive || prev.entity < 0) return -1;
    const e = entities[prev.entity]!;
    if (e.kind !== "person" || e.source !== "kb") return -1;
    return /^[ \t]+$/.test(doc.text.slice(prev.end, m.fullStart)) ? prev.entity : -1;
  }

  /**
   * The state a sentence places its meeting in ("In Equatorial Guinea, …",
   * "… in Malabo"), when that is not the publisher's own and mention i comes
   * after the sentence's verb (the people met, not the visitor); else null.
   */
  function foreignVenue(i: number): string | null {
    const m = doc.mentions[i]!;
    const sent = doc.sentences[m.sentence]!;
    let verb = false;
    for (let t = sent.tokenStart; t < m.tokenStart; t++) if (tokens.pos[t] === "VERB") verb = true;
    if (!verb) return null;
    const [r0, r1] = mentionRange(doc, m.sentence);
    for (let j = r0; j < r1; j++) {
      const x = doc.mentions[j]!;
      if (x.entity < 0 || (x.type !== "name" && x.type !== "place" && x.type !== "region")) continue;
      const e = entities[x.entity]!;
      if (e.kind !== "state" || !e.code || e.code === ctx.publisherCode) continue;
      if (tokens.lower[x.tokenStart - 1] === "in") return e.code;
    }
    return null;
  }

  /** The state whose possessive stands right before mention i ("Saudi Arabia's Deputy Minister of Defense Khalid"), if any. */
  function possessorState(i: number): string | null {
    const m = doc.mentions[i]!;
    const prev = doc.mentions[i - 1];
    if (!prev || !prev.possessive || prev.sentence !== m.sentence || prev.entity < 0) return null;
    const e = entities[prev.entity]!;
    if (e.kind !== "state" || !e.code) return null;
    return /^\s*['’]s?\s*$/.test(doc.text.slice(prev.fullEnd, m.fullStart)) ? e.code : null;
  }

  /**
   * The code of the organization whose own title of the person mention i names stands right before it: "National
   * Security Council Senior Director for Africa Dana Banks" (only capitalised words, bare titles, "for", "of" and "the"
   * between), if any.
   */
  function affiliation(i: number): string | null {
    const m = doc.mentions[i]!;
    let j = i - 1;
    while (j >= 0 && doc.mentions[j]!.sentence === m.sentence && doc.mentions[j]!.type === "title" && doc.mentions[j]!.entity < 0) j--;
    const org = doc.mentions[j];
    if (!org || org.sentence !== m.sentence || org.entity < 0 || org.possessive) return null;
    const e = entities[org.entity]!;
    // (not an organization whose country is only the publisher's, by default: "the Mubadala Investment Company")
    if (e.kind !== "org" || !e.code || guessedCode.has(org.entity)) return null;
    for (let t = org.tokenEnd; t < m.tokenStart; t++) {
      if (!/^\p{Lu}/u.test(tokens.text[t]!) && !/^(for|of|the)$/.test(tokens.lower[t]!)) return null;
    }
    return org.tokenEnd < m.tokenStart ? e.code : null;
  }

  /** The code of the person listed just before mention i ("A, B, and C"), if any. */
  function listSibling(i: number): string | null {
    const m = doc.mentions[i]!;
    const prev = doc.mentions[i - 1];
    if (!prev || prev.sentence !== m.sentence || prev.entity < 0) return null;
    const e = entities[prev.entity]!;
    if (e.kind !== "person" || !e.code) return null;
    let t = prev.tokenEnd;
    while (t < tokens.count && tokens.end[t]! <= prev.fullEnd) t++;
    const between = doc.text.slice(tokens.start[t] ?? prev.fullEnd, m.fullStart).trim();
    return /^(,|and|, and)$/.test(between) ? e.code : null;
  }

  /**
   * Whether title mention i is the title of a name that follows it, after at most the state or
   * organization the title holds: "The President of Estonia, Kersti Kaljulaid", "Chinese Ambassador
   * to Pakistan Yao Jing" (no verb, "and" or ";" between).
   */
  function namedNext(i: number): boolean {
    const m = doc.mentions[i]!;
    let j = i + 1;
    while (j < doc.mentions.length && doc.mentions[j]!.sentence === m.sentence && (info[j]!.state || info[j]!.org)) j++;
    const next = doc.mentions[j];
    if (!next || next.sentence !== m.sentence || next.type !== "name" || next.tokenStart - m.tokenEnd > 6) return false;
    for (let t = m.tokenEnd; t < next.tokenStart; t++) {
      if (doc.tokens.pos[t] === "VERB" || doc.tokens.pos[t] === "AUX" || doc.tokens.lower[t] === "and" || doc.tokens.lower[t] === ";") return false;
    }
    return true;
  }

  /** The person a bare title names; `body` the organization it belongs to ("ASEAN Chair"). */
  function resolveTitle(title: string, code: string | null, body: string | null): number {
    // "the Soviet leader", "Chinese leader": the holder of the office that led that state on the story's date
    const led = title === "Leader" && code && ctx.storyDate ? kb.leaderOffice(code, ctx.storyDate) : null;
    const office = led ?? title;
    // the latest person in the text holding that office (and of that code); a bare title in a
    // government's own text is its own office holder before a foreign one ("The President
    // congratulated Mr Assad" in a Kremlin readout of Putin's call with President Assad)
    let best = -1;
    let bestAt = -1;
    let bestOwn = false;
    const royal = ROYAL_OFFICES.has(office);
    for (const e of entities) {
      if (e.kind !== "person") continue;
      if (e.office !== office && e.office !== title && !(royal && e.office && ROYAL_OFFICES.has(e.office))) continue;
      if (royal && e.office !== office && (office === "Queen" ? e.gender === "m" : e.gender === "f")) continue;
      if (code && e.code && e.code !== code) continue;
      const lm = lastMention.get(e.id) ?? -1;
      const own = !code && !!ctx.publisherCode && e.code === ctx.publisherCode;
      if ((own && !bestOwn) || (own === bestOwn && lm > bestAt)) {
        best = e.id;
        bestAt = lm;
        bestOwn = own;
      }
    }
    if (best >= 0) return best;
    if (!ctx.storyDate) return -1; // without a date a title names nobody in particular
    // "the Minister" names nobody the knowledge base could pick; "the King of Jordan", a monarch of a named state, does
    if (GENERIC_OFFICES.has(office) && !body && !(code && ROYAL_OFFICES.has(office))) return -1;
    const holders = kb.holders(office, ctx.storyDate).filter((t) => (body ? t.body === body : !code || t.code === code || t.body === code));
    if (!holders.length) return -1;
    const present = new Set(entities.map((e) => e.code).filter(Boolean) as string[]);
    const score = (t: Tenure) =>
      (present.has(t.code) ? 2 : 0) + (t.code === ctx.publisherCode ? 1 : 0) + (t.body === "UN" ? 0.5 : 0);
    const t = [...holders].sort((a, b) => score(b) - score(a))[0]!;
    // a title that names no state or body is a holder of a state the text names or publishes for, or a UN officer
    // ("the Speaker" in a White House text is no other state's Speaker)
    if (!code && !body && score(t) === 0) return -1;
    return personFromKb(t.name, office, t.code);
  }

  /**
   * For "sides" or "parties" followed by "of/to the conflict (war, fighting, crisis, dispute)": the state a following
   * "in …" names (its entity), -1 when none; undefined when the words do not follow.
   */
  function conflictSides(m: Mention): number | undefined {
    if (!/^(sides|parties)$/.test(tokens.lower[m.tokenEnd - 1]!)) return undefined;
    let t = m.tokenEnd;
    if (!/^(of|to|in)$/.test(tokens.lower[t] ?? "")) return undefined;
    t++;
    if (/^(the|this|that)$/.test(tokens.lower[t] ?? "")) t++;
    while (tokens.pos[t] === "ADJ") t++; // "the ongoing conflict", "the armed conflict"
    if (!CONFLICT_NOUNS.has(tokens.lower[t] ?? "")) return undefined;
    if (tokens.lower[t + 1] !== "in") return -1;
    const next = doc.mentions.find((x) => x.tokenStart === t + 2 || (x.tokenStart === t + 3 && tokens.lower[t + 2] === "the"));
    const e = next && next.entity >= 0 ? entities[next.entity]! : null;
    return e && e.kind === "state" && e.code ? next!.entity : -1;
  }

  function antecedentPerson(at: number, gender: "m" | "f" | null): number {
    const m = doc.mentions[at]!;
    // (a press conference's "he" is someone its own question and answer name: each question opens a new subject)
    const opens = exchangeStart[m.sentence]!;
    // (nor the one whose turn of a transcript it is: a speaker says "I", their "he" is someone else)
    const speaking = turns[m.sentence]!;
    // ("Premier Li Keqiang will hold talks with him": an object pronoun is not its own clause's subject)
    const objectCase = !m.possessive && /^(him|her)$/.test(tokens.lower[m.tokenStart]!);
    // prefer the subject of the nearest earlier sentence, then any earlier person
    // (a subject only near the nearest earlier person: "Mr. Mahathir is a senior politician … China congratulates him" is
    // Mahathir, not a Premier who was a sentence's subject twenty sentences before)
    let fallback = -1;
    let fallbackSentence = -1;
    // (a person whose possessive opens the sentence is whom its "he" stands for, before anyone named earlier:
    // "Staffan de Mistura's office says he was to meet …", "Netanyahu's office said … Obama's willingness to host him")
    let first = at;
    while (first > 0 && doc.mentions[first - 1]!.sentence === m.sentence) first--;
    const opener = first < at ? doc.mentions[first]! : null;
    const owner =
      opener?.possessive && opener.entity >= 0 && entities[opener.entity]!.kind === "person" && opener.entity !== speaking && !(gender && entities[opener.entity]!.gender && entities[opener.entity]!.gender !== gender)
        ? opener.entity
        : -1;
    // (a "he" or "she" that opens the sentence as its subject goes on being its subject: "He invited the President to a
    // summit that he intends to convene" is the inviter's summit)
    const word = tokens.lower[m.tokenStart]!;
    if (opener && opener.type === "pronoun" && !opener.possessive && !m.possessive && (word === "he" || word === "she") && tokens.lower[opener.tokenStart] === word && opener.entity >= 0) return opener.entity;
    // (a "he" or "she" opening a clause coordinated with the sentence's first is that clause's subject still, not the
    // person it acted on: "President Biden thanked President Duda …, and he pledged continued U.S. support")
    if ((word === "he" || word === "she") && /^(and|but)$/.test(tokens.lower[m.tokenStart - 1] ?? "")) {
      const subject = sentenceSubject(m.sentence, true);
      const e = subject >= 0 ? entities[subject]! : null;
      if (e && e.kind === "person" && subject !== speaking && !(gender && e.gender && e.gender !== gender)) return subject;
    }
    for (let j = at - 1; j >= 0; j--) {
      const c = doc.mentions[j]!;
      if (owner >= 0 && c.sentence < m.sentence) return owner;
      if ((fallback >= 0 && c.sentence < fallbackSentence - 2) || c.sentence < opens) break;
      if (c.entity < 0) continue;
      const e = entities[c.entity]!;
      if (e.kind !== "person") continue;
      if (gender && e.gender && e.gender !== gender) continue;
      if (c.entity === speaking) continue;
      // (a speaker's "I" or "me" is not who their "he" is, nor is the speaker named elsewhere: a statement's byline)
      if (info[j]!.reference?.person === 1 || speakers.has(c.entity)) continue;
      if (c.sentence === m.sentence && objectCase && clauseSubjectOf(c, m)) continue;
      if (c.sentence === m.sentence && !c.possessive) return c.entity;
      if (c.sentence < m.sentence) {
        const subj = sentenceSubject(c.sentence, true);
        if (subj >= 0 && entities[subj]?.kind === "person" && (!gender || !entities[subj]!.gender || entities[subj]!.gender === gender)) return subj;
        if (fallback < 0) {
          fallback = c.entity;
          fallbackSentence = c.sentence;
        }
      }
    }
    return owner >= 0 ? owner : fallback;
  }

  /**
   * Whether mention c is the subject of the clause whose object is pronoun
   * p: c stands where a subject does (first in its sentence, or after a
   * comma or "and", not after a verb or preposition), and a verb but no
   * punctuation, subordinating word or verb of saying stands between them
   * ("Xi Jinping will hold talks with him"; not "Obama said Xi had invited
   * him", nor "Biden met Macron and thanked him", whose Macron is an object).
   */
  function clauseSubjectOf(c: Mention, p: Mention): boolean {
    const sent = doc.sentences[c.sentence]!;
    const first = fullStartToken(c);
    const before = first > sent.tokenStart ? tokens.pos[first - 1]! : "";
    if (before === "VERB" || before === "ADP" || before === "AUX") return false;
    let verb = false;
    for (let t = c.tokenEnd; t < p.tokenStart; t++) {
      const pos = tokens.pos[t]!;
      if (pos === "PUNCT" || pos === "SCONJ" || CLAUSE_OPENERS.has(tokens.lower[t]!) || ctx.speechVerbs?.has(tokens.lemma[t]!)) return false;
      if (pos === "VERB") verb = true;
    }
    return verb;
  }

  /**
   * "it", "its": the nearest state, organization or group before it in its
   * sentence ("Pakistan said that it has shot down …", "urged it to honor its
   * commitment"), else the one a recent sentence is about, its subject ("The
   * GATT Council adopted a report … It called on Washington"). "It is …",
   * "it will be …", "made it clear", "we welcome it if …" stand for no one.
   */
  function antecedentBody(at: number): number {
    const m = doc.mentions[at]!;
    if (!m.possessive && !bodyPronoun(m.tokenStart)) return -1;
    const body = (id: number) => id >= 0 && entities[id]!.kind !== "person";
    for (let j = at - 1; j >= 0 && doc.mentions[j]!.sentence === m.sentence; j--) {
      const c = doc.mentions[j]!;
      if (body(c.entity) && (c.type !== "place" || actingPlace(c)) && c.type !== "region" && c.type !== "pronoun") return c.entity;
    }
    // "It will help promote cooperation", "It will mean more resilient supply chains": a policy's effects, not a promise
    if (!m.possessive && tokens.pos[m.tokenEnd] === "AUX" && !/^(has|have|had)$/.test(tokens.lower[m.tokenEnd]!)) return -1;
    for (let s = m.sentence - 1; s >= Math.max(exchangeStart[m.sentence]!, m.sentence - 2); s--) {
      const subj = sentenceSubject(s);
      if (body(subj)) return subj;
    }
    return -1;
  }

  /**
   * The state "the country" stands for: the one the text named last, in its sentence or the two before and within a
   * press conference's exchange ("Fighting erupted in South Sudan's capital … Ban urged the country's leaders to …"),
   * or -1.
   */
  function antecedentState(at: number): number {
    const m = doc.mentions[at]!;
    // ("communities across the country", "in the country": where something is, no participant; "the size of the
    // country", "a guide for the country": a generic country as often as the one named)
    if (locativeBefore(doc, m.tokenStart) || /^(of|for)$/.test(tokens.lower[m.tokenStart - 1] ?? "")) return -1;
    const from = Math.max(exchangeStart[m.sentence]!, m.sentence - 2);
    for (let j = at - 1; j >= 0 && doc.mentions[j]!.sentence >= from; j--) {
      const c = doc.mentions[j]!;
      if (c.entity >= 0 && c.type !== "pronoun" && entities[c.entity]!.kind === "state") return c.entity;
    }
    return -1;
  }

  /** The first token of the stretch a mention reads as, titles and articles included. */
  function fullStartToken(c: Mention): number {
    const from = doc.sentences[c.sentence]!.tokenStart;
    let first = c.tokenStart;
    while (first > from && tokens.start[first - 1]! >= c.fullStart) first--;
    return first;
  }

  /**
   * Whether a place mention stands for its government, where a subject stands: first in its clause, not after a
   * preposition or verb ("The Kremlin on Wednesday rejected accusations that it had interfered …", "Beijing said it
   * would …"; not "near the West Bank city of Jenin").
   */
  function actingPlace(c: Mention): boolean {
    const sent = doc.sentences[c.sentence]!;
    const first = fullStartToken(c);
    if (first === clauseStart(doc, sent)) return true;
    const before = tokens.pos[first - 1]!;
    return before === "CCONJ" || before === "SCONJ" || tokens.lower[first - 1] === "that" || tokens.lower[first - 1] === ",";
  }

  /** Whether "it" at t names a participant: a subject before its verb ("it has asked", "said it will offer", not "it will be"), or an object asked to act ("urged it to"). */
  function bodyPronoun(t: number): boolean {
    const next = t + 1;
    // ("urged it to", an object asked to act; "said it had shot down", "announced it would send", the subject of what was
    // said; not "I think it will …")
    const reports = ctx.speechVerbs?.has(tokens.lemma[t - 1]!) && !/^(think|believe)$/.test(tokens.lemma[t - 1]!) && (tokens.pos[next] === "AUX" || tokens.pos[next] === "VERB");
    if (tokens.pos[t - 1] === "VERB" && !reports) return tokens.lower[next] === "to";
    if (tokens.lemma[next] === "be" || tokens.pos[next] === "ADJ" || tokens.lower[next] === "'s") return false;
    if (tokens.lemma[next] === "come" && tokens.lower[next + 1] === "to") return false; // "when it comes to"
    if (tokens.pos[next] === "AUX") return tokens.lemma[next + 1] !== "be" && tokens.lemma[next + 2] !== "be";
    return true;
  }

  function sentenceSubject(s: number, notSpeaker = false): number {
    const sent = doc.sentences[s]!;
    const [r0, r1] = mentionRange(doc, s);
    for (let j = r0; j < r1; j++) {
      const c = doc.mentions[j]!;
      if (c.entity < 0 || c.type === "region") continue;
      if (verbBetween(sent.tokenStart, c.tokenStart)) return -1;
      const prev = tokens.pos[c.tokenStart - 1];
      if (c.tokenStart > sent.tokenStart && prev === "ADP") continue;
      // (a speaker's "I" is no one a later "he" or "she" stands for)
      if (notSpeaker && (info[j]!.reference?.person === 1 || speakers.has(c.entity))) return -1;
      return c.entity;
    }
    return -1;
  }

  function verbBetween(a: number, b: number): boolean {
    for (let t = a; t < b; t++) if (tokens.pos[t] === "VERB" && !/ing$/.test(tokens.lower[t]!)) return true;
    return false;
  }

  /** "they": the people of the latest sentence that names two or more (a group's members first). */
  function antecedentPlural(at: number): number {
    const m = doc.mentions[at]!;
    for (let sIdx = m.sentence; sIdx >= Math.max(exchangeStart[m.sentence]!, m.sentence - 3); sIdx--) {
      const [r0, r1] = mentionRange(doc, sIdx);
      const inSentence = doc.mentions.slice(r0, sIdx < m.sentence ? r1 : Math.min(r1, at)).filter((c) => c.entity >= 0);
      const group = inSentence.find((c) => entities[c.entity]!.kind === "group" && entities[c.entity]!.members.length);
      if (group) return group.entity;
      for (const kind of ["person", "state"] as const) {
        // (states named together, "Canada and Australia", not any two a sentence names: "US arms sales to Taiwan … They constitute …")
        const named = inSentence.filter((c) => entities[c.entity]!.kind === kind && !c.possessive && (kind === "person" || coordinated(c, inSentence)));
        const ids = [...new Set(named.map((c) => c.entity))];
        if (ids.length >= 2 && (kind === "person" || sIdx < m.sentence)) {
          const members = ids.slice(0, 4);
          return entity(`group:${members.join(",")}`, () => ({ name: members.map((id) => entities[id]!.name).join(" and "), kind: "group", code: null, office: null, source: "text", kbKey: null, gender: null, members }));
        }
        if (kind === "person" && ids.length === 1 && sIdx < m.sentence) break;
      }
    }
    return -1;
  }

  /** Whether mention c stands in a list with another of `among`: "Canada and Australia", "Iran, Iraq and Syria". */
  function coordinated(c: Mention, among: readonly Mention[]): boolean {
    const joins = (a: Mention, b: Mention) => b.tokenStart > a.tokenEnd && b.tokenStart - a.tokenEnd <= 3 && /^(?:\s*(?:,|and|or|as well as)\s*)+$/.test(doc.text.slice(a.fullEnd, b.fullStart));
    return among.some((o) => o !== c && (joins(c, o) || joins(o, c)));
  }

  /**
   * Whether a person's office fits a plural title naming a pair ("the Prime Ministers", "both foreign ministers",
   * "the leaders"); null when the phrase names no office ("the two sides", "the two men").
   */
  function fitsGroupTitle(phrase: string): ((e: Entity) => boolean) | null {
    // the title in the singular: "the two prime ministers" → "prime minister", "both leaders" → "leader"
    const words = fold(phrase).split(/\s+/).filter((w) => !/^(the|both|two|three|all)$/.test(w));
    if (!words.length || !/s$/.test(words[words.length - 1]!)) return null;
    words[words.length - 1] = words[words.length - 1]!.replace(/s$/, "");
    const office = kb.officeByTitle(words.join(" "));
    const rank = (e: Entity) => kb.rankOf(e.office);
    // (an office the knowledge base does not list fits by its words: "Minister in the Prime Minister's Office" is a minister)
    const title = words.join(" ");
    const says = (e: Entity) => !!e.office && fold(e.office).split(/\s+/).includes(title);
    if (office) {
      const peers = kb.offices.get(office)?.peers ?? [];
      return (e) => e.office === office || (!!e.office && peers.includes(e.office)) || (!kb.offices.has(e.office ?? "") && says(e));
    }
    // (a leader heads a state or government; a minister is one, or heads one)
    if (title === "leader") return (e) => rank(e) === "head";
    if (title === "minister") return (e) => rank(e) === "minister" || rank(e) === "head" || says(e);
    return null;
  }

  function recentPair(at: number, head: string, titled: ((e: Entity) => boolean) | null = null): number[] {
    // "the Prime Ministers" are the two prime ministers the text named last, not whoever was named last
    // (a detainee whose release they called for, a UN envoy they support)
    if (titled) {
      const pair = recentPairOf(at, head, titled);
      if (pair.length) return pair;
    }
    return recentPairOf(at, head, null);
  }

  function recentPairOf(at: number, head: string, titled: ((e: Entity) => boolean) | null): number[] {
    const wantStates = head === "countries" || head === "nations" || head === "governments";
    const wantRoyals = head === "majesties";
    const kindOk = (e: Entity) =>
      wantStates ? e.kind === "state" : e.kind === "person" && (!wantRoyals || (!!e.office && ROYAL_OFFICES.has(e.office))) && (!titled || titled(e));
    // (the sides or parties named together may be states or bodies the text speaks about, the publisher's own not among
    // them: "We hope India and Pakistan … the two sides"; its own readouts' "both sides" are the people who met)
    const sides = head === "sides" || head === "parties";
    const otherBody = (e: Entity) => (e.kind === "state" || e.kind === "org") && e.code !== ctx.publisherCode;
    const wanted = (id: number) => id >= 0 && kindOk(entities[id]!);
    const bodies = (a: number, b: number) => sides && a >= 0 && b >= 0 && otherBody(entities[a]!) && otherBody(entities[b]!) && !/^(all|other)$/.test(tokens.lower[doc.mentions[at]!.tokenStart]!);
    // a pair named together comes first: "both India and Pakistan … the two countries"
    for (let j = at - 1; j > 0 && doc.mentions[j]!.sentence >= doc.mentions[at]!.sentence - 2; j--) {
      const b = doc.mentions[j]!;
      const a = doc.mentions[j - 1]!;
      if (a.sentence === b.sentence && tokens.lower[a.tokenEnd] === "and" && a.tokenEnd + 1 === b.tokenStart && ((wanted(a.entity) && wanted(b.entity)) || bodies(a.entity, b.entity)) && a.entity !== b.entity) {
        return [a.entity, b.entity];
      }
    }
    const out: number[] = [];
    for (let j = at - 1; j >= 0 && out.length < 2; j--) {
      const c = doc.mentions[j]!;
      if (c.entity < 0 || out.includes(c.entity)) continue;
      let e = entities[c.entity]!;
      // "President Biden met with Prime Minister Kishida … The two countries agreed": the states of the people who met
      if (wantStates && e.kind === "person" && e.code && kb.states.has(e.code)) {
        e = entities[codeOfState(e.code)]!;
        if (out.includes(e.id)) continue;
      }
      if (!kindOk(e)) continue;
      // (a royal couple shares its country)
      if (!wantRoyals && out.length === 1 && entities[out[0]!]!.code === e.code && e.code) continue;
      out.push(e.id);
    }
    return out.length === 2 ? out : [];
  }
}

/** Parts of speech no name word has. */
const CLOSED_CLASS = new Set(["ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART"]);

/** Marks lone surnames of people named earlier ("Wang said", "Al-Thani and Hermann"). */
/** Whether a sentence has words in lower case (wire copy in capitals spells names in capitals too). */
function mixedCase(tokens: Doc["tokens"], sent: Sentence): boolean {
  for (let t = sent.tokenStart; t < sent.tokenEnd; t++) if (/\p{Ll}/u.test(tokens.text[t]!)) return true;
  return false;
}

function findSurnames(
  doc: Doc,
  info: MentionInfo[],
  matchSurname: (w: string, code: string | null, office: null, gender: null, at: number) => number,
  sittingSurname: (w: string) => number,
): void {
  const { tokens } = doc;
  const covered = new Uint8Array(tokens.count);
  for (const m of doc.mentions) for (let t = m.tokenStart; t < m.tokenEnd; t++) covered[t] = 1;
  const added: Mention[] = [];
  for (const sent of doc.sentences) {
    // (whether the sentence has words in lower case, worked out at its first acronym)
    let mixed: boolean | null = null;
    for (let t = sent.tokenStart; t < sent.tokenEnd; t++) {
      if (covered[t] || !/^\p{Lu}/u.test(tokens.text[t]!)) continue;
      const end = nameRunEnd(tokens, t, sent.tokenEnd);
      if (end === t || end - t > 3) continue;
      // (a day or month is no one's surname: "last Friday's attack" is not Prime Minister Godwin Friday's; nor is a letter or
      // a word of a closed class opening a sentence, whatever name a misread heading ended in: "In terms of …", "To date")
      if (end - t === 1 && (isCalendarWord(tokens.lower[t]!) || tokens.text[t]!.length === 1 || CLOSED_CLASS.has(tokens.pos[t]!))) continue;
      const word = doc.text.slice(tokens.start[t]!, tokens.end[end - 1]!);
      let id = matchSurname(word, null, null, null, t);
      // (a word of a hyphenated compound is no name on its own: "the Biden-Harris Administration")
      // (nor a word of a longer name or a thing: "Captain Davis", "the Hill", "Johnson & Johnson")
      // ("the Assad regime", "the Biden administration" are still the person's)
      const alone =
        tokens.pos[t - 1] !== "PROPN" &&
        (tokens.lower[t - 1] !== "the" || /^(regime|government|administration|era|family)$/.test(tokens.lower[end] ?? "")) &&
        tokens.text[end] !== "&" &&
        tokens.text[t - 1] !== "&";
      // (an acronym in a sentence written in lower case is no surname: "the Security of Supply Arrangement (SOSA)")
      const acronym = /^\p{Lu}{2,}$/u.test(word) && (mixed ??= mixedCase(tokens, sent));
      if (id < 0 && end - t === 1 && alone && !acronym && tokens.text[t - 1] !== "-" && tokens.text[end] !== "-") id = sittingSurname(word);
      if (id < 0) continue;
      added.push({
        id: -1,
        sentence: sent.index,
        ...mentionSpan(tokens, t, end),
        type: "surname",
        entity: id,
        possessive: tokens.lower[end] === "'s",
        plural: false,
      });
      t = end - 1;
    }
  }
  if (!added.length) return;
  const all = [...doc.mentions.map((m, i) => ({ m, i: info[i]! })), ...added.map((m) => ({ m, i: emptyInfo() }))];
  all.sort((a, b) => a.m.tokenStart - b.m.tokenStart);
  doc.mentions.length = 0;
  info.length = 0;
  all.forEach(({ m, i }, k) => {
    doc.mentions.push({ ...m, id: k });
    info.push(i);
  });
}

/** Nouns of an armed conflict whose "sides" or "parties" a text names: "all parties to the conflict in Yemen". */
const CONFLICT_NOUNS = new Set(["conflict", "conflicts", "war", "fighting", "crisis", "dispute", "hostilities"]);

function emptyInfo(): MentionInfo {
  return { name: null, kbPerson: null, state: null, org: null, office: null, code: null, reference: null };
}
