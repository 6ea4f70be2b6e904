import { describe, expect, it } from "vitest";
import { docsOf, errorsOf, fixture, readAll, readOne, shape, useTempDir } from "./helpers.ts";

const tmp = useTempDir();
const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
const PROSE = "<p>The two delegations met for three hours and agreed on a joint plan for the return of refugees.</p>";

describe("HTML", () => {
  it("extracts the article as paragraphs, without navigation, footer or scripts", async () => {
    const doc = await readOne(fixture("article.html"));
    expect(doc.id).toBe("article");
    expect(doc.text).toBe(
      [
        "The foreign ministers of Freedonia and Sylvania met in Vantor on Thursday and agreed to open talks on the disputed border section near Kell.",
        "Minister Ortega said the talks would start in January. Her Sylvanian counterpart welcomed the decision and thanked the Government of Freedonia for its constructive approach.",
        "The ministers also discussed trade, fisheries and the situation of refugees in the region, and agreed to meet again in the spring to review progress on all of these matters.",
        "Address of the ministry:\n12 Harbour Street\nVantor",
      ].join("\n\n"),
    );
    expect(doc.meta).toEqual({
      source: null,
      publisher: "Freedonia Ministry of Foreign Affairs",
      storyDate: "2020-11-12",
      title: "Ministers agree on border talks",
      url: "https://example.org/news/border-talks",
    });
  });

  it("reads a fragment without <html> or <body>, dated by its dateline", async () => {
    const doc = await readOne(fixture("fragment.htm"));
    expect(doc.text).toBe(
      "WASHINGTON, June 19, 2013 — The United States and Freedonia held consultations on regional security.\n\nThe delegations agreed to meet again.",
    );
    expect(doc.meta.storyDate).toBe("2013-06-19");
  });

  it("dates a page by <meta name=date> or <time datetime>, then --date, then its dateline", async () => {
    const byMeta = await tmp.write("meta.html", page('<meta name="date" content="2018-03-04">', PROSE));
    const byTime = await tmp.write("time.html", page("", `<time datetime="2018-03-05T10:00">5 March</time>${PROSE}`));
    const byLine = await tmp.write("line.html", page("", `<p>LONDON, 6 March 2018 — Talks.</p>${PROSE}`));
    const dates = async (options?: { defaultDate: string }) =>
      (await Promise.all([byMeta, byTime, byLine].map((p) => readOne(p, options)))).map((d) => d.meta.storyDate);
    expect(await dates()).toEqual(["2018-03-04", "2018-03-05", "2018-03-06"]);
    expect(await dates({ defaultDate: "2000-01-01" })).toEqual(["2018-03-04", "2018-03-05", "2000-01-01"]);
  });

  it("takes og:url when there is no canonical link, and the <title> as the title", async () => {
    const path = await tmp.write("og.html", page('<title>Joint communiqué</title><meta property="og:url" content="https://example.org/c">', PROSE));
    expect((await readOne(path)).meta).toMatchObject({ url: "https://example.org/c", title: "Joint communiqué" });
  });

  it("does not crash on malformed HTML", async () => {
    const path = await tmp.write("broken.html", "<div><p>Unclosed <b>bold <<>> &bogus; text.<table><tr><td>cell one<td>cell two</div></span></p>");
    const doc = await readOne(path);
    expect(doc.text).toContain("Unclosed bold");
    expect(doc.text).toContain("cell two");
  });

  it("reports a page with no readable text and reads the next input", async () => {
    const path = await tmp.write("scripts.html", page("<title>App</title>", "<script>render()</script><noscript></noscript>"));
    const items = await readAll([path, fixture("fragment.htm")]);
    expect(shape(items)).toBe("ed");
    expect(errorsOf(items)).toEqual([
      `${path}: has no readable text in its HTML; check that the page holds the article, not just scripts or frames`,
    ]);
  });

  it("reports a page of labels alone (a menu, a banner) rather than storing them as a document", async () => {
    const menu = await tmp.write("menu.html", page("<title>Ministry</title>", "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><div>Menu</div><footer>Contact us</footer>"));
    const short = await tmp.write("short.html", page("<title>Statement</title>", "<p>The Minister condemned the attack in Kabul today.</p>"));
    const items = await readAll([menu, short]);
    expect(shape(items)).toBe("ed");
    expect(errorsOf(items)[0]).toMatch(/menu\.html: has no readable text in its HTML/);
    expect(docsOf(items)[0]!.text).toBe("The Minister condemned the attack in Kabul today.");
  });
});
