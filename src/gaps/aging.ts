/**
 * Aging: how many reporting periods a gap has stayed open. Its own period counts as one;
 * every later reporting period of the same authority that came without the figure adds one.
 * Several files of one report (pdf, docx, txt) share a period and count once. Pure.
 */
import { referenceEnd, sameAuthority } from "./match.js";
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
