/**
 * CSV downloads of the list pages, through the CLI's own CSV writer. The formula guard
 * (src/format/csv.ts csvSafe: a leading =, +, -, @, tab, CR or LF gets a quote) is always on
 * here, whatever the process's output settings: a browser download has no --csv-raw.
 */
import { renderCsv, type Column } from "../format/output.js";

export function safeCsv<T>(rows: T[], columns: Column<T>[]): string {
  return renderCsv(rows, columns, { raw: false });
}
