/**
 * Report families as data. A profile says how a family words its area framework, how its
 * sections are headed and where its score tables live; extractors read these fields instead
 * of knowing any family. A new family of reports is a new entry in PROFILES.
 *
 * Patterns match the normalised text of text-utils' normForMatch (lower case, ASCII dashes
 * and quotes, single spaces) unless said otherwise.
 */
import type { Profile } from "./context.js";

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

export const PROGRESS_REPORT: ReportProfile = {
  kind: "progress-report",
  framework: "cornerstones",
  cues: [
    { pattern: /evaluative progress report/, weight: 3 },
    { pattern: /progress report/, weight: 1 },
    { pattern: /cornerstones?/, weight: 2 },
    { pattern: /self-? ?assessed score against measures/, weight: 3 },
    { pattern: /what does good look like/, weight: 2 },
    { pattern: /contributing areas of activity/, weight: 1 },
  ],
  minScore: 4,
  summaryAnchors: [/self-? ?assessed score against measures\s*$/, /score against measures\s*$/],
  areaColumnHeader: null,
  sectionScoreLabel: /self-? ?assessed score against measures\s*:?/,
  rowScoreHeader: null,
  descriptionCue: /^\s*what does good look like\s*\??\s*[-:?]?\s*/,
  areaSections: true,
  // Anchored: "(See Action Plan)" inside a section is a reference, not a part of its own.
  nonAreaParts: [...COMMON_NON_AREA_PARTS, /^(?!see\b)(?:[a-z]+ ){0,2}action plans?\b/, /^case stud(y|ies)\b/],
};

export const STRATEGIC_OVERVIEW: ReportProfile = {
  kind: "strategic-overview",
  framework: "key-priority-areas",
  cues: [
    { pattern: /strategic overview report/, weight: 3 },
    { pattern: /strategic overview/, weight: 1 },
    { pattern: /key priority areas?/, weight: 3 },
    { pattern: /point of eval/, weight: 2 },
    { pattern: /our score between/, weight: 2 },
    { pattern: /what is our final destination/, weight: 1 },
    { pattern: /corporate evaluation framework/, weight: 1 },
  ],
  minScore: 4,
  summaryAnchors: [/score table/, /point of eval/, /key priority area/],
  areaColumnHeader: /^key priority areas?$/,
  sectionScoreLabel: null,
  rowScoreHeader: /our score|score between/,
  descriptionCue: null,
  areaSections: false,
  nonAreaParts: COMMON_NON_AREA_PARTS,
};

/** Used when nothing matches: generic structure only (period-headed score tables, numbered headings). */
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

export const PROFILES: ReportProfile[] = [PROGRESS_REPORT, STRATEGIC_OVERVIEW];

/** The full profile behind a context's Profile (extractors only get kind + framework). */
export function profileFor(profile: Profile): ReportProfile {
  if ("cues" in profile) return profile as ReportProfile;
  return PROFILES.find((p) => p.kind === profile.kind) ?? UNKNOWN_PROFILE;
}
