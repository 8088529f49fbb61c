/**
 * Alignment against the store: keeps the canonical framework's rows in step with the file,
 * recomputes every non-manual link, re-applies manual decisions. Runs inside the caller's
 * transaction (a document's, or `areas link`'s), so links are never half-updated.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../store/schema.js";
import { alignAreas, type AreaLink, type ManualDecision, type SourceArea } from "./align.js";
import { loadCanonicalFramework, type CanonicalFramework } from "./canonical.js";
import { labelKey } from "./text.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Canonical frameworks get their own name so a report's framework of the same name stays separate. */
export function canonicalFrameworkName(framework: CanonicalFramework): string {
  return `canonical:${framework.name}`;
}

/** Upsert the framework and its areas (document_id null); returns key → area id. */
export async function syncCanonicalAreas(db: Db, framework: CanonicalFramework): Promise<Map<string, number>> {
  const name = canonicalFrameworkName(framework);
  await db
    .insertInto("frameworks")
    .values({ name, description: "canonical framework (db/canonical-areas.json)", is_canonical: 1 })
    .onConflict((oc) => oc.column("name").doUpdateSet({ is_canonical: 1 }))
    .execute();
  const { id: frameworkId } = await db.selectFrom("frameworks").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  const existing = await db
    .selectFrom("areas")
    .select(["id", "key"])
    .where("framework_id", "=", frameworkId)
    .where("document_id", "is", null)
    .execute();
  const ids = new Map(existing.map((r) => [r.key, r.id]));
  for (const [index, c] of framework.areas.entries()) {
    const values = { number: index + 1, label: c.label, description: c.statement };
    const id = ids.get(c.key);
    if (id !== undefined) {
      await db.updateTable("areas").set(values).where("id", "=", id).execute();
      continue;
    }
    const row = await db
      .insertInto("areas")
      .values({ framework_id: frameworkId, document_id: null, key: c.key, ...values, page: null, x0: null, y0: null, x1: null, y1: null, line_start: null, line_end: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.set(c.key, row.id);
  }
  return ids;
}

export async function loadSourceAreas(db: Db): Promise<SourceArea[]> {
  const rows = await db
    .selectFrom("areas")
    .select(["id", "document_id", "label", "description"])
    .where("document_id", "is not", null)
    .orderBy("document_id")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, documentId: r.document_id!, label: r.label, description: r.description }));
}

export async function loadDecisions(db: Db): Promise<ManualDecision[]> {
  const rows = await db.selectFrom("area_link_decisions").select(["area_label", "canonical_key", "note"]).execute();
  return rows.map((r) => ({ areaLabel: r.area_label, canonicalKey: r.canonical_key, note: r.note }));
}

/** Recompute and rewrite every area link. */
export async function realign(db: Db, framework: CanonicalFramework = loadCanonicalFramework(), now = new Date().toISOString()): Promise<AreaLink[]> {
  const canonicalIds = await syncCanonicalAreas(db, framework);
  const links = alignAreas(framework, await loadSourceAreas(db), await loadDecisions(db));
  await db.deleteFrom("area_links").execute();
  for (const link of links) {
    await db
      .insertInto("area_links")
      .values({
        area_id: link.areaId,
        canonical_area_id: link.canonicalKey === null ? null : canonicalIds.get(link.canonicalKey) ?? null,
        method: link.method,
        confidence: link.confidence,
        note: noteWithCandidates(link),
        decided_at: now,
      })
      .execute();
  }
  await removeDroppedCanonicalAreas(db, framework, canonicalIds);
  return links;
}

/** Candidates go with the note so `areas` can show a reviewer the runner-up without recomputing. */
function noteWithCandidates(link: AreaLink): string | null {
  if (link.candidates.length === 0) return link.note;
  const top = link.candidates.slice(0, 3).map((c) => `${c.key} ${c.similarity}`).join(", ");
  return `${link.note ?? ""}${link.note ? "; " : ""}candidates: ${top}`;
}

/** Canonical areas removed from the file: nothing links to them once links are rewritten. */
async function removeDroppedCanonicalAreas(db: Db, framework: CanonicalFramework, ids: Map<string, number>): Promise<void> {
  const keep = new Set(framework.areas.map((c) => c.key));
  for (const [key, id] of ids) {
    if (!keep.has(key)) await db.deleteFrom("areas").where("id", "=", id).execute();
  }
}

/** Record (or replace) a person's decision for every area printed with this label, then realign. */
export async function recordDecision(
  db: Db,
  decision: ManualDecision,
  framework: CanonicalFramework = loadCanonicalFramework(),
  now = new Date().toISOString(),
): Promise<AreaLink[]> {
  const existing = await db.selectFrom("area_link_decisions").select(["id", "area_label"]).execute();
  const same = existing.filter((r) => labelKey(r.area_label) === labelKey(decision.areaLabel));
  for (const r of same) await db.deleteFrom("area_link_decisions").where("id", "=", r.id).execute();
  await db
    .insertInto("area_link_decisions")
    .values({ area_label: decision.areaLabel, canonical_key: decision.canonicalKey, note: decision.note, decided_at: now })
    .execute();
  return realign(db, framework, now);
}

/** Forget a decision: the area goes back to automatic alignment. */
export async function removeDecision(db: Db, areaLabel: string, framework: CanonicalFramework = loadCanonicalFramework()): Promise<boolean> {
  const existing = await db.selectFrom("area_link_decisions").select(["id", "area_label"]).execute();
  const same = existing.filter((r) => labelKey(r.area_label) === labelKey(areaLabel));
  for (const r of same) await db.deleteFrom("area_link_decisions").where("id", "=", r.id).execute();
  await realign(db, framework);
  return same.length > 0;
}
