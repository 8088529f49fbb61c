/**
 * The reader's internal table shape, shared by the lattice and stream builders, and its
 * conversion to the Layout's TableBlock (a full grid with spanning cells at their top-left and
 * null at covered positions).
 */
import type { Cell, TableBlock } from "../../layout/types.js";
import { bboxOf, boxOf, median, overlap1d, type Box } from "./geometry.js";
import { textOfFragments, textOfLines, type TextLine } from "./lines.js";
import type { FilledRect } from "./rulings.js";
import type { Fragment } from "./text-items.js";

export interface GridCell {
  r: number;
  c: number;
  rowspan: number;
  colspan: number;
  box: Box;
  text: string;
  /** Every fragment in the cell is bold (used for header detection). */
  bold: boolean;
  /** A filled (shaded) background lies under the cell. */
  shaded: boolean;
  /** Set on cells of a table merged across pages (defaults to the table's page). */
  page?: number;
}

export interface GridTable {
  page: number;
  box: Box;
  method: "lattice" | "stream";
  nrows: number;
  ncols: number;
  cells: GridCell[];
  headerRows: number;
  /** Column boundaries (ncols + 1 x positions), used to match continuations across pages. */
  xs: number[];
}

/**
 * Cell text from its fragments: lines in reading order joined with "\n". `lines`, when the
 * caller has already grouped the fragments (`groupLines(frags, Infinity)`), spares grouping them again.
 */
export function cellTextOf(frags: readonly Fragment[], lines?: readonly TextLine[]): { text: string; bold: boolean } {
  return { text: lines ? textOfLines(lines) : textOfFragments(frags), bold: frags.length > 0 && frags.every((f) => f.bold) };
}

/**
 * Remove rows and columns in which no non-empty cell starts; spanning cells that cross them
 * shrink. Empty grid lines come from decorative rules or background edges and would otherwise
 * show up as phantom rows.
 */
export function dropEmptyLines(t: GridTable): GridTable {
  const rowUsed = new Array<boolean>(t.nrows).fill(false);
  const colUsed = new Array<boolean>(t.ncols).fill(false);
  for (const c of t.cells) {
    if (!c.text) continue;
    rowUsed[c.r] = true;
    colUsed[c.c] = true;
  }
  const rowMap = remap(rowUsed);
  const colMap = remap(colUsed);
  const cells: GridCell[] = [];
  for (const c of t.cells) {
    // Empty cells only survive at kept positions; toTableBlock fills any hole anyway.
    if (!c.text && (rowMap[c.r] == null || colMap[c.c] == null)) continue;
    const r0 = firstKept(rowMap, c.r, c.r + c.rowspan);
    const c0 = firstKept(colMap, c.c, c.c + c.colspan);
    if (r0 === null || c0 === null) continue;
    const rs = countKept(rowUsed, c.r, c.r + c.rowspan);
    const cs = countKept(colUsed, c.c, c.c + c.colspan);
    cells.push({ ...c, r: r0, c: c0, rowspan: rs, colspan: cs });
  }
  const nrows = rowUsed.filter(Boolean).length;
  const ncols = colUsed.filter(Boolean).length;
  const xs = t.xs.length === t.ncols + 1 ? keepBoundaries(t.xs, colUsed) : t.xs;
  // An empty cell whose top-left row/col was dropped but which still covers kept positions
  // has been shifted by firstKept; drop duplicates at the same position (keep the first).
  const seen = new Set<string>();
  const unique = cells.filter((c) => {
    const k = `${c.r},${c.c}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { ...t, cells: unique, nrows, ncols, xs };
}

function remap(used: boolean[]): (number | null)[] {
  let k = 0;
  return used.map((u) => (u ? k++ : null));
}

function firstKept(map: (number | null)[], from: number, to: number): number | null {
  for (let i = from; i < to; i++) {
    const v = map[i];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

function countKept(used: boolean[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (used[i]) n++;
  return n;
}

function keepBoundaries(xs: number[], used: boolean[]): number[] {
  const out: number[] = [];
  used.forEach((u, i) => {
    if (u) {
      if (!out.length) out.push(xs[i]!);
      out.push(xs[i + 1]!);
    }
  });
  return out.length ? out : xs;
}

/** Internal table → Layout TableBlock. */
export function toTableBlock(t: GridTable, pages?: number[]): TableBlock {
  const rows: (Cell | null)[][] = Array.from({ length: t.nrows }, () => new Array<Cell | null>(t.ncols).fill(null));
  const covered = new Set<string>();
  const sorted = [...t.cells].sort((a, b) => a.r - b.r || a.c - b.c);
  for (const c of sorted) {
    if (covered.has(`${c.r},${c.c}`)) continue;
    const row = rows[c.r];
    if (!row) continue;
    row[c.c] = {
      text: c.text,
      rowspan: c.rowspan,
      colspan: c.colspan,
      place: { page: cellPage(c, t), bbox: bboxOf(c.box) },
    };
    for (let r = c.r; r < c.r + c.rowspan; r++) for (let k = c.c; k < c.c + c.colspan; k++) covered.add(`${r},${k}`);
  }
  // Positions that no cell covers (ragged input) become empty cells so the grid stays full.
  for (let r = 0; r < t.nrows; r++) {
    for (let c = 0; c < t.ncols; c++) {
      if (!covered.has(`${r},${c}`)) {
        rows[r]![c] = { text: "", rowspan: 1, colspan: 1, place: { page: t.page, bbox: null } };
      }
    }
  }
  const block: TableBlock = {
    kind: "table",
    rows,
    place: { page: t.page, bbox: bboxOf(t.box) },
    method: t.method,
    headerRows: t.headerRows,
  };
  if (pages && pages.length > 1) block.pages = pages;
  return block;
}

function cellPage(c: GridCell, t: GridTable): number {
  return c.page ?? t.page;
}

export function tableBox(cells: readonly GridCell[]): Box {
  return boxOf(cells.map((c) => c.box));
}

/** A fill covering most of the cell (a coloured background). */
export function isShaded(b: Box, fills: readonly FilledRect[]): boolean {
  const area = (b.x1 - b.x0) * (b.y1 - b.y0);
  if (area <= 0) return false;
  return fills.some((f) => overlap1d(f.x0, f.x1, b.x0, b.x1) * overlap1d(f.y0, f.y1, b.y0, b.y1) >= area * 0.6);
}

/** A ruled column narrower than this (pt) and than this share of the median column is a sliver. */
const SLIVER_PT = 12;
const SLIVER_SHARE = 0.3;

/**
 * Ruled tables drawn as shaded cells with white gaps between them (or with double rules) leave
 * narrow slivers between the real columns, and text that overhangs a cell's edge starts in one.
 * Each sliver is folded into the neighbour whose cell is empty in every row where the sliver
 * holds text (the nearer one when both are); a sliver that cannot be folded stays.
 */
export function foldSliverColumns(t: GridTable): GridTable {
  if (t.xs.length !== t.ncols + 1 || t.ncols < 3) return t;
  let table = t;
  for (let k = 0; k < table.ncols; k++) {
    const widths = table.xs.slice(1).map((x, i) => x - table.xs[i]!);
    const typical = median(widths);
    if (widths[k]! >= SLIVER_PT || widths[k]! >= typical * SLIVER_SHARE) continue;
    const folded = foldColumn(table, k);
    if (folded) {
      table = folded;
      k--;
    }
  }
  return table;
}

function foldColumn(t: GridTable, k: number): GridTable | null {
  const at = (r: number, c: number) => t.cells.find((x) => x.r === r && x.c === c && x.text.trim());
  const moves = new Map<GridCell, number>();
  for (const cell of t.cells) {
    if (cell.c !== k || cell.colspan !== 1 || !cell.text.trim()) continue;
    const left = k > 0 && !at(cell.r, k - 1);
    const right = k + 1 < t.ncols && !at(cell.r, k + 1);
    if (!left && !right) return null;
    const cx = (cell.box.x0 + cell.box.x1) / 2;
    const toRight = right && (!left || cx >= (t.xs[k]! + t.xs[k + 1]!) / 2);
    moves.set(cell, toRight ? k + 1 : k - 1);
  }
  const cells: GridCell[] = [];
  for (const cell of t.cells) {
    const target = moves.get(cell);
    if (cell.c === k && target === undefined) {
      // Empty (or spanning) cells starting in the sliver: a span keeps its other columns.
      if (cell.colspan > 1) cells.push({ ...cell, colspan: cell.colspan - 1 });
      continue;
    }
    if (target !== undefined) {
      const c = target > k ? target - 1 : target;
      cells.push({ ...cell, c, colspan: 1 });
      continue;
    }
    if (cell.c < k && cell.c + cell.colspan > k) cells.push({ ...cell, colspan: cell.colspan - 1 });
    else if (cell.c > k) cells.push({ ...cell, c: cell.c - 1 });
    else cells.push(cell);
  }
  // The sliver's width goes to the side its text went to (or is split when nothing moved).
  const xs = [...t.xs];
  const toRight = [...moves.values()].some((v) => v > k);
  xs.splice(toRight || moves.size === 0 ? k : k + 1, 1);
  const seen = new Set<string>();
  const unique = cells.filter((c) => {
    const key = `${c.r},${c.c}`;
    if (seen.has(key) && !c.text.trim()) return false;
    seen.add(key);
    return true;
  });
  return { ...t, cells: unique, ncols: t.ncols - 1, xs };
}
