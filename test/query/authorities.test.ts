/**
 * Frameworks belong to an authority (issue 18): a store holding Monmouthshire's reports and
 * two other councils' (fixtures/authorities: short reports written for these tests, one council
 * printing "Good governance" and "Safe workforce", labels Monmouthshire's cornerstones also
 * use) plus a report that states no council. history and compare never put another council's
 * score under a Monmouthshire cornerstone, each council's own series come out in period
 * order, and --authority selects one council or fails naming the ones stored.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFiles } from "../../pipelines/ingest.js";
import { AuthorityResolver, authorityKey } from "../../src/align/authority.js";
import { alignByAuthority } from "../../src/align/align.js";
import { loadCanonicalFrameworks } from "../../src/align/canonical.js";
import { listAreaLinks } from "../../src/align/links.js";
import { compareAcross, historyAcross } from "../../src/query/across.js";
import { compare } from "../../src/query/compare.js";
import { listGaps } from "../../src/query/gaps.js";
import { history, type HistorySeries } from "../../src/query/history.js";
import type { Store } from "../../src/store/open.js";
import { openTestStore } from "../helpers/store.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MONMOUTHSHIRE = "Monmouthshire County Council";
const isMonmouthshireDocument = (document: string) => document.startsWith("mcc-");

function values(s: HistorySeries): [string, number | null][] {
  return s.series.map((p) => [`${p.period.start}..${p.period.end}`, p.value]);
}

describe("authorities (pure)", () => {
  const file = loadCanonicalFrameworks();

  it("reads one council under its names, aliases and council-type words", () => {
    expect(authorityKey("Blaenau Gwent County Borough Council")).toBe(authorityKey("Blaenau Gwent CBC"));
    expect(authorityKey("The City and County of Swansea")).toBe(authorityKey("Swansea Council"));
    const resolver = new AuthorityResolver(file);
    const mcc = resolver.resolve(MONMOUTHSHIRE, 1);
    for (const name of ["Monmouthshire CC", "MONMOUTHSHIRE COUNTY COUNCIL", "Cyngor Sir Fynwy"]) {
      expect(resolver.resolve(name, 2)).toEqual(mcc);
    }
    expect(mcc.framework?.name).toBe("cornerstones");
    expect(resolver.resolve("Torfaen County Borough Council", 3).framework).toBeNull();
    // A document stating no authority is a group of its own, never another document's.
    expect(resolver.resolve(null, 4).key).not.toBe(resolver.resolve(null, 5).key);
    expect(resolver.nameOf(resolver.resolve(null, 4).key)).toBeNull();
  });

  it("aligns an area only to its own authority's framework", () => {
    const areas = [
      { id: 1, documentId: 1, label: "Good Governance", description: null, authority: "Monmouthshire CC" },
      { id: 2, documentId: 2, label: "Good Governance", description: null, authority: "Rhoswen County Council" },
      { id: 3, documentId: 3, label: "Good Governance", description: null, authority: null },
    ];
    const links = alignByAuthority(file, areas);
    expect(links.map((l) => [l.areaId, l.canonicalKey, l.method])).toEqual([
      [1, "good-governance", "exact"],
      [2, null, "own"],
      [3, null, "own"],
    ]);
    expect(links[1]!.note).toMatch(/Rhoswen County Council has no canonical framework/);
    expect(links[2]!.note).toMatch(/states no authority/);
  });
});

describe("a store holding Monmouthshire and two other councils", () => {
  let db: Store;
  beforeAll(async () => {
    db = await openTestStore();
    // Other councils first and out of period order, so nothing depends on ingest order.
    const summary = await ingestFiles(
      db,
      [
        join(ROOT, "fixtures/authorities/rhoswen-2018-03-half-year-review.txt"),
        join(ROOT, "fixtures/authorities/glanrafon-2017-18-self-evaluation.txt"),
        join(ROOT, "fixtures/reports/mcc-2018-03-evaluative-progress-report.txt"),
        join(ROOT, "fixtures/authorities/unsigned-2017-18-progress-note.txt"),
        join(ROOT, "fixtures/authorities/glanrafon-2016-17-self-evaluation.txt"),
        join(ROOT, "fixtures/reports/mcc-2015-09-strategic-overview.md"),
        join(ROOT, "fixtures/authorities/rhoswen-2017-09-half-year-review.txt"),
      ],
      { jobs: 1, inThread: true },
    );
    expect(summary.failed).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it("reads each report's authority from its title block", async () => {
    const docs = await db.selectFrom("documents").select(["source", "authority"]).orderBy("source").execute();
    expect(Object.fromEntries(docs.map((d) => [d.source, d.authority]))).toEqual({
      "glanrafon-2016-17-self-evaluation.txt": "Glanrafon County Borough Council",
      "glanrafon-2017-18-self-evaluation.txt": "Glanrafon County Borough Council",
      "mcc-2015-09-strategic-overview.md": MONMOUTHSHIRE,
      "mcc-2018-03-evaluative-progress-report.txt": MONMOUTHSHIRE,
      "rhoswen-2017-09-half-year-review.txt": "Rhoswen County Council",
      "rhoswen-2018-03-half-year-review.txt": "Rhoswen County Council",
      "unsigned-2017-18-progress-note.txt": null,
    });
  });

  it("history never puts another council's score under a Monmouthshire cornerstone", async () => {
    const h = await history(db);
    const cornerstones = h.filter((s) => s.canonical_key !== null);
    expect(cornerstones.map((s) => s.canonical_area)).toEqual(["Good Governance", "Safe Workforce", "Preventative Approach", "Robust Protection", "Safe Services"]);
    for (const s of cornerstones) {
      expect(s.authority).toBe(MONMOUTHSHIRE);
      for (const p of s.series) expect(isMonmouthshireDocument(p.document), `${s.canonical_area}: ${p.document}`).toBe(true);
    }
    // Every series belongs to one authority and every point to a document of that authority.
    for (const s of h) {
      const docs = new Set(s.series.flatMap((p) => [p.document, ...p.also_in.map((o) => o.document)]));
      const councils = new Set([...docs].map((d) => d.split("-")[0]));
      expect(councils.size, `${s.authority}: ${[...docs].join(", ")}`).toBe(1);
    }
    // Grouped by authority, never interleaved.
    const order = h.map((s) => s.authority ?? "(none)");
    expect(order).toEqual([...order].sort((a, b) => (a === "(none)" ? 1 : b === "(none)" ? -1 : a.localeCompare(b))));
  });

  it("gives each other council its own series, by label across its reports, in period order", async () => {
    const h = await history(db);
    const rhoswen = h.filter((s) => s.authority === "Rhoswen County Council");
    expect(rhoswen.map((s) => [s.canonical_key, s.series[0]!.area])).toEqual([
      [null, "Early help and prevention"],
      [null, "Good governance"],
      [null, "Safe workforce"],
    ]);
    const governance = rhoswen.find((s) => s.series[0]!.area === "Good governance")!;
    expect(values(governance)).toEqual([
      ["2016-10..2017-03", 2],
      ["2017-04..2017-09", 3],
      ["2017-10..2018-03", 4],
    ]);
    // The half-year both reviews print is one point, with the other report listed.
    expect(governance.series[1]!.also_in.map((o) => o.document)).toHaveLength(1);
    const glanrafon = h.filter((s) => s.authority === "Glanrafon County Borough Council");
    expect(glanrafon).toHaveLength(3);
    for (const s of glanrafon) {
      const starts = s.series.map((p) => p.period.start);
      expect(starts).toEqual(["2015-04", "2016-04", "2017-04"]);
      for (const p of s.series) expect(p.link).toEqual({ method: "own", confidence: 1 });
    }
    expect(values(glanrafon.find((s) => s.series[0]!.area === "Strong governance")!)).toEqual([
      ["2015-04..2016-03", 2],
      ["2016-04..2017-03", 3],
      ["2017-04..2018-03", 4],
    ]);
    // A report that states no council is its own group, aligned to nobody's framework.
    const unsigned = h.filter((s) => s.authority === null);
    expect(unsigned.map((s) => s.series[0]!.area)).toEqual(["Good Governance", "Safe Workforce"]);
    for (const s of unsigned) expect(s.canonical_key).toBeNull();
  });

  it("compare keeps each row within one council", async () => {
    const c = await compare(db, "2017-04..2017-09", "2017-10..2018-03");
    const gg = c.areas.filter((r) => r.canonical_key === "good-governance");
    expect(gg).toHaveLength(1);
    expect(gg[0]!.authority).toBe(MONMOUTHSHIRE);
    expect([...gg[0]!.a.sources, ...gg[0]!.b.sources].every((x) => isMonmouthshireDocument(x.document))).toBe(true);
    expect([gg[0]!.a.value, gg[0]!.b.value]).toEqual([4, 5]);
    const rhoswenGovernance = c.areas.find((r) => r.authority === "Rhoswen County Council" && r.area === "Good governance")!;
    expect(rhoswenGovernance).toMatchObject({ canonical_key: null, a: { value: 3 }, b: { value: 4 }, direction: "up" });
    for (const r of c.areas) {
      const docs = [...r.a.sources, ...r.b.sources].map((x) => x.document.split("-")[0]);
      expect(new Set(docs).size).toBeLessThanOrEqual(1);
    }
  });

  it("--authority selects one council by any of its names, or fails naming those stored", async () => {
    const only = await history(db, { authority: "Rhoswen CC" });
    expect(new Set(only.map((s) => s.authority))).toEqual(new Set(["Rhoswen County Council"]));
    const mcc = await history(db, { authority: "Cyngor Sir Fynwy" });
    expect(mcc.filter((s) => s.canonical_key !== null)).toHaveLength(5);
    expect(mcc.every((s) => s.authority === MONMOUTHSHIRE)).toBe(true);
    const none = await history(db, { authority: "none" });
    expect(none.every((s) => s.authority === null && s.series.every((p) => p.document.startsWith("unsigned")))).toBe(true);
    expect(none).toHaveLength(2);
    await expect(history(db, { authority: "Powys County Council" })).rejects.toThrow(/Glanrafon County Borough Council.*Monmouthshire County Council.*Rhoswen County Council/);
    const c = await compare(db, "2016/17", "2017/18", { authority: "Glanrafon" });
    expect(c.areas.map((r) => r.area)).toEqual(["Protecting people at risk", "Safe workforce", "Strong governance"]);
    const gaps = await listGaps(db, { authority: "Monmouthshire" });
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((g) => g.authority === MONMOUTHSHIRE && isMonmouthshireDocument(g.document))).toBe(true);
  });

  it("lists other councils' areas as their own series, not for review", async () => {
    const links = await listAreaLinks(db);
    const others = links.filter((l) => !isMonmouthshireDocument(l.document));
    expect(others.length).toBeGreaterThan(0);
    for (const l of others) expect(l).toMatchObject({ canonical_key: null, method: "own", needs_review: false });
  });
});

describe("comparing councils only through a person's mapping", () => {
  let db: Store;
  const shipped = loadCanonicalFrameworks();
  const file = {
    ...shipped,
    crossAuthority: [
      {
        key: "governance",
        label: "Governance across councils",
        members: [
          { authority: MONMOUTHSHIRE, area: "good-governance" },
          { authority: "Rhoswen CC", area: "Good governance" },
          { authority: "Glanrafon County Borough Council", area: "Strong governance" },
          { authority: "Powys County Council", area: "Governance" },
        ],
      },
    ],
  };
  beforeAll(async () => {
    db = await openTestStore();
    await ingestFiles(db, [join(ROOT, "fixtures/authorities"), join(ROOT, "fixtures/reports/mcc-2018-03-evaluative-progress-report.txt")], { jobs: 1, inThread: true });
  }, 60_000);
  afterAll(async () => {
    await db.destroy();
  });

  it("history --across lists each member's own series side by side, marked as a person's mapping, never combined", async () => {
    const { series, warnings } = await historyAcross(db, "governance", { file });
    expect(series.map((s) => [s.authority, s.canonical_area ?? s.series[0]!.area])).toEqual([
      [MONMOUTHSHIRE, "Good Governance"],
      ["Rhoswen County Council", "Good governance"],
      ["Glanrafon County Borough Council", "Strong governance"],
    ]);
    for (const s of series) {
      expect(s.cross_authority).toMatchObject({ key: "governance", label: "Governance across councils", note: expect.stringMatching(/defined by a person/) });
      const own = (await history(db, { authority: s.authority! })).find((h) => h.canonical_key === s.canonical_key && h.series[0]!.area === s.series[0]!.area)!;
      expect(s.series).toEqual(own.series); // the member's own figures, unchanged
    }
    expect(warnings).toEqual(["Governance across councils: no stored report of Powys County Council"]);
    await expect(historyAcross(db, "nope", { file })).rejects.toThrow(/no cross-authority mapping "nope".*governance/);
  });

  it("compare --across gives one row per member, each within its council", async () => {
    const c = await compareAcross(db, "governance", "2017-04..2017-09", "2017-10..2018-03", { file });
    expect(c.areas.map((r) => [r.authority, r.a.value, r.b.value])).toEqual([
      [MONMOUTHSHIRE, 4, 5],
      ["Rhoswen County Council", 3, 4],
      ["Glanrafon County Borough Council", null, null],
    ]);
    for (const r of c.areas) expect(r.cross_authority.label).toBe("Governance across councils");
  });
});
