/**
 * Publishers' names as lists show them: provenance notes dropped ("…, via ParlInfo/Trove", "(as republished on
 * whenitson.com)", "(Reuters-21578 newswire corpus, 1987)", web addresses) and long phrases in their short forms
 * (data/web/publisher-words.tsv): "Ministry of Foreign Affairs of the PRC (China)" is "MFA of the PRC (China)".
 */
import WORDS from "../../data/web/publisher-words.tsv?raw";

const PHRASES: ReadonlyArray<[string, string]> = WORDS.split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .slice(1)
  .map((line) => line.split("\t") as [string, string]);

/** A parenthesis that says where a text was found, not who published it. */
const PROVENANCE = /\s*\((?:as republished on [^)]*|[^)]*\b(?:dataset|corpus)\b[^)]*)\)/gi;
/** A web address among a parenthesis's items ("Kremlin, en.kremlin.ru"). */
const ADDRESS = /(?:,\s*)?\b[\w-]+(?:\.[\w-]+)*\.(?:ru|com|org|gov|net|int|cn|sg|au|uk)\b/gi;

export function shortPublisher(name: string): string {
  let s = name.replace(/,\s*via\s+.*$/i, "").replace(PROVENANCE, "").replace(ADDRESS, "").replace(/\(\s*,?\s*\)/g, "").replace(/\(\s*,\s*/g, "(");
  for (const [phrase, short] of PHRASES) s = s.split(phrase).join(short);
  return s.replace(/\s{2,}/g, " ").trim() || name;
}
