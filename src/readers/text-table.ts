/**
 * Shared table/place helpers of the text reader.
 */
import type { Cell, Place, TableBlock } from "../layout/types.js";
import type { Line } from "./text-lines.js";

export interface TextOptions {
  markdown: boolean;
}

/** Place of a line range. */
export function placeOf(lines: Line[], first: number, last: number): Place {
  const a = lines[first]!;
  const b = lines[last]!;
  return { page: a.page, lines: [a.no, b.no] };
}

/**
 * Rows of cells → rectangular TableBlock: rows padded with empty cells to the widest row,
 * then columns that are empty in every row trimmed from the right (tab-separated exports
 * pad rows with trailing tabs).
 */
export function makeTable(rows: Cell[][], place: Place, method: TableBlock["method"], headerRows?: number): TableBlock {
  let width = Math.max(0, ...rows.map((r) => r.length));
  while (width > 1 && rows.every((r) => !(r[width - 1]?.text ?? ""))) width--;
  const grid = rows.map((row) =>
    Array.from({ length: width }, (_, c): Cell => row[c] ?? { text: "", rowspan: 1, colspan: 1, place: { ...row[0]!.place } }),
  );
  return { kind: "table", rows: grid, place, method, headerRows: headerRows ?? guessHeaderRows(grid) };
}

const VALUE_CELL = /^(?:N\/A|\d{1,3}(?:-\d{1,3})?|\d+(?:\.\d+)?%?)$/i;

/**
 * Leading rows without any value-like cell, when later rows have them (a score table's
 * title and period rows). Header cells are short; a leading row with a long cell is a
 * continued body row, which ends the header. 0 (unknown) when no row has value cells.
 */
function guessHeaderRows(rows: Cell[][]): number {
  const hasValue = (row: Cell[]) => row.slice(1).some((c) => VALUE_CELL.test(c.text.trim()));
  const firstValue = rows.findIndex(hasValue);
  if (firstValue <= 0) return 0;
  let n = 0;
  while (n < Math.min(firstValue, 3) && rows[n]!.every((c) => c.text.length <= MAX_HEADER_CELL)) n++;
  return n;
}

const MAX_HEADER_CELL = 100;
