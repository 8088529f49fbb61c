/**
 * Header row detection. A header is the leading run of rows that look different from the body:
 * bold or shaded cells, or spanning cells grouping the columns below them. Without any styling,
 * a first row of words above a body of numbers is a header.
 */
import type { GridCell, GridTable } from "./table-model.js";

const NUMERIC = /^[\s(£$€-]*[\d.,]+\s*[%)]?\s*$|^n\/?a$|^-$/i;

function cellsStartingIn(t: GridTable, r: number): GridCell[] {
  return t.cells.filter((c) => c.r === r && c.text.trim() !== "");
}

function styledRow(t: GridTable, r: number): boolean {
  const cells = cellsStartingIn(t, r);
  return cells.length > 0 && cells.every((c) => c.bold || c.shaded);
}

export function detectHeaderRows(t: GridTable): number {
  if (t.nrows < 2) return 0;
  let n = 0;
  while (n < t.nrows - 1 && styledRow(t, n)) n++;
  if (n === t.nrows - 1 && styledRow(t, n)) n = 0; // everything styled alike: no signal
  if (n === 0) {
    const first = cellsStartingIn(t, 0);
    const spans = first.some((c) => c.colspan > 1) && first.length < t.ncols;
    if (spans && t.nrows > 2) n = 1 + (cellsStartingIn(t, 1).some((c) => NUMERIC.test(c.text)) ? 0 : 1);
    else if (first.length >= 2 && first.every((c) => !NUMERIC.test(c.text)) && bodyIsNumeric(t)) n = 1;
  }
  // A header cell spanning rows down pulls those rows into the header.
  for (let k = 0; k < n; k++) {
    for (const c of t.cells) if (c.r === k) n = Math.max(n, Math.min(t.nrows - 1, c.r + c.rowspan));
  }
  return Math.min(n, t.nrows - 1);
}

function bodyIsNumeric(t: GridTable): boolean {
  let rows = 0;
  let numericRows = 0;
  for (let r = 1; r < t.nrows; r++) {
    const cells = cellsStartingIn(t, r);
    if (!cells.length) continue;
    rows++;
    if (cells.some((c) => NUMERIC.test(c.text))) numericRows++;
  }
  return rows > 0 && numericRows / rows >= 0.5;
}
