/** Publishers' names as the web app's lists show them (web/src/publishers.ts, data/web/publisher-words.tsv). */
import { describe, expect, it } from "vitest";
import { shortPublisher } from "../../web/src/publishers.ts";

describe("shortPublisher", () => {
  it("drops where a text was found and shortens long phrases, keeping who published it", () => {
    const cases: Array<[string, string]> = [
      ["Ministry of Foreign Affairs of the PRC (China)", "MFA of the PRC (China)"],
      ["Ministry of Foreign Affairs, Singapore", "MFA, Singapore"],
      ["Australian Minister for Foreign Affairs (Downer, Alexander), via ParlInfo/Trove", "Australian Foreign Minister (Downer, Alexander)"],
      ["Reuters (as republished on whenitson.com)", "Reuters"],
      ["CBS News (AP) (as republished on whenitson.com)", "CBS News (AP)"],
      ["Reuters (Reuters-21578 newswire corpus, 1987)", "Reuters"],
      ["BBC News (BBC News dataset, 2004-2005)", "BBC News"],
      ["President of Russia (Kremlin, en.kremlin.ru)", "President of Russia (Kremlin)"],
      ["U.S. Department of State", "State Department"],
      ["The White House (USA)", "The White House (USA)"],
      ["United Nations", "United Nations"],
    ];
    for (const [name, short] of cases) expect(shortPublisher(name), name).toBe(short);
  });

  it("never shortens a name to nothing", () => {
    expect(shortPublisher("(as republished on example.com)")).toBe("(as republished on example.com)");
  });
});
