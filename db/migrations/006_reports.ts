/**
 * 006 — one report, several files (src/store/reports.ts). `reports` holds one row per report;
 * `documents.report_id` says which report a file renders. Existing documents are grouped here,
 * oldest first, by the same content rule ingest applies to new ones, so a store migrated from
 * an earlier version counts its renderings once from the first command on.
 *
 * Schema builder only, portable types. The backfill uses the store's current report rule
 * (src/store/reports.ts); it reads only tables that 001–005 created.
 */
import type { Kysely } from "kysely";
import { assignMissingReports } from "../../src/store/reports.js";
import type { Database } from "../../src/store/schema.js";

// Migrations run against the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("reports")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("authority", "text")
    .addColumn("title", "text")
    .addColumn("ingested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("documents").addColumn("report_id", "integer", (c) => c.references("reports.id")).execute();
  await db.schema.createIndex("documents_report").on("documents").column("report_id").execute();
  await assignMissingReports(db as Kysely<Database>);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("documents_report").ifExists().execute();
  await db.schema.alterTable("documents").dropColumn("report_id").execute();
  await db.schema.dropTable("reports").ifExists().execute();
}
