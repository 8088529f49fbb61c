/** A store with documents stored the way ingest stores them (alignment hook inside the transaction). */
import { afterDocumentStored } from "../../pipelines/hooks.js";
import type { DocumentFacts } from "../../src/facts/schema.js";
import { type Store } from "../../src/store/open.js";
import { storeDocument, type DocumentSource } from "../../src/store/write.js";
import { GOLD_2015, GOLD_2018, goldFacts, goldSource } from "./align-gold.js";
import { openTestStore } from "./store.js";

export async function ingestFacts(db: Store, source: DocumentSource, facts: DocumentFacts, force = false) {
  return storeDocument(db, source, facts, { force, afterInsert: afterDocumentStored });
}

/** Both real frameworks stored: 2015's nine priority areas and 2018's five cornerstones. */
export async function storeWithBothReports(): Promise<Store> {
  const db = await openTestStore();
  await ingestFacts(db, goldSource(GOLD_2015), goldFacts(GOLD_2015));
  await ingestFacts(db, goldSource(GOLD_2018), goldFacts(GOLD_2018));
  return db;
}
