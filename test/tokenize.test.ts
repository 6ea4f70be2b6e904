import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR as DATA } from "../src/kb/kb.ts";
import { phraseTokens, tokenize, winkPhraseTokens } from "../src/nlp/tokenize.ts";
import { beginText, wink } from "../src/nlp/wink.ts";

const words = (text: string) => tokenize(text).tokens.text;

describe("tokens", () => {
  it("always split a possessive 's from its word, whatever was read before", () => {
    // wink keeps "X's" whole once its shared cache holds the form; readout splits it itself
    for (let round = 0; round < 2; round++) {
      expect(words("President Biden’s plan")).toEqual(["President", "Biden", "’s", "plan"]);
      expect(words("China's position and the U.S.'s view")).toEqual(["China", "'s", "position", "and", "the", "U.S.", "'s", "view"]);
    }
  });

  it("keep a word whole when it has letters beyond Latin-1 (wink cuts it there)", () => {
    expect(words("Erdoğan met Plenković, Sikorski's deputy Radosław and Nguyễn Phú Trọng.")).toEqual([
      "Erdoğan", "met", "Plenković", ",", "Sikorski", "'s", "deputy", "Radosław", "and", "Nguyễn", "Phú", "Trọng", ".",
    ]);
    const { tokens } = tokenize("President Đặng Thị Ngọc Thịnh spoke.");
    expect(tokens.text.slice(1, 5)).toEqual(["Đặng", "Thị", "Ngọc", "Thịnh"]);
    expect(tokens.pos.slice(1, 5)).toEqual(["PROPN", "PROPN", "PROPN", "PROPN"]);
    expect(phraseTokens("Recep Tayyip Erdoğan")).toEqual(["Recep", "Tayyip", "Erdoğan"]);
  });

  it("keep offsets into the original text", () => {
    const text = "Wang Yi’s visit.";
    const { tokens } = tokenize(text);
    const spans = Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.start[i]!, tokens.end[i]!));
    expect(spans).toEqual(tokens.text);
    expect(tokens.pos[tokens.text.indexOf("’s")]).toBe("PART");
  });
});

describe("sentences", () => {
  const sentences = (text: string) => {
    const { sentences } = tokenize(text);
    return sentences.map((s) => text.slice(s.start, s.end).replace(/\s+/g, " "));
  };
  it("run on over the blank lines of a double-spaced text, not past a heading or a sentence's end", () => {
    const text = [
      "MEDIA RELEASE",
      "Department of Foreign Affairs",
      "Mr Bowen said Australia would bear in mind the needs of",
      "Bangla Desh when framing future aid programmes. Substantial",
      "assistance had already been given to refugees in India.",
      "He expressed the hope that Pakistan would feel able to",
      "reconsider its decision.",
      "The Minister thanked the High Commissioner.",
    ].join("\n\n");
    expect(sentences(text).slice(-4)).toEqual([
      "Mr Bowen said Australia would bear in mind the needs of Bangla Desh when framing future aid programmes.",
      "Substantial assistance had already been given to refugees in India.",
      "He expressed the hope that Pakistan would feel able to reconsider its decision.",
      "The Minister thanked the High Commissioner.",
    ]);
    expect(sentences(text)[0]).toBe("MEDIA RELEASE");
  });
  it("run on over a line that ends in an honorific, before the name it wraps", () => {
    const text = "National Security Advisor Jake Sullivan spoke today with Dr.\nIbrahim Kalin, Chief Advisor to the President of\nTurkey. They discussed Ukraine.\nThe talks were chaired by the U.S.\nThe next round is in May.";
    expect(sentences(text)).toEqual([
      "National Security Advisor Jake Sullivan spoke today with Dr. Ibrahim Kalin, Chief Advisor to the President of Turkey.",
      "They discussed Ukraine.",
      "The talks were chaired by the U.S.",
      "The next round is in May.",
    ]);
  });
  it("end at a blank line in a text that is not double-spaced", () => {
    expect(sentences("Australia will provide aid to\n\nFiji was hit by a cyclone.")).toEqual(["Australia will provide aid to", "Fiji was hit by a cyclone."]);
  });
});

describe("wink's shared word cache", () => {
  const winkTokens = (text: string) => {
    beginText();
    return wink().readDoc(text).tokens().out() as string[];
  };

  it("does not let an earlier text change how a later one is split", () => {
    const before = winkTokens("President Zorbu’s plan.");
    expect(before).toEqual(["President", "Zorbu", "’s", "plan", "."]);
    // in wink itself, reading "Zorbu’s-era" teaches its cache the word "zorbu’s", and "Zorbu’s" then stays whole
    winkTokens("The Zorbu’s-era reforms.");
    expect(winkTokens("President Zorbu’s plan.")).toEqual(before);
  });

  it("still knows, within one text, the words that text has used", () => {
    beginText();
    const doc = wink().readDoc("The Zorbu’s-era reforms. President Zorbu’s plan.");
    expect(doc.sentences().length()).toBe(2);
  });
});

describe("phrase tokens", () => {
  it("split words of letters alone as the tokenizer does, for every such name in data/", () => {
    const PLAIN = /^\p{L}+(?: \p{L}+)*$/u;
    const phrases = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(tsv|txt)$/.test(f)) {
          for (const line of readFileSync(p, "utf8").split("\n")) {
            if (line.startsWith("#")) continue;
            for (const cell of line.split("\t")) for (const x of cell.split("|")) if (PLAIN.test(x.trim())) phrases.add(x.trim());
          }
        }
      }
    };
    walk(DATA);
    expect(phrases.size).toBeGreaterThan(10000);
    const differ = [...phrases].filter((p) => winkPhraseTokens(p).join(" ") !== phraseTokens(p).join(" ") || phraseTokens(p).length !== winkPhraseTokens(p).length);
    expect(differ).toEqual([]);
  });
  it("leave anything else to the tokenizer", () => {
    expect(phraseTokens("U.S. Department of State")).toEqual(winkPhraseTokens("U.S. Department of State"));
    expect(phraseTokens("Guinea-Bissau")).toEqual(winkPhraseTokens("Guinea-Bissau"));
  });
});
