/**
 * Screens a change to the parser in 2-5 minutes instead of a full
 * retraining's 8-10: the tagger's share of `npm run train:parser` (word
 * clusters, the tagger, the ten jackknifed taggers, the tags of the dev
 * file) is done once and cached, and each later run trains only the parser
 * from the cached tags, printing its best dev epoch and UAS and LAS there:
 *
 *   node --max-old-space-size=8192 --import tsx scripts/screen-parser.ts [--cache DIR] [--seed N] [--refresh] [--test] [--with-dev EPOCHS]
 *
 * Inputs and options are those of scripts/train-parser.ts (both read
 * them from scripts/training-inputs.ts), so with unchanged code its figures are those of a full retraining
 * (the committed model's: dev UAS 0.8378, LAS 0.8007 after 8 epochs). Like
 * training, it leaves the test file alone. Other parser seeds (--seed) show
 * how much a figure moves by chance alone: dev UAS / LAS 0.8378 / 0.8007,
 * 0.8368 / 0.8002 and 0.8357 / 0.7989 at seeds 1, 2 and 3 (EWT test
 * 0.8498 / 0.8132, 0.8477 / 0.8107 and 0.8464 / 0.8100), as much as most
 * changes of features or training make. --test also prints the trained
 * parser's EWT test scores as `npm run score:parser` counts them (the
 * file's gold words with the cached tagger's tags): a change can move dev
 * and test apart; it also times the parser alone on the test file (best of
 * five passes, a rough speed to compare variants run on the same machine).
 * --with-dev EPOCHS screens TrainOptions.retrainWithDev instead: tagger and
 * parser trained on the training and dev files together (the parser for
 * EPOCHS epochs, the best dev epoch of a plain run at the same seed; the
 * tagger for the cached tagger's), scored on the test file only; the first
 * such run tags both files by jackknifing into the cache (about 9 minutes).
 * The cache (default
 * $TMPDIR/readout-screen) holds for the tagger and cluster code and data it
 * was made with: --refresh remakes it after changing them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { type Clusters, DEFAULT_CLUSTER_OPTIONS, buildClusters, clusterLookup } from "../src/syntax/clusters.ts";
import type { Parser } from "../src/syntax/parser.ts";
import { wordAtoms } from "../src/syntax/tagger.ts";
import { jackknifedTags, tagSet, trainParserOn, trainTagger } from "../src/syntax/train.ts";
import { option, testTreebank, timedLog, trainingOptions, treebank, unlabelled } from "./training-inputs.ts";

const args = process.argv.slice(2);
const cache = resolve(option("--cache", resolve(tmpdir(), "readout-screen")));
const seed = Number(option("--seed", "1"));
const log = timedLog();
const options = trainingOptions(seed, log);
const { train, dev } = treebank();
// the test file is tagged into the cache, and read only to print the screened parser's test scores (--test)
const test = testTreebank();

interface Cached {
  clusters: { words: string[]; fine: number[]; coarse: number[]; fineCount: number; coarseCount: number };
  tagCount: number;
  train: number[][];
  dev: number[][];
  /** The test file's tags (caches made before --test have none). */
  test?: number[][];
  /** The tagger's number of epochs, chosen on dev (caches made before --with-dev have none: give --tagger-epochs). */
  taggerEpochs?: number;
}
const file = resolve(cache, "tags.json");
if (args.includes("--refresh") || !existsSync(file)) {
  // as scripts/train-parser.ts does at seed 1: clusters, tagger, jackknifed tags
  const clusters = buildClusters(unlabelled(train), { ...DEFAULT_CLUSTER_OPTIONS, seed: 1 });
  const lookup = clusterLookup(clusters);
  const set = tagSet(train);
  const tagging = { ...options, seed: 1 };
  const full = trainTagger(train, set, lookup, tagging.taggerEpochs, 1, tagging.prune, tagging.taggerMinFeatureCount, dev, log);
  const predicted = jackknifedTags(train, set, lookup, full.epochs, tagging);
  const cached: Cached = {
    clusters: { ...clusters, fine: [...clusters.fine], coarse: [...clusters.coarse] },
    tagCount: set.tags.length,
    train: predicted.map((t) => [...t]),
    dev: dev.map((s) => [...full.tagger.tag(s.form, s.hint ?? null)]),
    test: test.map((s) => [...full.tagger.tag(s.form, s.hint ?? null)]),
    taggerEpochs: full.epochs,
  };
  mkdirSync(cache, { recursive: true });
  writeFileSync(file, JSON.stringify(cached));
  log(`cached the tagger's work in ${file}`);
}

const cached = JSON.parse(readFileSync(file, "utf8")) as Cached;
const c = cached.clusters;
const clusters: Clusters = { ...c, fine: Uint16Array.from(c.fine), coarse: Uint16Array.from(c.coarse) };
const lookup = clusterLookup(clusters);
const tags = (list: number[][]) => list.map((t) => Uint8Array.from(t));

// --with-dev EPOCHS: the final model of `retrainWithDev` (src/syntax/train.ts): tagger and parser trained on the
// training and dev sentences together, the parser for EPOCHS epochs (the best dev epoch of a screening run at the
// same seed); only the test file can score it. Its tags (tagger and jackknifing over both files) are cached apart.
if (args.includes("--with-dev")) {
  const epochs = Number(option("--with-dev", "0"));
  const taggerEpochs = cached.taggerEpochs ?? Number(option("--tagger-epochs", "0"));
  if (!(epochs > 0) || !(taggerEpochs > 0)) throw new Error("--with-dev needs a number of parser epochs (and --tagger-epochs for an older cache)");
  const all = [...train, ...dev];
  const withDevFile = resolve(cache, "tags-with-dev.json");
  if (args.includes("--refresh") || !existsSync(withDevFile)) {
    const set = tagSet(all);
    const tagging = { ...options, seed: 1 };
    const { tagger } = trainTagger(all, set, lookup, taggerEpochs, 1, tagging.prune, tagging.taggerMinFeatureCount, undefined, log);
    const predicted = jackknifedTags(all, set, lookup, taggerEpochs, tagging);
    const withDev = {
      tagCount: set.tags.length,
      all: predicted.map((t) => [...t]),
      test: test.map((s) => [...tagger.tag(s.form, s.hint ?? null)]),
    };
    writeFileSync(withDevFile, JSON.stringify(withDev));
    log(`cached the training + dev tagger's work in ${withDevFile}`);
  }
  const withDev = JSON.parse(readFileSync(withDevFile, "utf8")) as { tagCount: number; all: number[][]; test: number[][] };
  const { parser } = trainParserOn(all, tags(withDev.all), [], [], lookup, withDev.tagCount, { ...options, parserEpochs: epochs });
  const { uas, las } = testScores(parser, withDev.test);
  log(`parser seed ${seed}, trained on training + dev for ${epochs} epochs: EWT test UAS ${uas.toFixed(4)} LAS ${las.toFixed(4)}`);
  process.exit(0);
}
const result = trainParserOn(train, tags(cached.train), dev, tags(cached.dev), lookup, cached.tagCount, options);
log(
  `parser seed ${seed}: best epoch ${result.epochs}, dev UAS ${result.uas.toFixed(4)} LAS ${result.las.toFixed(4)}; move features ${result.parser.moveTable.features}, ` +
    `relation features ${result.parser.labelTables[0].features}+${result.parser.labelTables[1].features}`,
);

if (args.includes("--test")) {
  if (!cached.test) throw new Error(`${file} holds no test tags: remake it with --refresh`);
  const { uas, las } = testScores(result.parser, cached.test);
  log(`parser seed ${seed}: EWT test UAS ${uas.toFixed(4)} LAS ${las.toFixed(4)}`);
  // the parser alone on the test file's words (atoms and tags made beforehand), best of five passes: a rough speed to compare variants by
  const inputs = test.map((s, si) => ({ atoms: wordAtoms(s.form, lookup, null), tags: Uint8Array.from(cached.test![si]!), n: s.form.length }));
  const head = new Int32Array(1024);
  const rel = new Uint8Array(1024);
  let best = Infinity;
  let words = 0;
  for (let pass = 0; pass < 5; pass++) {
    const started = performance.now();
    words = 0;
    for (const x of inputs) {
      result.parser.parse(x.atoms, x.tags, x.n, head, rel);
      words += x.n;
    }
    best = Math.min(best, performance.now() - started);
  }
  log(`parser alone on the test file: ${Math.round(words / (best / 1000))} words/s (best of 5)`);
}

/** Attachment scores on the EWT test file as score:parser counts them: its gold words, the cached tagger's tags. */
function testScores(parser: Parser, tags: number[][]): { uas: number; las: number } {
  let words = 0;
  let unlabeled = 0;
  let labeled = 0;
  test.forEach((s, si) => {
    const n = s.form.length;
    const head = new Int32Array(n);
    const rel = new Uint8Array(n);
    parser.parse(wordAtoms(s.form, lookup, null), Uint8Array.from(tags[si]!), n, head, rel);
    for (let i = 0; i < n; i++) {
      words++;
      if (head[i] === s.head[i]) {
        unlabeled++;
        if (parser.labels[rel[i]!] === s.deprel[i]) labeled++;
      }
    }
  });
  return { uas: unlabeled / words, las: labeled / words };
}
