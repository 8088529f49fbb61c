/**
 * The dialect seam: everything that differs between the embedded SQLite store and a team's
 * PostgreSQL store, in one small interface, shaped like kysely's own split (kysely's dialect
 * brings the driver, adapter and query compiler; its helpers emit `json_group_array` or
 * `json_agg` per dialect). Queries and writers are written once against kysely and ask this
 * seam, never `if (postgres)`, for:
 *
 * - `jsonArray` / `parseJsonArray`: one column of many rows as one JSON array (history-rows
 *   reads 50,000 scores as a few values instead of 50,000 row objects);
 * - `idTable`: a list of ids bound as ONE parameter and read as a table (`json_each` / `unnest`);
 * - `beginSnapshot`: several reads that must see one state of the store;
 * - `isRetryable`: the failures that mean "another writer was in the way, try again";
 * - `isUniqueViolation`: a unique constraint refused a row (the sha256 race's loser);
 * - `afterExplicitIds`: rows were inserted with their ids (db copy): later inserts must not reuse them.
 *
 * What differs only when opening a store (drivers, pools, pragmas, the write lock, the
 * prepared-statement cache, column types in migrations) lives in sqlite.ts / postgres.ts.
 */
import { PostgresAdapter, sql, type AliasedRawBuilder, type ExpressionBuilder, type Kysely, type ReferenceExpression, type RawBuilder } from "kysely";

export type DialectName = "sqlite" | "postgres";

export interface StoreDialect {
  readonly name: DialectName;
  /** An aggregate: the column over the query's rows as one JSON array (rows in one order across a query's aggregates). */
  jsonArray<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: ReferenceExpression<DB, TB>): RawBuilder<unknown>;
  /** What jsonArray returned, as an array (an empty aggregate may come back null). */
  parseJsonArray<T>(value: unknown): T[];
  /** The ids as a table `alias(value)`, from one bound parameter whatever their number. */
  idTable<A extends string>(ids: readonly number[], alias: A): AliasedRawBuilder<{ value: number }, A>;
  /** The statement that opens a read-only transaction on one snapshot of the store. */
  readonly beginSnapshot: string;
  /** Another writer held the store (busy, serialization failure, deadlock): retrying can succeed. */
  isRetryable(error: unknown): boolean;
  /** A unique constraint refused the row (optionally: that constraint's table). */
  isUniqueViolation(error: unknown, table?: string): boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  afterExplicitIds(db: Kysely<any>, table: string): Promise<void>;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  jsonArray: (eb, column) => eb.fn.agg("json_group_array", [column]) as unknown as RawBuilder<unknown>,
  parseJsonArray: <T>(value: unknown) => (typeof value === "string" ? (JSON.parse(value) as T[]) : []),
  idTable: (ids, alias) => sql<{ value: number }>`(select value from json_each(${JSON.stringify(ids)}))`.as(alias),
  // Deferred: a read transaction that takes no write lock; WAL gives it one snapshot.
  beginSnapshot: "begin deferred",
  // SQLITE_BUSY / SQLITE_LOCKED and their extended codes, from better-sqlite3.
  isRetryable: (error) => {
    const code = errorCode(error);
    return code !== undefined && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
  },
  isUniqueViolation: (error, table) => {
    const e = error as { code?: unknown; message?: unknown };
    if (e?.code !== "SQLITE_CONSTRAINT_UNIQUE" && e?.code !== "SQLITE_CONSTRAINT_PRIMARYKEY") return false;
    return table === undefined || String(e.message).includes(`${table}.`);
  },
  // AUTOINCREMENT keeps sqlite_sequence at the largest id inserted, explicit or not.
  afterExplicitIds: async () => {},
};

/** SQLSTATEs: serialization_failure, deadlock_detected, lock_not_available. */
const PG_RETRYABLE = new Set(["40001", "40P01", "55P03"]);

export const postgresDialect: StoreDialect = {
  name: "postgres",
  jsonArray: (eb, column) => eb.fn.agg("json_agg", [column]) as unknown as RawBuilder<unknown>,
  // pg parses json values itself; json_agg over no rows is null.
  parseJsonArray: <T>(value: unknown) => (Array.isArray(value) ? (value as T[]) : typeof value === "string" ? (JSON.parse(value) as T[]) : []),
  idTable: (ids, alias) => sql<{ value: number }>`(select unnest(cast(${[...ids]} as integer[])) as value)`.as(alias),
  // Repeatable read: every statement of the transaction sees the snapshot of its first one.
  beginSnapshot: "begin transaction isolation level repeatable read, read only",
  isRetryable: (error) => PG_RETRYABLE.has(errorCode(error) ?? ""),
  isUniqueViolation: (error, table) => errorCode(error) === "23505" && (table === undefined || (error as { table?: string }).table === table),
  // An identity column's sequence does not see explicit ids: move it past the largest.
  afterExplicitIds: async (db, table) => {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  },
};

export const DIALECTS: readonly StoreDialect[] = [sqliteDialect, postgresDialect];

/** The dialect of a store (or of a transaction or connection on it), from kysely's adapter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresDialect : sqliteDialect;
}

/**
 * Run `work` again (with a growing pause) while it fails only because another writer held
 * the store: SQLite's busy error after its timeout, PostgreSQL's deadlock or serialization
 * failure. Each attempt must be a whole transaction.
 */
export async function withBusyRetry<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt + Math.random() * 50));
    }
  }
}

/** True for a failure any dialect calls retryable (the codes cannot be confused: SQLITE_* vs SQLSTATE). */
export function isBusyError(error: unknown): boolean {
  return DIALECTS.some((d) => d.isRetryable(error));
}
