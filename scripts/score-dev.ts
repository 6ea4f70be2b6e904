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
const coder = new Coder(dataDir ? { dataDir: resolve(dataDir) } : {});
const lines: string[] = [];
for await (const item of readInputs([gold])) {
  if (!item.ok) {
    console.error(item.error.message);
    continue;
  }
  for (const r of toPlover(coder.code(item.doc))) lines.push(JSON.stringify(r));
}
const outFile = join(root, "out", "dev-events.jsonl");
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, lines.join("\n") + "\n");
process.stdout.write(
  execFileSync(process.execPath, [join(shared, "tools", "score.mjs"), "--gold", gold, "--system", outFile, ...extra], { encoding: "utf8" }),
);
