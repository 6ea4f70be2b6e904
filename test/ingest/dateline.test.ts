import { describe, expect, it } from "vitest";
import { findDateline, isoDate, latestStatedDate } from "../../src/ingest/dateline.ts";

describe("findDateline", () => {
  it.each([
    ["(Originally published on 06/19/2013)\nUN Secretary-General Ban Ki-moon met …", "2013-06-19"],
    ["Published: 19 June 2013\nThe ministers met.", "2013-06-19"],
    ["Posted on June 19, 2013 by the Press Office", "2013-06-19"],
    ["June 19, 2013\n\nThe ministers met.", "2013-06-19"],
    ["19 June 2013 — The ministers met.", "2013-06-19"],
    ["2013-06-19 The ministers met.", "2013-06-19"],
    ["\n\n   June 19, 2013 - after blank lines", "2013-06-19"],
    ["WASHINGTON, June 19, 2013 — The ministers met.", "2013-06-19"],
    ["BEIJING, 19 June 2013 – Talks opened.", "2013-06-19"],
    ["Washington, D.C., June 19, 2013: The ministers met.", "2013-06-19"],
    ["NEW YORK, Sept. 3, 2021 -- The Council met.", "2021-09-03"],
    ["Joint statement on fisheries\n\nWednesday, 19th June 2013\n\nThe two sides …", "2013-06-19"],
    ["Date: 8 MAY 2024\nMinistry of Foreign Affairs", "2024-05-08"],
  ])("finds the date in %j", (text, expected) => {
    expect(findDateline(text)).toBe(expected);
  });

  it.each([
    ["a date in running text", "The ministers met on 19 June 2013 in Geneva."],
    ["a date starting a later line of prose", "Talks resume\n19 June 2013 was the day the talks failed.\n"],
    ["a date that does not exist", "WASHINGTON, February 30, 2013 — The ministers met."],
    ["a numeric date without a published marker", "06/19/2013 The ministers met."],
    ["a lower-case 'place'", "the talks, June 19, 2013 - continued"],
    ["a date past the first 500 characters", `${"Preamble text. ".repeat(40)}\nJune 19, 2013\n`],
    ["no date at all", "Freedonia welcomes the agreement."],
    ["an empty text", ""],
  ])("returns null for %s", (_, text) => {
    expect(findDateline(text)).toBeNull();
  });

  it("trusts a published marker over an earlier dateline", () => {
    expect(findDateline("LONDON, 1 May 2020 — Talks.\n(Originally published on 05/02/2020)")).toBe("2020-05-02");
  });
});

describe("isoDate", () => {
  it("takes the calendar date of a timestamp as written, not shifted to UTC", () => {
    expect(isoDate("2021-05-06T23:30:00-04:00")).toBe("2021-05-06");
    expect(isoDate("2021-05-06 10:00")).toBe("2021-05-06");
    expect(isoDate("2021-05-06")).toBe("2021-05-06");
  });

  it("rejects what is not a real YYYY-MM-DD date", () => {
    for (const value of ["2013-02-30", "2013-13-01", "19 June 2013", "20130619", "unknown", "", 20130619, null]) {
      expect(isoDate(value)).toBeNull();
    }
  });
});

describe("latestStatedDate", () => {
  it("is the latest full date a text states anywhere, in any of the written forms", () => {
    expect(latestStatedDate("The talks of June 19, 2013 followed those of 3 May 2014. The next round opens on Friday, March 4, 2016.")).toBe("2016-03-04");
    expect(latestStatedDate("Signed on 2015-01-02; reviewed on 1 February 2014.")).toBe("2015-01-02");
  });
  it("is null for a text that states no full date, or only impossible ones", () => {
    expect(latestStatedDate("The ministers met on Monday, in June, as in 2013.")).toBeNull();
    expect(latestStatedDate("Dated February 30, 2013.")).toBeNull();
  });
});
