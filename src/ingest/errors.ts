/**
 * A problem with one input (a file, a JSONL line, stdin). It never stops the
 * run: the reader reports it and goes on with the next input. `toString()` is
 * the single line shown to the user: what input, what is wrong, what to do.
 */
export class InputError extends Error {
  constructor(
    /** The input as the user would recognise it: a path, `path:line`, `stdin`. */
    readonly input: string,
    /** What is wrong, e.g. "not valid UTF-8 (byte 0xff at offset 12)". */
    readonly problem: string,
    /** What to do about it, e.g. "convert the file to UTF-8". */
    readonly hint: string,
  ) {
    super(`${input}: ${problem}; ${hint}`);
    this.name = "InputError";
  }

  override toString(): string {
    return this.message;
  }
}
