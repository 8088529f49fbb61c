import { afterEach, describe, expect, it } from "vitest";
import type { Passage } from "../../src/facts/schema.js";
import { displayLines, showScore } from "../../src/query/show.js";
import { type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";
import { openTestStore } from "../helpers/store.js";

type Box = [number, number, number, number];

/** A table as passages: one per cell, row by row; `place(row, col)` gives each cell's place. */
function tablePassages(rows: string[][], place: (row: number, col: number) => Passage["place"], areaKey: (row: number) => string | null = () => null): Passage[] {
  return rows.flatMap((cells, row) => cells.map((text, col) => ({ text, areaKey: areaKey(row), place: place(row, col), kind: "table" as const, row, col })));
}

function paragraph(text: string, place: Passage["place"], kind: Passage["kind"] = "paragraph"): Passage {
  return { text, areaKey: null, place, kind, row: null, col: null };
}

async function onlyScoreId(db: Store): Promise<number> {
  return (await db.selectFrom("scores").select("id").executeTakeFirstOrThrow()).id;
}

describe("show score", () => {
  let db: Store;
  afterEach(async () => {
    await db.destroy();
  });

  it("gives the fact with its document, line and the text around it from the stored passages, with no file to read", async () => {
    db = await openTestStore();
    const at = (line: number) => ({ page: null, bbox: null, lines: [line, line] as [number, number] });
    const facts = sampleFacts({
      scores: [{ areaKey: "1", periodLabel: "April 17 - Sept 17", value: 4, valueMax: 4, raw: "4", origin: "summary-table", place: at(3) }],
      passages: [
        paragraph("Summary", at(1), "heading"),
        ...tablePassages([["Area", "April 17 - Sept 17"], ["Good Governance", "4"], ["Safe Workforce", "3-4"]], (row) => at(2 + row)),
        paragraph("end", at(5)),
        paragraph("Much later text", at(40)),
      ],
    });
    // The path does not exist: the store alone must answer.
    await storeDocument(db, sampleSource({ source: "report.txt", path: "/nonexistent/report.txt", format: "text" }), facts);
    const d = await showScore(db, await onlyScoreId(db));
    expect(d).toMatchObject({ document: "report.txt", area: "Good Governance", raw: "4", period: { label: "April 17 - Sept 17" }, line: 3 });
    expect(d.context).toEqual({
      source: "passages",
      note: null,
      column: "April 17 - Sept 17",
      text: ["  Summary", "  Area | April 17 - Sept 17", "> Good Governance | 4", "  Safe Workforce | 3-4", "  end"].join("\n"),
    });
    await expect(showScore(db, 999)).rejects.toThrow(/no score with id 999/);
  });

  it("finds a PDF score's table row by its box on its own page, and keeps the table's header in view", async () => {
    db = await openTestStore();
    const cell = (page: number) => (row: number, col: number) => ({ page, bbox: [100 + col * 100, 200 + row * 20, 200 + col * 100, 220 + row * 20] as Box, lines: null });
    const rows = [
      ["Cornerstone", "April 17 - Sept 17"],
      ["1 Good Governance", "4"],
      ["2 Safe Workforce", "3-4"],
      ["3 Safe Services", "5"],
      ["4 Safe Communities", "4"],
      ["5 Safe Partnerships", "3"],
    ];
    const scoreBox: Box = [201, 281, 299, 299]; // the score cell of row 4
    const facts = sampleFacts({
      scores: [{ areaKey: "2", periodLabel: "April 17 - Sept 17", value: 4, valueMax: 4, raw: "4", origin: "summary-table", place: { page: 3, bbox: scoreBox, lines: null } }],
      passages: [
        // Page 2 has a cell in the very same spot: it must not be taken for the score.
        ...tablePassages([["Elsewhere", "9"]], () => ({ page: 2, bbox: scoreBox, lines: null })),
        paragraph("Summary of self-assessment", { page: 3, bbox: [100, 150, 400, 170], lines: null }, "heading"),
        ...tablePassages(rows, cell(3)),
        paragraph("Scores are agreed by the board.", { page: 3, bbox: [100, 340, 400, 352], lines: null }),
      ],
    });
    await storeDocument(db, sampleSource(), facts);
    const d = await showScore(db, await onlyScoreId(db));
    expect(d.context.source).toBe("passages");
    expect(d.context.text).toBe([
      "  Cornerstone | April 17 - Sept 17",
      "  …",
      "  2 Safe Workforce | 3-4",
      "  3 Safe Services | 5",
      "> 4 Safe Communities | 4",
      "  5 Safe Partnerships | 3",
      "  Scores are agreed by the board.",
    ].join("\n"));
  });

  it("takes the line nearest in y on the same page when no passage box overlaps the score's", async () => {
    db = await openTestStore();
    const place = (y: number) => ({ page: 4, bbox: [80, y, 500, y + 12] as Box, lines: null });
    const facts = sampleFacts({
      scores: [{ areaKey: "1", periodLabel: "Oct 17 - March 18", value: 5, valueMax: 5, raw: "5", origin: "section", place: { page: 4, bbox: [520, 318, 530, 330], lines: null } }],
      passages: [paragraph("Good Governance", place(100), "heading"), paragraph("Self-assessed score:", place(320)), paragraph("Evidence follows.", place(400))],
    });
    await storeDocument(db, sampleSource(), facts);
    const d = await showScore(db, await onlyScoreId(db));
    expect(d.context.text).toBe("  Good Governance\n> Self-assessed score:\n  Evidence follows.");
  });

  it("places a score without box or lines (DOCX) by its table row: the area's row printing the raw score", async () => {
    db = await openTestStore();
    await storeDocument(db, sampleSource({ source: "sample.docx", format: "docx" }), sampleFacts());
    const d = await showScore(db, await onlyScoreId(db));
    expect(d.context.text).toContain("> Good Governance | 4 | 5");
    expect(d.context.text).toContain("  Area | April 17 - Sept 17 | Oct 17 - March 18");
  });

  it("says why when the document has no stored passages", async () => {
    db = await openTestStore();
    await storeDocument(db, sampleSource({ path: "/nonexistent/sample.pdf" }), sampleFacts({ passages: [] }));
    const d = await showScore(db, await onlyScoreId(db));
    expect(d.context).toMatchObject({ source: "none", text: null });
    expect(d.context.note).toMatch(/no passages stored/);
  });

  it("joins a table row's cells, and the wrapped lines of one cell, into one display line", () => {
    const base = { area_id: null, page: 1, x0: null, y0: null, x1: null, y1: null, line_start: null, line_end: null };
    const lines = displayLines([
      { ...base, ordinal: 0, kind: "table", row: 0, col: 0, text: "Safe" },
      { ...base, ordinal: 1, kind: "table", row: 0, col: 0, text: "Workforce" },
      { ...base, ordinal: 2, kind: "table", row: 0, col: 1, text: "3-4" },
      { ...base, ordinal: 3, kind: "table", row: 1, col: 0, text: "Safe Services" },
      { ...base, ordinal: 4, kind: "paragraph", row: null, col: null, text: "After the table." },
    ]);
    expect(lines.map((l) => [l.text, l.row])).toEqual([["Safe Workforce | 3-4", 0], ["Safe Services", 1], ["After the table.", null]]);
  });
});
