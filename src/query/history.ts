/**
 * An area's scores across every period and document: the auditor's first question.
 * Grouped by canonical area (areas linked by alignment or by hand); an area not linked to a
 * canonical one is its own group, with canonical_area null, so nothing is hidden.
 *
 * Periods sit on one time line (start month, then end month), whether a report printed a
 * point ('Sept 2015') or a range ('Oct 17 - March 18'). The same area and period printed by
 * several documents (a later report repeating an earlier column, or one report ingested as
 * PDF and DOCX) is one point with the other sources listed, and a warning when they disagree.
 * Where several source areas map to one canonical area, each keeps its own point and a
 * roll-up per period combines them by a named rule.
 *
 * The rows come from history-rows.ts, which reads each table once (a big store has tens of
 * thousands of scores); the grouping, ranking and ordering that one joined, ordered query
 * used to give are done here, to the same result.
 */
import type { Store } from "../store/open.js";
import { ROLLUP_RULES, type RollupRule } from "../align/canonical.js";
import type { AuthorityResolver } from "../align/authority.js";
import { authorityKeys, loadAuthorityResolver, storedAuthorities } from "./authorities.js";
import { resolveCanonicalArea, sourceAreaNote } from "./filters.js";
import { compareBinary, keptDetails, labelKeyOf, readScoreRows, readSnapshot, type KeptDetails, type ScoreRow } from "./history-rows.js";

export interface PeriodRef {
  label: string;
  start: string;
  end: string;
}

export interface OtherSource {
  score_id: number;
  document: string;
  page: number | null;
  value: number | null;
  value_max: number | null;
}

export interface HistoryPoint {
  score_id: number;
  period: PeriodRef;
  value: number | null;
  value_max: number | null;
  raw: string;
  origin: string;
  document: string;
  page: number | null;
  line: number | null;
  area: string;
  area_number: number | null;
  /** How the source area reached this canonical area; null when it is unaligned. */
  link: { method: string; confidence: number } | null;
  /** The same area and period as printed by other documents (reconciled into this point). */
  also_in: OtherSource[];
}

export interface RollupPoint {
  period: PeriodRef;
  /** The rule applied to the source areas' values; null when none had a value (all N/A). */
  value: number | null;
  /** How many source values went in, and which areas they came from. */
  n: number;
  areas: string[];
  score_ids: number[];
}

export interface HistorySeries {
  /**
   * The council the series belongs to (its framework's name for it, else as its reports print
   * it); null for a document that states no authority. A series never mixes authorities.
   */
  authority: string | null;
  canonical_area: string | null;
  canonical_key: string | null;
  series: HistoryPoint[];
  rollup: { rule: RollupRule; description: string; points: RollupPoint[] };
  warnings: string[];
}

export interface HistoryOptions {
  /** A canonical area's name, key or alias (src/query/filters.ts): its series exactly as unfiltered. */
  area?: string;
  /** Only source areas whose printed label contains this: roll-ups then cover those alone. */
  sourceArea?: string;
  /** Only this authority's series (a name as printed or an alias; 'none': documents stating none). Default: all, grouped by authority. */
  authority?: string;
  /** How authority names resolve (default: the canonical frameworks file). */
  authorities?: AuthorityResolver;
  from?: string;
  to?: string;
  rollup?: RollupRule;
}

export const ROLLUP_DESCRIPTIONS: Record<RollupRule, string> = {
  mean: "mean of the source areas' scores for the period",
  min: "lowest of the source areas' scores for the period",
  max: "highest of the source areas' scores for the period",
  median: "median of the source areas' scores for the period",
};
const RANGE_NOTE = " (a range such as 3-4 counts as its midpoint; N/A is left out)";

/** A warning and the periods it is about ("start/end" keys), so compare can keep its own. */
export interface PeriodWarning {
  text: string;
  periods: string[];
}

/** A series with each warning's periods and its grouping key (compare keeps the warnings about its periods). */
export type HistorySeriesWithNotes = HistorySeries & { notes: PeriodWarning[]; key: string };

/** Where a series sorts: by authority (named ones by name, then those stating none), then by compareSeries' rules. */
export interface SeriesOrder {
  order: number | null;
  authorityOrder: string;
}

/** Named authorities by name, then the documents that state none (by their key). */
function authorityOrder(name: string | null, key: string): string {
  return name === null ? `\uffff${key}` : `${name.toLowerCase()}\u0000${key}`;
}

/** The area filter as the score reads take it: a canonical name resolved to its key (or a FilterError). */
export async function areaScope(db: Store, options: Pick<HistoryOptions, "area" | "sourceArea">): Promise<{ canonicalKey?: string; sourceArea?: string }> {
  const scope: { canonicalKey?: string; sourceArea?: string } = {};
  if (options.area !== undefined) scope.canonicalKey = (await resolveCanonicalArea(db, options.area)).key;
  if (options.sourceArea !== undefined) scope.sourceArea = options.sourceArea;
  return scope;
}

export async function history(db: Store, options: HistoryOptions = {}): Promise<HistorySeries[]> {
  return (await historySeries(db, options)).map(plainSeries);
}

/** A series as history lists it (without what compare keeps of it). */
export function plainSeries({ notes: _notes, key: _key, ...s }: HistorySeriesWithNotes): HistorySeries {
  return s;
}

/** history, with each warning's periods (internal: compare keeps the warnings about its periods). */
export async function historySeries(db: Store, options: HistoryOptions = {}): Promise<HistorySeriesWithNotes[]> {
  const rule = options.rollup ?? "mean";
  const authorities = options.authorities ?? loadAuthorityResolver();
  const scope = await areaScope(db, options);
  const { series, details } = await readSnapshot(db, async (snapshot) => {
    await storedAuthorities(snapshot, authorities); // every name met first: one shown name per authority
    const only = options.authority ? await authorityKeys(snapshot, authorities, options.authority) : null;
    const rows = await readScoreRows(snapshot, { from: options.from, to: options.to, ...scope, authorities });
    const series = seriesGroups(only ? rows.filter((r) => only.has(r.area.authorityKey)) : rows);
    const kept = [...series.values()].flatMap((groups) => groups.map((g) => g.rows[0]!.id));
    return { series, details: await keptDetails(snapshot, kept) };
  });
  const out: (HistorySeries & SeriesOrder & { notes: PeriodWarning[]; key: string; first: ScoreRow })[] = [];
  for (const [key, groups] of series) {
    // The order the rows came in: the same area and period first seen first (ties in comparePoints keep it).
    groups.sort((a, b) => byStoreOrder(a.first, b.first));
    const first = groups[0]!.first;
    const { points, warnings } = reconcile(groups, details);
    const foreign = [...new Set(groups.flatMap((g) => g.rows.map((r) => r.area.foreignLink)).filter((w): w is string => w !== null))];
    const notes = [...foreign.map((text) => ({ text, periods: points.map((p) => `${p.period.start}/${p.period.end}`) })), ...warnings, ...overlapWarnings(points)];
    if (scope.sourceArea !== undefined) notes.unshift({ text: sourceAreaNote(scope.sourceArea), periods: [] });
    const authority = authorities.nameOf(first.area.authorityKey);
    out.push({
      key,
      authority,
      authorityOrder: authorityOrder(authority, first.area.authorityKey),
      canonical_area: first.area.canonical?.label ?? null,
      canonical_key: first.area.canonical?.key ?? null,
      series: points,
      rollup: { rule, description: ROLLUP_DESCRIPTIONS[rule] + RANGE_NOTE, points: rollupPoints(points, rule) },
      warnings: notes.map((n) => n.text),
      notes,
      order: first.area.canonical?.number ?? null,
      first,
    });
  }
  // Series first seen first, then by compareSeries (a stable sort: ties keep that order).
  out.sort((a, b) => byStoreOrder(a.first, b.first));
  return out.sort(compareSeries).map(({ order: _order, authorityOrder: _authorityOrder, first: _first, ...s }) => s);
}

/**
 * The order history's rows were read in (period start, period end, area number with none
 * first, document, score id; text compared as SQLite does). Which row of a series or point
 * comes first decides its name and breaks ties between equal ones.
 */
function byStoreOrder(a: ScoreRow, b: ScoreRow): number {
  return (
    compareBinary(a.period.start, b.period.start) ||
    compareBinary(a.period.end, b.period.end) ||
    nullsFirst(a.area.number, b.area.number) ||
    compareBinary(a.document.source, b.document.source) ||
    a.id - b.id
  );
}

function nullsFirst(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

/** One point's scores (one area by label, one period, one series): best first, and the first read. */
interface PointGroup {
  rows: ScoreRow[];
  first: ScoreRow;
}

/**
 * Rows by series (canonical key, or the printed label's key when unaligned), then by point:
 * the same area (by label) and period, from however many documents.
 */
function seriesGroups(rows: ScoreRow[]): Map<string, PointGroup[]> {
  // series key → label key → period → rows; one PeriodInfo object per period stands for its (start, end).
  const bySeries = new Map<string, Map<string, Map<ScoreRow["period"], ScoreRow[]>>>();
  for (const r of rows) {
    let byLabel = bySeries.get(r.area.seriesKey);
    if (!byLabel) bySeries.set(r.area.seriesKey, (byLabel = new Map()));
    let byPeriod = byLabel.get(r.area.labelKey);
    if (!byPeriod) byLabel.set(r.area.labelKey, (byPeriod = new Map()));
    const list = byPeriod.get(r.period);
    if (list) list.push(r);
    else byPeriod.set(r.period, [r]);
  }
  const repeats = new RepeatFilter(rows);
  const series = new Map<string, PointGroup[]>();
  for (const [key, byLabel] of bySeries) {
    const groups: PointGroup[] = [];
    for (const byPeriod of byLabel.values()) for (const list of byPeriod.values()) groups.push(pointGroup(list, repeats));
    series.set(key, groups);
  }
  return series;
}

function pointGroup(rows: ScoreRow[], repeats: RepeatFilter): PointGroup {
  const ranked = repeats.oncePerDocument(rows.length === 1 ? rows : rows.sort(byPrecedence));
  let first = ranked[0]!;
  for (const r of ranked) if (byStoreOrder(r, first) < 0) first = r;
  return { rows: ranked, first };
}

/**
 * Which score stands for a point: the summary table, then the most recent report, then the
 * first stored.
 */
function byPrecedence(a: ScoreRow, b: ScoreRow): number {
  return a.rank - b.rank || a.document.recencyRank - b.document.recencyRank || a.id - b.id;
}

/**
 * One score per (document, area, period): the summary table wins over section/row repeats.
 * Ranked by precedence, a document's repeats differ only in origin and id (same recency), so
 * the first of them is the one to keep. Bookkeeping is by the areas' dense index in typed
 * arrays, so the thousands of point groups of a big store allocate no map each.
 */
class RepeatFilter {
  private readonly groupOf: Int32Array; // area index → the last group that saw it
  private readonly documentOf: Int32Array; // area index → document index of that group's first score of it
  private group = 0;

  constructor(rows: ScoreRow[]) {
    let areas = 0;
    for (const r of rows) areas = Math.max(areas, r.area.index + 1);
    this.groupOf = new Int32Array(areas);
    this.documentOf = new Int32Array(areas);
  }

  oncePerDocument(ranked: ScoreRow[]): ScoreRow[] {
    const group = ++this.group;
    let further: Set<string> | undefined; // an area scored by several documents (rare): "area/document" seen
    let kept: ScoreRow[] | undefined; // a copy only once something is dropped
    for (let i = 0; i < ranked.length; i++) {
      const r = ranked[i]!;
      const area = r.area.index;
      let repeat = false;
      if (this.groupOf[area] !== group) {
        this.groupOf[area] = group;
        this.documentOf[area] = r.document.index;
      } else if (this.documentOf[area] === r.document.index) repeat = true;
      else {
        further ??= new Set();
        const key = `${area}/${r.document.index}`;
        repeat = further.has(key);
        further.add(key);
      }
      if (repeat) kept ??= ranked.slice(0, i);
      else kept?.push(r);
    }
    return kept ?? ranked;
  }
}

/**
 * Merge the same area (by label) and period from several documents into one point (groups in
 * the order their rows were read). The best-ranked score is kept; the rest are listed in
 * also_in, and a disagreement becomes a warning.
 */
function reconcile(groups: PointGroup[], details: Map<number, KeptDetails>): { points: HistoryPoint[]; warnings: PeriodWarning[] } {
  const points: HistoryPoint[] = [];
  const warnings: PeriodWarning[] = [];
  for (const { rows } of groups) {
    const kept = rows[0]!;
    const shown = details.get(kept.id);
    // Read in the same snapshot as the row itself, through the same join: always there.
    if (!shown) throw new Error(`history: no details read for score ${kept.id}`);
    const others = rows.slice(1);
    const disagree = others.filter((o) => o.value !== kept.value || o.value_max !== kept.value_max);
    if (disagree.length > 0) {
      warnings.push({
        text:
          `${kept.area.label} (${shown.periodLabel}): ${kept.document.source} gives ${kept.raw}, ` +
          disagree.map((o) => `${o.document.source} gives ${o.raw}`).join(", ") +
          `; kept ${kept.document.source}`,
        periods: [`${kept.period.start}/${kept.period.end}`],
      });
    }
    points.push({
      ...toPoint(kept, shown),
      also_in: others.map((o) => ({ score_id: o.id, document: o.document.source, page: o.page, value: o.value, value_max: o.value_max })),
    });
  }
  return { points: points.sort(comparePoints), warnings };
}

function toPoint(r: ScoreRow, shown: KeptDetails): HistoryPoint {
  return {
    score_id: r.id,
    period: { label: shown.periodLabel, start: r.period.start, end: r.period.end },
    value: r.value,
    value_max: r.value_max,
    raw: r.raw,
    origin: r.origin,
    document: r.document.source,
    page: r.page,
    line: shown.line,
    area: r.area.label,
    area_number: r.area.number,
    link: shown.link === null ? null : { method: shown.link.method, confidence: shown.link.confidence ?? 0 },
    also_in: [],
  };
}

export function comparePoints(a: HistoryPoint, b: HistoryPoint): number {
  return (
    a.period.start.localeCompare(b.period.start) ||
    a.period.end.localeCompare(b.period.end) ||
    (a.area_number ?? 999) - (b.area_number ?? 999) ||
    a.area.localeCompare(b.area) ||
    a.document.localeCompare(b.document)
  );
}

/** Different but overlapping periods of one area from different documents that disagree. */
function overlapWarnings(points: HistoryPoint[]): PeriodWarning[] {
  const out: PeriodWarning[] = [];
  const keys = points.map((p) => labelKeyOf(p.area));
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (keys[i] !== keys[j] || a.document === b.document) continue;
      const samePeriod = a.period.start === b.period.start && a.period.end === b.period.end;
      const overlap = a.period.start <= b.period.end && b.period.start <= a.period.end;
      if (samePeriod || !overlap || (a.value === b.value && a.value_max === b.value_max)) continue;
      out.push({
        text: `${a.area}: overlapping periods disagree — ${a.period.label} (${a.document}) gives ${a.raw}, ${b.period.label} (${b.document}) gives ${b.raw}`,
        periods: [`${a.period.start}/${a.period.end}`, `${b.period.start}/${b.period.end}`],
      });
    }
  }
  return out;
}

/** A score as one number: a range counts as its midpoint; N/A has none. */
export function pointValue(p: { value: number | null; value_max: number | null }): number | null {
  if (p.value === null) return null;
  return p.value_max === null ? p.value : (p.value + p.value_max) / 2;
}

export function applyRule(values: number[], rule: RollupRule): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  switch (rule) {
    case "mean":
      return round2(values.reduce((s, v) => s + v, 0) / values.length);
    case "min":
      return sorted[0]!;
    case "max":
      return sorted[sorted.length - 1]!;
    case "median": {
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid]! : round2((sorted[mid - 1]! + sorted[mid]!) / 2);
    }
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function rollupPoints(points: HistoryPoint[], rule: RollupRule): RollupPoint[] {
  const byPeriod = new Map<string, HistoryPoint[]>();
  for (const p of points) {
    const key = `${p.period.start}/${p.period.end}`;
    const list = byPeriod.get(key);
    if (list) list.push(p);
    else byPeriod.set(key, [p]);
  }
  return [...byPeriod.values()].map((ps) => {
    const valued = ps.filter((p) => pointValue(p) !== null);
    return {
      period: ps[0]!.period,
      value: applyRule(valued.map((p) => pointValue(p)!), rule),
      n: valued.length,
      areas: valued.map((p) => p.area),
      score_ids: valued.map((p) => p.score_id),
    };
  });
}

export function isRollupRule(value: string): value is RollupRule {
  return (ROLLUP_RULES as readonly string[]).includes(value);
}

/** By authority; within one, canonical areas first, in their framework's order; then unaligned areas by label. */
export function compareSeries(a: HistorySeries & SeriesOrder, b: HistorySeries & SeriesOrder): number {
  if (a.authorityOrder !== b.authorityOrder) return a.authorityOrder < b.authorityOrder ? -1 : 1;
  if ((a.canonical_area === null) !== (b.canonical_area === null)) return a.canonical_area === null ? 1 : -1;
  if (a.order !== null && b.order !== null && a.order !== b.order) return a.order - b.order;
  const an = a.canonical_area ?? a.series[0]?.area ?? "";
  const bn = b.canonical_area ?? b.series[0]?.area ?? "";
  return an.localeCompare(bn);
}
