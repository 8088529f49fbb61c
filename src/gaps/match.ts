/**
 * Does a later report supply what a gap was waiting for? Pure: everything comes in a
 * MatchContext loaded beforehand. The rules, in order:
 *
 * 1. Only documents of the same authority whose reporting period ends after the gap's.
 * 2. A later document that still carries the same gap (same kind, similar text) does not fill it.
 * 3. Only statements of the same area: canonical areas when both sides are linked, else the
 *    printed labels compared (and the evidence says so).
 * 4. Only statements that give a figure, are not themselves waiting ("3 DBS awaited"), and
 *    whose figure is a result, not a plan ("6 sessions planned").
 * 5. A figure the gap's own (or an earlier) report already printed, said again, fills nothing.
 * 6. Strong TF-IDF similarity on the gap's subject words (and enough of them shared); the
 *    confidence drops when the unit contradicts the gap or the figure counts something the
 *    gap never mentions, and rises when it counts what the gap names.
 * 7. The first later report that passes resolves it (its best candidate).
 *
 * Absence never resolves: without a candidate passing all of these, the gap stays open and
 * the reason says what the best candidate lacked.
 */
import { buildIdf, similarity, textSimilarity, type Idf, type Similarity } from "./similarity.js";
import {
  countedTerms, expectedGapUnit, figuresIn, isAwaiting, isPlannedFigure, isProspective, normaliseLabel, normaliseText, subjectTerms, type Unit,
} from "./text.js";
import type { AreaRef, Candidate, DocInfo, GapInfo } from "./types.js";

/** Confidence at or above which a candidate resolves a gap automatically (`--threshold`). */
export const CONFIDENCE_THRESHOLD = 0.6;

export const MATCH_TUNING = {
  /** confidence = cosineWeight·cosine + (1 − cosineWeight)·coverage */
  cosineWeight: 0.5,
  /** A percentage offered for a gap that waits for a count (or the reverse) is worth less. */
  unitMismatchFactor: 0.7,
  /** The figure counts something the gap never mentions ("40 governors" for a gap about Members). */
  countedMismatchFactor: 0.75,
  /** A plan ("12 sessions planned") is weaker evidence than a result. */
  prospectiveFactor: 0.8,
  /** The figure counts a thing the gap names ("31 Members" for a gap about Members): this share of the way to 1. */
  countedAgreementBonus: 0.15,
  /** Shared subject words needed (or all of them, when the gap has fewer). */
  minSharedTerms: 2,
  /** Text similarity at which a later gap is "the same gap, still open". */
  carriedSimilarity: 0.6,
  /** Text similarity at which a figure equal to a known one is "the same figure again". */
  repeatSimilarity: 0.7,
  /** Extra confidence needed when one side has no area at all (nothing ties them together). */
  unknownAreaMargin: 0.15,
} as const;

export interface MatchContext {
  docs: ReadonlyMap<number, DocInfo>;
  candidatesByDoc: ReadonlyMap<number, readonly Candidate[]>;
  gapsByDoc: ReadonlyMap<number, readonly GapInfo[]>;
  idf: Idf;
  threshold: number;
  /** Only documents ingested after this instant may resolve (set after a manual reopen). */
  ingestedAfter?: string | null;
  /** Later documents with no stored passages (searched through their facts only), and why (evidence). */
  factsOnly?: ReadonlyMap<number, string>;
}

export type AreaMethod = "canonical" | "label" | "no-area";

export interface AreaComparison {
  same: boolean;
  method: AreaMethod;
}

export interface ScoredCandidate {
  candidate: Candidate;
  document: DocInfo;
  confidence: number;
  similarity: Similarity;
  area: AreaComparison;
  /** Confidence cuts: the unit contradicts the gap, or the figure counts something the gap never mentions. */
  penalties: string[];
  /** Why this candidate cannot resolve the gap whatever its score; null when it could. */
  rejected: string | null;
}

export interface MatchEvidence {
  method: "tfidf";
  threshold: number;
  reference_end: string | null;
  later_documents: string[];
  skipped_documents: { document: string; reason: string }[];
  /** Later documents searched through their stored facts only (no passages stored for them). */
  facts_only?: { document: string; reason: string }[];
  candidate?: {
    document: string;
    page: number | null;
    line: number | null;
    source: Candidate["source"];
    id: number;
    text: string;
    value: number | null;
    unit: string | null;
    period: string | null;
  };
  confidence?: number;
  cosine?: number;
  coverage?: number;
  shared_terms?: string[];
  missing_terms?: string[];
  area_match?: AreaMethod;
  area_note?: string;
  penalties?: string[];
  rejected?: string | null;
}

export type GapMatch =
  | { outcome: "resolved"; best: ScoredCandidate; evidence: MatchEvidence }
  | { outcome: "open"; reason: string; best: ScoredCandidate | null; evidence: MatchEvidence };

/** The month after which a report counts as later: the gap's period, or its report's, whichever ends last. */
export function referenceEnd(gap: GapInfo, doc: DocInfo | undefined): string | null {
  const ends = [gap.period?.end, doc?.reporting?.end].filter((e): e is string => typeof e === "string");
  return ends.length ? ends.sort().at(-1)! : null;
}

function normaliseAuthority(a: string): string {
  return a.toLowerCase().replace(/\bthe\b/g, "").replace(/[^a-z]+/g, " ").trim();
}

/** Same authority when both name the same one; an unnamed side is given the benefit (and noted). */
export function sameAuthority(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  return normaliseAuthority(a) === normaliseAuthority(b);
}

/**
 * Same area? Canonical links decide when both sides have one (alignment is the better
 * judge); otherwise the printed labels, normalised, must name the same thing.
 */
export function compareAreas(a: AreaRef | null, b: AreaRef | null): AreaComparison {
  if (a === null || b === null) return { same: true, method: "no-area" };
  if (a.canonicalId !== null && b.canonicalId !== null) return { same: a.canonicalId === b.canonicalId, method: "canonical" };
  const la = normaliseLabel(a.label);
  const lb = normaliseLabel(b.label);
  if (la.length === 0 || lb.length === 0) return { same: false, method: "label" };
  const [small, big] = la.length <= lb.length ? [la, lb] : [lb, la];
  return { same: small.every((t) => big.includes(t)), method: "label" };
}

/** Documents that come after the gap's report, oldest first (then by id, for a stable choice). */
export function laterDocuments(gap: GapInfo, ctx: Pick<MatchContext, "docs" | "ingestedAfter">): DocInfo[] {
  const own = ctx.docs.get(gap.documentId);
  const ref = referenceEnd(gap, own);
  if (ref === null) return [];
  return [...ctx.docs.values()]
    .filter((d) => d.id !== gap.documentId && d.reporting !== null && d.reporting.end > ref)
    .filter((d) => sameAuthority(own?.authority ?? null, d.authority))
    .filter((d) => !ctx.ingestedAfter || d.ingestedAt > ctx.ingestedAfter)
    .sort((a, b) => a.reporting!.end.localeCompare(b.reporting!.end) || a.id - b.id);
}

/** The later document's gap that is this gap printed again, if any. */
export function carriedGap(gap: GapInfo, laterGaps: readonly GapInfo[], idf: Idf): GapInfo | null {
  const text = normaliseText(gap.text);
  for (const other of laterGaps) {
    if (!compareAreas(gap.area, other.area).same) continue;
    if (normaliseText(other.text) === text) return other;
    if (other.kind === gap.kind && textSimilarity(gap.text, other.text, idf) >= MATCH_TUNING.carriedSimilarity) return other;
  }
  return null;
}

/** Figures already printed at the gap's time or before (same authority, same area): not news. */
export function knownFigures(gap: GapInfo, ctx: MatchContext): Candidate[] {
  const own = ctx.docs.get(gap.documentId);
  const ref = referenceEnd(gap, own);
  const out: Candidate[] = [];
  for (const d of ctx.docs.values()) {
    const notLater = d.id === gap.documentId || (ref !== null && d.reporting !== null && d.reporting.end <= ref);
    if (!notLater || !sameAuthority(own?.authority ?? null, d.authority)) continue;
    for (const c of ctx.candidatesByDoc.get(d.id) ?? []) {
      // Stored facts only: statements are read for later reports, so using them here would
      // make one gap's outcome depend on which other gaps happened to be checked.
      if (c.source === "statement") continue;
      if (c.value !== null && !isAwaiting(c.text) && compareAreas(gap.area, c.area).same) out.push(c);
    }
  }
  return out;
}

/**
 * Figures the gap's own sentence prints besides its marker ("100% of volunteers … 3 DBS
 * awaited"): already given when the gap was flagged, so not the awaited ones either.
 */
export function gapTextFigures(gap: GapInfo): Candidate[] {
  const rest = gap.text.includes(gap.marker) ? gap.text.replace(gap.marker, " ") : gap.text;
  return figuresIn(rest).map((f) => ({
    source: "statement", id: -gap.id, documentId: gap.documentId, page: gap.page, line: gap.line, text: rest, value: f.value, unit: f.unit, area: gap.area,
  }));
}

/** The candidate repeats a known figure: same value and unit, same statement, nothing new about the subject. */
function repeatsKnown(
  candidate: Candidate,
  sim: Similarity,
  known: readonly Candidate[],
  subject: ReadonlyMap<string, number>,
  idf: Idf,
): Candidate | null {
  for (const k of known) {
    if (k.value !== candidate.value || k.unit !== candidate.unit) continue;
    if (textSimilarity(k.text, candidate.text, idf) < MATCH_TUNING.repeatSimilarity) continue;
    const knownShared = new Set(similarity(subject, k.text, idf).shared);
    if (sim.shared.every((t) => knownShared.has(t))) return k;
  }
  return null;
}

interface Adjustments {
  unitMismatch: boolean;
  countedMismatch: boolean;
  countedAgrees: boolean;
  prospective: boolean;
}

function confidenceOf(sim: Similarity, a: Adjustments): number {
  const w = MATCH_TUNING.cosineWeight;
  let c = w * sim.cosine + (1 - w) * sim.coverage;
  if (a.unitMismatch) c *= MATCH_TUNING.unitMismatchFactor;
  if (a.countedMismatch) c *= MATCH_TUNING.countedMismatchFactor;
  if (a.prospective) c *= MATCH_TUNING.prospectiveFactor;
  if (a.countedAgrees) c += (1 - c) * MATCH_TUNING.countedAgreementBonus;
  return round3(c);
}

/** Score every candidate of one later document against the gap. */
function scoreDocument(
  gap: GapInfo,
  doc: DocInfo,
  subject: ReadonlyMap<string, number>,
  wanted: Unit | null,
  known: readonly Candidate[],
  ctx: MatchContext,
): ScoredCandidate[] {
  const needShared = Math.min(MATCH_TUNING.minSharedTerms, subject.size);
  const out: ScoredCandidate[] = [];
  for (const candidate of ctx.candidatesByDoc.get(doc.id) ?? []) {
    const area = compareAreas(gap.area, candidate.area);
    if (!area.same) continue;
    const sim = similarity(subject, candidate.text, ctx.idf);
    if (sim.shared.length === 0) continue;
    const unitMismatch = wanted !== null && candidate.unit !== null && candidate.unit !== wanted;
    const counted = countedTerms(candidate.text, candidate.value);
    const countedAgrees = counted.length > 0 && counted.some((t) => subject.has(t));
    const adjustments = { unitMismatch, countedMismatch: counted.length > 0 && !countedAgrees, countedAgrees, prospective: isProspective(candidate.text) };
    const confidence = confidenceOf(sim, adjustments);
    let rejected: string | null = null;
    if (candidate.value === null) rejected = "gives no figure";
    else if (isAwaiting(candidate.text)) rejected = "is itself still waiting";
    else if (isPlannedFigure(candidate.text, candidate.value)) rejected = "gives a planned figure, not a result";
    else if (sim.shared.length < needShared) rejected = `shares only ${sim.shared.length} subject word(s)`;
    else {
      const repeat = repeatsKnown(candidate, sim, known, subject, ctx.idf);
      if (repeat) rejected = `repeats a figure already printed by then (${ctx.docs.get(repeat.documentId)?.source ?? "?"}${pageSuffix(repeat.page)})`;
    }
    const penalties = [
      ...(unitMismatch ? [`a ${candidate.unit} where the gap suggests a ${wanted}`] : []),
      ...(adjustments.countedMismatch ? [`counts "${counted.join(" ")}", which the gap does not mention`] : []),
      ...(adjustments.prospective ? ["reads as a plan, not a result"] : []),
    ];
    out.push({ candidate, document: doc, confidence, similarity: sim, area, penalties, rejected });
  }
  return out;
}

/** Threshold for one candidate: stricter when no area ties the two together. */
function thresholdFor(s: ScoredCandidate, base: number): number {
  return s.area.method === "no-area" ? Math.min(0.95, base + MATCH_TUNING.unknownAreaMargin) : base;
}

export function matchGap(gap: GapInfo, ctx: MatchContext): GapMatch {
  const own = ctx.docs.get(gap.documentId);
  const ref = referenceEnd(gap, own);
  const evidence: MatchEvidence = {
    method: "tfidf",
    threshold: ctx.threshold,
    reference_end: ref,
    later_documents: [],
    skipped_documents: [],
  };
  if (ref === null) return { outcome: "open", reason: "the gap's report has no period, so no report can be later", best: null, evidence };
  const later = laterDocuments(gap, ctx);
  evidence.later_documents = later.map((d) => d.source);
  const factsOnly = later.flatMap((d) => {
    const reason = ctx.factsOnly?.get(d.id);
    return reason === undefined ? [] : [{ document: d.source, reason }];
  });
  if (factsOnly.length) evidence.facts_only = factsOnly;
  if (later.length === 0) {
    const why = ctx.ingestedAfter ? "no report ingested since the manual reopen is later" : `no report of this authority is later than ${ref}`;
    return { outcome: "open", reason: why, best: null, evidence };
  }

  const known = knownFigures(gap, ctx);
  const subject = subjectTerms(gap, known.map((k) => k.text));
  const wanted = expectedGapUnit(gap, known.map((k) => k.text));
  const repeatPool = [...known, ...gapTextFigures(gap)];
  if (subject.size === 0) return { outcome: "open", reason: "the gap's text names nothing to look for", best: null, evidence };

  const scored: ScoredCandidate[] = [];
  for (const doc of later) {
    const carried = carriedGap(gap, ctx.gapsByDoc.get(doc.id) ?? [], ctx.idf);
    if (carried) {
      evidence.skipped_documents.push({ document: doc.source, reason: `still flags the same gap${pageSuffix(carried.page)}: "${clip(carried.marker, 60)}"` });
      continue;
    }
    scored.push(...scoreDocument(gap, doc, subject, wanted, repeatPool, ctx));
  }

  const passing = scored.filter((s) => s.rejected === null && s.confidence >= thresholdFor(s, ctx.threshold));
  // The first later report that gives the figure resolves the gap; within it, the best match.
  passing.sort(
    (a, b) =>
      a.document.reporting!.end.localeCompare(b.document.reporting!.end) ||
      b.confidence - a.confidence ||
      a.document.id - b.document.id ||
      a.candidate.id - b.candidate.id,
  );
  const winner = passing[0];
  if (winner) return { outcome: "resolved", best: winner, evidence: withCandidate(evidence, winner) };

  const best = [...scored].sort((a, b) => b.confidence - a.confidence || a.document.id - b.document.id || a.candidate.id - b.candidate.id)[0] ?? null;
  if (!best) {
    const reason = evidence.skipped_documents.length === later.length
      ? `every later report still flags it (${evidence.skipped_documents.map((s) => s.document).join(", ")})`
      : `no statement in the same area of ${later.map((d) => d.source).join(", ")} mentions its subject (${[...subject.keys()].slice(0, 6).join(", ")})`;
    return { outcome: "open", reason, best: null, evidence };
  }
  return { outcome: "open", reason: weakReason(best, ctx.threshold), best, evidence: withCandidate(evidence, best) };
}

function weakReason(best: ScoredCandidate, threshold: number): string {
  const where = `${best.document.source}${pageSuffix(best.candidate.page)}`;
  const quoted = `"${clip(best.candidate.text, 80)}"`;
  if (best.rejected) return `best candidate ${quoted} (${where}, ${best.confidence.toFixed(2)}) ${best.rejected}`;
  const missing = best.similarity.missing.length ? `; missing subject words: ${best.similarity.missing.slice(0, 6).join(", ")}` : "";
  const penalties = best.penalties.length ? `; ${best.penalties.join("; ")}` : "";
  return `best candidate ${quoted} (${where}) scores ${best.confidence.toFixed(2)} < ${thresholdFor(best, threshold).toFixed(2)}${missing}${penalties}`;
}

function withCandidate(evidence: MatchEvidence, s: ScoredCandidate): MatchEvidence {
  return {
    ...evidence,
    candidate: {
      document: s.document.source,
      page: s.candidate.page,
      line: s.candidate.line,
      source: s.candidate.source,
      id: s.candidate.id,
      text: s.candidate.text,
      value: s.candidate.value,
      unit: s.candidate.unit,
      period: s.document.reporting?.label ?? null,
    },
    confidence: s.confidence,
    cosine: round3(s.similarity.cosine),
    coverage: round3(s.similarity.coverage),
    shared_terms: s.similarity.shared,
    missing_terms: s.similarity.missing,
    area_match: s.area.method,
    area_note: areaNote(s.area) + statementAreaNote(s.candidate),
    penalties: s.penalties,
    rejected: s.rejected,
  };
}

/** How a statement (a stored passage) got its area, for the evidence; "" for stored facts. */
function statementAreaNote(c: Candidate): string {
  if (c.source !== "statement" || !c.area) return "";
  return c.areaFrom === "section"
    ? "; the statement's area is the report section it sits in"
    : "; the statement's area is that of the nearest extracted fact";
}

function areaNote(area: AreaComparison): string {
  switch (area.method) {
    case "canonical":
      return "same canonical area (area_links)";
    case "label":
      return "no canonical link on one side: compared the printed area labels (fallback)";
    case "no-area":
      return "one side has no area: matched across the document with a stricter threshold";
  }
}

/** Everything the matcher needs besides the store rows: the IDF over all stored statements. */
export function idfFor(gaps: Iterable<GapInfo>, candidates: Iterable<Candidate>): Idf {
  const texts: string[] = [];
  for (const g of gaps) texts.push(g.text);
  for (const c of candidates) texts.push(c.text);
  return buildIdf(texts);
}

function pageSuffix(page: number | null): string {
  return page === null ? "" : ` p.${page}`;
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
