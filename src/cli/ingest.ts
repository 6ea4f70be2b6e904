import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { listDirectory } from "../ingest/files.ts";
import { ingest, type IngestSummary } from "../store/ingest.ts";
import { redactTarget } from "../store/open.ts";
import { sharedSyntaxModelParts } from "../syntax/model.ts";
import { ProgressReporter } from "./progress.ts";
import { openDatabase } from "./store-commands.ts";

export interface IngestCommandOptions {
  db: string;
  workers?: number;
  batchSize?: number;
  date?: string;
  maxDocBytes?: number;
  progress?: boolean;
}

const int = (n: number) => n.toLocaleString("en-US");

/** How many documents the inputs hold, for the progress bar's share and ETA: a JSONL line or a file each (0: unknown, as for stdin). */
async function countDocuments(inputs: readonly string[]): Promise<number> {
  let total = 0;
  const countFile = async (path: string) => {
    if (extname(path).toLowerCase() !== ".jsonl") return 1;
    let lines = 0;
    let last = 10;
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      if (chunk.length) last = chunk[chunk.length - 1]!;
    }
    return lines + (last === 10 ? 0 : 1);
  };
  for (const input of inputs) {
    if (input === "-") return 0;
    try {
      const s = await stat(input);
      if (s.isFile()) total += await countFile(input);
      else if (s.isDirectory()) for (const e of await listDirectory(input)) if (!("error" in e)) total += await countFile(e.path);
    } catch {
      // reported by the reader
    }
  }
  return total;
}

/** `readout ingest`: codes inputs and stores them, with progress on stderr and a summary at the end. */
export async function ingestCommand(inputs: string[], opts: IngestCommandOptions, say: (line: string) => void): Promise<IngestSummary> {
  // a missing or damaged syntax model is one clear line here, before any coding thread trips over it (and the model
  // loaded is the one copy the coding threads share)
  sharedSyntaxModelParts();
  const store = await openDatabase(opts.db, "write");
  try {
    const reporter = opts.progress === false ? null : new ProgressReporter(process.stderr, await countDocuments(inputs));
    const summary = await ingest(inputs, store, {
      workers: opts.workers,
      batchSize: opts.batchSize,
      defaultDate: opts.date ?? null,
      maxDocBytes: opts.maxDocBytes,
      onProgress: (p) => reporter?.update(p),
      warn: (line) => {
        reporter?.clear();
        say(line);
      },
    });
    const skipped = [...summary.skipped.values()].reduce((a, b) => a + b, 0);
    const reasons = [...summary.skipped.entries()].map(([why, n]) => `${int(n)} ${why}`).join(", ");
    const secs = summary.elapsedMs / 1000;
    const coded = summary.new + summary.replaced;
    say(
      `ingested into ${redactTarget(opts.db)} in ${secs.toFixed(1)} s: ${int(summary.new)} new, ${int(summary.replaced)} replaced, ${int(summary.unchanged)} unchanged, ` +
        `${int(skipped)} skipped${reasons ? ` (${reasons})` : ""}; ${int(summary.events)} events stored` +
        (coded ? `; ${int(Math.round(coded / Math.max(secs, 1e-3)))} documents/s` : ""),
    );
    return summary;
  } finally {
    await store.close();
  }
}
