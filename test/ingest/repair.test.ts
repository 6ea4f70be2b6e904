import { describe, expect, it } from "vitest";
import { repairMojibake, repairText } from "../../src/ingest/repair.ts";
import { readOne, useTempDir } from "./helpers.ts";

const tmp = useTempDir();

/** How a Windows-1252 reader shows a UTF-8 text: each byte as its own character. */
function asCp1252(text: string): string {
  return new TextDecoder("windows-1252").decode(new TextEncoder().encode(text));
}

describe("text repair", () => {
  it("undoes UTF-8 read as Windows-1252 or Latin-1", () => {
    for (const original of ["Professor Maurice Glèlè-Ahanhanzo", "Plenković’s visit", "São Tomé — “talks”", "Ban Ki-moon in Genève"]) {
      expect(repairMojibake(asCp1252(original))).toBe(original);
    }
    expect(repairMojibake("GlÃ¨lÃ¨-Ahanhanzo")).toBe("Glèlè-Ahanhanzo");
  });

  it("leaves real accented text alone", () => {
    for (const text of ["Ãlvaro Âge", "the ÂCE index", "Zürich, Ångström, Âge", "plain ASCII", "Ã at the end Ã"]) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it("decodes complete character references in plain text, and only those", () => {
    expect(repairText("a communiqu&#233; &amp; a r&eacute;sum&eacute; &#x2014; done")).toBe("a communiqué & a résumé — done");
    expect(repairText("AT&T and R&D; &notanentity; & more")).toBe("AT&T and R&D; &notanentity; & more");
  });

  it("repairs what plain-text and JSON Lines inputs store", async () => {
    const plain = await readOne(await tmp.write("mojibake.txt", "The minister met Mr GlÃ¨lÃ¨ and signed a communiqu&#233;.\n"));
    expect(plain.text).toBe("The minister met Mr Glèlè and signed a communiqué.\n");
    const line = JSON.stringify({ id: "m1", title: "Talks in Genève", text: "Talks in GenÃ¨ve &amp; beyond" });
    const jsonl = await readOne(await tmp.write("mojibake.jsonl", `${line}\n`));
    expect(jsonl.text).toBe("Talks in Genève & beyond");
    expect(jsonl.meta.title).toBe("Talks in Genève");
  });
});
