import { beforeAll, describe, expect, it } from "vitest";
import { Coder, sourceFromText } from "../../src/index.ts";
import { ROOT, Tree, UNPARSED } from "../../src/doc/syntax.ts";

let coder: Coder;
beforeAll(() => {
  coder = new Coder();
});

/** Codes sentences as one text and reads its trees. */
function coded(id: string, sentences: string[], storyDate: string) {
  const doc = coder.code(sourceFromText(id, sentences.join(" "), { storyDate }));
  return { doc, tree: new Tree(doc.tokens, doc.syntax!) };
}

describe("the syntax stage", () => {
  it("sits between the mentions and the events", () => {
    const names = coder.stageNames();
    expect(names.indexOf("syntax")).toBeGreaterThan(names.indexOf("mentions+coreference"));
    expect(names.indexOf("syntax")).toBeLessThan(names.indexOf("events"));
  });

  it("parses only sentences holding both a trigger candidate and a mention", () => {
    const { doc, tree } = coded(
      "syntax-0",
      ["Prime Minister Albanese welcomed the agreement.", "The agreement was welcomed warmly.", "The weather in Canberra was fine."],
      "2023-03-01",
    );
    const mentioned = doc.sentences.map((s) => doc.mentions.some((m) => m.sentence === s.index));
    expect(mentioned).toEqual([true, false, true]);
    expect(doc.sentences.map((s) => tree.parsed(s.tokenStart))).toEqual([true, false, false]);
  });

  it("gives each coded sentence with a trigger candidate one tree, kept inside the sentence", () => {
    const { doc, tree } = coded(
      "syntax-1",
      [
        "Foreign Minister Wang Yi met with Secretary of State Antony Blinken in Bali on Thursday.",
        "The weather was fine.",
        "Wang urged the United States to stop interfering in China's internal affairs.",
      ],
      "2022-07-08",
    );
    const syntax = doc.syntax!;
    expect(syntax).not.toBeNull();
    const parsed = doc.sentences.map((s) => tree.parsed(s.tokenStart));
    expect(parsed).toEqual([true, false, true]);
    for (const s of doc.sentences) {
      const roots = [];
      for (let t = s.tokenStart; t < s.tokenEnd; t++) {
        const h = syntax.head[t]!;
        if (!parsed[s.index]) expect(h).toBe(UNPARSED);
        else if (h === ROOT) roots.push(t);
        else expect(h >= s.tokenStart && h < s.tokenEnd).toBe(true);
      }
      if (parsed[s.index]) expect(roots).toHaveLength(1);
    }
    const met = doc.tokens.text.indexOf("met");
    expect(tree.relation(met)).toBe("root");
    expect(doc.tokens.text[tree.subjectOf(met)!.token]).toBe("Wang");
    const urged = doc.tokens.text.indexOf("urged");
    const stop = doc.tokens.text.indexOf("stop");
    expect(doc.tokens.text[tree.subjectOf(stop)!.token]).toBe("States");
    expect(tree.objectOf(urged)).toBe(doc.tokens.text.indexOf("States"));
  });

  it("leaves a news dateline out of the parse, its words hanging from the clause's root", () => {
    const text = "WASHINGTON, Oct 19 - Crown Prince Abdullah met Vice President George Bush for an hour on Monday.";
    const doc = coder.code(sourceFromText("dateline", text, { storyDate: "1987-10-19" }));
    const tree = new Tree(doc.tokens, doc.syntax!);
    const at = (w: string) => doc.tokens.text.indexOf(w);
    const met = at("met");
    expect(tree.relation(met)).toBe("root");
    for (const w of ["WASHINGTON", "Oct", "19", "-"]) {
      expect(tree.head(at(w)), w).toBe(met);
      expect(tree.relation(at(w)), w).toBe("dep");
    }
    expect(doc.tokens.text[tree.subjectOf(met)!.token]).toMatch(/^(Crown|Prince|Abdullah)$/);
  });

  it("codes a document the same alone and after others", () => {
    const text = "The President spoke with Prime Minister Kishida by phone. They discussed North Korea's missile launches.";
    const alone = new Coder().code(sourceFromText("a", text, { storyDate: "2023-01-05" }));
    coder.code(sourceFromText("other", "Something else entirely was said by the Minister of Defence of Australia on Monday.", { storyDate: "2023-01-05" }));
    const after = coder.code(sourceFromText("a", text, { storyDate: "2023-01-05" }));
    expect([...after.syntax!.head]).toEqual([...alone.syntax!.head]);
    expect([...after.syntax!.rel]).toEqual([...alone.syntax!.rel]);
  });
});
