import { join } from "node:path";
import { readTsv, readWordList } from "../kb/tsv.ts";

export interface Reference {
  phrase: string;
  /**
   * pronoun: "he", "we"; group: "the two leaders"; own: the publisher's own government ("the Administration");
   * state: a description of the state the text named last ("the country").
   */
  kind: "pronoun" | "group" | "own" | "state";
  number: "sg" | "pl";
  /** m, f; n: neuter ("it", "its": a state, an organization or a group); null: any. */
  gender: "m" | "f" | "n" | null;
  person: 1 | 3;
  possessive: boolean;
}

interface Node {
  next: Map<string, Node>;
  value: Reference | null;
}

/** Pronouns and group nouns ("the two leaders") from data/lexicon/references.tsv, matched on folded tokens. */
export class References {
  private readonly root: Node = { next: new Map(), value: null };
  /** Capitalized words that belong to office titles, not names (data/lexicon/title-words.txt). */
  readonly titleWords: Set<string>;
  /** Head nouns of unnamed collectives: "police", "protesters" (data/lexicon/collectives.txt). */
  readonly collectives: Set<string>;
  /** Those of them whose members are where the text places them: "protesters", "students" (data/lexicon/present-collectives.txt). */
  readonly presentCollectives: Set<string>;
  /** Those that, bare, stand for the one of the same noun the text named before: "the rebels", "the police" (data/lexicon/story-collectives.txt). */
  readonly storyCollectives: Set<string>;
  /**
   * Words that open a person's name, as written (data/names/): given names ("Mark", "Olaf") and the
   * East Asian family names written first ("Zhao", "Kim"); true when the word is also an ordinary
   * English word or phrase opener ("Will", "Grace", "Moon").
   */
  readonly nameStarts = new Map<string, boolean>();
  /** Capitalised words that make a phrase after a state's name an institution ("Armed Forces", "Embassy"), lower case (data/lexicon/institutions.tsv). */
  readonly institutionWords = new Set<string>();
  /** Those of them that can end the institution's name ("Forces", "Embassy", not "Armed"). */
  readonly institutionHeads = new Set<string>();
  /** Words that end an organisation's name ("Caucus", "Authority", "School"), lower case (data/lexicon/org-heads.txt). */
  readonly orgHeads: Set<string>;
  /** Words that end a name of a thing, not of a person ("Abraham Accords", "Lam Research"), lower case (data/names/name-enders.txt). */
  readonly nameEnders: Set<string>;
  /** Nouns that, capitalised after a city, name a treaty signed there ("Paris Agreement", "Vienna Convention"), lower case (data/names/document-nouns.txt). */
  readonly documentNouns: Set<string>;
  /** Verbs whose subject speaks, by lemma (data/lexicon/speech-verbs.txt): "Will Stevens said" is someone. */
  readonly speechVerbs: Set<string>;
  /** Nouns that make a state's adjective or possessive stand for the state: "the Chinese side", "Iran's government" (data/lexicon/state-heads.txt). */
  readonly stateHeads: Set<string>;
  /** Nouns that make a world region's adjective name its states as one party: "African countries", "European allies" (data/lexicon/bloc-heads.txt). */
  readonly blocHeads: Set<string>;
  /** Nouns of armed forces and their weapons ("troops", "warplanes"), folded (data/lexicon/armed-actors.txt). */
  readonly armedActors: Set<string>;
  /** Collectives of non-governmental organizations (data/lexicon/ngo-collectives.tsv): the nouns of bodies, their modifiers ("rights", "aid") and acronyms ("ngos"). */
  readonly ngo = { heads: new Set<string>(), modifiers: new Set<string>(), acronyms: new Set<string>() };

  constructor(dataDir: string) {
    this.titleWords = readWordList(join(dataDir, "lexicon", "title-words.txt"));
    this.collectives = readWordList(join(dataDir, "lexicon", "collectives.txt"));
    this.presentCollectives = readWordList(join(dataDir, "lexicon", "present-collectives.txt"));
    this.storyCollectives = readWordList(join(dataDir, "lexicon", "story-collectives.txt"));
    for (const [file, words] of [["present-collectives.txt", this.presentCollectives], ["story-collectives.txt", this.storyCollectives]] as const) {
      for (const w of words) if (!this.collectives.has(w)) throw new Error(`${file}: "${w}" is not in collectives.txt`);
    }
    this.speechVerbs = readWordList(join(dataDir, "lexicon", "speech-verbs.txt"));
    this.nameEnders = readWordList(join(dataDir, "names", "name-enders.txt"));
    this.documentNouns = readWordList(join(dataDir, "names", "document-nouns.txt"));
    this.orgHeads = readWordList(join(dataDir, "lexicon", "org-heads.txt"));
    this.stateHeads = readWordList(join(dataDir, "lexicon", "state-heads.txt"));
    this.blocHeads = readWordList(join(dataDir, "lexicon", "bloc-heads.txt"));
    this.armedActors = readWordList(join(dataDir, "lexicon", "armed-actors.txt"));
    for (const r of readTsv(join(dataDir, "lexicon", "ngo-collectives.tsv"))) {
      const set = r.role === "head" ? this.ngo.heads : r.role === "modifier" ? this.ngo.modifiers : r.role === "acronym" ? this.ngo.acronyms : null;
      if (!set) throw new Error(`ngo-collectives.tsv: "${r.word}" has no role head, modifier or acronym`);
      if (set !== this.ngo.modifiers && !this.collectives.has(r.word!)) throw new Error(`ngo-collectives.tsv: "${r.word}" is not in collectives.txt`);
      set.add(r.word!);
    }
    for (const r of readTsv(join(dataDir, "lexicon", "institutions.tsv"))) {
      this.institutionWords.add(r.word!);
      if (r.head === "head") this.institutionHeads.add(r.word!);
    }
    for (const r of readTsv(join(dataDir, "names", "given-names.tsv"))) this.nameStarts.set(r.name!, r.word === "word");
    for (const r of readTsv(join(dataDir, "names", "family-names.tsv"))) {
      if (r.order === "first" || r.order === "either") this.nameStarts.set(r.name!, (this.nameStarts.get(r.name!) ?? false) || r.word === "word");
    }
    for (const r of readTsv(join(dataDir, "lexicon", "references.tsv"))) {
      const ref: Reference = {
        phrase: r.phrase!,
        kind: r.kind === "group" || r.kind === "own" || r.kind === "state" ? r.kind : "pronoun",
        number: r.number === "pl" ? "pl" : "sg",
        gender: r.gender === "m" || r.gender === "f" || r.gender === "n" ? r.gender : null,
        person: r.person === "1" ? 1 : 3,
        possessive: r.possessive === "y",
      };
      let node = this.root;
      for (const w of ref.phrase.split(" ")) {
        let child = node.next.get(w);
        if (!child) node.next.set(w, (child = { next: new Map(), value: null }));
        node = child;
      }
      node.value = ref;
    }
  }

  /** Whether a short label is a person's name: "Zhao Lijian", "Ned Price", "MR PRICE" (an honorific and a name). */
  isPersonName(label: string): boolean {
    const words = label.split(" ");
    if (words.length < 2 || words.length > 4) return false;
    if (/^(mr|mrs|ms|dr|madam|ambassador|secretary|spokesperson)\.?$/i.test(words[0]!)) return true;
    return this.nameStarts.get(words[0]!) === false && words.slice(1).every((w) => /^\p{Lu}/u.test(w));
  }

  longest(keys: readonly string[], at: number, limit: number): { start: number; end: number; value: Reference } | null {
    let node: Node | undefined = this.root;
    let best: { start: number; end: number; value: Reference } | null = null;
    for (let i = at; i < limit && node; i++) {
      node = node.next.get(keys[i]!);
      if (node?.value) best = { start: at, end: i + 1, value: node.value };
    }
    return best;
  }
}
