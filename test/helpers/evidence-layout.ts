/**
 * Small hand-built Layouts and contexts for the evidence extractors' tests: paragraphs,
 * headings, list items and tables, with an areaOf that maps blocks (and table rows) to
 * area keys the test chooses.
 */
import type { Area, Period } from "../../src/facts/schema.js";
import type { Block, Cell, Layout, SourceFormat, TableBlock, TextBlock } from "../../src/layout/types.js";
import type { BlockRef, ExtractContext } from "../../src/extract/context.js";

export function para(text: string, kind: TextBlock["kind"] = "paragraph"): TextBlock {
  return { kind, text, place: { page: 1 } };
}

export function heading(text: string): TextBlock {
  return para(text, "heading");
}

export function item(text: string): TextBlock {
  return para(text, "list-item");
}

export function table(rows: string[][], headerRows = 1): TableBlock {
  const cells: (Cell | null)[][] = rows.map((row) =>
    row.map((text) => ({ text, rowspan: 1, colspan: 1, place: { page: 1 } })),
  );
  return { kind: "table", rows: cells, place: { page: 1 }, method: "markup", headerRows };
}

export function layoutOf(blocks: Block[], format: SourceFormat = "docx"): Layout {
  return { source: `test.${format}`, format, pages: [{ number: 1, blocks }], messages: [], meta: { pageCount: 1 } };
}

/**
 * A context over `blocks`. `areas` maps a block index (or "index:row" for a table row) to an
 * area key; blocks without an entry are outside any area.
 */
export function contextOf(
  blocks: Block[],
  options: { format?: SourceFormat; areas?: Record<string, string>; period?: Period | null } = {},
): ExtractContext {
  const layout = layoutOf(blocks, options.format ?? "docx");
  const areaMap = options.areas ?? {};
  const period = options.period === undefined ? { label: "Oct 17- March 18", start: "2017-10", end: "2018-03" } : options.period;
  const keys = [...new Set(Object.values(areaMap))];
  const areas: Area[] = keys.map((key, i) => ({ key, number: i + 1, label: key, description: null, place: null }));
  return {
    layout,
    profile: { kind: "progress-report", framework: null },
    periods: period ? [period] : [],
    areas,
    currentPeriod: period,
    areaOf(ref: BlockRef, row?: number) {
      return areaMap[`${ref.index}:${row}`] ?? areaMap[String(ref.index)] ?? null;
    },
  };
}
