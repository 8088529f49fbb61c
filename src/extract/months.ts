/**
 * Month names and short dates as the reports print them ('Dec 17', 'end May 18',
 * 'Sept 2015'): used to keep dates out of the figures and to read due months.
 */

import { allMatches } from "./text-utils.js";

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

/** 1..12 for a month name or abbreviation ('Sept', 'March', 'dec.'), else null. */
export function monthNumber(word: string): number | null {
  return MONTHS[word.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

/** Two-digit years are this century ('May 18' → 2018). */
export function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length <= 2 ? 2000 + n : n;
}

const MONTH_YEAR = /\b([A-Za-z]{3,9})\.?\s*[-,]?\s*('?\d{2}|\d{4})\b/g;

/** The first 'Month YY' / 'Month YYYY' in a text as YYYY-MM, or null. */
export function firstMonthYear(text: string): string | null {
  return firstMatchAsMonth(text, MONTH_YEAR);
}

/** The first match of `pattern` (groups: month word, year) that is a real month, as YYYY-MM. */
function firstMatchAsMonth(text: string, pattern: RegExp): string | null {
  for (const m of allMatches(pattern, text)) {
    const month = monthNumber(m[1]!);
    if (!month) continue;
    const year = fullYear(m[2]!.replace("'", ""));
    if (year < 1990 || year > 2100) continue;
    return `${year}-${String(month).padStart(2, "0")}`;
  }
  return null;
}

const DUE_MONTH = /\b(?:due|by|deadline|target date|completion date)\s*:?\s+(?:(?:by|in|on|at|for|the|end|of|beginning|start|mid|no|later|than)\s+)*([A-Za-z]{3,9})\.?\s*('?\d{2}|\d{4})\b/gi;

/**
 * The month something is due by, when the text gives one: 'IA report due end May 18' →
 * 2018-05, 'next review due by end Sept 2015' → 2015-09, 'to be completed by March 2019'.
 * Only a date that follows 'due' or 'by' counts, so a history ('held in Feb 2017') does not.
 */
export function dueMonth(text: string): string | null {
  return firstMatchAsMonth(text, DUE_MONTH);
}

