import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Lexicon } from "../src/coding/lexicon.ts";

const DATA = resolve(import.meta.dirname, "..", "data");

describe("the trigger lexicon", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  /** A copy of the lexicon with `row` appended to triggers.tsv. */
  const withRow = (row: string) => {
    const dir = mkdtempSync(join(tmpdir(), "readout-lexicon-"));
    dirs.push(dir);
    cpSync(join(DATA, "lexicon"), join(dir, "lexicon"), { recursive: true });
    appendFileSync(join(dir, "lexicon", "triggers.tsv"), `\n${row}\n`);
    return dir;
  };

  it("loads the shipped file", () => {
    expect(new Lexicon(DATA).holdsCandidate).toBeTypeOf("function");
  });
  it("refuses a pattern listed twice, which would shadow the other row", () => {
    expect(() => new Lexicon(withRow("lift * sanctions\tVERB\tCONCEDE\t\t081\tobject\t\t"))).toThrow(/"lift \* sanctions" \(VERB\) is listed twice/);
  });
  it("refuses roles and recipient frames the coder does not read", () => {
    expect(() => new Lexicon(withRow("extol\tVERB\tSUPPORT\t\t051\tobjekt\t\t"))).toThrow(/roles "objekt"/);
    expect(() => new Lexicon(withRow("extol\tVERB\tSUPPORT\t\t051\tobject\tobl-to\t"))).toThrow(/recipient frame "obl-to"/);
  });
});
