/**
 * Aging: how many reports a gap has stayed open through. Its own report counts as one; every
 * later report of the same authority (a later reporting end) that came without the figure
 * adds one. Several files of one report (pdf, docx, txt: one report id, src/store/reports.ts)
 * count once. Pure.
 */
import { normaliseAuthority, referenceEnd, sameAuthority } from "./match.js";
import type { DocInfo, GapInfo } from "./types.js";

export interface AgingUntil {
  /** Reporting end of the document that resolved the gap: periods from then on do not count. */
  resolverEnd?: string | null;
  /** When a person resolved it without a document: only reports ingested by then count. */
  decidedAt?: string | null;
}

export function agingOf(gap: GapInfo, docs: ReadonlyMap<number, DocInfo>, until: AgingUntil = {}): number | null {
  const own = docs.get(gap.documentId);
  const ref = referenceEnd(gap, own);
  if (ref === null) return null;
  const laterReports = new Set<string>();
  for (const d of docs.values()) {
    const end = d.reporting?.end;
    if (end === undefined || end <= ref) continue;
    if (!sameAuthority(own?.authority ?? null, d.authority)) continue;
    if (until.resolverEnd && end >= until.resolverEnd) continue;
    if (until.decidedAt && d.ingestedAt > until.decidedAt) continue;
    laterReports.add(reportKey(d));
  }
  return 1 + laterReports.size;
}

/**
 * agingOf for many gaps over one set of documents: the reporting ends are grouped once per
 * authority (sorted, distinct), so each gap costs two binary searches instead of a pass over
 * every document. Gives exactly agingOf's answer; a gap resolved by a person without a
 * document (`decidedAt`) depends on ingest times, not only on ends, and takes agingOf's path.
 */
export function agingIndex(docs: ReadonlyMap<number, DocInfo>): (gap: GapInfo, until?: AgingUntil) => number | null {
  // sameAuthority: an unnamed side matches every authority. So a named authority's reports are
  // its own documents' reports plus the unnamed documents'; an unnamed gap's are everyone's.
  // Each report's end is listed once (report key → end), so its renderings count once.
  const all = new Map<string, string>();
  const unnamed = new Map<string, string>();
  const byAuthority = new Map<string, Map<string, string>>();
  for (const d of docs.values()) {
    const end = d.reporting?.end;
    if (end === undefined) continue;
    all.set(reportKey(d), end);
    if (d.authority === null) unnamed.set(reportKey(d), end);
    else {
      const key = normaliseAuthority(d.authority);
      const map = byAuthority.get(key) ?? new Map<string, string>();
      map.set(reportKey(d), end);
      byAuthority.set(key, map);
    }
  }
  const sorted = (...maps: Map<string, string>[]) => [...new Map(maps.flatMap((m) => [...m])).values()].sort();
  const allEnds = sorted(all);
  const unnamedEnds = sorted(unnamed);
  const endsByAuthority = new Map<string, string[]>();
  for (const [key, map] of byAuthority) endsByAuthority.set(key, sorted(map, unnamed));
  return (gap, until = {}) => {
    if (until.decidedAt) return agingOf(gap, docs, until);
    const own = docs.get(gap.documentId);
    const ref = referenceEnd(gap, own);
    if (ref === null) return null;
    const authority = own?.authority ?? null;
    const ends = authority === null ? allEnds : endsByAuthority.get(normaliseAuthority(authority)) ?? unnamedEnds;
    const from = firstAbove(ends, ref);
    const to = until.resolverEnd ? firstAtOrAbove(ends, until.resolverEnd) : ends.length;
    return 1 + Math.max(0, to - from);
  };
}

/**
 * Which report a document renders, as a key. A document without a report id (plain data
 * built without a store) counts by its reporting end, as files of one period always did.
 */
function reportKey(d: DocInfo): string {
  return d.report === null || d.report === undefined ? `end:${d.reporting?.end ?? d.id}` : `report:${d.report}`;
}

/** Index of the first element > x in an ascending array. */
function firstAbove(xs: readonly string[], x: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element >= x in an ascending array. */
function firstAtOrAbove(xs: readonly string[], x: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
