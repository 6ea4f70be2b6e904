/** The timeline's default frame and its bars (web/src/periods.ts). */
import { describe, expect, it } from "vitest";
import { coarsen, frame } from "../../web/src/periods.ts";
import type { TimelineRow } from "../../src/store/model.ts";

const months = (from: number, to: number, count = 10): TimelineRow[] =>
  Array.from({ length: (to - from + 1) * 12 }, (_, i) => ({ period: `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01`, type: "CONSULT", count }));

describe("frame", () => {
  it("leaves out a few events far from the rest, and says how many, at either end", () => {
    const rows = [{ period: "1776-07-01", type: "AGREE", count: 2 }, ...months(2020, 2024), { period: "2099-01-01", type: "ACCUSE", count: 1 }];
    const framed = frame(rows);
    expect(framed.left).toBe(2);
    expect(framed.right).toBe(1);
    expect(framed.rows[0]!.period).toBe("2020-01-01");
    expect(framed.rows.at(-1)!.period).toBe("2024-12-01");
  });

  it("keeps an early stretch that holds more than a few events, or that lies close to the rest", () => {
    const wire = [...months(1987, 1987, 5), ...months(2020, 2024)];
    expect(frame(wire).rows).toEqual(wire);
    const near = [{ period: "2018-06-01", type: "AGREE", count: 1 }, ...months(2020, 2024)];
    expect(frame(near).rows).toEqual(near);
  });
});

describe("coarsen", () => {
  it("sums months by year, and days by month, only where the bars would be thinner than a pixel", () => {
    const long = months(1980, 2024, 1);
    expect(coarsen(long, "month", 1000)).toMatchObject({ by: "month" });
    const yearly = coarsen(long, "month", 300);
    expect(yearly.by).toBe("year");
    expect(yearly.rows).toHaveLength(45);
    expect(yearly.rows[0]).toEqual({ period: "1980-01-01", type: "CONSULT", count: 12 });
    const days: TimelineRow[] = Array.from({ length: 365 * 3 }, (_, i) => ({ period: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10), type: "AGREE", count: 1 }));
    const monthly = coarsen(days, "day", 400);
    expect(monthly.by).toBe("month");
    expect(monthly.rows.reduce((n, r) => n + r.count, 0)).toBe(days.length);
    expect(monthly.rows.find((r) => r.period === "2020-02-01")?.count).toBe(29);
  });
});
