import { describe, expect, it } from "vitest";
import type { Tokens } from "../../src/doc/document.ts";
import { ROOT, Tree, UNPARSED } from "../../src/doc/syntax.ts";

/**
 * The Tree helpers on hand-made trees: what the coder will ask of a parse,
 * independent of how well the parser does. A row is "word head relation xpos"
 * with 1-based heads as in CoNLL-U (0 = root, "-" = unparsed).
 */
function tree(rows: string): { tree: Tree; at: (word: string) => number } {
  const lines = rows.trim().split("\n").map((l) => l.trim().split(/\s+/));
  const relations = ["root", "nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "case", "fixed", "conj", "cc", "xcomp", "ccomp", "advcl", "acl", "acl:relcl", "mark", "aux", "aux:pass", "det", "punct", "compound", "flat", "amod"];
  const tags = ["VERB VBD", "VERB VBN", "VERB VB", "VERB VBG", "NOUN NN", "PROPN NNP", "ADP IN", "PRON PRP", "PART TO", "AUX VBD", "DET DT", "CCONJ CC", "PUNCT .", "SCONJ IN", "PRON WP"];
  const n = lines.length;
  let offset = 0;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const text = lines.map((l) => l[0]!);
  text.forEach((w, i) => {
    start[i] = offset;
    end[i] = offset + w.length;
    offset += w.length + 1;
  });
  const tokens: Tokens = { count: n, start, end, pos: text.map(() => "X"), lemma: text.map((w) => w.toLowerCase()), lower: text.map((w) => w.toLowerCase()), text };
  const head = Int32Array.from(lines, (l) => (l[1] === "-" ? UNPARSED : Number(l[1]) - 1));
  const rel = Uint8Array.from(lines, (l) => Math.max(0, relations.indexOf(l[2] ?? "root")));
  const tag = Uint8Array.from(lines, (l) => Math.max(0, tags.findIndex((t) => t.endsWith(` ${l[3] ?? "NN"}`))));
  const t = new Tree(tokens, { tag, head, rel, tags, relations });
  return { tree: t, at: (word: string) => text.indexOf(word) };
}

describe("Tree: the subject a verb has or inherits", () => {
  it("takes a verb's own subject, and says when it is passive", () => {
    const { tree: t, at } = tree(`
      activists 3 nsubj:pass NN
      were 3 aux:pass VBD
      detained 0 root VBN
      by 5 case IN
      police 3 obl:agent NN`);
    expect(t.subjectOf(at("detained"))).toEqual({ token: at("activists"), passive: true });
    expect(t.passive(at("detained"))).toBe(true);
    expect(t.agentOf(at("detained"))).toBe(at("police"));
    expect(t.head(at("detained"))).toBe(ROOT);
  });

  it("shares the subject of coordinated verbs: 'met and thanked'", () => {
    const { tree: t, at } = tree(`
      Harlan 2 nsubj NNP
      met 0 root VBD
      Arata 2 obj NNP
      and 5 cc CC
      thanked 2 conj VBD
      him 5 obj PRP`);
    expect(t.subjectOf(at("thanked"))).toEqual({ token: at("Harlan"), passive: false });
    expect(t.objectOf(at("thanked"))).toBe(at("him"));
  });

  it("gives the object of an object-control verb to its complement: 'urged X to resume'", () => {
    const { tree: t, at } = tree(`
      Guterres 2 nsubj NNP
      urged 0 root VBD
      Ethiopia 2 obj NNP
      to 5 mark TO
      resume 2 xcomp VB
      talks 5 obj NN`);
    expect(t.subjectOf(at("resume"))).toEqual({ token: at("Ethiopia"), passive: false });
    expect(t.children(at("urged"), "xcomp")).toEqual([at("resume")]);
  });

  it("gives the subject of a subject-control verb to its complement: 'agreed to meet'", () => {
    const { tree: t, at } = tree(`
      leaders 2 nsubj NN
      agreed 0 root VBD
      to 4 mark TO
      meet 2 xcomp VB`);
    expect(t.subjectOf(at("meet"))?.token).toBe(at("leaders"));
  });

  it("reads a relative pronoun as the noun it stands for: 'the minister, who arrived'", () => {
    const { tree: t, at } = tree(`
      minister 5 nsubj NN
      who 3 nsubj WP
      arrived 1 acl:relcl VBD
      , 3 punct .
      met 0 root VBD`);
    expect(t.subjectOf(at("arrived"))?.token).toBe(at("minister"));
  });

  it("makes the modified noun the undergoer of a participle: 'sanctions imposed by the US'", () => {
    const { tree: t, at } = tree(`
      opposes 0 root VBD
      sanctions 1 obj NN
      imposed 2 acl VBN
      by 5 case IN
      US 3 obl NNP`);
    expect(t.subjectOf(at("imposed"))).toEqual({ token: at("sanctions"), passive: true });
    expect(t.agentOf(at("imposed"))).toBe(at("US"));
  });

  it("lends the main clause's subject to an adverbial clause: purpose and participle", () => {
    const { tree: t, at } = tree(`
      Asked 5 advcl VBN
      about 3 case IN
      it 1 obl PRP
      spokesman 5 nsubj NN
      said 0 root VBD
      to 7 mark TO
      reassure 5 advcl VB`);
    expect(t.subjectOf(at("Asked"))).toEqual({ token: at("spokesman"), passive: true });
    expect(t.subjectOf(at("reassure"))).toEqual({ token: at("spokesman"), passive: false });
  });

  it("has no subject to give when the sentence names none", () => {
    const { tree: t, at } = tree(`
      Stop 0 root VB
      it 1 obj PRP`);
    expect(t.subjectOf(at("Stop"))).toBeNull();
  });
});

describe("Tree: objects, obliques and heads", () => {
  it("reads the indirect object of a verb without a direct one as its object: 'told reporters that …'", () => {
    const { tree: t, at } = tree(`
      spokesman 2 nsubj NN
      told 0 root VBD
      reporters 2 iobj NN
      that 6 mark IN
      China 6 nsubj NNP
      respond 2 ccomp VB`);
    expect(t.objectOf(at("told"))).toBe(at("reporters"));
    expect(t.children(at("told"), "ccomp")).toEqual([at("respond")]);
    expect(t.markOf(at("respond"))).toBe("that");
  });

  it("gives each oblique its case word, multiword ones whole, bare ones empty", () => {
    const { tree: t, at } = tree(`
      met 0 root VBD
      with 3 case IN
      Blinken 1 obl NNP
      according 6 case VBG
      to 4 fixed IN
      ministry 1 obl NN
      Monday 1 obl NNP`);
    expect(t.obliquesOf(at("met"))).toEqual([
      { token: at("Blinken"), case: "with" },
      { token: at("ministry"), case: "according to" },
      { token: at("Monday"), case: "" },
    ]);
    expect(t.is(at("Blinken"), "obl")).toBe(true);
    expect(t.is(at("with"), "obl")).toBe(false);
  });

  it("finds the head of a span and the conjuncts of a word", () => {
    const { tree: t, at } = tree(`
      Foreign 2 compound NNP
      Minister 5 nsubj NNP
      Wang 2 flat NNP
      Yi 3 flat NNP
      met 0 root VBD
      Ethiopia 5 obj NNP
      and 8 cc CC
      Eritrea 6 conj NNP`);
    expect(t.headOf(0, 4)).toBe(at("Minister"));
    expect(t.conjuncts(at("Ethiopia"))).toEqual([at("Ethiopia"), at("Eritrea")]);
    expect(t.within(at("Yi"), at("Minister"))).toBe(true);
    expect(t.within(at("Yi"), at("Ethiopia"))).toBe(false);
  });

  it("knows an unparsed sentence", () => {
    const { tree: t } = tree(`
      Weather - root NN
      fine - root NN`);
    expect(t.parsed(0)).toBe(false);
    expect(t.relation(0)).toBe("");
    expect(t.headOf(0, 2)).toBe(-1);
  });
});
