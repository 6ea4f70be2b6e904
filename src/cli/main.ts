import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { codeCommand } from "./code.ts";

// The CLI is the only place that prints and exits.
const EXIT_OK = 0;
const EXIT_SKIPPED = 1;
const EXIT_USAGE = 2;

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

// A reader that stops early (`| head`) is not an error: stop quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(EXIT_OK);
  throw error;
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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  } else {
    process.stderr.write(`readout: internal error: ${(error as Error).stack ?? error}\nThis is a bug in readout; please report it.\n`);
    process.exitCode = 70;
  }
}
