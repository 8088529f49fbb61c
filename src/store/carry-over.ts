/**
 * What `ingest --force` keeps when it replaces a document with a fresh extraction of the same
 * bytes.
 *
 * Facts are extraction output and are replaced whole. The gap ledger is not: its statuses,
 * resolutions and events record decisions about the document's gaps (a person's `gaps
 * resolve`, the flag-gaps job's evidence). Deleting the document and inserting the new
 * extraction used to drop them and give every gap a new id, so a person's decision was lost
 * and a scheduler's or an auditor's "gap 12" pointed at nothing. So:
 *
 * - a gap the new extraction finds again (same kind, marker and text) keeps its id, status,
 *   resolution, note and every event;
 * - a gap of another report that this document resolved stays resolved, by the new copy (the
 *   same bytes, so the evidence is still in it);
 * - a gap that had decisions beyond its flagging and that the new extraction no longer finds
 *   goes, with a warning on the document naming it and its last decision;
 * - the document keeps its first ingest time: the gaps rules compare ingest times with
 *   people's decisions ("resolved again only by a report ingested after the reopen"), and
 *   re-extracting a report does not make its content news.
 */
import type { Selectable, Transaction } from "kysely";
import type { MessageFact, PlaceFact } from "../facts/schema.js";
import type { Database, GapEventsTable, GapsTable, PlaceColumns } from "./schema.js";

type Tx = Transaction<Database>;

export interface CarriedGap {
  row: Selectable<GapsTable>;
  events: Selectable<GapEventsTable>[];
}

/** The ledger of a document about to be replaced, read before its rows are deleted. */
export interface Ledger {
  documentId: number;
  ingestedAt: string;
  /** The document's own gaps, in id order, each with its events in order. */
  gaps: CarriedGap[];
  /** Gaps of other documents that this one resolved. */
  resolvedElsewhere: number[];
}

/** What extraction writes when it flags a gap; any other event is a decision worth keeping. */
export const FLAGGED_BY = "ingest";

export async function readLedger(trx: Tx, documentId: number): Promise<Ledger> {
  const doc = await trx.selectFrom("documents").select("ingested_at").where("id", "=", documentId).executeTakeFirstOrThrow();
  const rows = await trx.selectFrom("gaps").selectAll().where("document_id", "=", documentId).orderBy("id").execute();
  const events = await trx
    .selectFrom("gap_events as e")
    .innerJoin("gaps as g", "g.id", "e.gap_id")
    .selectAll("e")
    .where("g.document_id", "=", documentId)
    .orderBy("e.id")
    .execute();
  const eventsOf = new Map<number, Selectable<GapEventsTable>[]>();
  for (const e of events) eventsOf.set(e.gap_id, [...(eventsOf.get(e.gap_id) ?? []), e]);
  const elsewhere = await trx
    .selectFrom("gaps")
    .select("id")
    .where("resolved_by_document_id", "=", documentId)
    .where("document_id", "!=", documentId)
    .orderBy("id")
    .execute();
  return {
    documentId,
    ingestedAt: doc.ingested_at,
    gaps: rows.map((row) => ({ row, events: eventsOf.get(row.id) ?? [] })),
    resolvedElsewhere: elsewhere.map((r) => r.id),
  };
}

/** What makes a re-extracted gap the same gap. */
type GapIdentity = { kind: string; marker: string; text: string };

const gapKey = (g: GapIdentity) => `${g.kind}\u0000${g.marker}\u0000${g.text}`;

/**
 * Pair each freshly extracted gap with the stored gap it is again (same kind, marker and
 * text; repeated identical gaps pair in order). Pure.
 */
export function pairGaps(stored: readonly CarriedGap[], fresh: readonly GapIdentity[]): {
  carried: (CarriedGap | null)[];
  dropped: CarriedGap[];
} {
  const waiting = new Map<string, CarriedGap[]>();
  for (const gap of stored) {
    const key = gapKey(gap.row);
    waiting.set(key, [...(waiting.get(key) ?? []), gap]);
  }
  const carried = fresh.map((g) => waiting.get(gapKey(g))?.shift() ?? null);
  const dropped = [...waiting.values()].flat().sort((a, b) => a.row.id - b.row.id);
  return { carried, dropped };
}

/** A gap someone or something decided about, beyond extraction flagging it. */
export function hasDecisions(gap: CarriedGap): boolean {
  return gap.events.some((e) => e.decided_by !== FLAGGED_BY);
}

/** The warning kept on the new document for a decided gap that re-extraction no longer finds. */
export function droppedGapMessage(gap: CarriedGap): MessageFact {
  const last = gap.events.at(-1);
  const decision = last ? `; last decision: ${last.status} by ${last.decided_by} at ${last.at}${last.note ? ` (${last.note})` : ""}` : "";
  return {
    level: "warning",
    source: "store",
    text: `re-extraction no longer finds gap ${gap.row.id} ("${gap.row.marker}", ${gap.row.status}); it and its history were dropped${decision}`,
    place: placeOfColumns(gap.row),
  };
}

/** A stored row's place columns read back as a fact's place (the inverse of write.ts placeColumns). */
function placeOfColumns(row: PlaceColumns): PlaceFact {
  const { x0, y0, x1, y1, line_start, line_end } = row;
  return {
    page: row.page,
    bbox: x0 === null || y0 === null || x1 === null || y1 === null ? null : [x0, y0, x1, y1],
    lines: line_start === null || line_end === null ? null : [line_start, line_end],
  };
}

/** Point the resolutions the replaced document gave at its replacement. */
export async function restoreResolutions(trx: Tx, ledger: Ledger, newDocumentId: number): Promise<void> {
  if (!ledger.resolvedElsewhere.length) return;
  await trx.updateTable("gaps").set({ resolved_by_document_id: newDocumentId }).where("id", "in", ledger.resolvedElsewhere).execute();
}
