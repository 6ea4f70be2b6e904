import { describe, expect, it } from "vitest";
import { maskMarkup } from "../src/nlp/markup.ts";
import { tokenize } from "../src/nlp/tokenize.ts";
import { Coder, sourceFromText, toPlover } from "../src/index.ts";

describe("markup masking", () => {
  const masked = (text: string) => {
    const out = maskMarkup(text);
    expect(out.length).toBe(text.length);
    return out.replace(/\s+/g, " ").trim();
  };

  it("keeps a link's text and drops its brackets and address, at the same offsets", () => {
    expect(masked("HHS [awarded](https://www.example.gov/news/2022/09/award(s)) a grant.")).toBe("HHS awarded a grant.");
    expect(masked("See ![the map](https://example.org/map.png) below.")).toBe("See the map below.");
  });

  it("drops bold and italic markers, headings, list marks and escapes", () => {
    expect(masked("- **NATIONAL PARK ASSOCIATION (NRPA): **The Association will provide training.")).toBe("NATIONAL PARK ASSOCIATION (NRPA): The Association will provide training.");
    expect(masked("## Preamble\n\n* ***Trade Dialogue*:** We will talk.")).toBe("Preamble Trade Dialogue : We will talk.");
    expect(masked("so our \\#veterans get care")).toBe("so our #veterans get care");
    // (an asterisk between characters is no emphasis)
    expect(masked("5*3 = 15")).toBe("5*3 = 15");
  });

  it("drops inline HTML tags and superscripts", () => {
    expect(masked("the 70<sup>th</sup> anniversary of the <em>Alliance</em>")).toBe("the 70 anniversary of the Alliance");
    expect(masked("a < b and c > d")).toBe("a < b and c > d");
  });

  it("leaves a text without markup as it is", () => {
    const text = "The Secretary-General met with H.E. Mr. Xi Jinping.";
    expect(maskMarkup(text)).toBe(text);
  });

  it("reads a Markdown heading or bold line as a sentence of its own, and a list item as opening one", () => {
    const text = "**Expelling Diplomatic Personnel**\nThe United States is expelling ten diplomats\n- Japan will support it\non August\n25.";
    const { sentences } = tokenize(maskMarkup(text), text);
    expect(sentences.map((s) => text.slice(s.start, s.end).replace(/\s+/g, " "))).toEqual([
      "Expelling Diplomatic Personnel",
      "The United States is expelling ten diplomats",
      "Japan will support it on August 25.",
    ]);
  });

  it("codes the words inside markup, with evidence in the text as published", () => {
    const coder = new Coder();
    const text = "Officials met on Monday. In September 2022, the Department of State [condemned](https://www.state.gov/x) **Russia** for its attacks.";
    const doc = coder.code(sourceFromText("md", text, { storyDate: "2022-09-20", publisher: "U.S. Department of State" }));
    const [event] = toPlover(doc).filter((r) => r.event === "ACCUSE");
    expect(event).toBeDefined();
    expect(event!.recipient.map((e) => e.code)).toEqual(["RUS"]);
    expect(text.slice(event!.text_info.trigger_start, event!.text_info.trigger_end)).toBe("condemned");
    expect(event!.text).toContain("[condemned](https://www.state.gov/x)");
  });
});
