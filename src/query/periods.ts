/**
 * Naming a period the way an auditor would: '2015-09', '2017-10..2018-03', a label as a
 * report printed it ('Oct 17- March 18'), or free text ('Sept 2015', 'Oct 17-March 18').
 * Everything resolves to one row of the shared period table (month ranges), so the same
 * period named in different ways compares as the same thing.
 */
import type { Store } from "../store/open.js";

export interface StoredPeriod {
  id: number;
  label: string;
  start: string;
  end: string;
  /** Every label documents printed for it. */
  labels: string[];
}

export class PeriodError extends Error {}

const MONTHS: [RegExp, number][] = [
  [/^jan(uary)?$/, 1], [/^feb(ruary)?$/, 2], [/^mar(ch)?$/, 3], [/^apr(il)?$/, 4], [/^may$/, 5], [/^june?$/, 6],
  [/^july?$/, 7], [/^aug(ust)?$/, 8], [/^sept?(ember)?$/, 9], [/^oct(ober)?$/, 10], [/^nov(ember)?$/, 11], [/^dec(ember)?$/, 12],
];

function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

function month(year: number, m: number): string {
  return `${year}-${String(m).padStart(2, "0")}`;
}

/** Label comparison key for periods: case, spaces and punctuation ignored, digits kept. */
export function periodKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Month range of a free-text period: one or two 'Month [year]' mentions; two-digit years are
 * 20xx; a first month without a year takes the second's (a year earlier if it would end
 * before it starts). Null when the text names no month.
 */
export function parsePeriodText(text: string): { start: string; end: string } | null {
  const iso = /^\s*(\d{4}-\d{2})\s*(?:(?:\.\.|\/|–|—|\s-\s|\bto\b)\s*(\d{4}-\d{2}))?\s*$/.exec(text);
  if (iso) return { start: iso[1]!, end: iso[2] ?? iso[1]! };
  const mentions: { m: number; y: number | null }[] = [];
  const re = /([A-Za-z]+)\.?\s*['’]?(\d{4}|\d{2})?(?!\d)/g;
  for (const hit of text.matchAll(re)) {
    const m = monthNumber(hit[1]!);
    if (m === null) continue;
    const y = hit[2] === undefined ? null : hit[2].length === 2 ? 2000 + Number(hit[2]) : Number(hit[2]);
    mentions.push({ m, y });
  }
  const first = mentions[0];
  const last = mentions[mentions.length - 1];
  if (!first || !last) return null;
  const endYear = last.y ?? first.y;
  if (endYear === null) return null;
  let startYear = first.y ?? endYear;
  if (first.y === null && first.m > last.m) startYear = endYear - 1;
  return { start: month(startYear, first.m), end: month(endYear, last.m) };
}

export async function storedPeriods(db: Store): Promise<StoredPeriod[]> {
  const rows = await db
    .selectFrom("periods as p")
    .leftJoin("document_periods as dp", "dp.period_id", "p.id")
    .select(["p.id", "p.label", "p.start_month", "p.end_month", "dp.label as doc_label"])
    // Each label once: thousands of documents print the same few, and a row each costs.
    .distinct()
    .orderBy("p.start_month")
    .orderBy("p.end_month")
    .execute();
  const byId = new Map<number, StoredPeriod>();
  for (const r of rows) {
    const p = byId.get(r.id) ?? { id: r.id, label: r.label, start: r.start_month, end: r.end_month, labels: [] };
    for (const l of [r.label, r.doc_label]) if (l && !p.labels.includes(l)) p.labels.push(l);
    byId.set(r.id, p);
  }
  return [...byId.values()];
}

/**
 * The stored period a name means: a printed label, else an exact month range, else (for a
 * single month) the period containing it — a point evaluation of that month first, then a
 * range ending, then starting in it, then the shortest range around it.
 */
export function resolvePeriod(spec: string, periods: StoredPeriod[]): StoredPeriod {
  const key = periodKey(spec);
  const byLabel = periods.find((p) => p.labels.some((l) => periodKey(l) === key));
  if (byLabel) return byLabel;
  const range = parsePeriodText(spec);
  const known = periods.map((p) => p.labels[0] ?? p.label).join(", ") || "none stored";
  if (!range) throw new PeriodError(`"${spec}" is not a period (try YYYY-MM, YYYY-MM..YYYY-MM or a label such as "Sept 2015"); known periods: ${known}`);
  const exact = periods.find((p) => p.start === range.start && p.end === range.end);
  if (exact) return exact;
  if (range.start === range.end) {
    const m = range.start;
    const containing = periods
      .filter((p) => p.start <= m && m <= p.end)
      .sort((a, b) => rank(a, m) - rank(b, m) || span(a) - span(b));
    if (containing[0]) return containing[0];
  }
  throw new PeriodError(`no stored period matches "${spec}" (${range.start}..${range.end}); known periods: ${known}`);
}

function rank(p: StoredPeriod, m: string): number {
  if (p.start === m && p.end === m) return 0;
  if (p.end === m) return 1;
  if (p.start === m) return 2;
  return 3;
}

function span(p: StoredPeriod): number {
  const [sy, sm] = p.start.split("-").map(Number) as [number, number];
  const [ey, em] = p.end.split("-").map(Number) as [number, number];
  return (ey - sy) * 12 + (em - sm);
}
