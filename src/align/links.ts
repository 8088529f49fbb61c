/**
 * Reading the area links for `scorebook areas`: every document area with its canonical area,
 * method, confidence and note, and which ones are waiting for a person's review.
 */
import type { Store } from "../store/open.js";
import { labelKey } from "./text.js";

export interface AreaLinkRow {
  area_id: number;
  document: string;
  /** The authority the document states (as printed), null when it states none. */
  authority: string | null;
  area_number: number | null;
  area: string;
  canonical_key: string | null;
  canonical_area: string | null;
  method: string | null;
  confidence: number | null;
  note: string | null;
  /** Unaligned (or never aligned) and not settled by a person: a reviewer should look. */
  needs_review: boolean;
}

/** Unaligned and not settled by a person. 'own': the authority has no framework (or none is stated), so there is nothing to align to. */
function needsReview(canonicalKey: string | null, method: string | null): boolean {
  return canonicalKey === null && method !== "manual" && method !== "own";
}

export async function listAreaLinks(db: Store, options: { review?: boolean } = {}): Promise<AreaLinkRow[]> {
  const rows = await db
    .selectFrom("areas as a")
    .innerJoin("documents as d", "d.id", "a.document_id")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select([
      "a.id", "d.source as document", "d.authority", "a.number", "a.label", "c.key as canonical_key", "c.label as canonical_area",
      "l.method", "l.confidence", "l.note",
    ])
    .orderBy("d.source")
    .orderBy("a.number")
    .orderBy("a.id")
    .execute();
  const out = rows.map((r) => ({
    area_id: r.id,
    document: r.document,
    authority: r.authority,
    area_number: r.number,
    area: r.label,
    canonical_key: r.canonical_key,
    canonical_area: r.canonical_area,
    method: r.method,
    confidence: r.confidence,
    note: r.note,
    needs_review: needsReview(r.canonical_key, r.method),
  }));
  return options.review ? out.filter((r) => r.needs_review) : out;
}

export class AreaNotFoundError extends Error {}

/**
 * The area label a person means: an area id ('#12' or '12'), an exact label, or a piece of a
 * label that only one distinct label contains. Decisions are keyed by label, so every
 * document printing that area gets the decision.
 */
export async function resolveAreaLabel(db: Store, spec: string): Promise<string> {
  const rows = await db.selectFrom("areas").select(["id", "label"]).where("document_id", "is not", null).execute();
  const id = /^#?(\d+)$/.exec(spec.trim());
  if (id) {
    const hit = rows.find((r) => r.id === Number(id[1]));
    if (hit) return hit.label;
  }
  const key = labelKey(spec);
  const exact = rows.find((r) => labelKey(r.label) === key);
  if (exact) return exact.label;
  const labels = [...new Map(rows.filter((r) => labelKey(r.label).includes(key)).map((r) => [labelKey(r.label), r.label])).values()];
  if (labels.length === 1) return labels[0]!;
  if (labels.length === 0) throw new AreaNotFoundError(`no stored area matches "${spec}" (see \`scorebook areas\`)`);
  throw new AreaNotFoundError(`"${spec}" matches ${labels.length} areas: ${labels.map((l) => `"${l}"`).join(", ")}; be more specific or use the area id`);
}

/** The authorities (as printed; null: none stated) of the documents printing an area of this label. */
export async function authoritiesOfLabel(db: Store, label: string): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom("areas as a")
    .innerJoin("documents as d", "d.id", "a.document_id")
    .select(["a.label", "d.authority"])
    .distinct()
    .execute();
  const key = labelKey(label);
  return [...new Set(rows.filter((r) => labelKey(r.label) === key).map((r) => r.authority))];
}

/** The canonical key a person means: key or label, any case; 'none' to leave an area unaligned. */
export function resolveCanonicalKey(spec: string, areas: { key: string; label: string }[]): string | null {
  if (/^(none|unaligned|-)$/i.test(spec.trim())) return null;
  const hit = areas.find((c) => c.key === spec.trim().toLowerCase() || labelKey(c.label) === labelKey(spec));
  if (!hit) throw new AreaNotFoundError(`"${spec}" is not a canonical area; one of: ${areas.map((c) => c.key).join(", ")}, or none`);
  return hit.key;
}

/**
 * Source areas as printed, one row per label and authority — the unit a person's decision
 * applies to (`areas link` keys decisions by label and authority) — with how many document
 * areas print it and where they link. For the web app's /areas list and an area's page.
 */
export interface SourceAreaGroup {
  /** One document area printing the label (the smallest id): what a link form names. */
  area_id: number;
  area: string;
  authority: string | null;
  /** Document areas printing this label (one per document, as a rule). */
  printed: number;
  canonical_key: string | null;
  canonical_area: string | null;
  method: string | null;
  /** The lowest confidence among its links. */
  confidence: number | null;
  needs_review: boolean;
}

export async function sourceAreaGroups(db: Store, options: { canonicalKey?: string; review?: boolean } = {}): Promise<SourceAreaGroup[]> {
  let q = db
    .selectFrom("areas as a")
    .innerJoin("documents as d", "d.id", "a.document_id")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select((eb) => [
      "a.label", "d.authority", "c.key as canonical_key", "c.label as canonical_area", "l.method",
      eb.fn.min("a.id").as("area_id"), eb.fn.countAll<number>().as("printed"), eb.fn.min("l.confidence").as("confidence"),
    ])
    .groupBy(["a.label", "d.authority", "c.key", "c.label", "l.method"]);
  if (options.canonicalKey !== undefined) q = q.where("c.key", "=", options.canonicalKey);
  const rows = (await q.execute()).map((r) => ({
    area_id: Number(r.area_id),
    area: r.label,
    authority: r.authority,
    printed: Number(r.printed),
    canonical_key: r.canonical_key,
    canonical_area: r.canonical_area,
    method: r.method,
    confidence: r.confidence === null ? null : Number(r.confidence),
    needs_review: needsReview(r.canonical_key, r.method),
  }));
  const out = options.review ? rows.filter((r) => r.needs_review) : rows;
  // Those waiting for a person first, then by label.
  return out.sort((x, y) => Number(y.needs_review) - Number(x.needs_review) || x.area.localeCompare(y.area) || (x.authority ?? "").localeCompare(y.authority ?? ""));
}

/** One document area's label and where it links now (the confirmation after a decision). */
export async function areaLinkOf(db: Store, areaId: number): Promise<{ area: string; canonical_area: string | null; method: string | null } | null> {
  const r = await db
    .selectFrom("areas as a")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["a.label", "c.label as canonical_area", "l.method"])
    .where("a.id", "=", areaId)
    .where("a.document_id", "is not", null)
    .executeTakeFirst();
  return r ? { area: r.label, canonical_area: r.canonical_area, method: r.method } : null;
}
