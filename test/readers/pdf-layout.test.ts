import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { numberColumns } from "../../src/readers/pdf/text-items.js";
import { buildPdf, type LineOp, type TextOp } from "../helpers/pdf-builder.js";

function tables(layout: Layout): TableBlock[] {
  return layout.pages.flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === "table"));
}

function texts(t: TableBlock): (string | null)[][] {
  return t.rows.map((r) => r.map((c) => (c ? c.text : null)));
}

const PROSE = [
  "The findings in this report are subject to at least four limitations",
  "First, misclassification of the group of the person on the record",
  "might underestimate the rates among the smaller groups in the survey",
  "Second, results from a study in one city indicated that the cause is",
  "overreported on the records of that city and might be specific to it",
  "Third, the rates reflect only the underlying cause and not the other",
  "contributing causes that were recorded on the same records that year",
  "Fourth, the estimates for the smallest areas rest on very few events",
];

describe("pdf reader: column layout", () => {
  it("reads a table set in the left column of a two-column page without the prose beside it", async () => {
    const texts0: TextOp[] = [];
    const rows = [
      ["State", "Deaths", "Rate"],
      ["Alabama", "6,038", "121.7"],
      ["Alaska", "351", "87.4"],
      ["Arizona", "7,806", "120.8"],
      ["Arkansas", "5,100", "160.1"],
      ["California", "46,584", "139.0"],
      ["Colorado", "3,922", "96.3"],
    ];
    // The table: 7.5 pt type on a 9.5 pt step; the prose: 9 pt type on a 12 pt step.
    rows.forEach((row, r) => row.forEach((text, c) => texts0.push({ text, x: [45, 150, 220][c]!, y: 700 - r * 9.5, size: 7.5 })));
    PROSE.forEach((text, i) => texts0.push({ text, x: 323, y: 702 - i * 12, size: 9 }));
    const layout = await readPdf(buildPdf([{ width: 612, height: 792, texts: texts0 }]), "columns.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(1);
    expect(texts(all[0]!)).toEqual(rows);
    const paragraphs = layout.pages[0]!.blocks.filter((b) => b.kind === "paragraph").map((b) => (b as { text: string }).text);
    expect(paragraphs.join(" ")).toContain("four limitations First, misclassification");
    expect(paragraphs.join(" ")).not.toContain("Alabama");
  });

  it("keeps a table whose last column holds sentences as one table", async () => {
    const t0: TextOp[] = [];
    const rows = [
      ["Tuition", "$1,200", "The cost of taking a course varies from school to school"],
      ["Room and board", "$950", "The cost of lodging and food varies from school to school"],
      ["Fees", "$120", "Fees will depend on the school you are attending this year"],
      ["Equipment", "$400", "Equipment may include a computer, a printer and other items"],
    ];
    rows.forEach((row, r) => row.forEach((text, c) => t0.push({ text, x: [72, 170, 230][c]!, y: 700 - r * 14 })));
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "described.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(1);
    expect(texts(all[0]!)).toEqual(rows);
  });
});

describe("pdf reader: ruled tables with unruled rows and columns", () => {
  it("splits a body drawn as one ruled band into rows, under stacked header rules, with open sides", async () => {
    // Horizontal rules run from x=60 to x=400; verticals only between the inner columns.
    const lines: LineOp[] = [
      { x0: 60, y0: 700, x1: 400, y1: 700 },
      { x0: 160, y0: 686, x1: 400, y1: 686 },
      { x0: 60, y0: 672, x1: 400, y1: 672 },
      { x0: 60, y0: 600, x1: 400, y1: 600 },
      { x0: 160, y0: 700, x1: 160, y1: 600 },
      { x0: 240, y0: 686, x1: 240, y1: 600 },
      { x0: 320, y0: 700, x1: 320, y1: 600 },
    ];
    const t0: TextOp[] = [
      { text: "Country", x: 64, y: 677 },
      { text: "Funds", x: 164, y: 690 },
      { text: "2005", x: 164, y: 676 },
      { text: "2010", x: 244, y: 676 },
      { text: "Total", x: 324, y: 676 },
    ];
    const body = [
      ["Bulgaria", "2.3", "3.2", "5.5"],
      ["Cyprus", "0.21", "0", "0.21"],
      ["Estonia", "1.1", "1.9", "3.0"],
      ["Latvia", "1.5", "2.4", "3.9"],
    ];
    body.forEach((row, r) => row.forEach((text, c) => t0.push({ text, x: [64, 164, 244, 324][c]!, y: 660 - r * 14 })));
    const layout = await readPdf(buildPdf([{ texts: t0, lines }]), "banded.pdf");
    const [t] = tables(layout);
    expect(t?.method).toBe("lattice");
    expect(texts(t!).slice(-4)).toEqual(body);
    expect(t!.rows[0]![1]).toMatchObject({ text: "Funds", colspan: 2 });
    expect(t!.rows[0]![0]).toMatchObject({ text: "Country", rowspan: 2 });
  });

  it("keeps the stub labels of an open-sided table one per ruled row", async () => {
    const lines: LineOp[] = [60, 680, 665, 650, 635].map((y, i) => ({ x0: i === 0 ? 160 : 60, y0: i === 0 ? 695 : y, x1: 400, y1: i === 0 ? 695 : y }));
    lines.push({ x0: 160, y0: 695, x1: 160, y1: 635 }, { x0: 280, y0: 695, x1: 280, y1: 635 }, { x0: 400, y0: 695, x1: 400, y1: 635 });
    const t0: TextOp[] = [
      { text: "Cost", x: 64, y: 684 },
      { text: "Total", x: 164, y: 684 },
      { text: "Direct", x: 284, y: 684 },
    ];
    const body = [
      ["Salaries", "1,314,000", "940,750"],
      ["Travel", "94,000", "74,000"],
      ["Rent", "170,000", "150,000"],
    ];
    body.forEach((row, r) => row.forEach((text, c) => t0.push({ text, x: [64, 164, 284][c]!, y: 669 - r * 15 })));
    const layout = await readPdf(buildPdf([{ texts: t0, lines }]), "open.pdf");
    const [t] = tables(layout);
    expect(texts(t!)).toEqual([["Cost", "Total", "Direct"], ...body]);
  });

  it("splits a ruled group column into the sub-columns its text forms", async () => {
    const lines: LineOp[] = [
      ...[700, 672, 600].map((y) => ({ x0: 60, y0: y, x1: 400, y1: y })),
      ...[60, 160, 320, 400].map((x) => ({ x0: x, y0: 700, x1: x, y1: 600 })),
    ];
    const t0: TextOp[] = [
      { text: "Age", x: 64, y: 680 },
      { text: "White", x: 220, y: 690 },
      { text: "Male", x: 170, y: 677 },
      { text: "Female", x: 250, y: 677 },
      { text: "Total", x: 330, y: 680 },
    ];
    const body = [
      ["1-2", "2,586,688", "2,568,738", "8,002,463"],
      ["3-5", "3,867,692", "3,576,723", "11,654,990"],
      ["6-11", "7,808,033", "7,401,349", "22,527,176"],
      ["12-19", "9,795,497", "9,208,607", "28,381,514"],
    ];
    body.forEach((row, r) => row.forEach((text, c) => t0.push({ text, x: [64, 170, 250, 330][c]!, y: 660 - r * 14 })));
    const layout = await readPdf(buildPdf([{ texts: t0, lines }]), "sub.pdf");
    const [t] = tables(layout);
    expect(t!.rows[0]!.length).toBe(4);
    expect(texts(t!).slice(-4)).toEqual(body);
  });
});

describe("pdf reader: stream rows", () => {
  it("joins a row label wrapped around its values (values set against the label's middle)", async () => {
    const t0: TextOp[] = [
      { text: "Measure", x: 72, y: 700 },
      { text: "1997", x: 300, y: 700 },
      { text: "1998", x: 360, y: 700 },
      { text: "Median income", x: 72, y: 684 },
      { text: "49,497", x: 300, y: 684 },
      { text: "51,295", x: 360, y: 684 },
      { text: "Between-state inequality (Gini", x: 72, y: 666 },
      { text: "0.0628", x: 300, y: 661.5 },
      { text: "0.0636", x: 360, y: 661.5 },
      { text: "index)", x: 72, y: 657 },
      { text: "Premature mortality (years", x: 72, y: 639 },
      { text: "7108.3", x: 300, y: 634.5 },
      { text: "6960.6", x: 360, y: 634.5 },
      { text: "of life lost)", x: 72, y: 630 },
    ];
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "centred.pdf");
    const [t] = tables(layout);
    expect(texts(t!)).toEqual([
      ["Measure", "1997", "1998"],
      ["Median income", "49,497", "51,295"],
      ["Between-state inequality (Gini\nindex)", "0.0628", "0.0636"],
      ["Premature mortality (years\nof life lost)", "7108.3", "6960.6"],
    ]);
  });

  it("splits a row's numbers written as one text run with single spaces", async () => {
    const t0: TextOp[] = [
      { text: "Group", x: 72, y: 700 },
      { text: "Male Female", x: 200, y: 700 },
      { text: "1-2", x: 72, y: 686 },
      { text: "2,586,688 2,568,738", x: 200, y: 686 },
      { text: "3-5", x: 72, y: 672 },
      { text: "3,867,692 3,576,723", x: 200, y: 672 },
      { text: "6-11", x: 72, y: 658 },
      { text: "7,808,033 7,401,349", x: 200, y: 658 },
    ];
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "runs.pdf");
    const [t] = tables(layout);
    expect(texts(t!).slice(1).map((r) => r.slice(-2))).toEqual([
      ["2,586,688", "2,568,738"],
      ["3,867,692", "3,576,723"],
      ["7,808,033", "7,401,349"],
    ]);
  });

  it("splits runs of numbers but not a number grouped with spaces or a number with its share", () => {
    const pieces = (s: string) => numberColumns(s).map(([, text]) => text);
    expect(pieces("960 1,040 1,120")).toEqual(["960", "1,040", "1,120"]);
    expect(pieces("Total 30 33")).toEqual(["Total", "30", "33"]);
    expect(pieces("12 345 678")).toEqual(["12 345 678"]);
    expect(pieces("1168 (18.4%)")).toEqual(["1168 (18.4%)"]);
    expect(pieces("retrieved October 16, 2011, from")).toEqual(["retrieved October 16, 2011, from"]);
  });

  it("does not read a chart's axis labels as a table", async () => {
    const t0: TextOp[] = [];
    ["450", "400", "350", "300", "250", "200", "150"].forEach((text, i) => t0.push({ text, x: 72, y: 700 - i * 14 }));
    ["Jan-08", "Jul-08", "Jan-09", "Jul-09", "Jan-10"].forEach((text, i) => t0.push({ text, x: 100 + i * 60, y: 596 }));
    t0.push({ text: "Spread (bp)", x: 200, y: 714 });
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "chart.pdf");
    expect(tables(layout)).toHaveLength(0);
  });
});
