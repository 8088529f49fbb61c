/**
 * Tables printed sideways: a landscape table placed on a portrait page (text drawn with a 90°
 * text matrix) and pages carrying /Rotate are read in the table's own orientation, and their
 * boxes are reported on the page as displayed. Also the busy-page cases: a borderless table
 * hemmed in by prose and a running header keeps only its rows; two tables side by side stay two.
 */
import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { buildPdf, gridTable, type PageSpec, type TextOp } from "../helpers/pdf-builder.js";

function tables(layout: Layout): TableBlock[] {
  return layout.pages.flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === "table"));
}

function texts(t: TableBlock): string[][] {
  return t.rows.map((r) => r.map((c) => (c ? c.text : "")));
}

function paragraphs(layout: Layout): string[] {
  return layout.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "table" ? [] : [b.text])));
}

/** Landscape (842 × 595) drawing placed on a portrait page, turned a quarter anticlockwise. */
const SIDEWAYS: PageSpec["cm"] = [0, 1, -1, 0, 595, 0];

const SCORES = [
  ["Cornerstone", "April 2017", "Sept 2017", "March 2018"],
  ["Good Governance", "4", "5", "5"],
  ["Safe Workforce", "3", "4", "4"],
  ["Engagement", "2", "3", "4"],
];

/** A borderless score table laid out on a landscape sheet (x, y in landscape points). */
function borderless(x: number, top: number, rows: string[][], colX = [0, 220, 340, 460]): TextOp[] {
  return rows.flatMap((row, r) => row.map((text, c) => ({ text, x: x + colX[c]!, y: top - r * 18, bold: r === 0 })));
}

describe("pdf reader: sideways tables", () => {
  it("reads a ruled table printed sideways on a portrait page, under an upright running header", async () => {
    const grid = gridTable({ x: 80, top: 480, colWidths: [200, 110, 110, 110], rowHeight: 22, rows: SCORES });
    const pdf = buildPdf([
      {
        cm: SIDEWAYS,
        texts: [{ text: "Table 2: scores by cornerstone", x: 80, y: 510, size: 12, bold: true }, ...grid.texts],
        lines: grid.lines,
        upright: [{ text: "Safeguarding annual report 2018", x: 200, y: 820, size: 8 }],
      },
    ]);
    const layout = await readPdf(pdf, "sideways-ruled.pdf");
    const [t, ...more] = tables(layout);
    expect(more).toHaveLength(0);
    expect(t?.method).toBe("lattice");
    expect(texts(t!)).toEqual(SCORES);
    // The box is on the portrait page as displayed: tall and narrow, inside 595 × 842.
    const [x0, y0, x1, y1] = t!.place.bbox!;
    expect(x0).toBeGreaterThanOrEqual(0);
    expect(x1).toBeLessThanOrEqual(595);
    expect(y1).toBeLessThanOrEqual(842);
    expect(y1 - y0).toBeGreaterThan(x1 - x0);
    expect(paragraphs(layout).join(" ")).toContain("scores by cornerstone");
  });

  it("reads a borderless table printed sideways, rows and columns as a person turning the page sees them", async () => {
    const pdf = buildPdf([
      {
        cm: SIDEWAYS,
        texts: [
          { text: "The council scored itself on each cornerstone at three points in the year.", x: 80, y: 520 },
          ...borderless(80, 480, SCORES),
          { text: "Scores run from 1 (inadequate) to 6 (outstanding).", x: 80, y: 380 },
        ],
      },
    ]);
    const layout = await readPdf(pdf, "sideways-stream.pdf");
    const [t, ...more] = tables(layout);
    expect(more).toHaveLength(0);
    expect(t?.method).toBe("stream");
    expect(texts(t!)).toEqual(SCORES);
    expect(paragraphs(layout).join(" ")).toContain("three points in the year");
  });

  it("reads the text of a table turned the other way (a 270° matrix) in its own order", async () => {
    const pdf = buildPdf([{ cm: [0, -1, 1, 0, 0, 842], texts: borderless(80, 480, SCORES) }]);
    const [t] = tables(await readPdf(pdf, "sideways-270.pdf"));
    expect(texts(t!)).toEqual(SCORES);
  });

  it("reads a table on a /Rotate 90 page (content drawn upright, shown turned) in the content's orientation", async () => {
    const grid = gridTable({ x: 72, top: 700, colWidths: [160, 90, 90, 90], rowHeight: 20, rows: SCORES });
    const pdf = buildPdf([{ rotate: 90, texts: grid.texts, lines: grid.lines }]);
    const layout = await readPdf(pdf, "rotate90.pdf");
    const [t] = tables(layout);
    expect(texts(t!)).toEqual(SCORES);
    // Displayed, the page is landscape (842 wide): the box lies within it.
    const [, , x1, y1] = t!.place.bbox!;
    expect(x1).toBeLessThanOrEqual(842);
    expect(y1).toBeLessThanOrEqual(595);
  });

  it("reads a /Rotate 90 page whose content is drawn sideways to show upright", async () => {
    // Drawn running up the portrait user space; the page's /Rotate 90 turns it back upright.
    const pdf = buildPdf([{ rotate: 90, cm: SIDEWAYS, texts: borderless(80, 480, SCORES) }]);
    const [t] = tables(await readPdf(pdf, "rotate90-upright.pdf"));
    expect(texts(t!)).toEqual(SCORES);
  });

  it("reads upside-down /Rotate 180 pages", async () => {
    const pdf = buildPdf([{ rotate: 180, texts: borderless(72, 700, SCORES) }]);
    const [t] = tables(await readPdf(pdf, "rotate180.pdf"));
    expect(texts(t!)).toEqual(SCORES);
  });

  it("keeps upright pages upright when a table has a few sideways column heads", async () => {
    const rows = [["Area", "", ""], ["Good Governance", "4", "5"], ["Safe Workforce", "3", "4"]];
    const grid = gridTable({ x: 72, top: 700, colWidths: [160, 40, 40], rowHeight: 50, rows });
    const heads: TextOp[] = [
      { text: "2017", x: 72 + 160 + 25, y: 700 - 45, up: true },
      { text: "2018", x: 72 + 200 + 25, y: 700 - 45, up: true },
    ];
    const pdf = buildPdf([{ texts: [...grid.texts, ...heads], lines: grid.lines }]);
    const [t] = tables(await readPdf(pdf, "heads.pdf"));
    expect(texts(t!)).toEqual([["Area", "2017", "2018"], ...rows.slice(1)]);
  });
});

describe("pdf reader: busy pages", () => {
  it("keeps a borderless table hemmed in by prose, a caption, a running header and a footnote to its own rows", async () => {
    const prose = (y: number, s: string): TextOp => ({ text: s, x: 72, y });
    const pdf = buildPdf([
      {
        texts: [
          { text: "Safeguarding Partnership Annual Report 2018", x: 72, y: 810, size: 8 },
          { text: "12", x: 520, y: 810, size: 8 },
          prose(760, "The partnership reviewed its self-assessment in March. Each cornerstone was scored"),
          prose(746, "against the framework, and the scores below compare the last three reviews, so"),
          prose(732, "that progress can be followed from one period to the next."),
          { text: "Table 4: Self-assessed scores", x: 72, y: 704, bold: true },
          ...borderless(72, 684, SCORES, [0, 200, 300, 400]),
          { text: "1 Scores are on a scale of 1 to 6.", x: 72, y: 600, size: 7 },
          prose(570, "Engagement improved most, from 2 to 4, after the new forum for young people met"),
          prose(556, "for the first time; the board expects the other scores to hold through the year."),
          { text: "Page 12 of 30", x: 280, y: 40, size: 8 },
        ],
      },
    ]);
    const layout = await readPdf(pdf, "busy.pdf");
    const [t, ...more] = tables(layout);
    expect(more).toHaveLength(0);
    expect(texts(t!)).toEqual(SCORES);
    const prosed = paragraphs(layout).join(" ");
    expect(prosed).toContain("reviewed its self-assessment");
    expect(prosed).toContain("Engagement improved most");
  });

  it("ends a table above a caption: a two-part running header over 'Table A-3.' is no row of the table", async () => {
    const pdf = buildPdf([
      {
        texts: [
          { text: "APPENDIX A", x: 72, y: 800, size: 8 },
          { text: "HIGHLIGHTS FROM THE 2018 REVIEW", x: 380, y: 800, size: 8 },
          { text: "Table A-3. Self-assessed scores by cornerstone and review,", x: 72, y: 780 },
          { text: "with the board's own comments", x: 72, y: 768 },
          ...borderless(72, 744, SCORES, [0, 200, 300, 400]),
        ],
      },
    ]);
    const layout = await readPdf(pdf, "appendix.pdf");
    expect(tables(layout).map(texts)).toEqual([SCORES]);
    expect(paragraphs(layout).join(" ")).toContain("Table A-3.");
  });

  it("does not read two charts' value axes and legends as a table", async () => {
    const axis = (x: number): TextOp[] => [
      { text: "Spread vs Germany (bp)", x: x + 30, y: 760 },
      ...[450, 400, 350, 300, 250, 200, 150].map((v, i) => ({ text: String(v), x, y: 740 - i * 16, size: 8 })),
      { text: "CDS spread", x: x + 60, y: 708, size: 8 },
      { text: "Jan-09", x: x + 20, y: 630, size: 8 },
      { text: "Jan-10", x: x + 120, y: 630, size: 8 },
    ];
    const layout = await readPdf(buildPdf([{ texts: [...axis(72), ...axis(330)] }]), "charts.pdf");
    expect(tables(layout)).toHaveLength(0);
  });

  it("keeps two borderless tables side by side as two tables", async () => {
    const left = [
      ["District", "Referrals"],
      ["North", "120"],
      ["South", "95"],
      ["East", "143"],
    ];
    const right = [
      ["Month", "Visits"],
      ["January", "31"],
      ["February", "28"],
      ["March", "40"],
    ];
    const pdf = buildPdf([
      {
        texts: [
          { text: "Referrals and visits by district and month", x: 72, y: 760, bold: true },
          ...borderless(72, 720, left, [0, 110]),
          ...borderless(330, 720, right, [0, 110]),
        ],
        lines: [{ x0: 300, y0: 735, x1: 300, y1: 650, width: 0.5 }],
      },
    ]);
    const found = tables(await readPdf(pdf, "side-by-side.pdf")).map(texts);
    expect(found).toEqual([left, right]);
  });

  it("keeps one long table set in two blocks side by side (its header repeated over each) as one table", async () => {
    const left = [["Age", "People"], ["Under 1", "120"], ["1 year", "118"], ["2 years", "117"]];
    const right = [["Age", "People"], ["3 years", "115"], ["4 years", "113"], ["5 years", "110"]];
    const pdf = buildPdf([
      {
        texts: [...borderless(72, 720, left, [0, 110]), ...borderless(330, 720, right, [0, 110])],
        lines: [{ x0: 300, y0: 735, x1: 300, y1: 650, width: 0.5 }],
      },
    ]);
    const found = tables(await readPdf(pdf, "snaked.pdf")).map(texts);
    expect(found).toEqual([left.map((row, i) => [...row, ...right[i]!])]);
  });
});
