/**
 * A text with marked spans (triggers, mentions), sentence by sentence. Spans
 * may nest or overlap: the text is cut at every span boundary and each piece
 * gets the classes of the spans covering it.
 *
 * With `markup`, the text's source markup (markup.ts) is drawn too: bold as
 * bold, a heading as a heading, markup characters hidden. They stay in the DOM
 * inside hidden spans, so every character of a sentence is still there, in
 * order, and every highlight covers exactly its characters.
 */
import { h } from "./dom.ts";
import { layoutSentence, noMarkup, scanMarkup, separation, visible, type Mark, type Node as Laid } from "./markup.ts";

export type { Mark };

export interface SentenceRange {
  index: number;
  start: number;
  end: number;
  skip: string | null;
}

export interface HighlightOptions {
  /** Draw the text's Markdown and HTML markup instead of showing its characters (the evidence view). */
  markup?: boolean;
}

export function highlightedText(text: string, sentences: SentenceRange[], marks: Mark[], options: HighlightOptions = {}): HTMLElement {
  const markup = options.markup ? scanMarkup(text) : noMarkup();
  const root = h("div", { class: `doc-text${options.markup ? " with-markup" : ""}` });
  let paragraph = h("p", {});
  // whether the paragraph shows anything: one holding only hidden markup (a `<!-- -->` line) is not drawn
  let shown = false;
  const close = (className: string | null) => {
    if (!shown && options.markup) paragraph.classList.add("md-blank");
    root.append(paragraph);
    paragraph = h("p", { class: className });
    shown = false;
  };
  let cursor = 0;
  for (const s of sentences) {
    if (options.markup) {
      // a soft line break of wrapped text is a space; a blank line, a heading or a bullet starts a new block
      const gap = separation(text, cursor, s.start, markup.wrapped);
      if ((gap === "paragraph" || gap === "item") && paragraph.childNodes.length) close(gap === "item" ? "md-li" : null);
      else if (gap === "item") paragraph.classList.add("md-li");
      else if (gap !== "none" && paragraph.childNodes.length) paragraph.append(" ");
    } else if (text.slice(cursor, s.start).includes("\n") && paragraph.childNodes.length) {
      // line breaks between sentences become paragraphs
      close(null);
    } else if (cursor < s.start) paragraph.append(" ");
    const span = h("span", { class: `sentence${s.skip ? " skipped" : ""}`, id: `s-${s.index}`, "data-sentence": s.index, title: s.skip ? `not coded: ${s.skip}` : null });
    span.append(...layoutSentence(text, s.start, s.end, marks, markup).map(toDom));
    if (visible(text, s.start, s.end, markup)) shown = true;
    else if (options.markup) span.classList.add("md-blank");
    paragraph.append(span);
    cursor = s.end;
  }
  close(null);
  return root;
}

/** A laid-out node as DOM. */
function toDom(node: Laid): globalThis.Node {
  if (typeof node === "string") return document.createTextNode(node);
  return h(node.tag, node.attrs, ...node.children.map(toDom));
}
