/**
 * The embedded store: better-sqlite3 under kysely.
 * WAL so readers never block the writer; a busy timeout so two ingests against one file
 * wait for each other instead of failing; foreign keys on so cascades keep it whole.
 *
 * Concurrency: every kysely transaction starts with BEGIN IMMEDIATE, so it takes the write
 * lock up front (waiting on the busy timeout) instead of starting as a reader and failing
 * with SQLITE_BUSY when it first writes after another process committed. Migrations run
 * inside one such transaction, so two processes opening a fresh store at once cannot both
 * create the tables, and a process killed mid-migration leaves no half-built schema.
 */
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from "kysely";
import { withBusyRetry } from "./dialect.js";
import { foreignStoreError, migrateStore, missingStoreError, pendingMigrations, StoreError, type Store } from "./migrate.js";
import type { Database } from "./schema.js";

export const BUSY_TIMEOUT_MS = 30_000;

/** better-sqlite3's driver, but transactions take the write lock at BEGIN (see above). */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Prepared statements kept per connection (most recently used); ingest reuses a few dozen shapes. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The connection as kysely sees it, with prepared statements reused by SQL text. kysely's
 * SQLite driver prepares every query it runs; storing one document runs the same few dozen
 * statements, and preparing them again for every document was a visible share of the ingest
 * main thread's time. A statement still being iterated (a streamed query) is never handed
 * out twice: a fresh one is prepared instead. SQLite re-prepares a cached statement by
 * itself after a schema change (migrations). (pg needs no such cache: the server plans each
 * statement, and a round trip costs more than the planning.)
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Re-insert: Map order is the recency order the eviction below relies on.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

export interface OpenSqliteOptions {
  /** Create the file (and its folder) when missing: `ingest` and `db migrate` only. */
  create?: boolean;
}

/**
 * Open and migrate a SQLite store. A missing file is created only with `create`; an existing
 * file is first checked to be a scorebook store (or, with `create`, an empty database), before
 * anything is written to it: another application's database is refused untouched. `:memory:`
 * works for tests.
 */
export async function openSqlite(path: string, options: OpenSqliteOptions = {}): Promise<Store> {
  const memory = path === ":memory:";
  const exists = memory || existsSync(path);
  if (!exists && !options.create) throw missingStoreError(path, `relative paths are read from the current folder, ${resolve(".")}`);
  if (!exists) mkdirSync(dirname(path), { recursive: true });
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { timeout: BUSY_TIMEOUT_MS, fileMustExist: exists && !memory });
  } catch (error) {
    throw new StoreError(`${path}: cannot open store (${(error as Error).message})`);
  }
  if (exists && !memory) {
    try {
      assertScorebookFile(sqlite, path, options.create === true);
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  try {
    // WAL: a committed transaction survives the process being killed at any moment, and
    // readers do not block the writer. NORMAL sync is durable against a process crash (only
    // an OS crash or power loss can lose the last commits, never corrupt the file).
    if (path !== ":memory:") sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
  } catch (error) {
    sqlite.close();
    throw new StoreError(`${path}: not a scorebook store (${(error as Error).message})`);
  }
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  try {
    await withBusyRetry(() => migrateSqlite(db, sqlite, path));
  } catch (error) {
    await db.destroy();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${path}: cannot open store (${(error as Error).message ?? String(error)})`);
  }
  return db;
}

/**
 * Refuse a file that is not a scorebook store, reading only (nothing is written before this
 * says yes, not even the WAL switch). A scorebook store records its migrations, 001 first; an
 * empty database may become one only for a command that creates stores.
 */
function assertScorebookFile(sqlite: SQLite.Database, path: string, create: boolean): void {
  let tables: string[];
  try {
    tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
  } catch (error) {
    throw new StoreError(`${path}: not a scorebook store (${(error as Error).message})`);
  }
  if (tables.length === 0) {
    if (create) return;
    throw missingStoreError(path, "the file is an empty database");
  }
  if (!(recordedMigrations(sqlite) ?? []).includes("001_initial")) throw foreignStoreError(path, tables);
}

/** Migration names recorded in the file, read without a write lock (null: no migration table yet). */
function recordedMigrations(sqlite: SQLite.Database): string[] | null {
  try {
    return (sqlite.prepare("select name from kysely_migration").all() as { name: string }[]).map((r) => r.name);
  } catch {
    return null;
  }
}

async function migrateSqlite(db: Store, sqlite: SQLite.Database, path: string): Promise<void> {
  // The common case, an up-to-date store, is decided without the write lock.
  if (pendingMigrations(path, recordedMigrations(sqlite) ?? []).length === 0) return;
  // kysely does not run SQLite migrations in a transaction (nor lock across processes):
  // take the write lock ourselves, so a concurrent opener waits and then finds it done.
  sqlite.exec("begin immediate");
  let committed = false;
  try {
    await migrateStore(db, path);
    sqlite.exec("commit");
    committed = true;
  } finally {
    if (!committed && sqlite.inTransaction) sqlite.exec("rollback");
  }
}

/** A SQLite store can be written when its file (or, for a new one, its folder) can. */
export function sqliteWritable(path: string): boolean {
  if (path === ":memory:") return true;
  try {
    accessSync(existsSync(path) ? path : dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
