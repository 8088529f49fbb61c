/**
 * One report, several files. A council's report is often archived as a PDF, a DOCX and a
 * text extraction; each file is its own document (its own bytes, pages and places), but they
 * are renderings of ONE report, and every count an auditor quotes must count it once.
 *
 * Which files are renderings of one report is decided by content, never by file name: the
 * same kind, authority and title (when both files print one), the same reporting periods, and
 * nearly the same facts (scores, indicators, gap markers: a text extraction may lose or gain a
 * line, so the fact sets need only agree by REPORT_TUNING.minFactAgreement). The report id is
 * stored on the document (documents.report_id → reports.id) when it is stored, so it is
 * stable: a later file never regroups earlier ones, and `ingest --force` keeps the id.
 *
 * Every query here is kysely's builder over portable SQL (a PostgreSQL store comes next).
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export const REPORT_TUNING = {
  /**
   * Dice agreement of two files' fact multisets needed to call them one report. The bundled
   * renderings agree at 0.98–1.0; two reports of one series print different periods anyway.
   */
  minFactAgreement: 0.8,
} as const;

/** What decides that two files are one report, read from the stored rows. */
export interface ReportSignature {
  documentId: number;
  kind: string;
  authority: string | null;
  title: string | null;
  /** "start/end" of every period the document prints, sorted. */
  periods: string[];
  /** One key per stored score, indicator and gap (a multiset). */
  facts: string[];
}

/** Words only, lower-cased, digits kept ("October 17 – March 2018" → "october 17 march 2018"). */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .join(" ");
}

/** Authority names compare without case, "the" or punctuation. */
function authorityKey(a: string): string {
  return textKey(a.replace(/\bthe\b/gi, ""));
}

/** Dice coefficient of two multisets of keys: 2·|A∩B| / (|A|+|B|). */
export function diceAgreement(a: readonly string[], b: readonly string[]): number {
  if (a.length + b.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const k of a) counts.set(k, (counts.get(k) ?? 0) + 1);
  let shared = 0;
  for (const k of b) {
    const n = counts.get(k) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(k, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length);
}

/** The cheap part of the decision (no facts needed). Pure. */
export function sameHeader(a: Omit<ReportSignature, "facts">, b: Omit<ReportSignature, "facts">): boolean {
  if (a.kind !== b.kind) return false;
  if ((a.authority === null) !== (b.authority === null)) return false;
  if (a.authority !== null && authorityKey(a.authority) !== authorityKey(b.authority!)) return false;
  if (a.title !== null && b.title !== null && textKey(a.title) !== textKey(b.title)) return false;
  return a.periods.length === b.periods.length && a.periods.every((p, i) => p === b.periods[i]);
}

/**
 * Two files are one report: same header, and their facts agree. Two files with no facts at all
 * agree only when they print the same title (nothing else tells two empty reports apart). Pure.
 */
export function sameReport(a: ReportSignature, b: ReportSignature): boolean {
  if (!sameHeader(a, b)) return false;
  if (a.facts.length === 0 && b.facts.length === 0) return a.title !== null && b.title !== null;
  return diceAgreement(a.facts, b.facts) >= REPORT_TUNING.minFactAgreement;
}

async function headers(db: Db, filter: { documentId?: number; kind?: string; reported?: boolean }): Promise<Omit<ReportSignature, "facts">[]> {
  let q = db.selectFrom("documents").select(["id", "kind", "authority", "title"]).orderBy("id");
  if (filter.documentId !== undefined) q = q.where("id", "=", filter.documentId);
  if (filter.kind !== undefined) q = q.where("kind", "=", filter.kind);
  if (filter.reported) q = q.where("report_id", "is not", null);
  const docs = await q.execute();
  if (docs.length === 0) return [];
  const periods = await db
    .selectFrom("document_periods as dp")
    .innerJoin("periods as p", "p.id", "dp.period_id")
    .select(["dp.document_id", "p.start_month", "p.end_month"])
    .where("dp.document_id", "in", docs.map((d) => d.id))
    .execute();
  const byDoc = new Map<number, string[]>();
  for (const p of periods) byDoc.set(p.document_id, [...(byDoc.get(p.document_id) ?? []), `${p.start_month}/${p.end_month}`]);
  return docs.map((d) => ({
    documentId: d.id,
    kind: d.kind,
    authority: d.authority,
    title: d.title,
    periods: [...new Set(byDoc.get(d.id) ?? [])].sort(),
  }));
}

/** The multiset of a document's fact keys: scores by area, period and value; indicators by value; gaps by marker. */
async function factKeys(db: Db, documentId: number): Promise<string[]> {
  const scores = await db
    .selectFrom("scores as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .select(["a.label", "p.start_month", "p.end_month", "s.value", "s.value_max"])
    .where("s.document_id", "=", documentId)
    .execute();
  const indicators = await db.selectFrom("indicators").select(["value", "unit", "previous"]).where("document_id", "=", documentId).execute();
  const gaps = await db.selectFrom("gaps").select(["kind", "marker"]).where("document_id", "=", documentId).execute();
  return [
    ...scores.map((s) => `s|${textKey(s.label)}|${s.start_month}/${s.end_month}|${s.value}|${s.value_max}`),
    ...indicators.map((i) => `i|${i.value}|${i.unit}|${i.previous}`),
    ...gaps.map((g) => `g|${g.kind}|${textKey(g.marker)}`),
  ];
}

/**
 * The report a stored document belongs to: the report of an earlier document that is a
 * rendering of the same one (the earliest such, by document id), else a new report. Writes
 * documents.report_id. Runs in the caller's transaction (the document's own).
 */
export async function assignReport(db: Db, documentId: number, keep: number | null = null): Promise<number> {
  const reportId = keep ?? (await findReport(db, documentId)) ?? (await newReport(db, documentId));
  await db.updateTable("documents").set({ report_id: reportId }).where("id", "=", documentId).execute();
  return reportId;
}

async function findReport(db: Db, documentId: number): Promise<number | null> {
  const [own] = await headers(db, { documentId });
  if (!own) return null;
  const candidates = (await headers(db, { kind: own.kind, reported: true })).filter((c) => c.documentId !== documentId && sameHeader(own, c));
  if (candidates.length === 0) return null;
  const mine = { ...own, facts: await factKeys(db, documentId) };
  for (const c of candidates) {
    if (!sameReport(mine, { ...c, facts: await factKeys(db, c.documentId) })) continue;
    const row = await db.selectFrom("documents").select("report_id").where("id", "=", c.documentId).executeTakeFirst();
    if (row?.report_id != null) return row.report_id;
  }
  return null;
}

async function newReport(db: Db, documentId: number): Promise<number> {
  const doc = await db.selectFrom("documents").select(["kind", "authority", "title", "ingested_at"]).where("id", "=", documentId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto("reports")
    .values({ kind: doc.kind, authority: doc.authority, title: doc.title, ingested_at: doc.ingested_at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Give every document without a report one, oldest first (migration 005 on an existing store). */
export async function assignMissingReports(db: Db): Promise<void> {
  const docs = await db.selectFrom("documents").select("id").where("report_id", "is", null).orderBy("id").execute();
  for (const d of docs) await assignReport(db, d.id);
}

/** A document's report id (null only for a store written before reports existed and not yet migrated). */
export async function reportOf(db: Db, documentId: number): Promise<number | null> {
  const row = await db.selectFrom("documents").select("report_id").where("id", "=", documentId).executeTakeFirst();
  return row?.report_id ?? null;
}
