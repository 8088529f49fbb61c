/**
 * Layout → DocumentFacts: classify the report family, find its periods and areas, then run
 * the extractors over one shared context. Pure: no I/O. Every stage's messages are kept.
 */
import { annotateOcr } from "./ocr.js";
import { DocumentFactsSchema, type DocumentFacts, type Period } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";
import { extractActions } from "./actions.js";
import { findAreas } from "./areas.js";
import { classify, describeDocument } from "./classify.js";
import { shippedFamilies } from "./family-file.js";
import { UNKNOWN_PROFILE, type ReportProfile } from "./profiles.js";
import { message, type ExtractContext } from "./context.js";
import { extractGaps } from "./gaps.js";
import { extractIndicators } from "./indicators.js";
import { extractPassages } from "./passages.js";
import { findPeriods } from "./periods.js";
import { extractScale } from "./scale.js";
import { extractScores } from "./scores.js";

/** Bump when extraction changes, so stored documents show which extractor made them. */
export const EXTRACTOR_VERSION = "0.1.0";

export interface ExtractOptions {
  /** The families to classify among (default: the shipped ones). */
  families?: readonly ReportProfile[];
  /** Force this family (by name; 'unknown' for structure only) instead of classifying. */
  family?: string;
}

export class UnknownFamilyError extends Error {}

/** The family `--family NAME` names, or an error listing those there are. */
export function familyNamed(name: string, families: readonly ReportProfile[]): ReportProfile {
  if (name === UNKNOWN_PROFILE.kind) return UNKNOWN_PROFILE;
  const hit = families.find((f) => f.kind === name);
  if (!hit) throw new UnknownFamilyError(`no report family "${name}"; known: ${[...families.map((f) => f.kind), UNKNOWN_PROFILE.kind].join(", ")}`);
  return hit;
}

export function extractFacts(layout: Layout, options: ExtractOptions = {}): DocumentFacts {
  const families = options.families ?? shippedFamilies();
  const profile = options.family ? familyNamed(options.family, families) : classify(layout, families);
  const { title, authority } = describeDocument(layout);
  const periodFindings = findPeriods(layout, profile);
  const areaFindings = findAreas(layout, profile);
  const ctx: ExtractContext = {
    layout,
    profile,
    periods: periodFindings.periods,
    areas: areaFindings.areas,
    currentPeriod: latestPeriod(periodFindings.periods),
    areaOf: areaFindings.areaOf,
  };
  const scores = extractScores(ctx);
  const scale = extractScale(layout);
  const indicators = extractIndicators(ctx);
  const actions = extractActions(ctx);
  const gaps = extractGaps(ctx);
  const passages = extractPassages(ctx);
  const ocrMessages = annotateOcr({ scores: scores.scores, indicators: indicators.indicators, actions: actions.actions, gaps: gaps.gaps }, layout.ocr);
  // Parse at the edge: whatever the extractors built must satisfy the one schema.
  return DocumentFactsSchema.parse({
    kind: profile.kind,
    title,
    authority,
    framework: profile.framework,
    periods: periodFindings.periods,
    areas: areaFindings.areas,
    scores: scores.scores,
    scale: scale.scale,
    indicators: indicators.indicators,
    actions: actions.actions,
    gaps: gaps.gaps,
    messages: [
      ...(options.family ? [message("classify", "info", `report family "${profile.kind}" forced (ingest --family), not classified`, null)] : []),
      ...layout.messages,
      ...periodFindings.messages,
      ...areaFindings.messages,
      ...scores.messages,
      ...scale.messages,
      ...indicators.messages,
      ...actions.messages,
      ...gaps.messages,
      ...ocrMessages,
    ],
    passages,
  });
}

function latestPeriod(periods: Period[]): Period | null {
  let latest: Period | null = null;
  for (const p of periods) if (!latest || p.end > latest.end) latest = p;
  return latest;
}
