/** The form names are compared in: lower case, no diacritics, straight quotes. */
export function fold(s: string): string {
  let out = s.toLowerCase();
  if (/[^\x00-\x7f]/.test(out)) {
    out = out
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[’‘`´]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[‐‑‒–—]/g, "-")
      .replace(/ı/g, "i");
  }
  return out;
}

/** The last word of a name, folded: a person's surname ("Antony Blinken" → "blinken"), a group's head noun. */
export function lastWordOf(name: string): string {
  return fold(name.split(/\s+/).pop()!);
}

/**
 * A person's name as the words it is compared by: folded, with the Arabic article
 * dropped ("Abdel Fattah el-Sisi" and "Al Sisi" both end in "sisi").
 */
export function nameWords(name: string): string[] {
  const out: string[] = [];
  for (const w of fold(name).split(/\s+/)) {
    if (w === "al" || w === "el") continue;
    const bare = w.replace(/^(al|el)-/, "");
    if (bare) out.push(bare);
  }
  return out;
}
