/**
 * Splits a byte stream into lines without decoding it, so that each line can
 * be decoded strictly on its own (node:readline silently replaces invalid
 * UTF-8) and an over-long line is skipped rather than held in memory.
 */

export type Line =
  /** `number` is 1-based; `bytes` excludes the "\n" (a "\r" before it stays). */
  | { number: number; bytes: Uint8Array }
  /** A line longer than the cap: only its size is kept. */
  | { number: number; tooLong: number };

const NEWLINE = 0x0a;

export async function* splitLines(chunks: AsyncIterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Uint8Array[] = [];
  let size = 0;
  let number = 1;
  const finish = (): Line => {
    const line: Line = size > maxLineBytes ? { number, tooLong: size } : { number, bytes: Buffer.concat(parts) };
    parts = [];
    size = 0;
    number++;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const piece = chunk.subarray(start, newline === -1 ? chunk.length : newline);
      size += piece.length;
      // Past the cap the bytes are dropped but still counted, for the message.
      if (size <= maxLineBytes) parts.push(piece);
      else parts = [];
      if (newline === -1) break;
      yield finish();
      start = newline + 1;
    }
  }
  if (size > 0) yield finish();
}

/**
 * The start of a stream, for sniffing a format before streaming it, and the
 * whole stream again. Reads chunks only until `enough(head)` or `n` bytes, so
 * a slow stream (a pipe, a terminal) is not held up. Call `close` if `all`
 * will not be read to the end, so a file stream is released.
 */
export async function peekBytes(
  source: AsyncIterable<Uint8Array>,
  n: number,
  enough: (head: Uint8Array) => boolean = (head) => head.length > 0,
): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array>; close: () => Promise<void> }> {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < n && !enough(head)) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    head = Buffer.concat(buffered);
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Also when the reader stops early: releases the file behind the stream.
      await iterator.return?.();
    }
  }
  return {
    head: head.subarray(0, n),
    all: all(),
    close: async () => {
      await iterator.return?.();
    },
  };
}
