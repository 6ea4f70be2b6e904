import { afterDateline } from "./sections.ts";
import { type Doc, type Mention, type Sentence, mentionRange } from "../doc/document.ts";

/** The state a sentence places its events in: "in Beijing", "at the White House", "to China". */
export function sentenceLocation(doc: Doc, sent: Sentence, near = Number.MAX_SAFE_INTEGER): string | null {
  const [r0, r1] = mentionRange(doc, sent.index);
  for (let j = r0; j < r1; j++) {
    const m = doc.mentions[j]!;
    if (m.entity < 0) continue;
    if (m.tokenStart > near) break; // a place far after the meeting verb is about something else
    if (m.type !== "place" && m.type !== "region" && m.type !== "name") continue;
    const e = doc.entities[m.entity]!;
    if (e.kind !== "state") continue;
    const lower = doc.tokens.lower;
    const at = prepositionBefore(doc, m.tokenStart);
    if (at === "in" || at === "at") return e.code;
    // "visited Fiji", "her visit to Ulaanbaatar", "a working visit to Italy", "in Munich, Germany"
    if (destination(doc, m.tokenStart)) return e.code;
    if (lower[m.tokenStart - 1] === "," && /^\p{Lu}/u.test(doc.tokens.text[m.tokenStart - 2] ?? "") && (lower[m.tokenStart - 3] === "in" || lower[m.tokenStart - 4] === "in")) return e.code;
  }
  return null;
}

/**
 * The state of the place named nearest to token t in its sentence ("opposition supporters in Nairobi",
 * "in Syria, where government forces …"): a place, or a state after "in", "at", "across", "through",
 * "inside" or "throughout"; not a news dateline ("SEOUL, March 17 -"), which is where the story was filed.
 * Null when the sentence names none.
 */
export function nearestLocation(doc: Doc, sent: Sentence, t: number): string | null {
  const [r0, r1] = mentionRange(doc, sent.index);
  const body = afterDateline(doc, sent);
  let best: string | null = null;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  for (let j = r0; j < r1; j++) {
    const m = doc.mentions[j]!;
    const code = locatedIn(doc, m);
    if (!code || m.tokenStart < body) continue;
    const distance = m.tokenStart > t ? m.tokenStart - t : t - m.tokenEnd;
    if (distance < bestDistance) {
      best = code;
      bestDistance = distance;
    }
  }
  return best;
}

/** The state a mention names as a location: a place, a region, or a state after "in", "at", …; null otherwise. */
function locatedIn(doc: Doc, m: Mention): string | null {
  const e = m.entity >= 0 ? doc.entities[m.entity]! : null;
  if (!e || e.kind !== "state" || !e.code || m.possessive) return null;
  if (m.type !== "place" && m.type !== "region" && !(m.type === "name" && (LOCATIVES.has(prepositionBefore(doc, m.tokenStart, true)) || destination(doc, m.tokenStart)))) return null;
  return e.code;
}

/**
 * Whether what starts at token t is where someone travels: "visited Fiji", "will visit the Philippines", "her visit
 * to Ulaanbaatar", "will travel to the Democratic Republic of the Congo, where she will meet with …".
 */
function destination(doc: Doc, t: number): boolean {
  const { lower, lemma } = doc.tokens;
  const k = lower[t - 1] === "the" ? t - 2 : t - 1;
  return lemma[k] === "visit" || (lower[k] === "to" && TRIPS.has(lemma[k - 1] ?? ""));
}

/** Words of going somewhere whose "to" names where, by lemma. */
const TRIPS = new Set(["visit", "trip", "travel", "journey", "tour"]);

const LOCATIVES = new Set(["in", "at", "across", "through", "inside", "throughout", "around", "within"]);

/** Whether the word before token t makes what starts there a place where things happen ("across the country"). */
export function locativeBefore(doc: Doc, t: number): boolean {
  return LOCATIVES.has(prepositionBefore(doc, t));
}

/**
 * The word before token t, past a "the" ("in the Sinai" → "in") and, where asked, a compass point ("in northern
 * Syria" → "in": where fighting or protesters are, though seldom where leaders meet — "development in southern Mexico").
 */
function prepositionBefore(doc: Doc, t: number, pastCompass = false): string {
  const lower = doc.tokens.lower;
  let k = t - 1;
  if (pastCompass && COMPASS.test(lower[k] ?? "")) k--;
  if (lower[k] === "the") k--;
  return lower[k] ?? "";
}

const COMPASS = /^(?:(?:north|south)-?(?:east|west)?|east|west)ern$|^central$/;
