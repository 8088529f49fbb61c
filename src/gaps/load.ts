/**
 * Reading what the gap matcher and the gaps listing need from the store, as plain data
 * (src/gaps/types.ts). Reads only; the ledger (src/gaps/ledger.ts) does the writing.
 */
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { figuresIn } from "./text.js";
import type { AreaRef, Candidate, DocInfo, GapInfo, LastDecision } from "./types.js";

type Db = Kysely<Database>;

/** Every document with its reporting period (the latest one it prints). */
export async function loadDocuments(db: Db): Promise<Map<number, DocInfo>> {
  const docs = await db.selectFrom("documents").select(["id", "source", "authority", "ingested_at", "report_id"]).orderBy("id").execute();
  const periods = await db
    .selectFrom("document_periods as dp")
    .innerJoin("periods as p", "p.id", "dp.period_id")
    .select(["dp.document_id", "dp.label", "p.start_month", "p.end_month"])
    .execute();
  const out = new Map<number, DocInfo>();
  for (const d of docs) {
    out.set(d.id, { id: d.id, source: d.source, authority: d.authority, ingestedAt: d.ingested_at, report: d.report_id, reporting: null });
  }
  for (const p of periods) {
    const doc = out.get(p.document_id);
    if (!doc) continue;
    const held = doc.reporting;
    // The latest-ending period is the one reported on; a report also reprints earlier ones to compare.
    if (!held || p.end_month > held.end || (p.end_month === held.end && p.start_month > held.start)) {
      doc.reporting = { label: p.label, start: p.start_month, end: p.end_month };
    }
  }
  return out;
}

/** Areas as printed, with their canonical link when alignment has made one. */
export async function loadAreas(db: Db): Promise<Map<number, AreaRef>> {
  const rows = await db
    .selectFrom("areas as a")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["a.id", "a.label", "l.canonical_area_id", "c.label as canonical_label"])
    .where("a.document_id", "is not", null)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, label: r.label, canonicalId: r.canonical_area_id ?? null, canonicalLabel: r.canonical_label ?? null }]),
  );
}

export async function loadGaps(db: Db, areas: ReadonlyMap<number, AreaRef>, filter: { status?: string } = {}): Promise<GapInfo[]> {
  let q = db
    .selectFrom("gaps as g")
    .leftJoin("periods as p", "p.id", "g.period_id")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "g.document_id").onRef("dp.period_id", "=", "g.period_id"))
    .select([
      "g.id", "g.document_id", "g.area_id", "g.marker", "g.text", "g.kind", "g.page", "g.line_start", "g.status",
      "g.resolved_by_document_id", "g.resolved_page", "g.resolved_text", "g.confidence", "g.note", "p.label as shared_label", "dp.label as own_label", "p.start_month", "p.end_month",
    ])
    .orderBy("g.id");
  if (filter.status !== undefined) q = q.where("g.status", "=", filter.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    marker: r.marker,
    text: r.text,
    kind: r.kind,
    area: r.area_id === null ? null : areas.get(r.area_id) ?? null,
    page: r.page,
    line: r.line_start,
    period:
      r.start_month !== null && r.end_month !== null
        ? { label: r.own_label ?? r.shared_label ?? "", start: r.start_month, end: r.end_month }
        : null,
    status: r.status,
    resolvedByDocumentId: r.resolved_by_document_id,
    resolvedPage: r.resolved_page,
    resolvedText: r.resolved_text,
    confidence: r.confidence,
    note: r.note,
  }));
}

/**
 * Statements that might supply a figure: every indicator, and actions whose text prints a
 * figure (a plan row can report "28 Members attended"). Grouped by document.
 */
export async function loadCandidates(db: Db, areas: ReadonlyMap<number, AreaRef>): Promise<Map<number, Candidate[]>> {
  const out = new Map<number, Candidate[]>();
  const add = (c: Candidate) => {
    const list = out.get(c.documentId);
    if (list) list.push(c);
    else out.set(c.documentId, [c]);
  };
  const area = (id: number | null) => (id === null ? null : areas.get(id) ?? null);
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "document_id", "area_id", "page", "line_start", "text", "value", "unit"])
    .orderBy("id")
    .execute();
  for (const r of indicators) {
    add({
      source: "indicator", id: r.id, documentId: r.document_id, page: r.page, line: r.line_start, text: r.text,
      value: r.value, unit: r.unit === "percent" ? "percent" : "count", area: area(r.area_id),
    });
  }
  const actions = await db.selectFrom("actions").select(["id", "document_id", "area_id", "page", "line_start", "text"]).orderBy("id").execute();
  for (const r of actions) {
    const figure = figuresIn(r.text)[0];
    if (!figure) continue;
    add({
      source: "action", id: r.id, documentId: r.document_id, page: r.page, line: r.line_start, text: r.text,
      value: figure.value, unit: figure.unit, area: area(r.area_id),
    });
  }
  return out;
}

/** Each gap's latest decision (the last status event), oldest-first ids break ties. */
export async function loadLastDecisions(db: Db): Promise<Map<number, LastDecision>> {
  const rows = await db.selectFrom("gap_events").select(["gap_id", "status", "decided_by", "at", "id"]).orderBy("id").execute();
  const out = new Map<number, LastDecision>();
  for (const r of rows) out.set(r.gap_id, { status: r.status, decidedBy: r.decided_by, at: r.at });
  return out;
}

/** The latest manual decision per gap (manual decisions bind automatic runs). */
export async function loadLastManual(db: Db): Promise<Map<number, LastDecision>> {
  const rows = await db
    .selectFrom("gap_events")
    .select(["gap_id", "status", "decided_by", "at", "id"])
    .where("decided_by", "=", MANUAL)
    .orderBy("id")
    .execute();
  const out = new Map<number, LastDecision>();
  for (const r of rows) out.set(r.gap_id, { status: r.status, decidedBy: r.decided_by, at: r.at });
  return out;
}

/** decided_by of a person's decision (`gaps resolve` / `gaps reopen`). */
export const MANUAL = "manual";
/** decided_by of the automatic job. */
export const AUTOMATIC = "flag-gaps";

export function groupByDocument(gaps: readonly GapInfo[]): Map<number, GapInfo[]> {
  const out = new Map<number, GapInfo[]>();
  for (const g of gaps) {
    const list = out.get(g.documentId);
    if (list) list.push(g);
    else out.set(g.documentId, [g]);
  }
  return out;
}
