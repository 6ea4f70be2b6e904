/**
 * 32-bit integer hashing for feature keys: a template id and up to three
 * atom values (word hashes, tag ids, counts) fold into one key. Keys are
 * never 0, which marks an empty slot in the weight tables.
 */

/** FNV-1a over a string's UTF-16 code units, finished with an avalanche. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finish(h);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

// A feature key of template t over atoms a, b, c is
//
//   finish(TEMPLATE_BASE[t] ^ a ^ b·K2 ^ c·K3) || 1
//
// Feature functions write the mix inline (a call per key would exceed what
// V8 inlines into a function of a hundred templates, and a call costs more
// than the arithmetic) and finish all their keys in one loop at the end.

/** Per template id: its multiple of the golden ratio, the first part of every key of that template. */
export const TEMPLATE_BASE = Int32Array.from({ length: 256 }, (_, t) => Math.imul(t + 1, 0x9e3779b1));
export const K2 = 0x85ebca6b | 0;
export const K3 = 0xc2b2ae35 | 0;

/** Finishes the first n mixed keys in place (avalanche; 0 becomes 1, as 0 marks an empty slot); returns n. */
export function finishKeys(keys: Int32Array, n: number): number {
  for (let i = 0; i < n; i++) keys[i] = finish(keys[i]!) || 1;
  return n;
}

/** A small deterministic random source (mulberry32), for shuffling and exploration in training. */
export function seededRandom(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** hashString of s.slice(from, to), without making the slice. */
export function hashSlice(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return finish(h);
}
