/** readout as a library: code diplomatic texts into PLOVER events with evidence. */
export { Coder, type CoderOptions } from "./pipeline.ts";
export { toPlover, type PloverRecord, type PloverEntity } from "./export/plover.ts";
export { readInputs, InputError, type InputItem, type ReadOptions } from "./ingest/index.ts";
export type { SourceDocument, DocMeta } from "./doc/source.ts";
export type { Doc, CodedEvent, Entity, Mention, Sentence } from "./doc/document.ts";

import type { DocMeta, SourceDocument } from "./doc/source.ts";
import { emptyMeta } from "./doc/source.ts";

/** A SourceDocument from a string, for callers that have text in hand. */
export function sourceFromText(id: string, text: string, meta: Partial<DocMeta> = {}): SourceDocument {
  return { id, text, meta: { ...emptyMeta(), ...meta }, origin: id };
}
