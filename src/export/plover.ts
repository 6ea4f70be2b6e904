import { createHash } from "node:crypto";
import type { CodedEvent, Doc, Entity, EventParticipant } from "../doc/document.ts";
import type { EventView } from "../store/model.ts";

/** A participant as FORMATS.md's PLOVER record gives it. */
export interface PloverEntity {
  name: string;
  kind: Entity["kind"];
  code: string | null;
  sector: string | null;
  office: string | null;
  entity_text: string;
}

/** One line of readout's PLOVER JSONL export (FORMATS.md). */
export interface PloverRecord {
  id: string;
  doc: string;
  date: string | null;
  event: string;
  mode: string[];
  context: string[];
  cameo: string;
  actor: PloverEntity[];
  recipient: PloverEntity[];
  text: string;
  text_info: { sequence: number; start: number; end: number; trigger_start: number; trigger_end: number };
  cite_info: { title: string | null; publication: string | null; url: string | null };
}

function entityOf(doc: Doc, p: EventParticipant): PloverEntity {
  const e = doc.entities[p.entity]!;
  const m = p.mention >= 0 ? doc.mentions[p.mention] : undefined;
  const governmental = e.kind === "state" || (e.kind === "person" && !!e.office) || (e.kind === "org" && (e.code === "UNO" || e.code === "EUR" || e.code === "IGO"));
  return {
    name: e.name,
    kind: e.kind,
    code: e.code,
    sector: e.code === "NGO" ? "NGO" : governmental ? "GOV" : null,
    office: e.office,
    entity_text: m ? doc.text.slice(m.fullStart, m.fullEnd) : e.name,
  };
}

/**
 * A stable id: the same event of the same text always gets the same id. Events one trigger codes more than once (a
 * trip to several states is a visit to each) are told apart by their order after the first, which keeps the id
 * every other event has always had.
 */
function eventId(doc: Doc, ev: CodedEvent, taken: Set<string>): string {
  const key = `${doc.source.id}\u0000${ev.trigger.start}\u0000${ev.type}`;
  let id = createHash("sha1").update(key).digest("hex").slice(0, 16);
  for (let k = 2; taken.has(id); k++) id = createHash("sha1").update(`${key}\u0000${k}`).digest("hex").slice(0, 16);
  taken.add(id);
  return id;
}

export function toPlover(doc: Doc): PloverRecord[] {
  const taken = new Set<string>();
  return doc.events.map((ev) => {
    const s = doc.sentences[ev.sentence]!;
    return {
      id: eventId(doc, ev, taken),
      doc: doc.source.id,
      date: ev.date,
      event: ev.type,
      mode: ev.mode ? [ev.mode] : [],
      context: ev.context,
      cameo: ev.cameo,
      actor: ev.actor.map((p) => entityOf(doc, p)),
      recipient: ev.recipient.map((p) => entityOf(doc, p)),
      text: doc.text.slice(s.start, s.end),
      text_info: { sequence: ev.sentence, start: s.start, end: s.end, trigger_start: ev.trigger.start, trigger_end: ev.trigger.end },
      cite_info: { title: doc.source.meta.title, publication: doc.source.meta.publisher, url: doc.source.meta.url },
    };
  });
}

/** The PLOVER record of a stored event, exactly as `readout code` writes it (without the story date and actor ids the API adds). */
export function ploverOf(ev: EventView): PloverRecord {
  const { story_date: _storyDate, ...rest } = ev;
  const entity = ({ id: _id, ...e }: EventView["actor"][number]) => e;
  return { ...rest, actor: ev.actor.map(entity), recipient: ev.recipient.map(entity) };
}
