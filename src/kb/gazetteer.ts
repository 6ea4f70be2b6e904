import { fold } from "./fold.ts";

/** How a text token must be written to match a phrase token. */
const enum Case {
  Any = 0,
  Capitalized = 1,
  AllCaps = 2,
}

/**
 * A trie node. Most of the knowledge base's 29,000 nodes are leaves or end no phrase: both fields stay null until
 * needed, and entries are kept at their exact length (with kb.ts's lists, the knowledge base's heap went from 30.7
 * to 25.6 MB, in every coding thread).
 */
interface Node<T> {
  next: Map<string, Node<T>> | null;
  /** Entries ending here, with the case each phrase token demands. */
  entries: ReadonlyArray<{ value: T; cases: Case[] }> | null;
}

export interface Match<T> {
  /** Token range [start, end). */
  start: number;
  end: number;
  values: T[];
}

function caseOf(token: string, caseSensitive: boolean): Case {
  if (!caseSensitive || !/^\p{L}/u.test(token)) return Case.Any;
  if (token.length > 1 && token === token.toUpperCase() && /\p{Lu}.*\p{Lu}/u.test(token)) return Case.AllCaps;
  if (/^\p{Lu}/u.test(token)) return Case.Capitalized;
  return Case.Any;
}

function fits(token: string, c: Case): boolean {
  if (c === Case.Any) return true;
  if (c === Case.AllCaps) return token === token.toUpperCase();
  return /^\p{Lu}/u.test(token) || token === token.toUpperCase();
}

/**
 * A token trie of names. Phrases are tokenized by the caller with the same
 * tokenizer as the text, so "Al-Thani" or "People's" split alike on both sides.
 */
export class Gazetteer<T> {
  private readonly root: Node<T> = { next: null, entries: null };

  add(tokens: readonly string[], value: T, caseSensitive: boolean): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      const key = fold(t);
      node.next ??= new Map();
      let child = node.next.get(key);
      if (!child) {
        child = { next: null, entries: null };
        node.next.set(key, child);
      }
      node = child;
    }
    const entry = { value, cases: tokens.map((t) => caseOf(t, caseSensitive)) };
    node.entries = node.entries ? [...node.entries, entry] : [entry];
  }

  /** The longest phrase starting at token `at`, if any. `keys` are folded tokens, `surface` as written. */
  longest(keys: readonly string[], surface: readonly string[], at: number, limit: number): Match<T> | null {
    let node: Node<T> | undefined = this.root;
    let best: Match<T> | null = null;
    for (let i = at; i < limit; i++) {
      node = node.next?.get(keys[i]!);
      if (!node) break;
      if (node.entries) {
        const values = node.entries
          .filter((e) => e.cases.every((c, j) => fits(surface[at + j]!, c)))
          .map((e) => e.value);
        if (values.length) best = { start: at, end: i + 1, values };
      }
    }
    return best;
  }
}
