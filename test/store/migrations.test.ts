/**
 * Forward-only migrations on an existing store: a store made before passages were kept
 * (001 only) opens, gains the passages table, keeps its documents (with no passages), and
 * takes new documents with theirs.
 */
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import * as m001 from "../../db/migrations/001_initial.js";
import { migrations } from "../../db/migrations/index.js";
import { openStore } from "../../src/store/open.js";
import type { Database } from "../../src/store/schema.js";
import { storeDocument } from "../../src/store/write.js";
import { tempDir } from "../helpers/cli.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";

/** A store as the first release left it: migration 001 only, one document. */
async function storeAt001(path: string): Promise<void> {
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => ({ "001_initial": m001 }) } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
    await db
      .insertInto("documents")
      .values({ sha256: "0".repeat(64), source: "old.pdf", path: null, format: "pdf", kind: "progress-report", title: null, authority: null, framework: null, pages: 1, size_bytes: 1, extractor_version: "0.0.1", ingested_at: "2020-01-01T00:00:00.000Z" })
      .execute();
  } finally {
    await db.destroy();
  }
}

describe("migrations", () => {
  it("002 adds passages to a store made before them; old documents have none, new ones have theirs", async () => {
    const path = join(tempDir("scorebook-migrate-"), "store.sqlite");
    await storeAt001(path);
    const db = await openStore(path);
    try {
      const applied = await db.selectFrom("kysely_migration" as never).select("name" as never).execute();
      expect(applied.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
      expect(await db.selectFrom("documents").select("source").execute()).toEqual([{ source: "old.pdf" }]);
      expect(await db.selectFrom("passages").selectAll().execute()).toEqual([]);

      const { documentId } = await storeDocument(db, sampleSource(), sampleFacts());
      const n = await db.selectFrom("passages").select((eb) => eb.fn.countAll<number>().as("n")).where("document_id", "=", documentId).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(sampleFacts().passages.length);
    } finally {
      await db.destroy();
    }
  });
});
