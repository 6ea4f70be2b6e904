/**
 * Where a command writes: a file (`-o`) or standard output. A write that
 * fails (a full disk, a folder without permission or that does not exist, a
 * closed pipe) becomes one `OutputError` line that names the output and
 * what to do, and a regular file left half-written is removed, so no one
 * mistakes it for a whole export.
 */
import { once } from "node:events";
import { createWriteStream, fstatSync, rmSync } from "node:fs";

/** An output that could not be written; its message is the one line to print. */
export class OutputError extends Error {
  override name = "OutputError";
}

export interface Output {
  /** Writes `s`, waiting while the output is full; rejects with an OutputError once writing has failed. */
  write(s: string): Promise<void>;
  /** Flushes and closes a file (standard output stays open); rejects with an OutputError if that fails. */
  close(): Promise<void>;
  /** Closes a file after a failure elsewhere and removes it, so nothing half-written is left behind. */
  discard(): void;
}

/** What to do about a failed write, by the error's code. */
const ADVICE: Record<string, string> = {
  ENOSPC: "the disk is full; free some space, or write elsewhere",
  EDQUOT: "the disk quota is used up; free some space, or write elsewhere",
  EACCES: "no permission to write there; choose another path",
  EPERM: "no permission to write there; choose another path",
  EROFS: "the file system is read-only; choose another path",
  ENOENT: "its folder does not exist; create it, or choose another path",
  ENOTDIR: "a part of the path is not a folder; choose another path",
  EISDIR: "it is a folder; give a file name",
  EFBIG: "the file would be larger than this system allows (ulimit -f); write elsewhere, or less",
  EPIPE: "the program reading it stopped",
};

/** The one line for an output that failed with `error`. */
export function outputProblem(name: string, error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  const advice = ADVICE[code] ?? "check the path and the disk";
  return `cannot write ${name}: ${advice} (${code || error.message})`;
}

/** Opens `file` for writing (created or truncated), or standard output when `file` is undefined. */
export function openOutput(file: string | undefined): Output {
  const name = file ?? "to standard output";
  const stream = file ? createWriteStream(file) : process.stdout;
  // (only a regular file this output opened is ever removed: not one it failed to open, a folder, or a device such as
  // /dev/full or /dev/stdout)
  let opened = false;
  if (file) stream.once("open", (fd: number) => (opened = fstatSync(fd).isFile()));
  let failed: OutputError | null = null;
  const onError = (error: NodeJS.ErrnoException) => void (failed ??= new OutputError(outputProblem(name, error)));
  stream.on("error", onError);
  /** Resolves on `event`; rejects with the OutputError when the stream fails first (events.once rejects on "error"). */
  const until = async (event: "drain" | "finish") => {
    if (failed) throw failed;
    try {
      await once(stream, event);
    } catch (error) {
      throw failed ?? new OutputError(outputProblem(name, error as NodeJS.ErrnoException));
    }
  };
  const remove = () => {
    if (file && opened) rmSync(file, { force: true });
  };
  return {
    async write(s) {
      if (failed) throw failed;
      if (!stream.write(s)) await until("drain");
      if (failed) throw failed;
    },
    async close() {
      if (failed) {
        remove();
        throw failed;
      }
      if (!file) return;
      const finished = until("finish");
      stream.end();
      try {
        await finished;
      } catch (error) {
        remove();
        throw error;
      }
    },
    discard() {
      if (!file) return;
      stream.off("error", onError);
      stream.on("error", () => undefined);
      stream.end();
      remove();
    },
  };
}

/** Runs `fn` with an output: closes it after, or discards it (a file removed) when `fn` or writing fails. */
export async function withOutput<T>(file: string | undefined, fn: (write: (s: string) => Promise<void>) => Promise<T>): Promise<T> {
  const out = openOutput(file);
  let result: T;
  try {
    result = await fn((s) => out.write(s));
  } catch (error) {
    out.discard();
    throw error;
  }
  await out.close();
  return result;
}
