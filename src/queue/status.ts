/**
 * `readout status`: how far the ingest queue of a PostgreSQL event database
 * has come, read from the jobs themselves (archived ones included).
 */
import pg from "pg";
import { INGEST_QUEUE } from "./queue.ts";

export interface QueueStatus {
  schema: string;
  /** Jobs and their documents by pg-boss state: created, retry, active, completed, cancelled, failed. */
  jobs: Record<string, number>;
  documents: Record<string, number>;
  /** Totals of the completed jobs' outputs. */
  stored: { new: number; replaced: number; unchanged: number; skipped: number; events: number };
  /** Completed jobs and documents by the worker that did them. */
  workers: Array<{ worker: string; jobs: number; documents: number }>;
  /** Why jobs failed for good, most recent first (at most 5). */
  failures: string[];
}

/** The queue in `schema` of the database at `url`, or null when no job was ever queued there. */
export async function queueStatus(url: string, schema: string): Promise<QueueStatus | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'job'", [schema]);
    if (!exists.rowCount) return null;
    const jobs = `(SELECT state, data, output, completed_on FROM ${schema}.job WHERE name = $1
                   UNION ALL SELECT state, data, output, completed_on FROM ${schema}.archive WHERE name = $1) j`;
    const states = await client.query<{ state: string; jobs: string; documents: string | null }>(
      `SELECT state, count(*) AS jobs, sum((data->>'documents')::int) AS documents FROM ${jobs} GROUP BY state`,
      [INGEST_QUEUE],
    );
    const status: QueueStatus = { schema, jobs: {}, documents: {}, stored: { new: 0, replaced: 0, unchanged: 0, skipped: 0, events: 0 }, workers: [], failures: [] };
    for (const r of states.rows) {
      status.jobs[r.state] = Number(r.jobs);
      status.documents[r.state] = Number(r.documents ?? 0);
    }
    const sum = (key: string) => `coalesce(sum((output->>'${key}')::bigint), 0) AS ${key}`;
    const totals = await client.query<Record<string, string>>(
      `SELECT ${["new", "replaced", "unchanged", "skipped", "events"].map(sum).join(", ")} FROM ${jobs} WHERE state = 'completed'`,
      [INGEST_QUEUE],
    );
    const t = totals.rows[0] ?? {};
    status.stored = { new: Number(t.new ?? 0), replaced: Number(t.replaced ?? 0), unchanged: Number(t.unchanged ?? 0), skipped: Number(t.skipped ?? 0), events: Number(t.events ?? 0) };
    const workers = await client.query<{ worker: string; jobs: string; documents: string }>(
      `SELECT output->>'worker' AS worker, count(*) AS jobs, sum((data->>'documents')::int) AS documents FROM ${jobs}
        WHERE state = 'completed' GROUP BY 1 ORDER BY 2 DESC, 1`,
      [INGEST_QUEUE],
    );
    status.workers = workers.rows.map((r) => ({ worker: r.worker ?? "?", jobs: Number(r.jobs), documents: Number(r.documents) }));
    const failures = await client.query<{ message: string | null }>(
      `SELECT coalesce(output->>'message', output->'value'->>'message', output::text) AS message FROM ${jobs}
        WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 5`,
      [INGEST_QUEUE],
    );
    status.failures = failures.rows.map((r) => r.message ?? "no reason given");
    return status;
  } finally {
    await client.end();
  }
}
