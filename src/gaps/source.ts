/**
 * Reading a stored document's text again for its statements (src/gaps/statements.ts): the
 * file at the path it was ingested from, used only when its bytes are still the ones stored
 * (same sha256), so that the statements belong to the facts the store holds. I/O lives here;
 * the caller decides what a missing or changed file means (candidates from stored facts only).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { textUnits } from "../extract/evidence.js";
import { readDocument } from "../readers/index.js";
import type { Database } from "../store/schema.js";
import type { Anchor, StatementUnit } from "./statements.js";
import type { AreaRef } from "./types.js";

export type SourceText = { ok: true; units: StatementUnit[] } | { ok: false; reason: string };

export async function readSourceStatements(path: string | null, sha256: string): Promise<SourceText> {
  if (!path) return { ok: false, reason: "no source path stored" };
  let read;
  try {
    read = await readDocument(path);
  } catch (error) {
    return { ok: false, reason: `source not readable (${(error as Error).message})` };
  }
  if (createHash("sha256").update(read.bytes).digest("hex") !== sha256) {
    return { ok: false, reason: "source file changed since it was ingested" };
  }
  const units: StatementUnit[] = [];
  for (const u of textUnits(read.layout)) {
    units.push({ text: u.text, page: u.place.page, line: u.place.lines?.[0] ?? null, y: u.place.bbox?.[1] ?? null });
  }
  return { ok: true, units };
}

/** Places and areas of a document's extracted facts, to give its statements an area. */
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

export async function documentSource(db: Kysely<Database>, documentId: number): Promise<{ path: string | null; sha256: string } | null> {
  return (await db.selectFrom("documents").select(["path", "sha256"]).where("id", "=", documentId).executeTakeFirst()) ?? null;
}
