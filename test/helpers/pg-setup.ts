/**
 * vitest global setup of the "postgres" project: migrate one template database, which every
 * test's fresh database is copied from (test/helpers/store.ts), and drop the test databases
 * at the end.
 */
import { openStore } from "../../src/store/open.js";
import { pgAdmin, pgUrl, PG_TEMPLATE, PG_TEST_PREFIX } from "./store.js";

async function dropTestDatabases(): Promise<void> {
  const rows = await pgAdmin<{ datname: string }>(`select datname from pg_database where datname like $1 or datname = $2`, [`${PG_TEST_PREFIX}%`, PG_TEMPLATE]);
  for (const { datname } of rows) {
    await pgAdmin(`update pg_database set datistemplate = false where datname = $1`, [datname]);
    await pgAdmin(`drop database if exists "${datname}" with (force)`);
  }
}

export async function setup(): Promise<void> {
  await dropTestDatabases();
  await pgAdmin(`create database "${PG_TEMPLATE}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  const db = await openStore(pgUrl(PG_TEMPLATE), { create: true });
  await db.destroy();
}

export async function teardown(): Promise<void> {
  await dropTestDatabases();
}
