import { openPostgresStore } from "./postgres.ts";
import type { SqlStore } from "./sql.ts";
import { openSqliteReader, openSqliteStore } from "./sqlite.ts";

/** Whether a store target names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (target: string) => /^postgres(ql)?:\/\//i.test(target);

/**
 * A database target fit for messages: every URL's password replaced by `***`, wherever the URL stands in `text` (a
 * target, or a message that quotes one). The password is what lies between the user's ":" and the last "@" before the
 * host, so one holding "/", "@" or ":" unencoded is hidden whole too.
 */
export function redactTarget(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/)([^\s]*)/gi, (_, scheme: string, rest: string) => {
    const query = rest.indexOf("?");
    const before = query >= 0 ? rest.slice(0, query) : rest;
    const at = before.lastIndexOf("@");
    if (at < 0) return scheme + rest;
    const userinfo = before.slice(0, at);
    const colon = userinfo.indexOf(":");
    return colon < 0 ? scheme + rest : `${scheme}${userinfo.slice(0, colon)}:***${rest.slice(at)}`;
  });
}

/**
 * Opens the event database `target` names: a `postgres://…` or
 * `postgresql://…` URL is a PostgreSQL database, anything else a SQLite file.
 */
export function openStore(target: string): Promise<SqlStore> {
  return isPostgresUrl(target) ? openPostgresStore(target) : openSqliteStore(target);
}

/** Opens an existing event database only to read it (`query`, `export`, `serve`): a SQLite file read-only. */
export function openStoreForReading(target: string): Promise<SqlStore> {
  return isPostgresUrl(target) ? openPostgresStore(target) : openSqliteReader(target);
}
