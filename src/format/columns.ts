/**
 * Columns several commands share, so a fact's place reads the same everywhere: `page` for a
 * PDF or DOCX page, `line` for a text file's line (never one in the other's column), and a
 * document's file name shortened in the middle so its extension (which rendering) stays.
 */
import type { DocumentRecord, PeriodRecord } from "../query/documents.js";
import type { Column, Format } from "./output.js";

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

const periodsText = (d: DocumentRecord) => d.periods.map((p) => p.label).join("; ");

/** `documents`: the table shows the common columns; json and csv (and the web app's CSV) all of them. */
export function documentListColumns(format: Format): Column<DocumentRecord>[] {
  const common: Column<DocumentRecord>[] = [
    { header: "id", value: (d) => d.id },
    { header: "report", value: (d) => d.report },
    { header: "file", value: (d) => d.file },
    { header: "kind", value: (d) => d.kind },
    { header: "periods", value: periodsText, maxWidth: 40 },
    { header: "scores", value: (d) => d.counts.scores },
    { header: "indicators", value: (d) => d.counts.indicators },
    { header: "actions", value: (d) => d.counts.actions },
    { header: "gaps", value: (d) => d.counts.gaps },
    { header: "title", value: (d) => d.title, maxWidth: 50 },
  ];
  if (format === "table") return common;
  return [
    ...common,
    { header: "path", value: (d) => d.path },
    { header: "format", value: (d) => d.format },
    { header: "authority", value: (d) => d.authority },
    { header: "pages", value: (d) => d.pages },
    { header: "areas", value: (d) => d.counts.areas },
    { header: "warnings", value: (d) => d.counts.warnings },
    { header: "ingested_at", value: (d) => d.ingested_at },
  ];
}

/** `periods`: a period, its labels, months and the files that print it. */
export const PERIOD_COLUMNS: Column<PeriodRecord>[] = [
  { header: "label", value: (p) => p.label },
  { header: "start", value: (p) => p.start },
  { header: "end", value: (p) => p.end },
  { header: "months", value: (p) => p.months },
  { header: "reports", value: (p) => p.reports },
  { header: "documents", value: (p) => p.documents.join(", "), maxWidth: 60 },
  { header: "labels", value: (p) => p.labels.join("; "), maxWidth: 40 },
];
