import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { history, applyRule } from "../../src/query/history.js";
import { compare } from "../../src/query/compare.js";
import { parsePeriodText, resolvePeriod, storedPeriods } from "../../src/query/periods.js";
import type { Store } from "../../src/store/open.js";
import { GOLD_2018, goldFacts, goldSource } from "../helpers/align-gold.js";
import { ingestFacts, storeWithBothReports } from "../helpers/align-store.js";

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
