import { availableParallelism } from "node:os";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { serveCommand } from "../server/serve.ts";
import { hostNameProblem, originProblem } from "../server/origin.ts";
import { COUNT_KEYS, EVENT_SORTS } from "../store/model.ts";
import { UnknownReferenceError } from "../store/sql.ts";
import { codeCommand } from "./code.ts";
import { OutputError, outputProblem } from "./output.ts";
import { DatabaseFailure, databaseFailure } from "../store/failure.ts";
import { ingestCommand } from "./ingest.ts";
import { enqueueCommand, statusCommand, workerCommand } from "./queue-commands.ts";
import { UsageError, exportCommand, isoDate, queryCommand, withFilters } from "./store-commands.ts";
import { SyntaxModelError } from "../syntax/model.ts";

// The CLI is the only place that prints and exits.
const EXIT_OK = 0;
const EXIT_SKIPPED = 1;
const EXIT_USAGE = 2;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}

/** A positive whole number no larger than `max` (what it is, named in the message). */
function upTo(max: number, what: string) {
  return (value: string): number => {
    const n = positiveInt(value);
    if (n > max) throw new InvalidArgumentError(`expected at most ${max} (${what}), got ${n}`);
    return n;
  };
}

/** Runs a command on the database `target`: a failure of the database itself (damaged, full, locked) is one line. */
async function onDatabase<T>(target: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw databaseFailure(target, error) ?? error;
  }
}

/** A repeatable option's values, each checked by `problem`. */
function repeatable(problem: (value: string) => string | null) {
  return (value: string, previous: string[] = []): string[] => {
    const why = problem(value);
    if (why) throw new InvalidArgumentError(why);
    return [...previous, value];
  };
}

// A reader that stops early (`| head`) is not an error: stop quietly. Any other failure to write standard output
// (a full disk behind a redirection) is one line.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT_OK);
  process.stderr.write(`readout: ${outputProblem("to standard output", error)}\n`);
  process.exit(1);
});

const program = new Command()
  .name("readout")
  .description("Turns diplomatic readouts, statements and news into PLOVER event data.")
  .exitOverride()
  // one line per usage error: what was wrong and where to look
  .configureOutput({
    writeErr: (s) => process.stderr.write(s),
    outputError: (s, write) => write(`readout: ${s.trim().replace(/^error: /, "")} (see 'readout --help')\n`),
  });

program
  .command("code")
  .description("code documents into PLOVER events (JSON Lines, or a table for reading)")
  .argument("<inputs...>", "files (.txt, .html, .jsonl), directories, or - for standard input")
  .option("-o, --output <file>", "write to a file instead of standard output")
  .addOption(new Option("-f, --format <format>", "output format").choices(["jsonl", "table"]).default("jsonl"))
  .option("--date <YYYY-MM-DD>", "story date for inputs that carry none", isoDate)
  .option("--max-doc-bytes <n>", "skip documents larger than this", positiveInt)
  .action(async (inputs: string[], opts) => {
    const summary = await codeCommand(inputs, opts, (line) => process.stderr.write(`readout: ${line}\n`));
    if (summary.skipped) {
      process.stderr.write(`readout: coded ${summary.documents} documents (${summary.events} events); skipped ${summary.skipped} inputs\n`);
      process.exitCode = EXIT_SKIPPED;
    }
  });

program
  .command("ingest")
  .description("code documents and store them in the event database (unchanged ones are skipped)")
  .argument("<inputs...>", "files (.txt, .html, .jsonl), directories, or - for standard input")
  .option("--db <path|url>", "SQLite file or postgres:// URL", "readout.db")
  .option("--workers <n>", `coding threads (default and at most: one per core, ${availableParallelism()})`, upTo(availableParallelism(), "the number of cores"))
  .option("--batch-size <n>", "documents per transaction", positiveInt)
  .option("--date <YYYY-MM-DD>", "story date for inputs that carry none", isoDate)
  .option("--max-doc-bytes <n>", "skip documents larger than this", positiveInt)
  .option("--no-progress", "no progress bar or progress lines")
  .option("--queue", "code nothing here: queue the documents as jobs for 'readout worker's (PostgreSQL only)")
  .option("--job-size <n>", "with --queue: documents per job (default 25)", positiveInt)
  .option("--job-timeout <seconds>", "with --queue: time a worker has for a job before it goes to another (default 300)", upTo(24 * 3600 - 1, "a day"))
  .option("--attempts <n>", "with --queue: tries of a job before it is failed for good (default 4)", upTo(100, "tries"))
  .action(async (inputs: string[], opts) => {
    const say = (line: string) => process.stderr.write(`readout: ${line}\n`);
    const queueOnly = ["jobSize", "jobTimeout", "attempts"].filter((k) => opts[k] !== undefined);
    if (!opts.queue && queueOnly.length) throw new UsageError(`--${queueOnly[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} goes with --queue`);
    if (opts.queue) {
      if (opts.workers !== undefined || opts.batchSize !== undefined) throw new UsageError("--workers and --batch-size are the workers' to choose, not --queue's: give them to 'readout worker'");
      if ((await onDatabase(opts.db, () => enqueueCommand(inputs, opts, say))) > 0) process.exitCode = EXIT_SKIPPED;
      return;
    }
    const summary = await onDatabase(opts.db, () => ingestCommand(inputs, opts, say));
    if (summary.skipped.size) process.exitCode = EXIT_SKIPPED;
  });

program
  .command("worker")
  .description("take ingest jobs from a PostgreSQL database's queue, code them and store them (run one per machine)")
  .requiredOption("--db <url>", "postgres:// URL of the event database, as given to 'ingest --queue'")
  .option("--workers <n>", `coding threads (default and at most: one per core, ${availableParallelism()})`, upTo(availableParallelism(), "the number of cores"))
  .option("--until-empty", "stop once no job is left waiting, running or to retry (otherwise wait for more)")
  .action(async (opts) => {
    const summary = await onDatabase(opts.db, () => workerCommand(opts, (line) => process.stderr.write(`readout: ${line}\n`)));
    if (summary.skipped || summary.failed) process.exitCode = EXIT_SKIPPED;
  });

program
  .command("status")
  .description("what the event database holds and, for PostgreSQL, how far its ingest queue has come")
  .option("--db <path|url>", "SQLite file or postgres:// URL", "readout.db")
  .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
  .action(async (opts) => {
    await onDatabase(opts.db, () => statusCommand(opts, (line) => process.stdout.write(`${line}\n`)));
  });

withFilters(
  program
    .command("query")
    .description("list stored events, or count them, by any filter")
    .addOption(new Option("-f, --format <format>", "output format").choices(["table", "jsonl", "csv"]).default("table"))
    .addOption(new Option("--count-by <key>", "count events by a key instead of listing them").choices([...COUNT_KEYS]))
    .addOption(new Option("--sort <order>", "by event date, or by type, actor or recipient name (A to Z; - reverses)").choices([...EVENT_SORTS]).default("-date"))
    .option("--limit <n>", "at most this many events (or count rows)", positiveInt, 100)
    .option("-o, --output <file>", "write to a file instead of standard output"),
).action(async (opts) => {
  const note = await onDatabase(opts.db, () => queryCommand(opts));
  if (note) process.stderr.write(`${note}\n`);
});

withFilters(
  program
    .command("export")
    .description("export stored events: PLOVER JSONL, a flat CSV (one row per actor-recipient pair), or a GEXF network")
    .addOption(new Option("-f, --format <format>", "export format").choices(["plover", "csv", "gexf"]).default("plover"))
    .addOption(new Option("--level <level>", "GEXF nodes: actors or countries").choices(["actor", "country"]).default("actor"))
    .option("-o, --output <file>", "write to a file instead of standard output"),
).action(async (opts) => {
  const n = await onDatabase(opts.db, () => exportCommand(opts));
  if (opts.output) process.stderr.write(`readout: wrote ${n.toLocaleString("en-US")} ${opts.format === "gexf" ? "edges" : "events"} to ${opts.output}\n`);
});

program
  .command("serve")
  .description("serve the event database as a read-only HTTP JSON API")
  .option("--db <path|url>", "SQLite file or postgres:// URL", "readout.db")
  .option("--port <n>", "port", positiveInt, 8080)
  .option("--host <host>", "address to listen on", "127.0.0.1")
  .option("--host-name <name>", "another name clients reach this server by, e.g. behind a reverse proxy (repeatable)", repeatable(hostNameProblem))
  .option("--cors <origin>", "let pages of this origin use the API, e.g. https://app.example (repeatable; none by default)", repeatable(originProblem))
  .option("--code-workers <n>", `coding threads for POST /-/code (default 1, at most ${availableParallelism()})`, upTo(availableParallelism(), "the number of cores"))
  .option("--code-timeout <seconds>", "time budget of each POST /-/code request (default 30)", positiveInt)
  .option("--read-workers <n>", `threads reading a SQLite database (default ${availableParallelism()}, one per core; 0: the serving thread reads)`, wholeNumber)
  .option("--cache-mb <n>", "megabytes of answers kept for repeated requests while the database is unchanged (default 64; 0: none)", wholeNumber)
  .action(async (opts) => {
    process.exitCode = await serveCommand(opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof UsageError || error instanceof UnknownReferenceError) {
    process.stderr.write(`readout: ${error.message.replace(/^(actor|recipient|party): /, "--$1: ")}\n`);
    process.exitCode = EXIT_USAGE;
  } else if (error instanceof DatabaseFailure) {
    process.stderr.write(`readout: ${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof OutputError) {
    // (the file half-written is removed already)
    process.stderr.write(`readout: ${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof SyntaxModelError) {
    // a damaged or mismatched data file, not a bug: the message says what to do
    process.stderr.write(`readout: ${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  } else {
    process.stderr.write(`readout: internal error: ${(error as Error).stack ?? error}\nThis is a bug in readout; please report it.\n`);
    process.exitCode = 70;
  }
}
