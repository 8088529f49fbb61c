/**
 * Everything in the store as the `export --format json` contract (DESIGN.md): documents,
 * scores, indicators, actions and gaps, each traceable to its document and page.
 */
import { sql } from "kysely";
import type { Export } from "../facts/export.js";
import type { Store } from "../store/open.js";

export interface ExportFilter {
  document?: string;
  area?: string;
}

export async function exportAll(db: Store, filter: ExportFilter = {}): Promise<Export> {
  const [documents, scores, indicators, actions, gaps] = await Promise.all([
    exportDocuments(db, filter),
    exportScores(db, filter),
    exportIndicators(db, filter),
    exportActions(db, filter),
    exportGaps(db, filter),
  ]);
  return { documents, scores, indicators, actions, gaps };
}

function applyFilter<Q extends { where: (...args: never[]) => Q }>(q: Q, filter: ExportFilter): Q {
  let out = q;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const w = (qq: any, ...args: unknown[]) => qq.where(...args) as Q;
  if (filter.document) out = w(out, "d.source", "=", filter.document);
  if (filter.area) {
    const like = `%${filter.area.toLowerCase()}%`;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    out = w(out, (eb: any) =>
      eb.or([eb(sql`lower(a.label)`, "like", like), eb(sql`lower(c.label)`, "like", like), eb("c.key", "=", filter.area)]),
    );
  }
  return out;
}

async function exportDocuments(db: Store, filter: ExportFilter): Promise<Export["documents"]> {
  let q = db.selectFrom("documents").selectAll().orderBy("id");
  if (filter.document) q = q.where("source", "=", filter.document);
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

async function exportScores(db: Store, filter: ExportFilter): Promise<Export["scores"]> {
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
        "f.id", "d.source as document", "f.page", "f.line_start", "a.label as area", "a.number as area_number",
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
    page: r.page,
    line: r.line_start,
    area: r.area,
    area_number: r.area_number,
    canonical_area: r.canonical_area,
  };
}

interface FactRow {
  id: number;
  document: string;
  page: number | null;
  line_start: number | null;
  area: string | null;
  area_number: number | null;
  canonical_area: string | null;
}

async function exportIndicators(db: Store, filter: ExportFilter): Promise<Export["indicators"]> {
  const rows = await applyFilter(
    db
      .selectFrom("indicators as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "f.document_id", "f.period_id", "d.source as document", "f.page", "f.line_start", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.value", "f.unit", "f.previous", "f.text"])
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

async function exportActions(db: Store, filter: ExportFilter): Promise<Export["actions"]> {
  const rows = await applyFilter(
    db
      .selectFrom("actions as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "d.source as document", "f.page", "f.line_start", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.text", "f.kind", "f.status", "f.rag", "f.due"])
      .orderBy("f.id"),
    filter,
  ).execute();
  return rows.map((r) => ({
    ...traced(r),
    text: r.text, kind: r.kind, status: r.status, rag: r.rag, due: r.due,
  }));
}

async function exportGaps(db: Store, filter: ExportFilter): Promise<Export["gaps"]> {
  const rows = await applyFilter(
    db
      .selectFrom("gaps as f")
      .innerJoin("documents as d", "d.id", "f.document_id")
      .leftJoin("documents as rd", "rd.id", "f.resolved_by_document_id")
      .leftJoin("areas as a", "a.id", "f.area_id")
      .leftJoin("area_links as l", "l.area_id", "f.area_id")
      .leftJoin("areas as c", "c.id", "l.canonical_area_id")
      .select(["f.id", "f.document_id", "f.period_id", "d.source as document", "f.page", "f.line_start", "a.label as area", "a.number as area_number", "c.label as canonical_area", "f.marker", "f.text", "f.kind", "f.status", "rd.source as resolved_by"])
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
