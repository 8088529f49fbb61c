/**
 * Everything in the store as the `export --format json` contract (DESIGN.md): documents,
 * scores, indicators, actions and gaps, each traceable to its document and page.
 */
import type { Export } from "../facts/export.js";
import type { Store } from "../store/open.js";
import { resolveCanonicalArea, resolveDocuments } from "./filters.js";

export interface ExportFilter {
  /** A path, base name or stem (src/query/filters.ts). */
  document?: string;
  /** A canonical area's name, key or alias: facts of every source area linked to it. */
  area?: string;
  /** Only facts whose area as printed contains this (case-insensitive). */
  sourceArea?: string;
}

/** A filter with its names resolved (or a FilterError thrown): document ids, canonical key. */
interface Scope {
  documentIds?: number[];
  canonicalKey?: string;
  sourceArea?: string;
}

async function scopeOf(db: Store, filter: ExportFilter): Promise<Scope> {
  const scope: Scope = {};
  if (filter.document !== undefined) scope.documentIds = (await resolveDocuments(db, filter.document)).map((d) => d.id);
  if (filter.area !== undefined) scope.canonicalKey = (await resolveCanonicalArea(db, filter.area)).key;
  if (filter.sourceArea !== undefined) scope.sourceArea = filter.sourceArea;
  return scope;
}

export async function exportAll(db: Store, exportFilter: ExportFilter = {}): Promise<Export> {
  const filter = await scopeOf(db, exportFilter);
  const [documents, scores, indicators, actions, gaps] = await Promise.all([
    exportDocuments(db, filter),
    exportScores(db, filter),
    exportIndicators(db, filter),
    exportActions(db, filter),
    exportGaps(db, filter),
  ]);
  return { documents, scores, indicators, actions, gaps };
}

function applyFilter<Q extends { where: (...args: never[]) => Q }>(q: Q, filter: Scope): Q {
  let out = q;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const w = (qq: any, ...args: unknown[]) => qq.where(...args) as Q;
  if (filter.documentIds) out = w(out, "d.id", "in", filter.documentIds);
  if (filter.canonicalKey !== undefined) out = w(out, "c.key", "=", filter.canonicalKey);
  if (filter.sourceArea !== undefined) {
    const like = `%${filter.sourceArea.toLowerCase()}%`;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    out = w(out, (eb: any) => eb(eb.fn("lower", ["a.label"]), "like", like));
  }
  return out;
}

async function exportDocuments(db: Store, filter: Scope): Promise<Export["documents"]> {
  let q = db.selectFrom("documents").selectAll().orderBy("id");
  if (filter.documentIds) q = q.where("id", "in", filter.documentIds);
  const docs = await q.execute();
  const out: Export["documents"] = [];
  for (const d of docs) {
    const periods = await db
      .selectFrom("document_periods as dp")
      .innerJoin("periods as p", "p.id", "dp.period_id")
      .select(["dp.label as label", "p.start_month as start", "p.end_month as end"])
      .where("dp.document_id", "=", d.id)
      .orderBy("dp.ordinal")
      .execute();
    const areas = await db
      .selectFrom("areas")
      .select(["number", "label", "description"])
      .where("document_id", "=", d.id)
      .orderBy("id")
      .execute();
    const scale = await db
      .selectFrom("scale_levels")
      .select(["level", "label", "meaning"])
      .where("document_id", "=", d.id)
      .orderBy("level", "desc")
      .execute();
    const messages = await db
      .selectFrom("messages")
      .select(["level", "text", "page", "source"])
      .where("document_id", "=", d.id)
      .orderBy("id")
      .execute();
    out.push({
      document: d.source,
      report: d.report_id,
      sha256: d.sha256,
      format: d.format,
      kind: d.kind,
      title: d.title,
      authority: d.authority,
      pages: d.pages,
      framework: d.framework,
      extractor_version: d.extractor_version,
      periods,
      areas,
      scale,
      messages,
    });
  }
  return out;
}

async function exportScores(db: Store, filter: Scope): Promise<Export["scores"]> {
  const rows = await applyFilter(
    db
      .selectFrom("scores as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .innerJoin("areas as a", "a.id", "f.area_id")
      .innerJoin("periods as p", "p.id", "f.period_id")
      .innerJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "f.document_id").onRef("dp.period_id", "=", "f.period_id"))
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select([
        "f.id", "d.source as document", "d.report_id as report", "f.page", "f.line_start", "f.ocr_confidence", "a.label as area", "a.number as area_number",
        "c.label as canonical_area", "dp.label as period_label", "p.start_month", "p.end_month",
        "f.value", "f.value_max", "f.raw", "f.origin",
      ])
      .orderBy("f.id"),
    filter,
  ).execute();
  return rows.map((r) => ({
    ...traced(r),
    area: r.area,
    period: { label: r.period_label, start: r.start_month, end: r.end_month },
    value: r.value,
    value_max: r.value_max,
    raw: r.raw,
    origin: r.origin,
  }));
}

/** The document's own label for a period, or the shared one when the document has none. */
async function periodOf(db: Store, documentId: number, periodId: number | null) {
  if (periodId === null) return null;
  const r = await db
    .selectFrom("periods as p")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.period_id", "=", "p.id").on("dp.document_id", "=", documentId))
    .select(["p.label as shared", "dp.label as own", "p.start_month", "p.end_month"])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
  return r ? { label: r.own ?? r.shared, start: r.start_month, end: r.end_month } : null;
}

/** The fields every exported fact shares: which fact, where it comes from, which area it belongs to. */
function traced<R extends FactRow>(r: R) {
  return {
    id: r.id,
    document: r.document,
    report: r.report,
    page: r.page,
    line: r.line_start,
    ocr: r.ocr_confidence !== null,
    ocr_confidence: r.ocr_confidence === null ? null : Math.round(r.ocr_confidence * 10) / 10,
    area: r.area,
    area_number: r.area_number,
    canonical_area: r.canonical_area,
  };
}

interface FactRow {
  id: number;
  document: string;
  report: number | null;
  page: number | null;
  line_start: number | null;
  ocr_confidence: number | null;
  area: string | null;
  area_number: number | null;
  canonical_area: string | null;
}

async function exportIndicators(db: Store, filter: Scope): Promise<Export["indicators"]> {
  const rows = await applyFilter(
    db
      .selectFrom("indicators as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "f.document_id", "f.period_id", "d.source as document", "d.report_id as report", "f.page", "f.line_start", "f.ocr_confidence", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.value", "f.unit", "f.previous", "f.text"])
      .orderBy("f.id"),
    filter,
  ).execute();
  const out: Export["indicators"] = [];
  for (const r of rows) {
    out.push({
      ...traced(r),
      period: await periodOf(db, r.document_id, r.period_id),
      value: r.value, unit: r.unit as "percent" | "count", previous: r.previous, text: r.text,
    });
  }
  return out;
}

async function exportActions(db: Store, filter: Scope): Promise<Export["actions"]> {
  const rows = await applyFilter(
    db
      .selectFrom("actions as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "d.source as document", "d.report_id as report", "f.page", "f.line_start", "f.ocr_confidence", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.text", "f.kind", "f.status", "f.rag", "f.due"])
      .orderBy("f.id"),
    filter,
  ).execute();
  return rows.map((r) => ({
    ...traced(r),
    text: r.text, kind: r.kind, status: r.status, rag: r.rag, due: r.due,
  }));
}

async function exportGaps(db: Store, filter: Scope): Promise<Export["gaps"]> {
  const rows = await applyFilter(
    db
      .selectFrom("gaps as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("documents as rd", "rd.id", "f.resolved_by_document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "f.document_id", "f.period_id", "d.source as document", "d.report_id as report", "f.page", "f.line_start", "f.ocr_confidence", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.marker", "f.text", "f.kind", "f.status", "rd.source as resolved_by"])
      .orderBy("f.id"),
    filter,
  ).execute();
  const out: Export["gaps"] = [];
  for (const r of rows) {
    out.push({
      ...traced(r),
      period: await periodOf(db, r.document_id, r.period_id),
      marker: r.marker, text: r.text, kind: r.kind, status: r.status, resolved_by: r.resolved_by,
    });
  }
  return out;
}
