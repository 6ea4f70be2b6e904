/**
 * The evidence view draws the source markup of a document (web/src/markup.ts) in the browser: dev113, a White House
 * fact sheet with `**bold**` lines and bullets, `*italic*` and a closing `\###`, and dev103, a letter whose list items
 * pandoc separated with `<!-- -->`. Nothing of the markup is visible, and each trigger still covers its words.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { useWebApp, webSkip } from "./harness.ts";

interface Doc {
  text: string;
  sentences: Array<{ index: number; start: number; end: number }>;
  events: Array<{ id: string; text_info: { trigger_start: number; trigger_end: number } }>;
}

describe.skipIf(webSkip !== null)("evidence: source markup", () => {
  const app = useWebApp();

  it("evidence renders bold, bullets and the end mark of a fact sheet, hiding the markup", async () => {
    const doc = await app.api<Doc>("/documents/dev113");
    expect(doc.text).toContain("**The Administration will:**");
    expect(doc.text).toMatch(/^\\###$/m);
    const p = await app.open("#/doc/dev113");
    const text = p.locator("article .doc-text");
    await text.waitFor();
    const shown = await text.innerText();
    for (const markup of ["**", "###", "\\#", "<!--", "-   "]) expect(shown, markup).not.toContain(markup);
    expect(shown).toContain("The Administration will:");
    // bold as bold, italic as italic, the end mark as a rule, bullets as list items
    // (a mention inside bold cuts it: the highlight is the outer element, `<mark><strong>Administration</strong></mark>`)
    const bold = p.locator(".doc-text strong.md-strong");
    expect((await bold.allTextContents()).join("")).toContain("The Administration will:");
    expect(Number(await bold.first().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(700);
    expect(await p.locator(".doc-text strong.md-strong", { hasText: "Build Back Better" }).count()).toBeGreaterThan(0);
    expect(await p.locator(".doc-text em.md-em").first().evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontStyle)).toBe("italic");
    expect(await p.locator(".doc-text .md-end").evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).display)).toBe("block");
    expect(await p.locator(".doc-text p.md-li").count()).toBeGreaterThanOrEqual(7);
    // every trigger covers exactly its words: its marks' characters, hidden ones too, are the API's
    for (const e of doc.events) {
      const marks = p.locator(`mark.trigger[data-event="${e.id}"]`);
      expect((await marks.allTextContents()).join(""), e.id).toBe(doc.text.slice(e.text_info.trigger_start, e.text_info.trigger_end));
    }
    await sentencesKeepTheirCharacters(p, doc);
    // the list's snippets leave the markup out too
    expect((await p.locator(".event-list .snippet").allInnerTexts()).join(" ")).not.toMatch(/\*\*|\\#/);
  });

  it("evidence drops HTML comments, keeping the mentions on their words", async () => {
    const doc = await app.api<Doc>("/documents/dev103");
    expect(doc.text.match(/<!-- -->/g)?.length).toBeGreaterThan(5);
    const p = await app.open("#/doc/dev103");
    await p.locator("mark.mention").first().waitFor();
    const shown = await p.locator("article .doc-text").innerText();
    expect(shown).not.toContain("<!--");
    expect(shown).not.toContain("-->");
    // the comment lines take no room: their sentences and paragraphs are not drawn
    expect(await p.locator(".doc-text p.md-blank").count()).toBeGreaterThan(5);
    for (const blank of await p.locator(".doc-text p.md-blank").all()) expect(await blank.isVisible()).toBe(false);
    await sentencesKeepTheirCharacters(p, doc);
    // `*et seq*.` in italics, without its stars
    expect(await p.locator(".doc-text em.md-em", { hasText: "et seq" }).count()).toBe(1);
    // (Chromium's innerText turns the space before the hidden `*` into a no-break space)
    expect(shown.replace(/\u00a0/g, " ")).toContain("1701 et seq.)");
  });
});

/** Each sentence of the page holds exactly the characters of its offsets (its hidden markup too, in hidden spans). */
async function sentencesKeepTheirCharacters(p: Page, doc: Doc): Promise<void> {
  const texts = await p.locator(".doc-text .sentence").evaluateAll((spans) => spans.map((s) => [s.id, s.textContent ?? ""]));
  expect(Object.fromEntries(texts)).toEqual(Object.fromEntries(doc.sentences.map((s) => [`s-${s.index}`, doc.text.slice(s.start, s.end)])));
}
