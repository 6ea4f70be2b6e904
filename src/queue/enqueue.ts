/**
 * `readout ingest --queue`: reads the inputs and adds their documents to the
 * ingest queue as jobs of a few dozen each, for `readout worker`s to code and
 * store. Nothing is coded here.
 */
import type PgBoss from "pg-boss";
import type { SourceDocument } from "../doc/source.ts";
import { readInputs } from "../ingest/index.ts";
import type { Store } from "../store/model.ts";
import { contentHash } from "../store/record.ts";
import { INGEST_QUEUE, type JobDocument, encodeJob } from "./queue.ts";

export interface EnqueueOptions {
  /** Documents per job (default 25). */
  jobSize?: number;
  /** Seconds a worker has for a job before it is given to another (default 300). */
  jobTimeoutSeconds?: number;
  /** Tries of a job before it is failed for good (default 4). */
  attempts?: number;
  defaultDate?: string | null;
  maxDocBytes?: number;
  warn?: (line: string) => void;
}

export interface EnqueueSummary {
  jobs: number;
  /** Documents put in jobs. */
  queued: number;
  /** Documents stored already with the same content. */
  unchanged: number;
  /** Earlier copies of a document the inputs hold again later (the later one is queued). */
  superseded: number;
  /** Inputs or documents not read, by reason. */
  skipped: Map<string, number>;
  elapsedMs: number;
}

/** Jobs added to the queue in one statement. */
const INSERT_BATCH = 16;
/** Documents whose stored hashes are looked up at once. */
const LOOKUP_BATCH = 256;

/**
 * Queues every document of `inputs` that the store does not hold already with the same content. The inputs are read
 * twice: first for which copy of each document comes last (it alone is queued, as a single-process ingest keeps the
 * last), then to queue them, so memory holds ids and one job at a time whatever the inputs' size.
 */
export async function enqueue(inputs: readonly string[], store: Store, boss: PgBoss, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  if (inputs.includes("-")) throw new RangeError("standard input cannot be queued: it is read twice; save it to a file");
  const started = performance.now();
  const jobSize = options.jobSize ?? 25;
  const timeout = options.jobTimeoutSeconds ?? 300;
  const attempts = options.attempts ?? 4;
  const read = { defaultDate: options.defaultDate ?? null, maxDocBytes: options.maxDocBytes };
  const summary: EnqueueSummary = { jobs: 0, queued: 0, unchanged: 0, superseded: 0, skipped: new Map(), elapsedMs: 0 };

  const last = new Map<string, number>();
  let ordinal = 0;
  for await (const item of readInputs(inputs, read)) if (item.ok) last.set(item.doc.id, ordinal++);

  await boss.createQueue(INGEST_QUEUE, { name: INGEST_QUEUE, retryLimit: attempts - 1, retryDelay: 0, expireInSeconds: timeout });
  await boss.updateQueue(INGEST_QUEUE, { name: INGEST_QUEUE, retryLimit: attempts - 1, retryDelay: 0, expireInSeconds: timeout });

  let job: JobDocument[] = [];
  let inserts: PgBoss.JobInsert[] = [];
  const insert = async () => {
    if (inserts.length) await boss.insert(inserts);
    inserts = [];
  };
  const close = async () => {
    if (job.length) {
      inserts.push({ name: INGEST_QUEUE, data: encodeJob(job), retryLimit: attempts - 1, retryDelay: 0, expireInSeconds: timeout });
      summary.jobs++;
      summary.queued += job.length;
      job = [];
    }
    if (inserts.length >= INSERT_BATCH) await insert();
  };
  let pending: SourceDocument[] = [];
  const lookup = async () => {
    const stored = await store.hashes(pending.map((d) => d.id));
    for (const doc of pending) {
      const hash = contentHash(doc);
      if (stored.get(doc.id) === hash) summary.unchanged++;
      else {
        job.push({ doc, hash });
        if (job.length >= jobSize) await close();
      }
    }
    pending = [];
  };

  ordinal = 0;
  for await (const item of readInputs(inputs, read)) {
    if (!item.ok) {
      summary.skipped.set(item.error.problem, (summary.skipped.get(item.error.problem) ?? 0) + 1);
      options.warn?.(item.error.message);
      continue;
    }
    if (last.get(item.doc.id) !== ordinal++) {
      summary.superseded++;
      continue;
    }
    for (const line of item.doc.warnings ?? []) options.warn?.(line);
    pending.push(item.doc);
    if (pending.length >= LOOKUP_BATCH) await lookup();
  }
  await lookup();
  await close();
  await insert();
  summary.elapsedMs = performance.now() - started;
  return summary;
}
