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
 */
import { sql } from "kysely";
import type { Store } from "../store/open.js";
import { labelKey } from "../align/text.js";
import { ROLLUP_RULES, type RollupRule } from "../align/canonical.js";

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
  canonical_area: string | null;
  canonical_key: string | null;
  series: HistoryPoint[];
  rollup: { rule: RollupRule; description: string; points: RollupPoint[] };
  warnings: string[];
}

export interface HistoryOptions {
  area?: string;
  from?: string;
  to?: string;
  rollup?: RollupRule;
}

/** Which score stands for a (document, area, period) when a report prints it more than once. */
const ORIGIN_RANK: Record<string, number> = { "summary-table": 0, section: 1, row: 2 };

export const ROLLUP_DESCRIPTIONS: Record<RollupRule, string> = {
  mean: "mean of the source areas' scores for the period",
  min: "lowest of the source areas' scores for the period",
  max: "highest of the source areas' scores for the period",
  median: "median of the source areas' scores for the period",
};
const RANGE_NOTE = " (a range such as 3-4 counts as its midpoint; N/A is left out)";

/** The roll-up description every series of a history carries. */
export function rollupDescription(rule: RollupRule): string {
  return ROLLUP_DESCRIPTIONS[rule] + RANGE_NOTE;
}

type Row = Awaited<ReturnType<typeof selectRows>>[number];

/** A month range a query may be limited to (compare: only the periods around its two). */
export interface PeriodSpan {
  start: string;
  end: string;
}

/** A warning and the periods it is about ("start/end" keys), so compare can keep its own. */
export interface PeriodWarning {
  text: string;
  periods: string[];
}

export interface HistoryQuery extends HistoryOptions {
  /** Only periods overlapping one of these (internal: compare). */
  overlapping?: PeriodSpan[];
}

/**
 * Ids of the areas `--area` names: printed label or linked canonical label contains it, or the
 * canonical key is it. Resolved first over the (small) areas table, so the scores are then
 * read through their (area_id, period_id) index instead of every score being joined and tested.
 */
function matchingAreaIds(db: Store, area: string) {
  const like = `%${area.toLowerCase()}%`;
  const canonical = db
    .selectFrom("areas as c")
    .select("c.id")
    .where((eb) => eb.or([eb(sql`lower(c.label)`, "like", like), eb("c.key", "=", area)]));
  return db
    .selectFrom("areas as a")
    .select("a.id")
    .where(sql`lower(a.label)`, "like", like)
    .union(db.selectFrom("area_links as l").select("l.area_id as id").where("l.canonical_area_id", "in", canonical));
}

function selectRows(db: Store, options: HistoryQuery) {
  let q = db
    .selectFrom("scores as s")
    .innerJoin("documents as d", "d.id", "s.document_id")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .innerJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "s.document_id").onRef("dp.period_id", "=", "s.period_id"))
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select([
      "s.id", "s.value", "s.value_max", "s.raw", "s.origin", "s.page", "s.line_start", "s.area_id", "s.document_id",
      "d.source as document", "a.label as area", "a.number as area_number", "c.label as canonical_area", "c.key as canonical_key",
      "c.number as canonical_number", "l.method as link_method", "l.confidence as link_confidence",
      "dp.label as period_label", "p.start_month", "p.end_month",
    ])
    // The latest month the score's document reports on: later reports win when two repeat a period.
    .select((eb) =>
      eb
        .selectFrom("document_periods as rdp")
        .innerJoin("periods as rp", "rp.id", "rdp.period_id")
        .select((e) => e.fn.max("rp.end_month").as("latest"))
        .whereRef("rdp.document_id", "=", "s.document_id")
        .as("recency"),
    )
    .orderBy("p.start_month")
    .orderBy("p.end_month")
    .orderBy("a.number")
    .orderBy("d.source")
    .orderBy("s.id");
  if (options.from) q = q.where("p.end_month", ">=", options.from);
  if (options.to) q = q.where("p.start_month", "<=", options.to);
  if (options.area) q = q.where("s.area_id", "in", matchingAreaIds(db, options.area));
  const spans = options.overlapping;
  if (spans) {
    q = q.where((eb) => eb.or(spans.map((x) => eb.and([eb("p.start_month", "<=", x.end), eb("p.end_month", ">=", x.start)]))));
  }
  return q.execute();
}

/**
 * The series history would list, in its order, without their scores: one distinct row per
 * (canonical area or printed label, period), read through the same joins and filters. Null
 * when an unaligned series' name (its first point's label) or the order is ambiguous from these
 * alone; the caller then builds the full history.
 */
export async function seriesOutline(db: Store, options: HistoryOptions = {}): Promise<{ key: string; canonical_area: string | null; canonical_key: string | null }[] | null> {
  let q = db
    .selectFrom("scores as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .innerJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "s.document_id").onRef("dp.period_id", "=", "s.period_id"))
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["a.label as area", "a.number as area_number", "c.label as canonical_area", "c.key as canonical_key", "c.number as canonical_number", "p.start_month", "p.end_month"])
    .distinct();
  if (options.from) q = q.where("p.end_month", ">=", options.from);
  if (options.to) q = q.where("p.start_month", "<=", options.to);
  if (options.area) q = q.where("s.area_id", "in", matchingAreaIds(db, options.area));
  const rows = await q.execute();
  const groups = new Map<string, { canonical_area: string | null; canonical_key: string | null; number: number | null; names: Set<string>; first: (typeof rows)[number] }>();
  const firstOf = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.start_month.localeCompare(b.start_month) || a.end_month.localeCompare(b.end_month) || (a.area_number ?? 999) - (b.area_number ?? 999);
  for (const r of rows) {
    const key = r.canonical_key ?? `area:${labelKeyOf(r.area)}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { canonical_area: r.canonical_area, canonical_key: r.canonical_key, number: r.canonical_number, names: new Set([r.area]), first: r });
      continue;
    }
    // One canonical key printed under two canonical labels or numbers: the first row would decide.
    if (g.canonical_area !== r.canonical_area || g.number !== r.canonical_number) return null;
    const c = firstOf(r, g.first);
    if (c < 0) {
      g.first = r;
      g.names = new Set([r.area]);
    } else if (c === 0) g.names.add(r.area);
  }
  const out: (HistorySeries & { order: number | null; key: string })[] = [];
  for (const [key, g] of groups) {
    // An unaligned series is named by its first point's label: two labels there, the one kept decides.
    if (g.canonical_area === null && g.names.size > 1) return null;
    const point = { area: g.first.area } as HistoryPoint;
    out.push({ key, canonical_area: g.canonical_area, canonical_key: g.canonical_key, series: [point], rollup: { rule: "mean", description: "", points: [] }, warnings: [], order: g.number });
  }
  out.sort(compareSeries);
  // Equal in history's order: there, the order the rows came in would decide.
  for (let i = 1; i < out.length; i++) if (compareSeries(out[i - 1]!, out[i]!) === 0) return null;
  return out.map((s) => ({ key: s.key, canonical_area: s.canonical_area, canonical_key: s.canonical_key }));
}

/** The key a series is grouped by (canonical key, or the printed label's key when unaligned). */
export function seriesKey(s: Pick<HistorySeries, "canonical_key" | "series">): string {
  return s.canonical_key ?? `area:${labelKeyOf(s.series[0]?.area ?? "")}`;
}

export async function history(db: Store, options: HistoryOptions = {}): Promise<HistorySeries[]> {
  return (await historySeries(db, options)).map(({ notes: _notes, ...s }) => s);
}

/** history, with each warning's periods (internal: compare keeps the warnings about its periods). */
export async function historySeries(db: Store, options: HistoryQuery = {}): Promise<(HistorySeries & { notes: PeriodWarning[] })[]> {
  const rule = options.rollup ?? "mean";
  const rows = bestPerDocument(await selectRows(db, options));
  const groups = new Map<string, { rows: Row[]; number: number | null }>();
  for (const r of rows) {
    const key = r.canonical_key ?? `area:${labelKeyOf(r.area)}`;
    let g = groups.get(key);
    if (!g) {
      g = { rows: [], number: r.canonical_number };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  const out: (HistorySeries & { notes: PeriodWarning[]; order: number | null })[] = [];
  for (const g of groups.values()) {
    const first = g.rows[0]!;
    const { points, warnings } = reconcile(g.rows);
    const notes = [...warnings, ...overlapWarnings(points)];
    out.push({
      canonical_area: first.canonical_area,
      canonical_key: first.canonical_key,
      series: points,
      rollup: { rule, description: ROLLUP_DESCRIPTIONS[rule] + RANGE_NOTE, points: rollupPoints(points, rule) },
      warnings: notes.map((n) => n.text),
      notes,
      order: g.number,
    });
  }
  return out.sort(compareSeries).map(({ order: _order, ...s }) => s);
}

/** labelKey, memoised: a store prints few distinct labels, and every score carries one. */
const labelKeys = new Map<string, string>();
function labelKeyOf(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    key = labelKey(label);
    if (labelKeys.size >= 50_000) labelKeys.clear();
    labelKeys.set(label, key);
  }
  return key;
}

/** One row per (document, area, period): the summary table wins over section/row repeats. */
export function bestPerDocument<R extends { document_id: number; area_id: number; start_month: string; end_month: string; origin: string }>(rows: R[]): R[] {
  const best = new Map<string, R>();
  const keys: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const key = `${r.document_id}/${r.area_id}/${r.start_month}/${r.end_month}`;
    keys[i] = key;
    const held = best.get(key);
    if (!held || (ORIGIN_RANK[r.origin] ?? 9) < (ORIGIN_RANK[held.origin] ?? 9)) best.set(key, r);
  }
  if (best.size === rows.length) return rows;
  return rows.filter((r, i) => best.get(keys[i]!) === r);
}

const MONTH = /^\d{4}-\d{2}$/;

/** Later recency first; plain comparison for YYYY-MM (the same order localeCompare gives them, much cheaper). */
function byRecencyDesc(a: string, b: string): number {
  if (MONTH.test(a) && MONTH.test(b)) return a < b ? 1 : a > b ? -1 : 0;
  return b.localeCompare(a);
}

/**
 * Merge the same area (by label) and period from several documents into one point. The
 * summary table, then the most recent report, then the first stored is kept; the rest are
 * listed in also_in, and a disagreement becomes a warning.
 */
function reconcile(rows: Row[]): { points: HistoryPoint[]; warnings: PeriodWarning[] } {
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${labelKeyOf(r.area)}/${r.start_month}/${r.end_month}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const points: HistoryPoint[] = [];
  const warnings: PeriodWarning[] = [];
  for (const same of byKey.values()) {
    const ranked =
      same.length === 1
        ? same
        : [...same].sort(
            (a, b) =>
              (ORIGIN_RANK[a.origin] ?? 9) - (ORIGIN_RANK[b.origin] ?? 9) ||
              byRecencyDesc(recencyOf(a), recencyOf(b)) ||
              a.id - b.id,
          );
    const kept = ranked[0]!;
    const others = ranked.slice(1);
    const disagree = others.filter((o) => o.value !== kept.value || o.value_max !== kept.value_max);
    if (disagree.length > 0) {
      warnings.push({
        text:
          `${kept.area} (${kept.period_label}): ${kept.document} gives ${kept.raw}, ` +
          disagree.map((o) => `${o.document} gives ${o.raw}`).join(", ") +
          `; kept ${kept.document}`,
        periods: [`${kept.start_month}/${kept.end_month}`],
      });
    }
    points.push({ ...toPoint(kept), also_in: others.map((o) => ({ score_id: o.id, document: o.document, page: o.page, value: o.value, value_max: o.value_max })) });
  }
  return { points: points.sort(comparePoints), warnings };
}

function recencyOf(r: Row): string {
  return r.recency === null || r.recency === undefined ? "" : String(r.recency);
}

function toPoint(r: Row): HistoryPoint {
  return {
    score_id: r.id,
    period: { label: r.period_label, start: r.start_month, end: r.end_month },
    value: r.value,
    value_max: r.value_max,
    raw: r.raw,
    origin: r.origin,
    document: r.document,
    page: r.page,
    line: r.line_start,
    area: r.area,
    area_number: r.area_number,
    link: r.link_method === null ? null : { method: r.link_method, confidence: r.link_confidence ?? 0 },
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

/** Canonical areas first, in their framework's order; then unaligned areas by label. */
export function compareSeries(a: HistorySeries & { order: number | null }, b: HistorySeries & { order: number | null }): number {
  if ((a.canonical_area === null) !== (b.canonical_area === null)) return a.canonical_area === null ? 1 : -1;
  if (a.order !== null && b.order !== null && a.order !== b.order) return a.order - b.order;
  const an = a.canonical_area ?? a.series[0]?.area ?? "";
  const bn = b.canonical_area ?? b.series[0]?.area ?? "";
  return an.localeCompare(bn);
}
