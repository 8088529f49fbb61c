/**
 * Tables as people take them away: CSV, Markdown (GitHub tables) and HTML (with row and
 * column spans), one table at a time or all of a file's. Pure: strings in, strings out.
 */
import { csvText, type CsvOptions } from "./csv.js";
import { outputSettings } from "./output.js";
import { layoutTable, type TableLayout } from "./table.js";
import type { ContractCell, TablesContract } from "../layout/tables-contract.js";
import { esc as escapeHtml } from "../report/escape.js";

export type ContractTable = TablesContract["tables"][number];

export const TABLE_FORMATS = ["table", "json", "csv", "markdown", "html"] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** File extension of one exported table (`table`, the people's view, exports as CSV). */
export function extensionOf(format: TableFormat): string {
  return format === "markdown" ? "md" : format === "table" ? "csv" : format;
}

export function cellText(cell: ContractCell): string {
  return cell === null ? "" : typeof cell === "string" ? cell : cell.text;
}

/** One table's grid as CSV: a spanning cell's text at its top-left, empty where it covers (formula-safe, see csv.ts). */
export function tableCsv(t: ContractTable, options: CsvOptions = outputSettings()): string {
  return csvText(t.rows.map((r) => r.map(cellText)), options);
}

/** Every table in one CSV: the first columns say which table, page and row a line is. */
export function tablesCsv(tables: readonly ContractTable[], options: CsvOptions = outputSettings()): string {
  const rows = tables.flatMap((t, ti) => t.rows.map((r, ri) => [ti + 1, t.page, ri + 1, ...r.map(cellText)]));
  return csvText([["table", "page", "row"], ...rows], options);
}

/** One table for people: its first row as the header, columns fitted to the run's width (see table.ts). */
export function tableText(t: ContractTable, layout: TableLayout = outputSettings()): string {
  const cols = Math.max(1, ...t.rows.map((r) => r.length));
  const grid = t.rows.map((r) => Array.from({ length: cols }, (_, i) => cellText(r[i] ?? null).replace(/\s+/g, " ").trim()));
  const [head = [], ...body] = grid;
  return layoutTable(head.map((h, i) => ({ header: h || `(${i + 1})`, minWidth: 12 })), body, layout);
}

/** A GitHub-flavoured Markdown table; the first row is the header row Markdown requires. */
export function tableMarkdown(t: ContractTable): string {
  const cols = Math.max(1, ...t.rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: cols }, (_, i) => markdownCell(cells[i] ?? "")).join(" | ")} |`;
  const [head = [], ...body] = t.rows.map((r) => r.map(cellText));
  return [line(head), `|${" --- |".repeat(cols)}`, ...body.map(line)].join("\n") + "\n";
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>").trim();
}

/** An HTML table; spanning cells keep their rowspan/colspan and the positions they cover are left out. */
export function tableHtml(t: ContractTable, caption?: string): string {
  const out = ["<table>"];
  if (caption) out.push(`  <caption>${escapeHtml(caption)}</caption>`);
  for (const row of t.rows) {
    const cells = row.flatMap((cell) => {
      if (cell === null) return [];
      if (typeof cell === "string") return [`<td>${htmlText(cell)}</td>`];
      const spans = `${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ""}${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ""}`;
      return [`<td${spans}>${htmlText(cell.text)}</td>`];
    });
    out.push(`  <tr>${cells.join("")}</tr>`);
  }
  out.push("</table>");
  return out.join("\n") + "\n";
}

/** A standalone page around some tables (what `--out` writes for html). */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body}</body></html>\n`;
}

function htmlText(text: string): string {
  return escapeHtml(text).replace(/\n/g, "<br>");
}
