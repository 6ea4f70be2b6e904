import type { DocMeta } from "../doc/source.ts";
import type { KnowledgeBase } from "./kb.ts";
import { fold } from "./fold.ts";

/**
 * The state or organization a publisher speaks for ("The White House (USA)",
 * "Ministry of Foreign Affairs of the PRC (China)", "United Nations"): the
 * first state or organization its name gives, or null.
 */
export function publisherCode(meta: DocMeta, kb: KnowledgeBase): string | null {
  const p = meta.publisher;
  if (!p) return null;
  const paren = /\(([^)]+)\)/.exec(p)?.[1];
  const candidates = [paren, p].filter((x): x is string => !!x);
  for (const c of candidates) {
    const f = fold(c).trim();
    for (const s of kb.states.values()) {
      if ([s.name, ...s.aliases, ...s.adjectives].some((n) => n.length > 2 && fold(n) === f)) return s.code;
    }
  }
  const words = fold(p);
  if (/\bunited nations\b/.test(words)) return "UNO";
  if (/\bwhite house\b|\bdepartment of state\b|\bstate department\b/.test(words)) return "USA";
  for (const s of kb.states.values()) {
    for (const n of [s.name, ...s.adjectives]) {
      if (n.length > 3 && new RegExp(`\\b${escape(fold(n))}\\b`).test(words)) return s.code;
    }
  }
  return null;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The person a publisher names ("Australian Minister for Foreign Affairs (Downer, Alexander)"):
 * their name as the knowledge base knows it, else as the publisher writes it
 * ("Nigel Bowen"); null when the publisher names no one.
 */
export function publisherSpeaker(meta: DocMeta, kb: KnowledgeBase): string | null {
  const m = /\(([^,()]+),\s*([^,()]+)\)/.exec(meta.publisher ?? "");
  if (!m) return null;
  const surname = fold(m[1]!.trim());
  const given = fold(m[2]!.trim());
  const hits = kb.tenuresWithNameWord(surname).filter((t) => fold(t.name).includes(given) || t.aliases.some((a) => fold(a).includes(given)));
  if (hits[0]) return hits[0].name;
  // a name the knowledge base does not know must look like one: "(Bowen, Nigel)", not "(Kremlin, en.kremlin.ru)"
  const personal = /^\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’.-]*)*$/u;
  const [familyName, givenName] = [m[1]!.trim(), m[2]!.trim()];
  return personal.test(familyName) && personal.test(givenName) ? `${givenName} ${familyName}` : null;
}
