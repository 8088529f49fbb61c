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
import { normDashes, normSpace } from "./text-utils.js";
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
/** A period somewhere inside longer text (titles: 'Evaluative Progress Report October 17 – March 2018'). */
const PERIOD_IN_TEXT = new RegExp(
  String.raw`\b${MONTH}(?:\s*,?\s*${YEAR})?(?:\s*(?:-|to|until)\s*${MONTH}(?:\s*,?\s*${YEAR}))?\b`,
  "gi",
);

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
  const printed = periodLabel(label);
  const text = normDashes(printed).replace(/\s*-\s*/g, " - ");
  const m = PERIOD.exec(text);
  if (!m) return null;
  return periodFromParts(printed, m[1]!, m[2], m[3], m[4]);
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
  for (const m of normDashes(printed).matchAll(PERIOD_IN_TEXT)) {
    const p = periodFromParts(printed.slice(m.index, m.index + m[0].length), m[1]!, m[2], m[3], m[4]);
    if (p) found.push(p);
  }
  return found;
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
