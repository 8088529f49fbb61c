/**
 * The CLI contracts DESIGN.md promises to outside checks: exit codes, one stderr line per
 * file naming it, stdout carrying only data, the export/history/tables JSON shapes.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { freshStoreLocation } from "../helpers/store.js";

const REPORTS = "fixtures/reports";
const MD = "mcc-2015-09-strategic-overview.md";
const TXT = "mcc-2018-03-evaluative-progress-report.txt";

describe("scorebook CLI", () => {
  let dir: string;
  let db: string;
  let first: ReturnType<typeof runCli>;

  beforeAll(async () => {
    dir = tempDir();
    db = await freshStoreLocation(dir);
    copyFileSync(join(REPORTS, MD), join(dir, MD));
    writeFileSync(join(dir, "empty.pdf"), "");
    writeFileSync(join(dir, "letter.pdf"), "Dear colleague, this is not a PDF at all.\n");
    writeFileSync(join(dir, "notes.docx"), "<html><body>a Word file that is really HTML</body></html>");
    first = runCli(["--db", db, "ingest", join(dir, MD), join(dir, "empty.pdf"), join(dir, "letter.pdf"), join(dir, "notes.docx"), join(dir, "missing.txt"), join(REPORTS, TXT)]);
  });

  it("reports each bad file on one stderr line naming it and the reason, and still stores the rest", () => {
    expect(first.code).toBe(1);
    const lines = first.stderr.trim().split("\n");
    const lineFor = (name: string) => lines.find((l) => l.startsWith(`${name}:`)) ?? "";
    expect(lineFor("empty.pdf")).toMatch(/failed: .*empty/);
    expect(lineFor("letter.pdf")).toMatch(/failed: .*not a PDF/);
    expect(lineFor("notes.docx")).toMatch(/failed: .*not a DOCX/);
    expect(lineFor("missing.txt")).toMatch(/failed: .*no such file/);
    expect(lineFor(MD)).toMatch(/stored as document \d+/);
    expect(lineFor(TXT)).toMatch(/stored as document \d+/);
    expect(first.stdout).toBe("");
  });

  it("re-ingesting the same bytes changes nothing and exits 0", () => {
    const before = runCli(["--db", db, "export", "--format", "json"]).stdout;
    const again = runCli(["--db", db, "ingest", join(dir, MD)]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/unchanged/);
    expect(runCli(["--db", db, "export", "--format", "json"]).stdout).toBe(before);
  });

  it("exports one JSON object with documents, scores, indicators, actions and gaps, each traceable", () => {
    const r = runCli(["--db", db, "export", "--format", "json"]);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(data).sort()).toEqual(["actions", "documents", "gaps", "indicators", "scores"]);
    expect(data.documents!.map((d) => d.document).sort()).toEqual([MD, TXT].sort());
    expect(data.scores!.length).toBeGreaterThan(0);
    for (const s of data.scores!) {
      expect(s).toHaveProperty("document");
      expect(s).toHaveProperty("page");
      expect(s).toHaveProperty("area");
      expect(s).toHaveProperty("area_number");
      expect(s).toHaveProperty("canonical_area");
      expect(s.period).toMatchObject({ label: expect.any(String), start: expect.stringMatching(/^\d{4}-\d{2}$/), end: expect.stringMatching(/^\d{4}-\d{2}$/) });
    }
  });

  it("history --format json groups scores per area in period order", () => {
    const r = runCli(["--db", db, "history", "--format", "json"]);
    expect(r.code).toBe(0);
    const series = JSON.parse(r.stdout) as { canonical_area: string | null; series: { period: { start: string }; value: number | null; document: string; area: string }[] }[];
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) {
      const starts = s.series.map((p) => p.period.start);
      expect(starts).toEqual([...starts].sort());
    }
  });

  it("csv and table formats write data to stdout only", () => {
    const csv = runCli(["--db", db, "history", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\n")[0]).toContain("period");
    const bad = runCli(["--db", db, "history", "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
  });

  it("tables prints the reader's tables as the JSON contract", () => {
    const r = runCli(["tables", join(REPORTS, MD), "--format", "json"]);
    expect(r.code).toBe(0);
    const { tables } = JSON.parse(r.stdout) as { tables: { page: number; rows: unknown[][] }[] };
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.every((t) => Array.isArray(t.rows) && t.rows.every((row) => Array.isArray(row)))).toBe(true);
  });

  it("--version and --help exit 0", () => {
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("ingest");
  });
});
