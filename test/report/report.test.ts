import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { frameworkBreaks, reportData } from "../../src/report/data.js";
import { renderReport } from "../../src/report/html.js";
import { trendChart } from "../../src/report/chart.js";
import type { Store } from "../../src/store/open.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";
import { ingestFacts, storeWithBothReports } from "../helpers/align-store.js";

const NOW = "2018-06-01T00:00:00.000Z";

/** Debian's chromium, when installed; the browser test is skipped (and says so) otherwise. */
function findChromium(): string | null {
  for (const bin of ["chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", `command -v ${bin}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}
const chromium = findChromium();

describe("HTML report", () => {
  let db: Store;
  beforeEach(async () => {
    db = await storeWithBothReports();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("has one trend chart per cornerstone, every value linked to a source row", async () => {
    const html = renderReport(await reportData(db, { now: NOW }));
    expect(html.match(/<svg class="trend"/g)).toHaveLength(5);
    const targets = [...html.matchAll(/href="#(score-\d+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(40);
    for (const t of new Set(targets)) expect(html).toContain(`id="${t}"`);
    expect(html).toContain('id="gaps"');
    expect(html).toContain('id="actions"');
    expect(html).toContain("Areas left for review");
  });

  it("is self-contained: no scripts, no network", async () => {
    const html = renderReport(await reportData(db, { now: NOW }));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it("escapes extracted text", async () => {
    const evil = '<script>alert("x")</script> & <b>';
    await ingestFacts(db, sampleSource({ sha256: "e".repeat(64), source: "evil<1>.pdf" }), sampleFacts({
      areas: [{ key: "1", number: 1, label: `Good Governance`, description: evil, place: null }, { key: "2", number: 2, label: evil, description: null, place: null }],
      actions: [{ text: evil, kind: "next-step", status: null, rag: null, due: null, areaKey: "1", place: { page: 1 } }],
    }));
    const html = renderReport(await reportData(db, { now: NOW }));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("</script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;");
    expect(html).toContain("evil&lt;1&gt;.pdf");
  });

  it("breaks the roll-up line where the reports change framework, with a marked rule, a note and a text alternative", async () => {
    const data = await reportData(db, { now: NOW });
    const sw = data.series.find((s) => s.canonical_key === "safe-workforce")!;
    const breaks = data.breaks[sw.authority ?? ""]!;
    expect(breaks).toHaveLength(1);
    const [change] = breaks;
    expect([change!.before.end, change!.after.start]).toEqual(["2015-09", "2017-04"]);
    expect(change!.note).toMatch(/^key priority areas \(9 areas, .*\) → cornerstones \(5 areas, .*\)$/);
    const svg = trendChart(sw, { first: "2014-04", last: "2018-03" }, { breaks });
    // Two lines (2014-2015 and 2017-2018), never one joined across the change.
    const lines = [...svg.matchAll(/<polyline class="rollup" points="([^"]+)"/g)].map((m) => m[1]!.split(" ").length);
    expect(lines).toEqual([4, 2]);
    expect(svg).toMatch(/<g class="framework-break"><title>The reports change framework here: key priority areas/);
    expect(svg).toMatch(/<desc>The line breaks where the reports change framework: /);
    const html = renderReport(data);
    expect(html.match(/class="break-note"/g)).toHaveLength(5);
    // Without breaks the line is joined, as before.
    expect([...trendChart(sw, { first: "2014-04", last: "2018-03" }).matchAll(/<polyline class="rollup"/g)]).toHaveLength(1);
  });

  it("decides framework changes from the scores' frameworks, not from dates", () => {
    const point = (id: number, start: string) => ({
      score_id: id, period: { label: start, start, end: start }, value: 3, value_max: 3, raw: "3", origin: "summary-table",
      document: "a.pdf", page: 1, line: null, area: "A", area_number: 1, link: null, also_in: [],
    });
    const months = ["2014-04", "2014-10", "2015-04", "2015-10", "2019-04"];
    const series = [{
      authority: null, canonical_area: "A", canonical_key: "a", warnings: [], series: months.map((m, i) => point(i + 1, m)),
      rollup: { rule: "mean" as const, description: "mean", points: months.map((m, i) => ({ period: { label: m, start: m, end: m }, value: 3, n: 1, areas: ["A"], score_ids: [i + 1] })) },
    }];
    const by = (names: string[]) => new Map(names.map((n, i) => [i + 1, { name: n, areas: n === "old" ? 9 : 5 }]));
    // The change falls inside 2014, between two columns; a four-year gap with no change is no break.
    const breaks = frameworkBreaks(series, by(["old", "new", "new", "new", "new"]));
    expect(breaks.map((b) => [b.before.end, b.after.start])).toEqual([["2014-04", "2014-10"]]);
    expect(frameworkBreaks(series, by(["new", "new", "new", "new", "new"]))).toEqual([]);
  });

  it("draws a range period as a bar and the roll-up as a line", async () => {
    const { series } = await reportData(db, { now: NOW });
    const sw = series.find((s) => s.canonical_key === "safe-workforce")!;
    const svg = trendChart(sw, { first: "2014-04", last: "2018-03" });
    expect(svg).toContain('<polyline class="rollup"');
    expect(svg).toContain('<line class="range"');
    expect(svg.match(/<circle class="src"/g)!.length).toBe(sw.series.filter((p) => p.value !== null).length);
  });

  it.skipIf(!chromium)(`renders in headless Chromium with one chart per cornerstone${chromium ? "" : " (skipped: chromium not installed — apt-get install chromium)"}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorebook-report-"));
    const file = join(dir, "report.html");
    writeFileSync(file, renderReport(await reportData(db, { now: NOW })));
    const dom = execFileSync(
      chromium!,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", `--user-data-dir=${join(dir, "profile")}`, "--dump-dom", `file://${file}`],
      { encoding: "utf8", timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] },
    );
    expect(dom.match(/<svg class="trend"/g)).toHaveLength(5);
    expect(dom).toContain("Safe Workforce");
  });
});
