/**
 * Throughput of the coder on a corpus, on one thread:
 *
 *   npx tsx bench/code-corpus.ts [--limit N] [--json] [--trace] [files…]
 *
 * Without files, codes every ../shared/corpus/*.jsonl (relative to the repo).
 * Documents are streamed through readInputs and Coder.code one at a time and
 * only counted, so memory stays flat however large the corpus is. One pass,
 * no warm-up: the figures include the JIT warming up, as a user's run would.
 * --trace names each document on stderr before coding it (written
 * synchronously), so a document that hangs the coder is the last line.
 */
import { writeSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshBuild } from "../bin/fresh-build.js";

// the built library (dist/, see scripts/build.mjs) when it is up to date, as `readout` runs it; else the sources
const built = freshBuild("index");
const { Coder, readInputs }: typeof import("../src/index.ts") = await import(built ?? "../src/index.ts");

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_CORPUS = resolve(REPO, "../shared/corpus");
const SAMPLE_MS = 100;
const MB = 1024 * 1024;

interface Args {
  limit: number;
  json: boolean;
  trace: boolean;
  files: string[];
}

function usage(message: string): never {
  process.stderr.write(`code-corpus: ${message}\nusage: npx tsx bench/code-corpus.ts [--limit N] [--json] [--trace] [files…]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Args {
  const args: Args = { limit: Infinity, json: false, trace: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") args.json = true;
    else if (a === "--trace") args.trace = true;
    else if (a === "--limit" || a.startsWith("--limit=")) {
      const value = a === "--limit" ? argv[++i] : a.slice("--limit=".length);
      const n = Number(value);
      if (value === undefined || !Number.isSafeInteger(n) || n <= 0) usage(`--limit expects a positive whole number, got ${value ?? "nothing"}`);
      args.limit = n;
    } else if (a === "--help" || a === "-h") usage("codes a corpus once and reports throughput and memory");
    else if (a.startsWith("-") && a !== "-") usage(`unknown option ${a}`);
    else args.files.push(a);
  }
  return args;
}

async function defaultFiles(): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(DEFAULT_CORPUS);
  } catch {
    usage(`no files given and ${DEFAULT_CORPUS} cannot be read`);
  }
  const files = names.filter((n) => n.endsWith(".jsonl")).sort().map((n) => join(DEFAULT_CORPUS, n));
  if (files.length === 0) usage(`no .jsonl files in ${DEFAULT_CORPUS}`);
  return files;
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const files = args.files.length > 0 ? args.files : await defaultFiles();

  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  sampler.unref();

  const loadStart = performance.now();
  const coder = new Coder();
  const loadMs = performance.now() - loadStart;
  sample();
  const rssAfterLoad = process.memoryUsage().rss;

  let documents = 0;
  let sentences = 0;
  let tokens = 0;
  let events = 0;
  let characters = 0;
  let inputErrors = 0;
  let coderErrors = 0;
  const firstCoderErrors: string[] = [];
  let codingMs = 0;
  let slowest = { doc: "", ms: 0 };
  const firstErrors: string[] = [];
  const publishers = new Map<string, number>();

  const runStart = performance.now();
  const cpuStart = process.cpuUsage();
  for await (const item of readInputs(files)) {
    if (!item.ok) {
      inputErrors++;
      if (firstErrors.length < 5) firstErrors.push(item.error.message);
      continue;
    }
    const source = item.doc;
    if (args.trace) writeSync(2, `> ${source.origin}\n`);
    const t0 = performance.now();
    let doc;
    try {
      doc = coder.code(source);
    } catch (error) {
      // As in `readout code`: a coder bug is reported and the run goes on.
      codingMs += performance.now() - t0;
      coderErrors++;
      if (firstCoderErrors.length < 5) firstCoderErrors.push(`${source.origin}: ${(error as Error).message}`);
      continue;
    }
    const ms = performance.now() - t0;
    codingMs += ms;
    if (ms > slowest.ms) slowest = { doc: source.origin, ms };
    documents++;
    sentences += doc.sentences.length;
    tokens += doc.tokens.count;
    events += doc.events.length;
    characters += source.text.length;
    const publisher = source.meta.publisher ?? "(no publisher)";
    publishers.set(publisher, (publishers.get(publisher) ?? 0) + 1);
    if (documents >= args.limit) break;
  }
  const wallMs = performance.now() - runStart;
  // (every thread's: V8 compiles and collects garbage on threads of its own besides the one that codes)
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  sample();

  const seconds = wallMs / 1000;
  const result = {
    files: files.map((f) => relative(process.cwd(), f) || f),
    limit: Number.isFinite(args.limit) ? args.limit : null,
    node: process.version,
    coder: built ? "dist/ (npm run build)" : "src/ through tsx (dist/ is missing or older than src/)",
    load_ms: round(loadMs),
    documents,
    sentences,
    tokens,
    characters,
    events,
    input_errors: inputErrors,
    coder_errors: coderErrors,
    wall_s: round(seconds, 2),
    coding_s: round(codingMs / 1000, 2),
    cpu_s: round((cpu.user + cpu.system) / 1e6, 2),
    cpu_user_s: round(cpu.user / 1e6, 2),
    cpu_system_s: round(cpu.system / 1e6, 2),
    documents_per_s: round(documents / seconds),
    sentences_per_s: round(sentences / seconds),
    tokens_per_s: round(tokens / seconds, 0),
    events_per_s: round(events / seconds),
    ms_per_document: documents ? round(wallMs / documents, 2) : null,
    slowest_document: slowest.doc ? { origin: slowest.doc, ms: round(slowest.ms) } : null,
    rss_after_load_mb: round(rssAfterLoad / MB),
    peak_rss_sampled_mb: round(peakRss / MB),
    max_rss_mb: round(process.resourceUsage().maxRSS / 1024), // maxRSS is in kilobytes
    publishers: Object.fromEntries([...publishers].sort((a, b) => b[1] - a[1])),
  };

  if (args.json) {
    process.stdout.write(JSON.stringify(result) + "\n");
    return;
  }
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    `inputs:          ${result.files.join(", ")}${result.limit ? ` (first ${n(result.limit)} documents)` : ""}`,
    `node:            ${result.node}, one thread`,
    `coder:           ${result.coder}`,
    `coder load:      ${result.load_ms} ms (RSS after load ${result.rss_after_load_mb} MB)`,
    `documents:       ${n(documents)}${inputErrors ? ` (${n(inputErrors)} inputs skipped with errors)` : ""}`,
    ...(coderErrors ? [`coder errors:    ${n(coderErrors)} documents failed in Coder.code (not counted)`] : []),
    `sentences:       ${n(sentences)}`,
    `tokens:          ${n(tokens)}`,
    `characters:      ${n(characters)}`,
    `events:          ${n(events)}`,
    `wall time:       ${result.wall_s} s (of which Coder.code ${result.coding_s} s; the rest is reading and parsing)`,
    `CPU time:        ${result.cpu_s} s (user ${result.cpu_user_s}, system ${result.cpu_system_s}; V8's compiler and collector threads included)`,
    `documents/s:     ${n(result.documents_per_s)}`,
    `sentences/s:     ${n(result.sentences_per_s)}`,
    `tokens/s:        ${n(result.tokens_per_s)}`,
    `events/s:        ${n(result.events_per_s)}`,
    `ms/document:     ${result.ms_per_document ?? "—"}`,
    `slowest doc:     ${result.slowest_document ? `${result.slowest_document.origin} (${result.slowest_document.ms} ms)` : "—"}`,
    `peak RSS:        ${result.peak_rss_sampled_mb} MB sampled every ${SAMPLE_MS} ms; maxRSS ${result.max_rss_mb} MB`,
    `publishers:`,
    ...Object.entries(result.publishers).map(([p, c]) => `  ${String(c).padStart(7)}  ${p}`),
    ...firstErrors.map((e, i) => (i === 0 ? `input errors (first ${firstErrors.length}):\n  ${e}` : `  ${e}`)),
    ...firstCoderErrors.map((e, i) => (i === 0 ? `coder errors (first ${firstCoderErrors.length}):\n  ${e}` : `  ${e}`)),
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

await main();
