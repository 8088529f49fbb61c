/**
 * Alignment against the store: keeps the canonical frameworks' rows in step with the file and
 * links each area once, when it is first stored (alignNewAreas), against its own authority's
 * framework only. A stored link is a decision: it changes only by a person (`areas
 * link`/`unlink`: recordDecision, removeDecision, for that label) or by an explicit `areas
 * realign --apply` (realign), which lists every change before → after. Runs inside the
 * caller's transaction (a document's, or `areas link`'s), so links are never half-updated.
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

/** An area link as stored: where it points (by key, and its canonical area row), how, and how sure. */
export interface StoredLink {
  canonicalKey: string | null;
  method: string;
  confidence: number;
}

/** A link `areas realign` would change (or changed): the area, its stored link and the recomputed one. */
export interface LinkChange {
  areaId: number;
  before: StoredLink | null;
  after: StoredLink;
}

async function storedLinks(db: Db): Promise<Map<number, StoredLink & { canonicalId: number | null }>> {
  const rows = await db
    .selectFrom("area_links as l")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["l.area_id", "l.canonical_area_id", "c.key", "l.method", "l.confidence"])
    .execute();
  return new Map(rows.map((r) => [r.area_id, { canonicalId: r.canonical_area_id, canonicalKey: r.key ?? null, method: r.method, confidence: r.confidence }]));
}

/** Every area's link as alignment would make it today, with the canonical area row it points at. */
async function computeLinks(db: Db, file: CanonicalFrameworks): Promise<{ links: (AreaLink & { canonicalId: number | null })[]; idsByFramework: Map<string, Map<string, number>> }> {
  const idsByFramework = await syncAllCanonicalAreas(db, file);
  const areas = await loadSourceAreas(db);
  const frameworkOf = frameworkByArea(file, areas);
  const links = alignByAuthority(file, areas, await loadDecisions(db)).map((link) => {
    const ids = idsByFramework.get(frameworkOf.get(link.areaId)?.name ?? "");
    return { ...link, canonicalId: link.canonicalKey === null ? null : ids?.get(link.canonicalKey) ?? null };
  });
  return { links, idsByFramework };
}

async function writeLink(db: Db, link: AreaLink & { canonicalId: number | null }, now: string): Promise<void> {
  await db.deleteFrom("area_links").where("area_id", "=", link.areaId).execute();
  await db
    .insertInto("area_links")
    .values({
      area_id: link.areaId,
      canonical_area_id: link.canonicalId,
      method: link.method,
      confidence: link.confidence,
      note: noteWithCandidates(link),
      decided_at: now,
    })
    .execute();
}

/**
 * Link the areas that have no link yet (a newly stored document's), against the corpus as it
 * is now. Existing links are decisions already taken: ingesting other reports never moves
 * them (their canonical area, method and confidence stay); only a person (`areas link`) or an
 * explicit `areas realign --apply` changes them.
 */
export async function alignNewAreas(db: Db, file: CanonicalFrameworks = loadCanonicalFrameworks(), now = new Date().toISOString()): Promise<AreaLink[]> {
  const existing = await storedLinks(db);
  if (!(await hasUnlinkedAreas(db))) return [];
  const fresh = (await computeLinks(db, file)).links.filter((l) => !existing.has(l.areaId));
  for (const link of fresh) await writeLink(db, link, now);
  return fresh;
}

/** True when some document area has no link row yet (just stored, or a batch was killed before it linked). */
export async function hasUnlinkedAreas(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("areas as a")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .select("a.id")
    .where("a.document_id", "is not", null)
    .where("l.area_id", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Recompute every link against today's corpus, framework file and decisions, and list those
 * that would change (before → after). Only with `apply` are they written (and canonical areas
 * dropped from the file removed): `areas realign` shows, `areas realign --apply` decides.
 */
export async function realign(db: Db, file: CanonicalFrameworks = loadCanonicalFrameworks(), options: { apply?: boolean; now?: string } = {}): Promise<LinkChange[]> {
  const now = options.now ?? new Date().toISOString();
  const existing = await storedLinks(db);
  const { links, idsByFramework } = await computeLinks(db, file);
  const changes: LinkChange[] = [];
  for (const link of links) {
    const held = existing.get(link.areaId);
    if (held && held.canonicalId === link.canonicalId && held.method === link.method && held.confidence === link.confidence) continue;
    const before = held ? { canonicalKey: held.canonicalKey, method: held.method, confidence: held.confidence } : null;
    changes.push({ areaId: link.areaId, before, after: { canonicalKey: link.canonicalKey, method: link.method, confidence: link.confidence } });
    if (options.apply) await writeLink(db, link, now);
  }
  if (options.apply) for (const framework of file.frameworks) await removeDroppedCanonicalAreas(db, framework, idsByFramework.get(framework.name)!);
  return changes;
}

/** Re-link the areas printed with one label (a person's decision was recorded or forgotten). */
async function relinkLabel(db: Db, areaLabel: string, file: CanonicalFrameworks, now: string): Promise<AreaLink[]> {
  const areas = await loadSourceAreas(db);
  const ids = new Set(areas.filter((a) => labelKey(a.label) === labelKey(areaLabel)).map((a) => a.id));
  const links = (await computeLinks(db, file)).links.filter((l) => ids.has(l.areaId));
  for (const link of links) await writeLink(db, link, now);
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

/** Record (or replace) a person's decision for every area printed with this label (of its authority), and re-link those areas. */
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
  return relinkLabel(db, decision.areaLabel, file, now);
}

/** Forget a decision: the area goes back to automatic alignment. */
export async function removeDecision(db: Db, areaLabel: string, file: CanonicalFrameworks = loadCanonicalFrameworks(), authority: string | null = null): Promise<boolean> {
  const same = await sameDecisions(db, areaLabel, authority, file);
  for (const r of same) await db.deleteFrom("area_link_decisions").where("id", "=", r.id).execute();
  // Back to automatic alignment: the label's areas are linked as a new area would be, today.
  await relinkLabel(db, areaLabel, file, new Date().toISOString());
  return same.length > 0;
}
