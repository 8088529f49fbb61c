/**
 * Shared text normalisation for extractors. Readers keep text as printed (line breaks, curly
 * quotes, non-breaking spaces, stray markup from old text extractions); extractors compare
 * and parse a normalised form but store labels as printed, whitespace-normalised.
 */

/**
 * Whitespace that normSpace changes: a run of two or more whitespace characters (incl. NBSP,
 * zero-width space and line breaks), or a single one that is not a plain space. A lone plain
 * space is already normal, so it is not matched: most text then needs no replacement at all.
 */
const LOOSE_SPACE = /[\s\u200b]{2,}|[^\S ]|\u200b/g;

/** Collapse every run of whitespace (incl. NBSP and line breaks) to one space and trim. */
export function normSpace(text: string): string {
  return text.replace(LOOSE_SPACE, " ").trim();
}

const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** Unicode dashes and minus signs → ASCII hyphen, so patterns need only one dash. */
export function normDashes(text: string): string {
  return text.replace(DASHES, "-");
}

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033]/g;

/** Curly quotes → straight quotes. */
export function normQuotes(text: string): string {
  return text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
}

/** Any character normDashes or normQuotes would change (one scan decides whether either must run). */
const TYPOGRAPHIC = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033]/;

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const EMPHASIS = /\*\*|__/g;
const LINE_MARKS = /^\s*[#>]+\s*/gm;

/**
 * Remove HTML-ish markup that old text/markdown extractions left inside cells
 * ('<ul> <li>5. We will…', '2 <sup>nd</sup>') and markdown emphasis, keeping the words.
 * Each pattern runs only when the character it needs is present: most text has no markup.
 */
export function stripMarkup(text: string): string {
  let t = text;
  if (t.includes("<")) t = t.replace(TAG, " ");
  if (t.includes("**") || t.includes("__")) t = t.replace(EMPHASIS, "");
  if (t.includes("#") || t.includes(">")) t = t.replace(LINE_MARKS, "");
  return t;
}

/** The form used for matching: markup stripped, dashes/quotes unified, lower case, single spaces. */
export function normForMatch(text: string): string {
  const plain = stripMarkup(text);
  const unified = TYPOGRAPHIC.test(plain) ? normQuotes(normDashes(plain)) : plain;
  return normSpace(unified).toLowerCase();
}

/** A character code that regex \s (and String.prototype.trim) treats as whitespace. */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Every match of a global pattern, in order: what String.prototype.matchAll yields, without
 * the copy of the pattern matchAll makes on each call (a real cost on hot, short lines). All
 * matches are read before returning, so the pattern is free again when the caller loops.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    out.push(m);
    // An empty match moves on by one character, as matchAll does.
    if (m[0] === "") pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode);
  }
  pattern.lastIndex = 0;
  return out;
}

/** The index after one character (a whole surrogate pair in unicode mode). */
function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const code = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? at + 2 : at + 1;
}

/** normSpace's whitespace as a character code: \s plus the zero-width space. */
function isSpaceCode(code: number): boolean {
  return code === 0x200b || isWhitespaceCode(code);
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
  return setOverlap(new Set(contentWords(a)), new Set(contentWords(b)));
}

/** wordOverlap of two content-word sets (for callers that compare one text with many). */
export function setOverlap(sa: ReadonlySet<string>, sb: ReadonlySet<string>): number {
  if (sa.size === 0 || sb.size === 0) return 0;
  let common = 0;
  for (const w of sa) if (sb.has(w)) common++;
  return common / Math.min(sa.size, sb.size);
}

/**
 * A memo of content-word sets by text: a label compared with every area reads each area's
 * label and description once, not once per comparison.
 */
export function contentWordSets(): (text: string) => ReadonlySet<string> {
  const sets = new Map<string, ReadonlySet<string>>();
  return (text) => {
    let set = sets.get(text);
    if (!set) sets.set(text, (set = new Set(contentWords(text))));
    return set;
  };
}

/**
 * Number of words, for "is this prose or a label?" decisions. Counting stops at `atMost`:
 * a caller comparing with a limit passes limit + 1 and a long paragraph is not read to its end.
 */
export function wordCount(text: string, atMost = Infinity): number {
  return countRuns(text, atMost, isSpaceCode);
}

/**
 * Runs of characters that are not spaces (by `isSpace`), counted in place without building
 * a normalised copy of the text; counting stops at `atMost`.
 */
export function countRuns(text: string, atMost: number, isSpace: (code: number) => boolean): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length && count < atMost; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
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
