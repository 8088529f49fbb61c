import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { exportAll } from "../../src/query/export.js";
import { history } from "../../src/query/history.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";
import { openTestStore } from "../helpers/store.js";

async function counts(db: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ["documents", "periods", "areas", "scores", "scale_levels", "indicators", "actions", "gaps", "gap_events", "messages", "passages"] as const) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

describe("store", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("stores a document with every fact linked to its area, period and page", async () => {
    const outcome = await storeDocument(db, sampleSource(), sampleFacts());
    expect(outcome.status).toBe("stored");
    const c = await counts(db);
    expect(c).toMatchObject({ documents: 1, periods: 2, areas: 2, scores: 5, indicators: 1, actions: 1, gaps: 1, gap_events: 1, messages: 1, passages: 10 });
    const data = await exportAll(db);
    const range = data.scores.find((s) => s.raw === "3-4");
    expect(range).toMatchObject({ document: "sample.pdf", page: 2, area: "Safe Workforce", area_number: 2, value: 3, value_max: 4, origin: "summary-table" });
    expect(range?.period).toEqual({ label: "April 17 - Sept 17", start: "2017-04", end: "2017-09" });
    expect(data.scores.find((s) => s.raw === "N/A")).toMatchObject({ value: null, value_max: null });
    expect(data.indicators[0]).toMatchObject({ value: 87.31, previous: 80, unit: "percent", area: "Safe Workforce", page: 2 });
    expect(data.actions[0]).toMatchObject({ status: "in progress", rag: "", due: "2018-05", area: "Good Governance" });
    expect(data.gaps[0]).toMatchObject({ status: "open", kind: "figures-awaited", period: { start: "2017-10", end: "2018-03" } });
    expect(data.documents[0]?.messages[0]?.text).toContain("disagrees");
  });

  it("stores the document's passages in reading order, with their area, table cell and place; export leaves them out", async () => {
    await storeDocument(db, sampleSource(), sampleFacts());
    const rows = await db
      .selectFrom("passages as p")
      .leftJoin("areas as a", "a.id", "p.area_id")
      .select(["p.ordinal", "p.kind", "p.row", "p.col", "p.text", "p.page", "a.label as area"])
      .orderBy("p.ordinal")
      .execute();
    expect(rows.map((r) => r.ordinal)).toEqual([...rows.keys()]);
    expect(rows[0]).toMatchObject({ kind: "heading", text: "Summary of self-assessment", row: null, col: null, page: 2, area: null });
    expect(rows.find((r) => r.text === "3-4")).toMatchObject({ kind: "table", row: 2, col: 1, area: "Safe Workforce" });
    const data = await exportAll(db);
    expect(Object.keys(data)).toEqual(["documents", "scores", "indicators", "actions", "gaps"]);
    expect(JSON.stringify(data)).not.toContain("Summary of self-assessment");
  });

  it("ingesting the same bytes twice changes nothing", async () => {
    await storeDocument(db, sampleSource(), sampleFacts());
    const before = await counts(db);
    const again = await storeDocument(db, sampleSource(), sampleFacts());
    expect(again.status).toBe("unchanged");
    expect(await counts(db)).toEqual(before);
  });

  it("--force replaces the document's facts instead of adding to them", async () => {
    await storeDocument(db, sampleSource(), sampleFacts());
    const before = await counts(db);
    const forced = await storeDocument(db, sampleSource(), sampleFacts(), { force: true });
    expect(forced.status).toBe("replaced");
    expect(await counts(db)).toEqual(before);
  });

  it("a document that fails mid-way leaves nothing behind", async () => {
    await storeDocument(db, sampleSource({ sha256: "b".repeat(64), source: "kept.pdf" }), sampleFacts());
    const before = await counts(db);
    const broken = sampleFacts({
      scores: [{ areaKey: "nope", periodLabel: "April 17 - Sept 17", value: 1, valueMax: 1, raw: "1", origin: "row", place: { page: 1 } }],
    });
    await expect(storeDocument(db, sampleSource(), broken)).rejects.toThrow(/unknown area/);
    expect(await counts(db)).toEqual(before);
    // and the failure inside a later hook rolls back too
    await expect(
      storeDocument(db, sampleSource(), sampleFacts(), {
        afterInsert: async () => {
          throw new Error("hook failed");
        },
      }),
    ).rejects.toThrow("hook failed");
    expect(await counts(db)).toEqual(before);
  });

  it("shares periods across documents by month range", async () => {
    await storeDocument(db, sampleSource(), sampleFacts());
    await storeDocument(db, sampleSource({ sha256: "c".repeat(64), source: "other.docx", format: "docx" }), sampleFacts({
      periods: [{ label: "Oct 17- March 18", start: "2017-10", end: "2018-03" }],
      scores: [{ areaKey: "1", periodLabel: "Oct 17- March 18", value: 4, valueMax: 4, raw: "4", origin: "summary-table", place: { page: 1 } }],
      indicators: [], actions: [], gaps: [],
    }));
    const c = await counts(db);
    expect(c.periods).toBe(2);
    const data = await exportAll(db, { document: "other.docx" });
    expect(data.scores[0]?.period.label).toBe("Oct 17- March 18");
  });

  it("history lists one point per area and period per document, summary table first, in period order", async () => {
    await storeDocument(db, sampleSource(), sampleFacts());
    const h = await history(db);
    const governance = h.find((s) => s.series[0]?.area === "Good Governance");
    expect(governance?.series.map((p) => [p.period.start, p.value, p.origin])).toEqual([
      ["2017-04", 4, "summary-table"],
      ["2017-10", 5, "summary-table"],
    ]);
    const filtered = await history(db, { sourceArea: "workforce", from: "2017-10" });
    expect(filtered).toHaveLength(1);
    expect(filtered[0]?.series.map((p) => p.raw)).toEqual(["N/A"]);
  });
});
