/**
 * Decisions don't drift (issue 13): after the bundled reports are ingested, ingesting other
 * reports leaves every existing link's canonical area, method and confidence unchanged. The
 * other reports here change the corpus the similarity is computed over (new areas, new
 * statements), which used to recompute every stored link's confidence; `areas realign` shows
 * those would-be changes and only `--apply` writes them.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterBatchStored } from "../../pipelines/hooks.js";
import { loadCanonicalFrameworks } from "../../src/align/canonical.js";
import { realign } from "../../src/align/store.js";
import type { DocumentFacts } from "../../src/facts/schema.js";
import { openStore, type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { ingestFacts } from "../helpers/align-store.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";

type LinkSnapshot = Map<number, { canonical: string | null; method: string; confidence: number }>;

async function links(db: Store): Promise<LinkSnapshot> {
  const rows = await db
    .selectFrom("area_links as l")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["l.area_id", "c.key", "l.method", "l.confidence"])
    .execute();
  return new Map(rows.map((r) => [r.area_id, { canonical: r.key ?? null, method: r.method, confidence: r.confidence }]));
}

const place = { page: 1, bbox: null, lines: null };

/** Another report: areas and statements the bundled reports never print. */
function otherReport(i: number): DocumentFacts {
  const areas = [
    ["Corporate parenting", "Looked after children in our care have stable placements, and their health and education outcomes are reviewed by elected members every quarter."],
    ["Community safety partnership", "Anti-social behaviour, domestic abuse and exploitation are tackled with the police, housing providers and schools through a shared problem-solving panel."],
    ["Workforce wellbeing", "Staff supervision, caseload management and training records are checked by managers; recruitment checks are completed before anyone starts work."],
  ];
  return sampleFacts({
    title: `Annual safeguarding review ${2019 + i}`,
    // Later reports of the same council (whose framework the bundled areas are aligned to), and one of another council.
    authority: i < 2 ? "Monmouthshire County Council" : "Other County Council",
    periods: [{ label: `${2019 + i}/${20 + i}`, start: `${2019 + i}-04`, end: `${2020 + i}-03` }],
    areas: areas.map(([label, description], k) => ({ key: String(k + 1), number: k + 1, label: label!, description: description!, place })),
    scores: areas.map((_, k) => ({ areaKey: String(k + 1), periodLabel: `${2019 + i}/${20 + i}`, value: 3 + (k % 3), valueMax: 3 + (k % 3), raw: String(3 + (k % 3)), origin: "summary-table" as const, place })),
    indicators: [],
    actions: [],
    gaps: [],
    messages: [],
    passages: [],
  });
}

describe("area links do not drift", () => {
  let db: Store;
  let before: LinkSnapshot;

  beforeAll(async () => {
    const path = join(tempDir("scorebook-drift-"), "store.sqlite");
    expect(runCli(["--db", path, "ingest", "fixtures/reports"]).code).toBe(0);
    db = await openStore(path);
    before = await links(db);
  }, 300_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it("ingesting other reports (per document and per batch) leaves every existing link's canonical area, method and confidence unchanged", async () => {
    expect(before.size).toBeGreaterThan(20);
    expect([...before.values()].some((l) => l.method === "similarity")).toBe(true);
    // One through the per-document hook, two stored and linked as a batch.
    await ingestFacts(db, sampleSource({ source: "other-0.pdf", sha256: "1".repeat(64) }), otherReport(0));
    for (const i of [1, 2]) await storeDocument(db, sampleSource({ source: `other-${i}.pdf`, sha256: String(i + 1).repeat(64) }), otherReport(i));
    await afterBatchStored(db);

    const after = await links(db);
    for (const [areaId, link] of before) expect(after.get(areaId), `area ${areaId}`).toEqual(link);
    // The new reports' areas were linked when stored.
    expect(after.size).toBe(before.size + 9);
  }, 300_000);

  it("areas realign lists what a recomputation would change and writes nothing; --apply writes it", async () => {
    const framework = loadCanonicalFrameworks();
    const stored = await links(db);
    const dry = await db.transaction().execute((trx) => realign(trx, framework));
    // The corpus changed under the bundled reports' similarity links: a recomputation would move some.
    expect(dry.length).toBeGreaterThan(0);
    for (const c of dry) expect(c.before).not.toEqual(c.after);
    expect(await links(db)).toEqual(stored);

    const applied = await db.transaction().execute((trx) => realign(trx, framework, { apply: true }));
    expect(applied).toEqual(dry);
    const now = await links(db);
    for (const c of applied) expect(now.get(c.areaId)).toEqual({ canonical: c.after.canonicalKey, method: c.after.method, confidence: c.after.confidence });
    expect(await db.transaction().execute((trx) => realign(trx, framework))).toEqual([]);
  }, 300_000);

  it("scorebook areas realign prints before → after and changes nothing without --apply", () => {
    const path = join(tempDir("scorebook-drift-cli-"), "store.sqlite");
    expect(runCli(["--db", path, "ingest", "fixtures/reports/mcc-2015-09-strategic-overview.md"]).code).toBe(0);
    const r = runCli(["--db", path, "areas", "realign", "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/no link would change/);
  }, 300_000);
});
