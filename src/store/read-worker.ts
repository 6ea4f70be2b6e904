/**
 * A reading thread of `readout serve` (see read-pool.ts): opens the event
 * database for reading on its own connection, then answers each call it is
 * given with the store's own method.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openStoreForReading } from "./open.ts";

/** The store methods a reading thread answers. */
export const READ_METHODS = ["events", "event", "count", "counts", "document", "actors", "actor", "timeline", "countries", "network", "stats", "version"] as const;
export type ReadMethod = (typeof READ_METHODS)[number];

export interface ReadJob {
  id: number;
  method: ReadMethod;
  args: unknown[];
}

/** A failure as it crosses threads: its class's name, message and code (SQLite's and PostgreSQL's errors carry one). */
export interface ReadFailure {
  name: string;
  message: string;
  code?: string;
}

export type ReadReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ReadFailure };

if (parentPort) {
  const port = parentPort;
  try {
    const store = await openStoreForReading((workerData as { target: string }).target);
    port.on("message", async (job: ReadJob | { keepFacetIndex: true }) => {
      if ("keepFacetIndex" in job) {
        // facet counts of full-text matches from memory, once built (counts go to SQL until then)
        void store.keepFacetIndex().then((built) => port.postMessage({ facetIndex: built }));
        return;
      }
      let reply: ReadReply;
      try {
        const method = store[job.method] as (...args: unknown[]) => Promise<unknown>;
        reply = { id: job.id, ok: true, result: await method.apply(store, job.args) };
      } catch (error) {
        const e = error as Error & { code?: unknown };
        reply = { id: job.id, ok: false, error: { name: e.name, message: e.message, ...(typeof e.code === "string" ? { code: e.code } : {}) } };
      }
      port.postMessage(reply);
    });
    port.postMessage({ ready: true });
  } catch (error) {
    const e = error as Error & { code?: unknown };
    port.postMessage({ failed: { name: e.name, message: e.message, ...(typeof e.code === "string" ? { code: e.code } : {}) } });
  }
}
