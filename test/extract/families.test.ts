/**
 * Report families as data (issue 18): the shipped families come from db/report-families.json,
 * and a council's family added in a file of its own (fixtures/families/penhallow-families.json:
 * its cues, its "Our aim:" lead-in and its "Panel rating for the quarter:" score label, no
 * code) is classified and extracted, listed by `scorebook families`, and can be forced with
 * `ingest --family`.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestFiles } from "../../pipelines/ingest.js";
import { classify } from "../../src/extract/classify.js";
import { loadFamilies, shippedFamilies } from "../../src/extract/family-file.js";
import { parseFamilies } from "../../src/extract/families.js";
import { extractFacts } from "../../src/extract/index.js";
import { readBytes } from "../../src/readers/index.js";
import { openStore, type Store } from "../../src/store/open.js";

const ROOT = join(import.meta.dirname, "..", "..");
const FAMILY_FILE = join(ROOT, "fixtures/families/penhallow-families.json");
const REPORT = join(ROOT, "fixtures/families/penhallow-2018-q3-quarterly-return.md");
const LIMITS = { maxBytes: 50_000_000, maxPages: 2000 };

async function layoutOf(path: string) {
  return readBytes(new Uint8Array(readFileSync(path)), path.split("/").pop()!, LIMITS);
}

describe("families file", () => {
  it("ships the two Monmouthshire families as data", () => {
    expect(shippedFamilies().map((f) => [f.kind, f.framework, f.authority])).toEqual([
      ["progress-report", "cornerstones", "Monmouthshire County Council"],
      ["strategic-overview", "key-priority-areas", "Monmouthshire County Council"],
    ]);
  });

  it("refuses a bad pattern, a duplicate or 'unknown' name, naming the file and field", () => {
    const family = { name: "x", label: "X", cues: [{ pattern: "x", weight: 1 }], minScore: 1 };
    expect(() => parseFamilies({ families: [{ ...family, cues: [{ pattern: "(", weight: 1 }] }] }, "f.json")).toThrow(/f\.json: family "x": cues\.0: not a regular expression/);
    expect(() => parseFamilies({ families: [family, family] }, "f.json")).toThrow(/duplicate family "x"/);
    expect(() => parseFamilies({ families: [{ ...family, name: "unknown" }] }, "f.json")).toThrow(/built-in/);
    expect(() => parseFamilies({ families: [{ ...family, minScore: 0 }] }, "f.json")).toThrow(/minScore/);
  });

  it("adds a file's families to the shipped ones; one of the same name replaces it", () => {
    const families = loadFamilies(FAMILY_FILE, {});
    expect(families.map((f) => f.kind)).toEqual(["progress-report", "strategic-overview", "penhallow-quarterly-return"]);
    expect(loadFamilies(null, { SCOREBOOK_FAMILIES: FAMILY_FILE }).map((f) => f.kind)).toContain("penhallow-quarterly-return");
    expect(loadFamilies(null, {}).map((f) => f.kind)).not.toContain("penhallow-quarterly-return");
  });
});

describe("a council's family added as data", () => {
  it("is classified and extracted: its section scores are found, which structure alone misses", async () => {
    const layout = await layoutOf(REPORT);
    const families = loadFamilies(FAMILY_FILE, {});
    expect(classify(layout, families).kind).toBe("penhallow-quarterly-return");
    const facts = extractFacts(layout, { families });
    expect(facts).toMatchObject({ kind: "penhallow-quarterly-return", framework: "penhallow-themes", authority: "Penhallow County Borough Council" });
    expect(facts.areas.map((a) => a.label)).toEqual(["Leadership and oversight", "Staff vetting and training", "Early help for families"]);
    expect(facts.areas[1]!.description).toMatch(/^everyone we employ/);
    expect(facts.scores.map((s) => [facts.areas.find((a) => a.key === s.areaKey)!.label, s.periodLabel, s.value, s.origin])).toEqual([
      ["Leadership and oversight", "October 2018 - December 2018", 4, "section"],
      ["Staff vetting and training", "October 2018 - December 2018", 3, "section"],
      ["Early help for families", "October 2018 - December 2018", 2, "section"],
    ]);
    // Without the family the same report gives no scores: the data file is what finds them.
    const plain = extractFacts(layout);
    expect(plain.kind).toBe("unknown");
    expect(plain.scores).toEqual([]);
  });

  describe("through ingest", () => {
    let db: Store;
    beforeEach(async () => {
      db = await openStore(":memory:");
    });
    afterEach(async () => {
      await db.destroy();
    });

    it("stores the family as the document's kind, and --family forces one, noted on the document", async () => {
      const added = await ingestFiles(db, [REPORT], { inThread: true, jobs: 1, familiesFile: FAMILY_FILE });
      expect(added.stored).toBe(1);
      const doc = await db.selectFrom("documents").select(["id", "kind", "framework"]).executeTakeFirstOrThrow();
      expect(doc).toMatchObject({ kind: "penhallow-quarterly-return", framework: "penhallow-themes" });
      const scores = await db.selectFrom("scores").select("value").orderBy("id").execute();
      expect(scores.map((s) => s.value)).toEqual([4, 3, 2]);

      const forced = await ingestFiles(db, [REPORT], { inThread: true, jobs: 1, force: true, family: "unknown" });
      expect(forced.replaced).toBe(1);
      const again = await db.selectFrom("documents").select(["id", "kind"]).executeTakeFirstOrThrow();
      expect(again.kind).toBe("unknown");
      const notes = await db.selectFrom("messages").select("text").where("document_id", "=", again.id).execute();
      expect(notes.map((m) => m.text)).toContain('report family "unknown" forced (ingest --family), not classified');
    });
  });

  it("`scorebook families` lists the shipped and added families; a bad --family fails before any file is read", () => {
    const cli = join(ROOT, "dist/src/cli/main.js");
    const listed = spawnSync(process.execPath, [cli, "families", "--families", FAMILY_FILE, "--format", "json"], { encoding: "utf8" });
    expect(listed.status).toBe(0);
    const rows = JSON.parse(listed.stdout) as { name: string; source: string | null; cues: unknown[] }[];
    expect(rows.map((r) => r.name)).toEqual(["progress-report", "strategic-overview", "penhallow-quarterly-return", "unknown"]);
    expect(rows[2]).toMatchObject({ source: FAMILY_FILE });
    expect(rows[2]!.cues).toHaveLength(2);
    const bad = spawnSync(process.execPath, [cli, "--db", "/nonexistent/x.sqlite", "ingest", REPORT, "--family", "no-such-family"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no report family "no-such-family"; known: progress-report, strategic-overview, unknown/);
  });
});
