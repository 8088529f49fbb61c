/**
 * Aging: how many reporting periods a gap has stayed open. Its own period counts as one;
 * every later reporting period of the same authority that came without the figure adds one.
 * Several files of one report (pdf, docx, txt) share a period and count once. Pure.
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
  const laterEnds = new Set<string>();
  for (const d of docs.values()) {
    const end = d.reporting?.end;
    if (end === undefined || end <= ref) continue;
    if (!sameAuthority(own?.authority ?? null, d.authority)) continue;
    if (until.resolverEnd && end >= until.resolverEnd) continue;
    if (until.decidedAt && d.ingestedAt > until.decidedAt) continue;
    laterEnds.add(end);
  }
  return 1 + laterEnds.size;
}

/**
 * agingOf for many gaps over one set of documents: the reporting ends are grouped once per
 * authority (sorted, distinct), so each gap costs two binary searches instead of a pass over
 * every document. Gives exactly agingOf's answer; a gap resolved by a person without a
 * document (`decidedAt`) depends on ingest times, not only on ends, and takes agingOf's path.
 */
export function agingIndex(docs: ReadonlyMap<number, DocInfo>): (gap: GapInfo, until?: AgingUntil) => number | null {
  // sameAuthority: an unnamed side matches every authority. So a named authority's periods are
  // its own documents' ends plus the unnamed documents' ends; an unnamed gap's are everyone's.
  const all = new Set<string>();
  const unnamed = new Set<string>();
  const byAuthority = new Map<string, Set<string>>();
  for (const d of docs.values()) {
    const end = d.reporting?.end;
    if (end === undefined) continue;
    all.add(end);
    if (d.authority === null) unnamed.add(end);
    else {
      const key = normaliseAuthority(d.authority);
      const set = byAuthority.get(key) ?? new Set<string>();
      set.add(end);
      byAuthority.set(key, set);
    }
  }
  const sorted = (s: Iterable<string>) => [...new Set(s)].sort();
  const allEnds = sorted(all);
  const unnamedEnds = sorted(unnamed);
  const endsByAuthority = new Map<string, string[]>();
  for (const [key, set] of byAuthority) endsByAuthority.set(key, sorted([...set, ...unnamed]));
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
