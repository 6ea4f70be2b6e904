/** 2. Evidence: a document with every event's trigger and participant mentions highlighted. */
import type { DocumentView, EventView } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { badge, downloads, people, triggerOf } from "../components.ts";
import { h } from "../dom.ts";
import { highlightedText, type Mark } from "../highlight.ts";
import { scanMarkup, shownText, type Markup } from "../markup.ts";
import { quadOf } from "../quads.ts";
import { href, navigate, type Route } from "../route.ts";
import "./evidence.css";

export async function renderEvidence(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const doc = await getJson<DocumentView>(`/documents/${encodeURIComponent(route.id)}`, undefined, signal);
  const selected = route.params.get("event") ?? "";
  const names = new Map<string, string>();
  for (const e of doc.events) for (const p of [...e.actor, ...e.recipient]) names.set(p.id, p.name);

  const marks: Mark[] = [
    ...doc.mentions
      .filter((m) => m.actor !== null)
      .map((m) => ({ start: m.start, end: m.end, className: "mention", title: names.get(m.actor!) ?? m.actor! })),
    ...doc.events.map((e) => ({
      start: e.text_info.trigger_start,
      end: e.text_info.trigger_end,
      className: `trigger q-${quadOf(e.event) ?? "none"}${e.id === selected ? " selected" : ""}`,
      title: `${e.event} trigger`,
      event: e.id,
    })),
  ];
  // the text's markup (`**bold**`, `\###`, `<!-- -->`…) drawn, not shown: its characters stay, so offsets hold
  const text = highlightedText(doc.text, doc.sentences, marks, { markup: true });
  const markup = scanMarkup(doc.text);
  // a trigger in the text selects its event, as its entry in the list does
  text.addEventListener("click", (ev) => {
    const id = (ev.target as HTMLElement).closest("mark[data-event]")?.getAttribute("data-event");
    if (id) navigate(href("doc", { event: id }, doc.id));
  });
  const chosen = doc.events.find((e) => e.id === selected);
  if (chosen) text.querySelector(`#s-${chosen.text_info.sequence}`)?.classList.add("current");

  root.append(
    h("h1", {}, doc.title ?? doc.id),
    h(
      "p",
      { class: "meta" },
      [doc.publisher, doc.date].filter(Boolean).join(" · ") || "no publisher or date",
      " · ",
      // (a web address only: a "javascript:" or "data:" link stored by an older readout would run in this page)
      doc.url && /^https?:\/\//i.test(doc.url) ? h("a", { href: doc.url, rel: "noopener noreferrer", target: "_blank" }, "source") : h("span", { class: "muted" }, "no source URL"),
      " · ",
      h("span", { class: "code" }, doc.id),
    ),
    downloads([{ label: "Document", path: `/documents/${encodeURIComponent(doc.id)}`, csv: false }, { events: new URLSearchParams({ doc: doc.id }), total: doc.events.length }]),
    h(
      "div",
      { class: "with-side evidence" },
      h("aside", { "aria-label": "Events in this document" }, h("h2", {}, `${doc.events.length} events`), eventList(doc, selected, markup)),
      h("article", { "aria-label": "Document text" }, h("p", { class: "legend" }, h("mark", { class: "trigger" }, "trigger"), " ", h("mark", { class: "mention" }, "actor or recipient")), text),
    ),
  );
  if (chosen) requestAnimationFrame(() => root.querySelector(`#s-${chosen.text_info.sequence}`)?.scrollIntoView({ block: "center" }));
}

function eventList(doc: DocumentView, selected: string, markup: Markup): HTMLElement {
  return h(
    "ol",
    { class: "event-list" },
    ...doc.events.map((e: EventView) =>
      h(
        "li",
        { class: e.id === selected ? "selected" : null },
        h(
          "button",
          { type: "button", "aria-pressed": e.id === selected ? "true" : "false", onclick: () => navigate(href("doc", { event: e.id }, doc.id)) },
          badge(e.event),
          " ",
          h("q", { class: "trigger-word" }, shownText(doc.text, e.text_info.trigger_start, e.text_info.trigger_end, markup) || triggerOf(e)),
          ` ${e.date ?? "—"} · sentence ${e.text_info.sequence + 1}`,
        ),
        h("div", { class: "who" }, people(e.actor), " → ", people(e.recipient)),
        h("div", { class: "snippet" }, snippet(doc.text, e, markup)),
      ),
    ),
  );
}

/** The words around an event's trigger in its sentence, at most about 120 characters, without the text's markup. */
function snippet(text: string, e: EventView, markup: Markup): string {
  const { start, end, trigger_start: at } = e.text_info;
  const from = Math.max(start, at - 60);
  const to = Math.min(end, at + 60);
  return `${from > start ? "…" : ""}${shownText(text, from, to, markup).trim()}${to < end ? "…" : ""}`;
}
