import { chmod } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/ingest/problems.ts";
import { docsOf, errorsOf, fixture, readAll, shape, stdinOf, useTempDir } from "./helpers.ts";

const tmp = useTempDir();
const GOOD = fixture("plain-headline.txt");

/** Reads a good file, the bad input, and a good file again: one error, both documents. */
async function errorBetweenGoodInputs(bad: string, options = {}): Promise<string> {
  const items = await readAll([GOOD, bad, GOOD], options);
  expect(shape(items)).toBe("ded");
  expect(docsOf(items).map((d) => d.id)).toEqual(["plain-headline", "plain-headline"]);
  const [error] = errorsOf(items);
  expect(error).not.toContain("\n"); // one line for the user
  return error!;
}

describe("bad input: one error each, and reading goes on", () => {
  it("a missing path", async () => {
    expect(await errorBetweenGoodInputs("no/such/file.txt")).toBe("no/such/file.txt: no such file or directory; check the path");
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file (skipped as root, who can read anything)", async () => {
    const path = await tmp.write("locked.txt", "Secret.");
    await chmod(path, 0o000);
    expect(await errorBetweenGoodInputs(path)).toBe(`${path}: cannot be read (permission denied); check its permissions, e.g. chmod +r`);
  });

  it("a binary file with a NUL byte", async () => {
    const path = await tmp.write("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    expect(await errorBetweenGoodInputs(path)).toBe(
      `${path}: looks like a binary file, not text; give a .txt, .html or .jsonl file`,
    );
  });

  it("a file of mostly control characters", async () => {
    const path = await tmp.write("controls.html", Buffer.from("\x01\x02\x03\x04ab\x05\x06\x07\x08"));
    expect(await errorBetweenGoodInputs(path)).toMatch(/looks like a binary file/);
  });

  it("a binary file named .jsonl, reported once rather than line by line", async () => {
    const path = await tmp.write("data.jsonl", Buffer.concat([Buffer.from([0, 1, 2, 0x0a]), Buffer.alloc(100, 0x0a)]));
    expect(await errorBetweenGoodInputs(path)).toMatch(/data\.jsonl: looks like a binary file/);
  });

  it("invalid UTF-8, with the byte offset", async () => {
    const path = await tmp.write("latin1.txt", Buffer.concat([Buffer.from("Caf"), Buffer.from([0xe9]), Buffer.from(" au lait.")]));
    expect(await errorBetweenGoodInputs(path)).toBe(
      `${path}: is not valid UTF-8 (byte 0xe9 at offset 3); convert it to UTF-8, e.g. iconv -f latin1 -t utf-8`,
    );
  });

  it("UTF-16", async () => {
    const path = await tmp.write("utf16.txt", Buffer.from("\uFEFFTalks.", "utf16le"));
    expect(await errorBetweenGoodInputs(path)).toBe(`${path}: is UTF-16, not UTF-8; convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8`);
  });

  it("an empty file and a whitespace-only file", async () => {
    const empty = await tmp.write("empty.txt", "");
    const blank = await tmp.write("blank.htm", " \n\t\r\n");
    expect(await errorBetweenGoodInputs(empty)).toBe(`${empty}: is empty; give it some text, or leave it out`);
    expect(await errorBetweenGoodInputs(blank)).toBe(`${blank}: contains only whitespace; give it some text, or leave it out`);
  });

  it("a document over maxDocBytes", async () => {
    const path = await tmp.write("long.txt", "The talks went on. ".repeat(110)); // 2090 bytes
    expect(await errorBetweenGoodInputs(path, { maxDocBytes: 1000 })).toBe(
      `${path}: is 2.1 kB, over the 1 kB limit; split it or raise --max-doc-bytes`,
    );
  });

  it("an unknown extension named on the command line", async () => {
    const path = await tmp.write("minutes.pdf", "%PDF-1.4");
    const bare = await tmp.write("README", "Read me.");
    expect(await errorBetweenGoodInputs(path)).toBe(
      `${path}: has an unknown extension ".pdf"; give a .txt, .html, .htm, .jsonl or .ndjson file, or a folder of them`,
    );
    expect(await errorBetweenGoodInputs(bare)).toMatch(/README: has no file extension, so its format is unknown; give a \.txt/);
  });

  it("a malformed JSONL line", async () => {
    const path = await tmp.write("one-bad.jsonl", "oops\n");
    expect(await errorBetweenGoodInputs(path)).toMatch(new RegExp(`^${path}:1: is not valid JSON \\(`));
  });

  it("never throws, even when every input is bad", async () => {
    const items = await readAll(["nope.txt", "nope-dir/", await tmp.write("x.bin", "x"), "-"], { stdin: stdinOf() });
    expect(shape(items)).toBe("eeee");
  });
});

describe("formatBytes", () => {
  it("writes sizes as the messages show them", () => {
    expect([512, 1000, 2090, 5_000_000, 20_300_000].map(formatBytes)).toEqual(["512 bytes", "1 kB", "2.1 kB", "5 MB", "20.3 MB"]);
  });
});
