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
import { DEFAULT_CLUSTER_OPTIONS, buildClusters } from "../src/syntax/clusters.ts";
import { DEFAULT_SYNTAX_MODEL, writeSyntaxModel } from "../src/syntax/model.ts";
import { trainSyntaxModel } from "../src/syntax/train.ts";
import { corpusFiles, option, timedLog, trainingOptions, treebank, unlabelled } from "./training-inputs.ts";

const seed = Number(option("--seed", "1"));
const out = option("--out", DEFAULT_SYNTAX_MODEL);
const log = timedLog();

const { train, dev, own } = treebank();
log(`tokenizer tags for ${train.length + dev.length} treebank sentences (${own.length} of readout's own, counted twice)`);

const clusters = buildClusters(unlabelled(train), { ...DEFAULT_CLUSTER_OPTIONS, seed });
log(`${clusters.words.length} words in ${clusters.fineCount} clusters (${clusters.coarseCount} coarse), from the treebank and ${corpusFiles().length} corpus files`);

const model = trainSyntaxModel(
  train,
  dev,
  clusters,
  trainingOptions(seed, log),
  "Universal Dependencies English Web Treebank v2.15 (en_ewt-ud-train.conllu; early stopping on en_ewt-ud-dev.conllu)" +
    (own.length ? `, with ${own.length} sentences of readout's own (data/syntax/readout-diplomatic.conllu)` : "") +
    "; word clusters from the training sentences and readout's diplomatic corpus (../shared/corpus)",
);
const bytes = writeSyntaxModel(out, model);
log(`wrote ${out}: ${(bytes / 1e6).toFixed(1)} MB`);
