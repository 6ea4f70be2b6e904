/**
 * Whole results as downloads: every event under the filters, streamed page by
 * page from the store as the client reads (no page limit; memory stays that
 * of one page however many events match), as CSV, JSON Lines of the API's
 * events, or PLOVER JSON Lines as `readout export` writes them.
 */
import { ploverOf } from "../export/plover.ts";
import type { EventFilter, EventSort, EventView, Store } from "../store/model.ts";
import { CSV_TYPE } from "./respond.ts";
import { EVENT_CSV_HEADER, csvLine, eventRows } from "./csv.ts";

export const EXPORT_FORMATS = {
  csv: { extension: "csv", type: CSV_TYPE, header: csvLine(EVENT_CSV_HEADER), line: (ev: EventView) => eventRows(ev).map(csvLine).join("") },
  jsonl: { extension: "jsonl", type: "application/x-ndjson; charset=utf-8", header: "", line: (ev: EventView) => `${JSON.stringify(ev)}\n` },
  plover: { extension: "plover.jsonl", type: "application/x-ndjson; charset=utf-8", header: "", line: (ev: EventView) => `${JSON.stringify(ploverOf(ev))}\n` },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Events encoded per chunk the stream hands on (a chunk of CSV is about 100 kB). */
const EVENTS_PER_CHUNK = 250;

/**
 * A file name that says what the file holds: `readout-events`, then each filter as given (`type-ACCUSE`,
 * `party-CHN-USA`, `from-2021-01-01`), in the order of `params`, anything but letters, digits, `.`, `_` and `-` made a
 * `-`, then `newest-first` when so sorted; at most 180 characters before the extension.
 */
export function exportFileName(params: URLSearchParams, format: ExportFormat): string {
  const parts = ["readout-events"];
  for (const name of new Set(params.keys())) {
    if (name === "_sort") continue;
    const values = params
      .getAll(name)
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
    if (!values.length) continue;
    parts.push(`${name}-${values.join("-")}`.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/-{2,}/g, "-"));
  }
  if (params.get("_sort") === "-date") parts.push("newest-first");
  let base = parts.join("_");
  if (base.length > 180) base = base.slice(0, 180).replace(/[-_.]+$/, "");
  return `${base}.${EXPORT_FORMATS[format].extension}`;
}

/** `Content-Disposition` for a download: the name as it is (ASCII) or in RFC 5987's UTF-8 form beside an ASCII one. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "_");
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The download of every event `store` holds under `filter`, in `sort` order. The store is read a page at a time,
 * when the client has taken what was read before; a client that hangs up stops the reading. A failure while
 * streaming (the database gone) ends the body early: it is logged with `log`, and the client sees a truncated file.
 * The first page is read before the response is made, so that a filter the store refuses (a name no one has) is
 * the error it is, not an empty file.
 */
export async function exportResponse(store: Store, filter: EventFilter, sort: EventSort, format: ExportFormat, fileName: string, log: (line: string) => void): Promise<Response> {
  const { header, line, type } = EXPORT_FORMATS[format];
  const events = store.eachEvent(filter, sort)[Symbol.asyncIterator]();
  let first: IteratorResult<EventView> | null = await events.next();
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let chunk = started ? "" : header;
        started = true;
        try {
          for (let i = 0; i < EVENTS_PER_CHUNK; i++) {
            const next = first ?? (await events.next());
            first = null;
            if (next.done) {
              if (chunk) controller.enqueue(encoder.encode(chunk));
              controller.close();
              return;
            }
            chunk += line(next.value);
          }
        } catch (error) {
          log(`readout serve: export of ${fileName} stopped: ${(error as Error).message}`);
          controller.error(error);
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        await events.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, { status: 200, headers: { "Content-Type": type, "Content-Disposition": disposition(fileName), "Cache-Control": "no-store" } });
}
