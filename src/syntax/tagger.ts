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
    setFormAtoms(a, i, forms[i]!, clusters);
    a.hint[i] = hints ? hashString(hints[i]!) : NO_HINT;
  }
  return a;
}

/** Writes the atoms of one word form (all but its hint) at position i. */
function setFormAtoms(a: WordAtoms, i: number, form: string, clusters: ClusterLookup): void {
  const lower = normalizeForm(form).toLowerCase();
  const len = lower.length;
  a.lower[i] = hashString(lower);
  a.suffix1[i] = hashSlice(lower, Math.max(0, len - 1), len);
  a.suffix2[i] = hashSlice(lower, Math.max(0, len - 2), len);
  a.suffix3[i] = hashSlice(lower, Math.max(0, len - 3), len);
  a.suffix4[i] = hashSlice(lower, Math.max(0, len - 4), len);
  a.prefix1[i] = hashSlice(lower, 0, Math.min(1, len));
  a.prefix2[i] = hashSlice(lower, 0, Math.min(2, len));
  a.shape[i] = shapeHash(form);
  const cluster = clusters.get(clusterKey(lower));
  a.fine[i] = cluster === undefined ? NO_CLUSTER : cluster & 0xffff;
  a.coarse[i] = cluster === undefined ? NO_CLUSTER : cluster >>> 16;
}

/** Copies the atoms (all but the hint) at position `from` of `source` to position `to` of `target`. */
function copyFormAtoms(source: WordAtoms, from: number, target: WordAtoms, to: number): void {
  target.lower[to] = source.lower[from]!;
  target.suffix1[to] = source.suffix1[from]!;
  target.suffix2[to] = source.suffix2[from]!;
  target.suffix3[to] = source.suffix3[from]!;
  target.suffix4[to] = source.suffix4[from]!;
  target.prefix1[to] = source.prefix1[from]!;
  target.prefix2[to] = source.prefix2[from]!;
  target.shape[to] = source.shape[from]!;
  target.fine[to] = source.fine[from]!;
  target.coarse[to] = source.coarse[from]!;
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

// The templates fall into four groups by what they read, so that the tagger
// can score the first three once per word type (see WordTypeScores): a
// sum of integer weights is exact in any order, so the grouping changes no
// score. Training reads all four through taggerFeatures.

/** Templates of word i itself: its form, its hint and whether it opens the sentence (15 keys). */
function ownKeys(a: WordAtoms, i: number, out: Int32Array, k: number): number {
  const B = BASE;
  const w = a.lower[i]!;
  const hint = a.hint[i]!;
  const first = i === 0 ? 1 : 0;
  out[k++] = B[1]!;
  out[k++] = B[2]! ^ w;
  out[k++] = B[3]! ^ a.suffix1[i]!;
  out[k++] = B[4]! ^ a.suffix2[i]!;
  out[k++] = B[5]! ^ a.suffix3[i]!;
  out[k++] = B[6]! ^ a.suffix4[i]!;
  out[k++] = B[7]! ^ a.prefix1[i]!;
  out[k++] = B[8]! ^ a.prefix2[i]!;
  out[k++] = B[9]! ^ a.shape[i]!;
  out[k++] = B[10]! ^ a.shape[i]! ^ Math.imul(first, K2);
  out[k++] = B[27]! ^ a.fine[i]!;
  out[k++] = B[32]! ^ hint;
  out[k++] = B[33]! ^ hint ^ Math.imul(w, K2);
  out[k++] = B[34]! ^ hint ^ Math.imul(a.suffix3[i]!, K2);
  out[k++] = B[37]! ^ hint ^ Math.imul(a.shape[i]!, K2) ^ Math.imul(first, K3);
  return k;
}

/** Templates of the word before word i alone (4 keys; START's when i is the first). */
function previousWordKeys(a: WordAtoms, i: number, out: Int32Array, k: number): number {
  const B = BASE;
  out[k++] = B[15]! ^ (i > 0 ? a.lower[i - 1]! : START);
  out[k++] = B[16]! ^ (i > 0 ? a.suffix3[i - 1]! : START);
  out[k++] = B[22]! ^ (i > 0 ? a.shape[i - 1]! : START);
  out[k++] = B[30]! ^ (i > 0 ? a.fine[i - 1]! : START);
  return k;
}

/** Templates of the word after word i alone (4 keys; END's when i is the last). */
function nextWordKeys(a: WordAtoms, n: number, i: number, out: Int32Array, k: number): number {
  const B = BASE;
  const next = i + 1 < n;
  out[k++] = B[18]! ^ (next ? a.lower[i + 1]! : END);
  out[k++] = B[19]! ^ (next ? a.suffix3[i + 1]! : END);
  out[k++] = B[21]! ^ (next ? a.shape[i + 1]! : END);
  out[k++] = B[29]! ^ (next ? a.fine[i + 1]! : END);
  return k;
}

/** Templates of the tags before word i, and of word pairs and words two away (14 keys). */
function contextKeys(a: WordAtoms, n: number, i: number, prev1: number, prev2: number, out: Int32Array, k: number): number {
  const B = BASE;
  const w = a.lower[i]!;
  const wPrev = i > 0 ? a.lower[i - 1]! : START;
  const wPrev2 = i > 1 ? a.lower[i - 2]! : START;
  const wNext = i + 1 < n ? a.lower[i + 1]! : END;
  const wNext2 = i + 2 < n ? a.lower[i + 2]! : END;
  const hint = a.hint[i]!;
  const hintPrev = i > 0 ? a.hint[i - 1]! : START;
  const hintNext = i + 1 < n ? a.hint[i + 1]! : END;
  out[k++] = B[11]! ^ prev1;
  out[k++] = B[12]! ^ prev1 ^ Math.imul(prev2, K2);
  out[k++] = B[13]! ^ prev1 ^ Math.imul(w, K2);
  out[k++] = B[14]! ^ prev1 ^ Math.imul(a.suffix3[i]!, K2);
  out[k++] = B[17]! ^ wPrev2;
  out[k++] = B[20]! ^ wNext2;
  out[k++] = B[23]! ^ wPrev ^ Math.imul(w, K2);
  out[k++] = B[24]! ^ w ^ Math.imul(wNext, K2);
  out[k++] = B[25]! ^ prev1 ^ Math.imul(w, K2) ^ Math.imul(wNext, K3);
  out[k++] = B[26]! ^ a.suffix2[i]! ^ Math.imul(wNext, K2);
  out[k++] = B[28]! ^ a.coarse[i]! ^ Math.imul(prev1, K2);
  out[k++] = B[31]! ^ a.coarse[i]! ^ Math.imul(i + 1 < n ? a.coarse[i + 1]! : END, K2);
  out[k++] = B[35]! ^ hintPrev ^ Math.imul(hint, K2) ^ Math.imul(hintNext, K3);
  out[k++] = B[36]! ^ hint ^ Math.imul(prev1, K2);
  return k;
}

/**
 * The tagger's features for word i given the tags before it; returns how
 * many keys were written. Shared by training and tagging, so they agree.
 */
export function taggerFeatures(a: WordAtoms, n: number, i: number, prev1: number, prev2: number, out: Int32Array): number {
  let k = ownKeys(a, i, out, 0);
  k = previousWordKeys(a, i, out, k);
  k = nextWordKeys(a, n, i, out, k);
  k = contextKeys(a, n, i, prev1, prev2, out, k);
  return finishKeys(out, k);
}

/** The tag before the sentence, as the tag-history features see it. */
export function startTag(tagCount: number): number {
  return tagCount;
}

/** How many word types a tagger keeps the scores of (see WordTypes): about 10 MB. Twice as many tagged the corpus
 * about 3% faster (the tagger alone) for 10 MB more in every coding thread. */
const DEFAULT_CACHED_TYPES = 8192;

/** The trained tagger: tag names, the weights, and the words tagged by lookup. */
export class Tagger {
  readonly tags: readonly string[];
  /** Per tag: its universal part of speech ("VERB" of "VERB VBD"). */
  readonly upos: readonly string[];
  private readonly weights: WeightTable;
  private readonly lookup: Map<string, number>;
  readonly clusters: ClusterLookup;
  private readonly types: WordTypes;
  private atoms: WordAtoms = allocateAtoms(64);
  /** Per word of the sentence: its type's id in `types`, and its hint's id (0 without hints). */
  private typeIds = new Int32Array(64);
  private hintIds = new Int32Array(64);
  private readonly keys = new Int32Array(TAGGER_TEMPLATES);
  private readonly scores: Float64Array;

  /** `cachedTypes`: how many word types to keep the scores of (tests make it small to exercise both paths). */
  constructor(tags: readonly string[], weights: WeightTable, lookup: Map<string, number>, clusters: ClusterLookup, cachedTypes = DEFAULT_CACHED_TYPES) {
    if (weights.classes !== tags.length) throw new Error(`the tagger's weights have ${weights.classes} classes for ${tags.length} tags`);
    this.tags = tags;
    this.upos = tags.map((t) => t.split(" ")[0]!);
    this.weights = weights;
    this.lookup = lookup;
    this.clusters = clusters;
    this.scores = new Float64Array(tags.length);
    this.types = new WordTypes(cachedTypes, weights, lookup, clusters);
  }

  /**
   * Tags a sentence's words into `out` (tag ids). `hints` are the universal
   * tags the pipeline's tokenizer (wink) gave the same words: the tagger
   * learnt when to trust them.
   */
  tag(forms: readonly string[], hints: readonly string[] | null, out: Uint8Array = new Uint8Array(forms.length)): Uint8Array {
    const n = forms.length;
    if (this.atoms.lower.length < n) {
      this.atoms = allocateAtoms(n * 2);
      this.typeIds = new Int32Array(n * 2);
      this.hintIds = new Int32Array(n * 2);
    }
    const a = this.atoms;
    const types = this.types;
    // a sentence with more words than the cache holds (a table read as one sentence) is scored feature by feature
    const cached = types.admit(n);
    for (let i = 0; i < n; i++) {
      if (cached) {
        const id = types.idOf(forms[i]!);
        this.typeIds[i] = id;
        copyFormAtoms(types.atoms, id, a, i);
      } else setFormAtoms(a, i, forms[i]!, this.clusters);
      const hintId = hints === null ? 0 : types.hintId(hints[i]!);
      this.hintIds[i] = hintId;
      a.hint[i] = types.hintHash(hintId);
    }
    const start = startTag(this.tags.length);
    let prev1 = start;
    let prev2 = start;
    const tagCount = this.tags.length;
    const scores = this.scores;
    const keys = this.keys;
    for (let i = 0; i < n; i++) {
      let t = cached ? types.lookupTag[this.typeIds[i]!]! : (this.lookup.get(forms[i]!) ?? -1);
      if (t < 0 || (hints !== null && this.upos[t] !== hints[i])) {
        let k: number;
        if (cached) {
          types.sumWordScores(a, n, i, this.typeIds, this.hintIds[i]!, scores);
          k = finishKeys(keys, contextKeys(a, n, i, prev1, prev2, keys, 0));
        } else {
          k = taggerFeatures(a, n, i, prev1, prev2, keys);
          scores.fill(0);
        }
        this.weights.score(keys, k, scores);
        t = argmax(scores, tagCount);
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

/**
 * The word types a tagger has met, each with its atoms, its lookup tag and
 * the scores of the templates that read it alone: as word i itself (with
 * one hint and place, the last it was scored with), as the word before and
 * as the word after. Tagging a word then sums three cached score vectors
 * and looks up only the 14 templates of tag history and word pairs, instead
 * of 37: the weight tables are megabytes, and their lookups miss the
 * processor's caches. Weights are integers and every partial sum stays far
 * below 2^24, so the Float32 vectors and the regrouped sums are exact: the
 * scores, and so the tags, are those of scoring every feature.
 *
 * When full, it is emptied before the next sentence (a simple bound on
 * memory; a text's frequent words come back at once).
 */
class WordTypes {
  readonly atoms: WordAtoms;
  /** Per type: the tag a frequent word is looked up as, or -1. */
  readonly lookupTag: Int16Array;
  private readonly ids = new Map<string, number>();
  private readonly capacity: number;
  private readonly classes: number;
  /** Per type, `classes` scores each; row `capacity` of `previous` is the sentence start's, of `next` its end's. */
  private readonly own: Float32Array;
  private readonly previous: Float32Array;
  private readonly next: Float32Array;
  /** Per type: which hint and place its `own` row was scored with (1 + hint id · 2 + first word; 0: not scored). */
  private readonly ownKey: Int32Array;
  /** Per type: bit 1 when its `previous` row is scored, bit 2 its `next` row. */
  private readonly scored: Uint8Array;
  /** Hints by id, hashed (id 0: no hint). */
  private readonly hintHashes: number[] = [NO_HINT];
  private readonly hintIds = new Map<string, number>();
  private readonly weights: WeightTable;
  private readonly lookup: ReadonlyMap<string, number>;
  private readonly clusters: ClusterLookup;
  private readonly keys = new Int32Array(TAGGER_TEMPLATES);
  private readonly sums: Float64Array;

  constructor(capacity: number, weights: WeightTable, lookup: ReadonlyMap<string, number>, clusters: ClusterLookup) {
    this.capacity = capacity;
    this.classes = weights.classes;
    this.weights = weights;
    this.lookup = lookup;
    this.clusters = clusters;
    this.atoms = allocateAtoms(capacity);
    this.lookupTag = new Int16Array(capacity);
    this.own = new Float32Array(capacity * this.classes);
    this.previous = new Float32Array((capacity + 1) * this.classes);
    this.next = new Float32Array((capacity + 1) * this.classes);
    this.ownKey = new Int32Array(capacity);
    this.scored = new Uint8Array(capacity);
    this.sums = new Float64Array(this.classes);
    // the sentence's start and end as neighbours (their keys read no atoms)
    this.store(this.previous, capacity, previousWordKeys(this.atoms, 0, this.keys, 0));
    this.store(this.next, capacity, nextWordKeys(this.atoms, 1, 0, this.keys, 0));
  }

  /** Makes room for a sentence of n words, emptying the cache if need be; false when n words cannot all be held. */
  admit(n: number): boolean {
    if (n > this.capacity) return false;
    if (this.ids.size + n > this.capacity) {
      this.ids.clear();
      this.ownKey.fill(0);
      this.scored.fill(0);
    }
    return true;
  }

  /** The id of a word form's type, adding it (admit() has made room). */
  idOf(form: string): number {
    let id = this.ids.get(form);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(form, id);
      setFormAtoms(this.atoms, id, form, this.clusters);
      this.lookupTag[id] = this.lookup.get(form) ?? -1;
    }
    return id;
  }

  /** A hint's id (from 1: 0 stands for no hint). */
  hintId(hint: string): number {
    let id = this.hintIds.get(hint);
    if (id === undefined) {
      id = this.hintHashes.length;
      this.hintHashes.push(hashString(hint));
      this.hintIds.set(hint, id);
    }
    return id;
  }

  hintHash(id: number): number {
    return this.hintHashes[id]!;
  }

  /**
   * Sets `scores` to the sum of word i's own templates and those of its
   * neighbours alone (ids: the sentence's type ids; `a`: its atoms, hints included).
   */
  sumWordScores(a: WordAtoms, n: number, i: number, ids: Int32Array, hintId: number, scores: Float64Array): void {
    const C = this.classes;
    const id = ids[i]!;
    const key = 1 + hintId * 2 + (i === 0 ? 1 : 0);
    if (this.ownKey[id] !== key) {
      this.store(this.own, id, ownKeys(a, i, this.keys, 0));
      this.ownKey[id] = key;
    }
    const before = i > 0 ? ids[i - 1]! : this.capacity;
    if (before < this.capacity && (this.scored[before]! & 1) === 0) {
      this.store(this.previous, before, previousWordKeys(a, i, this.keys, 0));
      this.scored[before] = this.scored[before]! | 1;
    }
    const after = i + 1 < n ? ids[i + 1]! : this.capacity;
    if (after < this.capacity && (this.scored[after]! & 2) === 0) {
      this.store(this.next, after, nextWordKeys(a, n, i, this.keys, 0));
      this.scored[after] = this.scored[after]! | 2;
    }
    const own = this.own;
    const previous = this.previous;
    const next = this.next;
    const o = id * C;
    const p = before * C;
    const x = after * C;
    for (let c = 0; c < C; c++) scores[c] = own[o + c]! + previous[p + c]! + next[x + c]!;
  }

  /** Scores the first k mixed keys (in this.keys) into row `row` of `table`. */
  private store(table: Float32Array, row: number, k: number): void {
    finishKeys(this.keys, k);
    const sums = this.sums;
    sums.fill(0);
    this.weights.score(this.keys, k, sums);
    table.set(sums, row * this.classes);
  }
}
