/** A store with documents stored the way ingest stores them (alignment hook inside the transaction). */
import { afterBatchStored, afterDocumentStored } from "../../pipelines/hooks.js";
import type { DocumentFacts } from "../../src/facts/schema.js";
import { type Store } from "../../src/store/open.js";
import { storeDocument, type DocumentSource } from "../../src/store/write.js";
import { GOLD_2015, GOLD_2018, goldFacts, goldSource } from "./align-gold.js";
import { openTestStore } from "./store.js";

export async function ingestFacts(db: Store, source: DocumentSource, facts: DocumentFacts, force = false) {
  return storeDocument(db, source, facts, { force, afterInsert: afterDocumentStored });
}

/**
 * Both real frameworks stored as one ingest batch stores them: 2015's nine priority areas and
 * 2018's five cornerstones, their areas linked together at the end of the batch (so 2015's
 * similarity links see the cornerstones' own statements that 2018 prints).
 */
export async function storeWithBothReports(): Promise<Store> {
  const db = await openTestStore();
  await storeDocument(db, goldSource(GOLD_2015), goldFacts(GOLD_2015));
  await storeDocument(db, goldSource(GOLD_2018), goldFacts(GOLD_2018));
  await afterBatchStored(db);
  return db;
}
