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

// Keys combine their parts with distinct odd multipliers and one finishing
// avalanche: a few multiplications a key, so the ~130 keys of a parser
// decision cost little beside looking them up.

export function key1(template: number, a: number): number {
  return finish(Math.imul(template + 1, 0x9e3779b1) ^ a) || 1;
}

export function key2(template: number, a: number, b: number): number {
  return finish(Math.imul(template + 1, 0x9e3779b1) ^ a ^ Math.imul(b, 0x85ebca6b)) || 1;
}

export function key3(template: number, a: number, b: number, c: number): number {
  return finish(Math.imul(template + 1, 0x9e3779b1) ^ a ^ Math.imul(b, 0x85ebca6b) ^ Math.imul(c, 0xc2b2ae35)) || 1;
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
