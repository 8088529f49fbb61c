/**
 * 001 — the whole store as DESIGN.md lists it. Written with kysely's schema builder only
 * (portable types: text, integer, real), so the same migration can run on PostgreSQL later.
 * Places are plain columns (page, bbox x0..y1, line range) rather than JSON, for the same reason.
 */
import type { CreateTableBuilder, Kysely } from "kysely";

// Migrations run against the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
type Table = CreateTableBuilder<string, string>;

/** page, bbox and line columns that every traceable row carries. */
function placeColumns(t: Table): Table {
  return t
    .addColumn("page", "integer")
    .addColumn("x0", "real")
    .addColumn("y0", "real")
    .addColumn("x1", "real")
    .addColumn("y1", "real")
    .addColumn("line_start", "integer")
    .addColumn("line_end", "integer");
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("sha256", "text", (c) => c.notNull().unique())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("path", "text")
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("authority", "text")
    .addColumn("framework", "text")
    .addColumn("pages", "integer")
    .addColumn("size_bytes", "integer")
    .addColumn("extractor_version", "text", (c) => c.notNull())
    .addColumn("ingested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("documents_source").on("documents").column("source").execute();

  // One row per distinct month range; documents print their own labels (document_periods).
  await db.schema
    .createTable("periods")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("start_month", "text", (c) => c.notNull())
    .addColumn("end_month", "text", (c) => c.notNull())
    .addUniqueConstraint("periods_range", ["start_month", "end_month"])
    .execute();

  await db.schema
    .createTable("document_periods")
    .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
    .addColumn("period_id", "integer", (c) => c.notNull().references("periods.id"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("ordinal", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("document_periods_pk", ["document_id", "period_id"])
    .execute();

  await db.schema
    .createTable("frameworks")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text")
    .addColumn("is_canonical", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // Areas as a document prints them (document_id set), or canonical areas (document_id null).
  await placeColumns(
    db.schema
      .createTable("areas")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("framework_id", "integer", (c) => c.references("frameworks.id"))
      .addColumn("document_id", "integer", (c) => c.references("documents.id").onDelete("cascade"))
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("number", "integer")
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("description", "text"),
  ).execute();
  await db.schema.createIndex("areas_document").on("areas").column("document_id").execute();

  await db.schema
    .createTable("area_links")
    .addColumn("area_id", "integer", (c) => c.primaryKey().references("areas.id").onDelete("cascade"))
    .addColumn("canonical_area_id", "integer", (c) => c.references("areas.id"))
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("confidence", "real", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();

  // Manual link decisions keyed by what identifies an area across re-ingests (its label),
  // so that `areas link` survives `ingest --force` and later documents printing the same area.
  await db.schema
    .createTable("area_link_decisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("area_label", "text", (c) => c.notNull().unique())
    .addColumn("canonical_key", "text")
    .addColumn("note", "text")
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();

  await placeColumns(
    db.schema
      .createTable("scores")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("area_id", "integer", (c) => c.notNull().references("areas.id").onDelete("cascade"))
      .addColumn("period_id", "integer", (c) => c.notNull().references("periods.id"))
      .addColumn("value", "integer")
      .addColumn("value_max", "integer")
      .addColumn("raw", "text", (c) => c.notNull())
      .addColumn("origin", "text", (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("scores_area_period").on("scores").columns(["area_id", "period_id"]).execute();
  await db.schema.createIndex("scores_document").on("scores").column("document_id").execute();

  await placeColumns(
    db.schema
      .createTable("scale_levels")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("level", "integer", (c) => c.notNull())
      .addColumn("label", "text", (c) => c.notNull())
      .addColumn("meaning", "text"),
  ).execute();

  await placeColumns(
    db.schema
      .createTable("indicators")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("area_id", "integer", (c) => c.references("areas.id").onDelete("set null"))
      .addColumn("period_id", "integer", (c) => c.references("periods.id"))
      .addColumn("value", "real", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("previous", "real")
      .addColumn("text", "text", (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("indicators_document").on("indicators").column("document_id").execute();

  await placeColumns(
    db.schema
      .createTable("actions")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("area_id", "integer", (c) => c.references("areas.id").onDelete("set null"))
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text")
      .addColumn("rag", "text")
      .addColumn("due", "text"),
  ).execute();
  await db.schema.createIndex("actions_document").on("actions").column("document_id").execute();

  await placeColumns(
    db.schema
      .createTable("gaps")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("area_id", "integer", (c) => c.references("areas.id").onDelete("set null"))
      .addColumn("period_id", "integer", (c) => c.references("periods.id"))
      .addColumn("marker", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
      .addColumn("resolved_by_document_id", "integer", (c) => c.references("documents.id").onDelete("set null"))
      .addColumn("resolved_page", "integer")
      .addColumn("resolved_text", "text")
      .addColumn("confidence", "real")
      .addColumn("note", "text"),
  ).execute();
  await db.schema.createIndex("gaps_status").on("gaps").column("status").execute();
  await db.schema.createIndex("gaps_document").on("gaps").column("document_id").execute();

  // Every change of a gap's status, automatic or manual, with its evidence.
  await db.schema
    .createTable("gap_events")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("gap_id", "integer", (c) => c.notNull().references("gaps.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("evidence", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("gap_events_gap").on("gap_events").column("gap_id").execute();

  await placeColumns(
    db.schema
      .createTable("messages")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("document_id", "integer", (c) => c.notNull().references("documents.id").onDelete("cascade"))
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex("messages_document").on("messages").column("document_id").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "messages", "gap_events", "gaps", "actions", "indicators", "scale_levels", "scores",
    "area_link_decisions", "area_links", "areas", "frameworks", "document_periods", "periods", "documents",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
