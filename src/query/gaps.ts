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

/**
 * Every gap of the store as the ledger lists it, with what the filters test: read and worked out
 * once (documents, areas, decisions, aging, the copies of one report's renderings, authorities),
 * so that a caller holding it (the web app keeps one per state of the store) filters it many
 * times for the cost of a scan. In the listing's order: grouped by authority, then by gap id.
 */
export interface GapLedger {
  /** The resolver that met every stored authority's name (one shown name per authority). */
  authorities: AuthorityResolver;
  entries: readonly LedgerEntry[];
}

interface LedgerEntry {
  record: GapRecord;
  authorityKey: string;
  canonicalId: number | null;
  /** The documents printing the gap (every rendering's copy). */
  documentIds: number[];
  /** The area as printed, lower-cased (--source-area). */
  areaLabel: string;
  /** The month the gap's period (or its report's) ends: --since. */
  referenceEnd: string | null;
}

export async function loadGapLedger(db: Store, authorities: AuthorityResolver = loadAuthorityResolver()): Promise<GapLedger> {
  const docs = await loadDocuments(db);
  const areas = await loadAreas(db);
  const gaps = await loadGaps(db, areas);
  const decisions = await loadLastDecisions(db);
  const agingOf = agingIndex(docs);
  await storedAuthorities(db, authorities); // every name met first: one shown name per authority
  const entries: (LedgerEntry & { authorityOrder: string })[] = [];
  for (const copies of groupGapCopies(gaps, docs)) {
    // The copy stored first stands for the gap: its status is the report's (copies share it).
    const g = copies[0]!;
    const doc = docs.get(g.documentId);
    if (!doc) continue;
    const authorityKey = authorities.resolve(doc.authority, doc.id).key;
    const decision = decisions.get(g.id);
    const resolver = g.resolvedByDocumentId === null ? undefined : docs.get(g.resolvedByDocumentId);
    const aging =
      g.status === "resolved"
        ? agingOf(g, resolver ? { resolverEnd: resolver.reporting?.end ?? null } : { decidedAt: decision?.at ?? null })
        : agingOf(g);
    const authority = authorities.nameOf(authorityKey);
    entries.push({
      authorityKey,
      authorityOrder: authority === null ? `\uffff${authorityKey}` : authority.toLowerCase(),
      canonicalId: g.area?.canonicalId ?? null,
      documentIds: copies.map((c) => c.documentId),
      areaLabel: (g.area?.label ?? "").toLowerCase(),
      referenceEnd: referenceEnd(g, doc),
      record: {
        id: g.id,
        report: doc.report ?? null,
        document: doc.source,
        authority,
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
      },
    });
  }
  // Grouped by authority (a stable sort: within one, the ledger's order stays).
  entries.sort((a, b) => (a.authorityOrder < b.authorityOrder ? -1 : a.authorityOrder > b.authorityOrder ? 1 : 0));
  return { authorities, entries: entries.map(({ authorityOrder: _o, ...e }) => e) };
}

/**
 * The gaps a filter keeps, from the store, or from a ledger the caller already holds
 * (loadGapLedger over the same state of the store: the answer is the same).
 */
export async function listGaps(db: Store, filter: GapFilter = {}, held?: GapLedger): Promise<GapRecord[]> {
  const canonical = filter.area === undefined ? null : await resolveCanonicalArea(db, filter.area);
  const documents = filter.document === undefined ? null : new Set((await resolveDocuments(db, filter.document)).map((d) => d.id));
  const ledger = held ?? (await loadGapLedger(db, filter.authorities ?? loadAuthorityResolver()));
  const only = filter.authority ? await authorityKeys(db, ledger.authorities, filter.authority) : null;
  const needle = filter.sourceArea?.toLowerCase();
  const since = filter.since;
  return ledger.entries
    .filter(
      (e) =>
        (!only || only.has(e.authorityKey)) &&
        (!filter.open || e.record.status === "open") &&
        (!documents || e.documentIds.some((id) => documents.has(id))) &&
        (!canonical || canonical.ids.includes(e.canonicalId ?? -1)) &&
        (needle === undefined || e.areaLabel.includes(needle)) &&
        (!since || (e.referenceEnd !== null && e.referenceEnd >= since)),
    )
    .map((e) => e.record);
}
