/**
 * Throughput of the tagger and the dependency parser alone, on one thread:
 *
 *   npm run bench:parser [-- --limit N] [--json] [--model FILE] [files…]
 *
 * Without files, reads every ../shared/corpus/*.jsonl (relative to the repo).
 * Documents are tokenized and split into sentences 100 at a time (not timed:
 * that is the tokenizer's cost, measured by bench/code-corpus.ts); then the
 * batch's sentences are all tagged, then all parsed, and only those two
 * passes are timed, each alone.
 * Also reports the model's load time and how much memory loading it and
 * parsing with it add.
 */
import { readdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readInputs } from "../src/index.ts";
import { tokenize } from "../src/nlp/tokenize.ts";
import { DEFAULT_SYNTAX_MODEL, loadSyntaxModel } from "../src/syntax/model.ts";
import type { ParserAtoms } from "../src/syntax/parser.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CORPUS = resolve(REPO, "../shared/corpus");
const MB = 1024 * 1024;

function usage(message: string): never {
  process.stderr.write(`parse-corpus: ${message}\nusage: npm run bench:parser -- [--limit N] [--json] [--model FILE] [files…]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let limit = Infinity;
let json = false;
let modelPath = DEFAULT_SYNTAX_MODEL;
const files: string[] = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i]!;
  if (a === "--json") json = true;
  else if (a === "--limit") {
    const n = Number(argv[++i]);
    if (!Number.isSafeInteger(n) || n <= 0) usage(`--limit expects a positive whole number, got ${argv[i] ?? "nothing"}`);
    limit = n;
  } else if (a === "--model") {
    if (!argv[i + 1]) usage("--model expects a file");
    modelPath = argv[++i]!;
  } else if (a.startsWith("-")) usage(`unknown option ${a}`);
  else files.push(a);
}
if (files.length === 0) {
  const names = await readdir(DEFAULT_CORPUS).catch(() => usage(`no files given and ${DEFAULT_CORPUS} cannot be read`));
  files.push(...names.filter((n) => n.endsWith(".jsonl")).sort().map((n) => join(DEFAULT_CORPUS, n)));
}

// wink's model is loaded before the measurement, so the growth below is the syntax model's alone
tokenize("Warm-up.");
const rssBefore = process.memoryUsage().rss;
const loadStart = performance.now();
const model = loadSyntaxModel(modelPath);
const loadMs = performance.now() - loadStart;
const rssAfterLoad = process.memoryUsage().rss;
let peakRss = rssAfterLoad;

let documents = 0;
let sentences = 0;
let tokens = 0;
let taggingMs = 0;
let parsingMs = 0;
let longest = 0;
let head = new Int32Array(1024);
let rel = new Uint8Array(1024);

// Documents are tokenized a batch at a time (not timed); then the batch's
// sentences are all tagged, then all parsed, each pass timed: each component
// is measured alone, with its own weights in the processor's caches. In the
// coder they alternate with each other and with every other stage, which
// bench/code-corpus.ts measures.
const BATCH = 100;
interface Pending {
  forms: string[];
  hints: string[];
}
let batch: Pending[] = [];
function runBatch(): void {
  const tagged: Array<{ atoms: ParserAtoms; tags: Uint8Array }> = [];
  for (const p of batch) {
    const t0 = performance.now();
    const tags = model.tagger.tag(p.forms, p.hints);
    taggingMs += performance.now() - t0;
    // the parser's copy of the atoms, not timed
    const n = p.forms.length;
    const a = model.tagger.lastAtoms;
    tagged.push({ atoms: { lower: a.lower.slice(0, n), fine: a.fine.slice(0, n), coarse: a.coarse.slice(0, n) }, tags });
  }
  const t0 = performance.now();
  for (const { atoms, tags } of tagged) {
    const n = tags.length;
    if (n > head.length) {
      head = new Int32Array(n * 2);
      rel = new Uint8Array(n * 2);
    }
    model.parser.parse(atoms, tags, n, head, rel);
  }
  parsingMs += performance.now() - t0;
  batch = [];
}

for await (const item of readInputs(files)) {
  if (!item.ok) continue;
  const doc = tokenize(item.doc.text);
  for (const s of doc.sentences) {
    const n = s.tokenEnd - s.tokenStart;
    if (n === 0) continue;
    batch.push({ forms: doc.tokens.text.slice(s.tokenStart, s.tokenEnd), hints: doc.tokens.pos.slice(s.tokenStart, s.tokenEnd) });
    sentences++;
    tokens += n;
    if (n > longest) longest = n;
  }
  documents++;
  if (documents % BATCH === 0) {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    runBatch();
  }
  if (documents >= limit) break;
}
runBatch();
peakRss = Math.max(peakRss, process.memoryUsage().rss);

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
const result = {
  files: files.map((f) => relative(process.cwd(), f) || f),
  node: process.version,
  model: relative(process.cwd(), modelPath) || modelPath,
  load_ms: Math.round(loadMs),
  load_rss_mb: Math.round((rssAfterLoad - rssBefore) / MB),
  rss_growth_mb: Math.round((peakRss - rssBefore) / MB),
  documents,
  sentences,
  tokens,
  longest_sentence: longest,
  tagger_tokens_per_s: rate(tokens, taggingMs),
  parser_tokens_per_s: rate(tokens, parsingMs),
  parser_sentences_per_s: rate(sentences, parsingMs),
  both_tokens_per_s: rate(tokens, taggingMs + parsingMs),
  both_sentences_per_s: rate(sentences, taggingMs + parsingMs),
};
if (json) process.stdout.write(JSON.stringify(result) + "\n");
else {
  const n = (x: number) => x.toLocaleString("en-US");
  process.stdout.write(
    [
      `inputs:           ${result.files.join(", ")}${Number.isFinite(limit) ? ` (first ${n(limit)} documents)` : ""}`,
      `node:             ${result.node}, one thread`,
      `model:            ${result.model}, loaded in ${result.load_ms} ms, ${result.load_rss_mb >= 0 ? "+" : "−"}${Math.abs(result.load_rss_mb)} MB RSS`,
      `memory growth:    ${result.rss_growth_mb} MB RSS at the peak (model and parsing, over wink's tokenizer)`,
      `parsed:           ${n(documents)} documents, ${n(sentences)} sentences, ${n(tokens)} tokens (longest sentence ${n(longest)})`,
      `tagger:           ${n(result.tagger_tokens_per_s)} tokens/s`,
      `parser:           ${n(result.parser_tokens_per_s)} tokens/s, ${n(result.parser_sentences_per_s)} sentences/s`,
      `tagger + parser:  ${n(result.both_tokens_per_s)} tokens/s, ${n(result.both_sentences_per_s)} sentences/s`,
    ].join("\n") + "\n",
  );
}
