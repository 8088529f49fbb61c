import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { tablesContract } from "../../src/readers/pdf/contract.js";
import { buildPdf, gridTable, type LineOp, type TextOp } from "../helpers/pdf-builder.js";

function tables(layout: Layout): TableBlock[] {
  return layout.pages.flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === "table"));
}

function texts(t: TableBlock): string[][] {
  return t.rows.map((r) => r.map((c) => (c ? c.text : null) as string));
}

function paragraphs(layout: Layout): string[] {
  return layout.pages.flatMap((p) => p.blocks.flatMap((b) => (b.kind === "table" ? [] : [b.text])));
}

describe("pdf reader: lattice tables", () => {
  it("reads a ruled grid, with a header row, and keeps its text out of the paragraphs", async () => {
    const grid = gridTable({
      x: 72,
      top: 700,
      colWidths: [160, 90, 90],
      rowHeight: 20,
      rows: [
        ["Area", "2017", "2018"],
        ["Good Governance", "4", "5"],
        ["Safe Workforce", "3", "4"],
      ],
    });
    grid.texts.forEach((t, i) => i < 3 && (t.bold = true));
    const pdf = buildPdf([{ texts: [{ text: "Scores by area", x: 72, y: 730, size: 14, bold: true }, ...grid.texts], lines: grid.lines }]);
    const layout = await readPdf(pdf, "grid.pdf");
    const [t] = tables(layout);
    expect(t?.method).toBe("lattice");
    expect(texts(t!)).toEqual([
      ["Area", "2017", "2018"],
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
    ]);
    expect(t?.headerRows).toBe(1);
    expect(paragraphs(layout).join(" ")).not.toContain("Governance");
    expect(layout.pages[0]!.blocks[0]).toMatchObject({ kind: "heading", text: "Scores by area" });
    expect(t?.place.page).toBe(1);
    expect(t?.place.bbox?.[1]).toBeCloseTo(842 - 700, 0);
  });

  it("joins a wrapped cell's lines with a newline", async () => {
    const grid = gridTable({ x: 72, top: 700, colWidths: [200, 80], rowHeight: 34, rows: [["Question", "Score"], ["", "3"]] });
    const extra: TextOp[] = [
      { text: "Is there a strategic", x: 76, y: 700 - 34 - 13 },
      { text: "steer for safeguarding?", x: 76, y: 700 - 34 - 25 },
    ];
    const layout = await readPdf(buildPdf([{ texts: [...grid.texts, ...extra], lines: grid.lines }]), "wrap.pdf");
    const [t] = tables(layout);
    expect(texts(t!)).toEqual([
      ["Question", "Score"],
      ["Is there a strategic\nsteer for safeguarding?", "3"],
    ]);
  });

  it("makes one spanning cell where a border is missing, with null at covered positions", async () => {
    // Header "POINT OF EVALUATION" spans columns 1-2: no vertical rule between them in row 0.
    const xs = [72, 200, 280, 360];
    const ys = [700, 680, 660, 640];
    const lines: LineOp[] = [
      ...ys.map((y) => ({ x0: 72, y0: y, x1: 360, y1: y })),
      { x0: 72, y0: 700, x1: 72, y1: 640 },
      { x0: 200, y0: 700, x1: 200, y1: 640 },
      { x0: 280, y0: 680, x1: 280, y1: 640 },
      { x0: 360, y0: 700, x1: 360, y1: 640 },
    ];
    const t0: TextOp[] = [
      { text: "POINT OF EVALUATION", x: 204, y: 687, bold: true },
      { text: "Area", x: 76, y: 667, bold: true },
      { text: "April 2014", x: 204, y: 667, bold: true },
      { text: "Sept 2014", x: 284, y: 667, bold: true },
      { text: "Policy", x: 76, y: 647 },
      { text: "4", x: 204, y: 647 },
      { text: "5", x: 284, y: 647 },
    ];
    void xs;
    const layout = await readPdf(buildPdf([{ texts: t0, lines }]), "span.pdf");
    const [t] = tables(layout);
    expect(t!.rows[0]![1]).toMatchObject({ text: "POINT OF EVALUATION", colspan: 2, rowspan: 1 });
    expect(t!.rows[0]![2]).toBeNull();
    expect(texts(t!)[2]).toEqual(["Policy", "4", "5"]);
    expect(t!.headerRows).toBe(2);
    expect(tablesContract(layout).tables[0]!.rows[0]).toEqual(["", { text: "POINT OF EVALUATION", rowspan: 1, colspan: 2 }, null]);
  });

  it("treats thin filled rectangles as rules and ignores a shaded background", async () => {
    const layout = await readPdf(
      buildPdf([
        {
          rects: [
            { x: 72, y: 700, w: 200, h: 0.6, grey: 0 },
            { x: 72, y: 680, w: 200, h: 0.6, grey: 0 },
            { x: 72, y: 660, w: 200, h: 0.6, grey: 0 },
            { x: 72, y: 660, w: 0.6, h: 40.6, grey: 0 },
            { x: 172, y: 660, w: 0.6, h: 40.6, grey: 0 },
            { x: 272, y: 660, w: 0.6, h: 40.6, grey: 0 },
            { x: 72.3, y: 680.3, w: 199.7, h: 19.7, grey: 0.85 },
          ],
          texts: [
            { text: "Name", x: 76, y: 687 },
            { text: "Value", x: 176, y: 687 },
            { text: "Alpha", x: 76, y: 667 },
            { text: "12", x: 176, y: 667 },
          ],
        },
      ]),
      "thin.pdf",
    );
    const [t] = tables(layout);
    expect(texts(t!)).toEqual([
      ["Name", "Value"],
      ["Alpha", "12"],
    ]);
    expect(t!.headerRows).toBe(1);
  });

  it("merges a table continued on the next page with a repeated header", async () => {
    const header = ["Standard", "Evidence", "RAG"];
    const p1 = gridTable({ x: 72, top: 140, colWidths: [150, 150, 60], rowHeight: 20, rows: [header, ["First standard", "Some evidence", ""], ["Second standard", "More evidence", ""]] });
    const p2 = gridTable({ x: 72, top: 780, colWidths: [150, 150, 60], rowHeight: 20, rows: [header, ["Third standard", "Evidence three", "Green"]] });
    for (const g of [p1, p2]) g.texts.slice(0, 3).forEach((t) => (t.bold = true));
    const pdf = buildPdf([
      { texts: [{ text: "Action plan", x: 72, y: 170, size: 14, bold: true }, ...p1.texts, { text: "1", x: 297, y: 30 }], lines: p1.lines },
      { texts: [...p2.texts, { text: "After the table.", x: 72, y: 700 }, { text: "2", x: 297, y: 30 }], lines: p2.lines },
    ]);
    const layout = await readPdf(pdf, "two-pages.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(1);
    expect(all[0]!.pages).toEqual([1, 2]);
    expect(texts(all[0]!).map((r) => r[0])).toEqual(["Standard", "First standard", "Second standard", "Third standard"]);
    expect(all[0]!.rows[3]![0]!.place.page).toBe(2);
    expect(layout.meta.pageCount).toBe(2);
    expect(tablesContract(layout, 2).tables).toHaveLength(1);
  });
});

describe("pdf reader: a ruled table cut by a page break", () => {
  // A header row closed by a rule, column rules running on to the foot of the page, and no
  // rule under the row that carries on overleaf (browsers and Word print long rows so).
  const xs = [72, 182, 292, 402, 462];
  const openPage = (top: number, bottom: number, header: string[], body: TextOp[], closeAt?: number): { texts: TextOp[]; lines: LineOp[] } => ({
    texts: [...header.map((text, i) => ({ text, x: xs[i]! + 4, y: top - 14, bold: true })), ...body],
    lines: [
      { x0: xs[0]!, y0: top, x1: xs[4]!, y1: top },
      { x0: xs[0]!, y0: top - 20, x1: xs[4]!, y1: top - 20 },
      ...xs.map((x) => ({ x0: x, y0: top, x1: x, y1: closeAt ?? bottom })),
      ...(closeAt === undefined ? [] : [{ x0: xs[0]!, y0: closeAt, x1: xs[4]!, y1: closeAt }]),
    ],
  });
  const header = ["Where we want to be", "What we have done", "Future actions", "Score"];

  it("reads the open row under the header as the table's body, and joins it with its rest overleaf", async () => {
    const p1 = openPage(300, 60, header, [
      { text: "1. Safeguarding is everyone's", x: 76, y: 266 },
      { text: "responsibility", x: 76, y: 254 },
      { text: "Audits returned", x: 186, y: 266 },
      { text: "Increase clarity in roles", x: 296, y: 266 },
      { text: "5", x: 430, y: 266 },
    ]);
    const p2 = openPage(780, 0, header, [
      { text: "across the authority.", x: 76, y: 746 },
      { text: "Implement staff survey.", x: 296, y: 746 },
      { text: "2. The policy is embedded", x: 76, y: 716 },
      { text: "4", x: 430, y: 716 },
    ], 700);
    p2.lines.push({ x0: xs[0]!, y0: 730, x1: xs[4]!, y1: 730 }); // the continued row ends; row 2 begins
    const layout = await readPdf(buildPdf([p1, p2]), "cut.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(1);
    expect(all[0]!.method).toBe("lattice");
    expect(all[0]!.pages).toEqual([1, 2]);
    expect(texts(all[0]!)).toEqual([
      header,
      ["1. Safeguarding is everyone's\nresponsibility\nacross the authority.", "Audits returned", "Increase clarity in roles\nImplement staff survey.", "5"],
      ["2. The policy is embedded", "", "", "4"],
    ]);
  });
});

describe("pdf reader: a borderless score table over two pages", () => {
  // Statements wrap in the stub column, figures sit on a statement's first line; the next page
  // repeats the title line and the header, and its stub column ends further left.
  const header = (y: number, valueX: number[]): TextOp[] => [
    { text: "POINT OF EVALUATION", x: 300, y: y + 18, bold: true },
    { text: "Key Priority Area", x: 72, y, bold: true },
    ...["April 2014", "Sept 2014"].map((text, i) => ({ text, x: valueX[i]!, y, bold: true })),
  ];
  const row = (y: number, lines: string[], values: string[], valueX: number[]): TextOp[] => [
    ...lines.map((text, i) => ({ text, x: 72, y: y - i * 12 })),
    ...values.map((text, i) => ({ text, x: valueX[i]! + 12, y })),
  ];
  const valueX = [330, 420];

  it("keeps a statement wrapped over five lines in its row, and joins the rest of the table overleaf", async () => {
    const p1: TextOp[] = [
      { text: "The scores the group agreed for each priority area.", x: 72, y: 760 },
      ...header(700, valueX),
      ...row(680, ["1. Safeguarding is everyone's responsibility"], ["N/A", "4"], valueX),
      ...row(656, ["2. We are well informed about the issues", "that compromise the safety of children", "and can show how we respond to them", "and how we reduce the areas of need", "across the whole authority."], ["3", "3"], valueX),
      ...row(584, ["3. Our practice is the best we can make it"], ["3", "4"], valueX),
    ];
    const p2: TextOp[] = [
      ...header(760, valueX),
      ...row(740, ["4. Children are at the heart of our work"], ["3", "4"], valueX),
      { text: "The Corporate Evaluation Framework", x: 72, y: 700, size: 14, bold: true },
    ];
    const layout = await readPdf(buildPdf([{ texts: p1 }, { texts: p2 }]), "overview.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(1);
    expect(all[0]!.pages).toEqual([1, 2]);
    expect(texts(all[0]!).map((r) => [r[0]!.split("\n")[0], ...r.slice(1)])).toEqual([
      ["Key Priority Area", "April 2014", "Sept 2014"],
      ["1. Safeguarding is everyone's responsibility", "N/A", "4"],
      ["2. We are well informed about the issues", "3", "3"],
      ["3. Our practice is the best we can make it", "3", "4"],
      ["4. Children are at the heart of our work", "3", "4"],
    ]);
    expect(texts(all[0]!)[2]![0]).toContain("across the whole authority.");
    // The title over the header is printed on both pages, outside the table.
    expect(paragraphs(layout)).toEqual(["The scores the group agreed for each priority area.", "POINT OF EVALUATION", "POINT OF EVALUATION", "The Corporate Evaluation Framework"]);
  });
});

describe("pdf reader: stream tables", () => {
  it("finds a borderless table from column alignment, and keeps paragraphs around it", async () => {
    const rows = [
      ["Area", "April 2014", "Sept 2014"],
      ["Governance", "4", "5"],
      ["Workforce", "3", "4"],
      ["Protection", "2", "3"],
    ];
    const texts0: TextOp[] = [{ text: "The scores agreed by the group are set out below for each area.", x: 72, y: 720 }];
    rows.forEach((row, r) => row.forEach((text, c) => texts0.push({ text, x: [72, 250, 350][c]!, y: 690 - r * 16, bold: r === 0 })));
    texts0.push({ text: "Scores improved in most areas over the year.", x: 72, y: 610 });
    const layout = await readPdf(buildPdf([{ texts: texts0 }]), "stream.pdf");
    const [t] = tables(layout);
    expect(t?.method).toBe("stream");
    expect(texts(t!)).toEqual(rows);
    expect(t!.headerRows).toBe(1);
    expect(paragraphs(layout)).toEqual([
      "The scores agreed by the group are set out below for each area.",
      "Scores improved in most areas over the year.",
    ]);
  });

  it("merges a wrapped row label into its row", async () => {
    const t0: TextOp[] = [
      { text: "Category", x: 72, y: 700 },
      { text: "2005", x: 250, y: 700 },
      { text: "2010", x: 330, y: 700 },
      { text: "Total of all", x: 72, y: 684 },
      { text: "12", x: 250, y: 684 },
      { text: "13", x: 330, y: 684 },
      { text: "manufacturing", x: 72, y: 673 },
      { text: "Services", x: 72, y: 657 },
      { text: "7", x: 250, y: 657 },
      { text: "8", x: 330, y: 657 },
    ];
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "wrapped.pdf");
    const [t] = tables(layout);
    expect(texts(t!)).toEqual([
      ["Category", "2005", "2010"],
      ["Total of all\nmanufacturing", "12", "13"],
      ["Services", "7", "8"],
    ]);
  });

  it("does not mistake a bulleted list for a table", async () => {
    const t0: TextOp[] = [
      { text: "\u0095", x: 72, y: 700 },
      { text: "First point about safeguarding practice", x: 100, y: 700 },
      { text: "\u0095", x: 72, y: 686 },
      { text: "Second point about safeguarding practice", x: 100, y: 686 },
      { text: "\u0095", x: 72, y: 672 },
      { text: "Third point about safeguarding practice", x: 100, y: 672 },
    ];
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "list.pdf");
    expect(tables(layout)).toHaveLength(0);
    const items = layout.pages[0]!.blocks.filter((b) => b.kind === "list-item");
    expect(items).toHaveLength(3);
  });
});
