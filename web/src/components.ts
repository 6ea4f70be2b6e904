/** Pieces shared by the views: type badges, the filter form, download links, the events table. */
import type { EventsBody } from "../../src/server/app.ts";
import type { ActorSummary, CountRow, EventView, ParticipantView } from "../../src/store/model.ts";
import { apiUrl, getJson } from "./api.ts";
import { shortPublisher } from "./publishers.ts";
import { nameOf, resolveReference, type Resolved } from "./references.ts";
import { h, type Child } from "./dom.ts";
import { quadOf } from "./quads.ts";
import { FILTER_KEYS, href, navigate, type FilterKey, type Route } from "./route.ts";
import { EVENT_TYPES } from "./quads.ts";

export function badge(type: string): HTMLElement {
  return h("span", { class: `badge q-${quadOf(type) ?? "none"}` }, type);
}

const LABELS: Record<FilterKey, string> = {
  actor: "Actor",
  recipient: "Recipient",
  party: "Country (party)",
  type: "Type",
  mode: "Mode",
  context: "Context",
  publisher: "Publisher",
  doc: "Document",
  from: "From",
  to: "To",
  q: "Text",
};
const HINTS: Partial<Record<FilterKey, string>> = {
  actor: "id, name or code",
  recipient: "id, name or code",
  party: "CHN, or CHN,USA",
  mode: "visit, phone …",
  doc: "document id",
  q: "words in the text",
};

/** The filters as a labelled form; submitting it puts them in the URL. */
export function filterForm(route: Route, extra: HTMLElement[] = []): HTMLFormElement {
  const field = (key: FilterKey): HTMLElement => {
    const id = `f-${key}`;
    const value = route.params.getAll(key).join(",");
    let control: HTMLElement;
    if (key === "type" || key === "publisher" || key === "context") {
      // (every type at first, and the URL's value; then only what the database holds, with its events)
      const first = key === "type" ? EVENT_TYPES : value ? [value] : [];
      const select = h("select", { id, name: key }, h("option", { value: "" }, "any"), ...first.map((t) => h("option", { value: t, selected: t === value }, t))) as HTMLSelectElement;
      void fillChoices(select, key, value);
      control = select;
    } else if (key === "actor" || key === "recipient" || key === "party") {
      const list = h("datalist", { id: `${id}-list` });
      const input = h("input", { id, name: key, type: "search", value, placeholder: HINTS[key] ?? null, autocomplete: "off", list: `${id}-list` });
      suggestActors(input as HTMLInputElement, list);
      const named = h("span", { class: "resolved", id: `${id}-named`, "aria-live": "polite" });
      if (value) void nameReferences(value, named);
      return h("div", { class: "field" }, h("label", { for: id }, LABELS[key]), input, list, named);
    } else {
      control = h("input", { id, name: key, type: key === "from" || key === "to" ? "date" : "search", value, placeholder: HINTS[key] ?? null, autocomplete: "off" });
    }
    return h("div", { class: "field" }, h("label", { for: id }, LABELS[key]), control);
  };
  // (on a narrow screen the filters fold behind one button, saying how many are set; on a wide one they stay open)
  const set = FILTER_KEYS.filter((k) => route.params.get(k)).length;
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filters" },
    h(
      "details",
      { class: "filter-box", open: !window.matchMedia("(max-width: 599px)").matches },
      h("summary", { class: "button secondary" }, "Filters", set ? h("span", { class: "set" }, ` · ${set} set`) : null),
      h(
        "div",
        { class: "filter-fields" },
        ...FILTER_KEYS.map(field),
        ...extra,
        h("div", { class: "field buttons" }, h("button", { type: "submit" }, "Apply"), h("a", { href: href(route.view, keepNonFilters(route.params), route.id), class: "button secondary" }, "Clear")),
      ),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const params = keepNonFilters(route.params);
    params.delete("_next");
    for (const [k, v] of new FormData(form)) if (typeof v === "string" && v.trim()) params.set(k, v.trim());
    navigate(href(route.view, params, route.id));
  });
  return form;
}

type Choice = "type" | "publisher" | "context";
/** The types, publishers and contexts the database holds, with their events (all time): asked once per page load. */
let held: Promise<Record<Choice, CountRow[]>> | null = null;
function databaseChoices(): Promise<Record<Choice, CountRow[]>> {
  held ??= getJson<EventsBody>("/events", new URLSearchParams({ _limit: "1", _facet: "type,publisher,context" })).then(
    (b) => ({ type: b.facets?.type ?? [], publisher: b.facets?.publisher ?? [], context: b.facets?.context ?? [] }),
    () => {
      held = null;
      return { type: [], publisher: [], context: [] };
    },
  );
  return held;
}

/**
 * A type, publisher or context menu with what the database holds: types in PLOVER's order, the others busiest first
 * (publishers by their short names, the full one in the tooltip), each with its events; the URL's value stays.
 */
async function fillChoices(select: HTMLSelectElement, key: Choice, value: string): Promise<void> {
  // (events without a publisher have none to choose)
  const rows = (await databaseChoices())[key].filter((r) => r.key);
  if (!rows.length) return;
  const count = new Map(rows.map((r) => [r.key, r.count]));
  const keys = key === "type" ? EVENT_TYPES.filter((t) => count.has(t)) : rows.map((r) => r.key);
  if (value && !keys.includes(value)) keys.push(value);
  select.replaceChildren(
    h("option", { value: "" }, "any"),
    ...keys.map((k) => {
      const n = count.get(k);
      const label = key === "publisher" ? shortPublisher(k) : k;
      return h("option", { value: k, selected: k === value, title: key === "publisher" ? k : null }, n === undefined ? label : `${label} (${n.toLocaleString("en")})`);
    }),
  );
}

/**
 * Under a participant field, what its value names: a code or a country's name as the country ("CHN" and "China":
 * China), an id as its actor ("person:xi-jinping": Xi Jinping); several values, each so.
 */
async function nameReferences(value: string, into: HTMLElement): Promise<void> {
  const refs = value.split(",").map((v) => v.trim()).filter(Boolean);
  const names = await Promise.all(refs.map((ref) => resolveReference(ref).catch((): Resolved => ({ kind: "unknown", ref }))));
  // (said only when it tells more than the field: a name for a code or an id)
  const shown = names.map((r) => (r.kind === "country" ? `${r.name} (${r.code})` : nameOf(r)));
  into.textContent = shown.some((s, i) => s !== refs[i]) ? shown.join(", ") : "";
}

/**
 * Suggests actors as the user types (name, office, country and events, from `/actors?q=`): choosing one puts its id
 * in the field, which names it exactly. Answers that come back after a later keystroke's are dropped.
 */
function suggestActors(input: HTMLInputElement, list: HTMLElement): void {
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2 || q.includes(":")) return list.replaceChildren();
    timer = setTimeout(async () => {
      const mine = ++asked;
      const res = await fetch(apiUrl("/actors", new URLSearchParams({ q, _limit: "10" })), { headers: { Accept: "application/json" } }).catch(() => null);
      const hits = res?.ok ? ((await res.json()) as ActorSummary[]) : [];
      if (mine !== asked) return;
      list.replaceChildren(
        ...hits.map((a) => h("option", { value: a.id, label: [a.name, a.office, a.code, `${a.events.toLocaleString("en")} events`].filter(Boolean).join(" · ") })),
      );
    }, 150);
  });
}

function keepNonFilters(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (!(FILTER_KEYS as readonly string[]).includes(k) && k !== "_next") out.append(k, v);
  return out;
}

/** Links to the view's data as CSV and JSON, straight from the API. */
/** A download of a route's answer (JSON, and CSV unless `csv` is false), or of every event under filters (`events`). */
export type Download = { label: string; path: string; params?: URLSearchParams; csv?: boolean } | { events: URLSearchParams; total?: number };

/** The files a view offers: answers as they are, and whole event results streamed by the API (no page limit). */
export function downloads(links: Download[]): HTMLElement {
  return h(
    "p",
    { class: "downloads" },
    "Download: ",
    ...links.flatMap((link) => {
      if ("events" in link) {
        const all = link.total === undefined ? "All events" : `All ${link.total.toLocaleString("en")} ${link.total === 1 ? "event" : "events"}`;
        return [
          h("span", { class: "label" }, `${all}:`),
          h("a", { href: apiUrl("/export/events.csv", link.events), download: "", "data-format": "csv", type: "text/csv" }, "CSV"),
          h("a", { href: apiUrl("/export/events.jsonl", link.events), download: "", "data-format": "jsonl", type: "application/x-ndjson" }, "JSON Lines"),
          h("a", { href: apiUrl("/export/events.plover.jsonl", link.events), download: "", "data-format": "plover", type: "application/x-ndjson", title: "PLOVER records, as readout export writes them" }, "PLOVER JSON Lines"),
        ];
      }
      const { label, path, params, csv = true } = link;
      return [
        h("a", { href: apiUrl(path, params), download: "", "data-format": "json", type: "application/json" }, `${label} JSON`),
        csv ? h("a", { href: apiUrl(`${path}.csv`, params), download: "", "data-format": "csv", type: "text/csv" }, `${label} CSV`) : null,
      ];
    }),
  );
}

export function people(list: ParticipantView[]): Child {
  if (!list.length) return h("span", { class: "muted" }, "—");
  const span = h("span", {});
  list.forEach((p, i) => {
    if (i) span.append(", ");
    span.append(h("a", { href: href("actor", {}, p.id), title: p.office ?? p.name }, p.name), p.code ? h("span", { class: "code" }, ` ${p.code}`) : "");
  });
  return span;
}

export const evidenceHref = (e: EventView): string => href("doc", { event: e.id }, e.doc);

/** The columns an event list can be sorted by, and the API's `_sort` for each (its reverse is `-` before it). */
const SORTABLE: Partial<Record<string, { sort: string; first: "asc" | "desc" }>> = {
  Date: { sort: "date", first: "desc" },
  Type: { sort: "type", first: "asc" },
  Actor: { sort: "actor", first: "asc" },
  Recipient: { sort: "recipient", first: "asc" },
};

/**
 * A column heading that sorts the list: a link to the same view with `_sort` set (the first click sorts the
 * column its natural way, dates newest first, names A to Z; the next reverses it), its state in `aria-sort`.
 */
function sortHeading(label: string, sorting: { route: Route; sort: string } | undefined): HTMLElement {
  const col = SORTABLE[label];
  if (!sorting || !col) return h("th", { scope: "col" }, label);
  const current = sorting.sort.replace(/^-/, "") === col.sort ? (sorting.sort.startsWith("-") ? "desc" : "asc") : null;
  // (dates are stored oldest first: "date" ascending, "-date" descending; the other keys A to Z)
  const asSort = (dir: "asc" | "desc") => (col.sort === "date" ? (dir === "asc" ? "date" : "-date") : dir === "asc" ? col.sort : `-${col.sort}`);
  const next = current ? (current === "asc" ? "desc" : "asc") : col.first;
  const params = new URLSearchParams(sorting.route.params);
  params.delete("_next");
  params.set("_sort", asSort(next));
  if (params.get("_sort") === "-date") params.delete("_sort");
  const arrow = current === "asc" ? " ▲" : current === "desc" ? " ▼" : "";
  return h(
    "th",
    { scope: "col", "aria-sort": current === "asc" ? "ascending" : current === "desc" ? "descending" : "none" },
    h("a", { href: href(sorting.route.view, params, sorting.route.id), class: "sort", title: `Sort by ${label.toLowerCase()}${current ? ", reversed" : ""}` }, label, h("span", { class: "arrow", "aria-hidden": "true" }, arrow)),
  );
}

/** The captions' words for each order of an event list. */
export const SORT_WORDS: Record<string, string> = {
  "-date": "newest first",
  date: "oldest first",
  type: "by type, A to Z",
  "-type": "by type, Z to A",
  actor: "by actor, A to Z",
  "-actor": "by actor, Z to A",
  recipient: "by recipient, A to Z",
  "-recipient": "by recipient, Z to A",
};

/**
 * Events as a table; a row (or Enter on it) opens its evidence. With `sorting`, the date, type, actor and recipient
 * headings sort the list (through the URL).
 */
export function eventTable(events: EventView[], caption: string, sorting?: { route: Route; sort: string }): HTMLElement {
  const rows = events.map((e) => {
    const open = () => navigate(evidenceHref(e));
    const tr = h(
      "tr",
      { tabindex: 0, class: "clickable", "data-event": e.id, "aria-label": `${e.event} on ${e.date ?? "unknown date"}: open evidence` },
      // (each cell names its column, for the cards a narrow screen shows instead of the table)
      h("td", { class: "nowrap", "data-label": "Date" }, e.date ?? "—"),
      h("td", { "data-label": "Type" }, badge(e.event)),
      h("td", { class: "trigger-word", "data-label": "Trigger" }, triggerOf(e)),
      h("td", { "data-label": "Actor" }, people(e.actor)),
      h("td", { "data-label": "Recipient" }, people(e.recipient)),
      h("td", { class: "sentence", "data-label": "Sentence" }, trimmed(e.text, 180)),
      h("td", { class: "nowrap", "data-label": "Mode" }, e.mode.join(", ") || "—"),
    );
    tr.addEventListener("click", (ev) => {
      if ((ev.target as HTMLElement).closest("a")) return;
      open();
    });
    tr.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && !(ev.target as HTMLElement).closest("a")) open();
    });
    return tr;
  });
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "events" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...["Date", "Type", "Trigger", "Actor", "Recipient", "Sentence", "Mode"].map((c) => sortHeading(c, sorting)))),
      h("tbody", {}, ...rows),
    ),
  );
}

const trimmed = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The words of its sentence an event was coded from (offsets are the document's; the sentence starts at `start`). */
export const triggerOf = (e: EventView): string => e.text.slice(e.text_info.trigger_start - e.text_info.start, e.text_info.trigger_end - e.text_info.start);
