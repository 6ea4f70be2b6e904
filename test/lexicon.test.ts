import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Lexicon } from "../src/coding/lexicon.ts";
import { EVENT_TYPES } from "../src/store/model.ts";

const DATA = resolve(import.meta.dirname, "..", "data");

describe("the trigger lexicon", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** A copy of the lexicon with `row` appended to the trigger file `file` (by default SUPPORT.tsv). */
  const withRow = (row: string, file = "SUPPORT.tsv") => {
    const dir = mkdtempSync(join(tmpdir(), "readout-lexicon-"));
    dirs.push(dir);
    cpSync(join(DATA, "lexicon"), join(dir, "lexicon"), { recursive: true });
    appendFileSync(join(dir, "lexicon", "triggers", file), `\n${row}\n`);
    return dir;
  };

  it("loads the shipped files, one per PLOVER type, each entry coding its file's type", () => {
    const lexicon = new Lexicon(DATA);
    const types = new Set([...lexicon.byHead.values()].flat().map((t) => t.type));
    expect([...types].sort()).toEqual([...EVENT_TYPES].sort());
    expect(lexicon.byHead.get("sanction")!.every((t) => t.type === "SANCTION")).toBe(true);
  });
  it("refuses a pattern listed twice, even in two types' files, which would shadow the other row", () => {
    expect(() => new Lexicon(withRow("lift * sanctions\tVERB\t\t081\tobject\t\t", "CONCEDE.tsv"))).toThrow(/RETREAT\.tsv:\d+: "lift \* sanctions" \(VERB\) is listed twice, also at \S+CONCEDE\.tsv:\d+/);
  });
  it("refuses roles and recipient frames the coder does not read", () => {
    expect(() => new Lexicon(withRow("eulogize\tVERB\t\t051\tobjekt\t\t"))).toThrow(/SUPPORT\.tsv:\d+: "eulogize" has roles "objekt"/);
    expect(() => new Lexicon(withRow("eulogize\tVERB\t\t051\tobject\tobl-to\t"))).toThrow(/recipient frame "obl-to"/);
  });
  it("refuses a trigger file named after no PLOVER type", () => {
    expect(() => new Lexicon(withRow("pattern\tpos\tmode\tcameo\troles\trecipient\tactor\nextol\tVERB\t\t051\tobject\t\t", "PRAISE.tsv"))).toThrow(/PRAISE\.tsv: "PRAISE" is no PLOVER event type/);
  });
});
