import { availableParallelism } from "node:os";
import type { SourceDocument } from "../doc/source.ts";
import { readInputs } from "../ingest/index.ts";
import { CoderPool, codingFailure } from "./coder-pool.ts";
import type { DocumentRecord, Store } from "./model.ts";
import { contentHash } from "./record.ts";

export interface IngestOptions {
  /** Coding threads (default: one per core). */
  workers?: number;
  /** Documents per database transaction (default 200). */
  batchSize?: number;
  defaultDate?: string | null;
  maxDocBytes?: number;
  /** Called after every document, and at the end with `done`. */
  onProgress?: (p: IngestProgress) => void;
  /** One line for each input or document that was skipped, and for each value of a stored one that was left out. */
  warn?: (line: string) => void;
  /** Heap limit of each coding thread, in MB (default 384): a document that needs more is skipped with its reason. */
  threadHeapMb?: number;
}

export interface IngestProgress {
  /** Documents read so far (stored, unchanged or skipped). */
  documents: number;
  /** Characters of text read so far. */
  characters: number;
  events: number;
  elapsedMs: number;
  done: boolean;
}

export interface IngestSummary {
  new: number;
  replaced: number;
  unchanged: number;
  /** Inputs or documents not stored, by reason ("not valid UTF-8" …). */
  skipped: Map<string, number>;
  events: number;
  elapsedMs: number;
  /** Coding threads started: none when every document was stored already. */
  codingThreads: number;
}

/** Documents whose stored hashes are looked up at once. */
const LOOKUP_BATCH = 256;

/**
 * Codes documents on worker threads and stores them through one writer, a
 * batch per transaction. Documents already stored with the same content hash
 * are not coded again, so a rerun after an interruption (even `kill -9`)
 * finishes the job: committed batches are skipped as unchanged, the rest is
 * coded and stored, and nothing is stored twice.
 */
export async function ingest(inputs: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary: IngestSummary = { new: 0, replaced: 0, unchanged: 0, skipped: new Map(), events: 0, elapsedMs: 0, codingThreads: 0 };
  const progress: IngestProgress = { documents: 0, characters: 0, events: 0, elapsedMs: 0, done: false };
  const report = () => {
    progress.elapsedMs = performance.now() - started;
    options.onProgress?.(progress);
  };
  const skip = (reason: string, line: string) => {
    summary.skipped.set(reason, (summary.skipped.get(reason) ?? 0) + 1);
    options.warn?.(line);
    progress.documents++;
  };

  const batchSize = options.batchSize ?? 200;
  let batch: DocumentRecord[] = [];
  // a document read again later in the inputs supersedes the earlier one, whichever is coded first
  const latest = new Map<string, number>();
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    if (!batch.length) return writing;
    const docs = batch;
    batch = [];
    writing = writing.then(async () => {
      const outcomes = await store.write(docs);
      outcomes.forEach((o, i) => {
        summary[o]++;
        if (o !== "unchanged") summary.events += docs[i]!.events.length;
      });
    });
    writing.catch(() => undefined); // the failure surfaces where the writer is next awaited
    return writing;
  };

  const pool = new CoderPool(options.workers ?? availableParallelism(), (seq, doc, reply) => {
    progress.documents++;
    progress.characters += doc.text.length;
    if (!reply.ok) {
      const failure = codingFailure(doc, reply);
      skip(failure.reason, failure.line);
    } else if (latest.get(doc.id) === seq) {
      latest.delete(doc.id);
      progress.events += reply.record.events.length;
      batch.push(reply.record);
      if (batch.length >= batchSize) void flush();
    }
    report();
  }, options.threadHeapMb);

  try {
    let pending: SourceDocument[] = [];
    let seq = 0;
    const dispatch = async () => {
      const docs = pending;
      pending = [];
      await writing; // hashes must see every batch written so far
      const stored = await store.hashes(docs.map((d) => d.id));
      for (const doc of docs) {
        const hash = contentHash(doc);
        if (stored.get(doc.id) === hash && !latest.has(doc.id)) {
          summary.unchanged++;
          progress.documents++;
          progress.characters += doc.text.length;
          continue;
        }
        latest.set(doc.id, ++seq);
        await pool.submit(seq, doc, hash);
      }
      report();
    };
    for await (const item of readInputs(inputs, { defaultDate: options.defaultDate ?? null, maxDocBytes: options.maxDocBytes })) {
      if (!item.ok) {
        skip(item.error.problem, item.error.message);
        continue;
      }
      for (const line of item.doc.warnings ?? []) options.warn?.(line);
      pending.push(item.doc);
      if (pending.length >= LOOKUP_BATCH) await dispatch();
    }
    await dispatch();
    await pool.drain();
    await flush();
  } finally {
    await pool.close();
  }
  summary.elapsedMs = performance.now() - started;
  summary.codingThreads = pool.threadsStarted;
  progress.done = true;
  report();
  return summary;
}
