import { openPostgresStore } from "./postgres.ts";
import type { SqlStore } from "./sql.ts";
import { openSqliteStore } from "./sqlite.ts";

/** Whether a store target names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/** A database target fit for messages: a URL's password replaced by `***`. */
export const redactTarget = (target: string) => target.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

/**
 * Opens the event database `target` names: a `postgres://…` or
 * `postgresql://…` URL is a PostgreSQL database, anything else a SQLite file.
 */
export function openStore(target: string): Promise<SqlStore> {
  return isPostgresUrl(target) ? openPostgresStore(target) : openSqliteStore(target);
}
