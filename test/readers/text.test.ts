import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Block, Layout, TableBlock, TextBlock } from "../../src/layout/types.js";
import { readBytes } from "../../src/readers/index.js";
import { readText } from "../../src/readers/text.js";

const REPORTS = "fixtures/reports";

const blocks = (layout: Layout): Block[] => layout.pages.flatMap((page) => page.blocks);
const tables = (layout: Layout): TableBlock[] => blocks(layout).filter((b): b is TableBlock => b.kind === "table");
const texts = (layout: Layout): TextBlock[] => blocks(layout).filter((b): b is TextBlock => b.kind !== "table");
const grid = (t: TableBlock) => t.rows.map((row) => row.map((c) => (c ? c.text : null)));
const text = (src: string) => readText(src, "t.txt", "text");
const md = (src: string) => readText(src, "t.md", "markdown");
const kinds = (layout: Layout) => blocks(layout).map((b) => (b.kind === "table" ? ["table", grid(b)] : [b.kind, b.text]));

describe("readText on the 2018 pdftotext dump", () => {
  const source = readFileSync(`${REPORTS}/mcc-2018-03-evaluative-progress-report.txt`, "utf8");
  const layout = readText(source, "mcc-2018-03-evaluative-progress-report.txt", "text");

  it("is one page with line places and no page numbers (the file has no form feeds)", () => {
    expect(layout.pages).toHaveLength(1);
    expect(layout.meta.pageCount).toBe(1);
    for (const block of blocks(layout)) {
      expect(block.place.page).toBeNull();
      expect(block.place.lines![0]).toBeLessThanOrEqual(block.place.lines![1]);
    }
  });

  it("rebuilds the summary score table from labels broken over lines and displaced numbers", () => {
    const table = tables(layout).find((t) => t.rows.some((r) => r[0]?.text === "Good Governance"))!;
    expect(table.method).toBe("text");
    expect(table.headerRows).toBe(1);
    expect(grid(table)).toEqual([
      ["", "April 17 - Sept 17", "Oct 17- March 18"],
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
      ["Preventative Approach", "3", "4"],
      ["Robust Protection", "4", "4"],
      ["Safe Services", "2", "3"],
    ]);
    expect(table.place.lines).toEqual([92, 114]);
    expect(table.rows[1]![0]!.place.lines).toEqual([98, 99]);
  });

  it("finds the numbered section headings with their lines", () => {
    expect(texts(layout)).toContainEqual({ kind: "heading", text: "1). Good Governance", place: { page: null, lines: [115, 115] } });
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "heading", text: "2). Safe Workforce:" }));
    expect(texts(layout)).toContainEqual(
      expect.objectContaining({ kind: "heading", text: "5). Safe Services – delivered through commissioning arrangements, grants, partnerships and volunteering", place: { page: null, lines: [961, 962] } }),
    );
  });

  it("rebuilds paragraphs broken mid-sentence", () => {
    const what = texts(layout).find((b) => b.text.startsWith("What does good look like? In Monmouthshire"))!;
    expect(what.kind).toBe("paragraph");
    expect(what.text).toMatch(/level\. Safeguarding is supported by policies and operating procedures which are embedded within all settings and services\.$/);
    expect(what.place.lines).toEqual([117, 123]);
    expect(texts(layout).map((b) => b.text)).toContain("Is there clarity of roles and responsibility for safeguarding?");
    expect(texts(layout).map((b) => b.text)).toContain("Within this period 1 SBAR has been closed and 1 SBAR remains open complete actions identified");
    expect(texts(layout).map((b) => b.text)).toContain("10 cases were concluded in this period with 2 cases having more than one conclusion.");
  });

  it("keeps evidence with percentages and the section score line readable", () => {
    const all = texts(layout).map((b) => b.text);
    expect(all).toContain("98.3% of referrals within Children Services meet this standard".replace(/^/, "Continuous Progress "));
    expect(all).toContain("100% staff with DBS in this time period (Employee Service).");
    expect(all).toContain("Self-Assessed Score Against Measures: 4");
  });

  it("reads bullets glued to their word as list items", () => {
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "list-item", text: "Safeguarding Assurance Framework Evaluations (SAFEs)" }));
  });
});

describe("readText on the 2015 markdown extraction", () => {
  const source = readFileSync(`${REPORTS}/mcc-2015-09-strategic-overview.md`, "utf8");
  const layout = readText(source, "mcc-2015-09-strategic-overview.md", "markdown");

  it("reads the tab-separated score table with its header rows", () => {
    const table = tables(layout).find((t) => t.rows.some((r) => r[0]?.text === "Key Priority Area"))!;
    expect(table.method).toBe("text");
    expect(table.headerRows).toBe(2);
    expect(grid(table)[1]).toEqual(["Key Priority Area", "April 2014", "Sept 2014", "April 2015", "Sept 2015"]);
    expect(grid(table)[4]).toEqual([expect.stringMatching(/^3\. Through our Audit Framework/), "3-4", "4", "4", "4"]);
    expect(table.rows.every((r) => r.length === 5)).toBe(true);
    expect(table.place).toEqual({ page: null, lines: [66, 76] });
    expect(table.rows[4]![1]!.place).toEqual({ page: null, lines: [70, 70] });
  });

  it("reads markdown headings, bold-only headings and list items", () => {
    expect(layout.meta.title).toMatch(/^Monmouthshire County Council: Strategic Overview Report/);
    expect(texts(layout)).toContainEqual({ kind: "heading", text: "INTRODUCTION", level: 3, place: { page: null, lines: [3, 3] } });
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "heading", text: "NEXT STEPS:" }));
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "list-item", text: "Implement the 2nd phase of the SAFE and analyse outcomes (implementation commenced March 2015)." }));
    const wrapped = texts(layout).find((b) => b.text.startsWith("There is a robust system in place within the authority"))!;
    expect(wrapped).toMatchObject({ kind: "list-item", place: { lines: [42, 44] } });
    expect(wrapped.text).toMatch(/concerns arising from professional allegations or organised abuse\. This ensures/);
  });

  it("reads an evaluation-table row with a <ul> cell and the area's score", () => {
    const row = tables(layout)
      .flatMap((t) => t.rows)
      .find((r) => /^5\. We will ensure that in Monmouthshire all workers/.test(r[0]?.text ?? ""))!;
    expect(row[0]!.text.split("\n")[1]).toMatch(/^The first year of our SAFE audit highlighted/);
    expect(row[row.length - 1]!.text).toBe("5");
  });
});

describe("readText patterns", () => {
  it("makes consecutive tab rows one table, pads short rows and trims empty columns", () => {
    const layout = text("Intro line.\n\nArea\tApril\tSept\t\t\nGood Governance\t4\nSafe\t3\t4\t\t\n\nAfter.");
    const [table] = tables(layout);
    expect(grid(table!)).toEqual([
      ["Area", "April", "Sept"],
      ["Good Governance", "4", ""],
      ["Safe", "3", "4"],
    ]);
    expect(table!.place).toEqual({ page: null, lines: [3, 5] });
    expect(table!.headerRows).toBe(1);
  });

  it("turns <ul><li> in a cell into lines and outside a table into list items", () => {
    const layout = md("A\t<ul> <li>one &amp; two</li> <li>three</li> </ul>\tx\n\n<ul> <li>first item</li> <li>2<sup>nd</sup> item</li> </ul>\n");
    expect(grid(tables(layout)[0]!)).toEqual([["A", "one & two\nthree", "x"]]);
    expect(texts(layout)).toEqual([
      { kind: "list-item", text: "first item", place: { page: null, lines: [3, 3] } },
      { kind: "list-item", text: "2nd item", place: { page: null, lines: [3, 3] } },
    ]);
  });

  it("decodes entities and keeps <sup> inline", () => {
    expect(texts(md("Implement 2<sup>nd</sup> phase &ndash; R&amp;D &lt;now&gt;"))[0]!.text).toBe("Implement 2nd phase – R&D <now>");
  });

  it("separates paragraphs on blank lines and joins lines broken mid-sentence", () => {
    const layout = text("First paragraph starts here \nand carries on.\n\nSecond one.\nThird stands alone");
    expect(kinds(layout)).toEqual([
      ["paragraph", "First paragraph starts here and carries on."],
      ["paragraph", "Second one."],
      ["paragraph", "Third stands alone"],
    ]);
    expect(texts(layout)[0]!.place.lines).toEqual([1, 2]);
  });

  it("keeps a cell broken over lines together but splits stacked cells", () => {
    const layout = text("Is there clarity of roles \nand responsibility for \nsafeguarding?\n\nPolicy approved by \nCouncil in July 2017\nDirectorate Leads to report\nIs there an effective \nsystem?");
    expect(texts(layout).map((b) => b.text)).toEqual([
      "Is there clarity of roles and responsibility for safeguarding?",
      "Policy approved by Council in July 2017",
      "Directorate Leads to report",
      "Is there an effective system?",
    ]);
  });

  it("keeps a label broken over two lines with its numbers", () => {
    const layout = text("Scores\n\nGood \nGovernance         4 5\nSafe \nWorkforce         3 4\n 1).  Good Governance\n");
    expect(grid(tables(layout)[0]!)).toEqual([
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
    ]);
    expect(texts(layout).at(-1)).toMatchObject({ kind: "heading", text: "1). Good Governance", place: { lines: [7, 7] } });
  });

  it("completes rows whose numbers were pushed below, and takes stacked column headers", () => {
    const layout = text("April 17 -\nSept 17\n\nOct 17-\nMarch 18\n\nRobust \nProtection         4\n\n         4\n\nSafe \nServices\n\n        2          3\n");
    expect(grid(tables(layout)[0]!)).toEqual([
      ["", "April 17 - Sept 17", "Oct 17- March 18"],
      ["Robust Protection", "4", "4"],
      ["Safe Services", "2", "3"],
    ]);
    expect(tables(layout)[0]!.place.lines).toEqual([1, 15]);
  });

  it("reads runs of lines with aligned 2+-space columns as a table", () => {
    const layout = text(
      ["Area               Apr 17   Oct 17", "Good Governance    4        5", "Safe Workforce     3        4", "                   (est.)", "", "Done."].join("\n"),
    );
    expect(grid(tables(layout)[0]!)).toEqual([
      ["Area", "Apr 17", "Oct 17"],
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3\n(est.)", "4"],
    ]);
    expect(texts(layout).map((b) => b.text)).toEqual(["Done."]);
  });

  it("reads figure columns centred under headers broken over lines (pdftotext -layout)", () => {
    const layout = text(
      [
        "Self-Assessed Score Against Measures",
        "                         April 17 -          Oct 17-",
        "                          Sept 17            March 18",
        "",
        "Good Governance              4                 5",
        "",
        "Safe Workforce               3                 4",
        "",
        "",
        "Next text.",
      ].join("\n"),
    );
    const table = tables(layout)[0]!;
    expect(grid(table)).toEqual([
      ["", "April 17 -\nSept 17", "Oct 17-\nMarch 18"],
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
    ]);
    expect(table.headerRows).toBe(1);
    expect(table.place.lines).toEqual([2, 7]);
    expect(table.rows[0]![1]!.place.lines).toEqual([2, 3]);
    expect(texts(layout).map((b) => b.text)).toEqual(["Self-Assessed Score Against Measures", "Next text."]);
  });

  it("reads wrapped row labels around their centred figures, and a spanning title over the columns", () => {
    const layout = text(
      [
        "                                          POINT OF EVALUATION",
        "",
        "      Key Priority Area               April 2014   Sept 2014   April 2015",
        "",
        "1. Everyone knows safeguarding is     ",
        "                                          N/A          4           5",
        "their responsibility",
        "",
        "2. The policy is embedded                 3-4          4           4",
      ].join("\n"),
    );
    const table = tables(layout)[0]!;
    expect(table.headerRows).toBe(2);
    expect(grid(table)).toEqual([
      ["", "POINT OF EVALUATION", null, ""],
      ["Key Priority Area", "April 2014", "Sept 2014", "April 2015"],
      ["1. Everyone knows safeguarding is\ntheir responsibility", "N/A", "4", "5"],
      ["2. The policy is embedded", "3-4", "4", "4"],
    ]);
    expect(table.rows[0]![1]!.colspan).toBe(2);
    expect(table.rows[2]![0]!.place.lines).toEqual([5, 7]);
  });

  it("reads text columns under a header row by their gutters (pdftotext -layout)", () => {
    const layout = text(
      [
        "1). Good Governance",
        "          Standard                      Evidence             RAG Rate      Further Actions",
        "",
        "Strengthen links between the      Strong involvement in all                 Clear pathways of",
        "national and regional Boards.     areas of the Boards                       implementation",
        "",
        "Implementation of training plan Training database developed              \uf0b7   Review the number",
        "for all staff                   Reporting appears problematic            \uf0b7   Report to WASG",
        "",
        "",
        "2). Safe Workforce",
      ].join("\n"),
    );
    const table = tables(layout)[0]!;
    expect(table.headerRows).toBe(1);
    expect(grid(table)).toEqual([
      ["Standard", "Evidence", "RAG Rate", "Further Actions"],
      ["Strengthen links between the\nnational and regional Boards.", "Strong involvement in all\nareas of the Boards", "", "Clear pathways of\nimplementation"],
      ["Implementation of training plan\nfor all staff", "Training database developed\nReporting appears problematic", "", "\uf0b7 Review the number\n\uf0b7 Report to WASG"],
    ]);
    expect(table.place.lines).toEqual([2, 8]);
    expect(texts(layout).map((b) => b.text)).toEqual(["1). Good Governance", "2). Safe Workforce"]);
  });

  it("ends a text-column table at prose written across its gutters", () => {
    const layout = text(
      [
        "Question             Progress            Evidence",
        "",
        "Is there a policy?   Approved in July    The policy was approved",
        "                                         by Council.",
        "",
        "This paragraph of prose runs right across the page and all of the columns above it.",
      ].join("\n"),
    );
    expect(grid(tables(layout)[0]!)).toEqual([
      ["Question", "Progress", "Evidence"],
      ["Is there a policy?", "Approved in July", "The policy was approved\nby Council."],
    ]);
    expect(texts(layout).map((b) => b.text)).toEqual(["This paragraph of prose runs right across the page and all of the columns above it."]);
  });

  it("does not make figure columns of prose or of one figure per line", () => {
    const layout = text(["Self-Assessed Score Against Measures:        5", "", "We trained 12 staff in 2017 and 14 in 2018.", "", "Total      4", "Other      5"].join("\n"));
    expect(tables(layout).every((t) => t.rows[0]!.length <= 2)).toBe(true);
    expect(texts(layout)[0]!.text).toBe("Self-Assessed Score Against Measures: 5");
  });

  it("does not make a table of a single label/value line", () => {
    expect(kinds(text("No. Escalating Concerns  -\ninitiated/closed   0\n"))).toEqual([["paragraph", "No. Escalating Concerns - initiated/closed 0"]]);
  });

  it("numbers pages from form feeds", () => {
    const layout = text("Page one text.\n\fPage two heading\n\nMore on two.\n\fThird.\n\f");
    expect(layout.meta.pageCount).toBe(3);
    expect(layout.pages.map((p) => p.blocks.map((b) => (b as TextBlock).text))).toEqual([["Page one text."], ["Page two heading", "More on two."], ["Third."]]);
    expect(layout.pages[1]!.blocks[1]!.place).toEqual({ page: 2, lines: [4, 4] });
  });

  it("reads markdown lists with indented continuation and numbered items", () => {
    const layout = md("# Title\n\n- first item\n  continues here\n* second\n1. third\n\n**Next steps**\n\nplain para\nsame para");
    expect(kinds(layout)).toEqual([
      ["heading", "Title"],
      ["list-item", "first item continues here"],
      ["list-item", "second"],
      ["list-item", "third"],
      ["heading", "Next steps"],
      ["paragraph", "plain para same para"],
    ]);
  });

  it("is reached through readBytes for .txt and .md (UTF-8 BOM stripped)", async () => {
    const layout = await readBytes(new TextEncoder().encode("\uFEFF# Hello\n"), "x.md");
    expect(layout.format).toBe("markdown");
    expect(texts(layout)[0]).toMatchObject({ kind: "heading", text: "Hello", level: 1 });
  });
});
