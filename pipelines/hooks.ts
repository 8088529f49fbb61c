/**
 * What runs inside a document's transaction after its facts are stored (alignment of its
 * areas to the canonical framework). Kept here so the store itself knows nothing of it.
 */
import type { Transaction } from "kysely";
import type { Database } from "../src/store/schema.js";

export async function afterDocumentStored(trx: Transaction<Database>, documentId: number): Promise<void> {
  void trx;
  void documentId;
}
