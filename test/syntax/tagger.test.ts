import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tokenizerHints } from "../../src/nlp/parse.ts";
import { readConllu } from "../../src/syntax/conllu.ts";
import { loadSyntaxModel } from "../../src/syntax/model.ts";
import { Tagger } from "../../src/syntax/tagger.ts";

const ud = resolve(import.meta.dirname, "../../../shared/ud/en_ewt");
const haveTreebank = existsSync(join(ud, "en_ewt-ud-dev.conllu"));
if (!haveTreebank) console.log(`tagger cache test skipped: no treebank at ${ud}`);

describe("the tagger's cache of word types", () => {
  it.runIf(haveTreebank)("tags exactly as scoring every feature of every word", () => {
    const { tagger } = loadSyntaxModel();
    // eight word types: most sentences are scored feature by feature, the rest empty the cache again and again
    const few = new Tagger(tagger.tags, tagger.weightTable, new Map(tagger.lookupTable), tagger.clusters, 8);
    const sentences = readConllu(join(ud, "en_ewt-ud-dev.conllu")).slice(0, 400);
    let words = 0;
    for (const [i, s] of sentences.entries()) {
      const hints = i % 2 === 0 ? tokenizerHints(s.form) : null;
      expect([...tagger.tag(s.form, hints)]).toEqual([...few.tag(s.form, hints)]);
      words += s.form.length;
    }
    expect(words).toBeGreaterThan(5000);
  });
});
