/**
 * The store a suite runs against. SQLite always; PostgreSQL when vitest's "postgres" project
 * runs the suite (SCOREBOOK_TEST_STORE=postgres, set by vitest.config.ts when SCOREBOOK_TEST_PG
 * names a server). Each call gives a fresh, empty, migrated store: for PostgreSQL a new
 * database copied from the template the global setup migrated once (test/helpers/pg-setup.ts),
 * so suites never see each other's rows and need no cleanup between tests.
 */
import { join } from "node:path";
import pg from "pg";
import { openStore, type Store } from "../../src/store/open.js";
import { tempDir } from "./cli.js";

export type TestStoreKind = "sqlite" | "postgres";

export const TEST_STORE: TestStoreKind = process.env.SCOREBOOK_TEST_STORE === "postgres" ? "postgres" : "sqlite";
/** A superuser URL of the test server (any database on it), or undefined. */
export const TEST_PG = process.env.SCOREBOOK_TEST_PG;
export const PG_TEMPLATE = "scorebook_test_template";
export const PG_TEST_PREFIX = "scorebook_test_";

let serial = 0;

/** The server URL with another database name. */
export function pgUrl(database: string, base = TEST_PG!): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Run one statement as the test server's superuser. */
export async function pgAdmin<T = unknown>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new, migrated PostgreSQL database (from the template) and its URL. */
export async function freshPgDatabase(): Promise<string> {
  if (!TEST_PG) throw new Error("SCOREBOOK_TEST_PG is not set");
  const name = `${PG_TEST_PREFIX}${process.pid}_${++serial}_${Math.random().toString(36).slice(2, 8)}`;
  await pgAdmin(`create database "${name}" template "${PG_TEMPLATE}"`);
  return pgUrl(name);
}

/** Where a fresh store of the suite's kind lives: a file under `dir` for SQLite, a new database for PostgreSQL. */
export async function freshStoreLocation(dir: string = tempDir("scorebook-store-")): Promise<string> {
  return TEST_STORE === "postgres" ? freshPgDatabase() : join(dir, "store.sqlite");
}

/** A fresh store of the suite's kind, opened (SQLite in memory). */
export async function openTestStore(): Promise<Store> {
  return openStore(TEST_STORE === "postgres" ? await freshPgDatabase() : ":memory:");
}
