/**
 * What runs inside a document's transaction after its facts are stored (alignment of its
 * areas to the canonical framework). Kept here so the store itself knows nothing of it.
 */
import type { Kysely, Transaction } from "kysely";
import { realign } from "../src/align/store.js";
import type { Database } from "../src/store/schema.js";

/**
 * Every non-manual link is recomputed, not just this document's: a new document may print a
 * cornerstone's own statement (and it changes the corpus IDF), which can improve links of
 * documents stored earlier. Manual decisions are re-applied by realign itself.
 */
export async function afterDocumentStored(trx: Transaction<Database>, documentId: number): Promise<void> {
  void documentId;
  await realign(trx);
}

/**
 * The same recomputation once for a whole batch (the ingest pipeline's default: see
 * pipelines/ingest.ts). realign reads every stored area, so running it inside each document's
 * transaction makes a batch quadratic: ~5 s per document once the store holds 10,000.
 */
export async function afterBatchStored(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((trx) => realign(trx));
}

/** True when some stored area has no link row (a batch was killed before it realigned). */
export async function linksMissing(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom("areas as a")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .select("a.id")
    .where("a.document_id", "is not", null)
    .where("l.area_id", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
