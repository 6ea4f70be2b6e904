import { readFileSync } from "node:fs";

/** One record of a data file, by column name, with the line it came from. */
export type Row = Record<string, string> & { readonly __line: string };

/**
 * Reads a TAB-separated data file: first non-comment line the header, `#`
 * lines comments. A line with the wrong number of columns is a data bug and
 * fails loudly with its location, since silently dropping it would lose facts.
 */
export function readTsv(path: string): Row[] {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  let header: string[] | null = null;
  const rows: Row[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const cells = line.split("\t");
    if (!header) {
      header = cells.map((c) => c.trim());
      return;
    }
    if (cells.length !== header.length) {
      throw new Error(`${path}:${i + 1}: ${cells.length} columns, the header has ${header.length}`);
    }
    const row: Record<string, string> = { __line: `${path}:${i + 1}` };
    header.forEach((h, j) => (row[h] = cells[j]!.trim()));
    rows.push(row as Row);
  });
  return rows;
}

export function list(cell: string | undefined): string[] {
  if (!cell) return [];
  return cell
    .split("|")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Reads a word list: one entry a line, `#` lines comments, blank lines skipped. */
export function readWordList(path: string): Set<string> {
  return new Set(
    readFileSync(path, "utf8")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#")),
  );
}
