/**
 * Facts: what extractors return for one document. Defined once here as zod schemas; the
 * TypeScript types come from z.infer and the export's JSON Schema from the same objects.
 *
 * Inside a document, facts refer to areas by `areaKey` (the area's key in `areas`) and to
 * periods by `periodLabel` (the label as printed, a key in `periods`). The store turns these
 * into foreign keys.
 */
import { z } from "zod";

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Month = z.string().regex(MONTH, "expected YYYY-MM");

export const PlaceSchema = z.object({
  page: z.number().int().positive().nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable().optional(),
  lines: z.tuple([z.number().int(), z.number().int()]).nullable().optional(),
  /** Read by OCR: the confidence (0..100) of the words behind the fact (src/extract/ocr.ts). */
  ocr: z.number().min(0).max(100).nullable().optional(),
});

/** The report family's name: a shipped or user-added family (db/report-families.json), or 'unknown'. */
export const ReportKind = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

export const PeriodSchema = z.object({
  /** As printed: 'April 17 - Sept 17', 'Sept 2015'. */
  label: z.string().min(1),
  start: Month,
  end: Month,
});

export const AreaSchema = z.object({
  /** Document-local key, stable within one extraction (e.g. "1" or a slug of the label). */
  key: z.string().min(1),
  number: z.number().int().nullable(),
  /** Label as printed (without its leading number). */
  label: z.string().min(1),
  /** The area's "what good looks like" / priority statement, when the report gives one. */
  description: z.string().nullable(),
  place: PlaceSchema.nullable(),
});

export const ScoreOrigin = z.enum(["summary-table", "section", "row"]);

export const ScoreSchema = z.object({
  areaKey: z.string(),
  periodLabel: z.string(),
  /** 1..N (N is the scale's top level); null for 'N/A'. */
  value: z.number().int().nullable(),
  /** Upper bound of a range ('3-4' → 4); equal to value for a single figure; null for 'N/A'. */
  valueMax: z.number().int().nullable(),
  raw: z.string(),
  origin: ScoreOrigin,
  place: PlaceSchema,
});

export const ScaleLevelSchema = z.object({
  level: z.number().int(),
  label: z.string(),
  meaning: z.string().nullable(),
  place: PlaceSchema.nullable(),
});

export const IndicatorUnit = z.enum(["percent", "count"]);

export const IndicatorSchema = z.object({
  value: z.number(),
  unit: IndicatorUnit,
  previous: z.number().nullable(),
  /** The fragment saying what the figure measures. */
  text: z.string(),
  areaKey: z.string().nullable(),
  periodLabel: z.string().nullable(),
  place: PlaceSchema,
});

export const ActionKind = z.enum([
  "next-step",
  "further-action",
  "future-action",
  "development-priority",
  "standard",
]);

export const ActionSchema = z.object({
  text: z.string().min(1),
  kind: ActionKind,
  /** As printed with it: 'in progress', 'achieved', 'COMPLETE'; null when none. */
  status: z.string().nullable(),
  /** RAG rating when the plan has a RAG column; '' when the column is empty; null when no column. */
  rag: z.string().nullable(),
  due: Month.nullable(),
  areaKey: z.string().nullable(),
  place: PlaceSchema,
});

export const GapKind = z.enum(["figures-awaited", "unresolved-query", "pending-report"]);

export const GapSchema = z.object({
  /** The exact text that marks the gap: '??????  (FIGURES STILL WAITING)', '3 DBS awaited'. */
  marker: z.string().min(1),
  /** The surrounding sentence/cell. */
  text: z.string(),
  kind: GapKind,
  areaKey: z.string().nullable(),
  periodLabel: z.string().nullable(),
  place: PlaceSchema,
});

export const MessageSchema = z.object({
  level: z.enum(["info", "warning", "error"]),
  text: z.string(),
  place: PlaceSchema.nullable(),
  source: z.string(),
});

export const PassageKind = z.enum(["heading", "paragraph", "list-item", "table"]);

/**
 * One logical line of the document's text (a paragraph/list/heading line, or one line of a
 * table cell), as src/extract/evidence.ts textUnits yields it. Kept so that queries needing
 * the words around a fact (gap resolution, `show`) read the store, not the source file.
 */
export const PassageSchema = z.object({
  text: z.string(),
  /** The area section it sits in (its table row's area for per-area tables); null outside any. */
  areaKey: z.string().nullable(),
  place: PlaceSchema,
  kind: PassageKind,
  /** Table row and column when the passage is a cell line. */
  row: z.number().int().nullable(),
  col: z.number().int().nullable(),
});

export const DocumentFactsSchema = z.object({
  kind: ReportKind,
  title: z.string().nullable(),
  authority: z.string().nullable(),
  /** Name of the area framework the profile recognised ('cornerstones', 'key-priority-areas', ...). */
  framework: z.string().nullable(),
  periods: z.array(PeriodSchema),
  areas: z.array(AreaSchema),
  scores: z.array(ScoreSchema),
  scale: z.array(ScaleLevelSchema),
  indicators: z.array(IndicatorSchema),
  actions: z.array(ActionSchema),
  gaps: z.array(GapSchema),
  messages: z.array(MessageSchema),
  /** The document's text in reading order (internal: not part of the export contract). */
  passages: z.array(PassageSchema),
});

export type PlaceFact = z.infer<typeof PlaceSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Area = z.infer<typeof AreaSchema>;
export type Score = z.infer<typeof ScoreSchema>;
export type ScaleLevel = z.infer<typeof ScaleLevelSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type Gap = z.infer<typeof GapSchema>;
export type MessageFact = z.infer<typeof MessageSchema>;
export type Passage = z.infer<typeof PassageSchema>;
export type DocumentFacts = z.infer<typeof DocumentFactsSchema>;
export type ReportKindT = z.infer<typeof ReportKind>;
