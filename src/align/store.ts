/**
 * Alignment against the store: keeps the canonical frameworks' rows in step with the file,
 * recomputes every non-manual link (each area against its own authority's framework only),
 * re-applies manual decisions. Runs inside the caller's transaction (a document's, or
 * `areas link`'s), so links are never half-updated.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../store/schema.js";
import { alignByAuthority, type AreaLink, type ManualDecision, type SourceArea } from "./align.js";
import { loadCanonicalFrameworks, type CanonicalFramework, type CanonicalFrameworks } from "./canonical.js";
import { AuthorityResolver } from "./authority.js";
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
    .values({ name, description: "canonical framework (db/canonical-areas.json)", is_canonical: 1, authority: framework.authority.name })
    .onConflict((oc) => oc.column("name").doUpdateSet({ is_canonical: 1, authority: framework.authority.name }))
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

/** Every document area with the authority its document states. */
export async function loadSourceAreas(db: Db): Promise<SourceArea[]> {
  const rows = await db
    .selectFrom("areas as a")
    .innerJoin("documents as d", "d.id", "a.document_id")
    .select(["a.id", "a.document_id", "a.label", "a.description", "d.authority"])
    .orderBy("a.document_id")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({ id: r.id, documentId: r.document_id!, label: r.label, description: r.description, authority: r.authority }));
}

export async function loadDecisions(db: Db): Promise<ManualDecision[]> {
  const rows = await db.selectFrom("area_link_decisions").select(["area_label", "authority", "canonical_key", "note"]).execute();
  return rows.map((r) => ({ areaLabel: r.area_label, authority: r.authority, canonicalKey: r.canonical_key, note: r.note }));
}

/** Upsert every framework of the file; returns framework name → (key → canonical area id). */
async function syncAllCanonicalAreas(db: Db, file: CanonicalFrameworks): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const framework of file.frameworks) out.set(framework.name, await syncCanonicalAreas(db, framework));
  return out;
}

/** Recompute and rewrite every area link. */
export async function realign(db: Db, file: CanonicalFrameworks = loadCanonicalFrameworks(), now = new Date().toISOString()): Promise<AreaLink[]> {
  const idsByFramework = await syncAllCanonicalAreas(db, file);
  const areas = await loadSourceAreas(db);
  const links = alignByAuthority(file, areas, await loadDecisions(db));
  const frameworkOf = frameworkByArea(file, areas);
  await db.deleteFrom("area_links").execute();
  for (const link of links) {
    const ids = idsByFramework.get(frameworkOf.get(link.areaId)?.name ?? "");
    await db
      .insertInto("area_links")
      .values({
        area_id: link.areaId,
        canonical_area_id: link.canonicalKey === null ? null : ids?.get(link.canonicalKey) ?? null,
        method: link.method,
        confidence: link.confidence,
        note: noteWithCandidates(link),
        decided_at: now,
      })
      .execute();
  }
  for (const framework of file.frameworks) await removeDroppedCanonicalAreas(db, framework, idsByFramework.get(framework.name)!);
  return links;
}

/** The framework each area was aligned to (its authority's), by area id. */
function frameworkByArea(file: CanonicalFrameworks, areas: SourceArea[]): Map<number, CanonicalFramework> {
  const resolver = new AuthorityResolver(file);
  const out = new Map<number, CanonicalFramework>();
  for (const a of areas) {
    const f = resolver.resolve(a.authority ?? null, a.documentId).framework;
    if (f) out.set(a.id, f);
  }
  return out;
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

/** The stored decisions for this label and authority (null authority: the authority-wide ones). */
async function sameDecisions(db: Db, areaLabel: string, authority: string | null, file: CanonicalFrameworks) {
  const resolver = new AuthorityResolver(file);
  const key = (name: string | null) => (name ? resolver.resolve(name, -1).key : null);
  const existing = await db.selectFrom("area_link_decisions").select(["id", "area_label", "authority"]).execute();
  return existing.filter((r) => labelKey(r.area_label) === labelKey(areaLabel) && key(r.authority) === key(authority));
}

/** Record (or replace) a person's decision for every area printed with this label (of its authority), then realign. */
export async function recordDecision(
  db: Db,
  decision: ManualDecision,
  file: CanonicalFrameworks = loadCanonicalFrameworks(),
  now = new Date().toISOString(),
): Promise<AreaLink[]> {
  const authority = decision.authority ?? null;
  for (const r of await sameDecisions(db, decision.areaLabel, authority, file)) await db.deleteFrom("area_link_decisions").where("id", "=", r.id).execute();
  await db
    .insertInto("area_link_decisions")
    .values({ area_label: decision.areaLabel, authority, canonical_key: decision.canonicalKey, note: decision.note, decided_at: now, decided_by: decision.decidedBy ?? null })
    .execute();
  return realign(db, file, now);
}

/** Forget a decision: the area goes back to automatic alignment. */
export async function removeDecision(db: Db, areaLabel: string, file: CanonicalFrameworks = loadCanonicalFrameworks(), authority: string | null = null): Promise<boolean> {
  const same = await sameDecisions(db, areaLabel, authority, file);
  for (const r of same) await db.deleteFrom("area_link_decisions").where("id", "=", r.id).execute();
  await realign(db, file);
  return same.length > 0;
}
