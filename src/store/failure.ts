/**
 * What went wrong with a database, as one line a user can act on: a damaged
 * file, a full disk, a file or folder that cannot be written, a lock held by
 * another process, a server that refuses. Errors that are none of these stay
 * what they are (a bug is reported as one).
 */
import { redactTarget } from "./open.ts";

/** A database failure; its message is the whole line to print (the target named, a URL's password hidden). */
export class DatabaseFailure extends Error {
  override name = "DatabaseFailure";
}

/** PostgreSQL's SQLSTATE classes and codes that are the database's condition, not readout's bug. */
const POSTGRES: Array<[RegExp, string]> = [
  [/^53100$/, "the disk of the PostgreSQL server is full; free some space on it"],
  [/^53/, "the PostgreSQL server is out of resources; try again later, or ask its administrator"],
  [/^XX00[12]$/, "the PostgreSQL database is damaged; restore it from a backup, or ingest again into a new database"],
  [/^28/, "PostgreSQL refused the login; check the user and password in the URL"],
  [/^3D000$/, "that PostgreSQL database does not exist; create it first (createdb)"],
  [/^57P0[123]$/, "the PostgreSQL server is shutting down or restarting; try again shortly"],
  [/^08/, "the connection to PostgreSQL failed; check that the server is running"],
];

/**
 * The one line for `error`, raised working on the database `target` (a path or URL; unnamed: "the database"), or null
 * when it is not a database condition.
 */
export function databaseFailure(target: string | null, error: unknown): DatabaseFailure | null {
  if (error instanceof DatabaseFailure) return error;
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  const where = target === null ? "the database" : `the database ${redactTarget(target)}`;
  const reason = redactTarget(error.message);
  if (typeof code !== "string") return null;
  const line = (what: string) => new DatabaseFailure(`${what} (${reason})`);
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return line(`${where} is damaged: restore it from a copy, or ingest again into a new file`);
  if (/^SQLITE_FULL/.test(code) || code === "ENOSPC") return line(`the disk holding ${where} is full: free some space and run the command again (every batch committed before this one is kept)`);
  if (/^SQLITE_(READONLY|PERM)/.test(code)) return line(`${where} cannot be written: writing needs permission on the file and its folder`);
  if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test(code)) return line(`${where} is locked by another process: try again when it has finished`);
  if (/^SQLITE_CANTOPEN/.test(code)) return line(`cannot open ${where}: check the path and its permissions`);
  if (/^SQLITE_IOERR/.test(code)) return line(`reading or writing ${where} failed: check the disk`);
  if (/^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH)$/.test(code)) return line(`cannot reach the PostgreSQL server of ${where}: check the host and port, and that it is running`);
  for (const [pattern, what] of POSTGRES) if (pattern.test(code)) return line(`${where}: ${what}`);
  return null;
}
