/**
 * 004 — indexes for `history` at scale (10,000 documents: ~20,000 areas, ~50,000 scores).
 *
 * areas_label: areas are stored per document, so the areas print only a handful of distinct
 * labels. `history --area` tests each distinct label once (SQLite reads them off this index,
 * skipping from one label to the next) and fetches the areas carrying a matching label through
 * it, instead of testing every area row.
 *
 * scores_history: every column history reads of a score, keyed by area then period, so the
 * scores of the matching areas come from the index alone, with no lookup into the table per
 * score.
 *
 * document_periods_period: the labels documents print for a period (compare resolves a
 * period by any of them). Without it, listing them scanned every document's periods once per
 * period.
 */
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ["areas_label", "areas", ["label"]],
  ["scores_history", "scores", ["area_id", "period_id", "document_id", "value", "value_max", "page", "raw", "origin"]],
  ["document_periods_period", "document_periods", ["period_id", "label"]],
];

export async function up(db: AnyDb): Promise<void> {
  for (const [name, table, columns] of INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}
