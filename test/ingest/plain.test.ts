import { describe, expect, it } from "vitest";
import { plainTitle } from "../../src/ingest/formats/plain.ts";
import { fixture, readOne, useTempDir } from "./helpers.ts";

const tmp = useTempDir();

describe("plain text", () => {
  it("takes the whole file as the body and the story date from its dateline", async () => {
    const doc = await readOne(fixture("plain-dateline.txt"));
    expect(doc.id).toBe("plain-dateline");
    expect(doc.text).toMatch(/^GENEVA, 3 March 2022 — Delegations.*dry season\.\n$/s);
    expect(doc.meta).toEqual({ source: null, publisher: null, storyDate: "2022-03-03", title: null, url: null });
  });

  it("prefers --date over a dateline", async () => {
    expect((await readOne(fixture("plain-dateline.txt"), { defaultDate: "2022-03-05" })).meta.storyDate).toBe("2022-03-05");
  });

  it("takes a short first line followed by a blank line as the title", async () => {
    const doc = await readOne(fixture("plain-headline.txt"));
    expect(doc.meta.title).toBe("Sylvania recalls its ambassador");
    expect(doc.meta.storyDate).toBeNull();
    expect(doc.text.startsWith("Sylvania recalls its ambassador\n\nThe Government")).toBe(true);
  });

  it("keeps CRLF line endings and strips a BOM", async () => {
    const path = await tmp.write("crlf.txt", "\uFEFFTalks end\r\n\r\nThe talks ended.\r\n");
    const doc = await readOne(path);
    expect(doc.text).toBe("Talks end\r\n\r\nThe talks ended.\r\n");
    expect(doc.meta.title).toBe("Talks end");
  });
});

describe("plainTitle", () => {
  it("does not take a long line, a line without a blank line after it, or a date", () => {
    expect(plainTitle(`${"A very long opening sentence ".repeat(8)}\n\nBody.`)).toBeNull();
    expect(plainTitle("First line\nSecond line\n")).toBeNull();
    expect(plainTitle("June 19, 2013\n\nThe ministers met.")).toBeNull();
    expect(plainTitle("WASHINGTON, June 19, 2013 — Talks\n\nMore.")).toBeNull();
    expect(plainTitle("One line only")).toBeNull();
  });
});
