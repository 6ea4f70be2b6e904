import type { Syntax, Tokens } from "./document.ts";

/** `Syntax.head` of a sentence's root. */
export const ROOT = -1;
/** `Syntax.head` of a token in a sentence that was not parsed. */
export const UNPARSED = -2;

const RELATIVE_PRONOUNS = new Set(["who", "which", "that", "whom", "whose"]);

/**
 * Questions a coder asks of the dependency layer: children by relation,
 * the subject a verb has or inherits, the case word of an oblique, the head
 * of a span. Built once per document (an index of children in two arrays).
 */
export class Tree {
  readonly syntax: Syntax;
  private readonly tokens: Tokens;
  /** Children of token t: childList[childStart[t] .. childStart[t + 1]), in text order. */
  private readonly childStart: Int32Array;
  private readonly childList: Int32Array;

  constructor(tokens: Tokens, syntax: Syntax) {
    this.tokens = tokens;
    this.syntax = syntax;
    const n = tokens.count;
    const start = new Int32Array(n + 1);
    for (let t = 0; t < n; t++) if (syntax.head[t]! >= 0) start[syntax.head[t]! + 1]!++;
    for (let t = 0; t < n; t++) start[t + 1] = start[t + 1]! + start[t]!;
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]!);
    for (let t = 0; t < n; t++) {
      const h = syntax.head[t]!;
      if (h >= 0) list[fill[h]!++] = t;
    }
    this.childStart = start;
    this.childList = list;
  }

  parsed(t: number): boolean {
    return this.syntax.head[t] !== UNPARSED;
  }

  head(t: number): number {
    return this.syntax.head[t]!;
  }

  /** The relation of t to its head ("nsubj:pass"), or "" in an unparsed sentence. */
  relation(t: number): string {
    return this.parsed(t) ? this.syntax.relations[this.syntax.rel[t]!]! : "";
  }

  /** The universal part of speech the tagger gave t. */
  upos(t: number): string {
    const tag = this.syntax.tags[this.syntax.tag[t]!]!;
    return tag.slice(0, tag.indexOf(" "));
  }

  /** The Penn Treebank tag the tagger gave t ("VBN"). */
  xpos(t: number): string {
    const tag = this.syntax.tags[this.syntax.tag[t]!]!;
    return tag.slice(tag.indexOf(" ") + 1);
  }

  /** Whether t's relation is `rel` or a subtype of it (`is(t, "obl")` holds for "obl:agent"). */
  is(t: number, rel: string): boolean {
    const r = this.relation(t);
    return r === rel || (r.length > rel.length && r.startsWith(rel) && r[rel.length] === ":");
  }

  /** t's children, in text order; with `rel`, only those whose relation is it or a subtype of it. */
  children(t: number, rel?: string): number[] {
    const out: number[] = [];
    for (let i = this.childStart[t]!; i < this.childStart[t + 1]!; i++) {
      const c = this.childList[i]!;
      if (rel === undefined || this.is(c, rel)) out.push(c);
    }
    return out;
  }

  /** The first child of t with relation `rel` (or a subtype), or -1. */
  child(t: number, rel: string): number {
    for (let i = this.childStart[t]!; i < this.childStart[t + 1]!; i++) {
      const c = this.childList[i]!;
      if (this.is(c, rel)) return c;
    }
    return -1;
  }

  /** Whether t is a verb in the passive (it has a passive subject or auxiliary). */
  passive(t: number): boolean {
    for (let i = this.childStart[t]!; i < this.childStart[t + 1]!; i++) {
      const r = this.relation(this.childList[i]!);
      if (r === "nsubj:pass" || r === "aux:pass" || r === "csubj:pass") return true;
    }
    return false;
  }

  /**
   * Who does what `verb` says: its own subject, else the one it inherits —
   * from the verb it is coordinated with ("met and thanked"), from the object
   * or subject of the verb that controls it ("urged X to resume", "agreed to
   * meet"), from the noun a relative or participial clause modifies ("the
   * minister, who arrived"; "sanctions imposed by"), or from the clause an
   * adverbial clause without a subject hangs on ("met X to discuss",
   * "Asked about it, the spokesman said"). `passive` is true when the subject
   * undergoes the act. Returns null when the sentence names none.
   */
  subjectOf(verb: number): { token: number; passive: boolean } | null {
    // an inherited subject undergoes the act when the verb is passive, or a bare past participle ("Asked …", "sanctions imposed by …")
    const participle = (this.is(verb, "advcl") || this.is(verb, "acl")) && this.xpos(verb) === "VBN" && this.child(verb, "aux") < 0;
    const inheritedPassive = this.passive(verb) || participle;
    for (let t = verb, hops = 0; t >= 0 && hops < 8; hops++) {
      for (let i = this.childStart[t]!; i < this.childStart[t + 1]!; i++) {
        const c = this.childList[i]!;
        const r = this.relation(c);
        if (r === "nsubj" || r === "nsubj:pass" || r === "csubj" || r === "csubj:pass" || r === "nsubj:outer") {
          const passive = t === verb ? r.endsWith(":pass") : inheritedPassive;
          // "the minister, who arrived": the relative pronoun stands for the noun the clause modifies
          if (RELATIVE_PRONOUNS.has(this.tokens.lower[c]!) && this.is(t, "acl") && this.head(t) >= 0) return { token: this.head(t), passive };
          // (and the noun right before it, where the parse did not hang its clause on that noun: "executing soldiers who
          // refuse to follow orders")
          if (RELATIVE_PRONOUNS.has(this.tokens.lower[c]!)) {
            const before = this.tokens.lower[c - 1] === "," ? c - 2 : c - 1;
            if (before >= 0 && /^(NOUN|PROPN)$/.test(this.upos(before))) return { token: before, passive };
          }
          return { token: c, passive };
        }
      }
      const h = this.head(t);
      if (h < 0) return null;
      const r = this.relation(t);
      if (r === "conj" || r === "advcl") t = h;
      else if (r === "xcomp") {
        // object control ("urged X to resume") before subject control ("agreed to meet")
        const obj = this.child(h, "obj");
        if (obj >= 0) return { token: obj, passive: inheritedPassive };
        const iobj = this.child(h, "iobj");
        if (iobj >= 0) return { token: iobj, passive: inheritedPassive };
        t = h;
      } else if (r === "acl" || r === "acl:relcl") return { token: h, passive: inheritedPassive };
      else return null;
    }
    return null;
  }

  /**
   * The object of `verb`: its direct object, or the indirect object of a verb
   * that has none ("told reporters that …", "asked China whether …"), or -1.
   */
  objectOf(verb: number): number {
    const obj = this.child(verb, "obj");
    return obj >= 0 ? obj : this.child(verb, "iobj");
  }

  /** The agent of a passive `verb` ("detained by police" → police), or -1. */
  agentOf(verb: number): number {
    const agent = this.child(verb, "obl:agent");
    if (agent >= 0) return agent;
    if (!this.passive(verb) && !(this.is(verb, "acl") && this.xpos(verb) === "VBN")) return -1;
    for (const c of this.children(verb, "obl")) if (this.caseOf(c) === "by") return c;
    return -1;
  }

  /** The obliques of `verb` with their case words ("with", "according to", "" for bare "Monday"). */
  obliquesOf(verb: number): Array<{ token: number; case: string }> {
    return this.children(verb, "obl").map((token) => ({ token, case: this.caseOf(token) }));
  }

  /** The case word of a nominal, lower-cased, with its fixed parts ("according to"), or "". */
  caseOf(t: number): string {
    const c = this.child(t, "case");
    if (c < 0) return "";
    let words = this.tokens.lower[c]!;
    for (const f of this.children(c, "fixed")) words += ` ${this.tokens.lower[f]!}`;
    return words;
  }

  /** The subordinating word of a clause ("to", "that", "if"), lower-cased, or "". */
  markOf(t: number): string {
    const m = this.child(t, "mark");
    return m < 0 ? "" : this.tokens.lower[m]!;
  }

  /** The first and last token of t's subtree. */
  span(t: number): [number, number] {
    let from = t;
    let to = t;
    const stack = [t];
    while (stack.length) {
      const u = stack.pop()!;
      for (const c of this.children(u)) {
        if (c < from) from = c;
        if (c > to) to = c;
        stack.push(c);
      }
    }
    return [from, to];
  }

  /** The conjuncts of t beside t itself ("Y and Z" → [Y, Z]), in text order. */
  conjuncts(t: number): number[] {
    return [t, ...this.children(t, "conj")];
  }

  /**
   * The head of tokens [start, end): the first token whose head lies outside
   * the span (a mention's head noun: "Foreign Minister Wang Yi" → the word
   * the rest hangs from). -1 when the span is unparsed or empty.
   */
  headOf(start: number, end: number): number {
    for (let t = start; t < end; t++) {
      const h = this.head(t);
      if (h === UNPARSED) return -1;
      if (h < start || h >= end) return t;
    }
    return -1;
  }

  /** Whether token a lies in the subtree of token b (or is b). */
  within(a: number, b: number): boolean {
    for (let t = a, hops = 0; t >= 0 && hops < 200; t = this.head(t), hops++) if (t === b) return true;
    return false;
  }
}
