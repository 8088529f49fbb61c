/**
 * Issue 13's "What was seen", reproduced on the six bundled renderings (two reports, three
 * files each), ingested once by the built CLI:
 *
 * - `--area` names a canonical area, and its figures are exactly the unfiltered ones (history
 *   and compare, for every canonical area and for partial names);
 * - an ambiguous or unknown area, and a document that matches nothing, exit 2 listing what
 *   exists;
 * - one report, several files: 8 gaps (not 24), each once with the other files under
 *   also_in; resolving one leaves 7 open, whichever copy's id is given.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compare } from "../../src/query/compare.js";
import { listActions, listIndicators } from "../../src/query/evidence.js";
import { canonicalChoices } from "../../src/query/filters.js";
import { history } from "../../src/query/history.js";
import { openStore, type Store } from "../../src/store/open.js";
import { runCli, tempDir } from "../helpers/cli.js";

const REPORTS = "fixtures/reports";

interface GapJson {
  id: number;
  report: number;
  document: string;
  status: string;
  also_in: { id: number; document: string }[];
}

describe("answers an auditor can sign (bundled renderings)", () => {
  let db: string;
  let store: Store;

  beforeAll(async () => {
    db = join(tempDir("scorebook-answers-"), "store.sqlite");
    const ingest = runCli(["--db", db, "ingest", REPORTS]);
    expect(ingest.code).toBe(0);
    store = await openStore(db);
  }, 300_000);
  afterAll(async () => {
    await store?.destroy();
  });

  it("groups the six files into two reports by content", async () => {
    const docs = await store.selectFrom("documents").select(["source", "report_id"]).orderBy("id").execute();
    expect(docs).toHaveLength(6);
    const reportOf = (stem: string) => new Set(docs.filter((d) => d.source.startsWith(stem)).map((d) => d.report_id));
    const r2015 = reportOf("mcc-2015-09");
    const r2018 = reportOf("mcc-2018-03");
    expect(r2015.size).toBe(1);
    expect(r2018.size).toBe(1);
    expect([...r2015][0]).not.toBe([...r2018][0]);
    expect(docs.every((d) => d.report_id !== null)).toBe(true);
  }, 300_000);

  it("history --area: for every canonical area, by key, label, any case and partial names, the series equal the unfiltered ones", async () => {
    const all = await history(store);
    const choices = await canonicalChoices(store);
    expect(choices.map((c) => c.key)).toEqual(["good-governance", "safe-workforce", "preventative-approach", "robust-protection", "safe-services"]);
    for (const c of choices) {
      const unfiltered = all.find((s) => s.canonical_key === c.key);
      expect(unfiltered, c.key).toBeDefined();
      for (const name of [c.key, c.label, c.label.toUpperCase()]) expect(await history(store, { area: name }), name).toEqual([unfiltered]);
    }
    // Partial names: whole words and unique prefixes (the "Protection" rolled up 2 of 3 sources).
    const partial: [string, string][] = [["Protection", "robust-protection"], ["governance", "good-governance"], ["prev", "preventative-approach"], ["good gov", "good-governance"], ["workforce", "safe-workforce"], ["services", "safe-services"]];
    for (const [name, key] of partial) expect(await history(store, { area: name }), name).toEqual([all.find((s) => s.canonical_key === key)]);
    // The roll-up the issue saw wrong: Good Governance in Sept 2015 is the mean of its three sources.
    const gg = all.find((s) => s.canonical_key === "good-governance")!;
    expect(gg.rollup.points.find((p) => p.period.start === "2015-09")).toMatchObject({ value: 4.33, n: 3 });
  }, 300_000);

  it("compare --area: every canonical area's row equals the unfiltered row", async () => {
    const all = await compare(store, "2015-09", "2018-03");
    for (const c of await canonicalChoices(store)) {
      const row = all.areas.find((r) => r.canonical_key === c.key);
      for (const name of [c.key, c.label.toLowerCase()]) {
        const filtered = await compare(store, "2015-09", "2018-03", { area: name });
        expect(filtered.areas, name).toEqual([row]);
      }
    }
    const gg = (await compare(store, "2015-09", "2018-03", { area: "good governance" })).areas[0]!;
    expect([gg.a.value, gg.b.value, gg.direction]).toEqual([4.33, 5, "up"]);
  }, 300_000);

  it("an ambiguous --area lists its candidates, an unknown one lists the canonical areas; both exit 2 with nothing on stdout", () => {
    const ambiguous = runCli(["--db", db, "compare", "2015-09", "2018-03", "--area", "safe"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stdout).toBe("");
    expect(ambiguous.stderr.trim().split("\n")).toHaveLength(1);
    expect(ambiguous.stderr).toMatch(/ambiguous: it matches Safe Workforce \(safe-workforce\), Safe Services \(safe-services\)/);
    const unknown = runCli(["--db", db, "history", "--area", "finance"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/matches no canonical area; canonical areas: Good Governance \(good-governance\), .*Safe Services \(safe-services\)/);
    for (const command of [["gaps"], ["indicators"], ["actions"], ["export"]]) {
      const r = runCli(["--db", db, ...command, "--area", "safe"]);
      expect(r.code, command[0]).toBe(2);
    }
  }, 300_000);

  it("--source-area filters the printed labels and says the roll-ups cover only those sources", () => {
    const r = runCli(["--db", db, "compare", "2015-09", "2018-03", "--source-area", "safe", "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { warnings: string[]; areas: { a: { sources: { area: string }[] }; b: { sources: { area: string }[] } }[] };
    expect(out.warnings[0]).toMatch(/only source areas printed as "safe" \(--source-area\): roll-ups cover those sources alone/);
    for (const row of out.areas) for (const s of [...row.a.sources, ...row.b.sources]) expect(s.area).toMatch(/safe/i);
  }, 300_000);

  it("--document takes a path, a base name or a stem; a miss lists the documents and exits 2", () => {
    const count = (args: string[]) => (JSON.parse(runCli(["--db", db, "export", ...args]).stdout) as { documents: unknown[] }).documents.length;
    expect(count(["--document", "mcc-2015-09-strategic-overview.pdf"])).toBe(1);
    expect(count(["--document", join(process.cwd(), REPORTS, "mcc-2015-09-strategic-overview.pdf")])).toBe(1);
    expect(count(["--document", "mcc-2015-09-strategic-overview"])).toBe(3);
    const miss = runCli(["--db", db, "gaps", "--document", "report-2019.pdf"]);
    expect(miss.code).toBe(2);
    expect(miss.stdout).toBe("");
    expect(miss.stderr).toMatch(/--document "report-2019.pdf" matches no stored document; documents: mcc-2015-09-strategic-overview.docx, /);
  }, 300_000);

  it("indicators and actions list each item once per report, the other renderings under also_in", async () => {
    const indicators = await listIndicators(store);
    const rows = await store.selectFrom("indicators").select("id").execute();
    expect(indicators.length).toBeLessThan(rows.length);
    // Every indicator the three renderings share is one item with two other files.
    expect(indicators.filter((i) => i.also_in.length === 2).length).toBeGreaterThan(indicators.length * 0.9);
    for (const i of indicators) expect(new Set([i.document, ...i.also_in.map((a) => a.document)]).size).toBe(1 + i.also_in.length);
    const actions = await listActions(store);
    expect(actions.filter((a) => a.also_in.length === 2).length).toBeGreaterThan(actions.length * 0.9);
  }, 300_000);

  it("gaps: 8 for the 24 copies, each once with the other renderings under also_in; resolving one (by any copy's id) leaves 7 open", () => {
    const listed = runCli(["--db", db, "gaps", "--check", "--open", "--fail-on-open", "--format", "json"]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toMatch(/flag-gaps: 8 gaps checked/);
    const open = JSON.parse(listed.stdout) as GapJson[];
    expect(open).toHaveLength(8);
    for (const g of open) {
      expect(g.also_in).toHaveLength(2);
      const files = [g.document, ...g.also_in.map((a) => a.document)];
      expect(new Set(files.map((f) => f.replace(/\.\w+$/, ""))).size).toBe(1);
      expect(new Set(files).size).toBe(3);
    }
    // Resolve through a later rendering's copy: the decision is the report's.
    const target = open.find((g) => g.document.startsWith("mcc-2018-03"))!;
    const resolved = runCli(["--db", db, "gaps", "resolve", String(target.also_in[1]!.id), "--note", "figure supplied by Democratic Services"]);
    expect(resolved.code).toBe(0);
    const after = runCli(["--db", db, "gaps", "--check", "--open", "--fail-on-open", "--format", "json"]);
    expect(after.code).toBe(1);
    expect((JSON.parse(after.stdout) as GapJson[]).map((g) => g.id)).toEqual(open.filter((g) => g.id !== target.id).map((g) => g.id));
    const all = JSON.parse(runCli(["--db", db, "gaps", "--format", "json"]).stdout) as GapJson[];
    expect(all).toHaveLength(8);
    expect(all.find((g) => g.id === target.id)).toMatchObject({ status: "resolved" });
    // Every copy has its own event for the decision.
    for (const copy of [target.id, ...target.also_in.map((a) => a.id)]) {
      const events = JSON.parse(runCli(["--db", db, "gaps", "history", String(copy), "--format", "json"]).stdout) as { status: string; decided_by: string }[];
      expect(events.at(-1)).toMatchObject({ status: "resolved", decided_by: "manual" });
    }
    // Reopening through the first copy reopens them all.
    expect(runCli(["--db", db, "gaps", "reopen", String(target.id), "--note", "not the right figure"]).code).toBe(0);
    expect(JSON.parse(runCli(["--db", db, "gaps", "--open", "--format", "json"]).stdout)).toHaveLength(8);
  }, 300_000);
});
