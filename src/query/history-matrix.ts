/**
 * history as a matrix, for people: one row per canonical area (unaligned areas after), one
 * column per period, each cell the period's roll-up. The source framework of each period's
 * scores is kept with its column, so a reader sees where the reports changed framework (the
 * 2015 report's nine priority areas → the 2017 report's five cornerstones) and that figures
 * on either side were scored against different areas. Pure: history and frameworks in.
 */
import type { HistorySeries, PeriodRef } from "./history.js";
import { frameworkTitle, type SourceFramework } from "./frameworks.js";

export interface MatrixColumn {
  period: PeriodRef;
  /** The source frameworks of the period's scores (sorted names; several when reports mixed). */
  frameworks: string[];
  /** True when this column's frameworks differ from the previous column's. */
  frameworkChange: boolean;
}

export interface MatrixCell {
  /** The roll-up value; null when the period's scores are all N/A. */
  value: number | null;
  /** How many source scores went into the value. */
  n: number;
  score_ids: number[];
}

export interface MatrixRow {
  canonical_area: string | null;
  canonical_key: string | null;
  /** The printed label, for an unaligned area. */
  label: string;
  /** Cells by column index; undefined where the area has no score for the period. */
  cells: (MatrixCell | undefined)[];
}

export interface FrameworkSpan {
  framework: string;
  /** Areas in that framework (the most any of its documents lists). */
  areas: number;
  first: PeriodRef;
  last: PeriodRef;
}

export interface HistoryMatrix {
  rule: string;
  description: string;
  columns: MatrixColumn[];
  rows: MatrixRow[];
  /** The runs of columns under one framework, in time order (more than one: a change). */
  spans: FrameworkSpan[];
}

const periodKey = (p: PeriodRef) => `${p.start}/${p.end}`;

export function historyMatrix(series: readonly HistorySeries[], frameworks: ReadonlyMap<number, SourceFramework>): HistoryMatrix {
  const periods = new Map<string, PeriodRef>();
  const used = new Map<string, Map<string, number>>();
  for (const s of series) {
    for (const p of s.series) {
      const key = periodKey(p.period);
      if (!periods.has(key)) periods.set(key, p.period);
      const f = frameworks.get(p.score_id);
      if (!f) continue;
      let names = used.get(key);
      if (!names) used.set(key, (names = new Map()));
      names.set(f.name, Math.max(names.get(f.name) ?? 0, f.areas));
    }
  }
  const ordered = [...periods.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
  const columns: MatrixColumn[] = [];
  for (const period of ordered) {
    const names = [...(used.get(periodKey(period))?.keys() ?? [])].sort();
    const previous = columns.at(-1);
    columns.push({ period, frameworks: names, frameworkChange: previous !== undefined && names.length > 0 && previous.frameworks.length > 0 && names.join("+") !== previous.frameworks.join("+") });
  }
  const index = new Map(ordered.map((p, i) => [periodKey(p), i]));
  const rows = series.map((s) => {
    const cells: (MatrixCell | undefined)[] = new Array(columns.length).fill(undefined);
    for (const r of s.rollup.points) cells[index.get(periodKey(r.period))!] = { value: r.value, n: r.n, score_ids: r.score_ids };
    return { canonical_area: s.canonical_area, canonical_key: s.canonical_key, label: s.canonical_area ?? s.series[0]?.area ?? "", cells };
  });
  return { rule: series[0]?.rollup.rule ?? "mean", description: series[0]?.rollup.description ?? "", columns, rows, spans: spansOf(columns, used) };
}

function spansOf(columns: readonly MatrixColumn[], used: ReadonlyMap<string, ReadonlyMap<string, number>>): FrameworkSpan[] {
  const spans: FrameworkSpan[] = [];
  for (const c of columns) {
    if (c.frameworks.length === 0) continue;
    const name = c.frameworks.map(frameworkTitle).join(" + ");
    const areas = Math.max(...(used.get(periodKey(c.period))?.values() ?? [0]));
    const last = spans.at(-1);
    if (last && last.framework === name) {
      last.last = c.period;
      last.areas = Math.max(last.areas, areas);
    } else spans.push({ framework: name, areas, first: c.period, last: c.period });
  }
  return spans;
}

/** "key priority areas (9 areas, April 2014 … Sept 2015) → cornerstones (5 areas, …)". */
export function frameworkChangeNote(spans: readonly FrameworkSpan[]): string | null {
  if (spans.length < 2) return null;
  return spans
    .map((s) => `${s.framework} (${s.areas} area${s.areas === 1 ? "" : "s"}, ${s.first.label}${s.last === s.first ? "" : ` … ${s.last.label}`})`)
    .join(" → ");
}
