/**
 * A coding thread of `readout serve` (see code-pool.ts): loads a coder once,
 * then answers each `POST /-/code` request it is given with the coded text.
 */
import { parentPort, workerData } from "node:worker_threads";
import { toPlover } from "../export/plover.ts";
import { sourceFromText } from "../index.ts";
import { findDateline } from "../ingest/dateline.ts";
import { Coder } from "../pipeline.ts";
import { syntaxModelOfWorkerData } from "../syntax/model.ts";
import { mentionPlace, sentenceRecord } from "../store/record.ts";
import type { CodeRequest, CodeResult } from "./code.ts";

export interface TextJob {
  id: number;
  request: CodeRequest;
}

export type TextReply = { id: number; ok: true; result: CodeResult } | { id: number; ok: false; message: string };

/** Codes one request with a loaded coder: what `POST /-/code` answers. */
export function codeText(coder: Coder, { text, date, publisher, title }: CodeRequest): CodeResult {
  const storyDate = date ?? findDateline(text);
  const doc = coder.code(sourceFromText("pasted", text, { storyDate, publisher: publisher ?? null, title: title ?? null }));
  return {
    date: storyDate,
    events: toPlover(doc),
    sentences: doc.sentences.map(sentenceRecord),
    mentions: doc.mentions.map((m) => ({ name: doc.entities[m.entity]?.name ?? null, ...mentionPlace(m) })),
  };
}

if (parentPort) {
  const port = parentPort;
  // (the weight tables serve loaded into shared memory: one copy for every coding thread)
  const coder = new Coder({ syntax: syntaxModelOfWorkerData(workerData) });
  port.on("message", (job: TextJob) => {
    let reply: TextReply;
    try {
      reply = { id: job.id, ok: true, result: codeText(coder, job.request) };
    } catch (error) {
      reply = { id: job.id, ok: false, message: (error as Error).message };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true });
}
