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
