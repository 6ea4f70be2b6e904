import { describe, expect, it } from "vitest";
import { ProgressReporter } from "../../src/cli/progress.ts";

function sink(tty: boolean) {
  const out: string[] = [];
  const stream = { isTTY: tty, write: (s: string) => (out.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, out };
}

const at = (documents: number, elapsedMs: number, done = false) => ({ documents, characters: 0, events: documents * 3, elapsedMs, done });

describe("ingest progress", () => {
  it("prints a plain line every few seconds when not on a terminal, with share and ETA", () => {
    const { stream, out } = sink(false);
    const r = new ProgressReporter(stream, 400);
    r.update(at(10, 1000)); // too soon after the start
    r.update(at(100, 5000));
    r.update(at(120, 6000)); // too soon after the last line
    r.update(at(400, 20000, true));
    expect(out).toEqual([
      "readout: ingest 25%, 100 docs, 20 docs/s, 300 events, 5s, ETA 15s\n",
      "readout: ingest 100%, 400 docs, 20 docs/s, 1,200 events, 20s\n",
    ]);
  });

  it("redraws one bar in place on a terminal and ends it with a newline", () => {
    const { stream, out } = sink(true);
    const r = new ProgressReporter(stream, 0);
    r.update(at(50, 200));
    r.update(at(80, 400, true));
    expect(out[0]).toMatch(/^\r\x1b\[K50 docs {2}250 docs\/s {2}150 events {2}0s$/);
    expect(out[1]!.endsWith("\n")).toBe(true);
    expect(out.join("")).not.toContain("ETA"); // no total known, no share and no ETA
  });
});
