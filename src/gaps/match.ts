/**
 * Does a later report supply what a gap was waiting for? Pure: everything comes in a
 * MatchContext loaded beforehand. The rules, in order:
 *
 * 1. Only documents of the same authority whose reporting period ends after the gap's.
 * 2. A later document that still carries the same gap (same kind, similar text) does not fill it.
 * 3. Only statements of the same area: canonical areas when both sides are linked, else the
 *    printed labels compared (and the evidence says so).
 * 4. What may fill it depends on the gap's kind (`rulesFor`), read from language only:
 *    - figures-awaited, and runs of "???" standing in for a value: the **figure** rule — a
 *      statement that gives a figure, is not itself waiting ("3 DBS awaited"), and whose
 *      figure is a result, not a plan ("6 sessions planned");
 *    - pending-report (something due, awaited, underway): the figure rule, or the **delivery
 *      statement** rule — a sentence that names the awaited thing (the marker's own words,
 *      "IA report", "DBS"; the gap's sentence when the marker names nothing) and says it
 *      arrived ("received", "was implemented", "has been undertaken", "now in place"), while
 *      no sentence of it naming that thing still waits ("now due end Sept 18", "to be", "underway");
 *    - an editor's query ("(… not sure if there is a newer example?)"): nothing automatic.
 *      Whether a later report answers a question is for a person (`gaps resolve`).
 * 5. A figure, or a delivery statement, the gap's own (or an earlier) report already printed,
 *    said again, fills nothing; nor does the gap's own sentence printed again.
 * 6. Strong TF-IDF similarity on the gap's subject words (and enough of them shared). Figure
 *    rule: the confidence drops when the unit contradicts the gap or the figure counts
 *    something the gap never mentions, and rises when it counts what the gap names. Delivery
 *    rule: coverage of the awaited words weighs most, then how specific the sentence is about
 *    them and the rest of the gap's subject; a lighter cue ("agreed", "presented") counts less.
 * 7. The first later report that passes resolves it (its best candidate); the evidence names
 *    the rule that matched.
 *
 * Absence never resolves: without a candidate passing all of these, the gap stays open and
 * the reason says what the best candidate lacked.
 */
import { acronymTerms, deliveryCue, isEditorsQuery, sentencesOf, waitingCue, type CueStrength } from "./delivery.js";
import { stem } from "./nlp.js";
import { buildIdf, similarity, textSimilarity, type Idf, type Similarity } from "./similarity.js";
import {
  contentTerms, countedTerms, expectedGapUnit, figuresIn, isAwaiting, isPlannedFigure, isProspective, markerTerms, normaliseLabel,
  normaliseText, subjectTerms, SUBJECT_WEIGHTS, words, type Unit,
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
  /** Delivery rule: confidence = w.coverage·(awaited words covered) + w.cosine·(cosine with them) + w.subject·(whole subject covered). */
  delivery: {
    coverage: 0.5,
    cosine: 0.25,
    subject: 0.25,
    /** Share of the awaited words a delivery sentence must name (and at least 2 of them, or all when fewer). */
    minAwaitedShare: 0.6,
    /** A lighter cue ("agreed", "presented", "reviewed") than a completion word ("received", "completed"). */
    lightCueFactor: 0.9,
    /** "3 DBS awaited" answered by "all … received" or the same count: this share of the way to 1. */
    countCompletedBonus: 0.15,
  },
} as const;

/** Which kind of statement fills a gap: one giving the figure, or one saying the awaited thing arrived. */
export type MatchRule = "figure" | "delivery statement";

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
  /** The rule it was scored by. */
  rule: MatchRule;
  /** Delivery statements: the sentence, its cue, and which awaited words it names. */
  delivery?: DeliveryDetail;
}

export interface DeliveryDetail {
  /** The sentence of the candidate that says it arrived (or, when rejected, the one judged). */
  sentence: string;
  cue: string | null;
  cue_strength: CueStrength | null;
  /** What the gap waits for: the marker's own words, else its sentence's. */
  awaited_terms: string[];
  shared_awaited: string[];
  missing_awaited: string[];
  /** A count awaited ("3 DBS awaited") answered with "all" or the same number. */
  completes_count: boolean;
}

export interface MatchEvidence {
  method: "tfidf";
  /** The rules this gap's kind allows (rule 4); [] for an editor's query. */
  rules: MatchRule[];
  /** The rule of the candidate below (the one that matched, or the best that did not). */
  rule?: MatchRule;
  delivery?: DeliveryDetail;
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

const authorityKeys = new Map<string, string>();

/** An authority's name for comparison: case, "the" and punctuation ignored (memoised: few distinct names, compared often). */
export function normaliseAuthority(a: string): string {
  let key = authorityKeys.get(a);
  if (key === undefined) {
    key = a.toLowerCase().replace(/\bthe\b/g, "").replace(/[^a-z]+/g, " ").trim();
    if (authorityKeys.size >= 10_000) authorityKeys.clear();
    authorityKeys.set(a, key);
  }
  return key;
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

/**
 * Statements printed at the gap's time or before (its own report, other files of the same
 * period, earlier reports of the authority), in its area: what was known when the gap was
 * flagged. Stored facts, and the passages of those reports when loaded (flag-gaps loads them
 * for every report that holds a gap it checks or comes before one, so one gap's outcome does
 * not depend on which other gaps were checked).
 */
export function knownStatements(gap: GapInfo, ctx: MatchContext): Candidate[] {
  const own = ctx.docs.get(gap.documentId);
  const ref = referenceEnd(gap, own);
  const out: Candidate[] = [];
  for (const d of ctx.docs.values()) {
    const notLater = d.id === gap.documentId || (ref !== null && d.reporting !== null && d.reporting.end <= ref);
    if (!notLater || !sameAuthority(own?.authority ?? null, d.authority)) continue;
    for (const c of ctx.candidatesByDoc.get(d.id) ?? []) if (compareAreas(gap.area, c.area).same) out.push(c);
  }
  return out;
}

/** Figures already printed at the gap's time or before (same authority, same area): not news. */
export function knownFigures(gap: GapInfo, ctx: MatchContext, known: readonly Candidate[] = knownStatements(gap, ctx)): Candidate[] {
  return known.filter((c) => c.value !== null && !isAwaiting(c.text));
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

/** What one gap brings to the scoring of every candidate: computed once per gap. */
interface GapTerms {
  rules: readonly MatchRule[];
  subject: ReadonlyMap<string, number>;
  /** What is awaited, for the delivery rule: the marker's own words, else the gap's sentence words. */
  awaited: ReadonlyMap<string, number>;
  acronyms: ReadonlySet<string>;
  wanted: Unit | null;
  /** Figures known by the gap's time (and the gap's own), for rule 5 of the figure rule. */
  repeatPool: readonly Candidate[];
  /** Delivery statements known by the gap's time, for rule 5 of the delivery rule. */
  knownDeliveries: readonly { text: string; document: number; page: number | null }[];
  /** The gap's marker waits for a count ("3 DBS awaited"). */
  countAwaited: number | null;
}

/** Score every candidate of one later document against the gap, by each rule its kind allows. */
function scoreDocument(gap: GapInfo, doc: DocInfo, terms: GapTerms, ctx: MatchContext): ScoredCandidate[] {
  const out: ScoredCandidate[] = [];
  for (const candidate of ctx.candidatesByDoc.get(doc.id) ?? []) {
    const area = compareAreas(gap.area, candidate.area);
    if (!area.same) continue;
    const options: ScoredCandidate[] = [];
    for (const rule of terms.rules) {
      const scored = rule === "figure" ? scoreFigure(candidate, doc, area, terms, ctx) : scoreDelivery(candidate, doc, area, terms, ctx);
      if (scored) options.push(scored);
    }
    const chosen = pickOption(options, ctx.threshold);
    if (chosen) out.push(chosen);
  }
  return out;
}

/** One candidate, several rules: the one that resolves (best), else the best unrejected, else the best. */
function pickOption(options: readonly ScoredCandidate[], threshold: number): ScoredCandidate | null {
  const byConfidence = [...options].sort((a, b) => b.confidence - a.confidence);
  return (
    byConfidence.find((o) => o.rejected === null && o.confidence >= thresholdFor(o, threshold)) ??
    byConfidence.find((o) => o.rejected === null) ??
    byConfidence[0] ??
    null
  );
}

/** The figure rule (rules 4–6): a figure for the gap's subject, not a plan, not a repeat. */
function scoreFigure(candidate: Candidate, doc: DocInfo, area: AreaComparison, terms: GapTerms, ctx: MatchContext): ScoredCandidate | null {
  // A passage without a figure is the delivery rule's business; stored facts without one are
  // still scored, so that the reason can say "gives no figure".
  if (candidate.source === "statement" && candidate.value === null) return null;
  const { subject, wanted } = terms;
  const needShared = Math.min(MATCH_TUNING.minSharedTerms, subject.size);
  const sim = similarity(subject, candidate.text, ctx.idf);
  if (sim.shared.length === 0) return null;
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
    const repeat = repeatsKnown(candidate, sim, terms.repeatPool, subject, ctx.idf);
    if (repeat) rejected = `repeats a figure already printed by then (${ctx.docs.get(repeat.documentId)?.source ?? "?"}${pageSuffix(repeat.page)})`;
  }
  const penalties = [
    ...(unitMismatch ? [`a ${candidate.unit} where the gap suggests a ${wanted}`] : []),
    ...(adjustments.countedMismatch ? [`counts "${counted.join(" ")}", which the gap does not mention`] : []),
    ...(adjustments.prospective ? ["reads as a plan, not a result"] : []),
  ];
  return { candidate, document: doc, confidence, similarity: sim, area, penalties, rejected, rule: "figure" };
}

/** One sentence of a candidate judged as a delivery statement. */
interface JudgedSentence {
  sentence: string;
  awaited: Similarity;
  whole: Similarity;
  waiting: string | null;
  cue: ReturnType<typeof deliveryCue>;
  completesCount: boolean;
  confidence: number;
}

/** "All", "the remaining", "outstanding", or the very count: the whole awaited number arrived. */
const WHOLE_COUNT = /\b(?:all|every|each|remaining|outstanding|rest of)\b/i;

function judgeSentence(sentence: string, terms: GapTerms, idf: Idf): JudgedSentence {
  // "Internal audit report" names the gap's "IA report": acronyms spelled out count as the acronym.
  const matchText = `${sentence} ${spelledOutAcronyms(sentence, terms.acronyms).join(" ")}`;
  const awaited = similarity(terms.awaited, matchText, idf);
  const whole = similarity(terms.subject, matchText, idf);
  const waiting = waitingCue(sentence);
  const cue = waiting ? null : deliveryCue(sentence);
  const completesCount =
    terms.countAwaited !== null && (WHOLE_COUNT.test(sentence) || figuresIn(sentence).some((f) => f.value === terms.countAwaited && f.unit === "count"));
  const t = MATCH_TUNING.delivery;
  // One common awaited word ("next review due …" → review) says little on its own: how close
  // the sentence is to the gap's whole subject decides instead of how close it is to that word.
  const thin = thinAwaited(terms);
  let c = t.coverage * awaited.coverage + t.cosine * (thin ? whole.cosine : awaited.cosine) + t.subject * whole.coverage;
  if (cue?.strength === "light") c *= t.lightCueFactor;
  if (cue && completesCount) c += (1 - c) * t.countCompletedBonus;
  return { sentence, awaited, whole, waiting, cue, completesCount, confidence: round3(c) };
}

/**
 * The delivery-statement rule: a sentence of the candidate names what is awaited and says it
 * arrived; no sentence of it that names the awaited thing still waits; it is not news the
 * gap's own (or an earlier) report already printed.
 */
function scoreDelivery(candidate: Candidate, doc: DocInfo, area: AreaComparison, terms: GapTerms, ctx: MatchContext): ScoredCandidate | null {
  const judged = sentencesOf(candidate.text).map((s) => judgeSentence(s, terms, ctx.idf));
  const naming = judged.filter((j) => j.awaited.shared.length > 0);
  const base = { candidate, document: doc, area, penalties: [] as string[], rule: "delivery statement" as const };
  if (naming.length === 0) {
    // Only context words in common: the candidate is about something else.
    const best = [...judged].sort((a, b) => b.confidence - a.confidence)[0];
    if (!best || best.whole.shared.length === 0) return null;
    return {
      ...base, confidence: best.confidence, similarity: best.whole, delivery: detailOf(best, terms),
      rejected: `does not name what is awaited (${[...terms.awaited.keys()].join(", ")})`,
    };
  }
  const stillWaiting = naming.filter((j) => j.waiting !== null).sort((a, b) => b.confidence - a.confidence)[0];
  if (stillWaiting) {
    return {
      ...base, confidence: stillWaiting.confidence, similarity: stillWaiting.whole, delivery: detailOf(stillWaiting, terms),
      rejected: `is itself still waiting ("${clip(stillWaiting.waiting ?? "", 40)}"): a new date or plan is not delivery`,
    };
  }
  const delivering = naming.filter((j) => j.cue !== null).sort((a, b) => b.confidence - a.confidence)[0];
  if (!delivering) {
    const best = [...naming].sort((a, b) => b.confidence - a.confidence)[0]!;
    return {
      ...base, confidence: best.confidence, similarity: best.whole, delivery: detailOf(best, terms),
      rejected: "names what is awaited but does not say it was delivered (received, completed, implemented, …)",
    };
  }
  const scored = { ...base, confidence: delivering.confidence, similarity: delivering.whole, delivery: detailOf(delivering, terms) };
  const n = terms.awaited.size;
  const needAwaited = Math.max(Math.min(MATCH_TUNING.minSharedTerms, n), Math.ceil(MATCH_TUNING.delivery.minAwaitedShare * n));
  const shared = delivering.awaited.shared;
  if (shared.length < needAwaited) {
    return { ...scored, rejected: `names only ${shared.join(", ")} of what is awaited (${[...terms.awaited.keys()].join(", ")})` };
  }
  const other = thinAwaited(terms) ? otherKindOf(delivering.sentence, [...terms.awaited.keys()][0]!, terms.subject) : null;
  if (other) return { ...scored, rejected: `names another kind of ${other.split(" ").at(-1)} ("${other}") than the gap's` };
  const needShared = Math.min(MATCH_TUNING.minSharedTerms, terms.subject.size);
  if (delivering.whole.shared.length < needShared) {
    // An acronym ("DBS", "IA") names one specific thing on its own; a common word ("review")
    // does not. For a count awaited ("3 DBS awaited") the sentence must also say the whole
    // count arrived: "DBS policy approved" names DBS, not the three checks.
    const acronym = shared.some((t) => terms.acronyms.has(t));
    if (!acronym) return { ...scored, rejected: `shares only ${delivering.whole.shared.length} subject word(s)` };
    if (terms.countAwaited !== null && !delivering.completesCount) {
      return { ...scored, rejected: `names ${shared.join(", ")} but not that all ${terms.countAwaited} awaited arrived` };
    }
  }
  const repeat = repeatsDelivery(delivering.sentence, terms, ctx.idf);
  if (repeat) {
    const where = repeat.document === -1 ? "the gap's own sentence" : `${ctx.docs.get(repeat.document)?.source ?? "?"}${pageSuffix(repeat.page)}`;
    return { ...scored, rejected: `repeats a statement already printed by then (${where})` };
  }
  return { ...scored, rejected: null };
}

/** The awaited thing is one common word ("next review due …" → review), not an acronym. */
function thinAwaited(terms: GapTerms): boolean {
  return terms.awaited.size === 1 && ![...terms.awaited.keys()].some((a) => terms.acronyms.has(a));
}

/** Describing words that do not make a thing another kind of thing ("a full review"). */
const NEUTRAL_MODIFIERS = new Set([
  "full", "formal", "independent", "recent", "latest", "comprehensive", "detailed", "thorough", "further", "final", "whole", "complete",
  "new", "first", "second", "third", "planned", "scheduled", "required", "agreed", "proposed", "overdue", "outstanding", "awaited",
]);

/**
 * A one-word awaited thing printed with a qualifier the gap never uses names another thing of
 * that kind: "Case Review" or "6 monthly review" is not the policy review a gap waits for
 * ("policy review" or "review of the policy" is). Returns the qualified phrase, or null.
 */
export function otherKindOf(sentence: string, head: string, subject: ReadonlyMap<string, number>): string | null {
  const tokens = words(sentence);
  for (let i = 0; i < tokens.length; i++) {
    if (contentTerms(tokens[i]!)[0] !== head) continue;
    for (let j = i - 1; j >= 0; j--) {
      const w = tokens[j]!;
      if (NEUTRAL_MODIFIERS.has(w)) continue;
      const term = contentTerms(w)[0];
      if (term === undefined) {
        if (/^\d/.test(w)) continue; // "6 monthly": the number qualifies the next word
        break; // a determiner or preposition: no qualifier
      }
      if (!subject.has(term)) return `${w} ${tokens[i]}`;
      break;
    }
  }
  return null;
}

/**
 * The gap's acronyms a sentence spells out: consecutive capitalised-first words whose initials
 * make it ("Internal audit" → ia, "Disclosure and Barring Service" → db), small words skipped.
 */
export function spelledOutAcronyms(sentence: string, acronyms: ReadonlySet<string>): string[] {
  if (acronyms.size === 0) return [];
  const tokens = [...sentence.matchAll(/[A-Za-z][A-Za-z'’-]*/g)].map((m) => m[0]).filter((w) => !/^(?:and|of|the|for|&)$/i.test(w));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!/^[A-Z]/.test(tokens[i]!)) continue;
    for (let n = Math.min(5, tokens.length - i); n >= 2; n--) {
      const run = tokens.slice(i, i + n);
      if (run.some((w) => w.length < 3 || /^[A-Z]{2,}s?$/.test(w))) continue;
      const initials = run.map((w) => w[0]!.toLowerCase()).join("");
      if (acronyms.has(stem(initials)) || acronyms.has(initials)) {
        out.push(initials);
        i += n - 1;
        break;
      }
    }
  }
  return out;
}

function detailOf(j: JudgedSentence, terms: GapTerms): DeliveryDetail {
  return {
    sentence: j.sentence,
    cue: j.cue?.text ?? null,
    cue_strength: j.cue?.strength ?? null,
    awaited_terms: [...terms.awaited.keys()].sort(),
    shared_awaited: j.awaited.shared,
    missing_awaited: j.awaited.missing,
    completes_count: j.cue !== null && j.completesCount,
  };
}

/**
 * The delivery sentence was already printed when the gap was flagged: a statement of the
 * gap's own or an earlier report (or the gap's own sentence) that reads the same and already
 * said it was delivered ("Action Plan in response to IA report … – COMPLETE", reprinted).
 */
function repeatsDelivery(sentence: string, terms: GapTerms, idf: Idf): { document: number; page: number | null } | null {
  const text = normaliseText(sentence);
  for (const k of terms.knownDeliveries) {
    for (const ks of sentencesOf(k.text)) {
      if (normaliseText(ks) !== text && textSimilarity(ks, sentence, idf) < MATCH_TUNING.repeatSimilarity) continue;
      if (deliveryCue(ks)) return { document: k.document, page: k.page };
    }
  }
  return null;
}

/**
 * The rules a gap's kind allows (rule 4). A pending report can be delivered without a figure;
 * a figure awaited needs one; an editor's question is answered by a person.
 */
export function rulesFor(gap: Pick<GapInfo, "kind" | "marker">): MatchRule[] {
  if (isEditorsQuery(gap)) return [];
  if (gap.kind === "pending-report") return ["figure", "delivery statement"];
  return ["figure"];
}

/** What the delivery rule looks for: the marker's words ("IA report"), else the gap's sentence words. */
export function awaitedTerms(gap: Pick<GapInfo, "marker">, subject: ReadonlyMap<string, number>): Map<string, number> {
  const marker = markerTerms(gap);
  const out = new Map<string, number>();
  if (marker.size > 0) {
    for (const t of marker) out.set(t, subject.get(t) ?? SUBJECT_WEIGHTS.marker);
    return out;
  }
  for (const [t, w] of subject) if (w >= SUBJECT_WEIGHTS.text) out.set(t, w);
  return out;
}

function gapTerms(gap: GapInfo, ctx: MatchContext): GapTerms {
  const known = knownStatements(gap, ctx);
  const figures = knownFigures(gap, ctx, known);
  const subject = subjectTerms(gap, figures.map((k) => k.text));
  const seen = new Set<string>();
  const knownDeliveries: GapTerms["knownDeliveries"][number][] = [{ text: gap.text, document: -1, page: gap.page }];
  for (const k of known) {
    if (seen.has(k.text)) continue;
    seen.add(k.text);
    knownDeliveries.push({ text: k.text, document: k.documentId, page: k.page });
  }
  const count = figuresIn(gap.marker).find((f) => f.unit === "count");
  return {
    rules: rulesFor(gap),
    subject,
    awaited: awaitedTerms(gap, subject),
    acronyms: acronymTerms(`${gap.marker} ${gap.text}`, stem),
    wanted: expectedGapUnit(gap, figures.map((k) => k.text)),
    repeatPool: [...figures, ...gapTextFigures(gap)],
    knownDeliveries,
    countAwaited: count?.value ?? null,
  };
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
    rules: rulesFor(gap),
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

  const carriedBy = new Map<number, GapInfo>();
  for (const doc of later) {
    const carried = carriedGap(gap, ctx.gapsByDoc.get(doc.id) ?? [], ctx.idf);
    if (!carried) continue;
    carriedBy.set(doc.id, carried);
    evidence.skipped_documents.push({ document: doc.source, reason: `still flags the same gap${pageSuffix(carried.page)}: "${clip(carried.marker, 60)}"` });
  }
  if (evidence.rules.length === 0) {
    const still = carriedBy.size ? `; still asked in ${later.filter((d) => carriedBy.has(d.id)).map((d) => d.source).join(", ")}` : "";
    return {
      outcome: "open",
      reason: `an editor's query: whether a later report answers it is left to a person (\`scorebook gaps resolve ${gap.id} --note …\`)${still}`,
      best: null,
      evidence,
    };
  }

  const terms = gapTerms(gap, ctx);
  if (terms.subject.size === 0) return { outcome: "open", reason: "the gap's text names nothing to look for", best: null, evidence };

  const scored = later.filter((d) => !carriedBy.has(d.id)).flatMap((doc) => scoreDocument(gap, doc, terms, ctx));

  const passing = scored.filter((s) => s.rejected === null && s.confidence >= thresholdFor(s, ctx.threshold));
  // The first later report that supplies it resolves the gap; within it, the best match.
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
      : `no statement in the same area of ${later.map((d) => d.source).join(", ")} mentions its subject (${[...terms.subject.keys()].slice(0, 6).join(", ")})`;
    return { outcome: "open", reason, best: null, evidence };
  }
  return { outcome: "open", reason: weakReason(best, ctx.threshold), best, evidence: withCandidate(evidence, best) };
}

/**
 * Every candidate of the later reports that do not still flag the gap, scored by the rules of
 * its kind, best first: what matchGap chose from (for explaining and tuning).
 */
export function scoreCandidates(gap: GapInfo, ctx: MatchContext): ScoredCandidate[] {
  const later = laterDocuments(gap, ctx).filter((d) => !carriedGap(gap, ctx.gapsByDoc.get(d.id) ?? [], ctx.idf));
  const terms = gapTerms(gap, ctx);
  if (terms.rules.length === 0 || terms.subject.size === 0) return [];
  return later.flatMap((doc) => scoreDocument(gap, doc, terms, ctx)).sort((a, b) => b.confidence - a.confidence);
}

function weakReason(best: ScoredCandidate, threshold: number): string {
  const where = `${best.document.source}${pageSuffix(best.candidate.page)}`;
  const quoted = `"${clip(best.candidate.text, 80)}"`;
  const rule = best.rule === "delivery statement" ? ", as a delivery statement" : "";
  if (best.rejected) return `best candidate ${quoted} (${where}, ${best.confidence.toFixed(2)}${rule}) ${best.rejected}`;
  const missingTerms = best.delivery ? best.delivery.missing_awaited : best.similarity.missing;
  const missing = missingTerms.length ? `; missing ${best.delivery ? "awaited" : "subject"} words: ${missingTerms.slice(0, 6).join(", ")}` : "";
  const penalties = best.penalties.length ? `; ${best.penalties.join("; ")}` : "";
  return `best candidate ${quoted} (${where}${rule}) scores ${best.confidence.toFixed(2)} < ${thresholdFor(best, threshold).toFixed(2)}${missing}${penalties}`;
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
    rule: s.rule,
    ...(s.delivery ? { delivery: s.delivery } : {}),
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
