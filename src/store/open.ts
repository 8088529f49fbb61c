/**
 * Opening the store: better-sqlite3 under kysely, migrated to the latest schema.
 * WAL so readers never block the writer; a busy timeout so two ingests against one file
 * wait for each other instead of failing; foreign keys on so cascades keep it whole.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from "kysely";
import { migrations } from "../../db/migrations/index.js";
import type { Database } from "./schema.js";

export const DEFAULT_DB_PATH = "db/scorebook.sqlite";
export const BUSY_TIMEOUT_MS = 30_000;

export type Store = Kysely<Database>;

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

/** Open (creating if needed) and migrate. `:memory:` works for tests. */
export async function openStore(path: string = DEFAULT_DB_PATH): Promise<Store> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new StoreError(`${path}: cannot open store (${(error as Error).message})`);
  }
  try {
    if (path !== ":memory:") sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
  } catch (error) {
    sqlite.close();
    throw new StoreError(`${path}: not a scorebook store (${(error as Error).message})`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, path);
  return db;
}

async function migrateToLatest(db: Store, path: string): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
    throw new StoreError(`${path}: migration ${failed} failed (${(error as Error).message ?? String(error)})`);
  }
}
