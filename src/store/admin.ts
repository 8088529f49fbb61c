/**
 * Operating a store: what `db status` reports, and (PostgreSQL) the least-privilege roles a
 * team's server needs: an auditor role that may only read, and a writer role that may
 * ingest and decide gaps but not change the schema (`db migrate` stays with the owner).
 */
import { sql } from "kysely";
import { dialectOf } from "./dialect.js";
import { KNOWN_MIGRATIONS, recordedMigrations, type Store } from "./migrate.js";
import { countRows } from "./copy.js";

export interface StoreStatus {
  store: string;
  dialect: string;
  migration_level: number;
  migrations_known: number;
  latest_migration: string | null;
  writable: boolean;
  counts: Record<string, number>;
  gaps_open: number;
}

const COUNTED = ["documents", "periods", "areas", "scores", "indicators", "actions", "gaps", "passages"] as const;

export async function storeStatus(db: Store, name: string, writable: boolean): Promise<StoreStatus> {
  const recorded = await recordedMigrations(db);
  const counts: Record<string, number> = {};
  for (const table of COUNTED) counts[table] = await countRows(db, table);
  const open = await db.selectFrom("gaps").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "open").executeTakeFirstOrThrow();
  return {
    store: name,
    dialect: dialectOf(db).name,
    migration_level: recorded.length,
    migrations_known: KNOWN_MIGRATIONS.length,
    latest_migration: recorded.at(-1) ?? null,
    writable,
    counts,
    gaps_open: Number(open.n),
  };
}

/** The schema the ingest job queue (pg-boss, pipelines/queue.ts) keeps its tables in, beside the store's. */
export const QUEUE_SCHEMA = "pgboss";

export interface RoleNames {
  reader: string;
  writer: string;
}

export const DEFAULT_ROLES: RoleNames = { reader: "scorebook_reader", writer: "scorebook_writer" };

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The SQL that creates (if missing) the two group roles and grants them what they need on the
 * current database's public schema, including tables a later `db migrate` adds (default
 * privileges of the role running it, the schema owner). People log in as their own roles,
 * made members: `create role alice login password '…' in role scorebook_reader`.
 */
export function rolesSql(database: string, roles: RoleNames = DEFAULT_ROLES): string[] {
  for (const name of [roles.reader, roles.writer]) {
    if (!ROLE_NAME.test(name)) throw new Error(`role name "${name}": expected lower-case letters, digits and _`);
  }
  const { reader, writer } = roles;
  const db = `"${database.replace(/"/g, '""')}"`;
  const create = (role: string) =>
    `do $$ begin if not exists (select from pg_roles where rolname = '${role}') then create role ${role} nologin; end if; end $$`;
  return [
    create(reader),
    create(writer),
    `grant connect on database ${db} to ${reader}, ${writer}`,
    `grant usage on schema public to ${reader}, ${writer}`,
    `grant select on all tables in schema public to ${reader}`,
    `alter default privileges in schema public grant select on tables to ${reader}`,
    `grant select, insert, update, delete on all tables in schema public to ${writer}`,
    `grant usage, select on all sequences in schema public to ${writer}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${writer}`,
    `alter default privileges in schema public grant usage, select on sequences to ${writer}`,
    queueGrants(roles),
  ];
}

/**
 * The job queue's schema, once the first `ingest --queue` (by the owner) has made it: the
 * writer may queue and run jobs (`ingest --queue`, `worker`), the reader may see `queue
 * status`. Default privileges cover the tables pg-boss adds later. A no-op before the
 * schema exists: run `db roles` again after the first `ingest --queue`.
 */
function queueGrants({ reader, writer }: RoleNames): string {
  const q = QUEUE_SCHEMA;
  return [
    `do $$ begin if exists (select from pg_namespace where nspname = '${q}') then`,
    `grant usage on schema ${q} to ${reader}, ${writer};`,
    `grant select on all tables in schema ${q} to ${reader};`,
    `alter default privileges in schema ${q} grant select on tables to ${reader};`,
    `grant select, insert, update, delete on all tables in schema ${q} to ${writer};`,
    `alter default privileges in schema ${q} grant select, insert, update, delete on tables to ${writer};`,
    `end if; end $$`,
  ].join(" ");
}

/** Run rolesSql on a PostgreSQL store, as its owner. */
export async function createRoles(db: Store, roles: RoleNames = DEFAULT_ROLES): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  const statements = rolesSql(rows[0]!.name, roles);
  await db.transaction().execute(async (trx) => {
    for (const statement of statements) await sql.raw(statement).execute(trx);
  });
  return statements;
}
