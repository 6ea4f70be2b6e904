import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../src/ingest/index.ts";
import { docsOf, errorsOf, fixture, readAll, shape, stdinOf } from "./helpers.ts";

describe("stdin (-)", () => {
  it("reads JSON Lines when the first non-space character is {", async () => {
    const stdin = stdinOf('  \n{"id": "a", "text": "First."}\n', '{"text": "Second."}\n');
    const docs = docsOf(await readAll(["-"], { stdin }));
    expect(docs.map((d) => [d.id, d.origin, d.text])).toEqual([
      ["a", "stdin:2", "First."],
      ["stdin:3", "stdin:3", "Second."],
    ]);
  });

  it("reads the gold format when there is a header and a --- line", async () => {
    const stdin = stdinOf("source: s\npublisher: p\ndate: 2019-04-02\ntitle: T\n---\nThe body.\n");
    const [doc] = docsOf(await readAll(["-"], { stdin }));
    expect(doc).toEqual({
      id: "stdin",
      origin: "stdin",
      text: "The body.\n",
      meta: { source: "s", publisher: "p", storyDate: "2019-04-02", title: "T", url: null },
    });
  });

  it("reads HTML when it starts with <", async () => {
    const stdin = stdinOf("\n<html><head><title>Talks</title></head><body><p>The   talks\nbegan.</p><p>They ended.</p></body></html>");
    const [doc] = docsOf(await readAll(["-"], { stdin }));
    expect(doc).toMatchObject({ id: "stdin", text: "The talks began.\n\nThey ended.", meta: { title: "Talks" } });
  });

  it("reads anything else as plain text, in string mode too", async () => {
    const stdin = new PassThrough();
    stdin.setEncoding("utf8");
    stdin.end("WASHINGTON, June 19, 2013 — The talks began.\n");
    const [doc] = docsOf(await readAll(["-"], { stdin }));
    expect(doc).toMatchObject({ id: "stdin", text: "WASHINGTON, June 19, 2013 — The talks began.\n", meta: { storyDate: "2013-06-19" } });
  });

  it("keeps the order of stdin among files", async () => {
    const stdin = stdinOf("From stdin.");
    const docs = docsOf(await readAll([fixture("gold-visit.txt"), "-", fixture("plain-headline.txt")], { stdin }));
    expect(docs.map((d) => d.id)).toEqual(["gold-visit", "stdin", "plain-headline"]);
  });

  it("reports stdin over maxDocBytes and reads the next input", async () => {
    const stdin = stdinOf("x".repeat(600), "y".repeat(600));
    const items = await readAll(["-", fixture("plain-headline.txt")], { stdin, maxDocBytes: 1000 });
    expect(shape(items)).toBe("ed");
    expect(errorsOf(items)).toEqual(["stdin: is over the 1 kB limit; split it or raise --max-doc-bytes"]);
  });

  it("reports empty stdin", async () => {
    expect(errorsOf(await readAll(["-"], { stdin: stdinOf() }))).toEqual(["stdin: is empty; give it some text, or leave it out"]);
  });

  it("streams JSONL: a record is yielded before the input ends", async () => {
    const stdin = new PassThrough();
    stdin.write('{"id": "early", "text": "Arrives first."}\n');
    const reader = readInputs(["-"], { stdin });
    const first = await reader.next(); // would hang if stdin were read whole first
    expect(first.value).toMatchObject({ ok: true, doc: { id: "early" } });
    stdin.end('{"id": "late", "text": "Arrives later."}\n');
    expect((await reader.next()).value).toMatchObject({ ok: true, doc: { id: "late" } });
    expect((await reader.next()).done).toBe(true);
  });
});
