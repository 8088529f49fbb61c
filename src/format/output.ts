/**
 * Formatters over query results: `table` for people, `json` and `csv` for programs.
 * Pure: they return strings; the CLI writes them to stdout.
 */
import { stringify } from "csv-stringify/sync";

export const FORMATS = ["table", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
  /** Cap for table output; longer text is cut with an ellipsis (json/csv keep it whole). */
  maxWidth?: number;
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

export function renderCsv<T>(rows: T[], columns: Column<T>[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cellString(c.value(r))))]);
}

/** Plain aligned columns, one row per line. */
export function renderTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => clip(oneLine(cellString(c.value(r))), c.maxWidth)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n") + "\n";
}

export function render<T>(format: Format, rows: T[], columns: Column<T>[], json: unknown = rows): string {
  switch (format) {
    case "json":
      return renderJson(json);
    case "csv":
      return renderCsv(rows, columns);
    case "table":
      return renderTable(rows, columns);
  }
}

function cellString(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function clip(text: string, max: number | undefined): string {
  return max && text.length > max ? text.slice(0, max - 1) + "…" : text;
}
