/**
 * `scorebook gaps`: every gap with its status, evidence and aging (reports it stayed open
 * through). Records extend the export's gap record (src/facts/export.ts ExportGap) with the
 * ledger's fields. The renderings of one report print one gap several times: it is listed once
 * (the copy stored first), with the other files' copies under `also_in` (src/gaps/report-status.ts).
 */
import { agingIndex } from "../gaps/aging.js";
import { referenceEnd } from "../gaps/match.js";
import { loadAreas, loadDocuments, loadGaps, loadLastDecisions } from "../gaps/load.js";
import { groupGapCopies } from "../gaps/report-status.js";
import type { AuthorityResolver } from "../align/authority.js";
import type { Store } from "../store/open.js";
import { authorityKeys, loadAuthorityResolver, storedAuthorities } from "./authorities.js";
import { resolveCanonicalArea, resolveDocuments } from "./filters.js";
import type { AlsoIn } from "./renderings.js";

export interface GapRecord {
  id: number;
  /** The report this gap belongs to (every rendering of it). */
  report: number | null;
  document: string;
  /** The council of the gap's report (its framework's name for it, else as printed); null when the report states none. */
  authority: string | null;
  page: number | null;
  line: number | null;
  area: string | null;
  canonical_area: string | null;
  period: { label: string; start: string; end: string } | null;
  marker: string;
  text: string;
  kind: string;
  status: string;
  resolved_by: string | null;
  resolved_page: number | null;
  resolved_text: string | null;
  confidence: number | null;
  note: string | null;
  /** Reports the gap has stayed open through: its own, plus each later one without the figure. */
  aging: number | null;
  /** Who made the latest status decision (ingest, flag-gaps, manual) and when. */
  decided_by: string | null;
  decided_at: string | null;
  /** The same gap as the report's other renderings print it. */
  also_in: AlsoIn[];
}

export interface GapFilter {
  open?: boolean;
  /** Only gaps whose period ends in or after this month (YYYY-MM). */
  since?: string;
  /** A canonical area's name, key or alias (src/query/filters.ts). */
  area?: string;
  /** Only gaps whose area as printed contains this (case-insensitive). */
  sourceArea?: string;
  /** Only gaps printed by this document: a path, base name or stem (src/query/filters.ts). */
  document?: string;
  /** Only gaps of this authority's reports ('none': reports that state none). */
  authority?: string;
  authorities?: AuthorityResolver;
}

export async function listGaps(db: Store, filter: GapFilter = {}): Promise<GapRecord[]> {
  const canonical = filter.area === undefined ? null : await resolveCanonicalArea(db, filter.area);
  const documents = filter.document === undefined ? null : new Set((await resolveDocuments(db, filter.document)).map((d) => d.id));
  const docs = await loadDocuments(db);
  const areas = await loadAreas(db);
  const gaps = await loadGaps(db, areas);
  const decisions = await loadLastDecisions(db);
  const agingOf = agingIndex(docs);
  const needle = filter.sourceArea?.toLowerCase();
  const authorities = filter.authorities ?? loadAuthorityResolver();
  await storedAuthorities(db, authorities); // every name met first: one shown name per authority
  const only = filter.authority ? await authorityKeys(db, authorities, filter.authority) : null;
  const out: (GapRecord & { authorityOrder: string })[] = [];
  for (const copies of groupGapCopies(gaps, docs)) {
    // The copy stored first stands for the gap: its status is the report's (copies share it).
    const g = copies[0]!;
    const doc = docs.get(g.documentId);
    if (!doc) continue;
    const authorityKey = authorities.resolve(doc.authority, doc.id).key;
    if (only && !only.has(authorityKey)) continue;
    if (filter.open && g.status !== "open") continue;
    if (documents && !copies.some((c) => documents.has(c.documentId))) continue;
    if (canonical && !canonical.ids.includes(g.area?.canonicalId ?? -1)) continue;
    if (needle !== undefined && !(g.area?.label ?? "").toLowerCase().includes(needle)) continue;
    const ref = referenceEnd(g, doc);
    if (filter.since && (ref === null || ref < filter.since)) continue;
    const decision = decisions.get(g.id);
    const resolver = g.resolvedByDocumentId === null ? undefined : docs.get(g.resolvedByDocumentId);
    const aging =
      g.status === "resolved"
        ? agingOf(g, resolver ? { resolverEnd: resolver.reporting?.end ?? null } : { decidedAt: decision?.at ?? null })
        : agingOf(g);
    const authority = authorities.nameOf(authorityKey);
    out.push({
      id: g.id,
      report: doc.report ?? null,
      document: doc.source,
      authority,
      authorityOrder: authority === null ? `\uffff${authorityKey}` : authority.toLowerCase(),
      page: g.page,
      line: g.line,
      area: g.area?.label ?? null,
      canonical_area: g.area?.canonicalLabel ?? null,
      // A gap the extractor did not tie to a period belongs to its report's period.
      period: g.period ?? doc.reporting,
      marker: g.marker,
      text: g.text,
      kind: g.kind,
      status: g.status,
      resolved_by: resolver?.source ?? null,
      resolved_page: g.resolvedPage,
      resolved_text: g.resolvedText,
      confidence: g.confidence,
      note: g.note,
      aging,
      decided_by: decision?.decidedBy ?? null,
      decided_at: decision?.at ?? null,
      also_in: copies.slice(1).map((c) => ({ id: c.id, document: docs.get(c.documentId)?.source ?? "", page: c.page, line: c.line })),
    });
  }
  // Grouped by authority (a stable sort: within one, the ledger's order stays).
  return out.sort((a, b) => (a.authorityOrder < b.authorityOrder ? -1 : a.authorityOrder > b.authorityOrder ? 1 : 0)).map(({ authorityOrder: _o, ...r }) => r);
}
