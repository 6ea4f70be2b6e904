/** 1. Events explorer: filters with facet counts, a table of events, pages by the API's cursor. */
import type { EventsBody } from "../../../src/server/app.ts";
import type { CountRow } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { monthHistogram } from "../charts.ts";
import { downloads, eventTable, filterForm, SORT_WORDS } from "../components.ts";
import { h, message } from "../dom.ts";
import { shortPublisher } from "../publishers.ts";
import { filtersOf, href, navigate, type Route } from "../route.ts";

const FACETS = [
  ["type", "Type", "type"],
  ["country", "Country", "party"],
  ["month", "Month", null],
  ["publisher", "Publisher", "publisher"],
] as const;

export async function renderEvents(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const filters = filtersOf(route.params);
  const query = new URLSearchParams(filters);
  query.set("_limit", route.params.get("_limit") ?? "50");
  const cursor = route.params.get("_next");
  if (cursor) query.set("_next", cursor);
  const sort = route.params.get("_sort") ?? "-date";
  if (sort !== "-date") query.set("_sort", sort);
  query.set("_facet", FACETS.map(([f]) => f).join(","));

  const results = h("section", { class: "results", "aria-live": "polite" }, message("Loading events…"));
  const facets = h("aside", { class: "facets", "aria-label": "Facet counts" });
  root.append(h("h1", {}, "Events"), filterForm(route), h("div", { class: "with-side" }, facets, results));

  const body = await getJson<EventsBody>("/events", query, signal);
  const total = `${body.total.toLocaleString("en")} ${body.total === 1 ? "event" : "events"}`;
  results.replaceChildren(
    h("p", { class: "total" }, body.total ? `${total} match${body.total === 1 ? "es" : ""}` : "No events match"),
    downloads([{ events: filters, total: body.total }]),
    body.events.length
      ? eventTable(body.events, `${body.events.length.toLocaleString("en")} of ${total}${cursor ? " (a later page)" : ""}, ${SORT_WORDS[sort] ?? sort}`, { route, sort })
      : message("No events match these filters.", "empty"),
    pager(route, body.next),
  );
  facets.replaceChildren(...FACETS.map(([key, label, param]) => facetList(route, label, body.facets?.[key] ?? [], param, key)));
  const months = body.facets?.month ?? [];
  if (months.length > 1) {
    // the dates as a histogram one drags across (the month list beneath stays, for the keyboard)
    const width = Math.max(200, Math.min(320, facets.clientWidth || 260));
    const chart = await monthHistogram(months, width, (from, to) => {
      const params = new URLSearchParams(route.params);
      params.delete("_next");
      params.set("from", from);
      params.set("to", to);
      navigate(href("events", params));
    });
    const note = months.length >= 100 ? "the latest 100 months" : "by month";
    facets.querySelector(".facet-month")?.prepend(h("figure", { class: "chart month-histogram", "aria-label": `Events ${note}; drag across to narrow the dates` }, chart));
  }
}

function pager(route: Route, next: string | null): HTMLElement {
  const first = new URLSearchParams(route.params);
  first.delete("_next");
  const later = new URLSearchParams(route.params);
  if (next) later.set("_next", next);
  return h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    route.params.get("_next") ? h("a", { href: href("events", first) }, "« First page") : null,
    next ? h("a", { href: href("events", later), rel: "next" }, "Next page »") : h("span", { class: "muted" }, "End of the results"),
  );
}

function facetList(route: Route, label: string, rows: CountRow[], param: string | null, key: string): HTMLElement {
  // (months in time order, the latest first; the rest the largest 12)
  const items = (key === "month" ? [...rows].reverse() : rows.slice(0, 12)).map((row) => {
    const params = new URLSearchParams(route.params);
    params.delete("_next");
    if (param) params.set(param, row.key);
    else {
      // a month narrows the date range
      params.set("from", `${row.key}-01`);
      params.set("to", lastDay(row.key));
    }
    const label = key === "publisher" ? shortPublisher(row.label) : row.label;
    return h("li", {}, h("a", { href: href("events", params), title: label === row.label ? null : row.label }, label), " ", h("span", { class: "count" }, row.count.toLocaleString("en")));
  });
  // (on a narrow screen, after the results and folded)
  if (key === "month") {
    // (a histogram goes above the list; the list, folded, keeps every month a link)
    return h("section", { class: "facet facet-month" }, h("h2", { class: "facet-title" }, "Dates"), h("details", {}, h("summary", {}, "Months"), items.length ? h("ul", {}, ...items) : h("p", { class: "muted" }, "none")));
  }
  return h("details", { class: "facet", open: !window.matchMedia("(max-width: 599px)").matches }, h("summary", {}, label), items.length ? h("ul", {}, ...items) : h("p", { class: "muted" }, "none"));
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
