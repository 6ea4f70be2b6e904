import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docsOf, errorsOf, fixture, readAll, shape, useTempDir } from "./helpers.ts";

const tmp = useTempDir();
const line = (record: unknown) => JSON.stringify(record);

describe("JSONL", () => {
  it("reads one document a line, with ids, origins path:LINE and meta", async () => {
    const path = fixture("corpus.jsonl");
    const docs = docsOf(await readAll([path]));
    expect(docs.map((d) => [d.id, d.origin])).toEqual([
      ["made_up:0", `${path}:1`],
      ["made_up:1", `${path}:2`],
      ["corpus:4", `${path}:4`], // no id: <file-stem>:<line>; the blank line 3 is skipped
    ]);
    expect(docs[0]!.meta).toEqual({
      source: "made-up/press.json[0] (https://example.org/press/0)",
      publisher: "Ministry of Foreign Affairs, Freedonia",
      storyDate: "2021-05-04",
      title: "Call with the Sylvanian Foreign Minister",
      url: "https://example.org/press/0", // from the brackets in source
    });
    expect(docs[0]!.text).toBe("Minister Ortega spoke by telephone with the Foreign Minister of Sylvania.\nThey discussed the humanitarian situation in Anvers.");
    expect(docs[1]!.meta).toMatchObject({ storyDate: "2021-05-06", url: "https://example.org/press/1" }); // timestamp; url field
  });

  it("strips a BOM before the first line", async () => {
    const path = await tmp.write("bom.jsonl", "\uFEFF" + line({ id: "first", text: "Text." }) + "\r\n");
    expect(docsOf(await readAll([path])).map((d) => d.id)).toEqual(["first"]);
  });

  it("uses --date only for records without a usable date", async () => {
    const path = await tmp.write(
      "dates.ndjson",
      [line({ id: "a", date: "2021-01-02", text: "A." }), line({ id: "b", text: "B." }), line({ id: "c", date: "unknown", text: "C." })].join("\n"),
    );
    const docs = docsOf(await readAll([path], { defaultDate: "2020-12-31" }));
    expect(docs.map((d) => d.meta.storyDate)).toEqual(["2021-01-02", "2020-12-31", "2020-12-31"]);
  });

  it("leaves out an impossible date and a link that is not http(s), with one warning line each naming the input", async () => {
    const path = await tmp.write(
      "odd.jsonl",
      [
        line({ id: "a", date: "2024-02-30", url: "javascript:alert(document.cookie)", text: "A." }),
        line({ id: "b", date: "yesterday", url: "data:text/html,<script>alert(1)</script>", text: "B." }),
        line({ id: "c", date: "2024-02-29", url: "HTTPS://example.org/c", text: "C." }),
      ].join("\n"),
    );
    const docs = docsOf(await readAll([path], { defaultDate: "2024-03-01" }));
    expect(docs.map((d) => [d.meta.storyDate, d.meta.url])).toEqual([
      ["2024-03-01", null],
      ["2024-03-01", null],
      ["2024-02-29", "HTTPS://example.org/c"],
    ]);
    expect(docs[0]!.warnings).toEqual([
      `${path}:1: date "2024-02-30" is not a real calendar date as YYYY-MM-DD; left out (--date is used instead, if given)`,
      `${path}:1: url "javascript:alert(document.cookie)" is not an http or https address; left out`,
    ]);
    expect(docs[1]!.warnings).toHaveLength(2);
    expect(docs[1]!.warnings![0]).toMatch(/:2: date "yesterday" is not a real calendar date/);
    expect(docs[2]!.warnings).toBeUndefined();
  });

  it("reports each malformed line as path:LINE and reads the lines around it", async () => {
    const path = await tmp.write(
      "mixed.jsonl",
      [
        line({ id: "ok:1", text: "First good record." }),
        "{not json",
        "[1, 2]",
        line({ id: 7, text: "Numeric id." }),
        line({ id: "no-text" }),
        line({ id: "blank-text", text: "  \n " }),
        line({ id: "bad-title", title: ["x"], text: "Text." }),
        line({ id: "ok:8", text: "Last good record." }),
      ].join("\r\n"), // CRLF lines are fine too
    );
    const items = await readAll([path]);
    expect(shape(items)).toBe("deeeeeed");
    expect(docsOf(items).map((d) => d.id)).toEqual(["ok:1", "ok:8"]);
    const errors = errorsOf(items);
    expect(errors[0]).toMatch(new RegExp(`^${path}:2: is not valid JSON \\(.+\\); put one JSON object on each line \\(JSON Lines\\)$`));
    expect(errors.slice(1)).toEqual([
      `${path}:3: is not a JSON object (found an array); put one JSON object on each line (JSON Lines)`,
      `${path}:4: field "id" must be a string, found a number; fix the "id" field of this record`,
      `${path}:5: field "text" is missing or empty; give each record a non-empty "text" field`,
      `${path}:6: field "text" is missing or empty; give each record a non-empty "text" field`,
      `${path}:7: field "title" must be a string, found an array; fix the "title" field of this record`,
    ]);
  });

  it("reports a line that is not UTF-8 and goes on", async () => {
    const good = Buffer.from(line({ id: "g", text: "Good." }) + "\n");
    const bad = Buffer.concat([Buffer.from('{"id": "b", "text": "Caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const path = await tmp.write("latin1.jsonl", Buffer.concat([good, bad, good]));
    const items = await readAll([path]);
    expect(shape(items)).toBe("ded");
    expect(errorsOf(items)).toEqual([
      `${path}:2: is not valid UTF-8 (byte 0xe9 at offset 24 in the line); convert it to UTF-8, e.g. iconv -f latin1 -t utf-8`,
    ]);
  });

  it("skips a record whose text is over maxDocBytes", async () => {
    const path = await tmp.write("big.jsonl", [line({ id: "small", text: "Short." }), line({ id: "big", text: "x".repeat(2500) })].join("\n"));
    const items = await readAll([path], { maxDocBytes: 1000 });
    expect(shape(items)).toBe("de");
    expect(errorsOf(items)).toEqual([`${path}:2: is 2.5 kB, over the 1 kB limit; split it or raise --max-doc-bytes`]);
  });

  it("reports a file with no records once", async () => {
    const path = await tmp.write("blank.jsonl", "\n  \n\n");
    expect(errorsOf(await readAll([path]))).toEqual([
      `${path}: has no JSON records (it is empty or blank); give it one JSON object a line, or leave it out`,
    ]);
  });

  it("streams a long file in order", async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => line({ id: `r${i}`, text: `Record number ${i}.` }));
    const path = await tmp.write("long.jsonl", records.join("\n") + "\n");
    const docs = docsOf(await readAll([path]));
    expect(docs).toHaveLength(20_000);
    expect(docs[19_999]).toMatchObject({ id: "r19999", origin: `${path}:20000`, text: "Record number 19999." });
  });
});

const SINGAPORE = fileURLToPath(new URL("../../../shared/corpus/singapore-mfa-2021-2024.jsonl", import.meta.url));
const hasCorpus = existsSync(SINGAPORE);
if (!hasCorpus) console.log(`skipping the shared corpus test: ${SINGAPORE} is absent`);

describe.skipIf(!hasCorpus)("the shared corpus", () => {
  it("reads every Singapore MFA statement with a date and url", async () => {
    const items = await readAll([SINGAPORE]);
    expect(errorsOf(items)).toEqual([]);
    const docs = docsOf(items);
    expect(docs).toHaveLength(864);
    expect(docs.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.meta.storyDate ?? "") && d.meta.url?.startsWith("https://"))).toBe(true);
  });
});
