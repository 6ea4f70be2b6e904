import { readJsonl } from "./formats/jsonl.ts";
import { peekBytes } from "./lines.ts";
import { problems } from "./problems.ts";
import type { InputItem, ReadSettings } from "./types.ts";
import { failed, item, wholeDocument } from "./whole.ts";

/**
 * The input "-": JSONL when it starts with "{" (streamed, as a file would be),
 * otherwise read whole, up to the document size limit, and sniffed.
 */

const ORIGIN = "stdin";
const SNIFF_BYTES = 8192;

export async function* readStdin(stream: NodeJS.ReadableStream, settings: ReadSettings): AsyncGenerator<InputItem> {
  let peeked: Awaited<ReturnType<typeof peekBytes>>;
  try {
    peeked = await peekBytes(bytesOf(stream), SNIFF_BYTES, (head) => firstNonSpace(head) !== undefined);
  } catch (error) {
    yield failed(problems.unreadable(ORIGIN, (error as NodeJS.ErrnoException).code));
    return;
  }
  if (firstNonSpace(peeked.head) === 0x7b) {
    yield* readJsonl(peeked.all, { origin: ORIGIN, stem: ORIGIN }, settings);
    return;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of peeked.all) {
      size += chunk.length;
      if (size > settings.maxDocBytes) {
        // Reading on just to learn the size could take forever: stop here.
        yield failed(problems.tooBigUnknownSize(ORIGIN, settings.maxDocBytes));
        return;
      }
      parts.push(chunk);
    }
  } catch (error) {
    yield failed(problems.unreadable(ORIGIN, (error as NodeJS.ErrnoException).code));
    return;
  }
  yield item(wholeDocument(Buffer.concat(parts), "sniff", ORIGIN, ORIGIN, settings));
}

/** Streams may be in string mode (after setEncoding); the readers want bytes. */
async function* bytesOf(stream: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
}

/** The first byte after a BOM and whitespace, if there is one yet; "{" means JSON Lines. */
function firstNonSpace(head: Uint8Array): number | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i];
}
