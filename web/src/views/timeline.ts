/** 3. Timeline: events per day, week or month, stacked by type; brushing a range sets from/to for every view. */
import type { EventsBody } from "../../../src/server/app.ts";
import type { Interval, TimelineRow } from "../../../src/store/model.ts";
import { getJson } from "../api.ts";
import { stackedTimeline } from "../charts.ts";
import { coarsen, frame } from "../periods.ts";
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
  const width = Math.max(300, Math.min(1100, root.clientWidth || 800));
  const all = route.params.get("extent") === "all" || zoomed;
  const framed = all ? { rows, left: 0, right: 0 } : frame(rows);
  // (the plot's width less its margins, in periods of at least two pixels, a pixel between bars: bars of a pixel or
  // more; days become months and months years where there is no room)
  const { rows: drawn, by } = coarsen(framed.rows, interval, (width - 60) / 2);
  const notes: Array<Node | string> = [];
  if (framed.left || framed.right) {
    const everything = new URLSearchParams(route.params);
    everything.set("extent", "all");
    notes.push(
      `${[framed.left ? `${framed.left.toLocaleString("en")} ${framed.left === 1 ? "event" : "events"} dated before ${framed.rows[0]!.period.slice(0, 7)}` : "", framed.right ? `${framed.right.toLocaleString("en")} after ${framed.rows.at(-1)!.period.slice(0, 7)}` : ""].filter(Boolean).join(" and ")} (a few far from the rest, often misdated) are left out of the chart. `,
      h("a", { href: href("timeline", everything) }, "Show every date"),
    );
  }
  if (by !== interval) notes.push(`${notes.length ? " " : ""}Drawn by ${by}: bars by ${interval} would be thinner than a pixel here.`);
  chartBox.replaceChildren(
    rows.length
      ? await stackedTimeline(drawn, by, width, (from, to) => {
          const params = new URLSearchParams(route.params);
          params.set("from", from);
          params.set("to", to);
          params.delete("extent");
          navigate(href("timeline", params));
        })
      : message("No events match these filters.", "empty"),
    ...(notes.length ? [h("figcaption", { class: "hint" }, ...notes)] : []),
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
