/** Source markup in a document text, drawn without rewriting the text (web/src/markup.ts). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWrapped, layoutSentence, scanMarkup, separation, shownText, textOf, type Element, type Mark, type Node } from "../../web/src/markup.ts";
/** The dev set (as harness.ts names it; not imported from there, which would load the browser tests' machinery). */
const DEV = join(import.meta.dirname, "../../../shared/gold/dev");

/** The text as the page shows it: hidden markup left out. */
const shown = (text: string) => shownText(text, 0, text.length, scanMarkup(text));
/** The whole text laid out as one sentence. */
const layout = (text: string, marks: Mark[] = []) => layoutSentence(text, 0, text.length, marks, scanMarkup(text));
/** Every element of a tree, depth first. */
const elements = (nodes: Node[]): Element[] => nodes.flatMap((n) => (typeof n === "string" ? [] : [n, ...elements(n.children)]));
/** The shown texts of the elements with a class. */
const styled = (nodes: Node[], className: string) => elements(nodes).filter((e) => e.attrs.class?.split(" ").includes(className)).map((e) => textOf(e.children));
/** The text less every character the markup hides, found independently of the tree. */
const minus = (text: string) => {
  const { hidden } = scanMarkup(text);
  return [...text].filter((_, i) => !hidden.some(([a, b]) => a <= i && i < b)).join("");
};

describe("scanMarkup", () => {
  it("bold, italic and both, with their delimiters hidden", () => {
    const text = "A **bold** word, *et seq*., ***both*** and _under_ but not snake_case_name.";
    expect(shown(text)).toBe("A bold word, et seq., both and under but not snake_case_name.");
    const nodes = layout(text);
    expect(styled(nodes, "md-strong")).toEqual(["bold", "both"]);
    expect(styled(nodes, "md-em")).toEqual(["et seq", "both", "under"]);
    // bold nests in italic (or the reverse), one element each, never cut up
    const both = elements(nodes).find((e) => e.tag === "em" && textOf(e.children) === "both")!;
    expect(elements(both.children).map((e) => e.tag)).toContain("strong");
  });

  it("bold across a wrapped line, and pandoc's bold that ends in a space", () => {
    const text = "-   **Create a new designation of\n    hospitals: **CMS is planning to propose";
    expect(shown(text)).toBe("   Create a new designation of\n    hospitals: CMS is planning to propose");
    expect(styled(layout(text), "md-strong")).toEqual(["Create a new designation of\n    hospitals: "]);
  });

  it("a lone star, a footnote star or an escaped star stays text", () => {
    expect(shown("5 * 3 = 15, see note*")).toBe("5 * 3 = 15, see note*");
    expect(shown("\\*\\*\\* not bold \\*\\*")).toBe("*** not bold **");
  });

  it("emphasis never pairs across a blank line", () => {
    expect(shown("a *b\n\nc* d")).toBe("a *b\n\nc* d");
  });

  it("a press release's closing ### in all its spellings: hidden, drawn as an end mark", () => {
    for (const end of ["\\###", "\\# \\# \\#", "# # #", "###", "**\\###**", "*\\###*", "  \\###  "]) {
      const text = `Last words.\n\n${end}\n`;
      expect(shown(text).trim(), end).toBe("Last words.");
      expect(elements(layout(text)).filter((e) => e.attrs.class === "md-end"), end).toHaveLength(1);
    }
    // a hashtag is no end mark: only its backslash goes
    expect(shown("Use \\#SOTU today")).toBe("Use #SOTU today");
  });

  it("a heading line, its # run hidden (a closing run too)", () => {
    const text = "Intro.\n\n### Advancing Immigration Reform ###\n\nBody.";
    expect(shown(text)).toBe("Intro.\n\nAdvancing Immigration Reform\n\nBody.");
    expect(styled(layout(text), "md-h3")).toEqual(["Advancing Immigration Reform"]);
    expect(styled(layout("#### **Julie Su, Deputy Secretary**"), "md-h4")).toEqual(["Julie Su, Deputy Secretary"]);
  });

  it("HTML comments go entirely, their text too", () => {
    const text = "one;\n\n<!-- -->\n\n-   two <!-- a note, with **stars** -->end";
    expect(shown(text)).toBe("one;\n\n\n\n   two end");
    expect(scanMarkup(text).styles.filter((s) => s.className === "md-strong")).toEqual([]);
  });

  it("backslash escapes: the backslash goes, the character stays", () => {
    expect(shown("\\[senior administration official\\] said 1\\. and \\(2\\)")).toBe("[senior administration official] said 1. and (2)");
  });

  it("links and images keep their text, underlined, with the address as a title", () => {
    const text = "\\[[Statement](https://example.org/a_b_(c)_d)\\] and ![logo](x.png) and <https://t.co/a_b_>";
    expect(shown(text)).toBe("[Statement] and logo and https://t.co/a_b_");
    const link = elements(layout(text)).find((e) => e.attrs.class === "md-link")!;
    expect(link.attrs.title).toBe("https://example.org/a_b_(c)_d");
    expect(textOf(link.children)).toBe("Statement");
  });

  it("HTML tags are hidden; underline, bold and superscript ones style their content", () => {
    const text = '**<u>Members of the Delegation:</u>** <span id="x"></span><span style="text-decoration: underline">Sec.</span> 1<sup>st</sup><br><td>cell</td>';
    expect(shown(text)).toBe("Members of the Delegation: Sec. 1stcell");
    const nodes = layout(text);
    expect(styled(nodes, "md-u")).toEqual(["Members of the Delegation:", "Sec."]);
    expect(styled(nodes, "md-strong")).toEqual(["Members of the Delegation:"]);
    expect(styled(nodes, "md-sup")).toEqual(["st"]);
  });

  it("bullets: the marker hidden and drawn as a bullet; numbers stay", () => {
    const text = "Will:\n\n-   first\n*   second\n1.  third";
    expect(shown(text)).toBe("Will:\n\n   first\n   second\n1.  third");
    expect(elements(layout(text)).filter((e) => e.attrs.class === "md-bullet")).toHaveLength(2);
  });
});

describe("layoutSentence", () => {
  it("a trigger inside bold: the mark around the bold words", () => {
    const text = "Wang Yi **met with** Blinken.";
    const nodes = layout(text, [{ start: 10, end: 18, className: "trigger", event: "e1" }]);
    const mark = elements(nodes).find((e) => e.tag === "mark")!;
    expect(mark.attrs).toEqual({ class: "trigger", "data-event": "e1" });
    expect(mark.children).toEqual([{ tag: "strong", attrs: { class: "md-strong" }, children: ["met with"] }]);
  });

  it("a trigger across markup: one mark, the hidden markup inside it, every character once", () => {
    const text = "They **met** with Blinken.";
    const start = text.indexOf("**met");
    const end = text.indexOf(" Blinken");
    const nodes = layout(text, [{ start, end, className: "trigger", event: "e1" }, { start: text.indexOf("Blinken"), end: text.length - 1, className: "mention" }]);
    const marks = elements(nodes).filter((e) => e.tag === "mark");
    expect(marks.map((m) => textOf(m.children, true))).toEqual(["**met** with", "Blinken"]);
    expect(marks.map((m) => textOf(m.children))).toEqual(["met with", "Blinken"]);
    expect(textOf(nodes, true)).toBe(text);
  });

  it("bold opened before the sentence (the splitter left `-   **` out) still bolds its words", () => {
    const text = "-   **Build Back Better**: The Act passed.";
    const start = text.indexOf("Build");
    const nodes = layoutSentence(text, start, text.length, [], scanMarkup(text));
    expect(textOf(nodes, true)).toBe(text.slice(start));
    expect(styled(nodes, "md-strong")).toEqual(["Build Back Better"]);
    expect(textOf(nodes)).toBe("Build Back Better: The Act passed.");
  });

  it("overlapping and nested highlights over markup cover exactly their characters", () => {
    const text = "A **bold _and_ [linked](https://x.org) text** with \\[escapes\\] <u>and</u> tags\n\n\\###";
    const marks: Mark[] = [];
    for (let a = 0; a < text.length; a += 3) marks.push({ start: a, end: Math.min(text.length, a + 7), className: `k${a}` });
    const nodes = layout(text, marks);
    expect(textOf(nodes, true)).toBe(text);
    expect(textOf(nodes)).toBe(minus(text));
    for (const m of marks) {
      const pieces = elements(nodes).filter((e) => e.tag === "mark" && e.attrs.class!.split(" ").includes(m.className));
      expect(pieces.map((e) => textOf(e.children, true)).join(""), m.className).toBe(text.slice(m.start, m.end));
    }
  });
});

describe("paragraphs", () => {
  const wrapped = ["President Biden and Vice President Harris have long", "championed policies to improve maternal health and", "equity, a key priority.", "", "-   **Build Back Better**: The Act, passed by the", "    House, includes an investment.", "", "\\###"].join("\n");

  it("tells hard-wrapped Markdown from one paragraph a line", () => {
    expect(isWrapped(wrapped)).toBe(true);
    expect(isWrapped("A long paragraph on one line. ".repeat(10) + "\nAnother.\nAnd another.\nAnd more.")).toBe(false);
  });

  it("a soft line break is a space; a blank line, a bullet or an end mark starts a block", () => {
    const at = (s: string) => wrapped.indexOf(s);
    expect(separation(wrapped, at(" have long") + 10, at("championed"), true)).toBe("space");
    expect(separation(wrapped, at(" priority.") + 10, at("Build"), true)).toBe("item");
    expect(separation(wrapped, at("the\n    House") + 3, at("House"), true)).toBe("space");
    expect(separation(wrapped, at("investment.") + 11, at("###"), true)).toBe("paragraph");
    expect(separation("One.\nTwo.", 4, 5, false)).toBe("paragraph");
    expect(separation("One. Two.", 4, 5, false)).toBe("space");
  });
});

describe.skipIf(!existsSync(DEV))("the dev set's texts", () => {
  it("lay out to every character once, and show no markup characters", () => {
    let documents = 0;
    for (const file of readdirSync(DEV).filter((f) => f.endsWith(".txt"))) {
      const text = readFileSync(join(DEV, file), "utf8").split(/^---$/m).slice(1).join("---").trimStart();
      const nodes = layout(text);
      expect(textOf(nodes, true), file).toBe(text);
      expect(textOf(nodes), file).not.toMatch(/\*\*|###|\\#|<!--|-->/);
      documents++;
    }
    expect(documents).toBeGreaterThan(100);
  });
});
