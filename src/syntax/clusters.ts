import { seededRandom } from "./hash.ts";

/**
 * Word clusters: words that occur in the same contexts share a cluster, so
 * the tagger and parser can generalise from the treebank's words to words
 * it never saw (the role Brown clusters play in Koo et al. 2008). Built from
 * unlabelled text: each word's neighbours (two either side) among the most
 * frequent words, weighted by positive PMI, randomly projected to a few
 * dimensions, then grouped by spherical k-means into fine clusters, and the
 * fine clusters into coarse ones. Everything is seeded and deterministic.
 */

export interface Clusters {
  /** Words in order of frequency; `fine[i]`, `coarse[i]` are the clusters of words[i]. */
  words: string[];
  fine: Uint16Array;
  coarse: Uint16Array;
  fineCount: number;
  coarseCount: number;
}

export interface ClusterOptions {
  seed: number;
  /** Words seen fewer times get no cluster. */
  minCount: number;
  maxWords: number;
  /** How many of the most frequent words serve as contexts. */
  contexts: number;
  dimensions: number;
  fineCount: number;
  coarseCount: number;
  iterations: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  seed: 1,
  minCount: 5,
  maxWords: 40000,
  contexts: 800,
  dimensions: 96,
  fineCount: 384,
  coarseCount: 48,
  iterations: 12,
};

/** The form a word is clustered under: lower case, digits as 0 ("2023" → "0000"). */
export function clusterKey(form: string): string {
  let s = form.toLowerCase();
  if (/\d/.test(s)) s = s.replace(/\d/g, "0");
  return s;
}

/** Splits running text into words roughly as the pipeline's tokenizer does (for counting contexts only). */
export function roughWords(text: string): string[] {
  return text.match(/(?:\p{L}\.){2,}|['’]s\b|\p{L}+|\p{N}+(?:[.,:]\p{N}+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Builds clusters from texts given as word sequences (each one a document or sentence). */
export function buildClusters(texts: Iterable<readonly string[]>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): Clusters {
  // 1. vocabulary by frequency; every text is kept as ids for the second pass
  const counts = new Map<string, number>();
  const docs: string[][] = [];
  for (const words of texts) {
    const keys = words.map(clusterKey);
    docs.push(keys);
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const vocab = [...counts.entries()]
    .filter(([, c]) => c >= options.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.maxWords)
    .map(([w]) => w);
  const id = new Map(vocab.map((w, i) => [w, i]));
  const V = vocab.length;
  const C = Math.min(options.contexts, V);
  const dims = 4 * (C + 1); // four positions × (context word or "other")

  // 2. co-occurrence counts: word × (position, context word)
  const cooc = new Float32Array(V * dims);
  const contextTotals = new Float64Array(dims);
  const wordTotals = new Float64Array(V);
  for (const keys of docs) {
    const ids = keys.map((k) => id.get(k) ?? -1);
    for (let i = 0; i < ids.length; i++) {
      const w = ids[i]!;
      if (w < 0) continue;
      for (let p = 0; p < 4; p++) {
        const j = i + (p < 2 ? p - 2 : p - 1);
        if (j < 0 || j >= ids.length) continue;
        const c = ids[j]!;
        const dim = p * (C + 1) + (c >= 0 && c < C ? c : C);
        cooc[w * dims + dim]!++;
        contextTotals[dim]!++;
        wordTotals[w]!++;
      }
    }
  }
  let total = 0;
  for (let d = 0; d < dims; d++) total += contextTotals[d]!;

  // 3. positive PMI, projected onto random Gaussian directions, normalised
  const random = seededRandom(options.seed);
  const D = options.dimensions;
  const projection = new Float32Array(dims * D);
  for (let i = 0; i < projection.length; i++) projection[i] = gaussian(random);
  const vectors = new Float32Array(V * D);
  for (let w = 0; w < V; w++) {
    const out = w * D;
    for (let d = 0; d < dims; d++) {
      const n = cooc[w * dims + d]!;
      if (n === 0) continue;
      const pmi = Math.log((n * total) / (wordTotals[w]! * contextTotals[d]!));
      if (pmi <= 0) continue;
      const row = d * D;
      for (let k = 0; k < D; k++) vectors[out + k] = vectors[out + k]! + pmi * projection[row + k]!;
    }
    normalise(vectors, out, D);
  }

  // 4. spherical k-means: fine clusters over words (seeded with the most frequent words), coarse over fine centroids
  const fineCount = Math.min(options.fineCount, V);
  const fine = kmeans(vectors, V, D, fineCount, options.iterations, null);
  const coarseOfFine = kmeans(fine.centroids, fineCount, D, Math.min(options.coarseCount, fineCount), options.iterations, fine.sizes);
  const coarse = new Uint16Array(V);
  for (let w = 0; w < V; w++) coarse[w] = coarseOfFine.assignment[fine.assignment[w]!]!;
  return { words: vocab, fine: fine.assignment, coarse, fineCount, coarseCount: Math.min(options.coarseCount, fineCount) };
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function normalise(v: Float32Array, at: number, D: number): void {
  let norm = 0;
  for (let k = 0; k < D; k++) norm += v[at + k]! * v[at + k]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < D; k++) v[at + k] = v[at + k]! / norm;
}

/** Spherical k-means over n unit vectors, started from the first K (the most frequent words); `weights` count each vector that many times. */
function kmeans(vectors: Float32Array, n: number, D: number, K: number, iterations: number, weights: Uint32Array | null) {
  const centroids = new Float32Array(K * D);
  centroids.set(vectors.subarray(0, K * D));
  const assignment = new Uint16Array(n);
  const sizes = new Uint32Array(K);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestScore = -Infinity;
      const at = i * D;
      for (let c = 0; c < K; c++) {
        let dot = 0;
        const ct = c * D;
        for (let k = 0; k < D; k++) dot += vectors[at + k]! * centroids[ct + k]!;
        if (dot > bestScore) {
          bestScore = dot;
          best = c;
        }
      }
      assignment[i] = best;
    }
    const sums = new Float32Array(K * D);
    sizes.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      const weight = weights ? weights[i]! : 1;
      sizes[c] = sizes[c]! + weight;
      for (let k = 0; k < D; k++) sums[c * D + k] = sums[c * D + k]! + weight * vectors[i * D + k]!;
    }
    for (let c = 0; c < K; c++) {
      if (sizes[c] === 0) continue; // an empty cluster keeps its centroid
      centroids.set(sums.subarray(c * D, (c + 1) * D), c * D);
      normalise(centroids, c * D, D);
    }
  }
  return { assignment, centroids, sizes };
}

/** The tagger's view of clusters: word → fine cluster | coarse cluster << 16. */
export function clusterLookup(clusters: Clusters): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < clusters.words.length; i++) map.set(clusters.words[i]!, clusters.fine[i]! | (clusters.coarse[i]! << 16));
  return map;
}
