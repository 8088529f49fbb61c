/**
 * Hand-built Layouts for extractor unit tests: write blocks, get places filled in.
 *
 *   const layout = buildLayout([
 *     [h("1). Good Governance", 2), p("What does good look like? …"), table([["", "April 17 - Sept 17"], ["Good Governance", "4"]])],
 *     [p("Appendix 2 : Case Studies")],          // page 2
 *   ]);
 *
 * Cells are placed left to right; a colspan leaves null in the positions it covers.
 * PDF/DOCX-like layouts (the default) get page places; `format: "text"` layouts are one
 * page whose blocks get consecutive line ranges (one line per "\n"-separated line, a blank
 * line between blocks), like the text reader's.
 */
import type { Block, Cell, Layout, Page, Place, SourceFormat, TableBlock, TextBlock } from "../../src/layout/types.js";

type CellSpec = string | null | { text: string; rowspan?: number; colspan?: number };

export interface TableSpec {
  kind: "table";
  rows: CellSpec[][];
  headerRows?: number;
  method?: TableBlock["method"];
}

export type BlockSpec = Omit<TextBlock, "place"> | TableSpec;

export const h = (text: string, level = 2): BlockSpec => ({ kind: "heading", text, level });
export const p = (text: string): BlockSpec => ({ kind: "paragraph", text });
export const li = (text: string): BlockSpec => ({ kind: "list-item", text });
export const table = (rows: CellSpec[][], headerRows = 0): TableSpec => ({ kind: "table", rows, headerRows, method: "markup" });

export interface BuildOptions {
  format?: SourceFormat;
  source?: string;
  title?: string | null;
}

export function buildLayout(pages: BlockSpec[][], options: BuildOptions = {}): Layout {
  const format = options.format ?? "docx";
  const isText = format === "text" || format === "markdown";
  let line = 1;
  const place = (pageNumber: number, lineCount: number): Place => {
    if (!isText) return { page: pageNumber, bbox: null, lines: null };
    const at: Place = { page: null, lines: [line, line + lineCount - 1] };
    line += lineCount + 1;
    return at;
  };
  const builtPages: Page[] = pages.map((specs, i) => {
    const number = i + 1;
    const blocks: Block[] = specs.map((spec) => {
      if (spec.kind !== "table") return { ...spec, place: place(number, spec.text.split("\n").length) };
      return buildTable(spec, number, place);
    });
    return { number, blocks };
  });
  return {
    source: options.source ?? `test.${format === "markdown" ? "md" : format === "text" ? "txt" : format}`,
    format,
    pages: isText ? [{ number: 1, blocks: builtPages.flatMap((pg) => pg.blocks) }] : builtPages,
    messages: [],
    meta: { title: options.title ?? null, pageCount: isText ? 1 : builtPages.length },
  };
}

function buildTable(spec: TableSpec, pageNumber: number, place: (page: number, lines: number) => Place): TableBlock {
  const columns = Math.max(...spec.rows.map((r) => r.reduce((n, c) => n + (c && typeof c === "object" ? c.colspan ?? 1 : 1), 0)));
  const tablePlace = place(pageNumber, spec.rows.length);
  const grid: (Cell | null)[][] = spec.rows.map(() => new Array<Cell | null>(columns).fill(null));
  spec.rows.forEach((row, r) => {
    let c = 0;
    for (const cellSpec of row) {
      const cell = typeof cellSpec === "string" || cellSpec === null ? { text: cellSpec ?? "" } : cellSpec;
      const rowspan = "rowspan" in cell ? cell.rowspan ?? 1 : 1;
      const colspan = "colspan" in cell ? cell.colspan ?? 1 : 1;
      const cellPlace: Place = tablePlace.lines
        ? { page: null, lines: [tablePlace.lines[0] + r, tablePlace.lines[0] + r] }
        : { page: pageNumber, bbox: null, lines: null };
      if (cellSpec !== null) grid[r]![c] = { text: cell.text, rowspan, colspan, place: cellPlace };
      c += colspan;
    }
  });
  return { kind: "table", rows: grid, place: tablePlace, method: spec.method ?? "markup", headerRows: spec.headerRows ?? 0 };
}
