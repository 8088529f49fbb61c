/**
 * What runs inside a document's transaction after its facts are stored (alignment of its
 * areas to the canonical framework). Kept here so the store itself knows nothing of it.
 */
import type { Kysely, Transaction } from "kysely";
import { alignNewAreas } from "../src/align/store.js";
import type { Database } from "../src/store/schema.js";

/**
 * The document's areas are linked (against every stored area's statements and the corpus as
 * it is now); links of documents stored earlier never move (src/align/store.ts). Manual
 * decisions for the new areas' labels apply.
 */
export async function afterDocumentStored(trx: Transaction<Database>, documentId: number): Promise<void> {
  void documentId;
  await alignNewAreas(trx);
}

/**
 * The same linking once for a whole batch (the ingest pipeline's default: see
 * pipelines/ingest.ts). Alignment reads every stored area, so running it inside each
 * document's transaction makes a batch quadratic: ~5 s per document once the store holds 10,000.
 */
export async function afterBatchStored(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute((trx) => alignNewAreas(trx));
}
