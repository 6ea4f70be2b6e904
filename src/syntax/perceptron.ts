/**
 * Linear models over hashed features: the averaged perceptron that training
 * uses, and the frozen, quantised table that tagging and parsing use.
 *
 * A feature is a 32-bit key (see hash.ts); a model maps it to a weight for
 * each of its classes. Perceptron weights are sparse (an update touches two
 * classes), so the frozen table keeps per feature only the classes it has a
 * weight for, packed as (class << 16 | int16 weight) in one Int32Array.
 */

/**
 * The frozen model: feature key → weights, found by open addressing in an
 * Int32Array of two words a slot, so that a table of a few hundred thousand
 * features stays within the processor's caches (a lookup that misses them
 * costs more than all the arithmetic of a decision).
 *
 * - With up to three classes (the parser's moves, looked up a hundred
 *   times a decision) a slot is one word: the key's high 8 bits and the
 *   three weights as 8-bit μ-law codes, [key8 << 24 | c2 << 16 | c1 << 8 | c0].
 *   The codes keep small weights fine and large ones coarse (a weight's
 *   relative error stays under 3%); they halve the table, and with it the
 *   cache misses, for 0.0006 of UAS. A key is told apart from others in its
 *   probe run by those 8 bits (an absent key matches a stranger's once in
 *   255 probes).
 * - With more classes (tags, relations) a slot holds the key and where its
 *   packed (class << 16 | int16 weight) entries start, with their count:
 *   [key, start << 8 | count].
 */
export class WeightTable {
  readonly classes: number;
  readonly features: number;
  private readonly slots: Int32Array;
  private readonly dense: boolean;
  private readonly mask: number;
  private readonly entries: Int32Array;
  /** The bits of the words score() touched ahead of reading them, kept only so that those loads are not optimised away. */
  touched = 0;
  /** Scratch for score(): where the entries of each key found start, with their count. */
  private found = new Int32Array(64);
  /** The feature keys in file order, and where each one's entries end. */
  readonly keys: Int32Array;
  readonly ends: Int32Array;

  /**
   * `shared`: the lookup table goes in a SharedArrayBuffer, as the arrays given should be, so that other threads can use
   * this table's memory instead of a copy each (see `parts`). `slots`: the lookup table `parts` gave, used as it is.
   */
  constructor(classes: number, keys: Int32Array, ends: Int32Array, entries: Int32Array, options: { shared?: boolean; slots?: Int32Array } = {}) {
    if (classes < 1 || classes > 0x7fff) throw new Error(`a weight table needs 1 to 32767 classes, got ${classes}`);
    if (ends.length !== keys.length) throw new Error("a weight table needs one entry end per key");
    if (entries.length >= 1 << 23) throw new Error(`a weight table holds at most ${1 << 23} weights`);
    this.classes = classes;
    this.features = keys.length;
    this.keys = keys;
    this.ends = ends;
    this.entries = entries;
    this.dense = classes <= 3;
    let capacity = 16;
    while (capacity < keys.length * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    const words = this.dense ? capacity : capacity * 2;
    if (options.slots) {
      if (options.slots.length !== words) throw new Error(`a weight table of ${keys.length} keys needs ${words} slot words, got ${options.slots.length}`);
      this.slots = options.slots;
      return;
    }
    for (let e = 0; e < entries.length; e++) {
      if (entries[e]! >>> 16 >= classes) throw new Error(`weight table entry ${e} names class ${entries[e]! >>> 16} of ${classes}`);
    }
    this.slots = buildSlots(this.dense, this.mask, keys, ends, entries, options.shared ? new Int32Array(new SharedArrayBuffer(words * 4)) : new Int32Array(words));
  }

  /** Adds the weights of the first `n` keys to `scores` (which the caller zeroes). */
  score(keys: Int32Array, n: number, scores: Float64Array): void {
    const slots = this.slots;
    const mask = this.mask;
    // Touch every key's home slot first: these loads do not depend on one
    // another or on any branch, so the processor issues them together and
    // the probing below finds them in the cache.
    let touched = 0;
    if (this.dense) {
      for (let i = 0; i < n; i++) touched |= slots[keys[i]! & mask]!;
      this.touched = touched;
      const decode = MU_LAW_DECODE;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const key = keys[i]!;
        const tag = denseTag(key);
        let slot = key & mask;
        let word = slots[slot]!;
        while (word >>> 24 !== tag) {
          if (word === 0) break;
          slot = (slot + 1) & mask;
          word = slots[slot]!;
        }
        if (word === 0) continue;
        s0 += decode[word & 0xff]!;
        s1 += decode[(word >>> 8) & 0xff]!;
        s2 += decode[(word >>> 16) & 0xff]!;
      }
      scores[0] = scores[0]! + s0;
      if (this.classes > 1) scores[1] = scores[1]! + s1;
      if (this.classes > 2) scores[2] = scores[2]! + s2;
      return;
    }
    for (let i = 0; i < n; i++) touched |= slots[(keys[i]! & mask) * 2]!;
    // Then find each key's entries and touch their first word, again before
    // reading any of them, so that those loads too go out together.
    const entries = this.entries;
    if (this.found.length < n) this.found = new Int32Array(n);
    const found = this.found;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      let slot = key & mask;
      let k = slots[slot * 2]!;
      while (k !== key) {
        if (k === 0) break;
        slot = (slot + 1) & mask;
        k = slots[slot * 2]!;
      }
      if (k === 0) continue;
      const at = slots[slot * 2 + 1]!;
      found[m++] = at;
      touched |= entries[at >>> 8]!;
    }
    this.touched = touched;
    for (let j = 0; j < m; j++) {
      const at = found[j]!;
      const from = at >>> 8;
      const end = from + (at & 0xff);
      for (let e = from; e < end; e++) {
        const packed = entries[e]!;
        const cls = packed >>> 16;
        scores[cls] = scores[cls]! + ((packed << 16) >> 16);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** Its arrays, for another thread to make the same table over them with `fromParts` (shared, if it was made so). */
  parts(): WeightTableParts {
    return { classes: this.classes, keys: this.keys, ends: this.ends, entries: this.entries, slots: this.slots };
  }

  /** The table `parts` came from, over the same arrays: nothing is copied or built again. */
  static fromParts(p: WeightTableParts): WeightTable {
    return new WeightTable(p.classes, p.keys, p.ends, p.entries, { slots: p.slots });
  }

  /** The packed entries, for writing a model file. */
  packedEntries(): Int32Array {
    return this.entries;
  }
}

/** Fills `slots` (empty, of the table's size) with the keys' weights, as WeightTable's comment lays them out. */
function buildSlots(dense: boolean, mask: number, keys: Int32Array, ends: Int32Array, entries: Int32Array, slots: Int32Array): Int32Array {
  // (the loops below run once per feature of a model loaded at start-up, so they allocate nothing and call nothing per feature)
  let start = 0;
  for (let f = 0; f < keys.length; f++) {
    const key = keys[f]!;
    const end = ends[f]!;
    if (key === 0 || end < start || end > entries.length || end - start > 255) throw new Error(`weight table entry ${f} is malformed`);
    let slot = key & mask;
    if (dense) {
      const tag = denseTag(key);
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      let w0 = 0;
      let w1 = 0;
      let w2 = 0;
      for (let e = start; e < end; e++) {
        const cls = entries[e]! >>> 16;
        const w = (entries[e]! << 16) >> 16;
        if (cls === 0) w0 = w;
        else if (cls === 1) w1 = w;
        else w2 = w;
      }
      slots[slot] = (tag << 24) | (muLaw(w2) << 16) | (muLaw(w1) << 8) | muLaw(w0);
    } else {
      while (slots[slot * 2] !== 0) {
        if (slots[slot * 2] === key) throw new Error(`weight table key ${key} occurs twice`);
        slot = (slot + 1) & mask;
      }
      slots[slot * 2] = key;
      slots[slot * 2 + 1] = (start << 8) | (end - start);
    }
    start = end;
  }
  return slots;
}

/** A weight table's arrays (`WeightTable.parts`). */
export interface WeightTableParts {
  classes: number;
  keys: Int32Array;
  ends: Int32Array;
  entries: Int32Array;
  slots: Int32Array;
}

/**
 * An averaged perceptron for training (Collins 2002), with the averaging
 * trick of Daumé (2006): beside the weights w it keeps u, the sum of each
 * update times the step it was made at, so the average is w − u / steps.
 */
export class AveragedPerceptron {
  readonly classes: number;
  private readonly index = new Map<number, number>();
  private w: Float32Array;
  private u: Float64Array;
  private used = 0;
  private step = 1;
  /** When set, only these keys get weights (a frequency cut-off decided before training). */
  private readonly allowed: ReadonlySet<number> | null;

  constructor(classes: number, allowed: ReadonlySet<number> | null = null) {
    this.classes = classes;
    this.allowed = allowed;
    this.w = new Float32Array(classes * 1024);
    this.u = new Float64Array(classes * 1024);
  }

  /** Adds the current (not averaged) weights of the first `n` keys to `scores`. */
  score(keys: Int32Array, n: number, scores: Float64Array): void {
    const c = this.classes;
    for (let i = 0; i < n; i++) {
      const f = this.index.get(keys[i]!);
      if (f === undefined) continue;
      const base = f * c;
      for (let k = 0; k < c; k++) scores[k] = scores[k]! + this.w[base + k]!;
    }
  }

  /** Moves the weights of the first `n` keys towards `truth` and away from `guess`. */
  update(keys: Int32Array, n: number, truth: number, guess: number): void {
    if (truth === guess) return;
    const c = this.classes;
    const step = this.step;
    for (let i = 0; i < n; i++) {
      if (this.allowed && !this.allowed.has(keys[i]!)) continue;
      const base = this.slot(keys[i]!) * c;
      this.w[base + truth] = this.w[base + truth]! + 1;
      this.u[base + truth] = this.u[base + truth]! + step;
      this.w[base + guess] = this.w[base + guess]! - 1;
      this.u[base + guess] = this.u[base + guess]! - step;
    }
  }

  /** Counts one training instance (call once per decision, updated or not). */
  tick(): void {
    this.step++;
  }

  /**
   * The averaged weights, frozen: rounded to int16 with a common scale
   * (scores only need their order), weights below `minWeight` after
   * averaging dropped, and those whose int16 value is below `minShare` of
   * the largest (which is scaled to 32000), features left without weights
   * dropped.
   */
  freeze(minWeight = 0, minShare = 0): WeightTable {
    const c = this.classes;
    const steps = this.step;
    let maxAbs = 0;
    const averaged = new Float64Array(this.used * c);
    for (let i = 0; i < this.used * c; i++) {
      const v = this.w[i]! - this.u[i]! / steps;
      averaged[i] = v;
      if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
    }
    const scale = maxAbs > 0 ? 32000 / maxAbs : 1;
    const threshold = Math.max(minWeight * scale, 0.5);
    const floor = Math.round(minShare * 32000);
    const order = [...this.index.entries()].sort((a, b) => a[0] - b[0]); // deterministic file order
    const keys: number[] = [];
    const ends: number[] = [];
    const entries: number[] = [];
    for (const [key, f] of order) {
      const before = entries.length;
      for (let k = 0; k < c; k++) {
        const v = averaged[f * c + k]! * scale;
        if (Math.abs(v) < threshold) continue;
        const q = Math.max(-32767, Math.min(32767, Math.round(v)));
        if (Math.abs(q) < floor) continue;
        entries.push((k << 16) | (q & 0xffff));
      }
      if (entries.length > before) {
        keys.push(key);
        ends.push(entries.length);
      }
    }
    return new WeightTable(c, Int32Array.from(keys), Int32Array.from(ends), Int32Array.from(entries));
  }

  private slot(key: number): number {
    let f = this.index.get(key);
    if (f !== undefined) return f;
    f = this.used++;
    this.index.set(key, f);
    if (this.used * this.classes > this.w.length) {
      const w = new Float32Array(this.w.length * 2);
      w.set(this.w);
      this.w = w;
      const u = new Float64Array(this.u.length * 2);
      u.set(this.u);
      this.u = u;
    }
    return f;
  }
}

/** The 16 bits a dense slot keeps of a key: the high half, never 0 (0 marks an empty slot). */
function denseTag(key: number): number {
  return key >>> 24 || 1;
}

/** μ of the 8-bit μ-law codes of the dense tables' weights (the telephone standard's 255). */
const MU = 255;
/** The int16 range the frozen weights are scaled to (see freeze). */
const WEIGHT_RANGE = 32767;

/** An int16 weight's 8-bit μ-law code: sign and a logarithmic magnitude in 0..127, as a byte. */
function muLaw(w: number): number {
  return MU_LAW_ENCODE[w + 32768]!;
}

/** The code of every int16 weight, worked out once (a model holds about a million weights to encode). */
const MU_LAW_ENCODE = new Uint8Array(65536);
for (let w = -32768; w < 32768; w++) {
  const y = Math.log1p((MU * Math.min(Math.abs(w), WEIGHT_RANGE)) / WEIGHT_RANGE) / Math.log1p(MU);
  MU_LAW_ENCODE[w + 32768] = (Math.sign(w) * Math.round(y * 127)) & 0xff;
}

/** Code → weight, indexed by the byte. */
const MU_LAW_DECODE = new Float64Array(256);
for (let c = 0; c < 256; c++) {
  const y = ((c << 24) >> 24) / 127;
  MU_LAW_DECODE[c] = (Math.sign(y) * (Math.pow(1 + MU, Math.abs(y)) - 1) * WEIGHT_RANGE) / MU;
}

/** The class with the highest score (ties to the lower class). */
export function argmax(scores: Float64Array, classes: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (scores[k]! > scores[best]!) best = k;
  return best;
}

/** Counts feature keys, to keep only those seen often enough to be trusted (a frequency cut-off). */
export class FeatureCounter {
  private readonly counts = new Map<number, number>();

  add(keys: Int32Array, n: number): void {
    for (let i = 0; i < n; i++) this.counts.set(keys[i]!, (this.counts.get(keys[i]!) ?? 0) + 1);
  }

  /** The keys seen at least `min` times. */
  atLeast(min: number): Set<number> {
    const out = new Set<number>();
    for (const [key, count] of this.counts) if (count >= min) out.add(key);
    return out;
  }
}
