import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { InputError } from "./errors.ts";
import { problems } from "./problems.ts";

/** How a file is read: "text" is the gold format or plain text, told apart by content. */
export type FileFormat = "text" | "jsonl" | "html";

const FORMATS: Record<string, FileFormat> = {
  ".txt": "text",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".html": "html",
  ".htm": "html",
};

export function formatOf(path: string): FileFormat | null {
  return FORMATS[extname(path).toLowerCase()] ?? null;
}

/** What an fs error means for the user: a missing path or an unreadable one. */
export function fsProblem(input: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR" ? problems.notFound(input) : problems.unreadable(input, code);
}

export type DirectoryEntry = { path: string; format: FileFormat } | { path: string; error: InputError };

/**
 * The readable files under `dir`, recursively, sorted by path so that runs are
 * reproducible. Hidden files and folders, and files of other types, are left
 * out; symbolic links to folders are not followed (they can loop). A folder
 * that cannot be listed becomes an error entry in its place.
 */
export async function listDirectory(dir: string): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  const pending = [dir];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    let children;
    try {
      children = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      entries.push({ path: folder, error: fsProblem(folder, error) });
      continue;
    }
    for (const child of children) {
      if (child.name.startsWith(".")) continue;
      const path = join(folder, child.name);
      if (child.isDirectory()) {
        pending.push(path);
        continue;
      }
      const format = formatOf(path);
      if (format === null) continue;
      if (child.isFile()) entries.push({ path, format });
      else if (child.isSymbolicLink()) entries.push(await linkEntry(path, format));
    }
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A link to a file is read like the file; a dangling one is reported. */
async function linkEntry(path: string, format: FileFormat): Promise<DirectoryEntry> {
  try {
    const target = await stat(path);
    return target.isFile() ? { path, format } : { path, error: problems.notAFile(path) };
  } catch (error) {
    return { path, error: fsProblem(path, error) };
  }
}
