/**
 * 002 — each document's text as passages (one logical line each, in reading order), so that
 * gap resolution and `show` read the store rather than re-parsing source files that may have
 * moved or changed. Schema builder only, portable types, like 001. Documents ingested before
 * this migration simply have no passages; re-ingesting them (--force) adds them.
 */
import type { Kysely } from "kysely";

// Migrations run against the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("passages")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("area_id", "integer", (c) => c.references("areas.id").onDelete("set null"))
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("row", "integer")
    .addColumn("col", "integer")
    .addColumn("text", "text", (c) => c.notNull())
    // The same place columns as 001's placeColumns (repeated: an old migration is never imported from).
    .addColumn("page", "integer")
    .addColumn("x0", "real")
    .addColumn("y0", "real")
    .addColumn("x1", "real")
    .addColumn("y1", "real")
    .addColumn("line_start", "integer")
    .addColumn("line_end", "integer")
    .execute();
  // Reading order of one document, and one page of it (show's context lookup).
  await db.schema.createIndex("passages_document_ordinal").on("passages").columns(["document_id", "ordinal"]).execute();
  await db.schema.createIndex("passages_document_page").on("passages").columns(["document_id", "page"]).execute();
  // Deleting a document cascades to its areas, and each area's `set null` here is looked up:
  // without this index every area deleted scans the largest table in the store.
  await db.schema.createIndex("passages_area").on("passages").column("area_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("passages").ifExists().execute();
}
