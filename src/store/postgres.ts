/**
 * A team's shared store: PostgreSQL through kysely's PostgresDialect over a `pg` pool, with
 * the same migrations and queries as SQLite. Three things differ when opening it:
 *
 * - Column types. The migrations say `integer … autoIncrement`, `real` and `blob`, as SQLite
 *   reads them; on PostgreSQL the compiler below writes an identity column, `double precision`
 *   (PostgreSQL's `real` is 4 bytes: confidences would come back rounded) and `bytea`.
 * - Numbers. pg returns bigint and numeric (count(*), sum, avg) as strings; this pool parses
 *   them as numbers, as better-sqlite3 does.
 * - Writers. Every write transaction (kysely's `transaction()`) first takes one store-wide
 *   advisory lock (`pg_advisory_xact_lock`), released at commit or rollback: writers take
 *   turns, exactly as SQLite's BEGIN IMMEDIATE makes them, while readers never wait (MVCC).
 *   Chosen over row locks or SERIALIZABLE retries because the writers read wide before they
 *   write: flag-gaps reads the whole ledger and every later report's passages, and realigning
 *   rewrites every area link. Row locks would have to cover all of that; serializable
 *   transactions would make a long gaps check fail and redo its work whenever an analyst
 *   stores a document. One document's transaction takes milliseconds; parsing, the cost,
 *   stays parallel across machines. The unique constraint on documents.sha256 still stands
 *   behind the lock (write.ts turns its violation into "unchanged").
 */
import pg from "pg";
import {
  CompiledQuery,
  Kysely,
  sql,
  PostgresDialect,
  PostgresDriver,
  PostgresQueryCompiler,
  type ColumnDefinitionNode,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  type QueryCompiler,
  type TransactionSettings,
} from "kysely";
import { foreignStoreError, migrateStore, storeTables, missingStoreError, pendingMigrations, recordedMigrations, StoreError, type Store } from "./migrate.js";
import type { Database } from "./schema.js";

/** Connections one process keeps: a CLI command uses one or two; ingest's writer one. */
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 10_000;
/** The key of the writers' advisory lock (any constant; hashtext keeps it readable). */
export const WRITER_LOCK_SQL = "select pg_advisory_xact_lock(hashtext('scorebook:writer'))";

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL with its password replaced, fit to print. */
export function redactUrl(location: string): string {
  try {
    const url = new URL(location);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return location.replace(/(\/\/[^:/@]*:)[^@]*@/, "$1***@");
  }
}

class PortableColumnsCompiler extends PostgresQueryCompiler {
  protected override visitColumnDefinition(node: ColumnDefinitionNode): void {
    super.visitColumnDefinition(portableColumn(node));
  }
}

/** real is 4 bytes on PostgreSQL (see above); blob (kept files' bytes) is bytea there. */
const PG_SPELLING: Record<string, string> = { real: "double precision", blob: "bytea" };

/** SQLite's column spellings in the migrations, as PostgreSQL needs them (see above). */
function portableColumn(node: ColumnDefinitionNode): ColumnDefinitionNode {
  const type = node.dataType as { kind: string; dataType?: string };
  const spelled = type.kind === "DataTypeNode" && type.dataType !== undefined ? PG_SPELLING[type.dataType] : undefined;
  const dataType = (spelled ? { ...type, dataType: spelled } : type) as ColumnDefinitionNode["dataType"];
  if (!node.autoIncrement) return dataType === node.dataType ? node : { ...node, dataType };
  return { ...node, dataType, autoIncrement: false, generated: { kind: "GeneratedNode", byDefault: true, identity: true } } as ColumnDefinitionNode;
}

/** Every write transaction takes the writers' lock first (see above). */
class WriterLockDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await super.beginTransaction(connection, settings);
    await connection.executeQuery(CompiledQuery.raw(WRITER_LOCK_SQL));
  }
}

class ScorebookPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new WriterLockDriver(this.#config);
  }
  override createQueryCompiler(): QueryCompiler {
    return new PortableColumnsCompiler();
  }
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** pg's type parsers, with bigint and numeric as numbers (counts and averages fit a double). */
const numberTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** One line saying why the server could not be used, for the main kinds of failure. */
export function connectionReason(error: unknown): string {
  const e = error as { code?: string; message?: string; hostname?: string; address?: string; port?: number };
  switch (e.code) {
    case "28P01":
    case "28000":
      return `authentication failed (${e.message})`;
    case "3D000":
      return `database missing (${e.message})`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `unknown host ${e.hostname ?? ""}`.trim();
    case "ECONNREFUSED":
      return `server not reachable at ${e.address ?? "?"}:${e.port ?? "?"} (connection refused: is PostgreSQL running?)`;
    case "ETIMEDOUT":
      return "server did not answer (timed out)";
    case "57P03":
      return `server not accepting connections yet (${e.message})`;
    default:
      return (e.message ?? String(error)).split("\n")[0]!;
  }
}

export interface OpenPostgresOptions {
  /** Run pending migrations (default true, as for SQLite); false only checks the level. */
  migrate?: boolean;
  /** Create the schema in a database that has none: `ingest` and `db migrate` only. */
  create?: boolean;
}

/** Connect, check the server answers, and bring the schema to this build's level. */
export async function openPostgres(location: string, options: OpenPostgresOptions = {}): Promise<Store> {
  const name = redactUrl(location);
  const pool = new pg.Pool({ connectionString: location, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: numberTypes });
  // An idle client's error (server restarted) must not crash the process; the next query reports it.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreError(`${name}: cannot connect: ${connectionReason(error)}`);
  }
  const db = new Kysely<Database>({ dialect: new ScorebookPostgresDialect({ pool }) });
  try {
    let recorded = await recordedMigrations(db);
    if (!recorded.includes("001_initial")) {
      // Not (yet) a scorebook store: never migrate another application's tables into it.
      // kysely's own migration tables do not count: another process may be migrating this new store right now.
      // Nor do other schemas' (the job queue's `pgboss`): see storeTables.
      const tables = (await storeTables(db)).map((t) => t.name);
      // That other process may have committed its migration between the two reads above
      // (its tables and their record appear together): read the record again before refusing.
      if (tables.length > 0) recorded = await recordedMigrations(db);
      if (tables.length > 0 && !recorded.includes("001_initial")) throw foreignStoreError(name, tables);
      if (tables.length === 0 && !options.create) throw missingStoreError(name, "the database has no scorebook tables");
    }
    const pending = pendingMigrations(name, recorded);
    if (pending.length > 0) {
      if (options.migrate === false) {
        throw new StoreError(`${name}: store is at migration level ${await levelOf(db)} of ${pending.length + (await levelOf(db))}: run \`scorebook db migrate\``);
      }
      await migratePostgres(db, name);
    }
  } catch (error) {
    await db.destroy();
    if (error instanceof StoreError) throw error;
    throw new StoreError(`${name}: cannot open store: ${connectionReason(error)}`);
  }
  return db;
}

async function levelOf(db: Store): Promise<number> {
  return (await recordedMigrations(db)).length;
}

/** Session lock held while migrating (a different key from the writers' transaction lock). */
const MIGRATION_LOCK = "hashtext('scorebook:migrate')";

/**
 * kysely's PostgreSQL migrator runs each migration in a transaction, so a killed migration
 * leaves nothing half-built; but it creates its own tables first, outside one, and two
 * processes opening a new database at once would race there. So migrating holds a session
 * lock, and a process that waited for it finds the work done. A role that may not create
 * tables gets the one line that says what to do.
 */
async function migratePostgres(db: Store, name: string): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql.raw(`select pg_advisory_lock(${MIGRATION_LOCK})`).execute(conn);
    try {
      if (pendingMigrations(name, await recordedMigrations(conn)).length > 0) await migrateStore(conn, name);
    } catch (error) {
      if (/permission denied/i.test((error as Error).message)) {
        throw new StoreError(`${name}: the schema needs migrating and this role may not: run \`scorebook db migrate\` as the schema's owner`);
      }
      throw error;
    } finally {
      await sql.raw(`select pg_advisory_unlock(${MIGRATION_LOCK})`).execute(conn);
    }
  });
}
