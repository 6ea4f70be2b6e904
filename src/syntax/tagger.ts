import { clusterKey } from "./clusters.ts";
import { K2 as HASH_K2, K3 as HASH_K3, TEMPLATE_BASE, finishKeys, hashSlice, hashString } from "./hash.ts";
// module-local copies of the key constants (see parser.ts)
const BASE = TEMPLATE_BASE;
const K2 = HASH_K2;
const K3 = HASH_K3;
import { argmax, type WeightTable } from "./perceptron.ts";

/**
 * A greedy left-to-right part-of-speech tagger: an averaged perceptron over
 * the word, its affixes and shape, its neighbours and the two tags before it
 * (Collins 2002; the design of Honnibal's "A good POS tagger in about 200
 * lines"). Its classes are the treebank's UPOS–XPOS pairs ("VERB VBD"), so
 * the parser sees the finer Penn tag and the coder the universal one.
 * Frequent words that always take one tag are looked up, not scored.
 */

/** Per-token atoms the tagger's features are made of, computed once per sentence. */
export interface WordAtoms {
  lower: Int32Array;
  suffix1: Int32Array;
  suffix2: Int32Array;
  suffix3: Int32Array;
  suffix4: Int32Array;
  prefix1: Int32Array;
  prefix2: Int32Array;
  shape: Int32Array;
  /** Word clusters (fine and coarse; NO_CLUSTER for words without one). */
  fine: Int32Array;
  coarse: Int32Array;
  /** The part of speech another tagger gave the word (the pipeline's wink tag), hashed; NO_HINT without one. */
  hint: Int32Array;
}

/** The hint atom of a word no other tagger has tagged. */
export const NO_HINT = 0x4e48;

/** The cluster atom of a word the clusters do not know. */
export const NO_CLUSTER = 0xffff;

/** Word → fine cluster in the low 16 bits, coarse cluster in the high 16. */
export type ClusterLookup = ReadonlyMap<string, number>;

/** The form a word's features are computed from: typographic quotes and dashes as the treebank writes them. */
export function normalizeForm(form: string): string {
  if (!/[^\x00-\x7f]/.test(form)) return form;
  return form.replace(/[’‘`´]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, "--");
}

export function wordAtoms(forms: readonly string[], clusters: ClusterLookup, hints: readonly string[] | null, atoms?: WordAtoms): WordAtoms {
  const n = forms.length;
  const a = atoms && atoms.lower.length >= n ? atoms : allocateAtoms(Math.max(n, 64));
  for (let i = 0; i < n; i++) {
    const lower = normalizeForm(forms[i]!).toLowerCase();
    const len = lower.length;
    a.lower[i] = hashString(lower);
    a.suffix1[i] = hashSlice(lower, Math.max(0, len - 1), len);
    a.suffix2[i] = hashSlice(lower, Math.max(0, len - 2), len);
    a.suffix3[i] = hashSlice(lower, Math.max(0, len - 3), len);
    a.suffix4[i] = hashSlice(lower, Math.max(0, len - 4), len);
    a.prefix1[i] = hashSlice(lower, 0, Math.min(1, len));
    a.prefix2[i] = hashSlice(lower, 0, Math.min(2, len));
    a.shape[i] = shapeHash(forms[i]!);
    const cluster = clusters.get(clusterKey(lower));
    a.fine[i] = cluster === undefined ? NO_CLUSTER : cluster & 0xffff;
    a.coarse[i] = cluster === undefined ? NO_CLUSTER : cluster >>> 16;
    a.hint[i] = hints ? hashString(hints[i]!) : NO_HINT;
  }
  return a;
}

function allocateAtoms(n: number): WordAtoms {
  return {
    lower: new Int32Array(n),
    suffix1: new Int32Array(n),
    suffix2: new Int32Array(n),
    suffix3: new Int32Array(n),
    suffix4: new Int32Array(n),
    prefix1: new Int32Array(n),
    prefix2: new Int32Array(n),
    shape: new Int32Array(n),
    fine: new Int32Array(n),
    coarse: new Int32Array(n),
    hint: new Int32Array(n),
  };
}

/** "Xxxx" for "Beijing", "dd" for "2023", "X.X." for "U.S.": character classes, runs cut at two. */
function shapeHash(form: string): number {
  let h = 0x2545f491;
  let last = -1;
  let run = 0;
  for (let i = 0; i < form.length && i < 24; i++) {
    const c = form.charCodeAt(i);
    let cls: number;
    if (c >= 65 && c <= 90) cls = 1;
    else if (c >= 97 && c <= 122) cls = 2;
    else if (c >= 48 && c <= 57) cls = 3;
    else if (c > 127) cls = form[i]!.toLowerCase() !== form[i]! ? 1 : form[i]!.toUpperCase() !== form[i]! ? 2 : 4;
    else cls = 5 + c;
    run = cls === last ? run + 1 : 1;
    last = cls;
    if (run > 2) continue;
    h = Math.imul(h ^ cls, 0x01000193);
  }
  return h | 0;
}

/** Sentinel atom values outside the hash range of real words (they only need to differ from each other). */
const START = 0x51a27;
const END = 0x3e4d;

export const TAGGER_TEMPLATES = 37;

/**
 * The tagger's features for word i given the tags before it; returns how
 * many keys were written. Shared by training and tagging, so they agree.
 */
export function taggerFeatures(a: WordAtoms, n: number, i: number, prev1: number, prev2: number, out: Int32Array): number {
  const B = BASE;
  const w = a.lower[i]!;
  const wPrev = i > 0 ? a.lower[i - 1]! : START;
  const wPrev2 = i > 1 ? a.lower[i - 2]! : START;
  const wNext = i + 1 < n ? a.lower[i + 1]! : END;
  const wNext2 = i + 2 < n ? a.lower[i + 2]! : END;
  let k = 0;
  out[k++] = B[1]!;
  out[k++] = B[2]! ^ w;
  out[k++] = B[3]! ^ a.suffix1[i]!;
  out[k++] = B[4]! ^ a.suffix2[i]!;
  out[k++] = B[5]! ^ a.suffix3[i]!;
  out[k++] = B[6]! ^ a.suffix4[i]!;
  out[k++] = B[7]! ^ a.prefix1[i]!;
  out[k++] = B[8]! ^ a.prefix2[i]!;
  out[k++] = B[9]! ^ a.shape[i]!;
  out[k++] = B[10]! ^ a.shape[i]! ^ Math.imul(i === 0 ? 1 : 0, K2);
  out[k++] = B[11]! ^ prev1;
  out[k++] = B[12]! ^ prev1 ^ Math.imul(prev2, K2);
  out[k++] = B[13]! ^ prev1 ^ Math.imul(w, K2);
  out[k++] = B[14]! ^ prev1 ^ Math.imul(a.suffix3[i]!, K2);
  out[k++] = B[15]! ^ wPrev;
  out[k++] = B[16]! ^ (i > 0 ? a.suffix3[i - 1]! : START);
  out[k++] = B[17]! ^ wPrev2;
  out[k++] = B[18]! ^ wNext;
  out[k++] = B[19]! ^ (i + 1 < n ? a.suffix3[i + 1]! : END);
  out[k++] = B[20]! ^ wNext2;
  out[k++] = B[21]! ^ (i + 1 < n ? a.shape[i + 1]! : END);
  out[k++] = B[22]! ^ (i > 0 ? a.shape[i - 1]! : START);
  out[k++] = B[23]! ^ wPrev ^ Math.imul(w, K2);
  out[k++] = B[24]! ^ w ^ Math.imul(wNext, K2);
  out[k++] = B[25]! ^ prev1 ^ Math.imul(w, K2) ^ Math.imul(wNext, K3);
  out[k++] = B[26]! ^ a.suffix2[i]! ^ Math.imul(wNext, K2);
  out[k++] = B[27]! ^ a.fine[i]!;
  out[k++] = B[28]! ^ a.coarse[i]! ^ Math.imul(prev1, K2);
  out[k++] = B[29]! ^ (i + 1 < n ? a.fine[i + 1]! : END);
  out[k++] = B[30]! ^ (i > 0 ? a.fine[i - 1]! : START);
  out[k++] = B[31]! ^ a.coarse[i]! ^ Math.imul(i + 1 < n ? a.coarse[i + 1]! : END, K2);
  const hint = a.hint[i]!;
  const hintPrev = i > 0 ? a.hint[i - 1]! : START;
  const hintNext = i + 1 < n ? a.hint[i + 1]! : END;
  out[k++] = B[32]! ^ hint;
  out[k++] = B[33]! ^ hint ^ Math.imul(w, K2);
  out[k++] = B[34]! ^ hint ^ Math.imul(a.suffix3[i]!, K2);
  out[k++] = B[35]! ^ hintPrev ^ Math.imul(hint, K2) ^ Math.imul(hintNext, K3);
  out[k++] = B[36]! ^ hint ^ Math.imul(prev1, K2);
  out[k++] = B[37]! ^ hint ^ Math.imul(a.shape[i]!, K2) ^ Math.imul(i === 0 ? 1 : 0, K3);
  return finishKeys(out, k);
}

/** The tag before the sentence, as the tag-history features see it. */
export function startTag(tagCount: number): number {
  return tagCount;
}

/** The trained tagger: tag names, the weights, and the words tagged by lookup. */
export class Tagger {
  readonly tags: readonly string[];
  /** Per tag: its universal part of speech ("VERB" of "VERB VBD"). */
  readonly upos: readonly string[];
  private readonly weights: WeightTable;
  private readonly lookup: Map<string, number>;
  readonly clusters: ClusterLookup;
  private atoms: WordAtoms = allocateAtoms(64);
  private readonly keys = new Int32Array(TAGGER_TEMPLATES);
  private readonly scores: Float64Array;

  constructor(tags: readonly string[], weights: WeightTable, lookup: Map<string, number>, clusters: ClusterLookup) {
    if (weights.classes !== tags.length) throw new Error(`the tagger's weights have ${weights.classes} classes for ${tags.length} tags`);
    this.tags = tags;
    this.upos = tags.map((t) => t.split(" ")[0]!);
    this.weights = weights;
    this.lookup = lookup;
    this.clusters = clusters;
    this.scores = new Float64Array(tags.length);
  }

  /**
   * Tags a sentence's words into `out` (tag ids). `hints` are the universal
   * tags the pipeline's tokenizer (wink) gave the same words: the tagger
   * learnt when to trust them.
   */
  tag(forms: readonly string[], hints: readonly string[] | null, out: Uint8Array = new Uint8Array(forms.length)): Uint8Array {
    const n = forms.length;
    this.atoms = wordAtoms(forms, this.clusters, hints, this.atoms);
    const start = startTag(this.tags.length);
    let prev1 = start;
    let prev2 = start;
    const tagCount = this.tags.length;
    for (let i = 0; i < n; i++) {
      let t = this.lookup.get(forms[i]!);
      if (t === undefined || (hints !== null && this.upos[t] !== hints[i])) {
        const k = taggerFeatures(this.atoms, n, i, prev1, prev2, this.keys);
        this.scores.fill(0);
        this.weights.score(this.keys, k, this.scores);
        t = argmax(this.scores, tagCount);
      }
      out[i] = t;
      prev2 = prev1;
      prev1 = t;
    }
    return out;
  }

  /** The atoms of the sentence last tagged (the parser reads its words and clusters). */
  get lastAtoms(): WordAtoms {
    return this.atoms;
  }

  get weightTable(): WeightTable {
    return this.weights;
  }

  get lookupTable(): ReadonlyMap<string, number> {
    return this.lookup;
  }
}
