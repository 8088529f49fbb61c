/**
 * An area's scores across every period and document: the auditor's first question.
 * Grouped by canonical area (areas linked by `areas`/alignment); an area not linked to a
 * canonical one is its own group, with canonical_area null, so nothing is hidden.
 */
import { sql } from "kysely";
import type { Store } from "../store/open.js";

export interface HistoryPoint {
  score_id: number;
  period: { label: string; start: string; end: string };
  value: number | null;
  value_max: number | null;
  raw: string;
  origin: string;
  document: string;
  page: number | null;
  line: number | null;
  area: string;
  area_number: number | null;
}

export interface HistorySeries {
  canonical_area: string | null;
  /** Link methods of the source areas in this series (exact, alias, similarity, manual). */
  series: HistoryPoint[];
}

export interface HistoryOptions {
  area?: string;
  from?: string;
  to?: string;
}

/** Which score stands for an (document, area, period) when a report prints it more than once. */
const ORIGIN_RANK: Record<string, number> = { "summary-table": 0, section: 1, row: 2 };

export async function history(db: Store, options: HistoryOptions = {}): Promise<HistorySeries[]> {
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
      "d.source as document", "a.label as area", "a.number as area_number", "c.label as canonical_area",
      "dp.label as period_label", "p.start_month", "p.end_month",
    ])
    .orderBy("p.start_month")
    .orderBy("p.end_month")
    .orderBy("d.source")
    .orderBy("a.number")
    .orderBy("s.id");
  if (options.from) q = q.where("p.end_month", ">=", options.from);
  if (options.to) q = q.where("p.start_month", "<=", options.to);
  if (options.area) {
    const like = `%${options.area.toLowerCase()}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(c.label)`, "like", like), eb(sql`lower(a.label)`, "like", like), eb("c.key", "=", options.area!)]));
  }
  const rows = await q.execute();

  // One point per (document, area, period): the summary table wins over section/row repeats.
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.document_id}/${r.area_id}/${r.start_month}/${r.end_month}`;
    const held = best.get(key);
    if (!held || (ORIGIN_RANK[r.origin] ?? 9) < (ORIGIN_RANK[held.origin] ?? 9)) best.set(key, r);
  }
  const groups = new Map<string, HistorySeries>();
  for (const r of rows) {
    if (best.get(`${r.document_id}/${r.area_id}/${r.start_month}/${r.end_month}`) !== r) continue;
    const groupKey = r.canonical_area ?? `area:${r.area}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { canonical_area: r.canonical_area, series: [] };
      groups.set(groupKey, group);
    }
    group.series.push({
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
    });
  }
  return [...groups.values()].sort(compareSeries);
}

/** Canonical areas first (in their framework order is not known here: by name), then the rest. */
function compareSeries(a: HistorySeries, b: HistorySeries): number {
  if ((a.canonical_area === null) !== (b.canonical_area === null)) return a.canonical_area === null ? 1 : -1;
  const an = a.canonical_area ?? a.series[0]?.area ?? "";
  const bn = b.canonical_area ?? b.series[0]?.area ?? "";
  return an.localeCompare(bn);
}
