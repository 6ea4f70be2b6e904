/**
 * A text with marked spans (triggers, mentions), sentence by sentence. Spans
 * may nest or overlap: the text is cut at every span boundary and each piece
 * gets the classes of the spans covering it.
 */
import { h } from "./dom.ts";

export interface Mark {
  start: number;
  end: number;
  className: string;
  title?: string;
  /** Set as data-event on the piece (to find a trigger). */
  event?: string;
}

export interface SentenceRange {
  index: number;
  start: number;
  end: number;
  skip: string | null;
}

export function highlightedText(text: string, sentences: SentenceRange[], marks: Mark[]): HTMLElement {
  const root = h("div", { class: "doc-text" });
  let paragraph = h("p", {});
  let cursor = 0;
  for (const s of sentences) {
    // line breaks between sentences become paragraphs
    if (text.slice(cursor, s.start).includes("\n") && paragraph.childNodes.length) {
      root.append(paragraph);
      paragraph = h("p", {});
    } else if (cursor < s.start) paragraph.append(" ");
    const span = h("span", { class: `sentence${s.skip ? " skipped" : ""}`, id: `s-${s.index}`, "data-sentence": s.index, title: s.skip ? `not coded: ${s.skip}` : null });
    span.append(...pieces(text, s.start, s.end, marks.filter((m) => m.end > s.start && m.start < s.end)));
    paragraph.append(span);
    cursor = s.end;
  }
  root.append(paragraph);
  return root;
}

function pieces(text: string, start: number, end: number, marks: Mark[]): Node[] {
  const cuts = new Set([start, end]);
  for (const m of marks) {
    cuts.add(Math.max(start, m.start));
    cuts.add(Math.min(end, m.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Node[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const covering = marks.filter((m) => m.start <= a && m.end >= b);
    const chunk = text.slice(a, b);
    if (!covering.length) {
      out.push(document.createTextNode(chunk));
      continue;
    }
    const ev = covering.find((m) => m.event)?.event;
    const title = covering.map((m) => m.title).filter(Boolean).join("; ");
    out.push(h("mark", { class: covering.map((m) => m.className).join(" "), title: title || null, "data-event": ev ?? null }, chunk));
  }
  return out;
}
