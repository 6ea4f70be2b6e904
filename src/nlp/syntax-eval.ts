import { Tree } from "../doc/syntax.ts";
import type { TreebankSentence } from "../syntax/conllu.ts";
import type { SyntaxModel } from "../syntax/model.ts";
import { analyzeSentence, tokenizerHints } from "./parse.ts";
import { tokenize } from "./tokenize.ts";

/**
 * Measuring the parser: attachment scores on a treebank (from its gold
 * words, with readout's own tagging), and the roles of event verbs in
 * sentences written like readouts, press conferences and wire copy, read
 * through the same tree helpers the coder uses.
 */

export interface AttachmentScores {
  sentences: number;
  words: number;
  uas: number;
  las: number;
  tagAccuracy: number;
  /** Per relation: precision, recall and F1 of labelled attachment. */
  relations: Map<string, { precision: number; recall: number; f1: number; gold: number }>;
}

export function attachmentScores(model: SyntaxModel, sentences: TreebankSentence[]): AttachmentScores {
  let words = 0;
  let unlabeled = 0;
  let labeled = 0;
  let tagged = 0;
  const counts = new Map<string, { predicted: number; gold: number; right: number }>();
  const count = (rel: string) => {
    let c = counts.get(rel);
    if (!c) counts.set(rel, (c = { predicted: 0, gold: 0, right: 0 }));
    return c;
  };
  for (const s of sentences) {
    const n = s.form.length;
    const tag = new Uint8Array(n);
    const head = new Int32Array(n);
    const rel = new Uint8Array(n);
    analyzeSentence(model, s.form, s.hint ?? tokenizerHints(s.form), 0, n, tag, head, rel);
    for (let i = 0; i < n; i++) {
      words++;
      if (model.tags[tag[i]!] === `${s.upos[i]} ${s.xpos[i]}`) tagged++;
      const predicted = model.labels[rel[i]!]!;
      count(predicted).predicted++;
      count(s.deprel[i]!).gold++;
      if (head[i] === s.head[i]) {
        unlabeled++;
        if (predicted === s.deprel[i]) {
          labeled++;
          count(predicted).right++;
        }
      }
    }
  }
  const relations = new Map<string, { precision: number; recall: number; f1: number; gold: number }>();
  for (const [rel, c] of counts) {
    const precision = c.predicted ? c.right / c.predicted : 0;
    const recall = c.gold ? c.right / c.gold : 0;
    relations.set(rel, { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, gold: c.gold });
  }
  return { sentences: sentences.length, words, uas: unlabeled / words, las: labeled / words, tagAccuracy: tagged / words, relations };
}

/** A sentence with the expected roles of its event verbs (test/fixtures/syntax/diplomatic.jsonl). */
export interface RoleCase {
  id: string;
  genre: string;
  text: string;
  verbs: Array<{
    verb: string;
    occurrence?: number;
    subject?: string;
    subjectPassive?: boolean;
    agent?: string;
    object?: string;
    iobj?: string;
    obl?: Array<{ case: string; phrase: string }>;
    complement?: string;
  }>;
}

export interface RoleScores {
  total: number;
  right: number;
  byRole: Map<string, { total: number; right: number }>;
  byGenre: Map<string, { total: number; right: number }>;
  /** One line per role the parse got wrong: "r03 urged object: expected …, found …". */
  misses: string[];
}

/** Reads every case through tokenizer, tagger, parser and the Tree helpers, and counts the roles found as expected. */
export function roleScores(model: SyntaxModel, cases: RoleCase[]): RoleScores {
  const scores: RoleScores = { total: 0, right: 0, byRole: new Map(), byGenre: new Map(), misses: [] };
  const tally = (map: Map<string, { total: number; right: number }>, key: string, ok: boolean) => {
    let c = map.get(key);
    if (!c) map.set(key, (c = { total: 0, right: 0 }));
    c.total++;
    if (ok) c.right++;
  };
  for (const c of cases) {
    const { tokens, sentences } = tokenize(c.text);
    const tag = new Uint8Array(tokens.count);
    const head = new Int32Array(tokens.count);
    const rel = new Uint8Array(tokens.count);
    for (const s of sentences) analyzeSentence(model, tokens.text, tokens.pos, s.tokenStart, s.tokenEnd, tag, head, rel);
    const tree = new Tree(tokens, { tag, head, rel, tags: model.tags, relations: model.labels });
    const word = (t: number) => (t < 0 ? "nothing" : `"${tokens.text[t]}"`);
    const spanOf = (phrase: string, after = 0): [number, number] => {
      const at = c.text.indexOf(phrase, after);
      if (at < 0) throw new Error(`${c.id}: "${phrase}" is not in the text`);
      return [at, at + phrase.length];
    };
    const inside = (t: number, [a, b]: [number, number]) => t >= 0 && tokens.start[t]! >= a && tokens.end[t]! <= b;
    for (const v of c.verbs) {
      const verb = findWord(tokens.text, v.verb, v.occurrence ?? 1);
      if (verb < 0) throw new Error(`${c.id}: no token "${v.verb}"`);
      const check = (role: string, ok: boolean, expected: string, found: string) => {
        scores.total++;
        if (ok) scores.right++;
        tally(scores.byRole, role, ok);
        tally(scores.byGenre, c.genre, ok);
        if (!ok) scores.misses.push(`${c.id} ${v.verb} ${role}: expected ${expected}, found ${found}`);
      };
      if (v.subject !== undefined) {
        const found = tree.subjectOf(verb);
        const ok = found !== null && inside(found.token, spanOf(v.subject)) && found.passive === (v.subjectPassive ?? false);
        check("subject", ok, `"${v.subject}"${v.subjectPassive ? " (passive)" : ""}`, found ? `${word(found.token)}${found.passive ? " (passive)" : ""}` : "nothing");
      }
      if (v.agent !== undefined) {
        const agent = tree.agentOf(verb);
        check("agent", inside(agent, spanOf(v.agent)), `"${v.agent}"`, word(agent));
      }
      if (v.object !== undefined) {
        const object = tree.objectOf(verb);
        check("object", inside(object, spanOf(v.object)), `"${v.object}"`, word(object));
      }
      if (v.iobj !== undefined) {
        const iobj = tree.child(verb, "iobj");
        check("iobj", inside(iobj, spanOf(v.iobj)), `"${v.iobj}"`, word(iobj));
      }
      const obliques = tree.obliquesOf(verb);
      for (const o of v.obl ?? []) {
        const span = spanOf(o.phrase);
        const ok = obliques.some((x) => inside(x.token, span) && x.case === o.case.toLowerCase());
        check("obl", ok, `${o.case} "${o.phrase}"`, obliques.map((x) => `${x.case} ${word(x.token)}`).join(", ") || "none");
      }
      if (v.complement !== undefined) {
        const comps = [...tree.children(verb, "ccomp"), ...tree.children(verb, "xcomp")];
        check("complement", comps.some((t) => tokens.text[t] === v.complement), `"${v.complement}"`, comps.map(word).join(", ") || "none");
      }
    }
  }
  return scores;
}

function findWord(words: readonly string[], word: string, occurrence: number): number {
  let seen = 0;
  for (let t = 0; t < words.length; t++) if (words[t] === word && ++seen === occurrence) return t;
  return -1;
}
