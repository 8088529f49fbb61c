/**
 * Words of gaps and candidate statements: what a gap is waiting for (its subject words), what
 * a statement talks about, whether a statement carries a figure, and whether it is itself
 * still waiting. Pure.
 */
import { ENGLISH_STOPWORDS, stem } from "./nlp.js";

/**
 * Phrases that say "not there yet". Stripped from a gap's subject (they are the marker's
 * language, not what is awaited) and used to refuse a candidate that is itself still waiting
 * ("3 DBS awaited" cannot fill "DBS checks awaited").
 */
const AWAITING_CUES: readonly RegExp[] = [
  /\?{2,}/g,
  /\(\s*\?\s*\)/g,
  /\b(?:still\s+)?(?:awaited|awaiting|waiting|await)\b/gi,
  /\bpending\b/gi,
  /\btb[cd]\b/gi,
  /\bto be (?:confirmed|provided|added|reported|advised)\b/gi,
  /\bnot (?:yet|started|known|available|received|sure)\b/gi,
  /\bdue (?:by|end|in|on|for|at)\b/gi,
  /\bwill be reflected\b/gi,
  /\bfigures? (?:still )?(?:to follow|awaited|outstanding)\b/gi,
];

/** True when the text still waits for something (a candidate like this fills nothing). */
export function isAwaiting(text: string): boolean {
  return AWAITING_CUES.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/** Plans rather than results: "12 sessions planned", "to be rolled out", "will be delivered". */
const PROSPECTIVE = /\b(?:planned|to be|will(?: be)?|scheduled|proposed|intends?|aims? to)\b/i;

export function isProspective(text: string): boolean {
  return PROSPECTIVE.test(text);
}

function stripAwaitingCues(text: string): string {
  return AWAITING_CUES.reduce((t, re) => t.replace(re, " "), text);
}

const MONTHS = new Set([
  "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
  "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
]);

/**
 * Words that never say what a figure measures: marker vocabulary ("figures still waiting"),
 * time words (the later report has its own dates) and report furniture. Checked before stemming.
 */
const NON_SUBJECT = new Set([
  "figure", "figures", "still", "waiting", "awaited", "awaiting", "await", "tbc", "tbd", "pending", "due",
  "next", "reflected", "sure", "newer", "example", "old", "query", "reporting", "period", "periods",
  "end", "year", "years", "month", "months", "quarter", "within", "time", "further", "total", "number", "no",
  "per", "cent", "percent", "percentage", "etc", "eg", "ie", "underway", "ongoing",
]);

/** Lowercase word tokens; curly quotes and possessives folded so "children’s" is "children". */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Stemmed content terms: no stopwords, numbers, dates, or marker vocabulary. */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => w.length > 1 && !/\d/.test(w) && !MONTHS.has(w) && !NON_SUBJECT.has(w) && !ENGLISH_STOPWORDS.has(w))
    .map(stem);
}

/** How much each kind of gap word counts towards "what the gap waits for". */
export const SUBJECT_WEIGHTS = {
  /** Words inside the marker itself ("3 DBS awaited" → dbs) name the awaited thing. */
  marker: 2,
  /** Ordinary words of the surrounding sentence. */
  text: 1,
  /** Words only found in figures the gap's own report already printed (context, not subject). */
  knownContext: 0.5,
  /**
   * Words printed after a run of question marks standing in for a figure ("… in Dec 17 ??????
   * (FIGURES STILL WAITING) status via the Council’s My View system …"): the run ends the
   * statement it fills, so what follows is the next statement (often a neighbouring line the
   * reader joined), context rather than subject.
   */
  afterPlaceholder: 0.5,
} as const;

/** The marker is a run of question marks standing in for a missing figure. */
function isPlaceholder(marker: string): boolean {
  return /\?{2,}/.test(marker);
}

/** The gap's text without its marker and without figures its own report already gave. */
function gapRemainder(gap: { marker: string; text: string }, knownTexts: readonly string[]): { rest: string; context: string[]; after: string } {
  let rest = gap.text;
  let after = "";
  if (gap.text.includes(gap.marker)) {
    const at = gap.text.indexOf(gap.marker);
    rest = `${gap.text.slice(0, at)} ${gap.text.slice(at + gap.marker.length)}`;
    if (isPlaceholder(gap.marker)) {
      rest = gap.text.slice(0, at);
      after = gap.text.slice(at + gap.marker.length);
    }
  }
  const context: string[] = [];
  for (const known of knownTexts) {
    if (known.length > 0 && rest.includes(known)) {
      rest = rest.replace(known, " ");
      context.push(known);
    }
  }
  return { rest, context, after };
}

/**
 * The gap's subject words with weights. `knownTexts` are figure statements the gap's own
 * report already gave (e.g. "100% of volunteers undergone Safe Recruitment process" printed
 * just before "3 DBS awaited"): their words only set the scene, so they count for less.
 */
export function subjectTerms(gap: { marker: string; text: string }, knownTexts: readonly string[] = []): Map<string, number> {
  const marker = markerTerms(gap);
  const { rest, context, after } = gapRemainder(gap, knownTexts);
  const contextTerms = new Set(context.flatMap(contentTerms));
  const afterTerms = new Set(contentTerms(stripAwaitingCues(after)));
  const textTerms = new Set(contentTerms(stripAwaitingCues(rest)));
  const out = new Map<string, number>();
  for (const t of afterTerms) out.set(t, SUBJECT_WEIGHTS.afterPlaceholder);
  for (const t of contextTerms) out.set(t, SUBJECT_WEIGHTS.knownContext);
  for (const t of textTerms) out.set(t, SUBJECT_WEIGHTS.text);
  for (const t of marker) out.set(t, SUBJECT_WEIGHTS.marker);
  return out;
}

/** Words of the marker itself, without its waiting language: "IA report due end May 18" → ia, report. */
export function markerTerms(gap: { marker: string }): Set<string> {
  return new Set(contentTerms(stripAwaitingCues(gap.marker)));
}

/** Which unit the gap waits for, if it says: the marker first, then the rest of its text. */
export function expectedGapUnit(gap: { marker: string; text: string }, knownTexts: readonly string[] = []): Unit | null {
  return expectedUnit(gap.marker) ?? expectedUnit(gapRemainder(gap, knownTexts).rest);
}

export type Unit = "percent" | "count";

/** A figure printed in free text: a percentage, or a count that is not part of a date. */
export function figuresIn(text: string): { value: number; unit: Unit }[] {
  const out: { value: number; unit: Unit }[] = [];
  const re = /(\d+(?:[.,]\d+)*)(\s*%)?/g;
  for (const m of text.matchAll(re)) {
    const raw = m[1] ?? "";
    const start = m.index ?? 0;
    const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
    const after = text.slice(start + m[0].length, start + m[0].length + 12).toLowerCase();
    const value = Number(raw.replace(/,/g, ""));
    if (!Number.isFinite(value)) continue;
    if (m[2]) {
      out.push({ value, unit: "percent" });
      continue;
    }
    if (isDateNumber(raw, before, after)) continue;
    out.push({ value, unit: "count" });
  }
  return out;
}

/** "Dec 17", "2018/19", "May 18", "1st", "L1", "Stage 3": numbers that are dates or labels, not figures. */
function isDateNumber(raw: string, before: string, after: string): boolean {
  if (/^(19|20)\d\d$/.test(raw)) return true;
  if (/^\d+[/-]\d+/.test(raw + after.slice(0, 3)) || /[/-]$/.test(before)) return true;
  const prevWord = /([a-z]+)\.?\s*$/.exec(before)?.[1] ?? "";
  const nextWord = /^\s*([a-z]+)/.exec(after)?.[1] ?? "";
  if (MONTHS.has(prevWord) || MONTHS.has(nextWord)) return true;
  if (/^(st|nd|rd|th)$/.test(nextWord)) return true;
  if (/(level|stage|l|tier|phase|step|section|page|p)$/.test(prevWord)) return true;
  return /[a-z]$/.test(before);
}

/** Where clauses break: sentence punctuation, brackets, and spaced dashes. */
const CLAUSE_BREAK = /[.;:()\n]|\s[-–]\s/;

/** The figure as printed in the text, and the clause around it (before, after). */
function figureClause(text: string, value: number | null): { before: string; after: string } | null {
  if (value === null) return null;
  for (const m of text.matchAll(/(\d+(?:[.,]\d+)*)\s*(%|per ?cent\b)?/gi)) {
    if (Number((m[1] ?? "").replace(/,/g, "")) !== value) continue;
    const start = m.index ?? 0;
    const before = text.slice(0, start).split(CLAUSE_BREAK).at(-1) ?? "";
    const after = text.slice(start + m[0].length).split(CLAUSE_BREAK)[0] ?? "";
    return { before, after };
  }
  return null;
}

/**
 * What a figure counts: the first content words after it, within its clause ("31 Members
 * attended" → member, "87% of school staff" → school, staff). Empty when the text does not
 * print the figure or nothing follows it. Tells "40 governors attended" from "31 Members attended".
 */
export function countedTerms(text: string, value: number | null): string[] {
  const clause = figureClause(text, value);
  return clause ? contentTerms(clause.after).slice(0, 2) : [];
}

/** The figure's own clause is a plan ("6 sessions planned"): a target, not the awaited result. */
export function isPlannedFigure(text: string, value: number | null): boolean {
  const clause = figureClause(text, value);
  return clause !== null && isProspective(`${clause.before} ${clause.after}`);
}

/**
 * Which unit a text asks for, from its words only ("percentage of", "number of"). A figure
 * printed in a gap is one already given ("100% of volunteers … 3 DBS awaited"), and the
 * awaited one may come either way ("all 3 received" or "100% now checked"), so it says nothing.
 */
export function expectedUnit(text: string): Unit | null {
  if (/\bpercentage\b|\bproportion\b|\brate\b|\bper ?cent\b/i.test(text)) return "percent";
  if (/\bnumber of\b|\bhow many\b|\bcount of\b|\bno\. of\b/i.test(text)) return "count";
  return null;
}

/** A comparable form of an area label as printed: no numbering, stopwords or punctuation. */
export function normaliseLabel(label: string): string[] {
  return [...new Set(contentTerms(label.replace(/^\s*[\d.()]+\s*/, "")))].sort();
}

/** Normalised form of whole text, to spot the very same statement printed again. */
export function normaliseText(text: string): string {
  return words(text).join(" ");
}
