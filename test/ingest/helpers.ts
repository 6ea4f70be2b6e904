import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import type { SourceDocument } from "../../src/doc/source.ts";
import { type InputItem, type ReadOptions, readInputs } from "../../src/ingest/index.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/ingest/", import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);

export async function readAll(inputs: readonly string[], options?: ReadOptions): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readInputs(inputs, options)) items.push(item);
  return items;
}

export const docsOf = (items: InputItem[]): SourceDocument[] => items.flatMap((i) => (i.ok ? [i.doc] : []));
export const errorsOf = (items: InputItem[]): string[] => items.flatMap((i) => (i.ok ? [] : [i.error.toString()]));
/** One letter per item, e.g. "dde": the order of documents and errors. */
export const shape = (items: InputItem[]): string => items.map((i) => (i.ok ? "d" : "e")).join("");

export async function readOne(path: string, options?: ReadOptions): Promise<SourceDocument> {
  const items = await readAll([path], options);
  const doc = items[0];
  if (items.length !== 1 || !doc?.ok) throw new Error(`expected one document from ${path}, got ${JSON.stringify(errorsOf(items))}`);
  return doc.doc;
}

/** A stream standing in for stdin. */
export const stdinOf = (...chunks: (string | Uint8Array)[]) =>
  Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c, "utf8") : Buffer.from(c))));

/** A fresh temporary folder for the test file, removed afterwards; `write` puts a file in it. */
export function useTempDir() {
  const state = { dir: "" };
  beforeAll(async () => {
    state.dir = await mkdtemp(join(tmpdir(), "readout-ingest-"));
  });
  afterAll(async () => {
    await rm(state.dir, { recursive: true, force: true });
  });
  return {
    path: (name: string) => join(state.dir, name),
    write: async (name: string, content: string | Uint8Array) => {
      const path = join(state.dir, name);
      await writeFile(path, content);
      return path;
    },
  };
}
