import type { IngestProgress } from "../store/ingest.ts";

const int = (n: number) => Math.round(n).toLocaleString("en-US");

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/**
 * Ingest progress on stderr: a bar redrawn in place on a terminal, or a plain
 * line every few seconds when stderr is a file or a pipe.
 */
export class ProgressReporter {
  private last = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    /** Documents the inputs hold, for the share done and the ETA (0 when unknown). */
    private readonly totalDocuments: number,
    private readonly tty = out.isTTY === true,
  ) {}

  update(p: IngestProgress): void {
    const now = p.elapsedMs;
    if (!p.done && now - this.last < (this.tty ? 100 : 5000)) return;
    this.last = now;
    const secs = Math.max(now / 1000, 1e-3);
    const share = this.totalDocuments > 0 ? (p.done ? 1 : Math.min(0.99, p.documents / this.totalDocuments)) : null;
    const eta = share && share > 0.01 && !p.done ? `ETA ${duration((now / share) * (1 - share))}` : "";
    const figures = `${int(p.documents)} docs  ${int(p.documents / secs)} docs/s  ${int(p.events)} events  ${duration(now)}${eta ? "  " + eta : ""}`;
    if (this.tty) {
      const width = 24;
      const bar = share === null ? "" : `[${"#".repeat(Math.round(share * width)).padEnd(width, "-")}] ${String(Math.round(share * 100)).padStart(3)}%  `;
      this.out.write(`\r\x1b[K${bar}${figures}${p.done ? "\n" : ""}`);
    } else {
      this.out.write(`readout: ingest ${share === null ? "" : `${Math.round(share * 100)}%, `}${figures.replace(/  /g, ", ")}\n`);
    }
  }

  /** Clears the bar before another line is written (a warning), so the two do not mix. */
  clear(): void {
    if (this.tty) this.out.write("\r\x1b[K");
  }
}
