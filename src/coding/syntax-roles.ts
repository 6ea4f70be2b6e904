import type { Doc, Mention, Sentence } from "../doc/document.ts";
import type { Tree } from "../doc/syntax.ts";
import { coordinatedAfter, coordinatedBefore, isLocation, isParticipant, titleListPerson } from "./roles.ts";

/**
 * Participants read from the dependency tree: the mention a subject, object
 * or oblique stands for, with those listed beside it. The tree chooses which
 * mention fills a role; the list around it is read from the words ("A, B
 * and C"), which keeps long lists of titled names whole where the parse
 * breaks them up. Each function returns null when the sentence has no parse
 * or the tree names no participant there.
 */
export function mentionsAt(doc: Doc, tree: Tree, sent: Sentence, t: number, mentionOf: Int32Array): Mention[] {
  const out: Mention[] = [];
  const add = (m: Mention) => {
    if (!out.includes(m)) out.push(m);
  };
  for (const c of tree.conjuncts(t)) {
    const m = participantAt(doc, tree, c, mentionOf);
    if (!m) continue;
    for (const x of coordinatedBefore(doc, m, sent, mentionOf)) add(x);
    for (const x of coordinatedAfter(doc, m, sent.tokenEnd, mentionOf)) add(x);
  }
  return out.sort((a, b) => a.tokenStart - b.tokenStart);
}

/**
 * The participants an object or oblique at token t names: the first
 * participant its phrase opens with ("with President Ghazouani, Minister
 * … and …") and those listed after it. A possessor stands for the phrase
 * only when what it qualifies names no participant ("the DPRK's launch"
 * is the DPRK; "the Secretary-General's Special Envoy, Mr Brahimi" is
 * Brahimi).
 */
export function mentionsIn(doc: Doc, tree: Tree, sent: Sentence, t: number, mentionOf: Int32Array, after = 0): Mention[] {
  const [from, to] = span(tree, t);
  for (let u = Math.max(from, after); u <= to; u++) {
    const mi = mentionOf[u]!;
    if (mi < 0) continue;
    const m = doc.mentions[mi]!;
    u = Math.max(u, m.tokenEnd - 1);
    if (!isParticipant(m, doc) || (m.type === "pronoun" && m.possessive) || isLocation(doc, m)) continue;
    if (m.possessive) {
      const next = mentionOf[m.tokenEnd + 1] ?? -1;
      const after = next >= 0 ? doc.mentions[next] : undefined;
      if (after && after !== m && isParticipant(after, doc) && after.type !== "adjective") continue;
      return [m];
    }
    // ("Chinese Communist Party Politburo Member, Director of …, and Foreign Minister Wang Yi" is Wang Yi)
    return coordinatedAfter(doc, titleListPerson(doc, m, sent.tokenEnd, mentionOf) ?? m, sent.tokenEnd, mentionOf);
  }
  return mentionsAt(doc, tree, sent, t, mentionOf);
}

/** The first and last token of t's subtree. */
function span(tree: Tree, t: number): [number, number] {
  let from = t;
  let to = t;
  const stack = [t];
  while (stack.length) {
    const u = stack.pop()!;
    for (const c of tree.children(u)) {
      if (c < from) from = c;
      if (c > to) to = c;
      stack.push(c);
    }
  }
  return [from, to];
}

function participantAt(doc: Doc, tree: Tree, t: number, mentionOf: Int32Array): Mention | null {
  let mi = mentionOf[t]!;
  // "the Government of Japan", "the people of Ukraine": the nominal's "of" complement names it
  if (mi < 0) {
    for (const c of tree.children(t, "nmod")) {
      if (tree.caseOf(c) === "of" && mentionOf[c]! >= 0) {
        mi = mentionOf[c]!;
        break;
      }
    }
  }
  if (mi < 0) return null;
  const m = doc.mentions[mi]!;
  if (!isParticipant(m, doc) || (m.type === "pronoun" && m.possessive)) return null;
  return m;
}

/** Who does what `verb` says, per the tree (its subject, or the one it inherits). */
export function treeSubject(doc: Doc, tree: Tree, sent: Sentence, verb: number, mentionOf: Int32Array): Mention[] | null {
  if (!tree.parsed(verb)) return null;
  const s = tree.subjectOf(verb);
  if (!s) return null;
  const found = mentionsAt(doc, tree, sent, s.token, mentionOf);
  return found.length ? found : null;
}

/**
 * Whom `verb` acts on, per the tree: its object or indirect object, read
 * from `after` on (the end of the trigger's words: in "expressed U.S.
 * support for Ms. Kaag" the object phrase "U.S. support for Ms. Kaag"
 * names its recipient after "support").
 */
export function treeObject(doc: Doc, tree: Tree, sent: Sentence, verb: number, mentionOf: Int32Array, after = 0): Mention[] | null {
  if (!tree.parsed(verb)) return null;
  // an object stands after its verb ("X condemned Y"); one before it is a misparse
  const o = [...tree.children(verb, "obj"), ...tree.children(verb, "iobj")].find((c) => c > verb) ?? -1;
  if (o < 0) return null;
  const found = mentionsIn(doc, tree, sent, o, mentionOf, after);
  return found.length ? found : null;
}

/** The participants of `verb`'s obliques introduced by one of `cases` ("with", "to"). */
export function treeOblique(doc: Doc, tree: Tree, sent: Sentence, verb: number, cases: readonly string[], mentionOf: Int32Array, after = 0): Mention[] | null {
  if (!tree.parsed(verb)) return null;
  for (const o of tree.obliquesOf(verb)) {
    if (!cases.includes(o.case)) continue;
    const found = mentionsIn(doc, tree, sent, o.token, mentionOf, after);
    if (found.length) return found;
  }
  return null;
}
