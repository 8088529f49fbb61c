/**
 * What the gap matcher works on, as plain data loaded from the store (src/gaps/load.ts), so
 * that matching itself is pure and testable without a database.
 */
import type { Unit } from "./text.js";

export interface AreaRef {
  id: number;
  /** Label as printed by its document. */
  label: string;
  /** Canonical area from area_links (alignment); null while not linked. */
  canonicalId: number | null;
  canonicalLabel: string | null;
}

export interface DocInfo {
  id: number;
  source: string;
  authority: string | null;
  ingestedAt: string;
  /** The report this file renders (several files may render one); null before it has one. */
  report?: number | null;
  /** The document's own reporting period: its latest period (null when it printed none). */
  reporting: { label: string; start: string; end: string } | null;
}

export interface GapInfo {
  id: number;
  documentId: number;
  marker: string;
  text: string;
  kind: string;
  area: AreaRef | null;
  page: number | null;
  line: number | null;
  /** The gap's own period, when the extractor tied it to one. */
  period: { label: string; start: string; end: string } | null;
  status: string;
  resolvedByDocumentId: number | null;
  resolvedPage: number | null;
  resolvedText: string | null;
  confidence: number | null;
  note: string | null;
}

/**
 * A statement of a document that might supply an awaited figure: a stored indicator or
 * action, or a stored passage of the report's text (src/gaps/statements.ts).
 */
export interface Candidate {
  source: "indicator" | "action" | "statement";
  id: number;
  documentId: number;
  page: number | null;
  line: number | null;
  text: string;
  /** The figure it gives; an action's is read from its text. */
  value: number | null;
  unit: Unit | null;
  area: AreaRef | null;
  /**
   * Statements only: where `area` came from — the section the passage sits in (stored at
   * ingest), or the nearest extracted fact (fallback for a passage outside any section).
   */
  areaFrom?: "section" | "nearest-fact";
}

/** The latest status-changing decision about a gap, from gap_events. */
export interface LastDecision {
  status: string;
  decidedBy: string;
  at: string;
}
