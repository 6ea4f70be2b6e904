/** Charts drawn with Observable Plot (loaded on first use, so the first view stays light). */
import type { CountRow, TimelineRow } from "../../src/store/model.ts";
import type { ChartInterval } from "./periods.ts";
import { EVENT_TYPES, isCooperative, typeColour } from "./quads.ts";

const PLOT_INTERVAL: Record<ChartInterval, "day" | "monday" | "month" | "year"> = { day: "day", week: "monday", month: "month", year: "year" };

interface Bar {
  date: Date;
  type: string;
  count: number;
}

const bars = (rows: TimelineRow[]): Bar[] => rows.map((r) => ({ date: new Date(`${r.period}T00:00:00Z`), type: r.type, count: r.count }));

/** Events per period stacked by type; dragging across it calls `onBrush` with the dates spanned. */
export async function stackedTimeline(rows: TimelineRow[], interval: ChartInterval, width: number, onBrush: (from: string, to: string) => void): Promise<Element> {
  const Plot = await import("@observablehq/plot");
  const present = EVENT_TYPES.filter((t) => rows.some((r) => r.type === t));
  const chart = Plot.plot({
    width,
    height: 280,
    marginLeft: 44,
    x: { type: "utc", label: null },
    y: { grid: true, label: "events" },
    color: { domain: present, range: present.map(typeColour), legend: true },
    marks: [Plot.rectY(bars(rows), { x: "date", interval: PLOT_INTERVAL[interval], y: "count", fill: "type", title: (d: Bar) => `${d.date.toISOString().slice(0, 10)} ${d.type}: ${d.count}` }), Plot.ruleY([0])],
  });
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector(":scope > svg");
  const x = chart.scale("x");
  if (svg instanceof SVGSVGElement && x?.invert) addBrush(svg, (a, b) => onBrush(isoDay(x.invert!(a)), isoDay(x.invert!(b))));
  return chart;
}

/** Events per month as a small histogram (the events view's date facet); dragging across it calls `onBrush`. */
export async function monthHistogram(months: CountRow[], width: number, onBrush: (from: string, to: string) => void): Promise<Element> {
  const Plot = await import("@observablehq/plot");
  const data = months.map((m) => ({ date: new Date(`${m.key}-01T00:00:00Z`), count: m.count }));
  const chart = Plot.plot({
    width,
    height: 110,
    marginLeft: 34,
    marginRight: 8,
    x: { type: "utc", label: null, ticks: 3 },
    y: { label: null, ticks: 3 },
    marks: [Plot.rectY(data, { x: "date", interval: "month", y: "count", fill: "#56606b", title: (d: { date: Date; count: number }) => `${d.date.toISOString().slice(0, 7)}: ${d.count}` }), Plot.ruleY([0])],
  });
  const x = chart.scale("x");
  if (chart instanceof SVGSVGElement && x?.invert) addBrush(chart, (a, b) => onBrush(isoDay(x.invert!(a)), isoDay(x.invert!(b))));
  return chart;
}

/** Cooperative events above the axis, conflictual below, per period. */
export async function balanceChart(rows: TimelineRow[], width: number): Promise<Element> {
  const Plot = await import("@observablehq/plot");
  const data = bars(rows).map((b) => ({ ...b, side: isCooperative(b.type) ? "cooperative" : "conflictual", signed: isCooperative(b.type) ? b.count : -b.count }));
  return Plot.plot({
    width,
    height: 220,
    marginLeft: 44,
    x: { type: "utc", label: null },
    y: { grid: true, label: "↑ cooperative · conflictual ↓" },
    color: { domain: ["cooperative", "conflictual"], range: ["#2f7ed8", "#c51b2a"], legend: true },
    marks: [Plot.rectY(data, { x: "date", interval: "month", y: "signed", fill: "side" }), Plot.ruleY([0])],
  });
}

/** A drag-to-select band over a chart; calls back with the pixel range in the SVG's coordinates. */
function addBrush(svg: SVGSVGElement, done: (x0: number, x1: number) => void): void {
  const band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  band.setAttribute("class", "brush");
  band.setAttribute("y", "0");
  band.setAttribute("height", String(svg.viewBox.baseVal?.height || svg.clientHeight));
  band.setAttribute("width", "0");
  svg.append(band);
  svg.classList.add("brushable");
  let start: number | null = null;
  const at = (e: PointerEvent): number => {
    const box = svg.getBoundingClientRect();
    const scale = (svg.viewBox.baseVal?.width || box.width) / box.width;
    return (e.clientX - box.left) * scale;
  };
  svg.addEventListener("pointerdown", (e) => {
    start = at(e);
    svg.setPointerCapture(e.pointerId);
    band.setAttribute("x", String(start));
    band.setAttribute("width", "0");
  });
  svg.addEventListener("pointermove", (e) => {
    if (start === null) return;
    const now = at(e);
    band.setAttribute("x", String(Math.min(start, now)));
    band.setAttribute("width", String(Math.abs(now - start)));
  });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const end = at(e);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    if (b - a >= 4) done(a, b);
    else band.setAttribute("width", "0");
  });
}

const isoDay = (value: unknown): string => {
  const d = value instanceof Date ? value : new Date(Number(value));
  return d.toISOString().slice(0, 10);
};
