import { readFileSync } from "node:fs";

/** One sentence of a treebank: words (multiword tokens and empty nodes left out) with their gold annotation. */
export interface TreebankSentence {
  id: string;
  form: string[];
  upos: string[];
  xpos: string[];
  /** 0-based head index, -1 for the root. */
  head: number[];
  /** Universal Dependencies relation with its subtype ("obl:agent"). */
  deprel: string[];
  /** The universal tags the pipeline's tokenizer gives these words, once computed (see nlp/parse.ts). */
  hint?: string[];
}

/**
 * Reads a CoNLL-U file (https://universaldependencies.org/format.html).
 * Multiword-token lines ("3-4") and empty nodes ("8.1") are skipped: the
 * parser works on syntactic words, as the treebank's heads count them.
 */
export function readConllu(path: string): TreebankSentence[] {
  const text = readFileSync(path, "utf8");
  const out: TreebankSentence[] = [];
  let current = emptySentence("");
  let lineNo = 0;
  const flush = () => {
    if (current.form.length > 0) out.push(current);
    current = emptySentence("");
  };
  for (const line of text.split("\n")) {
    lineNo++;
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (line.startsWith("#")) {
      const m = /^#\s*sent_id\s*=\s*(.+)$/.exec(line);
      if (m) current.id = m[1]!.trim();
      continue;
    }
    const cols = line.split("\t");
    if (cols.length !== 10) throw new Error(`${path}:${lineNo}: expected 10 tab-separated columns, found ${cols.length}`);
    const id = cols[0]!;
    if (!/^\d+$/.test(id)) continue; // multiword token or empty node
    if (Number(id) !== current.form.length + 1) throw new Error(`${path}:${lineNo}: word ${id} out of sequence`);
    current.form.push(cols[1]!);
    current.upos.push(cols[3]!);
    current.xpos.push(cols[4]!);
    const head = Number(cols[6]);
    if (!Number.isInteger(head)) throw new Error(`${path}:${lineNo}: head "${cols[6]}" is not a number`);
    current.head.push(head - 1);
    current.deprel.push(cols[7]!);
  }
  flush();
  return out;
}

function emptySentence(id: string): TreebankSentence {
  return { id, form: [], upos: [], xpos: [], head: [], deprel: [] };
}
