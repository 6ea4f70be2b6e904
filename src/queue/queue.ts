/**
 * The ingest queue: jobs of documents in PostgreSQL, kept by pg-boss beside
 * the event database they are coded into. `readout ingest --queue` adds jobs,
 * `readout worker` takes them on any number of machines, `readout status`
 * reads them. A job carries its documents whole, so a worker needs nothing but
 * the database URL.
 */
import { hostname } from "node:os";
import PgBoss from "pg-boss";
import pg from "pg";
import type { SourceDocument } from "../doc/source.ts";

/** The one queue name: each database has its own queue schema (see `queueSchema`). */
export const INGEST_QUEUE = "readout-ingest";

/** A document of a job, with the content hash the enqueuer worked out (stored as is, so a rerun finds it unchanged). */
export interface JobDocument {
  doc: SourceDocument;
  hash: string;
}

/**
 * A job's data. The documents are one JSON text: PostgreSQL's `jsonb` refuses U+0000, which a text may hold, and a
 * string holding their JSON is also cheaper for it to store than the structure. A worker drops `payload` as it
 * completes the job, in the transaction that stores the documents.
 */
export interface JobData {
  documents: number;
  payload: string;
}

/** What a worker did with a job, kept as the job's output (what `readout status` adds up). */
export interface JobOutput {
  worker: string;
  new: number;
  replaced: number;
  unchanged: number;
  events: number;
  /** Documents not stored, one line each saying why (at most MAX_SKIPPED_LINES; `skipped` counts them all). */
  skipped: number;
  skippedLines: string[];
  ms: number;
}

export const MAX_SKIPPED_LINES = 20;

export const encodeJob = (docs: readonly JobDocument[]): JobData => ({ documents: docs.length, payload: JSON.stringify(docs) });

export function decodeJob(data: unknown): JobDocument[] {
  const payload = (data as Partial<JobData> | null)?.payload;
  if (typeof payload !== "string") throw new Error("the job holds no documents (not a job of this version of readout)");
  return JSON.parse(payload) as JobDocument[];
}

/** This process, as a job's output names it. */
export const workerName = () => `${hostname()}:${process.pid}`;

/** The queue schema's name for a database whose connections work in `schema`. */
const schemaFor = (schema: string) => {
  const name = schema.toLowerCase().replace(/\W/g, "_");
  return name === "public" ? "readout_queue" : `${name}_queue`.slice(0, 50);
};

/**
 * Where the queue of the event database at `url` is, and its job timeout: the queue's schema is `readout_queue`
 * beside a database in `public`, or `<schema>_queue` beside one whose URL picks another schema
 * (`?options=-c search_path=…`), so every event database has a queue of its own.
 */
export async function locateQueue(url: string): Promise<{ schema: string; timeoutSeconds: number | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ s: string | null }>("SELECT current_schema() AS s");
    const schema = schemaFor(rows[0]?.s ?? "public");
    const made = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'queue'", [schema]);
    if (!made.rowCount) return { schema, timeoutSeconds: null };
    const queue = await client.query<{ t: number | null }>(`SELECT expire_seconds AS t FROM ${schema}.queue WHERE name = $1`, [INGEST_QUEUE]);
    return { schema, timeoutSeconds: queue.rows[0]?.t ?? null };
  } finally {
    await client.end();
  }
}

/**
 * pg-boss on the queue schema of the database at `url`, started (its tables made on first use). A supervising one
 * (a worker's) looks for jobs whose worker went silent about twice per job timeout, and hands them to another.
 */
export async function openQueue(url: string, options: { supervise: boolean }): Promise<Queue> {
  const { schema, timeoutSeconds } = await locateQueue(url);
  const boss = new PgBoss({
    connectionString: url,
    schema,
    max: 3,
    application_name: "readout",
    supervise: options.supervise,
    schedule: false,
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.ceil((timeoutSeconds ?? 120) / 2))),
  });
  // (a lost connection surfaces in the next call; without a listener the event would end the process)
  boss.on("error", () => {});
  await boss.start();
  return { boss, schema };
}

/** pg-boss, and the schema its tables are in. */
export interface Queue {
  boss: PgBoss;
  schema: string;
}
