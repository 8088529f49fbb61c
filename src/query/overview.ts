/**
 * The overview: for each council, its canonical areas × periods, each cell the area's roll-up
 * for the period (history's rule, so the overview and `scorebook history` cannot disagree),
 * which periods start a different framework, and the store's counts. Councils are never
 * blended: each has its own framework, periods and grid. Pure over history's series except
 * for the counts and the documents' frameworks.
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

/** One council's grid. */
export interface OverviewGrid {
  /** As history names it; null: documents that state no authority. */
  authority: string | null;
  periods: (PeriodRef & { frameworks: string[]; framework_changed: boolean })[];
  areas: OverviewRow[];
  /** The council's series not linked to a canonical area, each named by its area as printed (no key). */
  others: OverviewRow[];
}

export interface Overview {
  grids: OverviewGrid[];
  /** Canonical keys that more than one council's framework uses (their area links must name the council). */
  shared_keys: string[];
  documents: number;
  /** Reports: a report's renderings (PDF, DOCX, text of one report) count once. */
  reports: number;
  /** Open gaps as `scorebook gaps --open` counts them (one per report, not per rendering). */
  open_gaps: number;
  rollup: string;
}

/** The grids, one per council in history's order (councils by name, then those stating none). */
export function overviewGrids(series: readonly HistorySeries[], frameworkOf: ReadonlyMap<string, string | null>): Pick<Overview, "grids" | "shared_keys" | "rollup"> {
  const byAuthority = new Map<string | null, HistorySeries[]>();
  for (const s of series) {
    const list = byAuthority.get(s.authority);
    if (list) list.push(s);
    else byAuthority.set(s.authority, [s]);
  }
  const grids = [...byAuthority].map(([authority, own]) => ({ authority, ...overviewGrid(own, frameworkOf) }));
  const owners = new Map<string, Set<string | null>>();
  for (const s of series) if (s.canonical_key !== null) owners.set(s.canonical_key, (owners.get(s.canonical_key) ?? new Set()).add(s.authority));
  return {
    grids: grids.filter((g) => g.areas.length > 0 || g.others.length > 0),
    shared_keys: [...owners].filter(([, who]) => who.size > 1).map(([key]) => key),
    rollup: series[0]?.rollup.description ?? "",
  };
}

const periodId = (p: { start: string; end: string }) => `${p.start}/${p.end}`;

/** One council's grid from its series and the framework each document declared (by source name). */
function overviewGrid(series: readonly HistorySeries[], frameworkOf: ReadonlyMap<string, string | null>): Omit<OverviewGrid, "authority"> {
  const periods = new Map<string, PeriodRef & { frameworks: Set<string> }>();
  for (const s of series) {
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
  const row = (s: HistorySeries): OverviewRow => {
    const cells: (OverviewCell | null)[] = ordered.map(() => null);
    for (const r of s.rollup.points) {
      const i = index.get(periodId(r.period));
      if (i !== undefined) cells[i] = { value: r.value, n: r.n };
    }
    // An unaligned series is named as history names it: by its first point's area as printed.
    return { canonical_area: s.canonical_area ?? s.series[0]?.area ?? "", canonical_key: s.canonical_key, cells };
  };
  return {
    periods: columns,
    areas: series.filter((s) => s.canonical_area !== null).map(row),
    others: series.filter((s) => s.canonical_area === null).map(row),
  };
}

/** Documents, and reports (each document without a report id is its own). */
export async function storeCounts(db: Store): Promise<{ documents: number; reports: number }> {
  const r = await db
    .selectFrom("documents")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.count<number>("report_id").distinct().as("reports"), eb.fn.countAll<number>().filterWhere("report_id", "is", null).as("alone")])
    .executeTakeFirstOrThrow();
  return { documents: Number(r.n), reports: Number(r.reports) + Number(r.alone) };
}

export async function documentFrameworks(db: Store): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom("documents").select(["source", "framework"]).execute();
  return new Map(rows.map((r) => [r.source, r.framework]));
}
