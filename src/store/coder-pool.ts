import { Worker } from "node:worker_threads";
import type { SourceDocument } from "../doc/source.ts";
import { sharedSyntaxWorkerData } from "../syntax/model.ts";
import type { CodeReply, CodeRequest } from "./code-worker.ts";

/** Documents sent to one thread ahead of its answers, so it never waits for the next. */
const IN_FLIGHT_PER_WORKER = 8;

/** A document's coded record, or why it was not coded: the coder failed on it, or it exhausted its thread's memory. */
export type Outcome = CodeReply | { seq: number; ok: false; exhausted: true; message: string };

/** Why a document was not coded: the reason it is counted under, and the line that tells the user. */
export function codingFailure(doc: SourceDocument, outcome: Exclude<Outcome, { ok: true }>): { reason: string; line: string } {
  return "exhausted" in outcome
    ? { reason: "too large to code", line: `${doc.origin}: coding it exhausted a coding thread's memory (${outcome.message}); skipped, the rest goes on — split it, or skip such documents with --max-doc-bytes` }
    : { reason: "internal coder error", line: `${doc.origin}: internal error while coding (${outcome.message}); this is a bug in readout, please report it with the input` };
}
export type Done = (seq: number, doc: SourceDocument, outcome: Outcome) => void;

interface Slot {
  worker: Worker;
  /** Documents sent to it, in order: the first is the one being coded. */
  inflight: number[];
  ready: Promise<void>;
  started: boolean;
}

/**
 * Coding threads, each with a few documents in flight, started when the first document needs coding (a rerun that
 * finds everything stored starts none: each loads a coder of about 150 MB); `submit` waits while all are busy. A thread that dies while
 * coding (a document that exhausts its heap) fails that document alone: it is reported, the documents queued behind
 * it go to a fresh thread, and the ingest goes on. A thread that cannot start at all stops the ingest.
 */
export class CoderPool {
  private readonly slots: Slot[] = [];
  private readonly jobs = new Map<number, { doc: SourceDocument; hash: string }>();
  private waiting: Array<() => void> = [];
  private failure: Error | null = null;
  private closing = false;
  /** Threads started, replacements included. */
  threadsStarted = 0;

  constructor(
    private readonly size: number,
    private readonly done: Done,
    private readonly heapMb = 384,
  ) {}

  private spawn(): Slot {
    this.threadsStarted++;
    const worker = new Worker(new URL("./code-worker.mjs", import.meta.url), { workerData: sharedSyntaxWorkerData(), resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const slot: Slot = { worker, inflight: [], ready: Promise.resolve(), started: false };
    slot.ready = new Promise<void>((resolve) => {
      worker.once("message", () => {
        slot.started = true;
        resolve();
      });
      worker.once("exit", () => resolve());
    });
    worker.on("message", (msg: CodeReply | { ready: true }) => {
      if (!("seq" in msg)) return;
      slot.inflight.shift();
      this.finish(msg.seq, msg);
    });
    const died = (error: Error | null) => {
      if (this.closing || !this.slots.includes(slot)) return;
      if (!slot.started) {
        // (no document's fault: the coder itself cannot load)
        this.failure = error ?? new Error("the thread exited before its coder loaded");
        this.wake();
        return;
      }
      const [culprit, ...queued] = slot.inflight;
      const fresh = this.spawn();
      this.slots[this.slots.indexOf(slot)] = fresh;
      if (culprit !== undefined) {
        const exhausted = !error || /memory|heap/i.test(error.message);
        this.finish(culprit, exhausted ? { seq: culprit, ok: false, exhausted: true, message: error?.message ?? "the thread stopped" } : { seq: culprit, ok: false, message: error!.message });
      }
      for (const seq of queued) void this.send(fresh, seq);
    };
    worker.on("error", (error) => died(error));
    worker.on("exit", () => died(null));
    return slot;
  }

  private finish(seq: number, outcome: Outcome): void {
    const job = this.jobs.get(seq);
    if (!job) return;
    this.jobs.delete(seq);
    this.done(seq, job.doc, outcome);
    this.wake();
  }

  private async send(slot: Slot, seq: number): Promise<void> {
    const job = this.jobs.get(seq)!;
    slot.inflight.push(seq);
    await slot.ready;
    slot.worker.postMessage({ seq, doc: job.doc, hash: job.hash } satisfies CodeRequest);
  }

  private wake() {
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }

  private check() {
    if (this.failure) throw new Error(`a coding thread failed: ${this.failure.message}`);
  }

  private start(): void {
    if (!this.slots.length) for (let i = 0; i < Math.max(1, this.size); i++) this.slots.push(this.spawn());
  }

  /** Starts the threads now, rather than at the first document, and resolves once their coders are loaded. */
  async warm(): Promise<void> {
    this.start();
    await Promise.all(this.slots.map((s) => s.ready));
    this.check();
  }

  async submit(seq: number, doc: SourceDocument, hash: string): Promise<void> {
    this.start();
    for (;;) {
      this.check();
      const free = this.slots.reduce((a, b) => (b.inflight.length < a.inflight.length ? b : a));
      if (free.inflight.length < IN_FLIGHT_PER_WORKER) {
        this.jobs.set(seq, { doc, hash });
        await this.send(free, seq);
        return;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  async drain(): Promise<void> {
    while (this.jobs.size) {
      this.check();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.check();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
