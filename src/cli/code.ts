import { toPlover } from "../export/plover.ts";
import { tableHeader, tableRow } from "../export/table.ts";
import { readInputs } from "../ingest/index.ts";
import { Coder } from "../pipeline.ts";
import { withOutput } from "./output.ts";

export interface CodeCommandOptions {
  output?: string;
  format: "jsonl" | "table";
  date?: string;
  maxDocBytes?: number;
}

export interface CodeSummary {
  documents: number;
  events: number;
  skipped: number;
}

/** `readout code`: reads inputs, codes each document, writes one PLOVER record a line. */
export async function codeCommand(inputs: string[], opts: CodeCommandOptions, warn: (line: string) => void): Promise<CodeSummary> {
  const coder = new Coder();
  return withOutput(opts.output, (put) => codeAll(coder, inputs, opts, (line) => put(line + "\n"), warn));
}

async function codeAll(coder: Coder, inputs: string[], opts: CodeCommandOptions, write: (line: string) => Promise<void>, warn: (line: string) => void): Promise<CodeSummary> {
  const summary: CodeSummary = { documents: 0, events: 0, skipped: 0 };
  if (opts.format === "table") await write(tableHeader());
  for await (const item of readInputs(inputs, { defaultDate: opts.date ?? null, maxDocBytes: opts.maxDocBytes })) {
    if (!item.ok) {
      summary.skipped++;
      warn(item.error.message);
      continue;
    }
    for (const line of item.doc.warnings ?? []) warn(line);
    let records;
    try {
      records = toPlover(coder.code(item.doc));
    } catch (error) {
      // A bug in the coder must not lose the rest of the run; it is reported as one.
      summary.skipped++;
      warn(`${item.doc.origin}: internal error while coding (${(error as Error).message}); this is a bug in readout, please report it with the input`);
      continue;
    }
    summary.documents++;
    summary.events += records.length;
    for (const r of records) await write(opts.format === "table" ? tableRow(r) : JSON.stringify(r));
  }
  return summary;
}
