/**
 * The gap ledger: every change of a gap's status is a gap_events row (who or what decided,
 * when, on what evidence), written in the same transaction as the change to the gap itself.
 * Manual decisions come from `gaps resolve` / `gaps reopen`; automatic ones from flag-gaps.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../store/schema.js";
import { MANUAL } from "./load.js";
import { gapCopies } from "./report-status.js";

type Db = Kysely<Database> | Transaction<Database>;

export class GapNotFoundError extends Error {
  constructor(id: number) {
    super(`no gap with id ${id}`);
    this.name = "GapNotFoundError";
  }
}

export interface Resolution {
  documentId: number | null;
  page: number | null;
  text: string | null;
  confidence: number | null;
  note: string | null;
}

export interface Decision {
  decidedBy: string;
  at: string;
  note: string | null;
  evidence: unknown;
}

export async function recordResolved(db: Db, gapId: number, resolution: Resolution, decision: Decision): Promise<void> {
  await db
    .updateTable("gaps")
    .set({
      status: "resolved",
      resolved_by_document_id: resolution.documentId,
      resolved_page: resolution.page,
      resolved_text: resolution.text,
      confidence: resolution.confidence,
      note: resolution.note,
    })
    .where("id", "=", gapId)
    .execute();
  await insertEvent(db, gapId, "resolved", decision);
}

export async function recordOpen(db: Db, gapId: number, note: string | null, decision: Decision): Promise<void> {
  await db
    .updateTable("gaps")
    .set({ status: "open", resolved_by_document_id: null, resolved_page: null, resolved_text: null, confidence: null, note })
    .where("id", "=", gapId)
    .execute();
  await insertEvent(db, gapId, "open", decision);
}

/** Why a gap is still open, kept on the gap; not a status change, so no event. */
export async function updateNote(db: Db, gapId: number, note: string | null): Promise<void> {
  await db.updateTable("gaps").set({ note }).where("id", "=", gapId).execute();
}

async function insertEvent(db: Db, gapId: number, status: string, d: Decision): Promise<void> {
  await db
    .insertInto("gap_events")
    .values({
      gap_id: gapId,
      status,
      decided_by: d.decidedBy,
      note: d.note,
      evidence: d.evidence === undefined || d.evidence === null ? null : JSON.stringify(d.evidence),
      at: d.at,
    })
    .execute();
}

export interface ManualOptions {
  /** Who decided (recorded in the event's evidence); the CLI passes the OS user. */
  actor?: string | null;
  now?: string;
}

async function currentGap(db: Db, id: number) {
  const gap = await db
    .selectFrom("gaps as g")
    .leftJoin("documents as rd", "rd.id", "g.resolved_by_document_id")
    .select(["g.id", "g.status", "g.resolved_by_document_id", "g.resolved_page", "g.resolved_text", "g.confidence", "g.note", "rd.source as resolved_by"])
    .where("g.id", "=", id)
    .executeTakeFirst();
  if (!gap) throw new GapNotFoundError(id);
  return gap;
}

/**
 * A person says the gap is filled. Evidence an automatic run found stays (the person may be
 * confirming it); the note is theirs. Automatic runs leave the gap alone from now on. The
 * decision is the report's: every rendering's copy of the gap gets it (src/gaps/report-status.ts).
 * Returns the ids decided (the given one first).
 */
export async function resolveManually(db: Kysely<Database>, id: number, note: string, options: ManualOptions = {}): Promise<number[]> {
  const at = options.now ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    await currentGap(trx, id);
    const ids = withFirst(id, await gapCopies(trx, id));
    for (const copy of ids) {
      const gap = await currentGap(trx, copy);
      await recordResolved(
        trx,
        copy,
        { documentId: gap.resolved_by_document_id, page: gap.resolved_page, text: gap.resolved_text, confidence: gap.confidence, note },
        { decidedBy: MANUAL, at, note, evidence: { actor: options.actor ?? null, previous_status: gap.status, ...(copy === id ? {} : { copy_of: id }) } },
      );
    }
    return ids;
  });
}

/** The gap first, then its copies in the report's other renderings. */
function withFirst(id: number, copies: number[]): number[] {
  return [id, ...copies.filter((c) => c !== id)];
}

/**
 * A person says the gap is not filled. What is undone goes into the event's evidence, so the
 * history shows which resolution was rejected. Automatic runs may resolve it again only from
 * reports ingested after this decision (src/gaps/match.ts, ingestedAfter).
 */
export async function reopenManually(db: Kysely<Database>, id: number, note: string, options: ManualOptions = {}): Promise<number[]> {
  const at = options.now ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    await currentGap(trx, id);
    const ids = withFirst(id, await gapCopies(trx, id));
    for (const copy of ids) {
      const gap = await currentGap(trx, copy);
      const undone =
        gap.status === "resolved"
          ? { resolved_by: gap.resolved_by, resolved_page: gap.resolved_page, resolved_text: gap.resolved_text, confidence: gap.confidence }
          : null;
      const evidence = { actor: options.actor ?? null, previous_status: gap.status, undone, ...(copy === id ? {} : { copy_of: id }) };
      await recordOpen(trx, copy, note, { decidedBy: MANUAL, at, note, evidence });
    }
    return ids;
  });
}

export interface GapEvent {
  id: number;
  gap_id: number;
  status: string;
  decided_by: string;
  at: string;
  note: string | null;
  evidence: unknown;
}

export async function gapHistory(db: Kysely<Database>, id: number): Promise<GapEvent[]> {
  await currentGap(db, id);
  const rows = await db.selectFrom("gap_events").selectAll().where("gap_id", "=", id).orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    gap_id: r.gap_id,
    status: r.status,
    decided_by: r.decided_by,
    at: r.at,
    note: r.note,
    evidence: parseEvidence(r.evidence),
  }));
}

function parseEvidence(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

