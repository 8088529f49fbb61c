/**
 * Reading figures out of report text: digits ('1,747', '87.31 %', '63of'), number words
 * ('ten', 'twenty-one', via words-to-numbers), and deciding which of them are performance
 * figures. A report line is full of numbers that are not figures — years, dates, 'Level 1',
 * '4.3.37', '6 monthly', '1 in 10', list numbering, scores — and each rule below names the
 * language that marks one of those, so an unseen report of the same kind reads the same way.
 */
import { wordsToNumbers } from "words-to-numbers";
import { monthNumber } from "./months.js";
import { allMatches, isWhitespaceCode } from "./text-utils.js";

export type FigureRole =
  | "percent"
  | "count"
  | "previous" // the earlier value of a current-with-previous pair
  | "year"
  | "date"
  | "reference" // Level 1, section 47, Appendix 3, 4.3.37
  | "duration" // 6 monthly, 3 year basis, 42 days
  | "ratio" // 1 in 10
  | "numbering" // '2.' or '1).' starting a list item
  | "ordinal"
  | "money"
  | "score"
  | "none"; // a number with nothing saying what it counts

export interface Figure {
  value: number;
  percent: boolean;
  /** Offsets of the figure in its line, '%' included. */
  start: number;
  end: number;
  raw: string;
  /** Spelled out ('ten'). */
  spelled: boolean;
  /** More than one dot: a paragraph reference such as 4.3.37. */
  dotted: boolean;
  /** Written with a decimal point. */
  decimal: boolean;
  /** Followed directly by an ordinal suffix ('3rd', '2 nd'). */
  ordinal: boolean;
}

export interface ReadFigure extends Figure {
  role: FigureRole;
  previous: number | null;
  /** Index (in the line's figures) of the figure whose previous value this one is. */
  previousOf?: number;
}

const NUMBER_WORD_LIST =
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
  "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million";
const NUMBER_WORDS = new Set(NUMBER_WORD_LIST.split(" "));
/**
 * A number word standing alone between non-letters somewhere in a line: every spelled-out
 * figure starts with one, so a line without it has none and need not be split into words.
 */
const ANY_NUMBER_WORD = new RegExp(`(?<![A-Za-z])(?:${NUMBER_WORD_LIST.split(" ").join("|")})(?![A-Za-z])`, "i");

const DIGITS = /(?<![\p{L}\p{N}_.,])(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)+)?/gu;
const PERCENT_SIGN = /^\s*(?:%|per\s?cent\b|percent\b)/i;
const WORD = /[A-Za-z]+(?:-[A-Za-z]+)*/g;

/** Every number in a line, in order: digits and spelled-out numbers. */
export function findFigures(line: string): Figure[] {
  const figures = [...digitFigures(line), ...wordFigures(line)];
  return figures.sort((a, b) => a.start - b.start);
}

function digitFigures(line: string): Figure[] {
  const out: Figure[] = [];
  for (const m of allMatches(DIGITS, line)) {
    const start = m.index;
    let end = start + m[0].length;
    const after = line.slice(end);
    // A code glued to letters ('4Cs', '4’C') is a name, not a number; a lowercase word glued
    // on ('63of these') is a lost space.
    const tail = /^([’']?)([A-Za-z]+)/.exec(after);
    let ordinal = /^\s?(?:st|nd|rd|th)\b/i.test(after);
    if (tail && !ordinal) {
      if (tail[1] || !/^[a-z]{2,}$/.test(tail[2]!)) continue;
    }
    const pct = PERCENT_SIGN.exec(after);
    if (pct) {
      end += pct[0].length;
      ordinal = false;
    }
    const fraction = m[2] ?? "";
    const dotted = (fraction.match(/\./g) ?? []).length > 1;
    const value = Number((m[1]!.replace(/,/g, "") + (dotted ? "" : fraction)) || "0");
    out.push({
      value,
      percent: Boolean(pct),
      start,
      end,
      raw: line.slice(start, end),
      spelled: false,
      dotted,
      decimal: fraction.length > 0 && !dotted,
      ordinal,
    });
  }
  return out;
}

/** Runs of number words ('twenty-one', 'one hundred and five') read by words-to-numbers. */
function wordFigures(line: string): Figure[] {
  const out: Figure[] = [];
  if (!ANY_NUMBER_WORD.test(line)) return out;
  const words = allMatches(WORD, line);
  let i = 0;
  while (i < words.length) {
    if (!isNumberWord(words[i]![0])) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length) {
      const gap = line.slice(words[j]!.index + words[j]![0].length, words[j + 1]!.index);
      if (!/^\s*$/.test(gap)) break;
      const next = words[j + 1]![0].toLowerCase();
      if (isNumberWord(next)) j++;
      else if (next === "and" && j + 2 < words.length && isNumberWord(words[j + 2]![0]) && /hundred|thousand/i.test(words[j]![0])) j += 2;
      else break;
    }
    const start = words[i]!.index;
    let end = words[j]!.index + words[j]![0].length;
    const text = line.slice(start, end);
    const value = wordsToNumbers(text);
    if (typeof value === "number" && Number.isFinite(value)) {
      const pct = PERCENT_SIGN.exec(line.slice(end));
      if (pct) end += pct[0].length;
      out.push({ value, percent: Boolean(pct), start, end, raw: line.slice(start, end), spelled: true, dotted: false, decimal: false, ordinal: false });
    }
    i = j + 1;
  }
  return out;
}

function isNumberWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (!lower.includes("-")) return NUMBER_WORDS.has(lower);
  return lower.split("-").every((part) => NUMBER_WORDS.has(part));
}

// ---------------------------------------------------------------------------------------
// Context: the words around a figure.

/** Words that make the number after them an address, not a quantity ('Level 1', 'section 47'). */
const REFERENCE_WORDS = new Set(
  (
    "level levels lvl l stage stages phase phases step steps section sections s para paragraph paragraphs page pages p pp " +
    "appendix appendices annex table tables figure figures fig chapter rec recommendation recommendations column columns " +
    "col row rows line lines item items point points part parts clause article schedule tier version v no grade band " +
    "class year years ks priority cornerstone question q standard number key area"
  ).split(" "),
);

/** A unit of time after a number makes it a duration ('6 monthly', '3 year basis', '42 days'). */
const TIME_UNITS = new Set(
  (
    "year years yr yrs yearly month months monthly mth mths week weeks weekly wk wks day days daily " +
    "hour hours hourly hr hrs minute minutes mins min quarter quarters quarterly fortnight fortnightly term terms"
  ).split(" "),
);

/** Words that cannot be what a figure counts: function words and connectors. */
const NOT_A_SUBJECT = new Set(
  (
    "and or to the a an at by for from per than times x is are am be been being as if so but then etc in on out into over " +
    "under up down nd st rd th plus minus between about around within vs versus this that these those it its there"
  ).split(" "),
);

/** Verbs that may follow a bare count in a list ('6 were concluded', '1 SBAR remains open'). */
const LIST_VERBS = new Set("were was are is have has had remain remains remained with without".split(" "));

/** Partitive 'of' that still counts ('63 of these are ongoing'). */
const PARTITIVE = /^\s*of\s+(?:these|those|them|which|whom|the|our|all|its)\b/i;

/** Words of change that make 'A-B' a before-and-after pair ('a fall in CP population (91-75)'). */
const TREND = /\b(?:ris(?:e|es|en|ing)|rose|increas(?:e|es|ed|ing)|fall(?:s|en|ing)?|fell|decreas(?:e|es|ed|ing)|reduc(?:e|ed|tion|ing)|drop(?:s|ped)?|declin(?:e|es|ed|ing)|chang(?:e|es|ed)|grow(?:th|n)?|grew|went|moved?)\b/i;

/** A label that makes a trailing figure a count: 'No. Escalating Concerns - initiated/closed 0'. */
const COUNT_LABEL = /^\s*(?:[•\-–*]\s*)?(?:no\.?\s|no\s+of\b|nos?\.|number\s+of\b|total\b|count\b)/i;

/** A label naming a score or rating: its figure is a score, not an indicator. */
const SCORE_LABEL = /\b(?:score[sd]?|scoring|rating|rated|judge?ment|grade[sd]?)\b/i;

/** Words before a year-like number that make it a quantity ('to 1911 Adults', 'over 2000 individuals'). */
const YEAR_COUNT_LEAD = /^(?:from|to|over|under|about|around|nearly|almost|approximately|approx|some|total|of|further|another|than|by|and|reached)$/i;

/** Irregular plurals and collective nouns that count people. */
const PLURAL_NOUNS = new Set("people staff children women men persons personnel adults families individuals".split(" "));

interface Token {
  text: string;
  word: boolean;
}

const TOKEN_BEFORE = /[\p{L}\p{N}][\p{L}\p{N}'’.]*|[^\s\p{L}\p{N}]/gu;
const TOKEN_AFTER = /[\p{L}\p{N}][\p{L}\p{N}'’/-]*|[^\s\p{L}\p{N}]/gu;
const STARTS_WITH_LETTER = /^\p{L}/u;

/**
 * The token just before an offset (a word, a number, or one punctuation mark). A token never
 * holds whitespace, so the text before the offset is read back one whitespace-free chunk at a
 * time: tokenising a chunk gives the same tokens as tokenising everything before it.
 */
function tokenBefore(line: string, at: number, skip = 0): Token | null {
  let end = at;
  let remaining = skip;
  for (;;) {
    while (end > 0 && isWhitespaceCode(line.charCodeAt(end - 1))) end--;
    if (end === 0) return null;
    let start = end;
    while (start > 0 && !isWhitespaceCode(line.charCodeAt(start - 1))) start--;
    const tokens = line.slice(start, end).match(TOKEN_BEFORE) ?? [];
    if (remaining < tokens.length) {
      const text = tokens[tokens.length - 1 - remaining]!.replace(/[.'’]+$/, "");
      return { text, word: STARTS_WITH_LETTER.test(text) };
    }
    remaining -= tokens.length;
    end = start;
  }
}

/** The token just after an offset: the first match from there on, nothing else read. */
function tokenAfter(line: string, at: number): Token | null {
  TOKEN_AFTER.lastIndex = at;
  const t = TOKEN_AFTER.exec(line);
  if (!t) return null;
  const text = t[0].replace(/[-'’]+$/, "");
  return { text, word: STARTS_WITH_LETTER.test(text) };
}

function isMonth(token: Token | null): boolean {
  return Boolean(token && token.word && monthNumber(token.text) !== null && token.text.length >= 3);
}

/** True when a word names what is counted: a plural noun ('Adults', 'referrals', 'staff'). */
export function isPluralNoun(word: string): boolean {
  const w = word.toLowerCase().split("/")[0]!;
  if (PLURAL_NOUNS.has(w)) return true;
  return /[a-z]{2,}s$/.test(w) && !/(?:ss|us|is)$/.test(w) && !TIME_UNITS.has(w);
}

function isYearLike(f: Figure): boolean {
  return !f.percent && !f.decimal && !f.spelled && /^\d{4}$/.test(f.raw.trim()) && f.value >= 1900 && f.value <= 2100;
}

/**
 * The figure starts a clause: nothing but a bullet, bracket, dash, colon or comma before it
 * (/(?:^|[(\[;:–—•,]|\s-|\band)\s*$/i, read from the end instead of searched for).
 */
function atClauseStart(line: string, f: Figure): boolean {
  const t = line.slice(0, f.start).trimEnd();
  const n = t.length;
  if (n === 0) return true;
  const last = t[n - 1]!;
  if ("([;:–—•,".includes(last)) return true;
  if (last === "-") return n >= 2 && isWhitespaceCode(t.charCodeAt(n - 2));
  return n >= 3 && t.slice(n - 3).toLowerCase() === "and" && (n === 3 || !/\w/.test(t[n - 4]!));
}

/** The text's last character is one of `chars`. */
function endsWithOneOf(text: string, chars: string): boolean {
  return text.length > 0 && chars.includes(text[text.length - 1]!);
}

const LETTER = /\p{L}/u;

// ---------------------------------------------------------------------------------------
// Reading a line.

/**
 * Every figure of a line with its role: which are indicator values (percent, count), which
 * are the previous values of those, and what each other number is.
 */
export function readFigures(line: string): ReadFigure[] {
  const figures = findFigures(line).map(unread);
  pairPrevious(line, figures);
  for (let i = 0; i < figures.length; i++) {
    const f = figures[i]!;
    if (f.role === "previous") continue;
    f.role = roleOf(line, f, figures[i - 1] ?? null);
  }
  return figures;
}

/** A found figure as a ReadFigure with no role yet: findFigures' objects are fresh, so they are extended, not copied. */
function unread(f: Figure): ReadFigure {
  const read = f as ReadFigure;
  read.role = "none";
  read.previous = null;
  return read;
}

/** Role of one figure, given the one before it in the line (for chains like 'levels 2 & 3'). */
function roleOf(line: string, f: ReadFigure, before: ReadFigure | null): FigureRole {
  const next = tokenAfter(line, f.end);
  if (f.dotted) return "reference";
  if (f.ordinal) return "ordinal";
  if (f.previous !== null && f.previousOf === undefined) return f.percent ? "percent" : "count";
  // The text before the figure is only ever asked how it ends: read its end, not all of it.
  const head = line.slice(0, f.start);
  const headEnd = head.trimEnd();
  const spaceBefore = headEnd.length < head.length;
  if (endsWithOneOf(headEnd, "£$€") || (next && /^(?:k|m|bn|million|billion|pounds?)$/i.test(next.text))) return "money";
  if (head.endsWith("/") || line.startsWith("/", f.end)) return isYearLike(f) ? "year" : "reference";
  // A spaced dash before a figure that counts a subject opens a new clause, not a range or a
  // chain: 'in Dec 17 – 23 Members attended' (/\s[-–]\s+$/).
  const spacedDash =
    spaceBefore && endsWithOneOf(headEnd, "-–") && headEnd.length >= 2 && isWhitespaceCode(headEnd.charCodeAt(headEnd.length - 2));
  const opensClause = spacedDash && Boolean(next?.word && isPluralNoun(next.text));
  // A chain continues the role of the number before it: 'levels 2 & 3', '16 and 17 years'.
  if (before && !opensClause && before.role !== "count" && before.role !== "percent" && before.role !== "previous") {
    const between = line.slice(before.end, f.start);
    if (/^\s*(?:,|&|and|or|to|-|–)\s*$/i.test(between) && before.role !== "none") return before.role;
  }
  if (f.percent) return "percent";
  if (!LETTER.test(head) && !LETTER.test(line.slice(f.end))) return "none"; // a lone number: a score or page number
  if (isNumbering(line, f)) return "numbering";
  if (next && next.word && /^(?:st|nd|rd|th)$/i.test(next.text)) return "ordinal";
  // Read only here: most figures (percentages, references, chains) are settled above.
  const prev = tokenBefore(line, f.start);
  if (prev && prev.word && REFERENCE_WORDS.has(prev.text.toLowerCase()) && !(prev.text.toLowerCase() === "no" && COUNT_LABEL.test(line))) {
    return "reference";
  }
  if (next && next.word && isTimeUnit(next.text)) return "duration";
  if (durationChain(line, f)) return "duration";
  if (isMonth(next)) return "date";
  if (isYearLike(f)) {
    // '1911 Adults', 'over 2000 individuals' are counts; 'Policy 2017 clarifies', 'the 2015 survey' are years.
    const lead = !prev || !prev.word || YEAR_COUNT_LEAD.test(prev.text) || atClauseStart(line, f);
    return lead && next && next.word && isPluralNoun(next.text) && !isMonth(prev) ? countOrNone(line, f) : "year";
  }
  if (isMonth(prev) || (prev && prev.text === "&" && isMonth(tokenBefore(line, f.start, 1)))) {
    return next && next.word && isPluralNoun(next.text) ? countOrNone(line, f) : "date";
  }
  if (isRatio(line, f)) return "ratio";
  if (f.decimal) return "none";
  if (next && (next.text === "-" || next.text === "–") && /^\s*[-–]\s*\d/.test(line.slice(f.end))) return "none"; // a range
  if (endsWithRange(headEnd) && !opensClause) return "none"; // the second end of a range
  if (SCORE_LABEL.test(labelBefore(line, f.start)) && !COUNT_LABEL.test(line)) return "score";
  return countOrNone(line, f);
}

/** A count needs something that says what it counts. */
function countOrNone(line: string, f: ReadFigure): FigureRole {
  if (f.spelled && (f.value < 2 || !spelledInFigurePosition(line, f))) return "none";
  let after = line.slice(f.end);
  const paren = /^\s*\(\s*\d+\s*\)/.exec(after);
  if (paren) after = after.slice(paren[0].length);
  if (PARTITIVE.test(after)) return "count";
  const next = tokenAfter(after, 0);
  if (!next || !next.word) {
    // Nothing after but punctuation: a labelled count ('No. Provider issues ongoing (Stage 2) 2').
    if (COUNT_LABEL.test(line) && (!next || /^[()\].,;:]$/.test(next.text))) return "count";
    return "none";
  }
  const word = next.text.toLowerCase();
  if (NOT_A_SUBJECT.has(word) || isTimeUnit(next.text) || isMonth(next)) return "none";
  if (LIST_VERBS.has(word) || /^[a-z]+ed$/.test(next.text)) {
    // '37 commissioned care providers': a participle before what is counted describes it.
    const counted = /^\s*[a-z]+ed\s+(?:[a-z]+\s+)?([A-Za-z]+)/.exec(after.replace(/^\s*\(\s*\d+\s*\)/, ""));
    if (!LIST_VERBS.has(word) && counted && isPluralNoun(counted[1]!)) return "count";
    return atClauseStart(line, f) ? "count" : "none";
  }
  return "count";
}

/** Spelled-out numbers count only where a figure stands: opening a clause or after 'further', 'to', 'total of'. */
function spelledInFigurePosition(line: string, f: Figure): boolean {
  if (atClauseStart(line, f)) return true;
  const head = line.slice(0, f.start);
  if (/\b(?:further|another|total of|to|reached|were|was)\s*$/i.test(head)) return true;
  // 'from two' is a figure only where it changes ('rose from two to five'), not a source ('returns from two schools').
  return /\bfrom\s*$/i.test(head) && TREND.test(head);
}

function isNumbering(line: string, f: Figure): boolean {
  if (f.value >= 100 || f.decimal) return false;
  if (!/^\s*[(\[]?\s*$/.test(line.slice(0, f.start))) return false;
  return /^[.)\]]+(?:\s|$|\p{Lu})/u.test(line.slice(f.end));
}

function durationChain(line: string, f: Figure): boolean {
  const m = /^\s*(?:and|or|to|-|–)\s*(\d+)\s*([A-Za-z]+)/i.exec(line.slice(f.end));
  return Boolean(m && isTimeUnit(m[2]!));
}

/**
 * 'X of Y (Z%)': the share's numerator and denominator, printed with the percentage after
 * them. The percentage is the indicator; its fragment keeps 'X of Y'.
 */
const FRACTION_NUMERATOR = /^\s+(?:of|out of)\s+\d[\d,]*(?:\s+[^\s\d().;%]+){0,8}?\s*\(\s*\d+(?:\.\d+)?\s*(?:%|per\s?cent)\s*\)/i;
const FRACTION_DENOMINATOR = /^(?:\s+[^\s\d().;%]+){0,8}?\s*\(\s*\d+(?:\.\d+)?\s*(?:%|per\s?cent)\s*\)/i;

function isRatio(line: string, f: Figure): boolean {
  const after = line.slice(f.end);
  if (/^\s+(?:in|out of)\s+\d/i.test(after)) return true;
  if (FRACTION_NUMERATOR.test(after)) return true;
  if (/\d\s+(?:of|out of)\s+$/i.test(line.slice(Math.max(0, f.start - 12), f.start)) && FRACTION_DENOMINATOR.test(after)) return true;
  const head = line.slice(0, f.start);
  // Only text ending in 'in'/'of' and a space can match: skip the search through the rest.
  const ending = head.trimEnd().slice(-2).toLowerCase();
  if ((ending !== "in" && ending !== "of") || !isWhitespaceCode(head.charCodeAt(head.length - 1))) return false;
  return /\d\s+(?:in|out of)\s+$/i.test(head);
}

/** Text (already trimmed at its end) ending in a figure and a dash: /\d\s*[-–]\s*$/. */
function endsWithRange(headEnd: string): boolean {
  return endsWithOneOf(headEnd, "-–") && endsWithOneOf(headEnd.slice(0, -1).trimEnd(), "0123456789");
}

/** The few words just before a figure, back to the previous number or clause break. */
function labelBefore(line: string, at: number): string {
  const before = line.slice(Math.max(0, at - 48), at);
  const cut = Math.max(before.search(/[\d.;][^\d.;]*$/), -1);
  return before.slice(cut + 1);
}

function isTimeUnit(word: string): boolean {
  // 'HR' (human resources) is an acronym, 'hr' an hour.
  if (word.length > 1 && word === word.toUpperCase()) return false;
  return TIME_UNITS.has(word.toLowerCase());
}

/**
 * Current-with-previous pairs, marked on the figures:
 *  '87.31 % (80.0% )'  → 87.31, previous 80.0
 *  'Increase to 7 (4) referrals' → 7, previous 4
 *  'Increase from 1515 to 1911 Adults' → 1911, previous 1515
 *  'a fall in CP population (91-75)' → 75, previous 91
 *  '45% (previously 40%)', '45%, up from 40%' → 45, previous 40
 */
function pairPrevious(line: string, figures: ReadFigure[]): void {
  for (let i = 0; i + 1 < figures.length; i++) {
    const a = figures[i]!;
    const b = figures[i + 1]!;
    if (a.role === "previous" || a.dotted || b.dotted) continue;
    const between = line.slice(a.end, b.start);
    const bracketed = /^\s*\(\s*$/.test(between) && /^\s*\)/.test(line.slice(b.end));
    if (bracketed && a.percent === b.percent && !isYearLike(b)) {
      // The bracketed figure is the earlier value printed beside the current one.
      link(a, b, i);
      continue;
    }
    if (/^\s*[,(]?\s*(?:previously|prev\.?|up from|down from|compared (?:to|with)|last (?:year|period|time|quarter)\s*:?)\s*$/i.test(between)) {
      link(a, b, i);
      continue;
    }
    // The earlier value may sit past a number that is no value ('within six months', '2 days').
    const k = nextValueLike(line, figures, i);
    const c = figures[k];
    if (c && a.percent === c.percent && !isYearLike(c) && !c.dotted) {
      const gap = line.slice(a.end, c.start);
      if (ledPrevious(gap) || bracketedEarlier(gap, line.slice(c.end))) {
        link(a, c, i);
        continue;
      }
    }
    // The short gap is tested first: the search through the line's start runs only when it fits.
    const fromTo = /^\s*(?:to|-|–)\s*(?:just\s+)?$/i.test(between) && /\bfrom\s+(?:just\s+)?$/i.test(line.slice(0, a.start));
    const trendRange =
      /^\s*(?:-|–|to)\s*$/.test(between) && TREND.test(line.slice(0, a.start)) && !isYearLike(a) && !isYearLike(b);
    if ((fromTo || trendRange) && !a.decimal === !b.decimal) {
      b.previous = a.value;
      a.role = "previous";
      a.previousOf = i + 1;
      if (!b.percent && a.percent) b.percent = true;
    }
  }
}

/**
 * Words that lead into the earlier value a few words after the current one: '41 councillors,
 * up from 33', '93% this quarter, down from 96%', '126 adults, compared with 98 in Q2',
 * '(down from 79% in 2017/18)'. What lies before them is the figure's own subject: a few
 * words, no sentence or clause break.
 */
const PREVIOUS_LEAD =
  /^([^.;:!?()\d]*?)(?:[,(]|\s-|\s\u2013)?\s*(?:(?:up|down|increas(?:ed|ing)|decreas(?:ed|ing)|ris(?:en|ing)|rose|fell|fall(?:en|ing)|dropp(?:ed|ing)|reduced|improv(?:ed|ing))\s+from|(?:as\s+|when\s+)?compared\s+(?:to|with)|against|previously|(?:from|than)\s+(?:a\s+)?(?:previous|last|earlier)\s+\w+\s+of)\s*$/i;

function ledPrevious(between: string): boolean {
  const m = PREVIOUS_LEAD.exec(between);
  // In brackets the lead is plain however far it sits from its figure: '(down from 79% …)'.
  return Boolean(m && wordsIn(m[1]!) <= (/\(\s*\S+(?:\s+\S+)?\s*$/.test(between) ? 16 : 10));
}

/**
 * Index of the first figure after figures[i] that could be a value: spelled numbers before a
 * unit of time ('six months'), years and numbers glued to a time unit are stepped over.
 */
function nextValueLike(line: string, figures: ReadFigure[], i: number): number {
  let k = i + 1;
  while (k < figures.length) {
    const f = figures[k]!;
    // 'six months', 'seven working days': a unit of time in the next word or the one after.
    const words = /^\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?/.exec(line.slice(f.end));
    const timed =
      !f.percent && Boolean(words && (isTimeUnit(words[1]!) || (words[2] && !NOT_A_SUBJECT.has(words[1]!.toLowerCase()) && isTimeUnit(words[2]))));
    if (!(timed || (isYearLike(f) && !f.percent))) break;
    k++;
  }
  return k;
}

/**
 * The earlier value in brackets after the current one's subject, said to be earlier by the
 * words after it: '92% of plans … (78% in 2017/18)', '68% (61% last year)', '(81% last quarter)',
 * '(14% at the baseline)'.
 */
const EARLIER_IN_BRACKETS =
  /^\s*(?:(?:in|at|for|during)\s+(?:the\s+)?[^()]{1,30}?|(?:last|previous|the\s+previous|the\s+same|a)\s+(?:year|period|quarter|month|time|report|review|half[- ]year)(?:\s+ago|\s+before)?|previously|before|then)\s*\)/i;

function bracketedEarlier(between: string, after: string): boolean {
  if (!/\(\s*$/.test(between) || /[()]/.test(between.replace(/\(\s*$/, ""))) return false;
  return wordsIn(between) <= 16 && !/[.;!?]/.test(between) && EARLIER_IN_BRACKETS.test(after);
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}

function link(current: ReadFigure, earlier: ReadFigure, index: number): void {
  current.previous = earlier.value;
  earlier.role = "previous";
  earlier.previousOf = index;
}
