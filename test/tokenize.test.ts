import { describe, expect, it } from "vitest";
import { tokenize } from "../src/nlp/tokenize.ts";

const words = (text: string) => tokenize(text).tokens.text;

describe("tokens", () => {
  it("always split a possessive 's from its word, whatever was read before", () => {
    // wink keeps "X's" whole once its shared cache holds the form; readout splits it itself
    for (let round = 0; round < 2; round++) {
      expect(words("President Biden’s plan")).toEqual(["President", "Biden", "’s", "plan"]);
      expect(words("China's position and the U.S.'s view")).toEqual(["China", "'s", "position", "and", "the", "U.S.", "'s", "view"]);
    }
  });

  it("keep offsets into the original text", () => {
    const text = "Wang Yi’s visit.";
    const { tokens } = tokenize(text);
    const spans = Array.from({ length: tokens.count }, (_, i) => text.slice(tokens.start[i]!, tokens.end[i]!));
    expect(spans).toEqual(tokens.text);
    expect(tokens.pos[tokens.text.indexOf("’s")]).toBe("PART");
  });
});
