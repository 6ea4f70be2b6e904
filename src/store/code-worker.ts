/**
 * A coding thread for ingest: receives source documents, answers with the
 * records to store (or the error that stopped one document).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SourceDocument } from "../doc/source.ts";
import { Coder } from "../pipeline.ts";
import { syntaxModelOfWorkerData } from "../syntax/model.ts";
import type { DocumentRecord } from "./model.ts";
import { toRecord } from "./record.ts";

export interface CodeRequest {
  seq: number;
  doc: SourceDocument;
  /** Its content hash, worked out by ingest already. */
  hash: string;
}

export type CodeReply = { seq: number; ok: true; record: DocumentRecord } | { seq: number; ok: false; message: string };

if (!parentPort) throw new Error("code-worker.ts runs as a worker thread of ingest");
const port = parentPort;
// (the weight tables the ingesting thread loaded into shared memory: one copy for every coding thread)
const coder = new Coder({ syntax: syntaxModelOfWorkerData(workerData) });
port.on("message", (req: CodeRequest) => {
  let reply: CodeReply;
  try {
    reply = { seq: req.seq, ok: true, record: toRecord(coder.code(req.doc), coder.kb, req.hash) };
  } catch (error) {
    reply = { seq: req.seq, ok: false, message: (error as Error).message };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
