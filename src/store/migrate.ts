/**
 * One set of migrations (db/migrations, kysely schema builder only) for every dialect, and the
 * store's migration level: how many of them it has, and whether it has some this build does
 * not know (a newer scorebook migrated it: refuse rather than misread it).
 */
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider, type TableMetadata } from "kysely";
import { migrations } from "../../db/migrations/index.js";
import type { Database } from "./schema.js";

export type Store = Kysely<Database>;

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** The names of this build's migrations, in order. */
export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(migrations).sort();

/**
 * This build's migrations the store has not recorded. Throws when the store records one this
 * build does not know: its schema is newer than the code reading it.
 */
export function pendingMigrations(store: string, recorded: readonly string[]): string[] {
  const unknown = recorded.filter((name) => !KNOWN_MIGRATIONS.includes(name));
  if (unknown.length) {
    throw new StoreError(
      `${store}: migration level ${recorded.length} (${unknown.join(", ")}) is newer than this build's ${KNOWN_MIGRATIONS.length}: upgrade scorebook`,
    );
  }
  const done = new Set(recorded);
  return KNOWN_MIGRATIONS.filter((name) => !done.has(name));
}

/** Migration names the store records (empty: none, or no migration table yet). */
export async function recordedMigrations(db: Kysely<Database>): Promise<string[]> {
  try {
    const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return r.rows.map((row) => row.name);
  } catch {
    return [];
  }
}

/**
 * The one line for a command run against a store that does not exist: no command but
 * `ingest` and `db migrate` creates one, so a mistyped --db (or another working folder) never
 * answers from a silently created empty store.
 */
export function missingStoreError(store: string, where: string): StoreError {
  return new StoreError(
    `${store}: no scorebook store here (${where}); only \`scorebook ingest\` and \`scorebook db migrate\` create one`,
  );
}

/** The one line for a database that holds something else: it is never migrated or changed. */
export function foreignStoreError(store: string, tables: readonly string[]): StoreError {
  const shown = tables.slice(0, 5).join(", ") + (tables.length > 5 ? `, … (${tables.length} tables)` : "");
  return new StoreError(`${store}: not a scorebook store (it holds other tables: ${shown}); refusing to open or change it`);
}

/** Run every pending migration (the caller holds whatever lock its dialect needs). */
export async function migrateStore(db: Store, store: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new StoreError(`${store}: migration ${failed} failed (${(error as Error).message ?? String(error)})`);
  }
}

/**
 * The tables of the store's own schema (PostgreSQL: the connection's current schema,
 * `public` unless its search_path says otherwise; SQLite has one). Another schema in the same
 * database is not the store's: the job queue (pg-boss) keeps its tables in `pgboss`, and they
 * must neither make a new store look like another application's database nor be copied or
 * counted by `db copy`. kysely's migration tables are left out unless asked for.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function storeTables(db: Kysely<any>, options: { withKysely?: boolean } = {}): Promise<TableMetadata[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: options.withKysely === true });
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return tables;
  const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const own = r.rows[0]?.schema ?? "public";
  return tables.filter((t) => t.schema === undefined || t.schema === own);
}
