/**
 * What is in the store, for finding things: every document (file) with its report, kind,
 * title, periods and how many facts it gave, and every period with the documents that report
 * on it. The CLI's `documents`/`periods`, the web app's /api/documents and /api/periods and its
 * /documents pages are renderers over these (DESIGN.md: one view, several renderers).
 */
import type { Store } from "../store/open.js";

export interface DocumentRecord {
  id: number;
  /** The report this file renders: renderings of one report (PDF, DOCX, text) share it. */
  report: number | null;
  file: string;
  path: string | null;
  format: string;
  kind: string;
  title: string | null;
  authority: string | null;
  pages: number | null;
  periods: { label: string; start: string; end: string }[];
  counts: { areas: number; scores: number; indicators: number; actions: number; gaps: number; warnings: number };
  ingested_at: string;
}

export interface PeriodRecord {
  /** The label first printed for it; `labels` has every label documents printed. */
  label: string;
  labels: string[];
  start: string;
  end: string;
  /** Months the period covers (a point evaluation such as "Sept 2015" is 1). */
  months: number;
  /** Files that print it, and the reports they render. */
  documents: string[];
  reports: number;
}

type CountTable = "areas" | "scores" | "indicators" | "actions" | "gaps";

/** Which documents: all of them, one page of them (by id), or those with the given ids. */
export interface DocumentSelection {
  offset?: number;
  limit?: number;
  ids?: readonly number[];
}

/** Rows per document of one fact table, in one grouped query (for the selected ids only, when given). */
async function countsBy(db: Store, table: CountTable, ids: readonly number[] | null): Promise<Map<number, number>> {
  let q = db
    .selectFrom(table)
    .select((eb) => ["document_id", eb.fn.countAll<number>().as("n")])
    .where("document_id", "is not", null);
  if (ids) q = q.where("document_id", "in", ids);
  const rows = await q.groupBy("document_id").execute();
  return new Map(rows.map((r) => [Number(r.document_id), Number(r.n)]));
}

/** Warnings (messages above info) per document. */
async function warningCounts(db: Store, ids: readonly number[] | null): Promise<Map<number, number>> {
  let q = db
    .selectFrom("messages")
    .select((eb) => ["document_id", eb.fn.countAll<number>().as("n")])
    .where("level", "!=", "info");
  if (ids) q = q.where("document_id", "in", ids);
  const rows = await q.groupBy("document_id").execute();
  return new Map(rows.map((r) => [Number(r.document_id), Number(r.n)]));
}

export async function countDocuments(db: Store): Promise<number> {
  const r = await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Every document in id order (`scorebook documents`), or a selection of them: a page
 * (offset/limit, for the web app's list of tens of thousands) or given ids. Counts and periods
 * are read for the selected documents only.
 */
export async function listDocuments(db: Store, selection: DocumentSelection = {}): Promise<DocumentRecord[]> {
  if (selection.ids?.length === 0) return [];
  let dq = db.selectFrom("documents").selectAll().orderBy("id");
  if (selection.ids) dq = dq.where("id", "in", selection.ids);
  if (selection.limit !== undefined) dq = dq.limit(selection.limit).offset(selection.offset ?? 0);
  const docs = await dq.execute();
  if (docs.length === 0) return [];
  const selected = selection.ids || selection.limit !== undefined ? docs.map((d) => d.id) : null;
  let pq = db
    .selectFrom("document_periods as dp")
    .innerJoin("periods as p", "p.id", "dp.period_id")
    .select(["dp.document_id", "dp.label", "p.start_month", "p.end_month"]);
  if (selected) pq = pq.where("dp.document_id", "in", selected);
  const periods = await pq.orderBy("dp.document_id").orderBy("dp.ordinal").execute();
  const periodsOf = new Map<number, DocumentRecord["periods"]>();
  for (const p of periods) periodsOf.set(p.document_id, [...(periodsOf.get(p.document_id) ?? []), { label: p.label, start: p.start_month, end: p.end_month }]);
  const [areas, scores, indicators, actions, gaps, warnings] = await Promise.all([
    countsBy(db, "areas", selected),
    countsBy(db, "scores", selected),
    countsBy(db, "indicators", selected),
    countsBy(db, "actions", selected),
    countsBy(db, "gaps", selected),
    warningCounts(db, selected),
  ]);
  return docs.map((d) => ({
    id: d.id,
    report: d.report_id,
    file: d.source,
    path: d.path,
    format: d.format,
    kind: d.kind,
    title: d.title,
    authority: d.authority,
    pages: d.pages,
    periods: periodsOf.get(d.id) ?? [],
    counts: {
      areas: areas.get(d.id) ?? 0,
      scores: scores.get(d.id) ?? 0,
      indicators: indicators.get(d.id) ?? 0,
      actions: actions.get(d.id) ?? 0,
      gaps: gaps.get(d.id) ?? 0,
      warnings: warnings.get(d.id) ?? 0,
    },
    ingested_at: d.ingested_at,
  }));
}

export interface DocumentMessage {
  level: string;
  source: string;
  text: string;
  page: number | null;
  line: number | null;
}

/** One document as `documents` lists it, plus what its own page shows: framework, extractor, sha256 and every message. */
export interface DocumentDetail extends DocumentRecord {
  framework: string | null;
  extractor_version: string;
  sha256: string;
  messages: DocumentMessage[];
}

export async function documentDetail(db: Store, id: number): Promise<DocumentDetail | null> {
  const [record] = await listDocuments(db, { ids: [id] });
  if (!record) return null;
  const own = await db.selectFrom("documents").select(["framework", "extractor_version", "sha256"]).where("id", "=", id).executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom("messages")
    .select(["level", "source", "text", "page", "line_start"])
    .where("document_id", "=", id)
    .orderBy("id")
    .execute();
  return { ...record, ...own, messages: messages.map((m) => ({ level: m.level, source: m.source, text: m.text, page: m.page, line: m.line_start })) };
}

/** Months from start to end, both included ("2017-10".."2018-03" → 6). */
export function monthsBetween(start: string, end: string): number {
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [ey, em] = end.split("-").map(Number) as [number, number];
  return (ey - sy) * 12 + (em - sm) + 1;
}

/** Every period on the store's time line, in time order, with the files that print it. */
export async function listPeriods(db: Store): Promise<PeriodRecord[]> {
  const rows = await db
    .selectFrom("periods as p")
    .leftJoin("document_periods as dp", "dp.period_id", "p.id")
    .leftJoin("documents as d", "d.id", "dp.document_id")
    .select(["p.id", "p.label", "p.start_month", "p.end_month", "dp.label as printed", "d.source", "d.report_id", "d.id as document_id"])
    .orderBy("p.start_month")
    .orderBy("p.end_month")
    .orderBy("d.id")
    .execute();
  const byId = new Map<number, PeriodRecord & { reportKeys: Set<string> }>();
  for (const r of rows) {
    let p = byId.get(r.id);
    if (!p) {
      p = { label: r.label, labels: [], start: r.start_month, end: r.end_month, months: monthsBetween(r.start_month, r.end_month), documents: [], reports: 0, reportKeys: new Set() };
      byId.set(r.id, p);
    }
    for (const l of [r.label, r.printed]) if (l && !p.labels.includes(l)) p.labels.push(l);
    if (r.source !== null && !p.documents.includes(r.source)) p.documents.push(r.source);
    if (r.document_id !== null) p.reportKeys.add(r.report_id === null ? `document:${r.document_id}` : `report:${r.report_id}`);
  }
  // Periods no document prints any more (their documents were replaced) are not listed.
  return [...byId.values()]
    .filter((p) => p.documents.length > 0)
    .map(({ reportKeys, ...p }) => ({ ...p, reports: reportKeys.size }));
}
