import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { makeLine } from "../../src/readers/pdf/lines.js";
import { numberColumns, type Fragment } from "../../src/readers/pdf/text-items.js";
import { buildPdf, wrapText, type LineOp, type TextOp } from "../helpers/pdf-builder.js";

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

  it("keeps a ruled band of wrapped prose in narrow columns as one row", async () => {
    // Header band and one body band, eight narrow ruled columns; every body cell holds a few
    // lines of wrapped sentences, set on shared baselines, with a score in the last column.
    const xs = [40, 110, 180, 250, 320, 390, 460, 530, 560];
    const size = 8;
    const lines: LineOp[] = [
      ...[780, 750, 420].map((y) => ({ x0: xs[0]!, y0: y, x1: xs[xs.length - 1]!, y1: y })),
      ...xs.map((x) => ({ x0: x, y0: 780, x1: x, y1: 420 })),
    ];
    const heads = ["Goal", "Done", "Difference", "Evidence", "Should", "Next", "Risks", "Score"];
    // Each cell: paragraphs of prose (new sentences, names and acronyms start some lines).
    const cells = [
      [
        "1. In Monmouthshire we will ensure that safeguarding children and young people is understood as everyone's responsibility across all directorates. We want this to be culturally embedded within the authority at a hearts and minds level.",
        "Previously the concept of safeguarding was not well understood across the whole authority (Estyn and WAO). CSSIW has highlighted the need for increased line of sight in child protection services.",
      ],
      ["Whole Authority Safeguarding is embedded and provides a framework for evaluation and challenge across directorates.", "Level 1 training for Cabinet Members has been implemented."],
      ["There is active engagement with safeguarding across every directorate.", "Leaders and Elected Members are knowledgeable and enabled to provide oversight and challenge."],
      ["Returned safeguarding audits and action plans.", "Safe Recruitment work through People's Services.", "Evidence from WAO: when questioned 76% of staff understood it."],
      ["This widening of safeguarding, together with the opportunity for internal challenge, keeps children in Monmouthshire safer."],
      ["Increase clarity in roles and responsibilities for all directorates.", "See also Children's Services SIP response to Rec 10 CSSIW."],
      ["Competing agendas and differing priorities can affect how much time is given to child protection."],
      ["5"],
    ];
    const t0: TextOp[] = heads.map((text, c) => ({ text, x: xs[c]! + 3, y: 762, size, bold: true }));
    cells.forEach((paras, c) => {
      const width = xs[c + 1]! - xs[c]! - 6;
      let y = 740;
      for (const para of paras) {
        for (const line of wrapText(para, width, size)) {
          t0.push({ text: line, x: xs[c]! + 3, y, size });
          y -= 10;
        }
        y -= 4; // space after a paragraph
      }
    });
    const layout = await readPdf(buildPdf([{ texts: t0, lines }]), "prose-band.pdf");
    const [t] = tables(layout);
    expect(t?.method).toBe("lattice");
    expect(t!.rows).toHaveLength(2);
    expect(t!.rows[0]!.map((c) => c?.text)).toEqual(heads);
    const body = t!.rows[1]!.map((c) => (c?.text ?? "").replace(/\s+/g, " "));
    expect(body).toEqual(cells.map((paras) => paras.join(" ")));
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

describe("pdf reader: typewritten (monospaced) tables", () => {
  // Courier 10 pt: every character, the space included, is 6 pt wide.
  const mono = (text: string, col: number, y: number): TextOp => ({ text, x: 72 + col * 6, y, size: 10, mono: true });

  it("reads columns set with single spaces, dot leaders and a dashed rule, without the caption", async () => {
    const t0: TextOp[] = [
      mono("Table 1. Recommended sample sizes, by design effect", 0, 720),
      // "Proportion" and "design effect" are words one space apart: one phrase each.
      mono("Proportion", 0, 696),
      mono("1.0", 20, 696),
      mono("1.1", 24, 696),
      mono("1.2", 28, 696),
      mono("-----------------------------------", 0, 684),
    ];
    const body = [
      ["0.99", "8.0", "8.8", "9.6"],
      ["0.95", "1.6", "1.7", "1.9"],
      ["0.90", "0.8", "0.9", "1.0"],
      ["0.85", "0.5", "0.6", "0.6"],
    ];
    body.forEach(([label, ...values], r) => {
      const y = 672 - r * 12;
      // The leader is its own text item, two spaces after the label.
      t0.push(mono(label!, 0, y), mono("........", 6, y));
      // Values right-aligned in three-character columns, one space apart.
      values.forEach((v, c) => t0.push(mono(v, 20 + c * 4 + (3 - v.length), y)));
    });
    t0.push(mono("all ages", 0, 624), mono("0.3", 20, 624), mono("0.3", 24, 624), mono("0.4", 28, 624));
    const layout = await readPdf(buildPdf([{ texts: t0 }]), "mono.pdf");
    const [t, ...rest] = tables(layout);
    expect(rest).toHaveLength(0);
    expect(texts(t!)).toEqual([["Proportion", "1.0", "1.1", "1.2"], ...body, ["all ages", "0.3", "0.3", "0.4"]]);
    const paras = layout.pages[0]!.blocks.filter((b) => b.kind !== "table").map((b) => (b as { text: string }).text);
    expect(paras).toEqual(["Table 1. Recommended sample sizes, by design effect"]);
  });

  it("chunks separate text items by type: one monospaced space joins words, numbers stay apart", () => {
    // Items as a typewriter-style producer writes them: each word or value its own item.
    const frag = (text: string, x0: number, advance: number): Fragment => ({ text, x0, x1: x0 + text.length * advance, y0: 692, y1: 702, baseline: 700, size: 10, bold: false, rotated: false });
    // Courier: advance 6 pt = one space (measured a little wider); "by design effect" is one phrase.
    expect(makeLine([frag("by", 72, 6), frag("design effect", 90.3, 6), frag("Total", 200, 6)]).chunks.map((c) => c.text)).toEqual(["by design effect", "Total"]);
    // Two values one space apart are two cells, unless the second continues digit groups.
    expect(makeLine([frag("960", 72, 6), frag("1,040", 96, 6)]).chunks.map((c) => c.text)).toEqual(["960", "1,040"]);
    expect(makeLine([frag("12", 72, 6), frag("345", 90, 6)]).chunks.map((c) => c.text)).toEqual(["12 345"]);
  });

  it("starts a new table where the header row repeats, though the columns move", async () => {
    const t0: TextOp[] = [];
    const block = (top: number, first: number, heads: string[], rows: string[][]) => {
      t0.push(mono("Proportion", 0, top));
      heads.forEach((h, c) => t0.push(mono(h, first + c * 6, top)));
      rows.forEach((row, r) => {
        t0.push(mono(row[0]!, 0, top - 12 * (r + 1)));
        row.slice(1).forEach((v, c) => t0.push(mono(v, first + c * 6 + (3 - v.length), top - 12 * (r + 1))));
      });
    };
    const a = [
      ["0.99", "800", "880", "960"],
      ["0.95", "160", "176", "192"],
      ["0.90", "80", "88", "96"],
      ["0.85", "53", "59", "64"],
    ];
    const b = [
      ["0.99", "1,360", "1,440", "1,520"],
      ["0.95", "272", "288", "304"],
      ["0.90", "136", "144", "152"],
    ];
    block(720, 20, ["1.0", "1.1", "1.2"], a);
    block(720 - 12 * 6, 17, ["1.7", "1.8", "1.9"], b.map(([l, ...v]) => [l!, ...v.map((x) => x.padStart(5))]));
    const layout = await readPdf(buildPdf([{ texts: t0.map((t) => ({ ...t, text: t.text.trim() || t.text })) }]), "stacked.pdf");
    const all = tables(layout);
    expect(all).toHaveLength(2);
    expect(texts(all[0]!)).toEqual([["Proportion", "1.0", "1.1", "1.2"], ...a]);
    expect(texts(all[1]!)).toEqual([["Proportion", "1.7", "1.8", "1.9"], ...b]);
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
