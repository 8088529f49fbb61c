/**
 * Layout tables → the `scorebook tables --format json` contract (DESIGN.md): a spanning
 * cell written once at its top-left as { text, rowspan, colspan }, null in the positions it
 * covers; any other cell a plain string.
 */
import { tableQuality, type TableQuality } from "./table-quality.js";
import type { Layout, TableBlock } from "./types.js";

export type ContractCell = string | { text: string; rowspan: number; colspan: number } | null;

export interface TablesContract {
  /** The contract's page and rows, and beside them the reader's quality report. */
  tables: { page: number; pages?: number[]; rows: ContractCell[][]; quality: TableQuality }[];
}

export function tablesOf(layout: Layout, onlyPage?: number): TablesContract {
  const tables: TablesContract["tables"] = [];
  for (const page of layout.pages) {
    if (onlyPage !== undefined && page.number !== onlyPage) continue;
    for (const block of page.blocks) {
      if (block.kind !== "table") continue;
      tables.push({
        page: block.place.page ?? page.number,
        ...(block.pages && block.pages.length > 1 ? { pages: block.pages } : {}),
        rows: contractRows(block),
        quality: tableQuality(block),
      });
    }
  }
  return { tables };
}

export function contractRows(table: TableBlock): ContractCell[][] {
  return table.rows.map((row) =>
    row.map((cell) => {
      if (cell === null) return null;
      if (cell.rowspan > 1 || cell.colspan > 1) return { text: cell.text, rowspan: cell.rowspan, colspan: cell.colspan };
      return cell.text;
    }),
  );
}
