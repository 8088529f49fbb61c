/**
 * The `tables` contract of DESIGN.md: `{ tables: [{ page, rows }] }` where a spanning cell is
 * written once at its top-left as `{ text, rowspan, colspan }`, covered positions are null,
 * and every other cell is its plain text.
 */
import type { Layout, TableBlock } from "../../layout/types.js";

export type ContractCell = string | { text: string; rowspan: number; colspan: number } | null;
export interface ContractTable {
  page: number;
  rows: ContractCell[][];
}

export function tableRows(t: TableBlock): ContractCell[][] {
  return t.rows.map((row) =>
    row.map((cell): ContractCell => {
      if (!cell) return null;
      if (cell.rowspan > 1 || cell.colspan > 1) return { text: cell.text, rowspan: cell.rowspan, colspan: cell.colspan };
      return cell.text;
    }),
  );
}

/** Every table of the layout (or of one page: tables starting on or continuing onto it). */
export function tablesContract(layout: Layout, page?: number): { tables: ContractTable[] } {
  const tables: ContractTable[] = [];
  for (const p of layout.pages) {
    for (const b of p.blocks) {
      if (b.kind !== "table") continue;
      const first = b.place.page ?? p.number;
      const pages = b.pages ?? [first];
      if (page !== undefined && !pages.includes(page)) continue;
      tables.push({ page: first, rows: tableRows(b) });
    }
  }
  return { tables };
}

/**
 * Split tables merged across pages back into one table per page (rows by the page of their
 * first cell). Benchmarks that annotate each page's table separately need this view.
 */
export function tablesPerPage(layout: Layout): { tables: ContractTable[] } {
  const tables: ContractTable[] = [];
  for (const p of layout.pages) {
    for (const b of p.blocks) {
      if (b.kind !== "table") continue;
      const first = b.place.page ?? p.number;
      if (!b.pages || b.pages.length < 2) {
        tables.push({ page: first, rows: tableRows(b) });
        continue;
      }
      const rows = tableRows(b);
      const byPage = new Map<number, ContractCell[][]>();
      b.rows.forEach((row, r) => {
        const pg = row.find((c) => c)?.place.page ?? first;
        byPage.set(pg, [...(byPage.get(pg) ?? []), rows[r]!]);
      });
      for (const [pg, rs] of byPage) tables.push({ page: pg, rows: rs });
    }
  }
  return { tables };
}
