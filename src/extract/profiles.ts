/**
 * What extractors know of a report family. A profile says how a family words its area
 * framework, how its sections are headed and where its score tables live; extractors read
 * these fields instead of knowing any family. The families themselves are data
 * (db/report-families.json, compiled by families.ts); a new family is a new entry there.
 *
 * Patterns match the normalised text of text-utils' normForMatch (lower case, ASCII dashes
 * and quotes, single spaces) unless said otherwise.
 */
import type { Profile } from "./context.js";
import { shippedFamilies } from "./family-file.js";

export interface Cue {
  pattern: RegExp;
  weight: number;
}

export interface ReportProfile extends Profile {
  /** Wording that marks the family; classify sums the weights of cues found in the text. */
  cues: Cue[];
  /** Minimum summed cue weight before we claim the family. */
  minScore: number;
  /**
   * Text just before (or heading over) the summary score table. Optional: a table whose
   * header holds two or more period labels is found without it.
   */
  summaryAnchors: RegExp[];
  /** Header text of the summary table's area column ('Key Priority Area'); such a cell is header, not a row. */
  areaColumnHeader: RegExp | null;
  /** Label of a section's own score ('Self-Assessed Score Against Measures:'); null when sections have none. */
  sectionScoreLabel: RegExp | null;
  /** Header cell of the score column of a per-area evaluation table ('Our score between 1-6'). */
  rowScoreHeader: RegExp | null;
  /** Lead-in of an area's "what good looks like" / priority statement, stripped from the description. */
  descriptionCue: RegExp | null;
  /** Whether numbered area headings open the report's sections (progress reports) or areas live only in tables. */
  areaSections: boolean;
  /** Headings that end the area sections: appendices, action plans, structure charts. */
  nonAreaParts: RegExp[];
}

const COMMON_NON_AREA_PARTS = [/^appendix\b/, /^annex\b/, /^appendices\b/];

/** A shipped family by name (db/report-families.json); the extractors' tests use these. */
function shipped(name: string): ReportProfile {
  const hit = shippedFamilies().find((f) => f.kind === name);
  if (!hit) throw new Error(`db/report-families.json has no "${name}" family`);
  return hit;
}

export const PROGRESS_REPORT: ReportProfile = shipped("progress-report");
export const STRATEGIC_OVERVIEW: ReportProfile = shipped("strategic-overview");

/**
 * Used when no family claims a document: generic structure only (period-headed score tables,
 * numbered headings). Stays in code: it is how scorebook reads any report, not a family.
 */
export const UNKNOWN_PROFILE: ReportProfile = {
  kind: "unknown",
  framework: null,
  cues: [],
  minScore: Infinity,
  summaryAnchors: [/score/],
  areaColumnHeader: null,
  sectionScoreLabel: /self-? ?assessed score\b[^:]*:/,
  rowScoreHeader: /our score|score between/,
  descriptionCue: /^\s*what does good look like\s*\??\s*[-:?]?\s*/,
  areaSections: true,
  nonAreaParts: COMMON_NON_AREA_PARTS,
};

/** The full profile behind a context's Profile (a hand-built context may give only kind + framework). */
export function profileFor(profile: Profile): ReportProfile {
  if ("cues" in profile) return profile as ReportProfile;
  return shippedFamilies().find((p) => p.kind === profile.kind) ?? UNKNOWN_PROFILE;
}
