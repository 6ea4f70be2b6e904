/**
 * `readout worker`: takes jobs from the ingest queue, codes their documents on
 * coding threads and stores each job's documents in one transaction with the
 * job's completion. Any number run at once, on any machines that reach the
 * database: a job is given to one worker at a time, and a worker that dies
 * (killed, out of power) leaves its job to expire and go to another. Since the
 * completion commits with the documents, a job is stored once or not at all.
 */
import { availableParallelism } from "node:os";
import { CoderPool, codingFailure } from "../store/coder-pool.ts";
import type { DocumentRecord, Store } from "../store/model.ts";
import { INGEST_QUEUE, type JobOutput, MAX_SKIPPED_LINES, type Queue, decodeJob, workerName } from "./queue.ts";

export interface WorkerOptions {
  /** Coding threads (default: one per core). */
  threads?: number;
  /** Stop once no job is waiting, running or due to be retried (default: keep waiting for jobs). */
  untilEmpty?: boolean;
  /** Milliseconds between looks at an empty queue (default 1000). */
  pollMs?: number;
  /** Heap limit of each coding thread, in MB. */
  threadHeapMb?: number;
  /** A line per job done or given up. */
  log?: (line: string) => void;
  /** Resolves when the worker should stop taking jobs (those begun are finished). */
  stop?: Promise<void>;
}

export interface WorkerSummary {
  jobs: number;
  /** Jobs that failed here (to be tried again by a worker, or failed for good after their last try). */
  failed: number;
  documents: number;
  events: number;
  skipped: number;
  elapsedMs: number;
}

interface RunningJob {
  id: string;
  docs: number;
  /** Coded records by position in the job, so a job is stored in its own order. */
  records: Array<DocumentRecord | undefined>;
  output: JobOutput;
  left: number;
  started: number;
  done: () => void;
}

const sleep = (ms: number, stop: Promise<void>) => Promise.race([new Promise<void>((r) => setTimeout(r, ms).unref()), stop]);

/** Takes and works jobs until told to stop, or, with `untilEmpty`, until the queue holds nothing left to do. */
export async function runWorker(store: Store, { boss, schema }: Queue, options: WorkerOptions = {}): Promise<WorkerSummary> {
  const started = performance.now();
  const summary: WorkerSummary = { jobs: 0, failed: 0, documents: 0, events: 0, skipped: 0, elapsedMs: 0 };
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 1000;
  let stopping = false;
  const stop = (options.stop ?? new Promise<void>(() => {})).then(() => {
    stopping = true;
  });
  const name = workerName();

  // seq → (job, place in it)
  const places = new Map<number, { job: RunningJob; index: number }>();
  const skip = (job: RunningJob, line: string) => {
    job.output.skipped++;
    if (job.output.skippedLines.length < MAX_SKIPPED_LINES) job.output.skippedLines.push(line);
    log(line);
  };
  const pool = new CoderPool(
    options.threads ?? availableParallelism(),
    (seq, doc, outcome) => {
      const place = places.get(seq)!;
      places.delete(seq);
      const { job } = place;
      if (outcome.ok) job.records[place.index] = outcome.record;
      else skip(job, codingFailure(doc, outcome).line);
      if (--job.left === 0) job.done();
    },
    options.threadHeapMb,
  );

  const storeJob = async (job: RunningJob) => {
    const records = job.records.filter((r): r is DocumentRecord => r !== undefined);
    try {
      await store.write(records, async (tx, outcomes) => {
        outcomes.forEach((o, i) => {
          job.output[o]++;
          if (o !== "unchanged") job.output.events += records[i]!.events.length;
        });
        job.output.ms = Math.round(performance.now() - job.started);
        // (pg-boss 10 answers how many jobs it completed, though its types say nothing)
        const done = (await boss.complete(INGEST_QUEUE, job.id, job.output, {
          db: { executeSql: async (text, values) => ({ rows: await tx.query(text, values) }) },
        })) as unknown as { affected: number };
        // (the job expired and went to another worker, which stores it: store nothing here)
        if (!done.affected) throw new JobLost();
        // its documents are stored now: the job keeps their number, not a second copy of their texts
        await tx.query(`UPDATE ${schema}.job SET data = $3::jsonb WHERE name = $1 AND id = $2`, [INGEST_QUEUE, job.id, JSON.stringify({ documents: job.docs })]);
      });
      summary.jobs++;
      summary.documents += job.docs;
      summary.events += job.output.events;
      summary.skipped += job.output.skipped;
      const o = job.output;
      log(`job ${job.id}: ${job.docs} documents (${o.new} new, ${o.replaced} replaced, ${o.unchanged} unchanged, ${o.skipped} skipped), ${o.events} events in ${((performance.now() - job.started) / 1000).toFixed(1)} s`);
    } catch (error) {
      summary.failed++;
      if (error instanceof JobLost) {
        log(`job ${job.id}: took longer than the queue's job timeout and went to another worker; not stored here`);
        return;
      }
      log(`job ${job.id}: failed (${(error as Error).message}); it will be tried again`);
      await boss.fail(INGEST_QUEUE, job.id, { message: (error as Error).message, worker: name }).catch(() => undefined);
    }
  };

  const running = new Set<Promise<void>>();
  let seq = 0;
  let lastComplaint: number | null = null;
  try {
    // (a job's time runs from when it is taken: the coders load first)
    await pool.warm();
    while (!stopping) {
      const [job] = await boss.fetch<unknown>(INGEST_QUEUE, { batchSize: 1 });
      if (!job) {
        // (pg-boss answers a failed fetch with no job: the count says whether the queue is empty or out of reach)
        let left: number | null = null;
        try {
          left = await boss.getQueueSize(INGEST_QUEUE, { before: "completed" });
          lastComplaint = null;
        } catch (error) {
          if (options.untilEmpty) throw error;
          // (once a minute at most)
          if (lastComplaint === null || performance.now() - lastComplaint > 60_000) {
            log(`cannot reach the queue (${(error as Error).message}); trying again every ${pollMs / 1000} s`);
            lastComplaint = performance.now();
          }
        }
        if (options.untilEmpty && !running.size && left === 0) break;
        await Promise.race([sleep(pollMs, stop), ...running]);
        continue;
      }
      let docs;
      try {
        docs = decodeJob(job.data);
      } catch (error) {
        summary.failed++;
        log(`job ${job.id}: ${(error as Error).message}`);
        await boss.fail(INGEST_QUEUE, job.id, { message: (error as Error).message, worker: name });
        continue;
      }
      let done!: () => void;
      const coded = new Promise<void>((resolve) => (done = resolve));
      const run: RunningJob = {
        id: job.id,
        docs: docs.length,
        records: new Array(docs.length),
        output: { worker: name, new: 0, replaced: 0, unchanged: 0, events: 0, skipped: 0, skippedLines: [], ms: 0 },
        left: docs.length,
        started: performance.now(),
        done,
      };
      if (!docs.length) done();
      const work = coded.then(() => storeJob(run));
      running.add(work);
      void work.finally(() => running.delete(work));
      // (submitting waits while every coding thread is busy: the next job is taken only when there is room for it)
      for (const [index, { doc, hash }] of docs.entries()) {
        places.set(++seq, { job: run, index });
        await pool.submit(seq, doc, hash);
      }
    }
    await Promise.all(running);
  } finally {
    await pool.close();
  }
  summary.elapsedMs = performance.now() - started;
  return summary;
}

/** The job is no longer this worker's: it timed out and was given to another. */
class JobLost extends Error {}
