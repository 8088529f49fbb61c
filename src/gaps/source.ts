/**
 * A stored document's text for its statements (src/gaps/statements.ts): the passages kept at
 * ingest (db/migrations/002_passages.ts), so resolving gaps never re-reads a source file and
 * the store answers on its own wherever the files have gone. Documents ingested before
 * passages were kept have none; the caller then falls back to their stored facts.
 */
import type { Kysely } from "kysely";
import type { Database, PassageRow } from "../store/schema.js";
import type { Anchor, StatementUnit } from "./statements.js";
import type { AreaRef } from "./types.js";

export type SourceText = { ok: true; units: StatementUnit[] } | { ok: false; reason: string };

export const NO_PASSAGES = "no passages stored (ingested before passages were kept; `ingest --force` adds them)";

type PassageFields = Pick<PassageRow, "text" | "kind" | "area_id" | "page" | "line_start" | "y0">;

export async function loadStatementUnits(
  db: Kysely<Database>,
  documentId: number,
  areas: ReadonlyMap<number, AreaRef>,
): Promise<SourceText> {
  const rows = await db
    .selectFrom("passages")
    .select(["text", "kind", "area_id", "page", "line_start", "y0"])
    .where("document_id", "=", documentId)
    .orderBy("ordinal")
    .execute();
  return statementUnitsOf(rows, areas);
}

/**
 * Passages → statement units. Headings are left out (they name a section, they state
 * nothing), but counted: a document whose only passages are headings still has its text.
 */
export function statementUnitsOf(rows: readonly PassageFields[], areas: ReadonlyMap<number, AreaRef>): SourceText {
  if (rows.length === 0) return { ok: false, reason: NO_PASSAGES };
  const units = rows
    .filter((r) => r.kind !== "heading")
    .map((r) => ({ text: r.text, page: r.page, line: r.line_start, y: r.y0, area: r.area_id === null ? null : areas.get(r.area_id) ?? null }));
  return { ok: true, units };
}

/** Places and areas of a document's extracted facts, to give area-less statements an area. */
export async function loadAnchors(db: Kysely<Database>, documentId: number, areas: ReadonlyMap<number, AreaRef>): Promise<Anchor[]> {
  const out: Anchor[] = [];
  for (const table of ["indicators", "actions", "gaps"] as const) {
    const rows = await db.selectFrom(table).select(["area_id", "page", "line_start", "y0"]).where("document_id", "=", documentId).execute();
    for (const r of rows) {
      const area = r.area_id === null ? undefined : areas.get(r.area_id);
      if (area) out.push({ page: r.page, line: r.line_start, y: r.y0, area });
    }
  }
  return out;
}
