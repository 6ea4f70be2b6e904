import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docsOf, errorsOf, fixture, readAll, readOne, shape, useTempDir } from "./helpers.ts";
import { repairText } from "../../src/ingest/repair.ts";

const tmp = useTempDir();

describe("gold text format", () => {
  it("reads the header into meta and keeps the body after --- exactly", async () => {
    const doc = await readOne(fixture("gold-visit.txt"));
    expect(doc.id).toBe("gold-visit");
    expect(doc.origin).toBe(fixture("gold-visit.txt"));
    expect(doc.meta).toEqual({
      source: "made-up/readouts/2019-04-02-visit.md (https://example.org/readouts/visit-2019)",
      publisher: "Ministry of Foreign Affairs of Freedonia",
      storyDate: "2019-04-02",
      title: "Foreign Minister Ortega visits Sylvania",
      url: "https://example.org/readouts/visit-2019", // from the brackets in source
    });
    const raw = readFileSync(fixture("gold-visit.txt"), "utf8");
    expect(doc.text).toBe(raw.slice(raw.indexOf("---\n") + 4));
    expect(doc.text.startsWith("The Foreign Minister of Freedonia")).toBe(true);
  });

  it("turns 'unknown' into null, and uses --date only for an unknown date", async () => {
    const doc = await readOne(fixture("gold-unknown.txt"));
    expect(doc.meta).toEqual({ source: "made-up/statements/undated.md", publisher: null, storyDate: null, title: null, url: null });
    expect((await readOne(fixture("gold-unknown.txt"), { defaultDate: "2020-01-31" })).meta.storyDate).toBe("2020-01-31");
    expect((await readOne(fixture("gold-visit.txt"), { defaultDate: "2020-01-31" })).meta.storyDate).toBe("2019-04-02");
  });

  it("takes a url header over the one in source, and treats an invalid date as unknown", async () => {
    const path = await tmp.write("with-url.txt", "source: a (https://a.example)\nurl: https://b.example\ndate: 2019-02-30\n---\nText.\n");
    const doc = await readOne(path);
    expect(doc.meta).toMatchObject({ url: "https://b.example", storyDate: null });
    expect(doc.warnings).toEqual([`${path}: date "2019-02-30" is not a real calendar date as YYYY-MM-DD; left out (--date is used instead, if given)`]);
    const script = await readOne(await tmp.write("script-url.txt", "url: javascript:alert(1)\n---\nText.\n"));
    expect(script.meta.url).toBeNull();
    expect(script.warnings).toEqual([`${script.origin}: url "javascript:alert(1)" is not an http or https address; left out`]);
  });

  it("tolerates CRLF in the header and keeps the body's CRLF as is", async () => {
    const path = await tmp.write("crlf.txt", "source: s\r\npublisher: p\r\ndate: 2019-04-02\r\ntitle: T\r\n---\r\nLine one.\r\nLine two.\r\n");
    const doc = await readOne(path);
    expect(doc.meta).toEqual({ source: "s", publisher: "p", storyDate: "2019-04-02", title: "T", url: null });
    expect(doc.text).toBe("Line one.\r\nLine two.\r\n");
  });

  it("strips a UTF-8 BOM before the header", async () => {
    const path = await tmp.write("bom.txt", "\uFEFFsource: s\ndate: 2019-04-02\n---\nBody.");
    const doc = await readOne(path);
    expect(doc.meta.source).toBe("s");
    expect(doc.text).toBe("Body.");
  });

  it("reads header-like lines without a --- line as plain text", async () => {
    const path = await tmp.write("no-rule.txt", "note: this is not a header\nThe ministers met.\n");
    const doc = await readOne(path);
    expect(doc.meta.source).toBeNull();
    expect(doc.text).toBe("note: this is not a header\nThe ministers met.\n");
  });

  it("reports a header with no body, and reads the next input", async () => {
    const path = await tmp.write("no-body.txt", "source: s\ndate: 2019-04-02\n---\n  \n");
    const items = await readAll([path, fixture("gold-visit.txt")]);
    expect(shape(items)).toBe("ed");
    expect(errorsOf(items)[0]).toBe(`${path}: has a header but no text after its --- line; add the text below the --- line`);
  });
});

// The shared gold set is optional: the project's tests must pass without it.
const GOLD_DEV = fileURLToPath(new URL("../../../shared/gold/dev/", import.meta.url));
const hasGold = existsSync(GOLD_DEV);
if (!hasGold) console.log(`skipping the shared gold set: ${GOLD_DEV} is absent`);

describe.skipIf(!hasGold)("the shared gold dev set", () => {
  it("reads every text with its body (repaired: src/ingest/repair.ts) and the story date of its .json", async () => {
    const names = readdirSync(GOLD_DEV).filter((n) => n.endsWith(".txt"));
    const items = await readAll([GOLD_DEV]);
    expect(errorsOf(items)).toEqual([]);
    const docs = docsOf(items);
    expect(docs.map((d) => `${d.id}.txt`)).toEqual([...names].sort());
    for (const doc of docs) {
      const raw = readFileSync(join(GOLD_DEV, `${doc.id}.txt`), "utf8");
      expect(doc.text).toBe(repairText(raw.slice(raw.indexOf("\n---\n") + 5)));
      const gold = JSON.parse(readFileSync(join(GOLD_DEV, `${doc.id}.json`), "utf8")) as { story_date: string | null };
      expect(doc.meta.storyDate, doc.id).toBe(gold.story_date);
    }
  });
});
