/**
 * `POST /-/code` off the serving thread. Coding a text is synchronous work of
 * up to seconds, which on the serving thread would stall every other request;
 * here it runs on a small pool of coding threads (each with its own coder,
 * loaded at the first request), behind a bounded queue:
 *
 * - a request that finds every thread busy and the queue full is refused at
 *   once (429 with Retry-After), so a flood of posts costs memory for the
 *   queue's few texts only;
 * - a request has a time budget from its arrival; past it, it is answered 503
 *   and its thread, if coding it, is stopped and replaced;
 * - a request whose client hangs up is dropped from the queue, or its thread
 *   stopped and replaced: nothing is coded for clients that have gone;
 * - a text that exhausts a thread's memory is answered 503 and the thread
 *   replaced; the server lives on.
 */
import { Worker } from "node:worker_threads";
import type { CodeRequest, CodeResult } from "./code.ts";
import { sharedSyntaxWorkerData } from "../syntax/model.ts";
import { ServiceUnavailable, TooManyRequests } from "./errors.ts";
import type { TextJob, TextReply } from "./text-worker.ts";

export interface CodePoolOptions {
  /** Coding threads (default 1). */
  workers?: number;
  /** Requests that may wait for a thread, beyond those being coded (default 8 per thread). */
  queue?: number;
  /** Each request's time budget, from its arrival to its answer, in milliseconds (default 30 s). */
  budgetMs?: number;
  /** Heap limit of each coding thread, in MB (default 256: a text of the 1 MB the route takes needs under 100). */
  heapMb?: number;
}

/** Why a request was not answered with its coded text (thrown by `CodePool.code`). */
export class ClientGone extends Error {
  override name = "ClientGone";
}

interface Job {
  id: number;
  request: CodeRequest;
  resolve: (result: CodeResult) => void;
  reject: (error: Error) => void;
  /** Stops the budget timer and forgets the client's signal. */
  settle: () => void;
  slot: Slot | null;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Settles when the thread has loaded its coder, or has died trying. */
  loaded: Promise<void>;
  job: Job | null;
  started: number;
}

const WORKER_URL = new URL("./text-worker.mjs", import.meta.url);

export class CodePool {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** A running mean of coding times, for Retry-After. */
  private meanMs = 2000;
  private closed = false;

  constructor(options: CodePoolOptions = {}) {
    this.size = Math.max(1, options.workers ?? 1);
    this.queueLimit = Math.max(0, options.queue ?? 8 * this.size);
    this.budgetMs = options.budgetMs ?? 30_000;
    this.heapMb = options.heapMb ?? 256;
  }

  /** Requests being coded and waiting (for tests and benchmarks). */
  get load(): { coding: number; waiting: number } {
    return { coding: this.slots.filter((s) => s.job).length, waiting: this.queue.length };
  }

  /** The refusal a request would get now, every thread busy and the queue full (so that its body need not be read), or null. */
  refusal(): TooManyRequests | null {
    if (this.load.coding + this.queue.length < this.size + this.queueLimit) return null;
    const waitMs = ((this.queue.length + this.size) * this.meanMs) / this.size;
    return new TooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)));
  }

  /** Codes one request; rejects with TooManyRequests, ServiceUnavailable, or ClientGone when `signal` aborts. */
  code(request: CodeRequest, signal?: AbortSignal): Promise<CodeResult> {
    if (this.closed) return Promise.reject(new ServiceUnavailable("the server is shutting down; try again shortly"));
    if (signal?.aborted) return Promise.reject(new ClientGone("the client hung up"));
    const refused = this.refusal();
    if (refused) return Promise.reject(refused);
    return new Promise<CodeResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, resolve, reject, settle: () => undefined, slot: null };
      const timer = setTimeout(() => this.abandon(job, new ServiceUnavailable(`coding took longer than ${+(this.budgetMs / 1000).toFixed(1)} s; send a shorter text, or code it with \`readout code\``)), this.budgetMs);
      const gone = () => this.abandon(job, new ClientGone("the client hung up"));
      signal?.addEventListener("abort", gone, { once: true });
      job.settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", gone);
      };
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Starts the pool's threads and resolves when each has loaded its coder (else a request starts them). */
  async warm(): Promise<void> {
    while (this.slots.length < this.size && !this.closed) this.spawn();
    await Promise.all(this.slots.map((slot) => slot.loaded));
  }

  /** Stops every thread; waiting and running requests are answered 503. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.fail(job, new ServiceUnavailable("the server is shutting down"));
    await Promise.all(
      this.slots.splice(0).map((slot) => {
        if (slot.job) this.fail(slot.job, new ServiceUnavailable("the server is shutting down"));
        return slot.worker.terminate();
      }),
    );
  }

  /** Gives waiting jobs to ready threads, starting threads up to the pool's size. */
  private dispatch(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => s.ready && !s.job);
      if (!slot) {
        if (this.slots.length < this.size && !this.closed) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      slot.job = job;
      slot.started = performance.now();
      job.slot = slot;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, request: job.request } satisfies TextJob);
    }
  }

  private spawn(): void {
    // (a thread keeps the process alive while it loads or codes, not while idle: serve's server does that)
    const worker = new Worker(WORKER_URL, { workerData: sharedSyntaxWorkerData(), resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    let loaded = () => undefined as void;
    const slot: Slot = { worker, ready: false, loaded: new Promise<void>((resolve) => (loaded = resolve)), job: null, started: 0 };
    this.slots.push(slot);
    worker.once("exit", () => loaded());
    worker.on("message", (msg: TextReply | { ready: true }) => {
      if (!("id" in msg)) {
        slot.ready = true;
        loaded();
        worker.unref();
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== msg.id) return;
      slot.job = null;
      worker.unref();
      this.meanMs = 0.8 * this.meanMs + 0.2 * (performance.now() - slot.started);
      job.settle();
      if (msg.ok) job.resolve(msg.result);
      else job.reject(new Error(msg.message));
      this.dispatch();
    });
    // a thread that dies (its heap exhausted by a text, or a bug) fails its job alone and is replaced
    const died = (why: string) => {
      if (!this.slots.includes(slot)) return;
      this.remove(slot);
      if (slot.job) this.fail(slot.job, new ServiceUnavailable(`coding this text ${why}; send a shorter text, or code it with \`readout code\``));
      // (a thread that dies loading its coder would die again: the waiting requests are answered, not retried for ever)
      else if (!slot.ready) for (const job of this.queue.splice(0)) this.fail(job, new ServiceUnavailable(`no coding thread could start (it ${why}); see the server's log`));
      this.dispatch();
    };
    worker.on("error", (error) => died(/heap|memory/i.test(error.message) ? "ran out of the coding thread's memory" : `stopped the coding thread (${error.message})`));
    worker.on("exit", () => died("stopped the coding thread"));
  }

  /** Answers a job that will not be coded (over its budget, its client gone): out of the queue, or its thread replaced. */
  private abandon(job: Job, error: Error): void {
    const waiting = this.queue.indexOf(job);
    if (waiting >= 0) this.queue.splice(waiting, 1);
    else if (job.slot && job.slot.job === job) {
      // (a synchronous coder cannot be interrupted: the thread goes, and a fresh one takes the next job)
      const slot = job.slot;
      this.remove(slot);
      void slot.worker.terminate();
      if (!this.closed) this.spawn();
    }
    this.fail(job, error);
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }

  private fail(job: Job, error: Error): void {
    job.settle();
    job.reject(error);
  }
}
