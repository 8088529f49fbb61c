/**
 * Tables continued over a page break. When a page ends with a table and the next page starts
 * with a table of the same columns, the second is the continuation: its repeated header rows
 * (if any) are dropped and its rows appended. Running headers/footers (short lines in the top
 * or bottom margin) between the two do not prevent the merge.
 */
import type { TextBlock } from "../../layout/types.js";
import type { GridTable } from "./table-model.js";

export type PageItem = { kind: "text"; block: TextBlock; y0: number; y1: number } | { kind: "table"; table: GridTable; pages: number[] };

export interface PageItems {
  number: number;
  height: number;
  items: PageItem[];
}

const MARGIN_SHARE = 0.12;
const COLUMN_TOLERANCE = 6;

function isFurniture(it: PageItem, height: number): boolean {
  if (it.kind !== "text") return false;
  const short = it.block.text.length <= 80;
  return short && (it.y1 <= height * MARGIN_SHARE || it.y0 >= height * (1 - MARGIN_SHARE));
}

function rowTexts(t: GridTable, r: number): string {
  return t.cells
    .filter((c) => c.r === r)
    .sort((a, b) => a.c - b.c)
    .map((c) => `${c.c}:${c.colspan}:${c.text.replace(/\s+/g, " ").trim()}`)
    .join("|");
}

/**
 * A stream table's inner column edges come from its text (the widest stub line sets the first),
 * so the same table's pages can place them a few words apart; its outer edges and ruled
 * tables' edges do not move.
 */
const STREAM_INNER_TOLERANCE = 3 * COLUMN_TOLERANCE;

function sameColumns(a: GridTable, b: GridTable): boolean {
  if (a.ncols !== b.ncols || a.method !== b.method) return false;
  if (a.xs.length !== b.xs.length) return a.method === "stream";
  const last = a.xs.length - 1;
  return a.xs.every((x, i) => {
    const inner = i > 0 && i < last && a.method === "stream";
    return Math.abs(x - b.xs[i]!) <= (inner ? STREAM_INNER_TOLERANCE : COLUMN_TOLERANCE);
  });
}

/** How many of b's leading rows repeat a's header rows (0 when they do not). */
export function repeatedHeaderRows(a: GridTable, b: GridTable): number {
  const n = a.headerRows;
  if (n === 0 || b.nrows <= n) return 0;
  for (let r = 0; r < n; r++) if (rowTexts(a, r) !== rowTexts(b, r)) return 0;
  return n;
}

/**
 * A row broken by the page break (word processors let rows split): the continuation's first
 * row leaves the first column empty while the last row had it, or every one of its cells
 * starts in lowercase (a sentence carrying on).
 */
export function continuesSplitRow(a: GridTable, b: GridTable, first: number): boolean {
  if (first >= b.nrows || a.nrows === 0) return false;
  const lastRow = a.cells.filter((c) => c.r + c.rowspan - 1 === a.nrows - 1 && c.rowspan === 1);
  const row = b.cells.filter((c) => c.r === first && c.text.trim());
  if (!row.length || lastRow.length !== a.cells.filter((c) => c.r === a.nrows - 1).length) return false;
  if (row.some((c) => c.rowspan !== 1 || !lastRow.some((l) => l.c === c.c && l.colspan === c.colspan))) return false;
  const firstColEmpty = !row.some((c) => c.c === 0) && lastRow.some((c) => c.c === 0 && c.text.trim());
  const lower = (t: string) => /^\p{Ll}/u.test(t.trim());
  const firstColLower = row.some((c) => c.c === 0 && lower(c.text));
  return firstColEmpty || firstColLower || row.every((c) => lower(c.text));
}

/** Append b to a (a new table; a and b are not changed). */
export function appendTable(a: GridTable, aPages: number[], b: GridTable, skip: number): { table: GridTable; pages: number[] } {
  const joinFirst = continuesSplitRow(a, b, skip);
  const offset = a.nrows - skip - (joinFirst ? 1 : 0);
  const aCells = a.cells.map((c) => ({ ...c, page: c.page ?? a.page }));
  const bCells = [];
  for (const c of b.cells) {
    if (c.r < skip) continue;
    if (joinFirst && c.r === skip) {
      const target = aCells.find((t) => t.r === a.nrows - 1 && t.c === c.c);
      if (target && c.text.trim()) {
        target.text = target.text ? `${target.text}\n${c.text}` : c.text;
        continue;
      }
      if (target) continue;
    }
    bCells.push({ ...c, r: c.r + offset, page: c.page ?? b.page });
  }
  return {
    table: { ...a, cells: [...aCells, ...bCells], nrows: a.nrows + b.nrows - skip - (joinFirst ? 1 : 0) },
    pages: [...aPages, ...(aPages.includes(b.page) ? [] : [b.page])],
  };
}

export function mergeAcrossPages(pages: PageItems[]): PageItems[] {
  const out = pages.map((p) => ({ ...p, items: [...p.items] }));
  for (let i = 0; i + 1 < out.length; i++) {
    const here = out[i]!;
    const next = out[i + 1]!;
    if (next.number !== here.number + 1) continue;
    const lastIdx = lastContentIndex(here);
    const firstIdx = firstContentIndex(next);
    if (lastIdx < 0 || firstIdx < 0) continue;
    const last = here.items[lastIdx]!;
    const first = next.items[firstIdx]!;
    if (last.kind !== "table" || first.kind !== "table") continue;
    if (!sameColumns(last.table, first.table)) continue;
    const skip = repeatedHeaderRows(last.table, first.table);
    // Without a repeated header, only a continuation that has no header of its own qualifies.
    if (skip === 0 && first.table.headerRows > 0) continue;
    const merged = appendTable(last.table, last.pages, first.table, skip);
    here.items[lastIdx] = { kind: "table", table: merged.table, pages: merged.pages };
    next.items.splice(firstIdx, 1);
    // The merged table now also "ends" the next page if nothing else is there.
    if (firstContentIndex(next) < 0) {
      // Move the table forward so that a third page can continue it.
      next.items.push(here.items[lastIdx]!);
      here.items.splice(lastIdx, 1);
    }
  }
  // Tables carried forward for chaining go back to the end of the page they start on.
  for (const p of out) {
    for (let k = p.items.length - 1; k >= 0; k--) {
      const it = p.items[k]!;
      if (it.kind === "table" && it.table.page !== p.number) {
        p.items.splice(k, 1);
        const home = out.find((q) => q.number === it.table.page);
        if (!home) continue;
        home.items.push(it);
        home.items.sort((a, b) => itemTop(a) - itemTop(b));
      }
    }
  }
  return out;
}

function itemTop(it: PageItem): number {
  return it.kind === "text" ? it.y0 : it.table.box.y0;
}

function lastContentIndex(p: PageItems): number {
  for (let k = p.items.length - 1; k >= 0; k--) if (!isFurniture(p.items[k]!, p.height)) return k;
  return -1;
}

function firstContentIndex(p: PageItems): number {
  for (let k = 0; k < p.items.length; k++) if (!isFurniture(p.items[k]!, p.height)) return k;
  return -1;
}
