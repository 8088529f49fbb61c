import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DocumentFacts } from "../../src/facts/schema.js";
import { history, applyRule } from "../../src/query/history.js";
import { compare } from "../../src/query/compare.js";
import { parsePeriodText, resolvePeriod, storedPeriods } from "../../src/query/periods.js";
import { openStore, type Store } from "../../src/store/open.js";
import { GOLD_2018, goldFacts, goldSource } from "../helpers/align-gold.js";
import { ingestFacts, storeWithBothReports } from "../helpers/align-store.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";

describe("history across both frameworks", () => {
  let db: Store;
  beforeEach(async () => {
    db = await storeWithBothReports();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("gives each cornerstone one series from April 2014 (Safe Services: April 2017) to March 2018", async () => {
    const h = await history(db);
    const cornerstones = h.filter((s) => s.canonical_area !== null);
    expect(cornerstones.map((s) => s.canonical_area)).toEqual(["Good Governance", "Safe Workforce", "Preventative Approach", "Robust Protection", "Safe Services"]);
    for (const s of cornerstones) {
      const first = s.series[0]!;
      const last = s.series[s.series.length - 1]!;
      expect(first.period.start).toBe(s.canonical_key === "safe-services" ? "2017-04" : "2014-04");
      expect(last.period.end).toBe("2018-03");
      // contract fields
      expect(Object.keys(first)).toEqual(expect.arrayContaining(["period", "value", "value_max", "document", "area"]));
      expect(first.period).toEqual({ label: expect.any(String), start: expect.any(String), end: expect.any(String) });
    }
    const unaligned = h.filter((s) => s.canonical_area === null);
    expect(unaligned).toHaveLength(1);
    expect(unaligned[0]!.series[0]!.area).toMatch(/^Engagement/);
  });

  it("shows each source area and a named roll-up where several map to one cornerstone", async () => {
    const [sw] = await history(db, { area: "safe-workforce" });
    const sept2015 = sw!.series.filter((p) => p.period.start === "2015-09");
    expect(sept2015.map((p) => p.area_number)).toEqual([4, 5, 6]);
    expect(sept2015.every((p) => p.link?.method === "similarity")).toBe(true);
    expect(sw!.rollup.rule).toBe("mean");
    expect(sw!.rollup.description).toMatch(/mean/);
    expect(sw!.rollup.points.find((r) => r.period.start === "2015-09")).toMatchObject({ value: 4.67, n: 3 });
    const [swMin] = await history(db, { area: "safe-workforce", rollup: "min" });
    expect(swMin!.rollup.points.find((r) => r.period.start === "2015-09")!.value).toBe(4);
    // a range counts as its midpoint
    const [gg] = await history(db, { area: "good-governance" });
    expect(gg!.rollup.points[0]).toMatchObject({ period: { start: "2014-04" }, value: 3.75, n: 2 });
  });

  it("filters by months", async () => {
    const h = await history(db, { from: "2017-01" });
    expect(h.flatMap((s) => s.series).every((p) => p.period.end >= "2017-01")).toBe(true);
  });

  it("reconciles the same period from two documents, warning when they disagree", async () => {
    await ingestFacts(
      db,
      goldSource(GOLD_2018, { source: "mcc-2018-03-evaluative-progress-report.docx", format: "docx" }),
      goldFacts(GOLD_2018, { mapScore: (n, start, s) => (n === 2 && start === "2017-04" ? { ...s, value: 5, valueMax: 5, raw: "5" } : s) }),
    );
    const [sw] = await history(db, { area: "safe-workforce" });
    const april17 = sw!.series.filter((p) => p.period.start === "2017-04");
    expect(april17).toHaveLength(1);
    expect(april17[0]!.also_in).toHaveLength(1);
    expect(sw!.warnings.join("\n")).toMatch(/April 17 - Sept 17.*gives 3.*gives 5/);
    const [gg] = await history(db, { area: "good-governance" });
    expect(gg!.warnings).toEqual([]);
  });

  it("applies roll-up rules", () => {
    expect(applyRule([3, 4, 5], "mean")).toBe(4);
    expect(applyRule([3, 4, 5, 6], "median")).toBe(4.5);
    expect(applyRule([], "max")).toBeNull();
  });
});

describe("which score a point keeps", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openStore(":memory:");
  });
  afterEach(async () => {
    await db.destroy();
  });

  const LATER = { label: "April 18 - Sept 18", start: "2018-04", end: "2018-09" };
  const LATEST = { label: "Oct 18 - March 19", start: "2018-10", end: "2019-03" };

  type Origin = DocumentFacts["scores"][number]["origin"];

  /** sampleFacts, with Good Governance's Oct 17 - March 18 score (and its periods) replaced. */
  function governanceOct17(value: number, origin: Origin, periods: DocumentFacts["periods"] = sampleFacts().periods): DocumentFacts {
    const base = sampleFacts({ periods });
    const oct17 = periods.find((p) => p.start === "2017-10")!.label;
    const scores = base.scores
      .filter((s) => s.origin !== "section" && s.periodLabel !== "Oct 17 - March 18")
      .map((s) => ({ ...s, periodLabel: periods.find((p) => p.start === "2017-04")?.label ?? s.periodLabel }));
    return { ...base, scores: [...scores, { ...base.scores[1]!, periodLabel: oct17, value, valueMax: value, raw: String(value), origin }] };
  }

  async function store(n: number, source: string, facts: DocumentFacts): Promise<void> {
    await ingestFacts(db, sampleSource({ sha256: String(n).repeat(64), source, path: null }), facts);
  }

  /** An origin this version does not write (a store from another extractor version may hold one). */
  async function relabelOrigin(source: string, from: Origin, to: string): Promise<void> {
    const doc = db.selectFrom("documents").select("id").where("source", "=", source);
    await db.updateTable("scores").set({ origin: to }).where("document_id", "in", doc).where("origin", "=", from).execute();
  }

  it("keeps the summary table, then the most recent report, then the first stored; a report's own repeat counts once", async () => {
    await store(1, "older.pdf", sampleFacts()); // Oct 17: summary table 5, and the section repeating it
    await store(2, "latest-odd.pdf", governanceOct17(1, "row", [...sampleFacts().periods, LATEST]));
    await relabelOrigin("latest-odd.pdf", "row", "footnote");
    await store(3, "same-age.pdf", governanceOct17(5, "summary-table"));
    const newer = [{ label: "April 17 - Sept 17", start: "2017-04", end: "2017-09" }, { label: "Oct 17 - Mar 18", start: "2017-10", end: "2018-03" }, LATER];
    await store(4, "newer.pdf", governanceOct17(3, "summary-table", newer));

    const [gg] = await history(db, { sourceArea: "good governance" });
    const oct17 = gg!.series.filter((p) => p.period.start === "2017-10");
    expect(oct17).toHaveLength(1);
    // The most recent summary table wins; the period is named as the kept report prints it.
    expect(oct17[0]).toMatchObject({ document: "newer.pdf", value: 3, origin: "summary-table", period: { label: "Oct 17 - Mar 18" } });
    // Equal recency: the first stored first; an origin history does not rank comes last, however recent.
    expect(oct17[0]!.also_in.map((o) => o.document)).toEqual(["older.pdf", "same-age.pdf", "latest-odd.pdf"]);
    expect(gg!.warnings).toContain("Good Governance (Oct 17 - Mar 18): newer.pdf gives 3, older.pdf gives 5, same-age.pdf gives 5, latest-odd.pdf gives 1; kept newer.pdf");
  });

  it("reports an origin it does not rank as printed", async () => {
    await store(1, "odd.pdf", governanceOct17(2, "row"));
    await relabelOrigin("odd.pdf", "row", "footnote");
    const [gg] = await history(db, { sourceArea: "good governance" });
    expect(gg!.series.find((p) => p.period.start === "2017-10")).toMatchObject({ origin: "footnote", value: 2, also_in: [] });
  });

  it("reads the same inside a transaction as outside", async () => {
    await store(1, "older.pdf", sampleFacts());
    await store(2, "newer.pdf", governanceOct17(3, "summary-table", [...sampleFacts().periods, LATER]));
    const outside = await history(db);
    const inside = await db.transaction().execute((trx) => history(trx));
    expect(inside).toEqual(outside);
  });
});

describe("history --area", () => {
  let db: Store;
  beforeEach(async () => {
    db = await storeWithBothReports();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("selects a canonical area by name, alias or key, whatever the case; a name matching none is an error", async () => {
    const byWord = await history(db, { area: "governance" });
    expect(await history(db, { area: "GoVeRnAnCe" })).toEqual(byWord);
    expect(byWord.map((s) => s.canonical_key)).toEqual(["good-governance"]);
    // Areas whose own label lacks the word come in through their link to Good Governance.
    const gg = byWord[0]!;
    expect(gg.series.some((p) => !/governance/i.test(p.area))).toBe(true);
    const [byKey] = await history(db, { area: "good-governance" });
    expect(byKey).toEqual(gg);
    await expect(history(db, { area: "no such area" })).rejects.toThrow(/matches no canonical area; canonical areas: Good Governance \(good-governance\)/);
  });

  it("--source-area filters the labels as printed and says the roll-ups cover only those sources", async () => {
    const printed = await history(db, { sourceArea: "GOVERNANCE" });
    expect(printed.length).toBeGreaterThan(0);
    for (const s of printed) {
      expect(s.series.every((p) => /governance/i.test(p.area))).toBe(true);
      expect(s.warnings[0]).toMatch(/--source-area\): roll-ups cover those sources alone/);
    }
  });
});

describe("periods and compare", () => {
  let db: Store;
  beforeEach(async () => {
    db = await storeWithBothReports();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("parses free-text periods onto months", () => {
    expect(parsePeriodText("Sept 2015")).toEqual({ start: "2015-09", end: "2015-09" });
    expect(parsePeriodText("Oct 17-March 18")).toEqual({ start: "2017-10", end: "2018-03" });
    expect(parsePeriodText("Oct 17 - March 18")).toEqual({ start: "2017-10", end: "2018-03" });
    expect(parsePeriodText("October - March 2018")).toEqual({ start: "2017-10", end: "2018-03" });
    expect(parsePeriodText("2017-04..2017-09")).toEqual({ start: "2017-04", end: "2017-09" });
    expect(parsePeriodText("nonsense")).toBeNull();
  });

  it("resolves a month to the stored period covering it", async () => {
    const periods = await storedPeriods(db);
    expect(resolvePeriod("2018-03", periods)).toMatchObject({ start: "2017-10", end: "2018-03" });
    expect(resolvePeriod("Oct 17- March 18", periods)).toMatchObject({ start: "2017-10", end: "2018-03" });
    expect(resolvePeriod("2015-09", periods)).toMatchObject({ start: "2015-09", end: "2015-09" });
    expect(() => resolvePeriod("2016-06", periods)).toThrow(/no stored period/);
  });

  it("compare 2015-09 2018-03 and 'Sept 2015' 'Oct 17-March 18' agree", async () => {
    const a = await compare(db, "2015-09", "2018-03");
    const b = await compare(db, "Sept 2015", "Oct 17-March 18");
    expect(b.areas).toEqual(a.areas);
    const sw = a.areas.find((r) => r.canonical_key === "safe-workforce")!;
    expect(sw).toMatchObject({ a: { value: 4.67 }, b: { value: 4 }, change: -0.67, direction: "down" });
    expect(sw.a.sources).toHaveLength(3);
    const ss = a.areas.find((r) => r.canonical_key === "safe-services")!;
    expect(ss).toMatchObject({ a: { value: null }, b: { value: 3 }, change: null, direction: "n/a" });
    expect(a.rollup.rule).toBe("mean");
  });
});
