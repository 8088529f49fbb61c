/**
 * Comparing councils, only when a person asked for it: a `crossAuthority` mapping of the
 * canonical areas file names which area of which authority stands for the same thing. Each
 * member keeps its own series (its own authority's scores, its own roll-up): the mapping puts
 * them side by side under its label and says so; nothing is averaged across councils.
 */
import { AuthorityResolver } from "../align/authority.js";
import { loadCanonicalFrameworks, type CanonicalFrameworks, type CrossAuthorityMapping } from "../align/canonical.js";
import { labelKey } from "../align/text.js";
import type { Store } from "../store/open.js";
import { AuthorityNotFoundError } from "./authorities.js";
import { compare, type CompareRow, type Comparison } from "./compare.js";
import { history, type HistoryOptions, type HistorySeries } from "./history.js";

/** How a member series is marked in every output: the mapping's key and label, and what it means. */
export interface CrossAuthorityMark {
  key: string;
  label: string;
  /** Always the same words: an auditor quoting the output quotes this too. */
  note: string;
  member: { authority: string; area: string };
}

export class MappingNotFoundError extends Error {}

const NOTE = "cross-authority comparison defined by a person in the canonical areas file; each council's scores are its own, on its own scale";

export function mappingNamed(file: Pick<CanonicalFrameworks, "crossAuthority">, key: string): CrossAuthorityMapping {
  const hit = file.crossAuthority.find((m) => m.key === key || labelKey(m.label) === labelKey(key));
  if (!hit) {
    const known = file.crossAuthority.map((m) => m.key).join(", ") || "none defined";
    throw new MappingNotFoundError(`no cross-authority mapping "${key}" in the canonical areas file (crossAuthority: ${known})`);
  }
  return hit;
}

/** The member's series among its authority's: the canonical key, else the own series of that label. */
function memberSeries(series: HistorySeries[], area: string): HistorySeries | undefined {
  return (
    series.find((s) => s.canonical_key === area) ??
    series.find((s) => s.canonical_area !== null && labelKey(s.canonical_area) === labelKey(area)) ??
    series.find((s) => s.canonical_key === null && labelKey(s.series[0]?.area ?? "") === labelKey(area))
  );
}

export interface AcrossOptions extends Omit<HistoryOptions, "authority" | "area"> {
  file?: CanonicalFrameworks;
}

/** history for each member of a mapping: its authority's series for its area, marked. Warnings for members with nothing stored. */
export async function historyAcross(db: Store, key: string, options: AcrossOptions = {}): Promise<{ series: (HistorySeries & { cross_authority: CrossAuthorityMark })[]; warnings: string[] }> {
  const file = options.file ?? loadCanonicalFrameworks();
  const mapping = mappingNamed(file, key);
  const authorities = new AuthorityResolver(file);
  const out: (HistorySeries & { cross_authority: CrossAuthorityMark })[] = [];
  const warnings: string[] = [];
  for (const member of mapping.members) {
    let series: HistorySeries[];
    try {
      series = await history(db, { ...options, authority: member.authority, authorities });
    } catch (error) {
      if (!(error instanceof AuthorityNotFoundError)) throw error;
      warnings.push(`${mapping.label}: no stored report of ${member.authority}`);
      continue;
    }
    const s = memberSeries(series, member.area);
    if (!s) {
      warnings.push(`${mapping.label}: ${member.authority} has no scores for "${member.area}"`);
      continue;
    }
    out.push({ ...s, cross_authority: { key: mapping.key, label: mapping.label, note: NOTE, member } });
  }
  return { series: out, warnings };
}

/** compare for each member of a mapping: its authority's row for its area, marked. */
export async function compareAcross(db: Store, key: string, specA: string, specB: string, options: Omit<Parameters<typeof compare>[3] & object, "authority" | "area"> & { file?: CanonicalFrameworks } = {}): Promise<Comparison & { areas: (CompareRow & { cross_authority: CrossAuthorityMark })[] }> {
  const file = options.file ?? loadCanonicalFrameworks();
  const mapping = mappingNamed(file, key);
  const authorities = new AuthorityResolver(file);
  let base: Comparison | null = null;
  const rows: (CompareRow & { cross_authority: CrossAuthorityMark })[] = [];
  const warnings: string[] = [];
  for (const member of mapping.members) {
    let c: Comparison;
    try {
      c = await compare(db, specA, specB, { ...options, authority: member.authority, authorities });
    } catch (error) {
      if (!(error instanceof AuthorityNotFoundError)) throw error;
      warnings.push(`${mapping.label}: no stored report of ${member.authority}`);
      continue;
    }
    base ??= c;
    const row =
      c.areas.find((r) => r.canonical_key === member.area) ??
      c.areas.find((r) => r.canonical_area !== null && labelKey(r.canonical_area) === labelKey(member.area)) ??
      c.areas.find((r) => r.canonical_key === null && labelKey(r.area ?? "") === labelKey(member.area));
    if (!row) {
      warnings.push(`${mapping.label}: ${member.authority} has no scores for "${member.area}"`);
      continue;
    }
    warnings.push(...c.warnings);
    rows.push({ ...row, cross_authority: { key: mapping.key, label: mapping.label, note: NOTE, member } });
  }
  if (!base) throw new MappingNotFoundError(`${mapping.label}: no member authority has stored reports`);
  return { ...base, areas: rows, warnings };
}
