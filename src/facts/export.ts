/**
 * The `scorebook export --format json` contract (DESIGN.md), as zod schemas: the store's
 * export query produces these records and the JSON Schema of the export comes from here.
 * `factsToExport` maps one document's facts straight to the same shape (used before a
 * store exists, e.g. by `pipelines/dev-extract`).
 */
import { z } from "zod";
import type { DocumentFacts } from "./schema.js";

const ExportPeriod = z.object({ label: z.string(), start: z.string(), end: z.string() });

const Traceable = {
  document: z.string(),
  page: z.number().int().nullable(),
  line: z.number().int().nullable(),
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

/** One document's facts → export records (no store, no ids, no canonical areas). */
export function factsToExport(
  source: { document: string; format: string; pages: number | null; sha256?: string | null },
  facts: DocumentFacts,
  extractorVersion: string | null = null,
): Export {
  const areaByKey = new Map(facts.areas.map((a) => [a.key, a]));
  const periodByLabel = new Map(facts.periods.map((p) => [p.label, p]));
  const areaFields = (key: string | null) => {
    const area = key === null ? undefined : areaByKey.get(key);
    return { area: area?.label ?? null, area_number: area?.number ?? null, canonical_area: null };
  };
  const periodOf = (label: string | null) => {
    const p = label === null ? undefined : periodByLabel.get(label);
    return p ? { label: p.label, start: p.start, end: p.end } : null;
  };
  const trace = (place: { page: number | null; lines?: [number, number] | null | undefined }) => ({
    document: source.document,
    page: place.page,
    line: place.lines?.[0] ?? null,
  });
  return {
    documents: [
      {
        document: source.document,
        sha256: source.sha256 ?? null,
        format: source.format,
        kind: facts.kind,
        title: facts.title,
        authority: facts.authority,
        pages: source.pages,
        framework: facts.framework,
        extractor_version: extractorVersion,
        periods: facts.periods.map(({ label, start, end }) => ({ label, start, end })),
        areas: facts.areas.map(({ number, label, description }) => ({ number, label, description })),
        scale: facts.scale.map(({ level, label, meaning }) => ({ level, label, meaning })),
        messages: facts.messages.map((m) => ({ level: m.level, text: m.text, page: m.place?.page ?? null, source: m.source })),
      },
    ],
    scores: facts.scores.map((s) => {
      const period = periodOf(s.periodLabel) ?? { label: s.periodLabel, start: "", end: "" };
      const area = areaFields(s.areaKey);
      return {
        ...trace(s.place),
        id: null,
        ...area,
        area: area.area ?? s.areaKey,
        period,
        value: s.value,
        value_max: s.valueMax,
        raw: s.raw,
        origin: s.origin,
      };
    }),
    indicators: facts.indicators.map((i) => ({
      ...trace(i.place),
      id: null,
      ...areaFields(i.areaKey),
      period: periodOf(i.periodLabel),
      value: i.value,
      unit: i.unit,
      previous: i.previous,
      text: i.text,
    })),
    actions: facts.actions.map((a) => ({
      ...trace(a.place),
      id: null,
      ...areaFields(a.areaKey),
      text: a.text,
      kind: a.kind,
      status: a.status,
      rag: a.rag,
      due: a.due,
    })),
    gaps: facts.gaps.map((g) => ({
      ...trace(g.place),
      id: null,
      ...areaFields(g.areaKey),
      period: periodOf(g.periodLabel),
      marker: g.marker,
      text: g.text,
      kind: g.kind,
      status: "open",
      resolved_by: null,
    })),
  };
}

/** Concatenate several documents' exports into one. */
export function mergeExports(parts: Export[]): Export {
  return {
    documents: parts.flatMap((p) => p.documents),
    scores: parts.flatMap((p) => p.scores),
    indicators: parts.flatMap((p) => p.indicators),
    actions: parts.flatMap((p) => p.actions),
    gaps: parts.flatMap((p) => p.gaps),
  };
}
