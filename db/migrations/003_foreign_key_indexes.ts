/**
 * 003 — indexes on the foreign-key columns 001 left without one. Deleting a document (ingest
 * --force, or replacing it) cascades to its areas, and every `on delete set null` / cascade
 * reference to those areas and to the document is then looked up: without these indexes each
 * lookup scans the whole table, so one delete cost ~25 ms at 10,000 documents (~1 ms with).
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const INDEXES: [name: string, table: string, column: string][] = [
  ["gaps_resolved_by", "gaps", "resolved_by_document_id"],
  ["gaps_area", "gaps", "area_id"],
  ["indicators_area", "indicators", "area_id"],
  ["actions_area", "actions", "area_id"],
  ["scale_levels_document", "scale_levels", "document_id"],
  ["area_links_canonical", "area_links", "canonical_area_id"],
];

export async function up(db: AnyDb): Promise<void> {
  for (const [name, table, column] of INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on(table).column(column).execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
