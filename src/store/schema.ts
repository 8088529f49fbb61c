/**
 * The store's tables as TypeScript types (kysely's Database interface). Must match
 * db/migrations; queries are typed end to end from here.
 */
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** Columns every traceable row carries (see db/migrations/001_initial.ts placeColumns). */
export interface PlaceColumns {
  page: number | null;
  x0: number | null;
  y0: number | null;
  x1: number | null;
  y1: number | null;
  line_start: number | null;
  line_end: number | null;
}

/** Facts that OCR may have read (db/migrations/005_ocr_confidence.ts): word confidence 0..100, null when not OCR. */
export interface OcrColumns {
  ocr_confidence: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DocumentsTable {
  id: Generated<number>;
  sha256: string;
  source: string;
  path: string | null;
  format: string;
  kind: string;
  title: string | null;
  authority: string | null;
  framework: string | null;
  pages: number | null;
  size_bytes: number | null;
  extractor_version: string;
  ingested_at: string;
  /** The report this file renders (src/store/reports.ts); set in the document's own transaction. */
  report_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** One report, however many files render it (db/migrations/006_reports.ts). */
export interface ReportsTable {
  id: Generated<number>;
  kind: string;
  authority: string | null;
  title: string | null;
  /** When its first file was stored. */
  ingested_at: string;
}

export interface PeriodsTable {
  id: Generated<number>;
  label: string;
  start_month: string;
  end_month: string;
}

export interface DocumentPeriodsTable {
  document_id: number;
  period_id: number;
  label: string;
  ordinal: number;
}

export interface FrameworksTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  is_canonical: ColumnType<number, number | undefined, number>;
  /** The council a canonical framework applies to (005); null for a report's own framework. */
  authority: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AreasTable extends PlaceColumns {
  id: Generated<number>;
  framework_id: number | null;
  document_id: number | null;
  key: string;
  number: number | null;
  label: string;
  description: string | null;
}

export interface AreaLinksTable {
  area_id: number;
  canonical_area_id: number | null;
  method: string;
  confidence: number;
  note: string | null;
  decided_at: string;
}

export interface AreaLinkDecisionsTable {
  id: Generated<number>;
  area_label: string;
  /** The authority the decision is for (005); null: any authority whose framework has the key. */
  authority: ColumnType<string | null, string | null | undefined, string | null>;
  canonical_key: string | null;
  note: string | null;
  decided_at: string;
  /** Who made the decision (web account or OS user); null for decisions made before 005. */
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An ingested file's bytes, by sha256 (db/migrations/008_kept_files.ts). */
export interface FilesTable {
  sha256: string;
  size_bytes: number;
  bytes: Uint8Array;
}

export interface ScoresTable extends PlaceColumns, OcrColumns {
  id: Generated<number>;
  document_id: number;
  area_id: number;
  period_id: number;
  value: number | null;
  value_max: number | null;
  raw: string;
  origin: string;
}

export interface ScaleLevelsTable extends PlaceColumns {
  id: Generated<number>;
  document_id: number;
  level: number;
  label: string;
  meaning: string | null;
}

export interface IndicatorsTable extends PlaceColumns, OcrColumns {
  id: Generated<number>;
  document_id: number;
  area_id: number | null;
  period_id: number | null;
  value: number;
  unit: string;
  previous: number | null;
  text: string;
}

export interface ActionsTable extends PlaceColumns, OcrColumns {
  id: Generated<number>;
  document_id: number;
  area_id: number | null;
  text: string;
  kind: string;
  status: string | null;
  rag: string | null;
  due: string | null;
}

export interface GapsTable extends PlaceColumns, OcrColumns {
  id: Generated<number>;
  document_id: number;
  area_id: number | null;
  period_id: number | null;
  marker: string;
  text: string;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  resolved_by_document_id: number | null;
  resolved_page: number | null;
  resolved_text: string | null;
  confidence: number | null;
  note: string | null;
}

export interface GapEventsTable {
  id: Generated<number>;
  gap_id: number;
  status: string;
  decided_by: string;
  note: string | null;
  evidence: string | null;
  at: string;
}

export interface MessagesTable extends PlaceColumns {
  id: Generated<number>;
  document_id: number;
  level: string;
  source: string;
  text: string;
}

/** One logical line of a document's text, in reading order (db/migrations/002_passages.ts). */
export interface PassagesTable extends PlaceColumns {
  id: Generated<number>;
  document_id: number;
  area_id: number | null;
  ordinal: number;
  kind: string;
  row: number | null;
  col: number | null;
  text: string;
}

export interface Database {
  documents: DocumentsTable;
  reports: ReportsTable;
  periods: PeriodsTable;
  document_periods: DocumentPeriodsTable;
  frameworks: FrameworksTable;
  areas: AreasTable;
  area_links: AreaLinksTable;
  area_link_decisions: AreaLinkDecisionsTable;
  scores: ScoresTable;
  scale_levels: ScaleLevelsTable;
  indicators: IndicatorsTable;
  actions: ActionsTable;
  gaps: GapsTable;
  gap_events: GapEventsTable;
  messages: MessagesTable;
  passages: PassagesTable;
  files: FilesTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type PassageRow = Selectable<PassagesTable>;
