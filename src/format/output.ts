/**
 * Formatters over query results: `table` for people, `json` and `csv` for programs.
 * They return strings; the CLI writes them to stdout. How tables fit and whether CSV is
 * written raw are output settings the CLI sets once per run (`configureOutput`, from the
 * terminal's width, `--wide` and `--csv-raw`), so every command, including ones added later,
 * fits without passing them along; a caller (a test, the web app) may pass its own.
 */
import { csvText, type CsvOptions } from "./csv.js";
import { layoutTable, wrapText, type TableColumn, type TableLayout } from "./table.js";

export const FORMATS = ["table", "json", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export interface Column<T> extends TableColumn {
  value: (row: T) => unknown;
}

export interface OutputSettings extends TableLayout, CsvOptions {}

let settings: OutputSettings = {};

/** Set the run's output settings (the CLI does, before a command runs). */
export function configureOutput(next: OutputSettings): void {
  settings = { ...next };
}

export function outputSettings(): OutputSettings {
  return settings;
}

/** The width tables fit: the terminal's on a TTY, else $COLUMNS, else none (undefined). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** A line of text for people under a table, wrapped to the run's width unless wide. */
export function renderNote(text: string, layout: TableLayout = settings): string {
  return wrapText(text, layout.wide ? undefined : layout.width) + "\n";
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[], options: CsvOptions = settings): string {
  return csvText([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))], options);
}

/** Aligned columns, one row per line, fitted to the layout's width. */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], layout: TableLayout = settings): string {
  const cells = rows.map((r) => columns.map((c) => oneLine(cellString(c.value(r)))));
  return layoutTable(columns, cells, layout);
}

export function render<T>(format: Format, rows: readonly T[], columns: readonly Column<T>[], json: unknown = rows): string {
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
