/**
 * What an actor, recipient or party value names, as the API reads it: an actor by its id; by a name, the country
 * when only states bear it ("China" is CHN, every Chinese participant) or else that actor; a code some actor holds
 * (a bloc's, such as UNO, included); else nothing. Asked of the actor search, which always answers, so that the
 * app can say a value names nothing without asking a route that refuses it.
 */
import { fold } from "../../src/kb/fold.ts";
import type { ActorSummary } from "../../src/store/model.ts";
import { getJson } from "./api.ts";

export type Resolved =
  | { kind: "country"; code: string; name: string }
  | { kind: "actor"; id: string; name: string; code: string | null; actorKind: string }
  | { kind: "unknown"; ref: string };

const SEARCH_LIMIT = 100;
const CODE = /^[A-Z]{3}$/;

export async function resolveReference(ref: string, signal?: AbortSignal): Promise<Resolved> {
  const r = ref.trim();
  const search = (limit: number) => getJson<ActorSummary[]>("/actors", new URLSearchParams({ q: r, _limit: String(limit) }), signal);
  const first = await search(SEARCH_LIMIT);
  const found = named(r, first);
  if (found || first.length < SEARCH_LIMIT || !CODE.test(r.toUpperCase())) return found ?? { kind: "unknown", ref: r };
  // (a code whose letters many names share: its actors may lie beyond the first hits, which come heaviest first)
  return named(r, await search(10 * SEARCH_LIMIT)) ?? { kind: "unknown", ref: r };
}

/** What a reference names among the actor search's hits for it, or null. */
function named(ref: string, hits: ActorSummary[]): Resolved | null {
  const byId = hits.find((a) => a.id === ref);
  if (byId) return { kind: "actor", id: byId.id, name: byId.name, code: byId.code, actorKind: byId.kind };
  // (a country's name means the country, as the API reads it: every participant of its code)
  const byName = hits.filter((a) => fold(a.name) === fold(ref));
  const state = byName.find((a) => a.kind === "state" && a.code);
  if (state && byName.every((a) => a.kind === "state" && a.code === state.code)) return { kind: "country", code: state.code!, name: state.name };
  const [actor] = byName;
  if (actor) return { kind: "actor", id: actor.id, name: actor.name, code: actor.code, actorKind: actor.kind };
  const code = ref.toUpperCase();
  const coded = hits.filter((a) => a.code === code);
  const codeState = coded.find((a) => a.kind === "state");
  if (codeState) return { kind: "country", code, name: codeState.name };
  // (a bloc's code, such as UNO or EUR, is held by organisations and people but by no state)
  return coded.length ? { kind: "country", code, name: code } : null;
}

/** A resolved reference's name ("China", "Xi Jinping"), or the reference itself when it names nothing. */
export const nameOf = (r: Resolved): string => (r.kind === "unknown" ? r.ref : r.name);

/** How a form writes a resolved reference: a country (or a state) by its code, another actor by its id. */
export const codeOrRef = (r: Resolved): string => (r.kind === "country" ? r.code : r.kind === "unknown" ? r.ref : r.actorKind === "state" && r.code ? r.code : r.id);
