/**
 * Trains readout's tagger and dependency parser and writes
 * data/syntax/en-ewt.model:
 *
 *   npm run train:parser [-- --seed N --out FILE]
 *
 * 1. word clusters from the words of the treebank's training file and of the
 *    diplomatic corpus beside the checkout (../shared/corpus, unlabelled);
 * 2. the tagger, early-stopped on the treebank's dev file;
 * 3. the parser on jackknifed tags, early-stopped on the dev file.
 * The same files and seed give the same model, byte for byte.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { DEFAULT_CLUSTER_OPTIONS, buildClusters, roughWords } from "../src/syntax/clusters.ts";
import { tokenizerHints } from "../src/nlp/parse.ts";
import { readConllu } from "../src/syntax/conllu.ts";
import { DEFAULT_SYNTAX_MODEL, writeSyntaxModel } from "../src/syntax/model.ts";
import { trainSyntaxModel } from "../src/syntax/train.ts";

const SHARED = resolve(import.meta.dirname, "..", "..", "shared");
const UD = resolve(SHARED, "ud", "en_ewt");
const CORPUS = resolve(SHARED, "corpus");
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const seed = Number(option("--seed", "1"));
const out = option("--out", DEFAULT_SYNTAX_MODEL);
const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s  ${line}`);

// readout's own sentences in the style of readouts, press conferences and wire copy (data/syntax/README.md),
// counted twice: the treebank has no such text, and these few hundred must weigh against 12,544 sentences of web text
const OWN = resolve(import.meta.dirname, "..", "data", "syntax", "readout-diplomatic.conllu");
const own = existsSync(OWN) ? readConllu(OWN) : [];
const train = [...readConllu(`${UD}/en_ewt-ud-train.conllu`), ...own, ...own];
const dev = readConllu(`${UD}/en_ewt-ud-dev.conllu`);
// the tags the pipeline's tokenizer gives the same words, which the tagger learns to weigh
for (const s of [...train, ...dev]) s.hint = tokenizerHints(s.form);
log(`tokenizer tags for ${train.length + dev.length} treebank sentences (${own.length} of readout's own, counted twice)`);

const corpusFiles = readdirSync(CORPUS).filter((f) => f.endsWith(".jsonl")).sort();
function* unlabelled(): Generator<readonly string[]> {
  for (const s of train) yield s.form;
  for (const file of corpusFiles) {
    for (const line of readFileSync(resolve(CORPUS, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line) as { title?: string; text?: string };
      yield roughWords(`${doc.title ?? ""}\n${doc.text ?? ""}`);
    }
  }
}
const clusters = buildClusters(unlabelled(), { ...DEFAULT_CLUSTER_OPTIONS, seed });
log(`${clusters.words.length} words in ${clusters.fineCount} clusters (${clusters.coarseCount} coarse), from the treebank and ${corpusFiles.length} corpus files`);

const model = trainSyntaxModel(
  train,
  dev,
  clusters,
  { seed, taggerEpochs: 12, parserEpochs: 20, folds: 10, prune: 0.05, labelPruneShare: 1 / 32, minFeatureCount: 5, taggerMinFeatureCount: 2, log },
  "Universal Dependencies English Web Treebank v2.15 (en_ewt-ud-train.conllu; early stopping on en_ewt-ud-dev.conllu)" +
    (own.length ? `, with ${own.length} sentences of readout's own (data/syntax/readout-diplomatic.conllu)` : "") +
    "; word clusters from the training sentences and readout's diplomatic corpus (../shared/corpus)",
);
const bytes = writeSyntaxModel(out, model);
log(`wrote ${out}: ${(bytes / 1e6).toFixed(1)} MB`);
