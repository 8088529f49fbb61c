/**
 * Aligning every document's areas to the canonical framework. Pure: areas, statements and
 * decisions in, one link per area out. The order of precedence is the order of trust:
 *   manual (a person decided; never overridden) › exact label › alias › similarity.
 * Similarity below the framework's minConfidence leaves the area unaligned (canonicalKey
 * null) with its best candidate in the note, for review: a weak guess is never forced.
 */
import { AuthorityResolver, isUnknownAuthorityKey } from "./authority.js";
import type { CanonicalArea, CanonicalFramework, CanonicalFrameworks } from "./canonical.js";
import { cosine, sharedTerms, vectorise, type Vector, type WeightedText } from "./similarity.js";
import { labelHead, labelKey } from "./text.js";

export type LinkMethod = "exact" | "alias" | "similarity" | "manual" | "own";

export interface SourceArea {
  id: number;
  documentId: number;
  label: string;
  description: string | null;
  /** The authority the area's document states (as printed); null or absent when it states none. */
  authority?: string | null;
}

export interface ManualDecision {
  areaLabel: string;
  /** The authority whose areas of this label the decision is for; null: any authority with a framework. */
  authority?: string | null;
  /** null: a person decided this area has no canonical counterpart. */
  canonicalKey: string | null;
  note: string | null;
  /** Who decided (web account or OS user), recorded with the decision. */
  decidedBy?: string | null;
}

export interface Candidate {
  key: string;
  similarity: number;
}

export interface AreaLink {
  areaId: number;
  canonicalKey: string | null;
  method: LinkMethod;
  confidence: number;
  note: string | null;
  /** Similarity to every canonical area, best first (empty for exact/alias/manual). */
  candidates: Candidate[];
}

export const EXACT_CONFIDENCE = 1;
export const ALIAS_CONFIDENCE = 0.95;
export const MANUAL_CONFIDENCE = 1;
/** Labels are the most specific words an area has; they count twice in a canonical profile. */
export const CANONICAL_LABEL_WEIGHT = 2;
/** Cosine at which the strength of a match is one half (cosines of short texts run low). */
export const HALF_STRENGTH_COSINE = 0.1;

/** exact/alias when an area's label (or its heading before a subtitle) names a canonical area. */
export function labelMatch(label: string, canonical: CanonicalArea[]): { key: string; method: "exact" | "alias" } | null {
  const keys = [labelKey(label), labelHead(label)].filter((k): k is string => k !== null && k.length > 0);
  for (const k of keys) {
    const hit = canonical.find((c) => labelKey(c.label) === k);
    if (hit) return { key: hit.key, method: "exact" };
  }
  for (const k of keys) {
    const hit = canonical.find((c) => c.aliases.some((a) => labelKey(a) === k));
    if (hit) return { key: hit.key, method: "alias" };
  }
  return null;
}

/**
 * Each canonical area's statements as the documents print them: the descriptions of areas
 * whose label names it. The framework file's statement is only the fallback.
 */
export function canonicalStatements(framework: CanonicalFramework, areas: SourceArea[]): Map<string, string[]> {
  const out = new Map<string, string[]>(framework.areas.map((c) => [c.key, []]));
  for (const area of areas) {
    const match = labelMatch(area.label, framework.areas);
    const text = area.description?.trim();
    if (!match || !text) continue;
    const list = out.get(match.key)!;
    if (!list.some((s) => labelKey(s) === labelKey(text))) list.push(text);
  }
  for (const c of framework.areas) {
    const list = out.get(c.key)!;
    if (list.length === 0 && c.statement) list.push(c.statement);
  }
  return out;
}

export function canonicalProfile(c: CanonicalArea, statements: string[]): WeightedText[] {
  return [
    { text: c.label, weight: CANONICAL_LABEL_WEIGHT },
    ...c.aliases.map((a) => ({ text: a, weight: 1 })),
    ...statements.map((s) => ({ text: s, weight: 1 })),
    ...(c.scope ? [{ text: c.scope, weight: 1 }] : []),
  ];
}

export function areaProfile(a: SourceArea): WeightedText[] {
  return [
    { text: a.label, weight: 1 },
    ...(a.description ? [{ text: a.description, weight: 1 }] : []),
  ];
}

/**
 * How sure a similarity match is, 0..1: how strong the best cosine is (saturating, since
 * cosines of short texts are small), scaled between one half and all of that by how clearly
 * it beats the runner-up. Strength dominates: an area that shares little with every
 * canonical area stays low however the little it shares is spread.
 */
export function similarityConfidence(best: number, second: number): number {
  if (best <= 0) return 0;
  const strength = best / (best + HALF_STRENGTH_COSINE);
  const margin = Math.max(0, best - second) / best;
  return round(strength * (0.5 + 0.5 * margin));
}

function round(x: number, places = 3): number {
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

export function alignAreas(framework: CanonicalFramework, areas: SourceArea[], decisions: ManualDecision[] = []): AreaLink[] {
  const statements = canonicalStatements(framework, areas);
  const canonicalTexts = framework.areas.map((c) => canonicalProfile(c, statements.get(c.key) ?? []));
  const vectors = vectorise([...canonicalTexts, ...areas.map(areaProfile)]);
  const canonicalVectors = vectors.slice(0, framework.areas.length);
  const decisionByLabel = new Map(decisions.map((d) => [labelKey(d.areaLabel), d]));
  const knownKeys = new Set(framework.areas.map((c) => c.key));

  return areas.map((area, i) => {
    const decision = decisionByLabel.get(labelKey(area.label));
    if (decision) return manualLink(area, decision, knownKeys);
    const match = labelMatch(area.label, framework.areas);
    if (match) {
      return {
        areaId: area.id,
        canonicalKey: match.key,
        method: match.method,
        confidence: match.method === "exact" ? EXACT_CONFIDENCE : ALIAS_CONFIDENCE,
        note: null,
        candidates: [],
      };
    }
    return similarityLink(area, vectors[framework.areas.length + i]!, framework, canonicalVectors);
  });
}

function manualLink(area: SourceArea, decision: ManualDecision, knownKeys: Set<string>): AreaLink {
  // A decision naming a canonical area the file no longer has cannot link anywhere; say so.
  const stale = decision.canonicalKey !== null && !knownKeys.has(decision.canonicalKey);
  return {
    areaId: area.id,
    canonicalKey: stale ? null : decision.canonicalKey,
    method: "manual",
    confidence: MANUAL_CONFIDENCE,
    note: stale
      ? `manual decision names "${decision.canonicalKey}", which the canonical framework no longer has`
      : decision.note ?? (decision.canonicalKey === null ? "manually left unaligned" : null),
    candidates: [],
  };
}

function similarityLink(area: SourceArea, vector: Vector, framework: CanonicalFramework, canonicalVectors: Vector[]): AreaLink {
  const candidates = framework.areas
    .map((c, j) => ({ key: c.key, similarity: round(cosine(vector, canonicalVectors[j]!)), j }))
    .sort((a, b) => b.similarity - a.similarity);
  const best = candidates[0];
  const second = candidates[1]?.similarity ?? 0;
  const confidence = best ? similarityConfidence(best.similarity, second) : 0;
  const accepted = best !== undefined && confidence >= framework.minConfidence;
  const why = best ? sharedTerms(vector, canonicalVectors[best.j]!).join(", ") : "";
  return {
    areaId: area.id,
    canonicalKey: accepted ? best.key : null,
    method: "similarity",
    confidence,
    note: best
      ? accepted
        ? `shared terms: ${why}`
        : `below ${framework.minConfidence}: best candidate ${best.key} (cosine ${best.similarity}${why ? `; ${why}` : ""}) — review`
      : "no canonical areas",
    candidates: candidates.map(({ key, similarity }) => ({ key, similarity })),
  };
}

/**
 * Every area aligned to its own authority's framework, and to no other: the areas of each
 * authority with a framework are aligned among themselves (their own corpus, so another
 * council's wording cannot move them); the areas of an authority without one, and of a
 * document that states no authority, get an "own" link (no canonical area, nothing to review):
 * they are their own series. A decision applies to an area of its label and authority.
 */
export function alignByAuthority(file: Pick<CanonicalFrameworks, "frameworks">, areas: SourceArea[], decisions: ManualDecision[] = []): AreaLink[] {
  const resolver = new AuthorityResolver(file);
  const byFramework = new Map<CanonicalFramework, { key: string; areas: SourceArea[] }>();
  const own: AreaLink[] = [];
  for (const area of areas) {
    const authority = resolver.resolve(area.authority ?? null, area.documentId);
    if (!authority.framework) {
      own.push(ownLink(area, authority.key));
      continue;
    }
    let group = byFramework.get(authority.framework);
    if (!group) byFramework.set(authority.framework, (group = { key: authority.key, areas: [] }));
    group.areas.push(area);
  }
  const links = [...own];
  for (const [framework, group] of byFramework) {
    const mine = decisions.filter((d) => !d.authority || resolver.resolve(d.authority, -1).key === group.key);
    links.push(...alignAreas(framework, group.areas, mine));
  }
  const order = new Map(areas.map((a, i) => [a.id, i]));
  return links.sort((a, b) => order.get(a.areaId)! - order.get(b.areaId)!);
}

function ownLink(area: SourceArea, authorityKey: string): AreaLink {
  const stated = area.authority?.trim();
  return {
    areaId: area.id,
    canonicalKey: null,
    method: "own",
    confidence: 1,
    note: stated && !isUnknownAuthorityKey(authorityKey)
      ? `${stated} has no canonical framework: its own series (by label across its reports)`
      : "the document states no authority: its own series, aligned to no council's framework",
    candidates: [],
  };
}
