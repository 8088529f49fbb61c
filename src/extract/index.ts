/**
 * Layout → DocumentFacts: classify the report family, find its periods and areas, then run
 * the extractors over one shared context. Pure: no I/O. Every stage's messages are kept.
 */
import { DocumentFactsSchema, type DocumentFacts, type Period } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";
import { extractActions } from "./actions.js";
import { findAreas } from "./areas.js";
import { classify, describeDocument } from "./classify.js";
import type { ExtractContext } from "./context.js";
import { extractGaps } from "./gaps.js";
import { extractIndicators } from "./indicators.js";
import { extractPassages } from "./passages.js";
import { findPeriods } from "./periods.js";
import { extractScale } from "./scale.js";
import { extractScores } from "./scores.js";

/** Bump when extraction changes, so stored documents show which extractor made them. */
export const EXTRACTOR_VERSION = "0.1.0";

export function extractFacts(layout: Layout): DocumentFacts {
  const profile = classify(layout);
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
      ...layout.messages,
      ...periodFindings.messages,
      ...areaFindings.messages,
      ...scores.messages,
      ...scale.messages,
      ...indicators.messages,
      ...actions.messages,
      ...gaps.messages,
    ],
    passages,
  });
}

function latestPeriod(periods: Period[]): Period | null {
  let latest: Period | null = null;
  for (const p of periods) if (!latest || p.end > latest.end) latest = p;
  return latest;
}
