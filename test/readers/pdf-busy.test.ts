/**
 * Borderless tables among other aligned text: lists and numbered headings set with a hanging
 * indent are not tables, and a group label between rows set in the same columns keeps one table.
 */
import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { buildPdf, type LineOp, type TextOp } from "../helpers/pdf-builder.js";

function tables(layout: Layout): TableBlock[] {
  return layout.pages.flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === "table"));
}

function texts(t: TableBlock): string[][] {
  return t.rows.map((r) => r.map((c) => (c ? c.text : "")));
}

function grid(x: number, top: number, rows: string[][], colX: number[], step = 14): TextOp[] {
  return rows.flatMap((row, r) => row.map((text, c) => ({ text, x: x + colX[c]!, y: top - r * step })).filter((t) => t.text));
}

describe("pdf reader: aligned text that is not a table", () => {
  it("reads a bulleted list with a hanging indent as text (a symbol-font bullet, '»')", async () => {
    const items = ["Assisting in marketing of services", "Furnishing financial statements", "Contributing accounting advice"];
    const pdf = buildPdf([{ texts: items.flatMap((text, i) => [{ text: "\u00bb", x: 80, y: 700 - i * 14 }, { text, x: 110, y: 700 - i * 14 }]) }]);
    expect(tables(await readPdf(pdf, "bullets.pdf"))).toHaveLength(0);
  });

  it("reads numbered headings (6.2., 6.2.1.) as text", async () => {
    const heads = [
      ["6.2.", "Preservice training"],
      ["6.2.1.", "Core subject teaching"],
      ["6.2.2.", "Practice in schools"],
    ];
    const pdf = buildPdf([{ texts: grid(72, 700, heads, [0, 60], 18) }]);
    expect(tables(await readPdf(pdf, "outline.pdf"))).toHaveLength(0);
  });
});

describe("pdf reader: group labels", () => {
  it("keeps rows under two group labels ('Male', 'Female') in one table with the labels as rows", async () => {
    const colX = [0, 80, 150, 220];
    const head = [["Dose", "Number", "Weight", "Change"]];
    const body = [
      ["0", "39", "5.8", "100"],
      ["250", "30", "5.9", "102"],
      ["500", "33", "6.0", "103"],
    ];
    const female = [
      ["0", "23", "5.4", "100"],
      ["250", "34", "5.6", "104"],
      ["500", "32", "5.4", "100"],
    ];
    const texts0: TextOp[] = [
      ...grid(72, 700, head, colX),
      { text: "Male", x: 72, y: 678 },
      ...grid(72, 660, body, colX, 10),
      { text: "Female", x: 72, y: 610 },
      ...grid(72, 592, female, colX, 10),
    ];
    const [t, ...more] = tables(await readPdf(buildPdf([{ texts: texts0 }]), "groups.pdf"));
    expect(more).toHaveLength(0);
    expect(texts(t!)).toEqual([...head, ["Male", "", "", ""], ...body, ["Female", "", "", ""], ...female]);
  });
});

describe("pdf reader: ruled tables with double rules", () => {
  it("folds the narrow slivers between double column rules into the columns, wherever a value starts", async () => {
    // Columns at 72 | 250 | 340 | 430, each inner rule doubled 10 pt to the right.
    const xs = [72, 250, 340, 430];
    const rows = [
      ["How often do you feel this way?", "Never", "Often"],
      ["Left out of things", "27.9%", "19.9%"],
      ["Helpless", "25.5%", "24.4%"],
      ["Attempted suicide", "7%", "1%"],
    ];
    const lines: LineOp[] = [];
    rows.forEach((_, r) => lines.push({ x0: 72, y0: 700 - r * 20, x1: 430, y1: 700 - r * 20 }));
    lines.push({ x0: 72, y0: 620, x1: 430, y1: 620 });
    for (const x of xs) lines.push({ x0: x, y0: 700, x1: x, y1: 620 });
    for (const x of xs.slice(1, -1)) lines.push({ x0: x + 10, y0: 700, x1: x + 10, y1: 620 });
    const texts0: TextOp[] = rows.flatMap((row, r) =>
      row.map((text, c) => ({
        text,
        // The last row's values start inside the sliver, over the double rule.
        x: c === 0 ? 76 : r === rows.length - 1 ? xs[c]! + 1 : xs[c]! + 14,
        y: 700 - r * 20 - 14,
      })),
    );
    const [t] = tables(await readPdf(buildPdf([{ texts: texts0, lines }]), "double.pdf"));
    expect(texts(t!)).toEqual(rows);
  });
});
