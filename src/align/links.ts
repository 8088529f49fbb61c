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
    // 'own': the authority has no framework (or none is stated), so there is nothing to align to.
    needs_review: r.canonical_key === null && r.method !== "manual" && r.method !== "own",
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
