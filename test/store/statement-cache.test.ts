/**
 * The prepared-statement cache under kysely: the same SQL gets the same statement back, a
 * statement still being iterated is never handed out twice, the cache stays bounded, and a
 * store opened through it writes and reads back documents (streamed queries included).
 */
import SQLite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore, withStatementCache } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";

describe("withStatementCache", () => {
  it("reuses a statement by its SQL text", () => {
    const db = withStatementCache(new SQLite(":memory:"));
    const a = db.prepare("select 1 as one");
    expect(db.prepare("select 1 as one")).toBe(a);
    expect(db.prepare("select 2 as two")).not.toBe(a);
    db.close();
  });

  it("prepares a fresh statement while the cached one is being iterated", () => {
    const sqlite = new SQLite(":memory:");
    const db = withStatementCache(sqlite);
    sqlite.exec("create table t (n integer); insert into t values (1), (2), (3);");
    const first = db.prepare("select n from t order by n");
    const rows = first.iterate([]);
    expect((rows.next().value as { n: number }).n).toBe(1);
    const second = db.prepare("select n from t order by n");
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...rows].map((r) => (r as { n: number }).n)).toEqual([2, 3]);
    db.close();
  });

  it("keeps at most `size` statements, dropping the least recently used", () => {
    const db = withStatementCache(new SQLite(":memory:"), 2);
    const one = db.prepare("select 1");
    db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(one); // now the most recent
    db.prepare("select 3"); // evicts "select 2"
    expect(db.prepare("select 1")).toBe(one);
    const two = db.prepare("select 2");
    expect(db.prepare("select 2")).toBe(two);
    db.close();
  });

  it("serves a store: documents written and streamed back through cached statements", async () => {
    const store = await openStore(":memory:");
    try {
      for (let i = 0; i < 3; i++) await storeDocument(store, sampleSource({ sha256: String(i).repeat(64), source: `r${i}.pdf` }), sampleFacts());
      // The same select streamed twice (the second run reuses the statement the first released).
      for (let run = 0; run < 2; run++) {
        const seen: string[] = [];
        for await (const row of store.selectFrom("documents").select("source").orderBy("id").stream()) seen.push(row.source);
        expect(seen).toEqual(["r0.pdf", "r1.pdf", "r2.pdf"]);
      }
      const counts = await store.selectFrom("scores").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(Number(counts.n)).toBe(3 * sampleFacts().scores.length);
    } finally {
      await store.destroy();
    }
  });
});
