import type { PloverRecord } from "./plover.ts";

const who = (list: PloverRecord["actor"]) => list.map((e) => `${e.name} (${e.code ?? "?"})`).join(", ") || "—";

/** Events as aligned columns for people reading a terminal. */
export function tableHeader(): string {
  return ["doc", "date", "event", "mode", "actor", "recipient", "trigger"].join("\t");
}

export function tableRow(r: PloverRecord): string {
  const trigger = r.text.slice(r.text_info.trigger_start - r.text_info.start, r.text_info.trigger_end - r.text_info.start);
  return [r.doc, r.date ?? "—", r.event, r.mode.join(",") || "—", who(r.actor), who(r.recipient), trigger].join("\t");
}
