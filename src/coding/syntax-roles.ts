import type { Doc, Mention, Sentence } from "../doc/document.ts";
import type { Tree } from "../doc/syntax.ts";
import { coordinatedAfter, coordinatedBefore, isParticipant, isSetting, qualifiedBy, titleListPerson } from "./roles.ts";

/** The lemma that stands, in data/lexicon/other-senses.tsv, for any predicate said of the trigger's object. */
const PREDICATE = "PRED";
/** The lemma that stands, in data/lexicon/other-senses.tsv, for a participant named right after the trigger ("deny Hong Kong residents the freedoms"). */
const PARTICIPANT = "PARTICIPANT";

/**
 * Participants read from a document's dependency trees: the mention a
 * subject, object or oblique stands for, with those listed beside it. The
 * tree chooses which mention fills a role; the list around it is read from
 * the words ("A, B and C"), which keeps long lists of titled names whole
 * where the parse breaks them up. Each method returns null when the
 * sentence has no parse or the tree names no participant there, so that
 * the caller can fall back on the words around the trigger.
 */
/** Verbs whose object is whom one meets: the purpose of a journey ("will travel to Tehran to meet Rouhani"). */
const MEETING_VERBS = new Set(["meet", "see", "visit", "greet", "consult"]);

export class TreeRoles {
  constructor(
    private readonly doc: Doc,
    readonly tree: Tree,
    /** Per token: the mention whose full reading (titles, appositives) covers it, or -1. */
    private readonly mentionOf: Int32Array,
  ) {}

  /** Who does what `verb` says: its subject, or the one it inherits. */
  subject(sent: Sentence, verb: number): Mention[] | null {
    if (!this.tree.parsed(verb)) return null;
    const s = this.tree.subjectOf(verb);
    if (!s) return null;
    const found = this.around(sent, s.token);
    return found.length ? found : null;
  }

  /**
   * The roles of a verb in the passive: its agent acts, its subject
   * undergoes the act ("Kovrig, who has since been detained by the Ministry
   * of State Security"; "citizens have been threatened, detained or
   * kidnapped" names no one who acts). The passive is read from a form of
   * "be" or "get" the parse gives the verb, or the verb it is coordinated
   * with; a bare participle ("three Americans unjustly detained by Russia")
   * counts only with its agent, as the tags confuse it with a past tense
   * ("member states expressed sympathies"). Null without a parse or a passive.
   */
  passive(sent: Sentence, verb: number): { agent: Mention[]; undergoer: Mention[] } | null {
    const { tree } = this;
    if (!tree.parsed(verb)) return null;
    const lemma = this.doc.tokens.lemma;
    const marked = (v: number) => tree.children(v, "aux:pass").some((c) => lemma[c] === "be" || lemma[c] === "get");
    let voiced = verb;
    while (!marked(voiced) && tree.relation(voiced) === "conj" && tree.child(voiced, "aux") < 0 && tree.child(voiced, "aux:pass") < 0) voiced = tree.head(voiced);
    let agent = tree.agentOf(verb);
    if (agent < 0 && voiced !== verb) agent = tree.agentOf(voiced);
    const participle = agent >= 0 && tree.xpos(verb) === "VBN";
    if (!marked(voiced) && !participle) return null;
    const s = tree.subjectOf(verb);
    const undergoer = s ? this.around(sent, s.token) : [];
    // ("Invited by President Xi, …", "a ministerial hosted by Canada": a participle whose subject names no participant is no act of its own)
    if (!undergoer.length && !marked(voiced)) return { agent: [], undergoer };
    return { agent: agent >= 0 ? this.within(sent, agent, 0) : [], undergoer };
  }

  /**
   * Whom `verb` acts on: its object or indirect object, read from `after`
   * on (the end of the trigger's words: in "expressed U.S. support for
   * Ms. Kaag" the object phrase names its recipient after "support").
   */
  object(sent: Sentence, verb: number, after = 0, request = false): Mention[] | null {
    if (!this.tree.parsed(verb)) return null;
    // an object stands after its verb ("X condemned Y"); one before it is a misparse
    const o = [...this.tree.children(verb, "obj"), ...this.tree.children(verb, "iobj")].find((c) => c > verb) ?? -1;
    if (o < 0) return null;
    // (whom a request asks is not in what it asks them "to" do, though the parse may hang that on them: "urge all
    // countries to avoid … transactions for Russian weapons systems")
    const found = this.within(sent, o, after, request ? this.infinitiveOf(o) : -1);
    return found.length ? found : null;
  }

  /**
   * Whom a promised act is aimed at: the object, or the partner after
   * "with", "to" or "for", of the verb "will" governs or of the acts it
   * leads to ("will continue to do everything … to tackle inflation and work
   * with Congress", "will travel to the Democratic Republic of the Congo").
   */
  promised(sent: Sentence, verb: number, after: number): Mention[] | null {
    const { tree } = this;
    const verbs = [verb];
    for (let i = 0; i < verbs.length && i < 8; i++) {
      const v = verbs[i]!;
      if (!tree.parsed(v)) continue;
      const found = this.object(sent, v, after) ?? this.partner(sent, v, after);
      if (found) return found;
      for (const c of tree.children(v)) {
        const rel = tree.relation(c);
        // the acts it goes on to: controlled ("continue to work"), coordinated without a subject of their own, purposes ("to tackle")
        if (rel === "xcomp" || (rel === "conj" && tree.child(c, "nsubj") < 0) || (rel === "advcl" && tree.markOf(c) === "to")) verbs.push(c);
      }
    }
    return null;
  }

  /**
   * The partner of a promised act after "with", "to" or "for" — and for a
   * journey, whom it goes to meet rather than where: "will travel to Riga,
   * Latvia, to meet with President Egils Levits".
   */
  private partner(sent: Sentence, verb: number, after: number): Mention[] | null {
    const { tree } = this;
    for (const o of tree.obliquesOf(verb)) {
      if (o.case !== "with" && o.case !== "to" && o.case !== "for") continue;
      const found = this.within(sent, o.token, after);
      if (!found.length) continue;
      if (o.case !== "to") return found;
      for (const c of tree.children(verb, "advcl")) {
        if (tree.markOf(c) !== "to") continue;
        const met = this.oblique(sent, c, ["with"], after) ?? (MEETING_VERBS.has(this.doc.tokens.lemma[c]!) ? this.object(sent, c, after) : null);
        if (met) return met;
      }
      return found;
    }
    return null;
  }

  /** The participants of `verb`'s first oblique introduced by one of `cases` ("with") that names any. */
  oblique(sent: Sentence, verb: number, cases: readonly string[], after = 0): Mention[] | null {
    if (!this.tree.parsed(verb)) return null;
    for (const o of this.tree.obliquesOf(verb)) {
      if (!cases.includes(o.case)) continue;
      const found = this.within(sent, o.token, after);
      if (found.length) return found;
    }
    return null;
  }

  /**
   * The recipient a trigger's frame names: the first of its relations that
   * holds a participant — the verb's object, an oblique of the verb with a
   * given case ("obl:to"), a complement of the pattern's last word ("nmod:over"
   * of "concern" in "expressed concern over X"), or that word's possessor.
   */
  byFrame(sent: Sentence, head: number, last: number, frame: readonly string[], after: number, request = false): Mention[] | null {
    const { tree } = this;
    if (!tree.parsed(head)) return null;
    for (const relation of frame) {
      let found: Mention[] | null = null;
      if (relation === "obj" || relation === "iobj") found = this.object(sent, head, after, request);
      else if (relation === "xcomp:obj") {
        // "refused to accept Syria's denials": the object of the act refused
        const x = tree.child(head, "xcomp");
        found = x >= 0 ? this.object(sent, x, after) : null;
      }
      else if (relation === "for:to") found = this.forTo(sent, head, after) ?? this.nounForTo(sent, head, last, after);
      else if (relation === "by") found = this.agentOfAsked(sent, head, after);
      else if (relation === "ccomp:nsubj") {
        // "demanded that the Prosecutor-General's Office monitor …": whom the clause asks to act
        // (a mandate, its verb bare or with "should": "insist that Russia allow access", not "insists his government is the
        // victim"; a bare verb the tagger reads as a present, "that the Government of Russia allow", unless it is "are" or "have")
        // ("insisted it would not bow": a verb another modal governs is a claim)
        const c = tree.child(head, "ccomp");
        const xpos = c > head ? tree.xpos(c) : "";
        const modals = c > head ? tree.children(c, "aux").map((a) => this.doc.tokens.lower[a]!) : [];
        const bare = (xpos === "VB" && modals.length === 0) || (xpos === "VBP" && !/^(be|have|do)$/.test(this.doc.tokens.lemma[c]!));
        const mandate = bare || modals.some((a) => a === "should" || a === "must");
        const subject = mandate ? tree.child(c, "nsubj") : -1;
        found = subject >= 0 ? this.participantsAt(sent, subject, after) : null;
      }
      // a pattern that ends in its preposition ("fire * rocket * at"): the phrase that preposition opens, wherever it hangs
      if (/^(obl|nmod):/.test(relation) && last > head && tree.relation(last) === "case" && this.doc.tokens.lower[last] === relation.slice(relation.indexOf(":") + 1)) {
        found = this.within(sent, tree.head(last), 0);
      } else if (relation.startsWith("obl:")) found = this.oblique(sent, head, [relation.slice(4)], after);
      else if (relation === "nmod:poss") {
        const p = tree.child(last, "nmod:poss");
        found = p >= 0 ? this.at(p) : null;
      } else if (relation.startsWith("nmod:")) {
        const wanted = relation.slice(5);
        for (const c of tree.children(last, "nmod")) {
          if (tree.caseOf(c) !== wanted) continue;
          found = this.within(sent, c, 0);
          if (found.length) break;
        }
      }
      if (found?.length) return found;
    }
    return null;
  }

  /**
   * Whose act is asked for, named by "by" in the phrase of what is asked: "called for restraint by all actors", "called
   * for the cessation of violence and swift implementation of the Five-Point Consensus by the Tatmadaw".
   */
  private agentOfAsked(sent: Sentence, head: number, after: number): Mention[] | null {
    const { tree } = this;
    const asked = [...tree.obliquesOf(head).filter((o) => o.case === "for").map((o) => o.token), ...tree.children(head, "obj")];
    for (const a of asked) {
      // (however deep in the phrase's nouns the parse hangs it: "… of the Five-Point Consensus by the Tatmadaw")
      const [from, to] = tree.span(a);
      for (let c = Math.max(from, after); c <= to; c++) {
        if (!tree.is(c, "nmod") || tree.caseOf(c) !== "by" || !nounPathTo(tree, c, a)) continue;
        const found = this.within(sent, c, 0);
        if (found.length) return found;
      }
    }
    return null;
  }

  /**
   * The one an infinitive after "for" is about: "called for North Korea to
   * give up its nuclear weapons" (read as an oblique with a purpose clause
   * after it, or as the clause's own subject). Not "called for the release of
   * X", which asks something of whoever holds X.
   */
  private forTo(sent: Sentence, head: number, after: number): Mention[] | null {
    const { tree } = this;
    const clauses = tree.children(head).filter((c) => /^(advcl|xcomp|ccomp)$/.test(tree.relation(c)));
    for (const c of clauses) {
      const marks = tree.children(c, "mark").map((m) => this.doc.tokens.lower[m]!);
      if (!marks.includes("to")) continue;
      const subject = tree.child(c, "nsubj");
      if (marks.includes("for") && subject >= 0) return this.participantsAt(sent, subject, after);
      const o = tree.obliquesOf(head).find((x) => x.case === "for" && x.token < c);
      if (o) return this.participantsAt(sent, o.token, after);
    }
    return null;
  }

  /**
   * The same after a noun: "stressed the need for Ukraine to make progress", where the pattern ends at
   * "for" (`last`) and the infinitive hangs on the party, the noun or the verb, however the parse attaches it.
   */
  private nounForTo(sent: Sentence, head: number, last: number, after: number): Mention[] | null {
    const { tree } = this;
    if (this.doc.tokens.lower[last] !== "for" || tree.relation(last) !== "case") return null;
    const party = tree.head(last);
    if (party < 0) return null;
    const hosts = [party, tree.head(party), head];
    for (let c = party + 1; c < sent.tokenEnd; c++) {
      if (!hosts.includes(tree.head(c)) || !/^(acl|advcl|xcomp)$/.test(tree.relation(c))) continue;
      if (tree.children(c, "mark").some((m) => this.doc.tokens.lower[m] === "to")) return this.participantsAt(sent, party, after);
    }
    return null;
  }

  /** The participants token t itself stands for (not those of its modifiers), with those listed beside it. */
  private participantsAt(sent: Sentence, t: number, after: number): Mention[] | null {
    const mi = this.mentionOf[t]!;
    if (t < after || mi < 0) return null;
    const m = this.doc.mentions[mi]!;
    if (!isParticipant(m, this.doc) || isSetting(this.doc, m)) return null;
    return coordinatedAfter(this.doc, titleListPerson(this.doc, m, sent.tokenEnd, this.mentionOf) ?? m, sent.tokenEnd, this.mentionOf);
  }

  /**
   * Whom a nominal at t is said of: the participant it names itself ("the US
   * side", "they"), else its possessor ("Her … words", "Russia's aggression"),
   * a participant modifying it ("US arms sales") or its agent ("interference
   * by X"). Null when it names no one ("such an act").
   */
  owner(t: number, depth = 0): Mention[] | null {
    const { tree, mentionOf } = this;
    if (!tree.parsed(t)) return null;
    const own = this.participant(mentionOf[t]!) ?? this.possessor(mentionOf[t]!);
    if (own) return [own];
    if (depth > 1) return null;
    // ("US arms sales": the modifier of a modifier)
    for (const c of tree.children(t)) {
      const rel = tree.relation(c);
      const fits = rel === "nmod:poss" || rel === "compound" || rel === "amod" || (rel === "nmod" && (tree.caseOf(c) === "by" || tree.caseOf(c) === "from"));
      if (!fits) continue;
      const m = this.owner(c, depth + 1);
      if (m) return m;
    }
    return null;
  }

  /**
   * Who does what a noun's infinitive says ("our efforts to hold Russia accountable", "Sullivan affirmed ongoing
   * efforts to hold Russia accountable"): the noun's owner, else the subject of the verb the noun's phrase hangs on.
   */
  nounActor(sent: Sentence, noun: number): Mention[] | null {
    const own = this.owner(noun);
    if (own) return own;
    let t = noun;
    for (let hops = 0; hops < 4 && t >= 0 && this.tree.upos(t) !== "VERB"; hops++) t = this.tree.head(t);
    return t >= 0 && this.tree.upos(t) === "VERB" ? this.subject(sent, t) : null;
  }

  /**
   * The doer a phrase names with "by" ("the sale of arms to Taiwan by the
   * United States"), for the phrase the trigger at `head` governs that holds
   * token `t`; null when it names none.
   */
  agentInPhrase(sent: Sentence, head: number, t: number): Mention[] | null {
    const { tree } = this;
    let arg = t;
    for (let hops = 0; arg >= 0 && tree.head(arg) !== head && hops < 6; hops++) arg = tree.head(arg);
    if (arg < 0 || tree.head(arg) !== head) return null;
    for (const c of tree.children(arg, "nmod")) {
      if (tree.caseOf(c) !== "by" || c <= t) continue;
      const found = this.within(sent, c, 0);
      if (found.length) return found;
    }
    return null;
  }

  /** A possessive pronoun that coreference resolved ("her", "their"): whose it is. */
  private possessor(mi: number): Mention | null {
    if (mi < 0) return null;
    const m = this.doc.mentions[mi]!;
    return m.type === "pronoun" && m.possessive && m.entity >= 0 ? m : null;
  }

  /** Whether `head` has a dependent in relation `relation` whose lemma or word is one of `lemmas`. */
  hasDependent(head: number, relation: string, lemmas: ReadonlySet<string>): boolean {
    if (!this.tree.parsed(head)) return false;
    const { tree } = this;
    const { lemma, lower } = this.doc.tokens;
    const found = tree.children(head, relation);
    // as the parse may hang them: a controlled infinitive as a purpose clause ("designated Ambassador Chacon to serve as
    // Chargé"), a second object on the first ("deny Cubans their basic human rights", "rights" an nmod of "Cubans")
    if (relation === "xcomp") for (const c of tree.children(head, "advcl")) if (tree.markOf(c) === "to") found.push(c);
    // (and the objects coordinated with it: "launching unwarranted attacks and slanders against China")
    if (relation === "obj") {
      for (const o of [...found]) {
        for (const c of tree.children(o, "nmod")) if (tree.caseOf(c) === "") found.push(c);
        found.push(...tree.children(o, "conj"));
      }
    }
    // (a predicate as an object is the second one: "called the attacks an escalation", not "called a friend")
    const objects = relation === "obj" ? tree.children(head, "obj") : [];
    const said = (c: number) => this.predicate(c) && (relation !== "obj" || objects.indexOf(c) > 0);
    return found.some((c) => (lemmas.has(PREDICATE) && said(c)) || lemmas.has(lemma[c]!) || lemmas.has(lower[c]!)) || (lemmas.has(PARTICIPANT) && this.participantAfter(head));
  }

  /**
   * Whether someone is named right after the verb at `head`, past its determiners: the one a thing is withheld from,
   * however the parse hangs a double object ("denied Hong Kong residents the freedoms"); not a possessor ("denied
   * Ukraine's claims").
   */
  private participantAfter(head: number): boolean {
    const { tokens } = this.doc;
    let t = head + 1;
    while (t < tokens.count && tokens.pos[t] === "DET") t++;
    const m = t < tokens.count ? this.participant(this.mentionOf[t]!) : null;
    return !!m && !m.possessive;
  }

  /**
   * Whether dependent c says something of its head's object: an adjective, a noun with "a"/"an", a
   * clause that is no "to" infinitive ("called the move illegal", "called the attacks an escalation";
   * not "called her today", "called on them to act").
   */
  private predicate(c: number): boolean {
    const { tree } = this;
    const { pos, lower } = this.doc.tokens;
    if (tree.markOf(c) === "to") return false;
    return tree.relation(c) === "xcomp" || pos[c] === "ADJ" || tree.children(c, "det").some((d) => lower[d] === "a" || lower[d] === "an");
  }

  /** The participants at token t and its conjuncts, each with the list it stands in. */
  private around(sent: Sentence, t: number): Mention[] {
    const { doc, mentionOf } = this;
    const out: Mention[] = [];
    for (const c of this.tree.conjuncts(t)) {
      for (const m of this.at(c)) {
        for (const x of [...coordinatedBefore(doc, m, sent, mentionOf), ...coordinatedAfter(doc, m, sent.tokenEnd, mentionOf)]) if (!out.includes(x)) out.push(x);
      }
    }
    return out.sort((a, b) => a.tokenStart - b.tokenStart);
  }

  /** The infinitive clause hung on token t ("countries to avoid …"), or -1. */
  private infinitiveOf(t: number): number {
    return this.tree.children(t, "acl").find((c) => c > t && this.tree.markOf(c) === "to") ?? -1;
  }

  /**
   * The participants an object or oblique at token t names: the first
   * participant its phrase opens with ("with President Ghazouani, Minister
   * … and …") and those listed after it. A possessor stands for the phrase
   * only when what it qualifies names no participant ("the DPRK's launch"
   * is the DPRK; "the Secretary-General's Special Envoy, Mr Brahimi" is
   * Brahimi). From `after`, and up to `before` when given (a clause hung on the phrase).
   */
  private within(sent: Sentence, t: number, after: number, before = -1): Mention[] {
    const { doc, mentionOf } = this;
    const [from, end] = this.tree.span(t);
    const to = before > t ? Math.min(end, before - 1) : end;
    for (let u = Math.max(from, after); u <= to; u++) {
      const mi = mentionOf[u]!;
      if (mi < 0) continue;
      const m = doc.mentions[mi]!;
      u = Math.max(u, m.tokenEnd - 1);
      if (!isParticipant(m, doc) || (m.type === "pronoun" && m.possessive) || isSetting(doc, m)) continue;
      // "meet Chinese counterpart Minister Li Zhaoxing": a state's adjective qualifies the person of that state the phrase names
      if (m.type === "adjective" && mi !== mentionOf[t]) {
        const named = this.participant(mentionOf[t]!);
        const person = named?.type === "name" ? doc.entities[named.entity]! : null;
        if (person?.kind === "person" && person.code === doc.entities[m.entity]!.code) continue;
      }
      if (m.possessive) {
        const qualified = qualifiedBy(doc, m, mentionOf);
        if (qualified && isParticipant(qualified, doc) && qualified.type !== "adjective") continue;
        return [m];
      }
      // ("Chinese Communist Party Politburo Member, Director of …, and Foreign Minister Wang Yi" is Wang Yi)
      return coordinatedAfter(doc, titleListPerson(doc, m, sent.tokenEnd, mentionOf) ?? m, sent.tokenEnd, mentionOf);
    }
    return this.around(sent, t);
  }

  /**
   * The participants token t stands for: the mention covering it, or for
   * a nominal naming no one, the one its "of" phrase names ("the
   * Government of Japan").
   */
  private at(t: number): Mention[] {
    const { tree, mentionOf } = this;
    const own = this.participant(mentionOf[t]!);
    if (own) return [own];
    for (const c of tree.children(t, "nmod")) {
      if (tree.caseOf(c) !== "of") continue;
      const m = this.participant(mentionOf[c]!);
      if (m) return [m];
    }
    // "Counselor Derek Chollet" parsed with the title as the name's head: the name its flat words make
    for (const c of tree.children(t, "flat")) {
      const m = this.participant(mentionOf[c]!);
      if (m) return [m];
    }
    // "the US side", "the EU delegation": a state or organization naming the noun's owner in front of it
    for (const c of tree.children(t, "compound")) {
      const m = this.participant(mentionOf[c]!);
      if (!m || m.type !== "name" || !(this.doc.entities[m.entity]!.kind === "state" || this.doc.entities[m.entity]!.kind === "org")) continue;
      // (in the noun phrase itself: nothing but words between, not "Besides Norway, countries …")
      let inPhrase = true;
      for (let u = m.tokenEnd; u < t && inPhrase; u++) inPhrase = /^[\p{L}\p{N}]/u.test(this.doc.tokens.text[u]!);
      if (inPhrase) return [m];
    }
    return [];
  }

  private participant(mi: number): Mention | null {
    if (mi < 0) return null;
    const m = this.doc.mentions[mi]!;
    return isParticipant(m, this.doc) && !(m.type === "pronoun" && m.possessive) ? m : null;
  }
}

/** Whether t hangs from `top` through nouns alone (complements and conjuncts, no clause between). */
function nounPathTo(tree: Tree, t: number, top: number): boolean {
  for (let u = t, hops = 0; hops < 8; hops++) {
    if (u === top) return true;
    if (!(tree.is(u, "nmod") || tree.relation(u) === "conj")) return false;
    u = tree.head(u);
  }
  return false;
}
