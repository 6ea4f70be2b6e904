// Codes the dev set (../shared/gold/dev/*.txt) and prints the scorer's report.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { toPlover } from "../src/export/plover.ts";
import { readInputs } from "../src/ingest/index.ts";
import { Coder } from "../src/pipeline.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const shared = resolve(root, "..", "shared");
const gold = join(shared, "gold", "dev");
if (!existsSync(gold)) {
  console.error(`score:dev: ${gold} not found; it needs ../shared beside the checkout`);
  process.exit(2);
}
// --data DIR codes with another data folder (a lexicon being edited); other arguments go to the scorer
const extra = process.argv.slice(2);
const dataAt = extra.indexOf("--data");
let dataDir: string | undefined;
if (dataAt >= 0) {
  dataDir = extra[dataAt + 1];
  if (!dataDir || !existsSync(dataDir)) {
    console.error(`score:dev: --data expects a data folder, got ${dataDir ?? "nothing"}`);
    process.exit(2);
  }
  extra.splice(dataAt, 2);
}
// --without date,publisher,title codes each text as if it came without that metadata: how readout fares on texts of
// publishers it does not know, undated or untitled
const withoutAt = extra.indexOf("--without");
const without = new Set<string>();
if (withoutAt >= 0) {
  for (const field of (extra[withoutAt + 1] ?? "").split(",").filter(Boolean)) without.add(field);
  const unknown = [...without].filter((f) => !["date", "publisher", "title"].includes(f));
  if (!without.size || unknown.length) {
    console.error(`score:dev: --without expects a comma-separated list of date, publisher, title; got ${extra[withoutAt + 1] ?? "nothing"}`);
    process.exit(2);
  }
  extra.splice(withoutAt, 2);
}
const coder = new Coder(dataDir ? { dataDir: resolve(dataDir) } : {});
const lines: string[] = [];
for await (const item of readInputs([gold])) {
  if (!item.ok) {
    console.error(item.error.message);
    continue;
  }
  const meta = item.doc.meta;
  if (without.has("date")) meta.storyDate = null;
  if (without.has("publisher")) meta.publisher = null;
  if (without.has("title")) meta.title = null;
  for (const r of toPlover(coder.code(item.doc))) lines.push(JSON.stringify(r));
}
const outFile = join(root, "out", without.size ? `dev-events-without-${[...without].sort().join("-")}.jsonl` : "dev-events.jsonl");
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join("\n") + "\n");
process.stdout.write(
  execFileSync(process.execPath, [join(shared, "tools", "score.mjs"), "--gold", gold, "--system", outFile, ...extra], { encoding: "utf8" }),
);
