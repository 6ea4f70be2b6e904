import { createHash } from "node:crypto";
import type { Doc, Entity, Mention, Sentence } from "../doc/document.ts";
import type { SourceDocument } from "../doc/source.ts";
import { toPlover } from "../export/plover.ts";
import { fold } from "../kb/fold.ts";
import type { KnowledgeBase } from "../kb/kb.ts";
import type { ActorRecord, DocumentRecord, MentionRecord, ParticipantRecord, SentenceRecord } from "./model.ts";

/**
 * Bumped whenever the coder's output for the same text may change, so that a
 * re-ingest after an upgrade recodes what it must (see `contentHash`).
 */
export const CODER_VERSION = "2026-12-01";

const slug = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "x";

/** The stable id an entity is stored under, the same in every document that names it. */
export function actorId(e: Pick<Entity, "kind" | "kbKey" | "code" | "name">): string {
  switch (e.kind) {
    case "state":
      return `state:${e.code ?? slug(e.name)}`;
    case "org":
      return e.kbKey ? `org:${slug(e.kbKey)}` : `org:${slug(e.name)}@${e.code ?? "-"}`;
    case "person":
      return e.kbKey ? `person:${slug(e.kbKey)}` : `person:${slug(e.name)}@${e.code ?? "-"}`;
    default:
      return `group:${slug(e.name)}@${e.code ?? "-"}`;
  }
}

/** What decides whether a stored document is current: its text, its metadata and the coder version. */
export function contentHash(source: SourceDocument): string {
  const m = source.meta;
  return createHash("sha256")
    .update(JSON.stringify([CODER_VERSION, source.id, m.source, m.publisher, m.storyDate, m.title, m.url, source.text]))
    .digest("hex");
}

export const sentenceRecord = (s: Sentence): SentenceRecord => ({ index: s.index, start: s.start, end: s.end, skip: s.skip });

/** Where a mention stands: its sentence, type and offsets (with and without its titles). */
export const mentionPlace = (m: Mention): Omit<MentionRecord, "actor"> => ({
  sentence: m.sentence,
  type: m.type,
  start: m.start,
  end: m.end,
  fullStart: m.fullStart,
  fullEnd: m.fullEnd,
});

/** A coded document as the database keeps it (`hash`: its `contentHash`, when the caller has it already). */
export function toRecord(doc: Doc, kb: KnowledgeBase, hash = contentHash(doc.source)): DocumentRecord {
  const src = doc.source;
  const ids = doc.entities.map((e) => actorId(e));
  const actors = new Map<string, ActorRecord>();
  const used = new Set<number>();
  const plover = toPlover(doc);
  const events = doc.events.map((ev, k) => {
    const rec = plover[k]!;
    const participants: ParticipantRecord[] = [];
    const side = (role: ParticipantRecord["role"], list: typeof ev.actor, texts: typeof rec.actor) =>
      list.forEach((p, j) => {
        used.add(p.entity);
        const t = texts[j]!;
        participants.push({ actor: ids[p.entity]!, role, name: t.name, code: t.code, office: t.office, sector: t.sector, text: t.entity_text });
      });
    side("actor", ev.actor, rec.actor);
    side("recipient", ev.recipient, rec.recipient);
    return {
      id: rec.id,
      sentence: ev.sentence,
      date: ev.date,
      type: ev.type,
      mode: ev.mode,
      context: ev.context,
      cameo: ev.cameo,
      triggerStart: ev.trigger.start,
      triggerEnd: ev.trigger.end,
      participants,
    };
  });
  for (const m of doc.mentions) if (m.entity >= 0) used.add(m.entity);
  for (const i of used) {
    const e = doc.entities[i]!;
    const id = ids[i]!;
    if (actors.has(id)) continue;
    const offices =
      e.kind === "person" && e.kbKey
        ? kb.tenuresOf(e.kbKey, null).map((t) => ({ office: t.office, code: t.code, start: t.start, end: t.end }))
        : [];
    actors.set(id, { id, name: e.name, kind: e.kind, code: e.code, office: e.office, source: e.source, offices });
  }
  return {
    id: src.id,
    source: src.meta.source,
    publisher: src.meta.publisher,
    url: src.meta.url,
    date: src.meta.storyDate,
    title: src.meta.title,
    text: doc.text,
    hash,
    sentences: doc.sentences.map(sentenceRecord),
    actors: [...actors.values()],
    mentions: doc.mentions.map((m) => ({ actor: m.entity >= 0 ? ids[m.entity]! : null, ...mentionPlace(m) })),
    events,
  };
}
