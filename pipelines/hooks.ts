/**
 * What runs inside a document's transaction after its facts are stored (alignment of its
 * areas to the canonical framework). Kept here so the store itself knows nothing of it.
 */
import type { Transaction } from "kysely";
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
