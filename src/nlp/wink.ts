import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";

export type Wink = ReturnType<typeof winkNLP>;

// wink-nlp must be instantiated once per process: a second instance silently
// breaks pattern matching and many crash. Hence this single lazy instance.
let instance: Wink | null = null;
let vocabulary: DocumentVocabulary | null = null;

export function wink(): Wink {
  if (!instance) {
    instance = winkNLP(model, ["sbd", "pos"]);
    vocabulary = new DocumentVocabulary(instance);
  }
  return instance;
}

/** Starts a new text: words that earlier texts taught wink no longer change how this one is tokenized. */
export function beginText(): void {
  wink();
  vocabulary!.begin();
}

interface WinkCache {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  /** Words below this index are the model's own; the rest were added by texts. */
  intrinsicSize(): number;
}

/**
 * wink's tokenizer asks its word cache whether a string such as "D.C." or
 * "Biden's" is a known word before splitting it, and the cache keeps every
 * unknown word of every text read so far. The same sentence was then split
 * into tokens and sentences differently depending on what the process had
 * read before, so coding depended on document order (and on how ingest
 * shared documents among threads). This view of the cache answers the
 * tokenizer as a fresh process would: words outside the model's vocabulary
 * are known only once the current text has used them. Lookups made while a
 * word is being added (the model's own feature code) see everything.
 */
class DocumentVocabulary {
  private seen = new Set<string>();

  constructor(nlp: Wink) {
    let cache: WinkCache | null = null;
    // a custom `its` function is handed wink's document data, which holds the shared cache
    // (wink calls one only when the output is asked for as text)
    const grab = (_index: number, rdd: { cache: WinkCache }) => {
      cache = rdd.cache;
      return "";
    };
    nlp.readDoc("readout").tokens().out(grab as never, (nlp.as as unknown as { text: never }).text);
    const c = cache as WinkCache | null;
    if (!c || typeof c.lookup !== "function" || typeof c.add !== "function" || typeof c.intrinsicSize !== "function") {
      throw new Error("wink-nlp's internals changed: readout cannot keep its tokenizer independent of texts read before (check the wink-nlp version)");
    }
    const { lookup, add } = c;
    const intrinsic = c.intrinsicSize();
    let adding = 0;
    c.add = (text, category) => {
      adding++;
      try {
        const index = add(text, category);
        if (index >= intrinsic) this.seen.add(text);
        return index;
      } finally {
        adding--;
      }
    };
    c.lookup = (text) => {
      const found = lookup(text);
      // an unknown word that only an earlier text taught the cache is unknown here too
      return found && adding === 0 && found.length === 1 && found[0]! >= intrinsic && !this.seen.has(text) ? null : found;
    };
  }

  begin(): void {
    this.seen = new Set();
  }
}
