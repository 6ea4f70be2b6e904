import { type Clusters, clusterLookup } from "./clusters.ts";
import type { TreebankSentence } from "./conllu.ts";
import { seededRandom } from "./hash.ts";
import { type ModelInfo, SyntaxModel } from "./model.ts";
import { LABEL_TEMPLATES, LEFT, MOVE_TEMPLATES, MOVES, ParseState, Parser, RIGHT, SHIFT, bestLabel, labelFeatures, moveFeatures } from "./parser.ts";
import { AveragedPerceptron, FeatureCounter, argmax } from "./perceptron.ts";
import { type ClusterLookup, TAGGER_TEMPLATES, Tagger, startTag, taggerFeatures, wordAtoms } from "./tagger.ts";

/**
 * Training the tagger and the parser on a treebank. Everything is seeded:
 * the same files, options and seed give the same model, byte for byte.
 */

export interface TrainOptions {
  seed: number;
  taggerEpochs: number;
  parserEpochs: number;
  /** Folds for jackknifed training tags. */
  folds: number;
  /** Averaged weights smaller than this are dropped from the model. */
  prune: number;
  /**
   * The relation tables also drop weights smaller than this share of their
   * largest: most of their weights never change a relation (1/32 of the
   * largest keeps test UAS and LAS, for a third fewer weights to add).
   */
  labelPruneShare: number;
  /** Parser features seen fewer times than this in the training file's gold derivations get no weight. */
  minFeatureCount: number;
  /** The same for the tagger's features. */
  taggerMinFeatureCount: number;
  /**
   * When set, the dev file only chooses the numbers of epochs (of the tagger
   * and of the parser, by early stopping as without it), and the model kept is
   * then trained afresh on the training and dev files together for those
   * numbers of epochs, its parser on jackknifed tags of both. Off: over parser
   * seeds 1/2/3 it moved EWT test UAS 0.8480 -> 0.8474 and LAS 0.8113 -> 0.8135
   * (means), within what the seed alone moves (scripts/screen-parser.ts --with-dev).
   */
  retrainWithDev?: boolean;
  log: (line: string) => void;
}

/** The treebank's tag of a word: its UPOS and XPOS together ("VERB VBD"). */
export function tagOf(s: TreebankSentence, i: number): string {
  return `${s.upos[i]} ${s.xpos[i]}`;
}

export interface TaggerTraining {
  tags: string[];
  index: Map<string, number>;
}

export function tagSet(sentences: TreebankSentence[]): TaggerTraining {
  const set = new Set<string>();
  for (const s of sentences) for (let i = 0; i < s.form.length; i++) set.add(tagOf(s, i));
  const tags = [...set].sort();
  if (tags.length > 250) throw new Error(`${tags.length} tags; the model format allows 250`);
  return { tags, index: new Map(tags.map((t, i) => [t, i])) };
}

/** Words seen at least 20 times with one tag at least 97% of the time are tagged by lookup. */
function unambiguousWords(sentences: TreebankSentence[], index: Map<string, number>): Map<string, number> {
  const counts = new Map<string, Map<number, number>>();
  for (const s of sentences) {
    for (let i = 0; i < s.form.length; i++) {
      let m = counts.get(s.form[i]!);
      if (!m) counts.set(s.form[i]!, (m = new Map()));
      const t = index.get(tagOf(s, i))!;
      m.set(t, (m.get(t) ?? 0) + 1);
    }
  }
  const lookup = new Map<string, number>();
  for (const [word, m] of counts) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [t, c] of m) {
      total += c;
      if (c > bestCount || (c === bestCount && t < best)) {
        best = t;
        bestCount = c;
      }
    }
    if (total >= 20 && bestCount / total >= 0.97) lookup.set(word, best);
  }
  return lookup;
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Trains a tagger for a fixed number of epochs, or with early stopping on `dev` when given (returns the best epoch). */
export function trainTagger(
  train: TreebankSentence[],
  set: TaggerTraining,
  clusters: ClusterLookup,
  epochs: number,
  seed: number,
  prune: number,
  minFeatureCount: number,
  dev?: TreebankSentence[],
  log?: (line: string) => void,
): { tagger: Tagger; epochs: number; accuracy: number } {
  const lookup = unambiguousWords(train, set.index);
  const upos = set.tags.map((t) => t.split(" ")[0]!);
  const keys = new Int32Array(TAGGER_TEMPLATES);
  const scores = new Float64Array(set.tags.length);
  const start = startTag(set.tags.length);
  // the frequency cut-off: features with the gold tags before each word, counted once
  const counts = new FeatureCounter();
  if (minFeatureCount > 1) {
    for (const s of train) {
      const atoms = wordAtoms(s.form, clusters, s.hint ?? null);
      for (let i = 0; i < s.form.length; i++) {
        const prev1 = i > 0 ? set.index.get(tagOf(s, i - 1))! : start;
        const prev2 = i > 1 ? set.index.get(tagOf(s, i - 2))! : start;
        counts.add(keys, taggerFeatures(atoms, s.form.length, i, prev1, prev2, keys));
      }
    }
  }
  const model = new AveragedPerceptron(set.tags.length, minFeatureCount > 1 ? counts.atLeast(minFeatureCount) : null);
  const random = seededRandom(seed);
  let best: { tagger: Tagger; epochs: number; accuracy: number } | null = null;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const si of shuffled(train.length, random)) {
      const s = train[si]!;
      const n = s.form.length;
      const hints = s.hint ?? null;
      const atoms = wordAtoms(s.form, clusters, hints);
      let prev1 = start;
      let prev2 = start;
      for (let i = 0; i < n; i++) {
        const truth = set.index.get(tagOf(s, i))!;
        let guess = lookup.get(s.form[i]!);
        if (guess === undefined || (hints !== null && upos[guess] !== hints[i])) {
          const k = taggerFeatures(atoms, n, i, prev1, prev2, keys);
          scores.fill(0);
          model.score(keys, k, scores);
          guess = argmax(scores, set.tags.length);
          model.update(keys, k, truth, guess);
          model.tick();
        }
        prev2 = prev1;
        prev1 = guess;
      }
    }
    if (dev || epoch === epochs) {
      const tagger = new Tagger(set.tags, model.freeze(prune), lookup, clusters);
      const accuracy = dev ? tagAccuracy(tagger, dev) : Number.NaN;
      log?.(dev ? `tagger epoch ${epoch}: dev accuracy ${accuracy.toFixed(4)}` : `tagger: ${epoch} epochs`);
      if (!best || !dev || accuracy > best.accuracy) best = { tagger, epochs: epoch, accuracy };
    }
  }
  return best!;
}

export function tagAccuracy(tagger: Tagger, sentences: TreebankSentence[]): number {
  let right = 0;
  let total = 0;
  for (const s of sentences) {
    const tags = tagger.tag(s.form, s.hint ?? null);
    for (let i = 0; i < s.form.length; i++) {
      total++;
      if (tagger.tags[tags[i]!] === tagOf(s, i)) right++;
    }
  }
  return right / total;
}

/** A sentence ready for the parser: atoms, predicted tags, gold tree (root = n). */
interface ParserExample {
  lower: Int32Array;
  fine: Int32Array;
  coarse: Int32Array;
  tags: Uint8Array;
  head: Int32Array;
  label: Int32Array;
}

function parserExamples(
  sentences: TreebankSentence[],
  clusters: ClusterLookup,
  tagsOf: (s: TreebankSentence, index: number) => ArrayLike<number>,
  labelIndex: Map<string, number>,
): ParserExample[] {
  return sentences.map((s, index) => {
    const n = s.form.length;
    const atoms = wordAtoms(s.form, clusters, s.hint ?? null);
    const tags = tagsOf(s, index);
    return {
      lower: atoms.lower.slice(0, n),
      fine: atoms.fine.slice(0, n),
      coarse: atoms.coarse.slice(0, n),
      tags: Uint8Array.from({ length: n }, (_, i) => tags[i]!),
      head: Int32Array.from(s.head, (h) => (h < 0 ? n : h)),
      label: Int32Array.from(s.deprel, (d) => labelIndex.get(d) ?? labelIndex.get("dep")!),
    };
  });
}

/**
 * Trains the whole model: tagger (early-stopped on dev), jackknifed training
 * tags, parser (early-stopped on dev). With `retrainWithDev`, those runs only
 * choose the numbers of epochs: the tagger and the parser kept are trained
 * again, for as many epochs, on the training and dev sentences together (the
 * dev file's 2,000 sentences are a sixth more to learn from; early stopping
 * keeps its meaning, since the epochs are still the dev file's choice).
 */
export function trainSyntaxModel(train: TreebankSentence[], dev: TreebankSentence[], clusters: Clusters, options: TrainOptions, trainedOn: string): SyntaxModel {
  const lookup = clusterLookup(clusters);
  const { log } = options;
  const set = tagSet(train);
  log(`${train.length} training sentences, ${set.tags.length} tags`);
  const full = trainTagger(train, set, lookup, options.taggerEpochs, options.seed, options.prune, options.taggerMinFeatureCount, dev, log);
  log(`tagger: best dev accuracy ${full.accuracy.toFixed(4)} after ${full.epochs} epochs`);
  const predicted = jackknifedTags(train, set, lookup, full.epochs, options);
  const devTags = dev.map((s) => full.tagger.tag(s.form, s.hint ?? null));
  const parser = trainParserOn(train, predicted, dev, devTags, lookup, set.tags.length, options);
  const info: ModelInfo = {
    trainedOn,
    seed: options.seed,
    epochs: { tagger: full.epochs, parser: parser.epochs },
    dev: { tagAccuracy: round(full.accuracy), uas: round(parser.uas), las: round(parser.las) },
  };
  if (!options.retrainWithDev) return new SyntaxModel(full.tagger, parser.parser, clusters, info);
  log(`parser: best dev LAS ${parser.las.toFixed(4)} after ${parser.epochs} epochs; retraining both on training + dev sentences for those epochs`);
  const all = [...train, ...dev];
  const final = retrainedWithDev(all, lookup, full.epochs, parser.epochs, options);
  info.retrainedWithDev = { sentences: all.length, note: "dev figures are those of the models trained without the dev file, which chose the epochs" };
  return new SyntaxModel(final.tagger, final.parser, clusters, info);
}

/**
 * The tagger and parser trained on `all` (training + dev sentences) for
 * epochs chosen beforehand on dev: no early stopping, the last epoch's
 * averaged weights kept. The parser learns from jackknifed tags of `all`.
 */
export function retrainedWithDev(
  all: TreebankSentence[],
  lookup: ClusterLookup,
  taggerEpochs: number,
  parserEpochs: number,
  options: TrainOptions,
): { tagger: Tagger; parser: Parser; tags: Uint8Array[] } {
  const set = tagSet(all);
  const { tagger } = trainTagger(all, set, lookup, taggerEpochs, options.seed, options.prune, options.taggerMinFeatureCount, undefined, options.log);
  const tags = jackknifedTags(all, set, lookup, taggerEpochs, options);
  const { parser } = trainParserOn(all, tags, [], [], lookup, set.tags.length, { ...options, parserEpochs });
  return { tagger, parser, tags };
}

/**
 * Jackknifing: each fold of the training file is tagged by a tagger that
 * never saw it, so the parser trains on tags as wrong as at run time.
 * Contiguous folds keep a document's sentences together, so a fold's words
 * are as new to its tagger as a test text's.
 */
export function jackknifedTags(train: TreebankSentence[], set: TaggerTraining, lookup: ClusterLookup, epochs: number, options: TrainOptions): Uint8Array[] {
  const predicted: Uint8Array[] = new Array(train.length);
  for (let fold = 0; fold < options.folds; fold++) {
    const from = Math.floor((fold * train.length) / options.folds);
    const to = Math.floor(((fold + 1) * train.length) / options.folds);
    const rest = [...train.slice(0, from), ...train.slice(to)];
    const { tagger } = trainTagger(rest, set, lookup, epochs, options.seed + fold + 1, options.prune, options.taggerMinFeatureCount);
    let right = 0;
    let total = 0;
    for (let i = from; i < to; i++) {
      const s = train[i]!;
      predicted[i] = tagger.tag(s.form, s.hint ?? null);
      for (let w = 0; w < s.form.length; w++, total++) if (set.tags[predicted[i]![w]!] === tagOf(s, w)) right++;
    }
    options.log(`jackknife fold ${fold + 1}/${options.folds}: accuracy ${(right / total).toFixed(4)}`);
  }
  return predicted;
}

/** Trains the parser on sentences with the tags it will see (jackknifed for training, the tagger's for dev). */
export function trainParserOn(
  train: TreebankSentence[],
  trainTags: Uint8Array[],
  dev: TreebankSentence[],
  devTags: Uint8Array[],
  lookup: ClusterLookup,
  tagCount: number,
  options: TrainOptions,
): { parser: Parser; epochs: number; uas: number; las: number } {
  const labels = [...new Set(train.flatMap((s) => s.deprel))].sort();
  if (!labels.includes("dep")) labels.push("dep");
  if (labels.length > 255) throw new Error(`${labels.length} relations; the model format allows 255`);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const trainExamples = parserExamples(train, lookup, (_, i) => trainTags[i]!, labelIndex);
  const devExamples = parserExamples(dev, lookup, (_, i) => devTags[i]!, labelIndex);
  return trainParser(trainExamples, devExamples, labels, tagCount, options, options.log);
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}

/** Moves' costs under the dynamic oracle of arc-hybrid: how many gold arcs each would make unreachable. */
function moveCosts(s: ParseState, gold: Int32Array, costs: Int32Array): void {
  const n = s.n;
  const d = s.depth;
  const b0 = s.b0;
  const s0 = d > 0 ? s.stack[d - 1]! : -1;
  const s1 = d > 1 ? s.stack[d - 2]! : -1;
  let s0DepsInBuffer = 0;
  if (s0 >= 0) for (let j = b0; j < n; j++) if (gold[j] === s0) s0DepsInBuffer++;
  if (s.valid(SHIFT)) {
    let c = 0;
    for (let i = 0; i < d; i++) {
      const x = s.stack[i]!;
      if (i < d - 1 && gold[b0] === x) c++;
      if (gold[x] === b0) c++;
    }
    if (gold[b0] === n && d > 0) c++;
    costs[SHIFT] = c;
  } else costs[SHIFT] = -1;
  if (s.valid(LEFT)) {
    const g = gold[s0]!;
    costs[LEFT] = s0DepsInBuffer + (g !== b0 && (g === s1 || g > b0) ? 1 : 0);
  } else costs[LEFT] = -1;
  if (s.valid(RIGHT)) {
    const g = gold[s0]!;
    costs[RIGHT] = s0DepsInBuffer + (g !== s1 && g >= b0 ? 1 : 0);
  } else costs[RIGHT] = -1;
}

function trainParser(
  train: ParserExample[],
  dev: ParserExample[],
  labels: string[],
  tagCount: number,
  options: TrainOptions,
  log: (line: string) => void,
): { parser: Parser; epochs: number; uas: number; las: number } {
  const L = labels.length;
  const rootLabel = labels.indexOf("root");
  const noneTag = tagCount + 1;
  const noneLabel = L;
  const moveKeys = new Int32Array(MOVE_TEMPLATES);
  const labelKeys = new Int32Array(LABEL_TEMPLATES);
  const moveScores = new Float64Array(MOVES);
  const labelScores = new Float64Array(L);
  const costs = new Int32Array(MOVES);
  let state = new ParseState();
  const load = (ex: ParserExample) => {
    const n = ex.lower.length;
    if (state.capacity < n) state = new ParseState(n * 2);
    state.words.set(ex.lower);
    state.clusters.set(ex.fine);
    state.coarse.set(ex.coarse);
    state.tags.set(ex.tags);
    state.reset(n, tagCount);
    return n;
  };

  // the frequency cut-off: features of the gold derivations, counted once
  const moveCounts = new FeatureCounter();
  const labelCounts = [new FeatureCounter(), new FeatureCounter()]; // left arcs, right arcs
  for (const ex of train) {
    const n = load(ex);
    while (!state.terminal()) {
      moveCounts.add(moveKeys, moveFeatures(state, noneTag, noneLabel, moveKeys));
      moveCosts(state, ex.head, costs);
      let move = -1;
      for (let m = 0; m < MOVES; m++) if (costs[m]! >= 0 && (move < 0 || costs[m]! < costs[move]!)) move = m;
      let label = 0;
      if (move !== SHIFT) {
        const dependent = state.stack[state.depth - 1]!;
        const head = move === LEFT ? state.b0 : state.stack[state.depth - 2]!;
        label = head === n ? rootLabel : ex.label[dependent]!;
        if (head !== n) labelCounts[dependent < head ? 0 : 1]!.add(labelKeys, labelFeatures(state, head, dependent, noneTag, noneLabel, labelKeys));
      }
      state.apply(move, label);
    }
  }
  const moves = new AveragedPerceptron(MOVES, options.minFeatureCount > 1 ? moveCounts.atLeast(options.minFeatureCount) : null);
  const labelers = labelCounts.map((c) => new AveragedPerceptron(L, options.minFeatureCount > 1 ? c.atLeast(options.minFeatureCount) : null));
  const random = seededRandom(options.seed * 7919 + 17);
  let best: { parser: Parser; epochs: number; uas: number; las: number } | null = null;
  let sinceBest = 0;
  for (let epoch = 1; epoch <= options.parserEpochs; epoch++) {
    const explore = epoch > 1;
    let correct = 0;
    let decisions = 0;
    for (const ei of shuffled(train.length, random)) {
      const ex = train[ei]!;
      const n = load(ex);
      while (!state.terminal()) {
        const k = moveFeatures(state, noneTag, noneLabel, moveKeys);
        moveScores.fill(0);
        moves.score(moveKeys, k, moveScores);
        moveCosts(state, ex.head, costs);
        let guess = -1;
        let minCost = Infinity;
        for (let m = 0; m < MOVES; m++) {
          if (costs[m]! < 0) continue;
          if (guess < 0 || moveScores[m]! > moveScores[guess]!) guess = m;
          if (costs[m]! < minCost) minCost = costs[m]!;
        }
        let oracle = -1;
        for (let m = 0; m < MOVES; m++) {
          if (costs[m] !== minCost) continue;
          if (oracle < 0 || moveScores[m]! > moveScores[oracle]!) oracle = m;
        }
        decisions++;
        if (costs[guess] === minCost) correct++;
        else moves.update(moveKeys, k, oracle, guess);
        moves.tick();
        const move = explore && random() < 0.9 ? guess : costs[guess] === minCost ? guess : oracle;
        let label = 0;
        if (move !== SHIFT) {
          const dependent = state.stack[state.depth - 1]!;
          const head = move === LEFT ? state.b0 : state.stack[state.depth - 2]!;
          if (head === n) label = rootLabel;
          else {
            const lk = labelFeatures(state, head, dependent, noneTag, noneLabel, labelKeys);
            const labeler = labelers[dependent < head ? 0 : 1]!;
            labelScores.fill(0);
            labeler.score(labelKeys, lk, labelScores);
            label = bestLabel(labelScores, L, rootLabel);
            if (ex.head[dependent] === head) {
              labeler.update(labelKeys, lk, ex.label[dependent]!, label);
              labeler.tick();
            }
          }
        }
        state.apply(move, label);
      }
    }
    // without dev sentences (a retraining for a number of epochs chosen before), only the last epoch's weights are kept
    if (dev.length === 0 && epoch < options.parserEpochs) {
      log(`parser epoch ${epoch}: train moves ${(correct / decisions).toFixed(4)}`);
      continue;
    }
    const parser = new Parser(labels, tagCount, moves.freeze(options.prune), labelers[0]!.freeze(options.prune, options.labelPruneShare), labelers[1]!.freeze(options.prune, options.labelPruneShare));
    if (dev.length === 0) return { parser, epochs: epoch, uas: Number.NaN, las: Number.NaN };
    const { uas, las } = attachmentScores(parser, dev);
    log(`parser epoch ${epoch}: train moves ${(correct / decisions).toFixed(4)}, dev UAS ${uas.toFixed(4)} LAS ${las.toFixed(4)}`);
    if (!best || las > best.las) {
      best = { parser, epochs: epoch, uas, las };
      sinceBest = 0;
    } else if (++sinceBest >= 3) break;
  }
  return best!;
}

function attachmentScores(parser: Parser, examples: ParserExample[]): { uas: number; las: number } {
  let total = 0;
  let unlabeled = 0;
  let labeled = 0;
  const head = new Int32Array(512);
  const rel = new Uint8Array(512);
  for (const ex of examples) {
    const n = ex.lower.length;
    const h = n > head.length ? new Int32Array(n) : head;
    const r = n > rel.length ? new Uint8Array(n) : rel;
    parser.parse(ex, ex.tags, n, h, r);
    for (let i = 0; i < n; i++) {
      total++;
      const gold = ex.head[i] === n ? -1 : ex.head[i];
      if (h[i] === gold) {
        unlabeled++;
        if (r[i] === ex.label[i]) labeled++;
      }
    }
  }
  return { uas: unlabeled / total, las: labeled / total };
}
