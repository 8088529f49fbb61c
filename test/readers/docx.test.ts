import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Block, Cell, Layout, TableBlock, TextBlock } from "../../src/layout/types.js";
import { DOCX_MAX_UNCOMPRESSED_BYTES, mammothMessages, readDocx } from "../../src/readers/docx.js";
import { ReaderError, readBytes } from "../../src/readers/index.js";
import { buildDocx, coreXml, p, pageBreakParagraph, tbl, tc, tr, withDeclaredSize } from "../helpers/docx-build.js";

const REPORTS = "fixtures/reports";

function blocks(layout: Layout): Block[] {
  return layout.pages.flatMap((page) => page.blocks);
}
function tables(layout: Layout): TableBlock[] {
  return blocks(layout).filter((b): b is TableBlock => b.kind === "table");
}
function texts(layout: Layout): TextBlock[] {
  return blocks(layout).filter((b): b is TextBlock => b.kind !== "table");
}
const grid = (t: TableBlock) => t.rows.map((row) => row.map((c) => (c ? c.text : null)));
const findTable = (layout: Layout, firstCell: RegExp) =>
  tables(layout).find((t) => t.rows.some((row) => firstCell.test(row[0]?.text ?? "")));

async function expectReaderError(promise: Promise<unknown>, reason: string, message?: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReaderError);
  expect((error as ReaderError).reason).toBe(reason);
  if (message) expect((error as ReaderError).message).toMatch(message);
}

describe("readDocx on the 2018 evaluative progress report", () => {
  let layout: Layout;
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(`${REPORTS}/mcc-2018-03-evaluative-progress-report.docx`));
    layout = await readDocx(bytes, "mcc-2018-03-evaluative-progress-report.docx");
  });

  it("reads the summary score table as a grid with its period header", () => {
    const table = tables(layout).find((t) => t.rows[1]?.[0]?.text === "Good Governance")!;
    expect(table.method).toBe("markup");
    expect(table.headerRows).toBe(1);
    expect(grid(table)).toEqual([
      ["", "April 17 -\nSept 17", "Oct 17-\nMarch 18"],
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
      ["Preventative Approach", "3", "4"],
      ["Robust Protection", "4", "4"],
      ["Safe Services", "2", "3"],
    ]);
  });

  it("keeps headings with their level and list items", () => {
    const heading = texts(layout).find((b) => b.text === "1). Good Governance");
    expect(heading).toMatchObject({ kind: "heading", level: 2 });
    expect(texts(layout)).toContainEqual(
      expect.objectContaining({ kind: "list-item", text: expect.stringMatching(/^All concerns about possible abuse or neglect/) }),
    );
  });

  it("joins multi-paragraph cells with newlines in evidence tables", () => {
    const evidence = tables(layout).find((t) => t.rows.some((r) => /^Are referrals or concerns assessed/.test(r[0]?.text ?? "")))!;
    const row = evidence.rows.find((r) => /^Are referrals/.test(r[0]?.text ?? ""))!;
    expect(row.map((c) => c?.text)).toEqual([
      expect.stringMatching(/within 24 hours of referral to children’s social services\?$/),
      "Continuous Progress",
      "98.3% of referrals within Children Services meet this standard",
    ]);
    const safeWorkforce = tables(layout).find((t) => /^Is the workforce safely recruited/.test(t.rows[1]?.[0]?.text ?? ""))!;
    expect(safeWorkforce.rows[1]![2]!.text.split("\n")).toContain("100% staff with DBS in this time period (Employee Service).");
  });

  it("writes a spanning cell once with null in the positions it covers", () => {
    const figure = findTable(layout, /^Safe Services$/)!;
    expect(figure.rows[2]![0]).toMatchObject({ text: "Good Governance", colspan: 2, rowspan: 1 });
    expect(figure.rows[2]![1]).toBeNull();
  });

  it("numbers pages from the document's page breaks and reports how", () => {
    expect(layout.meta.title).toBe("Evaluative Progress Report October 17 – March 2018");
    expect(layout.meta.pageCount).toBe(layout.pages.length);
    expect(layout.pages.length).toBeGreaterThan(1);
    const first = texts(layout)[0]!;
    expect(first.place.page).toBe(1);
    const appendix = texts(layout).find((b) => /^Appendix 3 WASG Action Plan/.test(b.text))!;
    expect(appendix.place.page).toBe(layout.pages.length);
    for (const page of layout.pages) for (const block of page.blocks) expect(block.place.page).toBe(page.number);
    expect(layout.messages).toContainEqual(expect.objectContaining({ source: "reader:docx", level: "info", text: expect.stringMatching(/explicit page/) }));
  });

  it("keeps mammoth's style notices as one info message naming the styles", () => {
    const notices = layout.messages.filter((m) => m.source === "reader:docx" && /styles without a mapping/.test(m.text));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ level: "info", text: expect.stringMatching(/^formatting of styles without a mapping was not kept \(the text was\): paragraph '[^']+'(, '[^']+')*/) });
    expect(layout.messages.filter((m) => /Unrecognised/.test(m.text))).toEqual([]);
  });

  it("turns any other mammoth message into a warning, once", () => {
    const raw = [
      { type: "warning", message: "Unrecognised paragraph style: 'Body Text' (Style ID: TextBody)" },
      { type: "warning", message: "Unrecognised run style: 'Strong' (Style ID: Strong)" },
      { type: "warning", message: "Unrecognised paragraph style: 'Body Text' (Style ID: TextBody)" },
      { type: "warning", message: "An unrecognised element was ignored: w:customXml" },
      { type: "warning", message: "An unrecognised element was ignored: w:customXml" },
    ];
    expect(mammothMessages(raw).map((m) => [m.level, m.text])).toEqual([
      ["info", "formatting of styles without a mapping was not kept (the text was): paragraph 'Body Text'; run 'Strong'"],
      ["warning", "An unrecognised element was ignored: w:customXml"],
    ]);
  });
});

describe("readDocx on the 2015 strategic overview", () => {
  let layout: Layout;
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(`${REPORTS}/mcc-2015-09-strategic-overview.docx`));
    layout = await readDocx(bytes, "mcc-2015-09-strategic-overview.docx");
  });

  it("reads the score table with its spanning header", () => {
    const table = findTable(layout, /^Key Priority Area$/)!;
    expect(table.headerRows).toBe(2);
    expect(table.rows[0]![1]).toMatchObject({ text: "POINT OF EVALUTION", colspan: 4 });
    expect(table.rows[0]!.slice(2)).toEqual([null, null, null]);
    expect(grid(table)[1]).toEqual(["Key Priority Area", "April 2014", "Sept 2014", "April 2015", "Sept 2015"]);
    expect(grid(table)[4]).toEqual([expect.stringMatching(/^3\. Through our Audit Framework/), "3-4", "4", "4", "4"]);
    expect(table.rows.every((r) => r.length === 5)).toBe(true);
  });

  it("keeps <sup> text inline and headings with levels", () => {
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "list-item", text: expect.stringContaining("Implement the 2nd phase of the SAFE") }));
    expect(texts(layout)).toContainEqual(expect.objectContaining({ kind: "heading", text: "KEY AREAS OF ACTIVITY AND SCORE TABLE", level: 2 }));
  });

  it("reads the 8-column evaluation table", () => {
    const table = findTable(layout, /^1\. In Monmouthshire we will ensure/)!;
    expect(table.rows[0]).toHaveLength(8);
    expect(table.rows[1]![7]!.text).toBe("5");
  });
});

describe("readDocx on built packages", () => {
  it("builds the grid from Word's gridSpan and vMerge", async () => {
    const bytes = await buildDocx(
      tbl(
        tr(tc("Area", { vMerge: "restart" }), tc("Scores", { span: 2 })),
        tr(tc("", { vMerge: "continue" }), tc("2014"), tc("2015")),
        tr(tc("Safe Workforce"), tc("3"), tc("4")),
      ),
    );
    const layout = await readDocx(bytes, "spans.docx");
    const [table] = tables(layout);
    expect(table!.rows.map((r) => r.map((c: Cell | null) => (c ? [c.text, c.rowspan, c.colspan] : null)))).toEqual([
      [["Area", 2, 1], ["Scores", 1, 2], null],
      [null, ["2014", 1, 1], ["2015", 1, 1]],
      [["Safe Workforce", 1, 1], ["3", 1, 1], ["4", 1, 1]],
    ]);
  });

  it("assigns pages from explicit page breaks, page-break-before and the core title", async () => {
    const bytes = await buildDocx(
      [p("one"), pageBreakParagraph(), p("two"), p("three", "<w:pageBreakBefore/>")].join(""),
      { "docProps/core.xml": coreXml("A &amp; B") },
    );
    const layout = await readDocx(bytes, "pages.docx");
    expect(layout.meta).toEqual({ title: "A & B", pageCount: 3 });
    expect(layout.pages.map((pg) => pg.blocks.map((b) => (b as TextBlock).text))).toEqual([["one"], ["two"], ["three"]]);
  });

  it("prefers Word's rendered page breaks when present", async () => {
    const rendered = `<w:p><w:r><w:lastRenderedPageBreak/><w:t>second page</w:t></w:r></w:p>`;
    const bytes = await buildDocx([p("first page"), pageBreakParagraph(), rendered].join(""));
    const layout = await readDocx(bytes, "rendered.docx");
    expect(layout.pages.map((pg) => pg.blocks.map((b) => (b as TextBlock).text))).toEqual([["first page"], ["second page"]]);
    expect(layout.messages.some((m) => /page/.test(m.text) && m.level === "info")).toBe(false);
  });

  it("puts everything on page 1 with an info message when there are no breaks", async () => {
    const layout = await readDocx(await buildDocx(p("only")), "flat.docx");
    expect(layout.pages).toHaveLength(1);
    expect(layout.messages).toContainEqual(expect.objectContaining({ level: "info", text: expect.stringMatching(/no page breaks/) }));
  });
});

describe("DOCX errors", () => {
  it("refuses a zip without word/document.xml", async () => {
    const bytes = await buildDocx("", { "hello.txt": "hi" }, false);
    await expectReaderError(readBytes(bytes, "report.docx"), "not-docx", /^report\.docx: not a DOCX \(no word\/document\.xml\)$/);
  });

  it("refuses random bytes named .docx", async () => {
    await expectReaderError(readBytes(new Uint8Array(randomBytes(4096)), "random.docx"), "not-docx", /random\.docx: not a DOCX/);
  });

  it("refuses bytes that start like a zip but are not one", async () => {
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(2000)]);
    await expectReaderError(readBytes(bytes, "broken.docx"), "not-docx", /broken\.docx: not a DOCX \(not a zip package/);
  });

  it("refuses a package whose document.xml declares more than the limit (zip bomb)", async () => {
    const bytes = withDeclaredSize(await buildDocx(p("tiny")), "word/document.xml", 0xfffffff0 - 1);
    expect(0xfffffff0).toBeGreaterThan(DOCX_MAX_UNCOMPRESSED_BYTES);
    await expectReaderError(readBytes(bytes, "bomb.docx"), "zip-bomb", /bomb\.docx: refused, word\/document\.xml declares \d+ MB uncompressed \(limit 200 MB\)/);
  });

  it("applies a caller's smaller limit to the total of all entries", async () => {
    const bytes = await buildDocx(p("x".repeat(5000)), { "word/media/big.bin": "y".repeat(200_000) });
    await expectReaderError(readDocx(bytes, "big.docx", { maxUncompressedBytes: 100_000 }), "zip-bomb", /entries declare/);
  });
});
