/**
 * The overview grid: canonical areas × periods, each cell the area's roll-up for the period
 * (history's rule, so the overview and `scorebook history` cannot disagree), plus which
 * periods start a different framework and the store's counts. Pure over history's series
 * except for two counts and the documents' frameworks.
 */
import type { HistorySeries, PeriodRef } from "./history.js";
import type { Store } from "../store/open.js";

export interface OverviewCell {
  value: number | null;
  /** Source scores behind the roll-up (0 when the area has none that period). */
  n: number;
}

export interface OverviewRow {
  canonical_area: string;
  canonical_key: string | null;
  cells: (OverviewCell | null)[];
}

export interface Overview {
  periods: (PeriodRef & { frameworks: string[]; framework_changed: boolean })[];
  areas: OverviewRow[];
  /** Series not linked to a canonical area (listed for review, not in the grid). */
  unaligned: number;
  documents: number;
  open_gaps: number;
  rollup: string;
}

const periodId = (p: { start: string; end: string }) => `${p.start}/${p.end}`;

/** The grid from history's series and the framework each document declared (by source name). */
export function overviewGrid(series: readonly HistorySeries[], frameworkOf: ReadonlyMap<string, string | null>): Pick<Overview, "periods" | "areas" | "unaligned" | "rollup"> {
  const canonical = series.filter((s) => s.canonical_area !== null);
  const periods = new Map<string, PeriodRef & { frameworks: Set<string> }>();
  for (const s of canonical) {
    for (const p of s.series) {
      const key = periodId(p.period);
      const entry = periods.get(key) ?? { ...p.period, frameworks: new Set<string>() };
      const fw = frameworkOf.get(p.document);
      if (fw) entry.frameworks.add(fw);
      periods.set(key, entry);
    }
  }
  const ordered = [...periods.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
  const index = new Map(ordered.map((p, i) => [periodId(p), i]));
  let previous: string[] | null = null;
  const columns = ordered.map((p) => {
    const frameworks = [...p.frameworks].sort();
    // A change is a period whose frameworks differ from the last period that named any.
    const changed = previous !== null && frameworks.length > 0 && frameworks.join("|") !== previous.join("|");
    if (frameworks.length > 0) previous = frameworks;
    return { label: p.label, start: p.start, end: p.end, frameworks, framework_changed: changed };
  });
  const areas = canonical.map((s) => {
    const cells: (OverviewCell | null)[] = ordered.map(() => null);
    for (const r of s.rollup.points) {
      const i = index.get(periodId(r.period));
      if (i !== undefined) cells[i] = { value: r.value, n: r.n };
    }
    return { canonical_area: s.canonical_area!, canonical_key: s.canonical_key, cells };
  });
  return { periods: columns, areas, unaligned: series.length - canonical.length, rollup: series[0]?.rollup.description ?? "" };
}

export async function storeCounts(db: Store): Promise<{ documents: number; open_gaps: number }> {
  const docs = await db.selectFrom("documents").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const gaps = await db.selectFrom("gaps").select((eb) => eb.fn.countAll<number>().as("n")).where("status", "=", "open").executeTakeFirstOrThrow();
  return { documents: Number(docs.n), open_gaps: Number(gaps.n) };
}

export async function documentFrameworks(db: Store): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("documents").select(["source", "framework"]).execute();
  return new Map(rows.map((r) => [r.source, r.framework]));
}
