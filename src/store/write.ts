/**
 * Writing one document's facts: one transaction per document, so a document is stored
 * whole or not at all. The same bytes (sha256) are stored once; `force` replaces them.
 */
import type { Insertable, Transaction } from "kysely";
import type { DocumentFacts, PlaceFact } from "../facts/schema.js";
import { droppedGapMessage, FLAGGED_BY, hasDecisions, pairGaps, readLedger, restoreResolutions, type CarriedGap, type Ledger } from "./carry-over.js";
import { shareReportGapStatus } from "../gaps/report-status.js";
import { dialectOf } from "./dialect.js";
import type { Store } from "./migrate.js";
import { assignReport, reportOf } from "./reports.js";
import type { Database, PlaceColumns } from "./schema.js";

export interface DocumentSource {
  /** Base name of the file, e.g. "report.pdf": how every fact is traced back. */
  source: string;
  path: string | null;
  format: string;
  sha256: string;
  sizeBytes: number;
  pages: number | null;
  extractorVersion: string;
  /** The file's bytes, kept content-addressed in `files` in the same transaction; absent with --no-keep-files. */
  bytes?: Uint8Array | null;
}

export type StoreOutcome =
  | { status: "stored"; documentId: number }
  | { status: "replaced"; documentId: number; replacedId: number }
  | { status: "unchanged"; documentId: number };

type Tx = Transaction<Database>;

/** True when these bytes are already stored (cheap check before parsing a file at all). */
export async function findDocumentBySha(db: Store, sha256: string): Promise<number | null> {
  const row = await db.selectFrom("documents").select("id").where("sha256", "=", sha256).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Store a document and everything extracted from it in one transaction.
 * `afterInsert` runs inside the same transaction (e.g. linking areas to canonical areas), so
 * a failure there also leaves nothing behind. With `force`, stored bytes are extracted again:
 * their facts are replaced, their gap ledger carried over (src/store/carry-over.ts).
 */
export async function storeDocument(
  db: Store,
  doc: DocumentSource,
  facts: DocumentFacts,
  options: { force?: boolean; now?: string; afterInsert?: (trx: Tx, documentId: number) => Promise<void> } = {},
): Promise<StoreOutcome> {
  const now = options.now ?? new Date().toISOString();
  try {
    return await storeInTransaction(db, doc, facts, options, now);
  } catch (error) {
    // Two machines stored the same bytes at once and the unique constraint on sha256 chose
    // the other: these bytes are stored, whole, once. That is "unchanged", not a failure.
    if (!options.force && dialectOf(db).isUniqueViolation(error, "documents")) {
      const winner = await findDocumentBySha(db, doc.sha256);
      if (winner !== null) return { status: "unchanged", documentId: winner };
    }
    throw error;
  }
}

function storeInTransaction(
  db: Store,
  doc: DocumentSource,
  facts: DocumentFacts,
  options: { force?: boolean; afterInsert?: (trx: Tx, documentId: number) => Promise<void> },
  now: string,
): Promise<StoreOutcome> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("documents").select("id").where("sha256", "=", doc.sha256).executeTakeFirst();
    if (existing && !options.force) return { status: "unchanged", documentId: existing.id } as const;
    const ledger = existing ? await readLedger(trx, existing.id) : null;
    // The same bytes render the same report: a re-extraction keeps its report id.
    const keptReport = existing ? await reportOf(trx, existing.id) : null;
    // Cascades to every fact the document contributed (and its gaps' events, carried in `ledger`).
    if (existing) await trx.deleteFrom("documents").where("id", "=", existing.id).execute();
    const documentId = await insertDocumentFacts(trx, doc, facts, now, ledger);
    if (doc.bytes) await keepFile(trx, doc.sha256, doc.bytes);
    if (ledger) await restoreResolutions(trx, ledger, documentId);
    const reportId = await assignReport(trx, documentId, keptReport);
    // A gap's status belongs to the report: a new rendering's copy takes what was decided.
    await shareReportGapStatus(trx, documentId, reportId, now);
    if (options.afterInsert) await options.afterInsert(trx, documentId);
    return existing
      ? ({ status: "replaced", documentId, replacedId: existing.id } as const)
      : ({ status: "stored", documentId } as const);
  });
}

/**
 * Keep a file's bytes before any document is made of them: the job queue (pipelines/queue.ts)
 * carries a file to workers on other machines this way, by sha256. One transaction (the
 * writers' turn, like every write); a no-op when the bytes are kept already.
 */
export async function keepFileBytes(db: Store, sha256: string, bytes: Uint8Array): Promise<void> {
  await db.transaction().execute((trx) => keepFile(trx, sha256, bytes));
}

/** The original's bytes by sha256: written once, whoever stores them first. */
async function keepFile(trx: Tx, sha256: string, bytes: Uint8Array): Promise<void> {
  await trx
    .insertInto("files")
    .values({ sha256, size_bytes: bytes.length, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
    .onConflict((oc) => oc.column("sha256").doNothing())
    .execute();
}

async function insertDocumentFacts(trx: Tx, doc: DocumentSource, facts: DocumentFacts, now: string, ledger: Ledger | null): Promise<number> {
  const { id: documentId } = await trx
    .insertInto("documents")
    .values({
      sha256: doc.sha256,
      source: doc.source,
      path: doc.path,
      format: doc.format,
      kind: facts.kind,
      title: facts.title,
      authority: facts.authority,
      framework: facts.framework,
      pages: doc.pages,
      size_bytes: doc.sizeBytes,
      extractor_version: doc.extractorVersion,
      ingested_at: ledger?.ingestedAt ?? now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  const periodIds = await upsertPeriods(trx, documentId, facts);
  const areaIds = await insertAreas(trx, documentId, facts);
  const areaId = (key: string | null) => (key === null ? null : areaIds.get(key) ?? null);
  const periodId = (label: string | null) => (label === null ? null : periodIds.get(label) ?? null);

  const scoreRows = facts.scores.flatMap((s) => {
    const a = areaId(s.areaKey);
    const p = periodId(s.periodLabel);
    // The zod schema cannot see across lists; a score naming an unknown area/period is an
    // extractor bug, and storing it half-linked would hide that. Fail the document instead.
    if (a === null || p === null) {
      throw new Error(`score refers to unknown ${a === null ? `area "${s.areaKey}"` : `period "${s.periodLabel}"`}`);
    }
    return [{ document_id: documentId, area_id: a, period_id: p, value: s.value, value_max: s.valueMax, raw: s.raw, origin: s.origin, ...placeColumns(s.place), ocr_confidence: s.place.ocr ?? null }];
  });
  await insertMany(trx, "scores", scoreRows);
  await insertMany(
    trx,
    "scale_levels",
    facts.scale.map((l) => ({ document_id: documentId, level: l.level, label: l.label, meaning: l.meaning, ...placeColumns(l.place ?? { page: null }) })),
  );
  await insertMany(
    trx,
    "indicators",
    facts.indicators.map((i) => ({
      document_id: documentId,
      area_id: areaId(i.areaKey),
      period_id: periodId(i.periodLabel),
      value: i.value,
      unit: i.unit,
      previous: i.previous,
      text: i.text,
      ...placeColumns(i.place),
      ocr_confidence: i.place.ocr ?? null,
    })),
  );
  await insertMany(
    trx,
    "actions",
    facts.actions.map((a) => ({
      document_id: documentId,
      area_id: areaId(a.areaKey),
      text: a.text,
      kind: a.kind,
      status: a.status,
      rag: a.rag,
      due: a.due,
      ...placeColumns(a.place),
      ocr_confidence: a.place.ocr ?? null,
    })),
  );
  const pairing = pairGaps(ledger?.gaps ?? [], facts.gaps);
  for (const [i, g] of facts.gaps.entries()) {
    const row = {
      document_id: documentId,
      area_id: areaId(g.areaKey),
      period_id: periodId(g.periodLabel),
      marker: g.marker,
      text: g.text,
      kind: g.kind,
      ...placeColumns(g.place),
      ocr_confidence: g.place.ocr ?? null,
    };
    const carried = pairing.carried[i];
    if (carried && ledger) await insertCarriedGap(trx, row, carried, ledger.documentId, documentId);
    else await insertFlaggedGap(trx, row, now);
  }
  const droppedDecisions = pairing.dropped.filter(hasDecisions).map(droppedGapMessage);
  await insertMany(
    trx,
    "messages",
    [...facts.messages, ...droppedDecisions].map((m) => ({
      document_id: documentId,
      level: m.level,
      source: m.source,
      text: m.text,
      ...placeColumns(m.place ?? { page: null }),
    })),
  );
  await insertMany(
    trx,
    "passages",
    facts.passages.map((p, ordinal) => ({
      document_id: documentId,
      area_id: areaId(p.areaKey),
      ordinal,
      kind: p.kind,
      row: p.row,
      col: p.col,
      text: p.text,
      ...placeColumns(p.place),
    })),
  );
  return documentId;
}

type GapFacts = Omit<Insertable<Database["gaps"]>, "status" | "resolved_by_document_id" | "resolved_page" | "resolved_text" | "confidence" | "note">;

/** A gap extraction found for the first time: open, with its flagging event. */
async function insertFlaggedGap(trx: Tx, row: GapFacts, now: string): Promise<void> {
  const { id } = await trx
    .insertInto("gaps")
    .values({ ...row, status: "open", resolved_by_document_id: null, resolved_page: null, resolved_text: null, confidence: null, note: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("gap_events")
    .values({ gap_id: id, status: "open", decided_by: FLAGGED_BY, note: "flagged by extraction", evidence: null, at: now })
    .execute();
}

/** A gap found again on re-extraction: the new facts, under its old id, status and history. */
async function insertCarriedGap(trx: Tx, row: GapFacts, carried: CarriedGap, replacedId: number, documentId: number): Promise<void> {
  const old = carried.row;
  const resolvedBy = old.resolved_by_document_id === replacedId ? documentId : old.resolved_by_document_id;
  await trx
    .insertInto("gaps")
    .values({
      ...row,
      id: old.id,
      status: old.status,
      resolved_by_document_id: resolvedBy,
      resolved_page: old.resolved_page,
      resolved_text: old.resolved_text,
      confidence: old.confidence,
      note: old.note,
    })
    .execute();
  if (carried.events.length) await trx.insertInto("gap_events").values(carried.events).execute();
}

/** Periods are shared across documents by month range; each document keeps its own label. */
async function upsertPeriods(trx: Tx, documentId: number, facts: DocumentFacts): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [ordinal, p] of facts.periods.entries()) {
    await trx
      .insertInto("periods")
      .values({ label: p.label, start_month: p.start, end_month: p.end })
      .onConflict((oc) => oc.columns(["start_month", "end_month"]).doNothing())
      .execute();
    const { id } = await trx
      .selectFrom("periods")
      .select("id")
      .where("start_month", "=", p.start)
      .where("end_month", "=", p.end)
      .executeTakeFirstOrThrow();
    ids.set(p.label, id);
    await trx
      .insertInto("document_periods")
      .values({ document_id: documentId, period_id: id, label: p.label, ordinal })
      .onConflict((oc) => oc.columns(["document_id", "period_id"]).doNothing())
      .execute();
  }
  return ids;
}

async function insertAreas(trx: Tx, documentId: number, facts: DocumentFacts): Promise<Map<string, number>> {
  const frameworkId = facts.framework ? await ensureFramework(trx, facts.framework) : null;
  const ids = new Map<string, number>();
  for (const area of facts.areas) {
    const { id } = await trx
      .insertInto("areas")
      .values({
        framework_id: frameworkId,
        document_id: documentId,
        key: area.key,
        number: area.number,
        label: area.label,
        description: area.description,
        ...placeColumns(area.place ?? { page: null }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(area.key, id);
  }
  return ids;
}

export async function ensureFramework(trx: Tx, name: string, isCanonical = false): Promise<number> {
  await trx
    .insertInto("frameworks")
    .values({ name, description: null, is_canonical: isCanonical ? 1 : 0 })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await trx.selectFrom("frameworks").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}

export function placeColumns(place: PlaceFact | { page: number | null }): PlaceColumns {
  const p = place as PlaceFact;
  return {
    page: p.page,
    x0: p.bbox?.[0] ?? null,
    y0: p.bbox?.[1] ?? null,
    x1: p.bbox?.[2] ?? null,
    y1: p.bbox?.[3] ?? null,
    line_start: p.lines?.[0] ?? null,
    line_end: p.lines?.[1] ?? null,
  };
}

/**
 * Bound parameters one statement may carry: SQLITE_MAX_VARIABLE_NUMBER of the SQLite that
 * better-sqlite3 bundles (32766 since SQLite 3.32; it was 999 before).
 */
export const MAX_SQL_VARIABLES = 32766;

/**
 * Insert rows with as few statements as SQLite's parameter cap allows (each statement costs
 * a query build, compile and prepare; a document's passages are thousands of rows). Rows keep
 * their order, so ids follow it as before.
 */
async function insertMany<T extends keyof Database & string>(
  trx: Tx,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  if (!rows.length) return;
  const columns = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) columns.add(k);
  const chunk = Math.max(1, Math.floor(MAX_SQL_VARIABLES / Math.max(1, columns.size)));
  for (let i = 0; i < rows.length; i += chunk) {
    await trx.insertInto(table).values((i === 0 && rows.length <= chunk ? rows : rows.slice(i, i + chunk)) as never).execute();
  }
}
