/**
 * Opening the store: a file path is the embedded SQLite store (sqlite.ts), a `postgres://`
 * or `postgresql://` URL a shared PostgreSQL one (postgres.ts). Both come back as the same
 * kysely `Store`, migrated by the same migrations; what differs between them at query time
 * is asked of the dialect seam (dialect.ts).
 */
import { sql } from "kysely";
import { dialectOf, isBusyError, withBusyRetry } from "./dialect.js";
import { StoreError, type Store } from "./migrate.js";
import { isPostgresUrl, openPostgres, redactUrl, type OpenPostgresOptions } from "./postgres.js";
import { BUSY_TIMEOUT_MS, openSqlite, sqliteWritable, withStatementCache } from "./sqlite.js";

export const DEFAULT_DB_PATH = "db/scorebook.sqlite";

export { BUSY_TIMEOUT_MS, isBusyError, StoreError, withBusyRetry, withStatementCache, type Store };

/**
 * Open and migrate a store. Only with `create` (ingest, db migrate) is a missing store
 * created; a database holding anything but a scorebook store is refused untouched.
 * `:memory:` works for tests.
 */
export async function openStore(location: string = DEFAULT_DB_PATH, options: OpenPostgresOptions = {}): Promise<Store> {
  return isPostgresUrl(location) ? openPostgres(location, options) : openSqlite(location, { create: options.create });
}

/** The store's name fit to print: a URL's password is never shown. */
export function storeName(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

/**
 * Refuse, with one line, a command that writes on a connection that may only read (the
 * auditor role, or a SQLite file without write permission), before it does any work.
 */
export async function assertWritable(db: Store, location: string, command: string): Promise<void> {
  if (await canWrite(db, location)) return;
  throw new StoreError(`${storeName(location)}: read-only connection: \`${command}\` needs a role that may write to the store`);
}

async function canWrite(db: Store, location: string): Promise<boolean> {
  if (dialectOf(db).name === "sqlite") return sqliteWritable(location);
  const r = await sql<{ ok: boolean }>`select has_table_privilege('documents', 'INSERT') and has_table_privilege('gaps', 'UPDATE') as ok`.execute(db);
  return r.rows[0]?.ok === true;
}
