/**
 * Ingest spread over machines: `readout ingest --queue` puts documents in the
 * PostgreSQL database's queue, `readout worker` codes and stores them (on as
 * many machines as reach the database), `readout status` tells how far it is.
 */
import { availableParallelism } from "node:os";
import { enqueue } from "../queue/enqueue.ts";
import { type Queue, locateQueue, openQueue } from "../queue/queue.ts";
import { queueStatus } from "../queue/status.ts";
import { runWorker, type WorkerSummary } from "../queue/worker.ts";
import { isPostgresUrl, redactTarget } from "../store/open.ts";
import type { Store } from "../store/model.ts";
import { sharedSyntaxModelParts } from "../syntax/model.ts";
import { UsageError, openDatabase } from "./store-commands.ts";

const int = (n: number) => n.toLocaleString("en-US");

function needsPostgres(db: string, what: string): void {
  if (!isPostgresUrl(db)) throw new UsageError(`${what} needs a PostgreSQL database (--db postgres://…), not ${db}: a SQLite file is ingested by one process, with 'readout ingest'`);
}

/** The store and the queue of `db`, both closed after `run`. */
async function withQueue<T>(db: string, supervise: boolean, run: (store: Store, queue: Queue) => Promise<T>): Promise<T> {
  const store = await openDatabase(db, "write");
  try {
    const queue = await openQueue(db, { supervise });
    const { boss } = queue;
    try {
      return await run(store, queue);
    } finally {
      await boss.stop({ graceful: false, wait: true, timeout: 1000 });
    }
  } finally {
    await store.close();
  }
}

export interface EnqueueCommandOptions {
  db: string;
  jobSize?: number;
  jobTimeout?: number;
  attempts?: number;
  date?: string;
  maxDocBytes?: number;
}

/** `readout ingest --queue`: one line at the end, naming what to run next. */
export async function enqueueCommand(inputs: string[], opts: EnqueueCommandOptions, say: (line: string) => void): Promise<number> {
  needsPostgres(opts.db, "ingest --queue");
  if (inputs.includes("-")) throw new UsageError("ingest --queue reads its inputs twice, so it cannot read standard input: save it to a file and queue that");
  const summary = await withQueue(opts.db, false, (store, { boss }) =>
    enqueue(inputs, store, boss, {
      jobSize: opts.jobSize,
      jobTimeoutSeconds: opts.jobTimeout,
      attempts: opts.attempts,
      defaultDate: opts.date ?? null,
      maxDocBytes: opts.maxDocBytes,
      warn: say,
    }),
  );
  const skipped = [...summary.skipped.values()].reduce((a, b) => a + b, 0);
  const reasons = [...summary.skipped.entries()].map(([why, n]) => `${int(n)} ${why}`).join(", ");
  say(
    `queued ${int(summary.queued)} document${summary.queued === 1 ? "" : "s"} in ${int(summary.jobs)} job${summary.jobs === 1 ? "" : "s"} on ${redactTarget(opts.db)} in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
      `(${int(summary.unchanged)} unchanged, ${int(summary.superseded)} superseded by a later copy, ${int(skipped)} skipped${reasons ? `: ${reasons}` : ""})` +
      (summary.jobs ? `; start workers with 'readout worker --db <the same URL>'` : ""),
  );
  return skipped;
}

export interface WorkerCommandOptions {
  db: string;
  workers?: number;
  untilEmpty?: boolean;
}

/** `readout worker`: a line per job, and a summary when it stops (SIGINT or SIGTERM: after the jobs it has begun). */
export async function workerCommand(opts: WorkerCommandOptions, say: (line: string) => void): Promise<WorkerSummary> {
  needsPostgres(opts.db, "worker");
  sharedSyntaxModelParts();
  let signalled = 0;
  let stopNow!: () => void;
  const stop = new Promise<void>((resolve) => (stopNow = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signalled > 1) process.exit(130);
    say(`${signal}: finishing the jobs begun, then stopping (again to stop at once; those jobs then go to other workers)`);
    stopNow();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const threads = opts.workers ?? availableParallelism();
    say(`worker on ${redactTarget(opts.db)} with ${threads} coding thread${threads === 1 ? "" : "s"}${opts.untilEmpty ? ", until the queue is empty" : ""}`);
    const summary = await withQueue(
      opts.db,
      true,
      (store, queue) => runWorker(store, queue, { threads, untilEmpty: opts.untilEmpty, log: say, stop }),
    );
    say(
      `worker done in ${(summary.elapsedMs / 1000).toFixed(1)} s: ${int(summary.jobs)} jobs, ${int(summary.documents)} documents, ${int(summary.events)} events stored` +
        `${summary.skipped ? `, ${int(summary.skipped)} documents skipped` : ""}${summary.failed ? `; ${int(summary.failed)} jobs failed here` : ""}`,
    );
    return summary;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

export interface StatusCommandOptions {
  db: string;
  format?: "text" | "json";
}

/** `readout status`: the database's contents, and for PostgreSQL its ingest queue. */
export async function statusCommand(opts: StatusCommandOptions, print: (line: string) => void): Promise<void> {
  const store = await openDatabase(opts.db, "read");
  let stats;
  try {
    stats = await store.stats();
  } finally {
    await store.close();
  }
  const queue = isPostgresUrl(opts.db) ? await queueStatus(opts.db, (await locateQueue(opts.db)).schema) : null;
  if (opts.format === "json") {
    print(JSON.stringify({ database: redactTarget(opts.db), ...stats, queue }));
    return;
  }
  print(`${redactTarget(opts.db)}: ${int(stats.documents)} documents, ${int(stats.events)} events, ${int(stats.actors)} actors`);
  if (!queue) {
    print(isPostgresUrl(opts.db) ? "queue: none (nothing was ever queued with 'readout ingest --queue')" : "queue: none (a SQLite database is ingested by one process)");
    return;
  }
  const j = (state: string) => queue.jobs[state] ?? 0;
  const d = (state: string) => queue.documents[state] ?? 0;
  const allJobs = Object.values(queue.jobs).reduce((a, b) => a + b, 0);
  const allDocs = Object.values(queue.documents).reduce((a, b) => a + b, 0);
  const share = allDocs ? ` (${Math.floor((100 * d("completed")) / allDocs)}%)` : "";
  print(
    `queue ${queue.schema}: ${int(allJobs)} jobs: ${int(j("completed"))} done, ${int(j("active"))} running, ${int(j("created"))} waiting, ${int(j("retry"))} to retry, ${int(j("failed"))} failed` +
      (j("cancelled") ? `, ${int(j("cancelled"))} cancelled` : ""),
  );
  const s = queue.stored;
  print(
    `documents: ${int(d("completed"))} of ${int(allDocs)} done${share}: ${int(s.new)} new, ${int(s.replaced)} replaced, ${int(s.unchanged)} unchanged, ${int(s.skipped)} skipped; ${int(s.events)} events stored by workers`,
  );
  if (queue.workers.length) print(`workers: ${queue.workers.map((w) => `${w.worker} ${int(w.jobs)} jobs (${int(w.documents)} documents)`).join(", ")}`);
  for (const f of queue.failures) print(`failed: ${f}`);
}
