/**
 * Two periods side by side, per canonical area: the roll-up value at each (same rule as
 * history), the change and its direction, and the source scores behind each value.
 */
import type { RollupRule } from "../align/canonical.js";
import type { Store } from "../store/open.js";
import type { AuthorityResolver } from "../align/authority.js";
import { historySeries, type HistoryPoint, type HistorySeries, type HistorySeriesWithNotes, type PeriodRef } from "./history.js";
import { loadAuthorityResolver } from "./authorities.js";
import { sourceAreaNote } from "./filters.js";
import { resolvePeriod, storedPeriods, type StoredPeriod } from "./periods.js";

export type Direction = "up" | "down" | "same" | "n/a";

export interface CompareSide {
  value: number | null;
  sources: { score_id: number; area: string; raw: string; document: string; page: number | null }[];
}

export interface CompareRow {
  /** The council of the row (null: a document that states none); rows never mix authorities. */
  authority: string | null;
  canonical_area: string | null;
  canonical_key: string | null;
  /** An unaligned or own series: its area as printed (the series' first label); null for a canonical area. */
  area: string | null;
  a: CompareSide;
  b: CompareSide;
  change: number | null;
  direction: Direction;
}

export interface Comparison {
  period_a: PeriodRef;
  period_b: PeriodRef;
  rollup: { rule: RollupRule; description: string };
  areas: CompareRow[];
  warnings: string[];
}

export interface CompareOptions {
  rollup?: RollupRule;
  /** A canonical area (src/query/filters.ts): its row exactly as unfiltered. */
  area?: string;
  /** Only source areas whose printed label contains this: values then cover those alone. */
  sourceArea?: string;
  /** Only this authority's areas (default: all, each row within one authority). */
  authority?: string;
  authorities?: AuthorityResolver;
  /**
   * The whole history (historySeries, same roll-up rule, no filter) when the caller already
   * holds it for this state of the store: the web app keeps one. Not with a filter.
   */
  history?: readonly HistorySeriesWithNotes[];
}

export async function compare(db: Store, specA: string, specB: string, options: CompareOptions = {}): Promise<Comparison> {
  const periods = await storedPeriods(db);
  const pa = resolvePeriod(specA, periods);
  const pb = resolvePeriod(specB, periods);
  const series = seriesAt(await historyFor(db, options), pa, pb);
  const rule = options.rollup ?? "mean";
  const rows: CompareRow[] = series.map((s) => {
    const a = side(s.rollup.points, s.series, pa);
    const b = side(s.rollup.points, s.series, pb);
    const change = a.value !== null && b.value !== null ? Math.round((b.value - a.value) * 100) / 100 : null;
    return { authority: s.authority, canonical_area: s.canonical_area, canonical_key: s.canonical_key, area: s.canonical_area === null ? s.name : null, a, b, change, direction: direction(change) };
  });
  return {
    period_a: ref(pa),
    period_b: ref(pb),
    rollup: { rule, description: series[0]?.rollup.description ?? rule },
    areas: rows,
    warnings: [...(options.sourceArea !== undefined ? [sourceAreaNote(options.sourceArea)] : []), ...series.flatMap((s) => s.warnings)],
  };
}

/**
 * The history compare reads: the caller's, or the store's. Compare reads every period, not
 * only its two: a series is listed (and named, and ordered) as history lists it even where
 * it has no score at either, and an overlap warning needs the neighbours. (A narrower read
 * plus a distinct outline of the series was tried; at 10,000 documents its outline query
 * alone cost twice the whole history.)
 */
async function historyFor(db: Store, options: CompareOptions): Promise<readonly HistorySeriesWithNotes[]> {
  const filtered = options.area !== undefined || options.sourceArea !== undefined || options.authority !== undefined;
  if (options.history) {
    if (filtered) throw new Error("compare: a held history is the unfiltered one; filters need the store");
    return options.history;
  }
  return historySeries(db, { rollup: options.rollup, area: options.area, sourceArea: options.sourceArea, authority: options.authority, authorities: options.authorities ?? loadAuthorityResolver() });
}

/** A series and, for an unaligned one, the label it is named by (its first point's, even outside the two periods). */
type NamedSeries = HistorySeries & { name: string | null };

/** Every series, in history's order, with the warnings about the two periods only. */
function seriesAt(all: readonly HistorySeriesWithNotes[], pa: StoredPeriod, pb: StoredPeriod): NamedSeries[] {
  const mine = new Set([`${pa.start}/${pa.end}`, `${pb.start}/${pb.end}`]);
  return all.map(({ notes, key: _key, ...s }) => ({ ...s, name: s.series[0]?.area ?? null, warnings: notes.filter((n) => n.periods.some((p) => mine.has(p))).map((n) => n.text) }));
}

function ref(p: StoredPeriod): PeriodRef {
  return { label: p.labels[0] ?? p.label, start: p.start, end: p.end };
}

function samePeriod(x: PeriodRef, p: StoredPeriod): boolean {
  return x.start === p.start && x.end === p.end;
}

function side(rollup: { period: PeriodRef; value: number | null }[], points: HistoryPoint[], p: StoredPeriod): CompareSide {
  const r = rollup.find((x) => samePeriod(x.period, p));
  return {
    value: r?.value ?? null,
    sources: points
      .filter((x) => samePeriod(x.period, p))
      .map((x) => ({ score_id: x.score_id, area: x.area, raw: x.raw, document: x.document, page: x.page })),
  };
}

export function direction(change: number | null): Direction {
  if (change === null) return "n/a";
  if (change > 0) return "up";
  if (change < 0) return "down";
  return "same";
}
