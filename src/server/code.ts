/**
 * `POST /-/code`: codes a text on the spot, stores nothing. The request is
 * checked here, on the serving thread; the coding runs on a coding thread
 * (code-pool.ts), so that reading routes never wait for it.
 */
import { z } from "zod";
import type { PloverRecord } from "../export/plover.ts";
import type { MentionRecord, SentenceRecord } from "../store/model.ts";
import { BadRequest } from "./errors.ts";
import { isoDate } from "./params.ts";

/** The largest request body accepted, in bytes. */
export const MAX_CODE_BYTES = 1024 * 1024;

export interface CodeRequest {
  text: string;
  date?: string;
  publisher?: string;
  title?: string;
}

export interface CodedMention extends Omit<MentionRecord, "actor"> {
  /** The name of the actor it refers to, or null when unresolved. */
  name: string | null;
}

export interface CodeResult {
  /** The story date used: the one given, a dateline found in the text, or null. */
  date: string | null;
  events: PloverRecord[];
  sentences: SentenceRecord[];
  mentions: CodedMention[];
}

const requestSchema = z
  .object({
    text: z.string().refine((s) => s.trim().length > 0, "expected the text to code, not an empty string"),
    date: isoDate.optional(),
    publisher: z.string().max(200).optional(),
    title: z.string().max(500).optional(),
  })
  .strict();

/** The request body as a `CodeRequest`, or a `BadRequest` naming the field at fault. */
export function parseCodeRequest(raw: string): CodeRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new BadRequest('body: expected a JSON object such as {"text": "…", "date": "2024-05-01"}');
  }
  const parsed = requestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    throw new BadRequest(`${key}: unknown field; the body takes text, date, publisher and title`, key, "unknown_parameter");
  }
  if (!field) throw new BadRequest('body: expected a JSON object such as {"text": "…"}');
  throw new BadRequest(`${field}: ${issue.message}`, field);
}
