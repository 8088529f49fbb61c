/**
 * A gap's status belongs to the report, not to the file. The renderings of one report
 * (src/store/reports.ts) each store their own copy of a gap (its own page or line), and the
 * copies are one gap: listed once, checked once by flag-gaps, and resolved or reopened
 * together. The copy stored first (lowest id) stands for the others: its id is the gap's id
 * in every listing, and a new rendering's copy takes its status when stored.
 */
import type { Kysely, Transaction } from "kysely";
import { groupRenderings, keyPart } from "../query/renderings.js";
import type { Database } from "../store/schema.js";
import type { DocInfo, GapInfo } from "./types.js";

type Db = Kysely<Database> | Transaction<Database>;

/** What makes two renderings' gaps one gap: kind, marker, area as printed, period. */
export function gapKey(g: { kind: string; marker: string; areaLabel: string | null; start: string | null; end: string | null }): string {
  return [g.kind, keyPart(g.marker), keyPart(g.areaLabel), g.start ?? "", g.end ?? ""].join("\u0000");
}

/** Gaps (in id order) grouped into one list per report gap, the stored-first copy first. Pure. */
export function groupGapCopies(gaps: readonly GapInfo[], docs: ReadonlyMap<number, DocInfo>): GapInfo[][] {
  return groupRenderings(gaps, (g) => ({
    report: docs.get(g.documentId)?.report ?? null,
    document: g.documentId,
    key: gapKey({ kind: g.kind, marker: g.marker, areaLabel: g.area?.label ?? null, start: g.period?.start ?? null, end: g.period?.end ?? null }),
  }));
}

interface ReportGapRow {
  id: number;
  document_id: number;
  report_id: number | null;
  kind: string;
  marker: string;
  area_label: string | null;
  start_month: string | null;
  end_month: string | null;
  status: string;
  resolved_by_document_id: number | null;
  resolved_page: number | null;
  resolved_text: string | null;
  confidence: number | null;
  note: string | null;
}

/** Every gap of one report (all its renderings), in id order. */
async function reportGaps(db: Db, reportId: number): Promise<ReportGapRow[]> {
  return db
    .selectFrom("gaps as g")
    .innerJoin("documents as d", "d.id", "g.document_id")
    .leftJoin("areas as a", "a.id", "g.area_id")
    .leftJoin("periods as p", "p.id", "g.period_id")
    .select([
      "g.id", "g.document_id", "d.report_id", "g.kind", "g.marker", "a.label as area_label", "p.start_month", "p.end_month",
      "g.status", "g.resolved_by_document_id", "g.resolved_page", "g.resolved_text", "g.confidence", "g.note",
    ])
    .where("d.report_id", "=", reportId)
    .orderBy("g.id")
    .execute();
}

function groupRows(rows: readonly ReportGapRow[]): ReportGapRow[][] {
  return groupRenderings(rows, (r) => ({
    report: r.report_id,
    document: r.document_id,
    key: gapKey({ kind: r.kind, marker: r.marker, areaLabel: r.area_label, start: r.start_month, end: r.end_month }),
  }));
}

/** The ids of one gap's copies across its report's renderings (itself included), stored-first first. */
export async function gapCopies(db: Db, gapId: number): Promise<number[]> {
  const own = await db
    .selectFrom("gaps as g")
    .innerJoin("documents as d", "d.id", "g.document_id")
    .select("d.report_id")
    .where("g.id", "=", gapId)
    .executeTakeFirst();
  if (!own || own.report_id === null) return own ? [gapId] : [];
  const group = groupRows(await reportGaps(db, own.report_id)).find((g) => g.some((r) => r.id === gapId));
  return group ? group.map((r) => r.id) : [gapId];
}

/**
 * A newly stored rendering's gaps take the status of the copy stored first (a person's or the
 * job's decision about the report's gap), with an event saying where it came from.
 */
export async function shareReportGapStatus(db: Db, documentId: number, reportId: number, now: string): Promise<void> {
  for (const group of groupRows(await reportGaps(db, reportId))) {
    const first = group[0]!;
    if (first.document_id === documentId) continue;
    for (const copy of group) {
      if (copy.document_id !== documentId || sameStatus(copy, first)) continue;
      const last = await db
        .selectFrom("gap_events")
        .select(["decided_by"])
        .where("gap_id", "=", first.id)
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      await db
        .updateTable("gaps")
        .set({
          status: first.status,
          resolved_by_document_id: first.resolved_by_document_id,
          resolved_page: first.resolved_page,
          resolved_text: first.resolved_text,
          confidence: first.confidence,
          note: first.note,
        })
        .where("id", "=", copy.id)
        .execute();
      await db
        .insertInto("gap_events")
        .values({
          gap_id: copy.id,
          status: first.status,
          // Who decided the report's gap decided this copy too (a person's decision keeps binding the job).
          decided_by: last?.decided_by ?? "ingest",
          note: `status of the same gap in another rendering of the report (gap ${first.id})`,
          evidence: JSON.stringify({ copied_from: first.id }),
          at: now,
        })
        .execute();
    }
  }
}

function sameStatus(a: ReportGapRow, b: ReportGapRow): boolean {
  return a.status === b.status && a.resolved_by_document_id === b.resolved_by_document_id && a.note === b.note;
}
