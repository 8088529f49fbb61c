/**
 * `scorebook tables` with a person's hints (--pages, --area, --columns, --flavor), its quality
 * report and its export formats, run as a user would on PDFs built here.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPdf, gridTable, type TextOp } from "../helpers/pdf-builder.js";
import { runCli, tempDir } from "../helpers/cli.js";

interface JsonTable {
  page: number;
  rows: (string | null | { text: string })[][];
  quality: { flavor: string; rows: number; cols: number; bbox: number[] | null; empty_share: number; confidence: number };
}

const RULED = [
  ["Area", "2017", "2018"],
  ["Good Governance", "4", "5"],
  ["Safe Workforce", "3", "4"],
];
const LOOSE = [
  ["District", "Referrals", "Visits"],
  ["North", "120", "31"],
  ["South", "95", "28"],
  ["East", "143", "40"],
];

function loose(x: number, top: number, rows: string[][], colX: number[]): TextOp[] {
  return rows.flatMap((row, r) => row.map((text, c) => ({ text, x: x + colX[c]!, y: top - r * 16 })));
}

/** Prose under page 1's table, so that page 2's table is not read as its continuation. */
const PROSE: TextOp[] = [
  { text: "Referrals rose in every district this year, most of all in the east, where the new", x: 72, y: 440 },
  { text: "front door service opened in the spring and took calls from schools directly.", x: 72, y: 426 },
];

let dir = "";
let pdf = "";

beforeAll(() => {
  dir = tempDir("scorebook-tables-");
  // Page 1: a ruled table at the top, a borderless one lower down. Page 2: the borderless one alone.
  const grid = gridTable({ x: 72, top: 760, colWidths: [160, 80, 80], rowHeight: 20, rows: RULED });
  const pages = [
    { texts: [...grid.texts, { text: "Referrals by district", x: 72, y: 560, bold: true }, ...loose(72, 530, LOOSE, [0, 150, 250]), ...PROSE], lines: grid.lines },
    { texts: loose(72, 700, LOOSE, [0, 150, 250]) },
  ];
  pdf = join(dir, "hints.pdf");
  writeFileSync(pdf, buildPdf(pages));
});

function json(args: string[]): JsonTable[] {
  const r = runCli(["tables", pdf, "--format", "json", ...args]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables;
}

const plain = (t: JsonTable) => t.rows.map((r) => r.map((c) => (c === null ? "" : typeof c === "string" ? c : c.text)));

/** A bad value: exit 2 and exactly one line on stderr, naming what was wrong. */
function rejects(args: string[], says: RegExp): void {
  const r = runCli(["tables", pdf, ...args]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(says);
}

describe("scorebook tables: quality report", () => {
  it("keeps the contract's page and rows and adds flavor, shape, bbox, empty share and confidence", () => {
    const tables = json([]);
    expect(tables.map(plain)).toEqual([RULED, LOOSE, LOOSE]);
    const [ruled, stream] = tables;
    expect(ruled!.page).toBe(1);
    expect(ruled!.quality).toMatchObject({ flavor: "lattice", rows: 3, cols: 3, empty_share: 0 });
    expect(stream!.quality).toMatchObject({ flavor: "stream", rows: 4, cols: 3 });
    expect(ruled!.quality.bbox![1]).toBeCloseTo(842 - 760, 0);
    for (const t of tables) {
      expect(t.quality.confidence).toBeGreaterThan(0.5);
      expect(t.quality.confidence).toBeLessThanOrEqual(1);
    }
    // Ruled grids are surer than alignment.
    expect(ruled!.quality.confidence).toBeGreaterThan(stream!.quality.confidence);
  });
});

describe("scorebook tables: hints", () => {
  it("--pages reads only the pages listed", () => {
    expect(json(["--pages", "2"]).map((t) => t.page)).toEqual([2]);
    expect(json(["--pages", "1-2"]).map((t) => t.page)).toEqual([1, 1, 2]);
    rejects(["--pages", "0"], /--pages.*1,3-5/);
    rejects(["--pages", "3-1"], /--pages/);
    rejects(["--pages", "5"], /hints\.pdf: no page 5 \(it has 2\)/);
  });

  it("--flavor lattice keeps ruled grids only; stream reads every table from alignment", () => {
    const lattice = json(["--flavor", "lattice"]);
    expect(lattice.map(plain)).toEqual([RULED]);
    const stream = json(["--flavor", "stream", "--pages", "1"]);
    expect(stream.map((t) => t.quality.flavor)).toEqual(["stream", "stream"]);
    expect(stream.map(plain)[1]).toEqual(LOOSE);
    rejects(["--flavor", "guess"], /--flavor.*auto, lattice, stream/);
  });

  it("--area reads that region as one table, in points from the top-left", () => {
    // The borderless table on page 1 sits from y = 842 - 530 - 10 (its first line's top) down.
    const [t, ...more] = json(["--pages", "1", "--area", "60,300,400,380"]);
    expect(more).toHaveLength(0);
    expect(plain(t!)).toEqual(LOOSE);
    // Two areas: two tables, the ruled one read from its grid.
    const two = json(["--pages", "1", "--area", "60,70,400,150", "--area", "60,300,400,380"]);
    expect(two.map((x) => x.quality.flavor)).toEqual(["lattice", "stream"]);
    expect(two.map(plain)).toEqual([RULED, LOOSE]);
    rejects(["--area", "1,2,3"], /--area.*LEFT,TOP,RIGHT,BOTTOM/);
    rejects(["--area", "100,10,50,20"], /--area.*LEFT < RIGHT/);
  });

  it("--columns sets the column boundaries", () => {
    // One boundary between the district and the figures: the two figures share a column.
    const [t] = json(["--pages", "2", "--columns", "200"]);
    expect(plain(t!)).toEqual(LOOSE.map(([d, a, b]) => [d, `${a} ${b}`]));
    const [withArea] = json(["--pages", "2", "--area", "60,130,400,200", "--columns", "200,300"]);
    expect(plain(withArea!)).toEqual(LOOSE);
    rejects(["--columns", "300,200"], /--columns.*increasing/);
    rejects(["--columns", "a,b"], /--columns/);
  });

  it("refuses PDF hints for other files", () => {
    const md = join(dir, "notes.md");
    writeFileSync(md, "| a | b |\n| --- | --- |\n| 1 | 2 |\n");
    const r = runCli(["tables", md, "--area", "0,0,100,100"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("scorebook: notes.md: --area, --columns and --flavor apply to PDF files only");
  });
});

describe("scorebook tables: exports", () => {
  it("prints CSV, Markdown and HTML to stdout", () => {
    const csv = runCli(["tables", pdf, "--pages", "2", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toBe("table,page,row");
    expect(csv.stdout).toContain("1,2,2,North,120,31");
    const md = runCli(["tables", pdf, "--pages", "2", "--format", "markdown"]).stdout;
    expect(md).toContain("| District | Referrals | Visits |\n| --- | --- | --- |\n| North | 120 | 31 |");
    const html = runCli(["tables", pdf, "--pages", "2", "--format", "html"]).stdout;
    expect(html).toContain("<tr><td>North</td><td>120</td><td>31</td></tr>");
    rejects(["--format", "xlsx"], /--format.*markdown, html/);
  });

  it("--out writes one file per table named <file>-p<page>-t<n>.<ext>", () => {
    const out = join(dir, "out");
    mkdirSync(out, { recursive: true });
    const r = runCli(["tables", pdf, "--format", "csv", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(readdirSync(out).sort()).toEqual(["hints-p1-t1.csv", "hints-p1-t2.csv", "hints-p2-t1.csv"]);
    expect(readFileSync(join(out, "hints-p1-t1.csv"), "utf8")).toBe("Area,2017,2018\nGood Governance,4,5\nSafe Workforce,3,4\n");
    runCli(["tables", pdf, "--format", "html", "--pages", "2", "--out", out]);
    expect(readFileSync(join(out, "hints-p2-t1.html"), "utf8")).toMatch(/^<!doctype html>[\s\S]*<td>East<\/td>/);
    runCli(["tables", pdf, "--format", "json", "--pages", "2", "--out", out]);
    expect(JSON.parse(readFileSync(join(out, "hints-p2-t1.json"), "utf8"))).toMatchObject({ page: 2, quality: { rows: 4, cols: 3 } });
  });
});
