/**
 * CSV for programs and spreadsheets. Report text is written as it is except for one rule:
 * a text cell that a spreadsheet would read as a formula gets a leading apostrophe.
 */
import { stringify } from "csv-stringify/sync";

/**
 * OWASP's CSV-injection rule: a cell beginning with =, +, -, @, tab, carriage return or line
 * feed is prefixed with ' so Excel, LibreOffice and Sheets show it as text. (csv-stringify's
 * `escape_formulas` leaves out the line feed.) Only text is changed: a number such as -3 is
 * data, not a formula, and stays a number. The web app's CSV downloads use this same function.
 */
export function csvSafe(value: string): string {
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Write text cells exactly as stored (`--csv-raw`): for programs that never open a spreadsheet. */
  raw?: boolean;
}

/** Rows of cells (null/undefined → empty; objects as JSON) → CSV text with a header line. */
export function csvText(rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  return stringify(rows.map((row) => row.map((cell) => csvCell(cell, options))));
}

export function csvCell(value: unknown, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return options.raw ? text : csvSafe(text);
}
