/**
 * A quality report per table, as Camelot's parsing_report: how it was found, its shape and
 * box, how much of its grid is empty, and a 0–1 confidence. The confidence is a heuristic, not a
 * probability: ruled and markup tables start high (their grid is drawn or declared), tables
 * found from alignment lower; holes in the grid, rows with a single filled cell and cells
 * spanning several found columns (text the columns could not place) lower it.
 */
import type { Cell, TableBlock } from "./types.js";

export interface TableQuality {
  /** lattice (ruling lines), stream (alignment), markup (DOCX/HTML/markdown), text. */
  flavor: string;
  rows: number;
  cols: number;
  /** [x0, y0, x1, y1] in PDF points, origin top-left of the page as displayed; null outside PDFs. */
  bbox: [number, number, number, number] | null;
  /** Share of the grid's positions that hold no text (0–1). */
  empty_share: number;
  confidence: number;
}

const BASE: Record<string, number> = { lattice: 0.95, markup: 0.95, stream: 0.8, text: 0.6 };

export function tableQuality(t: TableBlock): TableQuality {
  const rows = t.rows.length;
  const cols = rows ? t.rows[0]!.length : 0;
  const positions = rows * cols;
  const filledAt = filledPositions(t.rows);
  const emptyShare = positions ? 1 - filledAt.size / positions : 1;
  const body = t.rows.slice(t.headerRows ?? 0);
  const cellsOf = (row: (Cell | null)[]) => row.filter((c): c is Cell => !!c && c.text.trim() !== "");
  const fullRows = body.filter((row) => cellsOf(row).length >= 2).length;
  const rowShare = body.length ? fullRows / body.length : 0;
  const bodyCells = body.flatMap(cellsOf);
  const spanShare = bodyCells.length ? bodyCells.filter((c) => c.colspan > 1).length / bodyCells.length : 0;
  const flavor = t.method ?? "text";
  let confidence = (BASE[flavor] ?? 0.6) * (0.5 + 0.5 * (1 - emptyShare)) * (0.6 + 0.4 * rowShare) * (1 - 0.5 * spanShare);
  if (rows < 2 || cols < 2) confidence *= 0.5;
  return {
    flavor,
    rows,
    cols,
    bbox: t.place.bbox ?? null,
    empty_share: round(emptyShare),
    confidence: round(Math.max(0, Math.min(1, confidence))),
  };
}

/** "r,c" of every position covered by a cell with text (a spanning cell fills all it covers). */
function filledPositions(grid: readonly (Cell | null)[][]): Set<string> {
  const out = new Set<string>();
  grid.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell || !cell.text.trim()) return;
      for (let i = r; i < r + cell.rowspan; i++) for (let k = c; k < c + cell.colspan; k++) out.add(`${i},${k}`);
    }),
  );
  return out;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
