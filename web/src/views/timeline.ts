/** 3. Timeline: events per day, week or month, stacked by type; brushing a range sets from/to for every view. */
import type { EventsBody } from "../../../src/server/app.ts";
import type { Interval, TimelineRow } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { stackedTimeline } from "../charts.ts";
import { downloads, eventTable, filterForm } from "../components.ts";
import { h, message } from "../dom.ts";
import { filtersOf, href, navigate, type Route } from "../route.ts";

const INTERVALS: readonly Interval[] = ["day", "week", "month"];

export async function renderTimeline(root: HTMLElement, route: Route, signal: AbortSignal): Promise<void> {
  const interval = (INTERVALS as readonly string[]).includes(route.params.get("interval") ?? "") ? (route.params.get("interval") as Interval) : "month";
  const filters = filtersOf(route.params);
  const query = new URLSearchParams(filters);
  query.set("interval", interval);

  const intervalPicker = h(
    "div",
    { class: "field" },
    h("label", { for: "f-interval" }, "Interval"),
    h("select", { id: "f-interval", name: "interval" }, ...INTERVALS.map((i) => h("option", { value: i, selected: i === interval }, i))),
  );
  const chartBox = h("figure", { class: "chart", "aria-label": "Events over time, stacked by type" }, message("Loading the timeline…"));
  const table = h("section", { "aria-live": "polite" });
  const zoomed = route.params.get("from") || route.params.get("to");
  const reset = new URLSearchParams(route.params);
  reset.delete("from");
  reset.delete("to");
  root.append(
    h("h1", {}, "Timeline"),
    filterForm(route, [intervalPicker]),
    downloads([{ label: "Timeline", path: "/timeline", params: query }]),
    h("p", { class: "hint" }, "Drag across the chart to zoom to those dates (or set From and To above). ", zoomed ? h("a", { href: href("timeline", reset) }, "Show all dates") : null),
    chartBox,
    table,
  );

  const [rows, page] = await Promise.all([
    getJson<TimelineRow[]>("/timeline", query, signal),
    getJson<EventsBody>("/events", withLimit(filters, 20), signal),
  ]);
  const width = Math.max(320, Math.min(1100, root.clientWidth || 800));
  chartBox.replaceChildren(
    rows.length
      ? await stackedTimeline(rows, interval, width, (from, to) => {
          const params = new URLSearchParams(route.params);
          params.set("from", from);
          params.set("to", to);
          navigate(href("timeline", params));
        })
      : message("No events match these filters.", "empty"),
  );
  table.replaceChildren(
    page.events.length ? eventTable(page.events, `The latest ${page.events.length} of ${page.total.toLocaleString("en")} ${page.total === 1 ? "event" : "events"} in this range`) : message("No events in this range.", "empty"),
    h("p", {}, h("a", { href: href("events", filters) }, `All ${page.total.toLocaleString("en")} in the explorer »`)),
  );
}

function withLimit(filters: URLSearchParams, limit: number): URLSearchParams {
  const q = new URLSearchParams(filters);
  q.set("_limit", String(limit));
  return q;
}
