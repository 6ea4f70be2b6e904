/**
 * How often each trigger pattern fires in the corpus, and a sample of its hits:
 *
 *   npm run -s lexicon:fires -- [--every N] [--type TYPE] [--pattern "P"] [--samples K] [--data DIR] [--json] [files…]
 *
 * Codes every Nth document (default 5) of ../shared/corpus/*.jsonl (or the files
 * given) and counts, per lexicon pattern, the documents and events it coded. A
 * pattern that fires in no more than two documents is listed apart: it is no
 * mechanism (see the project's README). --pattern prints K hits of that pattern
 * (default 20), drawn evenly over the corpus, each with its sentence and roles,
 * for reading. --data codes with another data folder (a lexicon being edited).
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { posFits } from "../src/coding/lexicon.ts";
import type { CodedEvent, Doc } from "../src/doc/document.ts";
import { readInputs } from "../src/ingest/index.ts";
import { Coder } from "../src/pipeline.ts";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function fail(message: string): never {
  process.stderr.write(`lexicon:fires: ${message}\n`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      every: { type: "string", default: "5" },
      type: { type: "string" },
      pattern: { type: "string" },
      samples: { type: "string", default: "20" },
      data: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
} catch (e) {
  fail(`${(e as Error).message}; see the comment at the top of scripts/lexicon-fires.ts`);
}
const { values, positionals } = parsed;
const every = Number(values.every);
const samples = Number(values.samples);
if (!Number.isSafeInteger(every) || every < 1) fail(`--every expects a positive whole number, got ${values.every}`);
if (!Number.isSafeInteger(samples) || samples < 0) fail(`--samples expects a whole number, got ${values.samples}`);

const corpus = resolve(REPO, "../shared/corpus");
let files = positionals;
if (!files.length) {
  try {
    files = readdirSync(corpus).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(corpus, f));
  } catch {
    fail(`${corpus} not found; give corpus files, or put ../shared beside the checkout`);
  }
}

const coder = new Coder(values.data ? { dataDir: resolve(values.data) } : {});
interface Fires {
  type: string;
  pattern: string;
  pos: string;
  docs: number;
  events: number;
}
const fires = new Map<string, Fires>();
for (const list of coder.lexicon.byHead.values()) {
  for (const t of list) fires.set(`${t.type}\t${t.pattern}\t${t.pos}`, { type: t.type, pattern: t.pattern, pos: t.pos, docs: 0, events: 0 });
}
const hits: string[] = [];
let seen = 0;
let coded = 0;
for await (const item of readInputs(files)) {
  if (!item.ok) {
    process.stderr.write(`${item.error.message}\n`);
    continue;
  }
  if (seen++ % every !== 0) continue;
  coded++;
  const doc = coder.code(item.doc);
  const inDoc = new Set<string>();
  for (const e of doc.events) {
    // events the lexicon did not code directly (evaluations, modal demands, …) name their rule otherwise
    const key = triggerKey(doc, e);
    if (!key) continue;
    const f = fires.get(key)!;
    f.events++;
    if (!inDoc.has(key)) f.docs++, inDoc.add(key);
    if (values.pattern === f.pattern && (!values.type || values.type === f.type)) {
      const s = doc.sentences[e.sentence]!;
      const name = (p: { entity: number }) => doc.entities[p.entity]!.name ?? doc.entities[p.entity]!.code;
      hits.push(
        `${item.doc.id} ${e.type}(${e.actor.map(name).join("+")} -> ${e.recipient.map(name).join("+")}) «${doc.text.slice(e.trigger.start, e.trigger.end)}»\n    ${doc.text.slice(s.start, s.end).replace(/\s+/g, " ").slice(0, 400)}`,
      );
    }
  }
}

/** The fires key of the lexicon entry that coded event e, if one did (its rule is the pattern, its trigger starts at the head). */
function triggerKey(doc: Doc, e: CodedEvent): string | null {
  const s = doc.sentences[e.sentence]!;
  for (let t = s.tokenStart; t < s.tokenEnd; t++) {
    if (doc.tokens.start[t] !== e.trigger.start) continue;
    const entry = coder.lexicon.headedBy(doc.tokens, t)?.find((x) => x.pattern === e.rule && x.type === e.type && posFits(x, doc.tokens, t));
    return entry ? `${entry.type}\t${entry.pattern}\t${entry.pos}` : null;
  }
  return null;
}

const rows = [...fires.values()].filter((f) => !values.type || f.type === values.type);
if (values.json) {
  process.stdout.write(JSON.stringify({ documents: coded, every, patterns: rows }, null, 1) + "\n");
} else {
  process.stdout.write(`lexicon fires over ${coded} corpus documents (every ${every === 1 ? "one" : `${every}th`})\n\n`);
  const types = [...new Set(rows.map((r) => r.type))].sort();
  process.stdout.write(`${"type".padEnd(10)} ${"patterns".padStart(8)} ${"fire≥3".padStart(7)} ${"fire1-2".padStart(7)} ${"none".padStart(5)} ${"events".padStart(7)}\n`);
  for (const t of types) {
    const of = rows.filter((r) => r.type === t);
    const count = (p: (r: Fires) => boolean) => String(of.filter(p).length);
    const events = of.reduce((n, r) => n + r.events, 0);
    process.stdout.write(
      `${t.padEnd(10)} ${String(of.length).padStart(8)} ${count((r) => r.docs >= 3).padStart(7)} ${count((r) => r.docs > 0 && r.docs < 3).padStart(7)} ${count((r) => r.docs === 0).padStart(5)} ${String(events).padStart(7)}\n`,
    );
  }
  process.stdout.write("\ndocs  events  type       pattern (pos)\n");
  for (const r of rows.sort((a, b) => a.type.localeCompare(b.type) || b.docs - a.docs || a.pattern.localeCompare(b.pattern))) {
    process.stdout.write(`${String(r.docs).padStart(4)} ${String(r.events).padStart(7)}  ${r.type.padEnd(10)} ${r.pattern} (${r.pos})\n`);
  }
  if (values.pattern) {
    const step = Math.max(1, hits.length / Math.max(1, samples));
    process.stdout.write(`\n${hits.length} hits of "${values.pattern}"; ${Math.min(samples, hits.length)} of them:\n`);
    for (let i = 0; i < hits.length && i / step < samples; i += step) process.stdout.write(`  ${hits[Math.floor(i)]}\n`);
  }
}
