/**
 * Scores the committed syntax model: the UD English Web Treebank test file
 * (parsed from its gold words, tagged by readout's own tagger), readout's
 * diplomatic sentences (test/fixtures/syntax/diplomatic.jsonl), tokenized
 * and read as the coder reads them, and readout's own held-out treebank of
 * news, press-conference and readout sentences
 * (test/fixtures/syntax/readout-news.conllu), from its gold words.
 *
 *   npm run score:parser [-- --model FILE] [--misses]
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type RoleCase, attachmentScores, roleScores } from "../src/nlp/syntax-eval.ts";
import { readConllu } from "../src/syntax/conllu.ts";
import { DEFAULT_SYNTAX_MODEL, loadSyntaxModel } from "../src/syntax/model.ts";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const at = args.indexOf("--model");
const model = loadSyntaxModel(at >= 0 ? args[at + 1] : DEFAULT_SYNTAX_MODEL);
const pct = (v: number) => v.toFixed(3);

const cases = readFileSync(resolve(root, "test/fixtures/syntax/diplomatic.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as RoleCase);
const roles = roleScores(model, cases);
console.log(`diplomatic sentences (${cases.length}, ${roles.total} roles of event verbs): ${pct(roles.right / roles.total)} found as expected`);
for (const [role, c] of roles.byRole) console.log(`  ${role.padEnd(10)} ${pct(c.right / c.total)}  (${c.right}/${c.total})`);
for (const [genre, c] of roles.byGenre) console.log(`  ${genre.padEnd(10)} ${pct(c.right / c.total)}  (${c.right}/${c.total})`);
if (args.includes("--misses")) for (const m of roles.misses) console.log(`  miss ${m}`);

// readout's own held-out treebank in the style of news wire, press conferences and readouts (never trained on)
const own = attachmentScores(model, readConllu(resolve(root, "test/fixtures/syntax/readout-news.conllu")));
console.log(`readout's own news and diplomatic treebank (held out): ${own.sentences} sentences, ${own.words} words, tags ${pct(own.tagAccuracy)}, UAS ${pct(own.uas)} LAS ${pct(own.las)}`);

const test = readConllu(resolve(root, "..", "shared", "ud", "en_ewt", "en_ewt-ud-test.conllu"));
const started = performance.now();
const scores = attachmentScores(model, test);
const seconds = (performance.now() - started) / 1000;
console.log(`EWT test: ${scores.words} words, tags ${pct(scores.tagAccuracy)} (UPOS+XPOS), ${Math.round(scores.words / seconds)} words/s tagged and parsed`);
for (const rel of ["nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "conj", "appos", "xcomp", "ccomp"]) {
  const r = scores.relations.get(rel);
  if (r) console.log(`  ${rel.padEnd(11)} F1 ${pct(r.f1)}  (P ${pct(r.precision)}, R ${pct(r.recall)}, ${r.gold} in gold)`);
}
console.log(`parser: UAS ${pct(scores.uas)} LAS ${pct(scores.las)} over ${scores.sentences} sentences`);
