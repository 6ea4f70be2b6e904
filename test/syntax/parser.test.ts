import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Tree } from "../../src/doc/syntax.ts";
import { analyzeSentence } from "../../src/nlp/parse.ts";
import { type RoleCase, attachmentScores, roleScores } from "../../src/nlp/syntax-eval.ts";
import { readConllu } from "../../src/syntax/conllu.ts";
import { tokenize } from "../../src/nlp/tokenize.ts";
import { type SyntaxModel, loadSyntaxModel } from "../../src/syntax/model.ts";

let model: SyntaxModel;
beforeAll(() => {
  model = loadSyntaxModel();
});

/** Parses a text as the pipeline does and returns its tree and a finder for words. */
function parse(text: string) {
  const { tokens, sentences } = tokenize(text);
  const tag = new Uint8Array(tokens.count);
  const head = new Int32Array(tokens.count);
  const rel = new Uint8Array(tokens.count);
  for (const s of sentences) analyzeSentence(model, tokens.text, tokens.pos, s.tokenStart, s.tokenEnd, tag, head, rel);
  const tree = new Tree(tokens, { tag, head, rel, tags: model.tags, relations: model.labels });
  const at = (word: string, occurrence = 1) => {
    let seen = 0;
    for (let t = 0; t < tokens.count; t++) if (tokens.text[t] === word && ++seen === occurrence) return t;
    throw new Error(`no "${word}"`);
  };
  const word = (t: number | undefined) => (t === undefined || t < 0 ? null : tokens.text[t]);
  return { tree, at, word, tokens, text };
}

describe("the roles of event verbs in diplomatic and news sentences", () => {
  /** Whether token t lies inside the first occurrence of `phrase` in the text. */
  const inside = (p: ReturnType<typeof parse>, t: number | undefined, phrase: string) => {
    const at = p.text.indexOf(phrase);
    return t !== undefined && t >= 0 && at >= 0 && p.tokens.start[t]! >= at && p.tokens.end[t]! <= at + phrase.length;
  };

  it("finds the subject across an adverbial: 'X on Monday accused Y'", () => {
    const p = parse("Foreign Minister Wang Yi on Monday accused the United States of interfering in Hong Kong.");
    const accused = p.at("accused");
    expect(p.tree.relation(accused)).toBe("root");
    expect(inside(p, p.tree.subjectOf(accused)?.token, "Foreign Minister Wang Yi")).toBe(true);
  });

  it("reads a passive with its agent: 'was detained by police'", () => {
    const { tree, at, word } = parse("The journalist was detained by police in the capital on Friday.");
    const detained = at("detained");
    expect(tree.passive(detained)).toBe(true);
    expect(tree.subjectOf(detained)).toMatchObject({ passive: true });
    expect(word(tree.subjectOf(detained)?.token)).toBe("journalist");
    expect(word(tree.agentOf(detained))).toBe("police");
  });

  it("shares a subject across coordinated verbs: 'met and thanked'", () => {
    const { tree, at, word } = parse("President Harlan met Prime Minister Arata and thanked him for Japan's support.");
    expect(word(tree.subjectOf(at("thanked"))?.token)).toBe("Harlan");
    expect(word(tree.objectOf(at("thanked")))).toBe("him");
  });

  it("gives a subject-control verb's subject to its complement: 'agreed to meet'", () => {
    const { tree, at, word } = parse("The two leaders agreed to meet again in Geneva next year.");
    expect(word(tree.subjectOf(at("meet"))?.token)).toBe("leaders");
  });

  it("finds whom a spokesman told", () => {
    const { tree, at, word } = parse("A spokesman told reporters that China would respond with countermeasures.");
    expect(word(tree.subjectOf(at("told"))?.token)).toBe("spokesman");
    expect(word(tree.objectOf(at("told")))).toBe("reporters");
    expect(tree.obliquesOf(at("respond"))).toEqual([{ token: at("countermeasures"), case: "with" }]);
  });

  it("reads the head of a mention's span", () => {
    const { tree, at, tokens } = parse("Prime Minister Lee Hsien Loong visited Jakarta.");
    const head = tree.headOf(0, at("visited"));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(tree.head(head)).toBe(at("visited"));
    expect(tokens.text[tree.objectOf(at("visited"))]).toBe("Jakarta");
  });

  it("finds most roles in readout's own test set of diplomatic, press and wire sentences", () => {
    const cases = readFileSync(new URL("../fixtures/syntax/diplomatic.jsonl", import.meta.url), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as RoleCase);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const scores = roleScores(model, cases);
    // score:parser reports the figure (0.77 for the committed model); a parser or helper that breaks falls far below
    expect(scores.right / scores.total).toBeGreaterThan(0.72);
    for (const [genre, c] of scores.byGenre) expect(c.right / c.total, genre).toBeGreaterThan(0.65);
    expect(scores.byRole.get("subject")!.right / scores.byRole.get("subject")!.total).toBeGreaterThan(0.72);
  });

  it("attaches most words of readout's own held-out treebank of news, press and readout sentences", () => {
    const held = readConllu(fileURLToPath(new URL("../fixtures/syntax/readout-news.conllu", import.meta.url)));
    expect(held.length).toBeGreaterThanOrEqual(150);
    // held out: none of its sentences is one the parser learnt from
    const trained = new Set(readConllu(fileURLToPath(new URL("../../data/syntax/readout-diplomatic.conllu", import.meta.url))).map((s) => s.form.join(" ")));
    expect(held.filter((s) => trained.has(s.form.join(" ")))).toEqual([]);
    // score:parser reports the figures (UAS 0.907, LAS 0.893 for the committed model)
    const scores = attachmentScores(model, held);
    expect(scores.uas).toBeGreaterThan(0.88);
    expect(scores.las).toBeGreaterThan(0.86);
  });
});

describe("every sentence gets one tree", () => {
  it("gives each sentence exactly one root and no cycles, however it is punctuated", () => {
    const texts = [
      "",
      "Yes.",
      "(",
      "THE SOVIET UNION ON TUESDAY ACCUSED THE UNITED STATES OF VIOLATING THE TREATY",
      "met met met met , , , and and and",
      Array.from({ length: 400 }, (_, i) => `word${i % 13}`).join(" "),
    ];
    for (const text of texts) {
      const { tree, tokens } = parse(text);
      const roots = [...Array(tokens.count).keys()].filter((t) => tree.head(t) === -1);
      if (tokens.count > 0) expect(roots.length).toBeGreaterThanOrEqual(1);
      for (let t = 0; t < tokens.count; t++) {
        // walking up from any word reaches a root
        let steps = 0;
        for (let h = t; h >= 0; h = tree.head(h)) expect(++steps).toBeLessThanOrEqual(tokens.count);
      }
    }
  });
});
