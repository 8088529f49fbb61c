/**
 * The `scorebook export --format json` contract (DESIGN.md), as zod schemas: the store's
 * export query produces these records and the JSON Schema of the export comes from here.
 */
import { z } from "zod";

const ExportPeriod = z.object({ label: z.string(), start: z.string(), end: z.string() });

const Traceable = {
  document: z.string(),
  /** The report the document renders: several files (PDF, DOCX, text) of one report share it. */
  report: z.number().int().nullable(),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
  /** Beside the contract's fields: whether the fact was read by OCR, and the confidence (0..100) of its words. */
  ocr: z.boolean(),
  ocr_confidence: z.number().nullable(),
};

export const ExportScore = z.object({
  ...Traceable,
  id: z.number().int().nullable(),
  area: z.string(),
  area_number: z.number().int().nullable(),
  canonical_area: z.string().nullable(),
  period: ExportPeriod,
  value: z.number().int().nullable(),
  value_max: z.number().int().nullable(),
  raw: z.string(),
  origin: z.string(),
});

export const ExportIndicator = z.object({
  ...Traceable,
  id: z.number().int().nullable(),
  area: z.string().nullable(),
  area_number: z.number().int().nullable(),
  canonical_area: z.string().nullable(),
  period: ExportPeriod.nullable(),
  value: z.number(),
  unit: z.enum(["percent", "count"]),
  previous: z.number().nullable(),
  text: z.string(),
});

export const ExportAction = z.object({
  ...Traceable,
  id: z.number().int().nullable(),
  area: z.string().nullable(),
  area_number: z.number().int().nullable(),
  canonical_area: z.string().nullable(),
  text: z.string(),
  kind: z.string(),
  status: z.string().nullable(),
  rag: z.string().nullable(),
  due: z.string().nullable(),
});

export const ExportGap = z.object({
  ...Traceable,
  id: z.number().int().nullable(),
  area: z.string().nullable(),
  area_number: z.number().int().nullable(),
  canonical_area: z.string().nullable(),
  period: ExportPeriod.nullable(),
  marker: z.string(),
  text: z.string(),
  kind: z.string(),
  status: z.string(),
  resolved_by: z.string().nullable(),
});

export const ExportDocument = z.object({
  document: z.string(),
  report: z.number().int().nullable(),
  sha256: z.string().nullable(),
  format: z.string(),
  kind: z.string(),
  title: z.string().nullable(),
  authority: z.string().nullable(),
  pages: z.number().int().nullable(),
  framework: z.string().nullable(),
  extractor_version: z.string().nullable(),
  periods: z.array(ExportPeriod),
  areas: z.array(
    z.object({ number: z.number().int().nullable(), label: z.string(), description: z.string().nullable() }),
  ),
  scale: z.array(z.object({ level: z.number().int(), label: z.string(), meaning: z.string().nullable() })),
  messages: z.array(z.object({ level: z.string(), text: z.string(), page: z.number().int().nullable(), source: z.string() })),
});

export const ExportSchema = z.object({
  documents: z.array(ExportDocument),
  scores: z.array(ExportScore),
  indicators: z.array(ExportIndicator),
  actions: z.array(ExportAction),
  gaps: z.array(ExportGap),
});

export type Export = z.infer<typeof ExportSchema>;
export type ExportScoreT = z.infer<typeof ExportScore>;
