/**
 * Screens a change to the parser in 2-5 minutes instead of a full
 * retraining's 8-10: the tagger's share of `npm run train:parser` (word
 * clusters, the tagger, the ten jackknifed taggers, the tags of the dev
 * file) is done once and cached, and each later run trains only the parser
 * from the cached tags, printing its best dev epoch and UAS and LAS there:
 *
 *   node --max-old-space-size=8192 --import tsx scripts/screen-parser.ts [--cache DIR] [--seed N] [--refresh]
 *
 * Inputs and options are those of scripts/train-parser.ts (keep them in
 * step), so with unchanged code its figures are those of a full retraining
 * (the committed model's: dev UAS 0.8378, LAS 0.8007 after 8 epochs). Like
 * training, it leaves the test file alone. Other parser seeds (--seed) show
 * how much a figure moves by chance alone: dev UAS / LAS 0.8378 / 0.8007,
 * 0.8368 / 0.8002 and 0.8357 / 0.7989 at seeds 1, 2 and 3 (EWT test
 * 0.8498 / 0.8132, 0.8477 / 0.8107 and 0.8464 / 0.8100), as much as most
 * changes of features or training make. The cache (default
 * $TMPDIR/readout-screen) holds for the tagger and cluster code and data it
 * was made with: --refresh remakes it after changing them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { resolve } from "node:path";
import { tokenizerHints } from "../src/nlp/parse.ts";
import { type Clusters, DEFAULT_CLUSTER_OPTIONS, buildClusters, clusterLookup, roughWords } from "../src/syntax/clusters.ts";
import { readConllu } from "../src/syntax/conllu.ts";
import { type TrainOptions, jackknifedTags, tagSet, trainParserOn, trainTagger } from "../src/syntax/train.ts";

const SHARED = resolve(import.meta.dirname, "..", "..", "shared");
const UD = resolve(SHARED, "ud", "en_ewt");
const CORPUS = resolve(SHARED, "corpus");
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const cache = resolve(option("--cache", resolve(tmpdir(), "readout-screen")));
const seed = Number(option("--seed", "1"));
const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  ${line}`);
const options: TrainOptions = { seed, taggerEpochs: 12, parserEpochs: 20, folds: 10, prune: 0.05, labelPruneShare: 1 / 32, minFeatureCount: 5, taggerMinFeatureCount: 2, log };

const OWN = resolve(import.meta.dirname, "..", "data", "syntax", "readout-diplomatic.conllu");
const own = existsSync(OWN) ? readConllu(OWN) : [];
const train = [...readConllu(`${UD}/en_ewt-ud-train.conllu`), ...own, ...own];
const dev = readConllu(`${UD}/en_ewt-ud-dev.conllu`);
for (const s of [...train, ...dev]) s.hint = tokenizerHints(s.form);

interface Cached {
  clusters: { words: string[]; fine: number[]; coarse: number[]; fineCount: number; coarseCount: number };
  tagCount: number;
  train: number[][];
  dev: number[][];
}
const file = resolve(cache, "tags.json");
if (args.includes("--refresh") || !existsSync(file)) {
  // as scripts/train-parser.ts does at seed 1: clusters, tagger, jackknifed tags
  const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith(".jsonl")).sort();
  function* unlabelled(): Generator<readonly string[]> {
    for (const s of train) yield s.form;
    for (const name of corpusFiles) {
      for (const line of readFileSync(resolve(CORPUS, name), "utf8").split("\n")) {
        if (!line.trim()) continue;
        const doc = JSON.parse(line) as { title?: string; text?: string };
        yield roughWords(`${doc.title ?? ""}\n${doc.text ?? ""}`);
      }
    }
  }
  const clusters = buildClusters(unlabelled(), { ...DEFAULT_CLUSTER_OPTIONS, seed: 1 });
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
const result = trainParserOn(train, tags(cached.train), dev, tags(cached.dev), lookup, cached.tagCount, options);
log(
  `parser seed ${seed}: best epoch ${result.epochs}, dev UAS ${result.uas.toFixed(4)} LAS ${result.las.toFixed(4)}; move features ${result.parser.moveTable.features}, ` +
    `relation features ${result.parser.labelTables[0].features}+${result.parser.labelTables[1].features}`,
);
