/**
 * `readout query` and `readout export`: read the event database. Both take the
 * same filters; query prints events or counts for people and pipes, export
 * writes whole datasets (PLOVER JSONL, POLECAT-like CSV, GEXF network).
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { toGexf } from "../export/gexf.ts";
import { ploverOf } from "../export/plover.ts";
import { tableHeader, tableRow } from "../export/table.ts";
import { isCalendarDate } from "../ingest/dateline.ts";
import { EVENT_CSV_HEADER, csvLine, eventRows } from "../server/csv.ts";
import { EXPORT_FORMATS } from "../server/export.ts";
import { COUNT_KEYS, type CountKey, EVENT_TYPES, type EventFilter, type EventSort } from "../store/model.ts";
import { existsSync } from "node:fs";
import { isPostgresUrl, openStore, openStoreForReading, redactTarget } from "../store/open.ts";
import type { Store } from "../store/model.ts";
import { withOutput } from "./output.ts";
import { databaseFailure } from "../store/failure.ts";

/** A usage problem the CLI reports in one line (exit 2). */
export class UsageError extends Error {}

/**
 * Opens the database for a command, with one clear line when it cannot be
 * opened. Reading never creates a SQLite file: it must exist already.
 */
export async function openDatabase(target: string, mode: "read" | "write"): Promise<Store> {
  if (mode === "read" && !isPostgresUrl(target) && !existsSync(target)) {
    throw new UsageError(`no database at ${target}: create it with 'readout ingest <inputs…> --db ${target}', or pass --db`);
  }
  try {
    return await (mode === "read" ? openStoreForReading(target) : openStore(target));
  } catch (error) {
    // (a database that is damaged, locked or on a full disk is reported as such; any other file given is a usage error)
    const failure = (error as { code?: string }).code === "SQLITE_NOTADB" ? null : databaseFailure(target, error);
    if (failure) throw failure;
    const what = isPostgresUrl(target) ? "check the URL and that the server is running" : "give the path of a readout database, or a new file name";
    throw new UsageError(`cannot open the database ${redactTarget(target)}: ${redactTarget((error as Error).message)}; ${what}`);
  }
}

/** The filter options as commander gives them: an `EventFilter` whose lists may be empty. */
export type FilterOptions = EventFilter;

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(",").map((v) => v.trim()).filter(Boolean)];

function eventType(value: string, previous: string[] | undefined): string[] {
  const list = collect(value, undefined).map((t) => t.toUpperCase());
  for (const t of list) if (!(EVENT_TYPES as readonly string[]).includes(t)) throw new InvalidArgumentError(`unknown event type "${t}" (expected one of ${EVENT_TYPES.join(", ")})`);
  return [...(previous ?? []), ...list];
}

/** A date option's value: a real calendar date as YYYY-MM-DD. */
export function isoDate(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return value;
}

/** The event filters, as options of a command. */
export function withFilters(cmd: Command): Command {
  return cmd
    .option("--actor <ref>", "acting side: an actor id (state:CHN), name or code")
    .option("--recipient <ref>", "receiving side: an actor id, name or code")
    .option("--party <ref>", "takes part on either side (repeat for a pair: --party CHN --party USA)", collect)
    .option("--type <types>", "PLOVER event types, comma-separated or repeated", eventType)
    .option("--mode <modes>", "modes (visit, phone, multilateral …)", collect)
    .option("--context <contexts>", "PLOVER contexts", collect)
    .option("--publisher <names>", "publishers, as stored", collect)
    .option("--doc <ids>", "document ids", collect)
    .option("--from <YYYY-MM-DD>", "events on or after this date", isoDate)
    .option("--to <YYYY-MM-DD>", "events on or before this date", isoDate)
    .option("--q <words>", "full-text words that the document must contain")
    .option("--db <path|url>", "SQLite file or postgres:// URL", "readout.db");
}

export function filterOf(o: FilterOptions): EventFilter {
  const f: EventFilter = {};
  for (const k of ["actor", "recipient", "from", "to", "q"] as const) if (o[k]) f[k] = o[k];
  for (const k of ["party", "type", "mode", "context", "publisher", "doc"] as const) if (o[k]?.length) f[k] = o[k];
  return f;
}

export interface QueryOptions extends FilterOptions {
  db: string;
  format: "table" | "jsonl" | "csv";
  limit: number;
  sort: EventSort;
  countBy?: CountKey;
  output?: string;
}

/** The most rows `--count-by` gives (the store's limit on counts). */
const MAX_COUNT_ROWS = 1000;

/** Prints events or counts; resolves to a note for standard error when count rows were left out (else null). */
export async function queryCommand(opts: QueryOptions): Promise<string | null> {
  const store = await openDatabase(opts.db, "read");
  let note: string | null = null;
  try {
    const filter = filterOf(opts);
    await withOutput(opts.output, async (write) => {
      if (opts.countBy) {
        // (one row more than shown tells whether there are more)
        const shown = Math.min(opts.limit, MAX_COUNT_ROWS);
        const counted = await store.count(filter, opts.countBy, shown + 1);
        const rows = counted.slice(0, shown);
        const order = ["day", "week", "month", "year"].includes(opts.countBy) ? "latest" : "largest";
        if (shown === MAX_COUNT_ROWS && counted.length >= MAX_COUNT_ROWS) {
          note = `readout: showed the ${order} ${MAX_COUNT_ROWS.toLocaleString("en-US")} ${opts.countBy} rows, the most --count-by gives, and there may be more; narrow the filters for the rest`;
        } else if (counted.length > shown) {
          note = `readout: showed the ${order} ${shown.toLocaleString("en-US")} ${opts.countBy} rows of more; raise --limit (up to ${MAX_COUNT_ROWS.toLocaleString("en-US")}) for the rest`;
        }
        if (opts.format === "jsonl") for (const r of rows) await write(JSON.stringify(r) + "\n");
        else if (opts.format === "csv") {
          await write(csvLine([opts.countBy, "label", "count"]));
          for (const r of rows) await write(csvLine([r.key, r.label, String(r.count)]));
        } else for (const r of rows) await write(`${String(r.count).padStart(8)}  ${r.label}${r.label !== r.key ? `  (${r.key})` : ""}\n`);
        return;
      }
      let left = opts.limit;
      // (the first event read before the header: a filter the store refuses is then its one line, not a header)
      const events = store.eachEvent(filter, opts.sort)[Symbol.asyncIterator]();
      let next = await events.next();
      if (opts.format === "table") await write(tableHeader() + "\n");
      if (opts.format === "csv") await write(csvLine(EVENT_CSV_HEADER));
      for (; !next.done; next = await events.next()) {
        const ev = next.value;
        if (left-- <= 0) {
          await events.return?.();
          break;
        }
        if (opts.format === "table") await write(tableRow(ploverOf(ev)) + "\n");
        else if (opts.format === "jsonl") await write(JSON.stringify(ev) + "\n");
        else for (const row of eventRows(ev)) await write(csvLine(row));
      }
    });
  } finally {
    await store.close();
  }
  return note;
}

export interface ExportOptions extends FilterOptions {
  db: string;
  format: "plover" | "csv" | "gexf";
  level: "actor" | "country";
  output?: string;
}

export async function exportCommand(opts: ExportOptions): Promise<number> {
  const store = await openDatabase(opts.db, "read");
  let n = 0;
  try {
    const filter = filterOf(opts);
    await withOutput(opts.output, async (write) => {
      if (opts.format === "gexf") {
        const net = await store.network(filter, opts.level, 1000);
        n = net.edges.length;
        await write(toGexf(net, `readout event network (${opts.level} level) from ${redactTarget(opts.db)}`));
        return;
      }
      // (the lines the API's downloads give)
      const { header, line } = EXPORT_FORMATS[opts.format];
      if (header) await write(header);
      for await (const ev of store.eachEvent(filter, "date")) {
        n++;
        await write(line(ev));
      }
    });
  } finally {
    await store.close();
  }
  return n;
}

export const countByOption = () => new Option("--count-by <key>", "count events by a key instead of listing them").choices([...COUNT_KEYS]);
