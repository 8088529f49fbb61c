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

type Row = Awaited<ReturnType<typeof selectRows>>[number];

function selectRows(db: Store, options: HistoryOptions) {
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
    .orderBy("p.start_month")
    .orderBy("p.end_month")
    .orderBy("a.number")
    .orderBy("d.source")
    .orderBy("s.id");
  if (options.from) q = q.where("p.end_month", ">=", options.from);
  if (options.to) q = q.where("p.start_month", "<=", options.to);
  if (options.area) {
    const like = `%${options.area.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(c.label)`, "like", like), eb(sql`lower(a.label)`, "like", like), eb("c.key", "=", options.area!)]));
  }
  return q.execute();
}

/** The latest month a document reports on: later reports are preferred when two repeat a period. */
async function documentRecency(db: Store): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom("document_periods as dp")
    .innerJoin("periods as p", "p.id", "dp.period_id")
    .select(["dp.document_id", (eb) => eb.fn.max("p.end_month").as("latest")])
    .groupBy("dp.document_id")
    .execute();
  return new Map(rows.map((r) => [r.document_id, String(r.latest)]));
}

export async function history(db: Store, options: HistoryOptions = {}): Promise<HistorySeries[]> {
  const rule = options.rollup ?? "mean";
  const rows = bestPerDocument(await selectRows(db, options));
  const recency = await documentRecency(db);
  const groups = new Map<string, { rows: Row[]; number: number | null }>();
  for (const r of rows) {
    const key = r.canonical_key ?? `area:${labelKey(r.area)}`;
    const g = groups.get(key) ?? { rows: [], number: r.canonical_number };
    g.rows.push(r);
    groups.set(key, g);
  }
  const out: (HistorySeries & { order: number | null })[] = [];
  for (const g of groups.values()) {
    const first = g.rows[0]!;
    const { points, warnings } = reconcile(g.rows, recency);
    out.push({
      canonical_area: first.canonical_area,
      canonical_key: first.canonical_key,
      series: points,
      rollup: { rule, description: ROLLUP_DESCRIPTIONS[rule] + RANGE_NOTE, points: rollupPoints(points, rule) },
      warnings: [...warnings, ...overlapWarnings(points)],
      order: g.number,
    });
  }
  return out.sort(compareSeries).map(({ order: _order, ...s }) => s);
}

/** One row per (document, area, period): the summary table wins over section/row repeats. */
export function bestPerDocument(rows: Row[]): Row[] {
  const best = new Map<string, Row>();
  for (const r of rows) {
    const key = `${r.document_id}/${r.area_id}/${r.start_month}/${r.end_month}`;
    const held = best.get(key);
    if (!held || (ORIGIN_RANK[r.origin] ?? 9) < (ORIGIN_RANK[held.origin] ?? 9)) best.set(key, r);
  }
  return rows.filter((r) => best.get(`${r.document_id}/${r.area_id}/${r.start_month}/${r.end_month}`) === r);
}

/**
 * Merge the same area (by label) and period from several documents into one point. The
 * summary table, then the most recent report, then the first stored is kept; the rest are
 * listed in also_in, and a disagreement becomes a warning.
 */
function reconcile(rows: Row[], recency: Map<number, string>): { points: HistoryPoint[]; warnings: string[] } {
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${labelKey(r.area)}/${r.start_month}/${r.end_month}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const points: HistoryPoint[] = [];
  const warnings: string[] = [];
  for (const same of byKey.values()) {
    const ranked = [...same].sort(
      (a, b) =>
        (ORIGIN_RANK[a.origin] ?? 9) - (ORIGIN_RANK[b.origin] ?? 9) ||
        (recency.get(b.document_id) ?? "").localeCompare(recency.get(a.document_id) ?? "") ||
        a.id - b.id,
    );
    const kept = ranked[0]!;
    const others = ranked.slice(1);
    const disagree = others.filter((o) => o.value !== kept.value || o.value_max !== kept.value_max);
    if (disagree.length > 0) {
      warnings.push(
        `${kept.area} (${kept.period_label}): ${kept.document} gives ${kept.raw}, ` +
          disagree.map((o) => `${o.document} gives ${o.raw}`).join(", ") +
          `; kept ${kept.document}`,
      );
    }
    points.push({ ...toPoint(kept), also_in: others.map((o) => ({ score_id: o.id, document: o.document, page: o.page, value: o.value, value_max: o.value_max })) });
  }
  return { points: points.sort(comparePoints), warnings };
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
function overlapWarnings(points: HistoryPoint[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i]!;
      const b = points[j]!;
      if (labelKey(a.area) !== labelKey(b.area) || a.document === b.document) continue;
      const samePeriod = a.period.start === b.period.start && a.period.end === b.period.end;
      const overlap = a.period.start <= b.period.end && b.period.start <= a.period.end;
      if (samePeriod || !overlap || (a.value === b.value && a.value_max === b.value_max)) continue;
      out.push(`${a.area}: overlapping periods disagree — ${a.period.label} (${a.document}) gives ${a.raw}, ${b.period.label} (${b.document}) gives ${b.raw}`);
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
    byPeriod.set(key, [...(byPeriod.get(key) ?? []), p]);
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
function compareSeries(a: HistorySeries & { order: number | null }, b: HistorySeries & { order: number | null }): number {
  if ((a.canonical_area === null) !== (b.canonical_area === null)) return a.canonical_area === null ? 1 : -1;
  if (a.order !== null && b.order !== null && a.order !== b.order) return a.order - b.order;
  const an = a.canonical_area ?? a.series[0]?.area ?? "";
  const bn = b.canonical_area ?? b.series[0]?.area ?? "";
  return an.localeCompare(bn);
}
