import { describe, expect, it } from "vitest";
import { csvCell, csvSafe, csvText } from "../../src/format/csv.js";
import { renderCsv, renderTable, terminalWidth, type Column } from "../../src/format/output.js";
import { clip, fit, layoutTable, wrapText } from "../../src/format/table.js";

const longest = (text: string) => Math.max(...text.split("\n").map((l) => [...l].length));

interface Row { id: number; text: string; document: string; empty: string | null }
const rows: Row[] = [
  { id: 1, text: "Combined adult at risk and children's safeguarding training was undertaken for Council Members in Dec 17", document: "mcc-2018-03-evaluative-progress-report.docx", empty: null },
  { id: 22, text: "IA report due end May 18", document: "report.txt", empty: null },
];
const columns: Column<Row>[] = [
  { header: "id", value: (r) => r.id },
  { header: "text", value: (r) => r.text, minWidth: 30 },
  { header: "document", value: (r) => r.document, minWidth: 20, clip: "middle" },
  { header: "status", value: (r) => r.empty },
];

describe("the shared table formatter", () => {
  it("fits the width, shortening the longest text first and keeping the columns' floors", () => {
    const out = renderTable(rows, columns, { width: 60 });
    expect(longest(out)).toBeLessThanOrEqual(60);
    const [header, , first] = out.split("\n");
    // The empty column is dropped before anything with content is shortened.
    expect(header).not.toMatch(/status/);
    expect(first).toMatch(/^1 +Combined adult at risk and c\S*…/);
    // A file name is shortened in the middle: its extension (which rendering) stays.
    expect(first).toMatch(/mcc-2018-0\S*….*\.docx$/);
  });

  it("shows everything with wide, and with no width at all", () => {
    for (const layout of [{ width: 60, wide: true }, {}]) {
      const out = renderTable(rows, columns, layout);
      expect(out).toContain(rows[0]!.text);
      expect(out).toContain(rows[0]!.document);
      expect(out).not.toContain("…");
    }
  });

  it("squeezes further rather than overflow when the floors alone are too wide", () => {
    const out = renderTable(rows, columns, { width: 40 });
    expect(longest(out)).toBeLessThanOrEqual(40);
    expect(fit([50, 50, 50], [30, 30, 30], 20).reduce((s, w) => s + w, 0) + 4).toBeLessThanOrEqual(20);
  });

  it("splits a wide matrix into panels that repeat the leading column", () => {
    const cols = [{ header: "area", minWidth: 16 }, ...Array.from({ length: 12 }, (_, i) => ({ header: `Period ${i + 1}`, minWidth: 9 }))];
    const cells = [["Good Governance", ...Array.from({ length: 12 }, (_, i) => String(i))]];
    const out = layoutTable(cols, cells, { width: 60, repeatColumns: 1 });
    expect(longest(out)).toBeLessThanOrEqual(60);
    const headers = out.split("\n").filter((l) => l.startsWith("area"));
    expect(headers.length).toBeGreaterThan(1);
    expect(out).toContain("Period 12");
    expect(out.match(/Good Governance/g)!.length).toBe(headers.length);
  });

  it("clips at the end or in the middle with one ellipsis, and wraps notes at spaces", () => {
    expect(clip("abcdefghij", 5)).toBe("abcd…");
    expect(clip("abcdefghij.docx", 9, "middle")).toBe("abcd…docx");
    expect(clip("short", 9)).toBe("short");
    const note = wrapText("one two three four five six seven", 10);
    expect(longest(note)).toBeLessThanOrEqual(10);
    expect(note.replace(/\n/g, " ")).toBe("one two three four five six seven");
  });

  it("takes the terminal's width on a TTY, else $COLUMNS, else no limit", () => {
    expect(terminalWidth({ isTTY: true, columns: 99 }, { COLUMNS: "120" })).toBe(99);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: "120" })).toBe(120);
    expect(terminalWidth({ isTTY: false }, {})).toBeUndefined();
    expect(terminalWidth({ isTTY: false }, { COLUMNS: "wide" })).toBeUndefined();
  });
});

describe("CSV cells a spreadsheet would run", () => {
  it("prefixes text starting with = + - @ tab CR or LF with an apostrophe (OWASP), and nothing else", () => {
    for (const bad of ["=1+2", "+44 1633", "-2+3", "@SUM(A1)", "\tx", "\rx", "\n=cmd"]) expect(csvSafe(bad)).toBe(`'${bad}`);
    for (const fine of ["Good Governance", "3-4", "100% of staff", "'quoted"]) expect(csvSafe(fine)).toBe(fine);
    // Numbers are data, not formulas.
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell("=1+2", { raw: true })).toBe("=1+2");
  });

  it("is applied by every CSV the formatter writes, unless raw", () => {
    const r = [{ id: 1, text: '=HYPERLINK("http://example.com","x")', document: "a.txt", empty: "\n@x" }];
    const out = renderCsv(r, columns, {});
    expect(out).toContain(`"'=HYPERLINK(""http://example.com"",""x"")"`);
    expect(out).toContain(`"'\n@x"`);
    expect(renderCsv(r, columns, { raw: true })).toContain(`"=HYPERLINK(`);
    expect(csvText([["-1"]])).toBe("'-1\n");
  });
});
