/** The periods a timeline draws: its default frame, and bars no thinner than a pixel. */
import type { Interval, TimelineRow } from "../../src/store/model.ts";

/** The periods a chart's bars stand for: the API's intervals, and years (months summed) for long spans. */
export type ChartInterval = Interval | "year";

/**
 * The chart's default frame: the periods holding the data, without the thin tails a few misdated events make (an
 * axis from 1776 for three events). From each end, periods are left out while together they hold under half a
 * percent of the events and lie more than two years from the next; how many events that leaves out is said.
 */
export function frame(rows: TimelineRow[]): { rows: TimelineRow[]; left: number; right: number } {
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  if (periods.length < 3) return { rows, left: 0, right: 0 };
  const per = new Map<string, number>();
  for (const r of rows) per.set(r.period, (per.get(r.period) ?? 0) + r.count);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const budget = total * 0.005;
  const years = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / (365.25 * 86_400_000);
  let lo = 0;
  let left = 0;
  // (a period goes only with every one before it, and only where a gap of over two years follows it)
  for (let i = 0, sum = 0; i < periods.length - 1; i++) {
    sum += per.get(periods[i]!)!;
    if (sum > budget) break;
    if (years(periods[i]!, periods[i + 1]!) > 2) [lo, left] = [i + 1, sum];
  }
  let hi = periods.length - 1;
  let right = 0;
  for (let i = periods.length - 1, sum = 0; i > lo; i--) {
    sum += per.get(periods[i]!)!;
    if (sum > budget) break;
    if (years(periods[i - 1]!, periods[i]!) > 2) [hi, right] = [i - 1, sum];
  }
  const keep = new Set(periods.slice(lo, hi + 1));
  return { rows: rows.filter((r) => keep.has(r.period)), left, right };
}

/** How many periods of `interval` the rows span, first to last. */
function periodsIn(rows: TimelineRow[], interval: ChartInterval): number {
  if (!rows.length) return 0;
  const first = Date.parse(rows[0]!.period);
  const last = Date.parse(rows.at(-1)!.period);
  const days = (last - first) / 86_400_000;
  return interval === "day" ? days + 1 : interval === "week" ? days / 7 + 1 : interval === "month" ? days / 30.44 + 1 : days / 365.25 + 1;
}

/**
 * The rows in bars no thinner than a pixel in `room` pixels: days and weeks summed by month, months by year, as
 * far as needed; and the period each bar then stands for.
 */
export function coarsen(rows: TimelineRow[], interval: Interval, room: number): { rows: TimelineRow[]; by: ChartInterval } {
  let by: ChartInterval = interval;
  let out = rows;
  while (by !== "year" && periodsIn(out, by) > room) {
    out = by === "month" ? summed(out, (p) => `${p.slice(0, 4)}-01-01`) : summed(out, (p) => `${p.slice(0, 7)}-01`);
    by = by === "month" ? "year" : "month";
  }
  return { rows: out, by };
}

/** Rows summed by the period `to` gives each, and type. */
function summed(rows: TimelineRow[], to: (period: string) => string): TimelineRow[] {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = `${to(r.period)}\u0000${r.type}`;
    sums.set(key, (sums.get(key) ?? 0) + r.count);
  }
  return [...sums].map(([key, count]) => {
    const [period = "", type = ""] = key.split("\u0000");
    return { period, type, count };
  });
}
