/**
 * Columns several commands share, so a fact's place reads the same everywhere: `page` for a
 * PDF or DOCX page, `line` for a text file's line (never one in the other's column), and a
 * document's file name shortened in the middle so its extension (which rendering) stays.
 */
import type { Column } from "./output.js";

export interface Placed {
  document: string;
  page: number | null;
  line: number | null;
}

export function documentColumn<T extends { document: string }>(header = "document"): Column<T> {
  return { header, value: (r) => r.document, minWidth: 22, clip: "middle" };
}

export function placeColumns<T extends { page: number | null; line: number | null }>(): Column<T>[] {
  return [
    { header: "page", value: (r) => r.page },
    { header: "line", value: (r) => r.line },
  ];
}
