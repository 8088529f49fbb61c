/**
 * CSV downloads of the list pages. A cell a spreadsheet would run as a formula (leading =, +,
 * -, @, tab, CR or LF) is prefixed with a quote, so a report's text cannot become a formula
 * in an auditor's spreadsheet (OWASP's CSV injection advice).
 */
import { renderCsv, type Column } from "../format/output.js";

const FORMULA_START = /^[=+\-@\t\r\n]/;

export function guardCell(value: unknown): unknown {
  return typeof value === "string" && FORMULA_START.test(value) ? `'${value}` : value;
}

export function safeCsv<T>(rows: T[], columns: Column<T>[]): string {
  return renderCsv(rows, columns.map((c) => ({ ...c, value: (r: T) => guardCell(c.value(r)) })));
}
