import { K2 as HASH_K2, K3 as HASH_K3, TEMPLATE_BASE, finishKeys } from "./hash.ts";
// module-local copies of the key constants: an imported binding is re-read,
// with a check that it is initialised, at each of a hundred uses per decision
const BASE = TEMPLATE_BASE;
const K2 = HASH_K2;
const K3 = HASH_K3;
import type { WeightTable } from "./perceptron.ts";

/**
 * A greedy arc-hybrid dependency parser (Kuhlmann et al. 2011) scored by
 * averaged perceptrons over hashed feature templates (after Zhang & Nivre
 * 2011), trained with a dynamic oracle (Goldberg & Nivre 2013).
 *
 * The buffer ends in an artificial root (index n). Three moves:
 * SHIFT pushes the buffer's front; LEFT makes the front the head of the
 * stack's top and pops it; RIGHT makes the item below the top its head and
 * pops it. LEFT from the root is allowed only for the last item on the
 * stack, so every sentence gets exactly one root. One model chooses the
 * move, a second the relation of the arc it makes (per direction), which
 * keeps each decision to a few classes.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const MOVES = 3;

/** Sentinel atoms for positions outside the sentence and for the root. */
const NONE_WORD = 0x6e0e;
const ROOT_WORD = 0x7200;

/** The parse state of one sentence, in preallocated arrays reused from sentence to sentence. */
export class ParseState {
  n = 0;
  stack: Int32Array;
  depth = 0;
  /** Front of the buffer (n = the root). */
  b0 = 0;
  head: Int32Array;
  label: Int32Array;
  leftmost: Int32Array;
  leftmost2: Int32Array;
  rightmost: Int32Array;
  rightmost2: Int32Array;
  nLeft: Int32Array;
  nRight: Int32Array;
  leftLabelsLo: Int32Array;
  leftLabelsHi: Int32Array;
  rightLabelsLo: Int32Array;
  rightLabelsHi: Int32Array;
  /** Atoms per position 0..n (n: the root). */
  words: Int32Array;
  clusters: Int32Array;
  coarse: Int32Array;
  tags: Int32Array;

  constructor(capacity = 128) {
    this.stack = new Int32Array(capacity + 1);
    this.head = new Int32Array(capacity + 1);
    this.label = new Int32Array(capacity + 1);
    this.leftmost = new Int32Array(capacity + 1);
    this.leftmost2 = new Int32Array(capacity + 1);
    this.rightmost = new Int32Array(capacity + 1);
    this.rightmost2 = new Int32Array(capacity + 1);
    this.nLeft = new Int32Array(capacity + 1);
    this.nRight = new Int32Array(capacity + 1);
    this.leftLabelsLo = new Int32Array(capacity + 1);
    this.leftLabelsHi = new Int32Array(capacity + 1);
    this.rightLabelsLo = new Int32Array(capacity + 1);
    this.rightLabelsHi = new Int32Array(capacity + 1);
    this.words = new Int32Array(capacity + 1);
    this.clusters = new Int32Array(capacity + 1);
    this.coarse = new Int32Array(capacity + 1);
    this.tags = new Int32Array(capacity + 1);
  }

  get capacity(): number {
    return this.stack.length - 1;
  }

  /** Starts a sentence of n words; `words`, `clusters`, `coarse` and `tags` are filled by the caller for 0..n-1. */
  reset(n: number, rootTag: number): void {
    this.n = n;
    this.depth = 0;
    this.b0 = 0;
    const m = n + 1;
    this.head.fill(-1, 0, m);
    this.label.fill(-1, 0, m);
    this.leftmost.fill(-1, 0, m);
    this.leftmost2.fill(-1, 0, m);
    this.rightmost.fill(-1, 0, m);
    this.rightmost2.fill(-1, 0, m);
    this.nLeft.fill(0, 0, m);
    this.nRight.fill(0, 0, m);
    this.leftLabelsLo.fill(0, 0, m);
    this.leftLabelsHi.fill(0, 0, m);
    this.rightLabelsLo.fill(0, 0, m);
    this.rightLabelsHi.fill(0, 0, m);
    this.words[n] = ROOT_WORD;
    this.clusters[n] = ROOT_WORD;
    this.coarse[n] = ROOT_WORD;
    this.tags[n] = rootTag;
  }

  terminal(): boolean {
    return this.depth === 0 && this.b0 === this.n;
  }

  valid(move: number): boolean {
    if (move === SHIFT) return this.b0 < this.n;
    if (move === LEFT) return this.depth >= 1 && (this.b0 < this.n || this.depth === 1);
    return this.depth >= 2;
  }

  /**
   * The only valid move, or -1 when there is a choice: SHIFT on an empty
   * stack; once the buffer holds only the root, RIGHT until one item is
   * left and then LEFT (its arc from the root). Forced moves (about 7% of
   * them in diplomatic text) need no scoring.
   */
  forcedMove(): number {
    if (this.depth === 0) return SHIFT;
    if (this.b0 === this.n) return this.depth === 1 ? LEFT : RIGHT;
    return -1;
  }

  /** The valid move with the highest score (SHIFT, then LEFT, then RIGHT on ties). */
  bestMove(scores: Float64Array): number {
    let move = -1;
    let best = -Infinity;
    for (let m = 0; m < MOVES; m++) {
      if (scores[m]! > best && this.valid(m)) {
        best = scores[m]!;
        move = m;
      }
    }
    return move;
  }

  /** The set of relations of t's left (right) dependents so far, as one feature atom. */
  leftLabels(t: number): number {
    return this.leftLabelsLo[t]! * 31 + this.leftLabelsHi[t]!;
  }

  rightLabels(t: number): number {
    return this.rightLabelsLo[t]! * 31 + this.rightLabelsHi[t]!;
  }

  /** Applies a move; arcs get `label`. */
  apply(move: number, label: number): void {
    if (move === SHIFT) {
      this.stack[this.depth++] = this.b0++;
      return;
    }
    const dependent = this.stack[--this.depth]!;
    const head = move === LEFT ? this.b0 : this.stack[this.depth - 1]!;
    this.addArc(head, dependent, label);
  }

  private addArc(head: number, dependent: number, label: number): void {
    this.head[dependent] = head;
    this.label[dependent] = label;
    const bitLo = label < 31 ? 1 << label : 0;
    const bitHi = label >= 31 ? 1 << (label - 31) : 0;
    if (dependent < head) {
      if (this.leftmost[head]! < 0 || dependent < this.leftmost[head]!) {
        this.leftmost2[head] = this.leftmost[head]!;
        this.leftmost[head] = dependent;
      } else if (this.leftmost2[head]! < 0 || dependent < this.leftmost2[head]!) this.leftmost2[head] = dependent;
      this.nLeft[head] = this.nLeft[head]! + 1;
      this.leftLabelsLo[head] = this.leftLabelsLo[head]! | bitLo;
      this.leftLabelsHi[head] = this.leftLabelsHi[head]! | bitHi;
    } else {
      if (dependent > this.rightmost[head]!) {
        this.rightmost2[head] = this.rightmost[head]!;
        this.rightmost[head] = dependent;
      } else if (dependent > this.rightmost2[head]!) this.rightmost2[head] = dependent;
      this.nRight[head] = this.nRight[head]! + 1;
      this.rightLabelsLo[head] = this.rightLabelsLo[head]! | bitLo;
      this.rightLabelsHi[head] = this.rightLabelsHi[head]! | bitHi;
    }
  }
}

/** Feature-set identity: a model file names the templates it was trained with, and the code refuses any other. */
export const FEATURE_SET = "arc-hybrid/moves-86+labels-40x2/tagger-37/clusters/hints/mulhash/v6";

export const MOVE_TEMPLATES = 86;
export const LABEL_TEMPLATES = 40;

/**
 * The move model's features for a state. `noneTag` and `noneLabel` stand
 * for missing positions. Returns the number of keys written.
 */
export function moveFeatures(s: ParseState, noneTag: number, noneLabel: number, out: Int32Array): number {
  const B = BASE;
  const words = s.words;
  const tags = s.tags;
  const d = s.depth;
  const n = s.n;
  const s0 = d > 0 ? s.stack[d - 1]! : -1;
  const s1 = d > 1 ? s.stack[d - 2]! : -1;
  const s2 = d > 2 ? s.stack[d - 3]! : -1;
  const b0 = s.b0;
  const b1 = b0 + 1 < n ? b0 + 1 : -1;
  const b2 = b0 + 2 < n ? b0 + 2 : -1;

  const s0w = s0 >= 0 ? words[s0]! : NONE_WORD;
  const s0t = s0 >= 0 ? tags[s0]! : noneTag;
  const s1w = s1 >= 0 ? words[s1]! : NONE_WORD;
  const s1t = s1 >= 0 ? tags[s1]! : noneTag;
  const s2t = s2 >= 0 ? tags[s2]! : noneTag;
  const b0w = words[b0]!;
  const b0t = tags[b0]!;
  const b1w = b1 >= 0 ? words[b1]! : NONE_WORD;
  const b1t = b1 >= 0 ? tags[b1]! : noneTag;
  const b2t = b2 >= 0 ? tags[b2]! : noneTag;

  const s0l1 = s0 >= 0 ? s.leftmost[s0]! : -1;
  const s0l2 = s0 >= 0 ? s.leftmost2[s0]! : -1;
  const s0r1 = s0 >= 0 ? s.rightmost[s0]! : -1;
  const s0r2 = s0 >= 0 ? s.rightmost2[s0]! : -1;
  const b0l1 = s.leftmost[b0]!;
  const b0l2 = s.leftmost2[b0]!;
  const s1r1 = s1 >= 0 ? s.rightmost[s1]! : -1;

  const s0l1w = s0l1 >= 0 ? words[s0l1]! : NONE_WORD;
  const s0l1t = s0l1 >= 0 ? tags[s0l1]! : noneTag;
  const s0l1L = s0l1 >= 0 ? s.label[s0l1]! : noneLabel;
  const s0l2t = s0l2 >= 0 ? tags[s0l2]! : noneTag;
  const s0l2L = s0l2 >= 0 ? s.label[s0l2]! : noneLabel;
  const s0r1w = s0r1 >= 0 ? words[s0r1]! : NONE_WORD;
  const s0r1t = s0r1 >= 0 ? tags[s0r1]! : noneTag;
  const s0r1L = s0r1 >= 0 ? s.label[s0r1]! : noneLabel;
  const s0r2t = s0r2 >= 0 ? tags[s0r2]! : noneTag;
  const s0r2L = s0r2 >= 0 ? s.label[s0r2]! : noneLabel;
  const b0l1w = b0l1 >= 0 ? words[b0l1]! : NONE_WORD;
  const b0l1t = b0l1 >= 0 ? tags[b0l1]! : noneTag;
  const b0l1L = b0l1 >= 0 ? s.label[b0l1]! : noneLabel;
  const b0l2t = b0l2 >= 0 ? tags[b0l2]! : noneTag;
  const b0l2L = b0l2 >= 0 ? s.label[b0l2]! : noneLabel;
  const s1r1t = s1r1 >= 0 ? tags[s1r1]! : noneTag;
  const s1r1L = s1r1 >= 0 ? s.label[s1r1]! : noneLabel;

  const dist = s0 >= 0 ? Math.min(b0 - s0, 6) : 0;
  const dist2 = s1 >= 0 ? Math.min(s0 - s1, 6) : 0;
  const s0nl = s0 >= 0 ? s.nLeft[s0]! : 0;
  const s0nr = s0 >= 0 ? s.nRight[s0]! : 0;
  const b0nl = s.nLeft[b0]!;
  const s1nr = s1 >= 0 ? s.nRight[s1]! : 0;
  const s0ls = s0 >= 0 ? s.leftLabels(s0) : -1;
  const s0rs = s0 >= 0 ? s.rightLabels(s0) : -1;
  const b0ls = s.leftLabels(b0);

  const s0wt = s0w ^ (s0t << 24);
  const s1wt = s1w ^ (s1t << 24);

  let k = 0;
  out[k++] = B[0]! ^ 0;
  out[k++] = B[1]! ^ s0w;
  out[k++] = B[2]! ^ s0t;
  out[k++] = B[3]! ^ s0w ^ Math.imul(s0t, K2);
  out[k++] = B[4]! ^ s1w;
  out[k++] = B[5]! ^ s1t;
  out[k++] = B[6]! ^ s1w ^ Math.imul(s1t, K2);
  out[k++] = B[7]! ^ s2t;
  out[k++] = B[9]! ^ b0w;
  out[k++] = B[10]! ^ b0t;
  out[k++] = B[11]! ^ b0w ^ Math.imul(b0t, K2);
  out[k++] = B[12]! ^ b1w;
  out[k++] = B[13]! ^ b1t;
  out[k++] = B[14]! ^ b1w ^ Math.imul(b1t, K2);
  out[k++] = B[16]! ^ b2t;
  out[k++] = B[17]! ^ s0wt ^ Math.imul(b0w, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[18]! ^ s0w ^ Math.imul(s0t, K2) ^ Math.imul(b0w, K3);
  out[k++] = B[19]! ^ s0w ^ Math.imul(b0w, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[20]! ^ s0w ^ Math.imul(s0t, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[21]! ^ s0t ^ Math.imul(b0w, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[22]! ^ s0w ^ Math.imul(b0w, K2);
  out[k++] = B[23]! ^ s0t ^ Math.imul(b0t, K2);
  out[k++] = B[24]! ^ b0t ^ Math.imul(b1t, K2);
  out[k++] = B[25]! ^ s1wt ^ Math.imul(s0w, K2) ^ Math.imul(s0t, K3);
  out[k++] = B[26]! ^ s1w ^ Math.imul(s1t, K2) ^ Math.imul(s0t, K3);
  out[k++] = B[27]! ^ s1t ^ Math.imul(s0w, K2) ^ Math.imul(s0t, K3);
  out[k++] = B[28]! ^ s1w ^ Math.imul(s0w, K2);
  out[k++] = B[29]! ^ s1t ^ Math.imul(s0t, K2);
  out[k++] = B[30]! ^ b0t ^ Math.imul(b1t, K2) ^ Math.imul(b2t, K3);
  out[k++] = B[31]! ^ s0t ^ Math.imul(b0t, K2) ^ Math.imul(b1t, K3);
  out[k++] = B[32]! ^ s1t ^ Math.imul(s0t, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[33]! ^ s2t ^ Math.imul(s1t, K2) ^ Math.imul(s0t, K3);
  out[k++] = B[34]! ^ s0t ^ Math.imul(s0l1t, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[35]! ^ s0t ^ Math.imul(s0r1t, K2) ^ Math.imul(b0t, K3);
  out[k++] = B[36]! ^ s0t ^ Math.imul(b0t, K2) ^ Math.imul(b0l1t, K3);
  out[k++] = B[37]! ^ s0t ^ Math.imul(s0l1t, K2) ^ Math.imul(s0l2t, K3);
  out[k++] = B[38]! ^ s0t ^ Math.imul(s0r1t, K2) ^ Math.imul(s0r2t, K3);
  out[k++] = B[39]! ^ b0t ^ Math.imul(b0l1t, K2) ^ Math.imul(b0l2t, K3);
  out[k++] = B[40]! ^ s1t ^ Math.imul(s0t, K2) ^ Math.imul(s0l1t, K3);
  out[k++] = B[41]! ^ s1t ^ Math.imul(s1r1t, K2) ^ Math.imul(s0t, K3);
  out[k++] = B[42]! ^ s1t ^ Math.imul(s0t, K2) ^ Math.imul(s0r1t, K3);
  out[k++] = B[44]! ^ s0t ^ Math.imul(dist, K2);
  out[k++] = B[46]! ^ b0t ^ Math.imul(dist, K2);
  out[k++] = B[47]! ^ s0t ^ Math.imul(b0t, K2) ^ Math.imul(dist, K3);
  out[k++] = B[49]! ^ s1t ^ Math.imul(s0t, K2) ^ Math.imul(dist2, K3);
  out[k++] = B[52]! ^ s0t ^ Math.imul(s0nl, K2);
  out[k++] = B[54]! ^ s0t ^ Math.imul(s0nr, K2);
  out[k++] = B[56]! ^ b0t ^ Math.imul(b0nl, K2);
  out[k++] = B[57]! ^ s1t ^ Math.imul(s1nr, K2);
  out[k++] = B[59]! ^ s0l1w;
  out[k++] = B[60]! ^ s0l1t;
  out[k++] = B[61]! ^ s0l1L;
  out[k++] = B[62]! ^ s0r1w;
  out[k++] = B[63]! ^ s0r1t;
  out[k++] = B[64]! ^ s0r1L;
  out[k++] = B[65]! ^ b0l1w;
  out[k++] = B[66]! ^ b0l1t;
  out[k++] = B[67]! ^ b0l1L;
  out[k++] = B[68]! ^ s0l2t;
  out[k++] = B[69]! ^ s0l2L;
  out[k++] = B[70]! ^ s0r2t;
  out[k++] = B[71]! ^ s0r2L;
  out[k++] = B[72]! ^ b0l2t;
  out[k++] = B[73]! ^ b0l2L;
  out[k++] = B[74]! ^ s1r1t;
  out[k++] = B[75]! ^ s1r1L;
  out[k++] = B[76]! ^ s0t ^ Math.imul(s0l1L, K2) ^ Math.imul(s0l2L, K3);
  out[k++] = B[77]! ^ s0t ^ Math.imul(s0r1L, K2) ^ Math.imul(s0r2L, K3);
  out[k++] = B[78]! ^ b0t ^ Math.imul(b0l1L, K2) ^ Math.imul(b0l2L, K3);
  out[k++] = B[80]! ^ s0t ^ Math.imul(s0ls, K2);
  out[k++] = B[82]! ^ s0t ^ Math.imul(s0rs, K2);
  out[k++] = B[84]! ^ b0t ^ Math.imul(b0ls, K2);
  const cl = s.clusters;
  const s0c = s0 >= 0 ? cl[s0]! : NONE_WORD;
  const s1c = s1 >= 0 ? cl[s1]! : NONE_WORD;
  const b0c = cl[b0]!;
  const b1c = b1 >= 0 ? cl[b1]! : NONE_WORD;
  out[k++] = B[85]! ^ s0c;
  out[k++] = B[86]! ^ b0c;
  out[k++] = B[87]! ^ s1c;
  out[k++] = B[88]! ^ b1c;
  out[k++] = B[89]! ^ s0c ^ Math.imul(b0c, K2);
  out[k++] = B[90]! ^ s0c ^ Math.imul(b0t, K2);
  out[k++] = B[91]! ^ s0t ^ Math.imul(b0c, K2);
  out[k++] = B[92]! ^ s1c ^ Math.imul(s0c, K2);
  out[k++] = B[93]! ^ s1c ^ Math.imul(s0t, K2);
  out[k++] = B[94]! ^ s1t ^ Math.imul(s0c, K2);
  out[k++] = B[95]! ^ s0c ^ Math.imul(b0c, K2) ^ Math.imul(dist, K3);
  out[k++] = B[96]! ^ b0c ^ Math.imul(b1t, K2);
  const co = s.coarse;
  out[k++] = B[97]! ^ (s1 >= 0 ? co[s1]! : NONE_WORD) ^ Math.imul(s0 >= 0 ? co[s0]! : NONE_WORD, K2) ^ Math.imul(co[b0]!, K3);
  out[k++] = B[98]! ^ b0w ^ Math.imul(b1w, K2);
  return finishKeys(out, k);
}

/**
 * The label model's features for an arc from `head` to `dependent` (the
 * dependent's own dependents are all attached by then: arc-hybrid pops a
 * word only once it is complete).
 */
export function labelFeatures(s: ParseState, head: number, dependent: number, noneTag: number, noneLabel: number, out: Int32Array): number {
  const B = BASE;
  const words = s.words;
  const tags = s.tags;
  const n = s.n;
  const hw = words[head]!;
  const ht = tags[head]!;
  const dw = words[dependent]!;
  const dt = tags[dependent]!;
  const dl1 = s.leftmost[dependent]!;
  const dr1 = s.rightmost[dependent]!;
  const dl1w = dl1 >= 0 ? words[dl1]! : NONE_WORD;
  const dl1t = dl1 >= 0 ? tags[dl1]! : noneTag;
  const dl1L = dl1 >= 0 ? s.label[dl1]! : noneLabel;
  const dr1w = dr1 >= 0 ? words[dr1]! : NONE_WORD;
  const dr1t = dr1 >= 0 ? tags[dr1]! : noneTag;
  const hl1 = s.leftmost[head]!;
  const hl1t = hl1 >= 0 ? tags[hl1]! : noneTag;
  const prevT = dependent > 0 ? tags[dependent - 1]! : noneTag;
  const nextT = dependent + 1 < n ? tags[dependent + 1]! : noneTag;
  const prevW = dependent > 0 ? words[dependent - 1]! : NONE_WORD;
  const dist = Math.min(Math.abs(head - dependent), 8);
  const dls = s.leftLabels(dependent);
  const drs = s.rightLabels(dependent);
  const hls = s.leftLabels(head);
  const hrs = s.rightLabels(head);
  const root = head === n ? 1 : 0;
  let k = 0;
  out[k++] = B[100]! ^ root;
  out[k++] = B[101]! ^ hw;
  out[k++] = B[102]! ^ ht;
  out[k++] = B[103]! ^ hw ^ Math.imul(ht, K2);
  out[k++] = B[104]! ^ dw;
  out[k++] = B[105]! ^ dt;
  out[k++] = B[106]! ^ dw ^ Math.imul(dt, K2);
  out[k++] = B[107]! ^ ht ^ Math.imul(dt, K2);
  out[k++] = B[108]! ^ hw ^ Math.imul(ht, K2) ^ Math.imul(dt, K3);
  out[k++] = B[109]! ^ ht ^ Math.imul(dw, K2) ^ Math.imul(dt, K3);
  out[k++] = B[110]! ^ hw ^ Math.imul(dw, K2);
  out[k++] = B[111]! ^ ht ^ Math.imul(dt, K2) ^ Math.imul(dist, K3);
  out[k++] = B[112]! ^ dl1w ^ Math.imul(dt, K2);
  out[k++] = B[113]! ^ dl1w ^ Math.imul(dt, K2) ^ Math.imul(ht, K3);
  out[k++] = B[114]! ^ dl1t ^ Math.imul(dt, K2);
  out[k++] = B[115]! ^ dl1L ^ Math.imul(dt, K2) ^ Math.imul(ht, K3);
  out[k++] = B[116]! ^ dr1w ^ Math.imul(dt, K2);
  out[k++] = B[117]! ^ dr1t ^ Math.imul(dt, K2);
  out[k++] = B[118]! ^ dt ^ Math.imul(dls, K2);
  out[k++] = B[119]! ^ dt ^ Math.imul(drs, K2);
  out[k++] = B[120]! ^ ht ^ Math.imul(hls, K2) ^ Math.imul(dt, K3);
  out[k++] = B[121]! ^ ht ^ Math.imul(hrs, K2) ^ Math.imul(dt, K3);
  out[k++] = B[122]! ^ hw ^ Math.imul(hls, K2) ^ Math.imul(dt, K3);
  out[k++] = B[123]! ^ ht ^ Math.imul(hl1t, K2) ^ Math.imul(dt, K3);
  out[k++] = B[124]! ^ prevT ^ Math.imul(dt, K2) ^ Math.imul(ht, K3);
  out[k++] = B[125]! ^ dt ^ Math.imul(nextT, K2) ^ Math.imul(ht, K3);
  out[k++] = B[126]! ^ prevW ^ Math.imul(dt, K2);
  out[k++] = B[127]! ^ s.nLeft[dependent]! ^ Math.imul(s.nRight[dependent]!, K2) ^ Math.imul(dt, K3);
  out[k++] = B[128]! ^ dl1w ^ Math.imul(dw, K2) ^ Math.imul(dt, K3);
  out[k++] = B[129]! ^ hw ^ Math.imul(dl1w, K2) ^ Math.imul(dt, K3);
  out[k++] = B[130]! ^ dist ^ Math.imul(dt, K2) ^ Math.imul(dl1t, K3);
  out[k++] = B[131]! ^ dw ^ Math.imul(hw, K2) ^ Math.imul(ht, K3);
  out[k++] = B[132]! ^ ht ^ Math.imul(dt, K2) ^ Math.imul(dls, K3);
  out[k++] = B[133]! ^ dw ^ Math.imul(ht, K2);
  const hc = s.clusters[head]!;
  const dc = s.clusters[dependent]!;
  out[k++] = B[134]! ^ hc;
  out[k++] = B[135]! ^ dc;
  out[k++] = B[136]! ^ hc ^ Math.imul(dc, K2);
  out[k++] = B[137]! ^ dc ^ Math.imul(ht, K2);
  out[k++] = B[138]! ^ hc ^ Math.imul(dt, K2);
  out[k++] = B[139]! ^ dl1w ^ Math.imul(dc, K2) ^ Math.imul(ht, K3);
  return finishKeys(out, k);
}

/** What the parser reads of each word: the hash of its lower-cased form and its clusters. */
export interface ParserAtoms {
  lower: Int32Array;
  fine: Int32Array;
  coarse: Int32Array;
}

/** Scratch space and weights for parsing; one per thread. */
export class Parser {
  readonly labels: readonly string[];
  private readonly moves: WeightTable;
  /** Relations of arcs to a head on the right (LEFT moves) and on the left (RIGHT moves). */
  private readonly leftLabels: WeightTable;
  private readonly rightLabels: WeightTable;
  private readonly rootLabel: number;
  private readonly tagCount: number;
  private state = new ParseState();
  private readonly keys = new Int32Array(Math.max(MOVE_TEMPLATES, LABEL_TEMPLATES));
  private readonly moveScores = new Float64Array(MOVES);
  private readonly labelScores: Float64Array;

  constructor(labels: readonly string[], tagCount: number, moves: WeightTable, leftLabels: WeightTable, rightLabels: WeightTable) {
    if (moves.classes !== MOVES) throw new Error(`the move model has ${moves.classes} classes, expected ${MOVES}`);
    for (const t of [leftLabels, rightLabels]) if (t.classes !== labels.length) throw new Error(`a label model has ${t.classes} classes for ${labels.length} relations`);
    this.labels = labels;
    this.tagCount = tagCount;
    this.moves = moves;
    this.leftLabels = leftLabels;
    this.rightLabels = rightLabels;
    this.rootLabel = labels.indexOf("root");
    if (this.rootLabel < 0) throw new Error('the relation list has no "root"');
    this.labelScores = new Float64Array(labels.length);
  }

  /**
   * Parses a sentence from its word atoms (hashes of lower-cased forms and
   * clusters, as the tagger made them) and tag ids. Writes each word's head
   * (0-based; -1 for the root) and relation id from `offset` on.
   */
  parse(atoms: ParserAtoms, tags: Uint8Array, n: number, head: Int32Array, rel: Uint8Array, offset = 0): void {
    if (n === 0) return;
    if (this.state.capacity < n) this.state = new ParseState(Math.max(n, this.state.capacity * 2));
    const s = this.state;
    for (let i = 0; i < n; i++) {
      s.words[i] = atoms.lower[i]!;
      s.clusters[i] = atoms.fine[i]!;
      s.coarse[i] = atoms.coarse[i]!;
      s.tags[i] = tags[i]!;
    }
    const noneTag = this.tagCount + 1;
    const noneLabel = this.labels.length;
    s.reset(n, this.tagCount);
    const keys = this.keys;
    const scores = this.moveScores;
    while (!s.terminal()) {
      let move = s.forcedMove();
      if (move < 0) {
        const k = moveFeatures(s, noneTag, noneLabel, keys);
        scores[0] = 0;
        scores[1] = 0;
        scores[2] = 0;
        this.moves.score(keys, k, scores);
        move = s.bestMove(scores);
      }
      let label = 0;
      if (move !== SHIFT) {
        const dependent = s.stack[s.depth - 1]!;
        const h = move === LEFT ? s.b0 : s.stack[s.depth - 2]!;
        label = h === n ? this.rootLabel : this.predictLabel(s, h, dependent, noneTag, noneLabel);
      }
      s.apply(move, label);
    }
    for (let i = 0; i < n; i++) {
      const h = s.head[i]!;
      head[offset + i] = h === n ? -1 : h;
      rel[offset + i] = s.label[i]!;
    }
  }

  private predictLabel(s: ParseState, head: number, dependent: number, noneTag: number, noneLabel: number): number {
    const k = labelFeatures(s, head, dependent, noneTag, noneLabel, this.keys);
    const scores = this.labelScores;
    scores.fill(0);
    (dependent < head ? this.leftLabels : this.rightLabels).score(this.keys, k, scores);
    return bestLabel(scores, this.labels.length, this.rootLabel);
  }

  get moveTable(): WeightTable {
    return this.moves;
  }

  get labelTables(): [WeightTable, WeightTable] {
    return [this.leftLabels, this.rightLabels];
  }
}

/** The best relation for an arc; never "root" (only the artificial root's arc has it). */
export function bestLabel(scores: Float64Array, labelCount: number, rootLabel: number): number {
  let best = rootLabel === 0 ? 1 : 0;
  let bestScore = -Infinity;
  for (let l = 0; l < labelCount; l++) {
    if (l === rootLabel) continue;
    const v = scores[l]!;
    if (v > bestScore) {
      bestScore = v;
      best = l;
    }
  }
  return best;
}
