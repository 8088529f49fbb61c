/**
 * Reporting periods: printed labels ('April 17 - Sept 17', 'Oct 17- March 18', 'Sept 2015')
 * normalised to month ranges. The periods a document scores are the period columns of its
 * summary score table; when it has none, the period its title names.
 */
import type { MessageFact, Period } from "../facts/schema.js";
import type { Layout } from "../layout/types.js";
import type { Profile } from "./context.js";
import { message } from "./context.js";
import { profileFor } from "./profiles.js";
import { findSummaryTable } from "./summary-table.js";
import { allMatches, normDashes, normSpace } from "./text-utils.js";
import { documentTitle } from "./classify.js";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:'|\u2019)?(\d{4}|\d{2})`;
/** One month with an optional year, optionally a range to another; the whole label. */
const PERIOD = new RegExp(
  String.raw`^${MONTH}(?:\s*,?\s*${YEAR})?(?:\s*(?:-|to|until)\s*${MONTH}(?:\s*,?\s*${YEAR})?)?$`,
  "i",
);
/**
 * Two month-year labels with nothing between them ('Oct 17 March 18'): a range whose dash a
 * text extraction dropped at a line break. Both sides must carry a year, so neither
 * 'Oct March 18' nor prose reads as one (parsePeriod only ever reads a whole label).
 */
const BARE_RANGE = new RegExp(String.raw`^${MONTH}\s*,?\s*${YEAR}\s+${MONTH}\s*,?\s*${YEAR}$`, "i");
/** A period somewhere inside longer text (titles: 'Evaluative Progress Report October 17 – March 2018'). */
const PERIOD_IN_TEXT = new RegExp(
  String.raw`\b${MONTH}(?:\s*,?\s*${YEAR})?(?:\s*(?:-|to|until)\s*${MONTH}(?:\s*,?\s*${YEAR}))?\b`,
  "gi",
);
/** A month joined to its year by a dash ('Oct-17', 'Sept-2015'). */
const DASHED_MONTH_YEAR = new RegExp(String.raw`\b${MONTH}-(\d{4}|\d{2})\b`, "gi");
/**
 * Financial years: '2017/18', '2017-18', '2017/2018', optionally after 'FY' / 'Financial
 * Year' and with a quarter before or after ('Q1 2018/19', 'Quarter 3 2017-18', '2018/19 Q2').
 * UK councils (and these reports) run their year from April to March, so 2017/18 is
 * 2017-04..2018-03 and its Q1 is April..June 2017. The second year must be the year after
 * the first, which keeps ranges of years ('2015-2017') and other figures out.
 */
const QUARTER = String.raw`(?:q|quarter|qtr)\.?\s*([1-4])`;
const FINANCIAL_YEAR = new RegExp(
  String.raw`^(?:${QUARTER}\s*,?\s*)?(?:(?:fy|financial\s+year)\s*:?\s*)?(\d{4})\s*[/-]\s*(\d{4}|\d{2})(?:\s*,?\s*${QUARTER})?$`,
  "i",
);
/** A calendar quarter: 'Q1 2018' is January..March 2018 (no financial year printed, none assumed). */
const CALENDAR_QUARTER = new RegExp(String.raw`^${QUARTER}\s*,?\s*(\d{4})$`, "i");
/** A quarter or half of a financial year inside running text ('Report Quarter 3 2018/19', 'H1 2017/18'). */
const PART_OF_YEAR_IN_TEXT = /\b(?:(?:q|quarter|qtr)\.?\s*[1-4]|h[12])\s*,?\s*\d{4}\s?[/-]\s?(?:\d{4}|\d{2})(?![\d/.%-])/gi;
/** A financial year inside running text: only the two-year form ('Annual Report 2017/18'). */
const FY_IN_TEXT = /(?<![\d/.-])(\d{4})\s?[/-]\s?(\d{4}|\d{2})(?![\d/.%-])/g;

const HAS_DIGIT = /\d/;
/**
 * How every whole label parsePeriod reads begins, after the whitespace normSpace trims: a
 * month (PERIOD, BARE_RANGE), a quarter (q…), 'fy' / 'financial year', or a year's digits.
 */
const PERIOD_START = /^[\s\u200b]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q|fy|financial|\d)/i;

function monthNumber(word: string): number {
  return MONTHS[word.slice(0, 3).toLowerCase()] ?? 0;
}

/** Two-digit years are this century: these reports start in the 2010s. */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length <= 2 ? 2000 + n : n;
}

function ym(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** Label as stored: as printed with whitespace (incl. line breaks) collapsed to single spaces. */
export function periodLabel(text: string): string {
  return normSpace(text);
}

/** Normalise a printed period label to a month range; null when it is not a period label. */
export function parsePeriod(label: string): Period | null {
  // Every label form needs a year and starts as PERIOD_START says: most text fails both.
  if (!HAS_DIGIT.test(label)) return null;
  if (!PERIOD_START.test(label)) return QUALIFIER_START.test(label) ? qualifiedPeriod(periodLabel(label)) : null;
  const printed = periodLabel(label);
  return plainPeriod(printed, printed) ?? halfYear(printed, printed);
}

/** A label without words around it: month(s) and year(s), a financial year or a quarter. */
function plainPeriod(label: string, date: string): Period | null {
  const text = tidyPeriodText(date);
  const m = PERIOD.exec(text) ?? BARE_RANGE.exec(text);
  if (m) return periodFromParts(label, m[1]!, m[2], m[3], m[4]);
  return financialPeriod(label, normDashes(date));
}

/**
 * Words councils put around the date of a point or span they score: 'Baseline April 2015',
 * 'Position at March 2016', 'As at 31 March 2017', 'Half-year to September 2015', 'Year
 * ending March 2018', 'Outturn 2017/18'. The label is kept as printed; the date decides the
 * months. A span 'to' a month runs back over its length (a half-year to September 2015 is
 * April..September 2015). A target is never a scored period (summary-table keeps targets apart).
 */
const QUALIFIER_START = /^\s*(?:baseline|position|as\s+at|at|half|six|three|twelve|year|quarter|period|outturn|actual|end|mid|score|judge?ment|rating|grade|h[12]\b|(?:first|second)\s+half)/i;
const POINT_QUALIFIER = /^(?:baseline|position|outturn|actual|status|end of|mid|score|judge?ment|rating|grade)?\s*(?:\(|:|-)?\s*(?:(?:position\s+)?(?:as\s+)?(?:at|in|for)\s+)?(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(.+?)\)?$/i;
const SPAN_TO = /^(half[- ]?year|six[- ]months?|three[- ]months?|quarter|year|twelve[- ]months?|period)\s+(?:to|ending|ended|up\s+to)\s+(?:the\s+)?(?:end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(.+)$/i;
const SPAN_MONTHS: Record<string, number> = { half: 6, six: 6, three: 3, quarter: 3, year: 12, twelve: 12 };

function qualifiedPeriod(printed: string): Period | null {
  const flat = normDashes(printed);
  const span = SPAN_TO.exec(flat);
  if (span) {
    const end = plainPeriod(printed, span[2]!);
    const months = SPAN_MONTHS[span[1]!.toLowerCase().split(/[- ]/)[0]!];
    // A span needs its length and one month to end on ('period to March 2016' says neither).
    if (!end || end.start !== end.end || !months) return null;
    return { label: printed, start: monthsBefore(end.end, months - 1), end: end.end };
  }
  const half = halfYear(printed, flat);
  if (half) return half;
  const point = POINT_QUALIFIER.exec(flat);
  if (!point || point[1] === flat) return null;
  return plainPeriod(printed, point[1]!);
}

/** 'H1 2017/18', 'H2 2017-18', 'first half of 2017/18', 'second half 2017/18': six months of a financial year. */
const HALF_YEAR = /^(?:h([12])|(first|second)\s+half(?:[- ]year)?(?:\s+of)?)\s*,?\s*(\d{4})\s*[/-]\s*(\d{4}|\d{2})$/i;

function halfYear(label: string, text: string): Period | null {
  const m = HALF_YEAR.exec(normDashes(text).trim());
  if (!m) return null;
  const first = Number(m[3]);
  const second = secondYear(first, m[4]!);
  if (second === null) return null;
  const firstHalf = m[1] === "1" || m[2]?.toLowerCase() === "first";
  return firstHalf ? { label, start: ym(first, 4), end: ym(first, 9) } : { label, start: ym(first, 10), end: ym(second, 3) };
}

/** The month `n` months before a YYYY-MM month. */
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return ym(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * Dashes made ASCII with one space either side, a month dashed to its year written with a
 * space ('Oct-17' → 'Oct 17'), and a year glued to the next month split ('Oct 17March 18').
 */
function tidyPeriodText(printed: string): string {
  return normDashes(printed)
    .replace(DASHED_MONTH_YEAR, (_all, month: string, year: string) => `${month} ${year}`)
    .replace(/(\d)(?=[A-Za-z]{3})/g, "$1 ")
    .replace(/\s*-\s*/g, " - ");
}

/** Financial year or quarter labels ('FY 2017/18', '2017-18', 'Q1 2018/19', 'Q2 2018'), else null. */
function financialPeriod(label: string, text: string): Period | null {
  const fy = FINANCIAL_YEAR.exec(text);
  if (fy) {
    const first = Number(fy[2]);
    const second = secondYear(first, fy[3]!);
    if (second === null) return null;
    const quarter = Number(fy[1] ?? fy[4] ?? 0);
    if (!quarter) return { label, start: ym(first, 4), end: ym(second, 3) };
    // Q1 April-June, Q2 July-September, Q3 October-December, Q4 January-March of the second year.
    const startMonth = quarter === 4 ? 1 : quarter * 3 + 1;
    const year = quarter === 4 ? second : first;
    return { label, start: ym(year, startMonth), end: ym(year, startMonth + 2) };
  }
  const cq = CALENDAR_QUARTER.exec(text);
  if (cq) {
    const year = Number(cq[2]);
    if (year < 1990 || year > 2100) return null;
    const startMonth = (Number(cq[1]) - 1) * 3 + 1;
    return { label, start: ym(year, startMonth), end: ym(year, startMonth + 2) };
  }
  return null;
}

/** The year after `first` as printed ('18' or '2018' after 2017), else null. */
function secondYear(first: number, printed: string): number | null {
  if (first < 1990 || first > 2100) return null;
  const second = printed.length === 2 ? Math.floor(first / 100) * 100 + Number(printed) : Number(printed);
  return second === first + 1 ? second : null;
}

function periodFromParts(
  label: string,
  startMonthWord: string,
  startYearText: string | undefined,
  endMonthWord: string | undefined,
  endYearText: string | undefined,
): Period | null {
  const startMonth = monthNumber(startMonthWord);
  const endMonth = endMonthWord ? monthNumber(endMonthWord) : startMonth;
  if (!startMonth || !endMonth) return null;
  let startYear = startYearText ? fullYear(startYearText) : null;
  let endYear = endMonthWord ? (endYearText ? fullYear(endYearText) : null) : startYear;
  // A year printed on one side only belongs to both; a range that runs past December
  // ('Oct - March 18') crosses the year boundary.
  if (startYear === null && endYear === null) return null;
  if (startYear === null) startYear = startMonth > endMonth ? endYear! - 1 : endYear!;
  if (endYear === null) endYear = endMonth < startMonth ? startYear + 1 : startYear;
  const start = ym(startYear, startMonth);
  const end = ym(endYear, endMonth);
  if (end < start) return null;
  return { label, start, end };
}

/** Periods mentioned inside running text, in order of appearance. */
export function periodsInText(text: string): Period[] {
  const printed = normSpace(text);
  const found: Period[] = [];
  const flat = normDashes(printed);
  const hits: { at: number; period: Period }[] = [];
  for (const m of allMatches(PERIOD_IN_TEXT, flat)) {
    const p = periodFromParts(printed.slice(m.index, m.index + m[0].length), m[1]!, m[2], m[3], m[4]);
    if (p) hits.push({ at: m.index, period: p });
  }
  for (const m of allMatches(PART_OF_YEAR_IN_TEXT, flat)) {
    const p = parsePeriod(m[0]);
    if (p) hits.push({ at: m.index, period: { ...p, label: printed.slice(m.index, m.index + m[0].length) } });
  }
  for (const m of allMatches(FY_IN_TEXT, flat)) {
    // A financial year that a quarter or half-year names is that part, not the whole year.
    if (hits.some((h) => h.at <= m.index && m.index < h.at + h.period.label.length)) continue;
    const second = secondYear(Number(m[1]), m[2]!);
    if (second === null) continue;
    hits.push({ at: m.index, period: { label: printed.slice(m.index, m.index + m[0].length), start: ym(Number(m[1]), 4), end: ym(second, 3) } });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.period);
}

/** One date of a header line: a month with an optional year, or a financial year. */
const DATE_TOKEN = new RegExp(String.raw`${MONTH}(?:\s*,?\s*${YEAR})?(?![a-z])|(?:q[1-4]\s+)?\d{4}\s?/\s?\d{2,4}`, "gi");
/** Words a sentence leads into a date with: prose, not a table header ('… held in April 2014 Sept 2014'). */
const LEAD_IN = /\b(?:in|on|at|of|from|between|since|during|to|until|by|for|and|or|the|than|before|after|then|when|while)$/i;

/**
 * A header line that ends in two or more period labels, as a text extraction writes a score
 * table's header row ('Key Priority Area April 2014 Sept 2014 April 2015 Sept 2015',
 * 'April 17 - Sept 17 Oct 17- March 18'): the text before them and the periods, else null.
 * Dates joined by a dash are one range; two dated months with nothing between them are a
 * range only when the line's other periods are ranges (a dash lost at a line break), else
 * each is a point of evaluation.
 */
export function periodSequence(text: string): { lead: string; periods: Period[] } | null {
  // Each period must parse, and parsePeriod needs a digit: no digit, no sequence.
  if (!HAS_DIGIT.test(text)) return null;
  // A year glued to the next month ('Oct 17March 18') is split so both read as dates.
  const printed = normSpace(text).replace(/(\d)(?=[A-Za-z]{3})/g, "$1 ");
  const flat = normDashes(printed);
  const tokens = allMatches(DATE_TOKEN, flat).map((m) => ({ start: m.index, end: m.index + m[0].length, dated: /\d/.test(m[0]) }));
  if (tokens.length < 2 || flat.slice(tokens[tokens.length - 1]!.end).trim()) return null;
  // The run of dates at the end of the line, and what joins each to the one before.
  let first = tokens.length - 1;
  const joins: ("dash" | "space")[] = [];
  while (first > 0) {
    const gap = flat.slice(tokens[first - 1]!.end, tokens[first]!.start);
    if (/^\s*(?:-|to|until)\s*$/i.test(gap)) joins.unshift("dash");
    else if (/^\s+$/.test(gap)) joins.unshift("space");
    else break;
    first--;
  }
  const run = tokens.slice(first);
  const lead = printed.slice(0, run[0]!.start).trim();
  if (lead && (wordCountOf(lead) > 8 || /[.;:!?,]$/.test(lead) || LEAD_IN.test(lead))) return null;
  const ranged = joins.includes("dash");
  const periods: Period[] = [];
  for (let k = 0; k < run.length; ) {
    const pair = k + 1 < run.length && (joins[k] === "dash" || (ranged && joins[k] === "space" && run[k]!.dated && run[k + 1]!.dated));
    const last = pair ? run[k + 1]! : run[k]!;
    const period = parsePeriod(printed.slice(run[k]!.start, last.end));
    if (!period) return null;
    periods.push(period);
    k += pair ? 2 : 1;
  }
  return periods.length >= 2 ? { lead, periods } : null;
}

function wordCountOf(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Sort by start then end; drop repeated labels (a table continued over a page break repeats its header). */
export function orderPeriods(periods: Period[]): Period[] {
  const seen = new Set<string>();
  const unique = periods.filter((p) => (seen.has(p.label) ? false : (seen.add(p.label), true)));
  return unique.sort((a, b) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start)));
}

/** The periods the document scores, in time order. */
export function findPeriods(layout: Layout, profile: Profile): { periods: Period[]; messages: MessageFact[] } {
  const messages: MessageFact[] = [];
  const table = findSummaryTable(layout, profileFor(profile));
  if (table) {
    for (const bad of table.unparsedHeaders) {
      messages.push(message("extract:periods", "warning", `could not read period label '${bad.text}'`, bad.place));
    }
    if (table.periods.length) return { periods: orderPeriods(table.periods.map((p) => p.period)), messages };
  }
  // No score table with period columns: the title usually names the reporting period.
  const title = documentTitle(layout);
  const fromTitle = title ? periodsInText(title.text).filter((p) => p.start !== p.end || /\d{4}/.test(p.label)) : [];
  const last = fromTitle[fromTitle.length - 1];
  if (last) return { periods: [last], messages };
  return { periods: [], messages };
}
