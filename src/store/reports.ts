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

type Header = Omit<ReportSignature, "facts">;

/** Kind, authority, title and periods of the given documents, in id order. */
async function headers(db: Db, ids: readonly number[]): Promise<Header[]> {
  if (ids.length === 0) return [];
  const docs = await db.selectFrom("documents").select(["id", "kind", "authority", "title"]).where("id", "in", [...ids]).orderBy("id").execute();
  const periods = await db
    .selectFrom("document_periods as dp")
    .innerJoin("periods as p", "p.id", "dp.period_id")
    .select(["dp.document_id", "p.start_month", "p.end_month"])
    .where("dp.document_id", "in", [...ids])
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

/**
 * The multisets of the given documents' fact keys: scores by area, period and value;
 * indicators by value; gaps by kind and marker. Three queries whatever the number of documents.
 */
async function factKeys(db: Db, ids: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const add = (id: number, key: string) => out.get(id)?.push(key);
  const scores = await db
    .selectFrom("scores as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .select(["s.document_id", "a.label", "p.start_month", "p.end_month", "s.value", "s.value_max"])
    .where("s.document_id", "in", [...ids])
    .execute();
  for (const r of scores) add(r.document_id, `s|${textKey(r.label)}|${r.start_month}/${r.end_month}|${r.value}|${r.value_max}`);
  const indicators = await db.selectFrom("indicators").select(["document_id", "value", "unit", "previous"]).where("document_id", "in", [...ids]).execute();
  for (const r of indicators) add(r.document_id, `i|${r.value}|${r.unit}|${r.previous}`);
  const gaps = await db.selectFrom("gaps").select(["document_id", "kind", "marker"]).where("document_id", "in", [...ids]).execute();
  for (const r of gaps) add(r.document_id, `g|${r.kind}|${textKey(r.marker)}`);
  return out;
}

/**
 * The report a stored document belongs to: the report of an earlier document that is a
 * rendering of the same one (the earliest such report), else a new report. Writes
 * documents.report_id. Runs in the caller's transaction (the document's own).
 */
export async function assignReport(db: Db, documentId: number, keep: number | null = null): Promise<number> {
  const reportId = keep ?? (await findReport(db, documentId)) ?? (await newReport(db, documentId));
  await db.updateTable("documents").set({ report_id: reportId }).where("id", "=", documentId).execute();
  return reportId;
}

/**
 * Candidates are narrowed in the store first (same kind, a period in common, already in a
 * report), one document per report (its renderings agree with each other); then by header;
 * only those left have their facts read, all at once.
 */
async function findReport(db: Db, documentId: number): Promise<number | null> {
  const [own] = await headers(db, [documentId]);
  if (!own) return null;
  const sharing = await db
    .selectFrom("documents as d")
    .innerJoin("document_periods as dp", "dp.document_id", "d.id")
    .innerJoin("document_periods as mine", "mine.period_id", "dp.period_id")
    .select(["d.id", "d.report_id"])
    .distinct()
    .where("mine.document_id", "=", documentId)
    .where("d.id", "!=", documentId)
    .where("d.kind", "=", own.kind)
    .where("d.report_id", "is not", null)
    .orderBy("d.id")
    .execute();
  // Two documents that print no period can still be one report: then every same-kind document is a candidate.
  const pool =
    own.periods.length > 0
      ? sharing
      : await db.selectFrom("documents").select(["id", "report_id"]).where("id", "!=", documentId).where("kind", "=", own.kind).where("report_id", "is not", null).orderBy("id").execute();
  const firstOfReport = new Map<number, number>();
  for (const d of pool) if (!firstOfReport.has(d.report_id!)) firstOfReport.set(d.report_id!, d.id);
  const reportOfDoc = new Map([...firstOfReport].map(([report, doc]) => [doc, report]));
  const candidates = (await headers(db, [...reportOfDoc.keys()])).filter((c) => sameHeader(own, c));
  if (candidates.length === 0) return null;
  const facts = await factKeys(db, [documentId, ...candidates.map((c) => c.documentId)]);
  const mine = { ...own, facts: facts.get(documentId) ?? [] };
  for (const c of candidates) {
    if (sameReport(mine, { ...c, facts: facts.get(c.documentId) ?? [] })) return reportOfDoc.get(c.documentId) ?? null;
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
