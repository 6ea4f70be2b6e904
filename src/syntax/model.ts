import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../paths.ts";
import { gunzipSync, gzipSync } from "node:zlib";
import { type Clusters, clusterLookup } from "./clusters.ts";
import { FEATURE_SET, Parser } from "./parser.ts";
import { WeightTable, type WeightTableParts } from "./perceptron.ts";
import { Tagger } from "./tagger.ts";

/**
 * The syntax model file: a tagger and a parser in one gzip'd binary.
 *
 *   "RDSYNTAX" · uint32 header length · header (JSON) · three weight tables
 *
 * Each table is its keys (int32), the number of entries of each key
 * (uint8), the entries' classes (uint8) and weights (int16), all little-endian.
 * The header names the feature set the weights were trained with; a file
 * made for other feature templates is refused, since its weights would
 * silently mean nothing.
 */

/** Where a data folder keeps its syntax model. */
export function syntaxModelPath(dataDir: string): string {
  return join(dataDir, "syntax", "en-ewt.model");
}

export const DEFAULT_SYNTAX_MODEL = syntaxModelPath(join(PACKAGE_ROOT, "data"));

const MAGIC = "RDSYNTAX";
const FORMAT = 1;

export interface ModelInfo {
  /** What it was trained on, how, and what it scored (written by training). */
  trainedOn: string;
  seed: number;
  epochs: { tagger: number; parser: number };
  dev: { tagAccuracy: number; uas: number; las: number };
  [key: string]: unknown;
}

interface Header {
  format: number;
  featureSet: string;
  tags: string[];
  labels: string[];
  lookup: Array<[string, number]>;
  clusters: { words: string[]; fine: number[]; coarse: number[]; fineCount: number; coarseCount: number };
  tables: Array<{ name: string; classes: number; features: number; entries: number }>;
  info: ModelInfo;
}

export class SyntaxModel {
  readonly tagger: Tagger;
  readonly parser: Parser;
  readonly clusters: Clusters;
  readonly info: ModelInfo;

  /** The relation and the tag a news dateline's words get ("dep", "PROPN NNP"): the parser leaves them out. */
  readonly datelineLabel: number;
  readonly datelineTag: number;

  constructor(tagger: Tagger, parser: Parser, clusters: Clusters, info: ModelInfo) {
    this.tagger = tagger;
    this.parser = parser;
    this.clusters = clusters;
    this.info = info;
    this.datelineLabel = Math.max(0, parser.labels.indexOf("dep"));
    this.datelineTag = Math.max(0, tagger.tags.indexOf("PROPN NNP"));
  }

  get labels(): readonly string[] {
    return this.parser.labels;
  }

  get tags(): readonly string[] {
    return this.tagger.tags;
  }
}

/**
 * A model's arrays and vocabularies, for another thread to make the same model with `syntaxModelFromParts`. A model
 * loaded with `{ shared: true }` has its weight tables in SharedArrayBuffers: threads given its parts (as workerData)
 * all read that one copy, instead of a copy each.
 */
export interface SyntaxModelParts {
  tags: string[];
  labels: string[];
  lookup: Array<[string, number]>;
  clusters: Clusters;
  info: ModelInfo;
  tables: { tagger: WeightTableParts; moves: WeightTableParts; left: WeightTableParts; right: WeightTableParts };
}

export function syntaxModelParts(model: SyntaxModel): SyntaxModelParts {
  const { tagger, parser } = model;
  return {
    tags: [...tagger.tags],
    labels: [...parser.labels],
    lookup: [...tagger.lookupTable.entries()],
    clusters: model.clusters,
    info: model.info,
    tables: { tagger: tagger.weightTable.parts(), moves: parser.moveTable.parts(), left: parser.labelTables[0].parts(), right: parser.labelTables[1].parts() },
  };
}

export function syntaxModelFromParts(p: SyntaxModelParts): SyntaxModel {
  const t = p.tables;
  const tagger = new Tagger(p.tags, WeightTable.fromParts(t.tagger), new Map(p.lookup), clusterLookup(p.clusters));
  const parser = new Parser(p.labels, p.tags.length, WeightTable.fromParts(t.moves), WeightTable.fromParts(t.left), WeightTable.fromParts(t.right));
  return new SyntaxModel(tagger, parser, p.clusters, p.info);
}

let sharedDefault: SyntaxModelParts | null = null;

/**
 * The default model, loaded once per process into shared memory, as the parts coding threads make their model from
 * (workerData): one copy of the weight tables for all of them. Throws a SyntaxModelError as `loadSyntaxModel` does.
 */
export function sharedSyntaxModelParts(): SyntaxModelParts {
  return (sharedDefault ??= syntaxModelParts(loadSyntaxModel(DEFAULT_SYNTAX_MODEL, { shared: true })));
}

/** The workerData that hands a coding thread the process's shared model (see `syntaxModelOfWorkerData`). */
export function sharedSyntaxWorkerData(): { syntax: SyntaxModelParts } {
  return { syntax: sharedSyntaxModelParts() };
}

/** In a coding thread: the model over the shared tables its workerData hands it, or undefined (the thread loads its own). */
export function syntaxModelOfWorkerData(data: unknown): SyntaxModel | undefined {
  const parts = (data as { syntax?: SyntaxModelParts } | null)?.syntax;
  return parts ? syntaxModelFromParts(parts) : undefined;
}

/** A model file that cannot be used, with what to do about it. */
export class SyntaxModelError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = "SyntaxModelError";
  }
}

export function writeSyntaxModel(path: string, model: SyntaxModel): number {
  const tables = [
    { name: "tagger", table: model.tagger.weightTable },
    { name: "moves", table: model.parser.moveTable },
    { name: "left-labels", table: model.parser.labelTables[0] },
    { name: "right-labels", table: model.parser.labelTables[1] },
  ];
  const header: Header = {
    format: FORMAT,
    featureSet: FEATURE_SET,
    tags: [...model.tagger.tags],
    labels: [...model.parser.labels],
    lookup: [...model.tagger.lookupTable.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    clusters: { ...model.clusters, fine: [...model.clusters.fine], coarse: [...model.clusters.coarse] },
    tables: tables.map(({ name, table }) => ({ name, classes: table.classes, features: table.features, entries: table.size })),
    info: model.info,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const parts: Buffer[] = [Buffer.from(MAGIC, "ascii"), u32(headerBytes.length), headerBytes];
  for (const { table } of tables) {
    const keys = table.keys;
    const counts = new Uint8Array(keys.length);
    let start = 0;
    for (let f = 0; f < keys.length; f++) {
      const count = table.ends[f]! - start;
      if (count > 255) throw new Error(`feature ${f} has ${count} weights; the file format allows 255`);
      counts[f] = count;
      start = table.ends[f]!;
    }
    const packed = table.packedEntries();
    const classes = new Uint8Array(packed.length);
    const weights = new Int16Array(packed.length);
    for (let e = 0; e < packed.length; e++) {
      const cls = packed[e]! >>> 16;
      if (cls > 255) throw new Error(`class ${cls} does not fit the file format`);
      classes[e] = cls;
      weights[e] = (packed[e]! << 16) >> 16;
    }
    parts.push(bytesOf(keys), Buffer.from(counts), Buffer.from(classes), bytesOf(weights));
  }
  const gz = gzipSync(Buffer.concat(parts), { level: 9 });
  writeFileSync(path, gz);
  return gz.length;
}

/**
 * Loads the model file, or says in one line what is wrong with it and what to do. `shared`: its weight tables go in
 * SharedArrayBuffers, for threads to share (`syntaxModelParts`).
 */
export function loadSyntaxModel(path = DEFAULT_SYNTAX_MODEL, { shared = false } = {}): SyntaxModel {
  if (!existsSync(path)) throw new SyntaxModelError(path, "no syntax model here; train one with `npm run train:parser`");
  let raw: Buffer;
  try {
    raw = gunzipSync(readFileSync(path));
  } catch {
    throw new SyntaxModelError(path, "not a readable syntax model (not gzip data); restore it from the repository or retrain with `npm run train:parser`");
  }
  const bad = (why: string) => new SyntaxModelError(path, `${why}; restore it from the repository or retrain with \`npm run train:parser\``);
  if (raw.length < 12 || raw.toString("ascii", 0, 8) !== MAGIC) throw bad("not a readout syntax model");
  const headerLength = raw.readUInt32LE(8);
  let header: Header;
  try {
    header = JSON.parse(raw.toString("utf8", 12, 12 + headerLength)) as Header;
  } catch {
    throw bad("its header is damaged");
  }
  if (header.format !== FORMAT) throw bad(`file format ${header.format}, this readout reads format ${FORMAT}`);
  if (header.featureSet !== FEATURE_SET) {
    throw new SyntaxModelError(path, `trained for feature set "${header.featureSet}", but this code extracts "${FEATURE_SET}"; retrain it with \`npm run train:parser\``);
  }
  let at = 12 + headerLength;
  const tables = new Map<string, WeightTable>();
  try {
    for (const t of header.tables) {
      const keys = new Int32Array(copyOut(raw, at, t.features * 4, shared));
      at += t.features * 4;
      const counts = raw.subarray(at, at + t.features);
      at += t.features;
      const classes = raw.subarray(at, at + t.entries);
      at += t.entries;
      const weights = new Int16Array(copyOut(raw, at, t.entries * 2, false));
      at += t.entries * 2;
      if (at > raw.length) throw new Error("truncated");
      const ends = int32s(t.features, shared);
      let end = 0;
      for (let f = 0; f < t.features; f++) ends[f] = end += counts[f]!;
      const entries = int32s(t.entries, shared);
      for (let e = 0; e < t.entries; e++) entries[e] = (classes[e]! << 16) | (weights[e]! & 0xffff);
      tables.set(t.name, new WeightTable(t.classes, keys, ends, entries, { shared }));
    }
    if (at !== raw.length) throw new Error("trailing bytes");
    const c = header.clusters;
    if (c.fine.length !== c.words.length || c.coarse.length !== c.words.length) throw new Error("cluster lists of different lengths");
    const clusters: Clusters = { ...c, fine: Uint16Array.from(c.fine), coarse: Uint16Array.from(c.coarse) };
    const tagger = new Tagger(header.tags, need(tables, "tagger"), new Map(header.lookup), clusterLookup(clusters));
    const parser = new Parser(header.labels, header.tags.length, need(tables, "moves"), need(tables, "left-labels"), need(tables, "right-labels"));
    return new SyntaxModel(tagger, parser, clusters, header.info);
  } catch (e) {
    throw bad(`its weights are damaged (${(e as Error).message})`);
  }
}

function need(tables: Map<string, WeightTable>, name: string): WeightTable {
  const t = tables.get(name);
  if (!t) throw new Error(`no "${name}" table`);
  return t;
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
}

function bytesOf(a: Int32Array | Int16Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A copy of bytes [at, at + length) in an ArrayBuffer of its own (typed arrays need aligned memory), or a shared one. */
function copyOut(raw: Buffer, at: number, length: number, shared: boolean): ArrayBufferLike {
  if (at + length > raw.length) throw new Error("truncated");
  const out = shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length);
  new Uint8Array(out).set(raw.subarray(at, at + length));
  return out;
}

function int32s(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(n * 4)) : new Int32Array(n);
}
