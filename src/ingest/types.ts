import type { SourceDocument } from "../doc/source.ts";
import type { InputError } from "./errors.ts";

export type InputItem = { ok: true; doc: SourceDocument } | { ok: false; error: InputError };

/** ReadOptions with their defaults applied; what the format readers get. */
export interface ReadSettings {
  defaultDate: string | null;
  maxDocBytes: number;
}

export const DEFAULT_MAX_DOC_BYTES = 5_000_000;
