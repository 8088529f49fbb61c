import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCanonicalFrameworks } from "../../src/align/canonical.js";
import { listAreaLinks, resolveAreaLabel, resolveCanonicalKey } from "../../src/align/links.js";
import { realign, recordDecision, removeDecision } from "../../src/align/store.js";
import type { Store } from "../../src/store/open.js";
import { GOLD_2015, goldFacts, goldSource } from "../helpers/align-gold.js";
import { ingestFacts, storeWithBothReports } from "../helpers/align-store.js";

const file = loadCanonicalFrameworks();
const framework = file.frameworks[0]!;

describe("manual decisions (areas link)", () => {
  let db: Store;
  beforeEach(async () => {
    db = await storeWithBothReports();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("resolves an area by id, label or a unique piece of its label", async () => {
    const label = await resolveAreaLabel(db, "engagement with children");
    expect(label).toMatch(/^Engagement with children and young people/);
    await expect(resolveAreaLabel(db, "safe")).rejects.toThrow(/matches \d+ areas/);
    await expect(resolveAreaLabel(db, "no such area")).rejects.toThrow(/no stored area/);
    expect(resolveCanonicalKey("good governance", framework.areas)).toBe("good-governance");
    expect(resolveCanonicalKey("none", framework.areas)).toBeNull();
    expect(() => resolveCanonicalKey("nope", framework.areas)).toThrow(/not a canonical area/);
  });

  it("records a decision that realignment and later ingests keep", async () => {
    const label = await resolveAreaLabel(db, "engagement with children");
    await db.transaction().execute((trx) => recordDecision(trx, { areaLabel: label, canonicalKey: "good-governance", note: "voice of the child is governance" }, file));
    const linked = (await listAreaLinks(db)).find((r) => r.area === label)!;
    expect(linked).toMatchObject({ canonical_key: "good-governance", method: "manual", confidence: 1, needs_review: false });

    await db.transaction().execute((trx) => realign(trx, file, { apply: true }));
    // re-ingest with --force, and another rendering of the same report: the decision holds for both
    await ingestFacts(db, goldSource(GOLD_2015), goldFacts(GOLD_2015), true);
    await ingestFacts(db, goldSource(GOLD_2015, { source: "mcc-2015-09-strategic-overview.docx", format: "docx" }), goldFacts(GOLD_2015));
    const rows = (await listAreaLinks(db)).filter((r) => r.area === label);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ canonical_key: "good-governance", method: "manual" });

    await db.transaction().execute((trx) => removeDecision(trx, label, file));
    expect((await listAreaLinks(db)).find((r) => r.area === label)).toMatchObject({ method: "similarity", canonical_key: null });
  });

  it("a 'none' decision keeps an area unaligned without asking for review again", async () => {
    const label = await resolveAreaLabel(db, "engagement with children");
    await db.transaction().execute((trx) => recordDecision(trx, { areaLabel: label, canonicalKey: null, note: null }, file));
    const row = (await listAreaLinks(db)).find((r) => r.area === label)!;
    expect(row).toMatchObject({ canonical_key: null, method: "manual", needs_review: false });
  });
});
