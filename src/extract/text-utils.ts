/**
 * Shared text normalisation for extractors. Readers keep text as printed (line breaks, curly
 * quotes, non-breaking spaces, stray markup from old text extractions); extractors compare
 * and parse a normalised form but store labels as printed, whitespace-normalised.
 */

/** Collapse every run of whitespace (incl. NBSP and line breaks) to one space and trim. */
export function normSpace(text: string): string {
  return text.replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/g, " ").trim();
}

/** Unicode dashes and minus signs → ASCII hyphen, so patterns need only one dash. */
export function normDashes(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-");
}

/** Curly quotes → straight quotes. */
export function normQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
}

/**
 * Remove HTML-ish markup that old text/markdown extractions left inside cells
 * ('<ul> <li>5. We will…', '2 <sup>nd</sup>') and markdown emphasis, keeping the words.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi, " ")
    .replace(/\*\*|__/g, "")
    .replace(/^\s*[#>]+\s*/gm, "");
}

/** The form used for matching: markup stripped, dashes/quotes unified, lower case, single spaces. */
export function normForMatch(text: string): string {
  return normSpace(normQuotes(normDashes(stripMarkup(text)))).toLowerCase();
}

/** Leading bullet characters some renderings keep ('•', '', '-', '*'). */
const BULLET = /^[\s\u2022\u25cf\u25aa\u25e6\uf0b7\uf0a7\u2023\u2043*\-]+(?=\S)/;

export function stripBullet(text: string): string {
  return text.replace(BULLET, "");
}

const STOP = new Set(
  "a an the of and or to in on for with by at from as is are be was were that this these those it its our we all any".split(" "),
);

/** Content words for overlap comparisons (same idea as the scorer's). */
export function contentWords(text: string): string[] {
  return (normForMatch(text).match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w));
}

/** Share of the smaller side's content words found in the other side (0..1). */
export function wordOverlap(a: string, b: string): number {
  const sa = new Set(contentWords(a));
  const sb = new Set(contentWords(b));
  if (sa.size === 0 || sb.size === 0) return 0;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return common / Math.min(sa.size, sb.size);
}

/** Number of words, for "is this prose or a label?" decisions. */
export function wordCount(text: string): number {
  return normSpace(text).split(" ").filter(Boolean).length;
}

/** A printed score figure: 'N/A', '4', '3-4' (also '3 - 4', '3–4', '3/4' read as a range). */
export const SCORE_TOKEN = /^(?:n\/a|n\.a\.?|\d{1,2}(?:\s*[-/]\s*\d{1,2})?)$/i;

export interface ParsedScore {
  value: number | null;
  valueMax: number | null;
}

/**
 * Parse one printed score. Single figures get valueMax = value (the export's contract);
 * 'N/A' is a real answer (not scored) and yields nulls; anything else is not a score.
 */
export function parseScoreText(raw: string): ParsedScore | null {
  const text = normSpace(normDashes(raw));
  if (/^n\/?\.?a\.?$/i.test(text)) return { value: null, valueMax: null };
  const range = /^(\d{1,2})\s*[-/]\s*(\d{1,2})$/.exec(text);
  if (range) {
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    return lo <= hi ? { value: lo, valueMax: hi } : null;
  }
  const single = /^(\d{1,2})$/.exec(text);
  if (single) {
    const v = Number(single[1]);
    return { value: v, valueMax: v };
  }
  return null;
}

/** Split a line into its leading label text and trailing score tokens ('Governance   4 5'). */
export function splitTrailingScores(line: string): { label: string; scores: string[] } {
  const text = normSpace(normDashes(line));
  if (!text) return { label: "", scores: [] };
  // Join spaced ranges ('3 - 4') so they stay one token.
  const tokens = text.replace(/(\d)\s+-\s+(\d)/g, "$1-$2").split(" ");
  const scores: string[] = [];
  while (tokens.length && SCORE_TOKEN.test(tokens[tokens.length - 1]!)) scores.unshift(tokens.pop()!);
  return { label: tokens.join(" "), scores };
}

/** A leading area number: '2. Monmouthshire's…', '1).  Good Governance', '4) Robust', '3 - Safe'. */
const LEADING_NUMBER = /^\s*(\d{1,2})\s*(?:\)\s*[.:]?|[.:]\)?(?!\d)|\s-\s)\s*(?=\S)/;

export function splitLeadingNumber(text: string): { number: number | null; rest: string } {
  const clean = stripBullet(stripMarkup(text).trimStart());
  const m = LEADING_NUMBER.exec(clean);
  if (!m) return { number: null, rest: clean.trim() };
  return { number: Number(m[1]), rest: clean.slice(m[0].length).trim() };
}

/** A URL/DB-friendly key for a label. */
export function slug(text: string): string {
  return normForMatch(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

const SHORT_WORDS = new Set(
  "a an as at be by do go he if in is it me my no of on or so to up us we".split(" "),
);

/**
 * Re-join a word that an old text extraction split at its last letters ('Unsatisfacto ry'):
 * a trailing one/two-letter lower-case fragment that is not itself a word.
 */
export function rejoinSplitWords(text: string): string {
  return text.replace(/([A-Za-z]{4,}) ([a-z]{1,2})\b/g, (all, head: string, tail: string) =>
    SHORT_WORDS.has(tail) ? all : head + tail,
  );
}
