/**
 * A coding thread for ingest: receives source documents, answers with the
 * records to store (or the error that stopped one document).
 */
import { parentPort } from "node:worker_threads";
import type { SourceDocument } from "../doc/source.ts";
import { Coder } from "../pipeline.ts";
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
const coder = new Coder();
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
