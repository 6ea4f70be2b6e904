/**
 * Reads on several threads, for `readout serve` on SQLite: better-sqlite3
 * runs each query synchronously on the thread that asks, so one connection
 * answers one request at a time and blocks the server's event loop while it
 * does. A `ReadPool` is a `Store` whose reads go to reading threads (each with
 * its own read-only connection, see read-worker.ts), one waiting queue for
 * all, so that as many requests are answered at once as there are threads,
 * and the serving thread only parses requests and encodes answers.
 */
import { Worker } from "node:worker_threads";
import type { FacetIndexBuild } from "./facet-index.ts";
import type { ReadFailure, ReadJob, ReadMethod, ReadReply } from "./read-worker.ts";
import { everyEvent, InvalidCursorError } from "./sql.ts";
import type {
  ActorProfile,
  ActorSummary,
  CountKey,
  CountRow,
  DocumentView,
  EventFilter,
  EventPage,
  EventSort,
  EventView,
  Interval,
  Network,
  NetworkNode,
  PageRequest,
  Store,
  StoreStats,
  TimelineRow,
  WriteOutcome,
} from "./model.ts";

const WORKER_URL = new URL("./read-worker.mjs", import.meta.url);

interface Job {
  id: number;
  method: ReadMethod;
  args: unknown[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The figures of the thread's first facet index build, once done. */
  facetIndex: Promise<FacetIndexBuild>;
}

/** A failure rebuilt on this side: the cursor error the API answers 400, else an Error with the database's code. */
function rebuild(f: ReadFailure): Error {
  if (f.name === "InvalidCursorError") return new InvalidCursorError();
  return Object.assign(new Error(f.message), { name: f.name }, f.code ? { code: f.code } : {});
}

export class ReadPool implements Store {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Whether the threads have been asked to keep facet indexes (see open). */
  private indexing = false;

  private constructor(
    private readonly target: string,
    readonly backend: "sqlite" | "postgres",
    private readonly versionHere: (() => Promise<number>) | null,
  ) {}

  /**
   * Starts `threads` reading threads on the database at `target` and resolves once each has opened it (or rejects
   * with why not). `version`, when given, answers `version()` on this thread (a query of microseconds that a cache
   * asks at every request should not wait behind the queue).
   */
  static async open(target: string, backend: "sqlite" | "postgres", threads: number, version?: () => Promise<number>): Promise<ReadPool> {
    const pool = new ReadPool(target, backend, version ?? null);
    try {
      await Promise.all(Array.from({ length: Math.max(1, threads) }, () => pool.spawn()));
    } catch (error) {
      await pool.close();
      throw error;
    }
    // the threads' facet indexes built one after another: together, each build's working memory (every event id,
    // until the index is done) would be held by all at once
    pool.indexing = true;
    void (async () => {
      for (const slot of [...pool.slots]) {
        if (pool.closed) return;
        slot.worker.postMessage({ keepFacetIndex: true });
        await slot.facetIndex;
      }
    })();
    return pool;
  }

  /** Requests being answered and waiting (for tests and benchmarks). */
  get load(): { reading: number; waiting: number; threads: number } {
    return { reading: this.slots.filter((s) => s.job).length, waiting: this.queue.length, threads: this.slots.length };
  }

  /** Resolves once every thread has built its first facet index, with the figures of each build. */
  facetIndexes(): Promise<FacetIndexBuild[]> {
    return Promise.all(this.slots.map((s) => s.facetIndex));
  }

  private call<T>(method: ReadMethod, args: unknown[]): Promise<T> {
    if (this.closed) return Promise.reject(new Error("the reading threads are closed"));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, method, args, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => !s.job);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, method: job.method, args: job.args } satisfies ReadJob);
    }
  }

  /** A reading thread, resolved once its connection is open; one that dies is replaced, failing only its own request. */
  private spawn(): Promise<void> {
    return new Promise<void>((opened, failed) => {
      const worker = new Worker(WORKER_URL, { workerData: { target: this.target } });
      let indexed!: (built: FacetIndexBuild) => void;
      const slot: Slot = { worker, job: null, facetIndex: new Promise((resolve) => (indexed = resolve)) };
      let ready = false;
      worker.on("message", (msg: ReadReply | { ready: true } | { failed: ReadFailure } | { facetIndex: FacetIndexBuild }) => {
        if ("facetIndex" in msg) return indexed(msg.facetIndex);
        if ("ready" in msg) {
          ready = true;
          // (a thread replacing one that died, once the first builds have begun: its own index at once)
          if (this.indexing) worker.postMessage({ keepFacetIndex: true });
          this.slots.push(slot);
          opened();
          this.dispatch();
          return;
        }
        if ("failed" in msg) {
          failed(rebuild(msg.failed));
          void worker.terminate();
          return;
        }
        const job = slot.job;
        if (!job || job.id !== msg.id) return;
        slot.job = null;
        if (msg.ok) job.resolve(msg.result);
        else job.reject(rebuild(msg.error));
        this.dispatch();
      });
      const died = (why: string) => {
        // (whoever waits for its index waits no longer)
        indexed({ ms: 0, events: 0, bytes: 0, kept: false, error: `the reading thread stopped (${why})` });
        if (!ready) return failed(new Error(`a reading thread could not start: ${why}`));
        const i = this.slots.indexOf(slot);
        if (i < 0) return;
        this.slots.splice(i, 1);
        slot.job?.reject(new Error(`the reading thread stopped (${why})`));
        slot.job = null;
        if (!this.closed) this.spawn().catch((error: Error) => this.failAll(error));
      };
      worker.on("error", (error) => died(error.message));
      worker.on("exit", (code) => died(`exit code ${code}`));
    });
  }

  /** Answers every waiting request with `error` (no thread could be started to read them). */
  private failAll(error: Error): void {
    if (this.slots.length) return;
    for (const job of this.queue.splice(0)) job.reject(error);
  }

  hashes(): Promise<Map<string, string>> {
    return Promise.reject(new Error("the reading threads only read"));
  }

  write(): Promise<WriteOutcome[]> {
    return Promise.reject(new Error("the reading threads only read"));
  }

  events(filter: EventFilter, page: PageRequest): Promise<EventPage> {
    return this.call("events", [filter, page]);
  }

  eachEvent(filter: EventFilter, sort: EventSort = "date"): AsyncIterable<EventView> {
    return everyEvent(this, filter, sort);
  }

  count(filter: EventFilter, by: CountKey, limit?: number): Promise<CountRow[]> {
    return this.call("count", [filter, by, limit]);
  }

  counts(filter: EventFilter, keys: readonly CountKey[], limit?: number): Promise<Map<CountKey, CountRow[]>> {
    return this.call("counts", [filter, keys, limit]);
  }

  event(id: string): Promise<EventView | null> {
    return this.call("event", [id]);
  }

  document(id: string): Promise<DocumentView | null> {
    return this.call("document", [id]);
  }

  actors(q: string, limit: number): Promise<ActorSummary[]> {
    return this.call("actors", [q, limit]);
  }

  actor(id: string): Promise<ActorProfile | null> {
    return this.call("actor", [id]);
  }

  timeline(filter: EventFilter, interval: Interval): Promise<TimelineRow[]> {
    return this.call("timeline", [filter, interval]);
  }

  countries(filter: EventFilter): Promise<NetworkNode[]> {
    return this.call("countries", [filter]);
  }

  network(filter: EventFilter, level: "actor" | "country", limit: number): Promise<Network> {
    return this.call("network", [filter, level, limit]);
  }

  stats(): Promise<StoreStats> {
    return this.call("stats", []);
  }

  version(): Promise<number> {
    return this.versionHere ? this.versionHere() : this.call("version", []);
  }

  /** Stops every thread; waiting and running requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error("the reading threads are closed");
    for (const job of this.queue.splice(0)) job.reject(error);
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        slot.job?.reject(error);
        return slot.worker.terminate();
      }),
    );
  }
}
