import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { RollupRule } from "../align/canonical.js";
import { loadCanonicalFrameworks } from "../align/canonical.js";
import { historyAcross, type CrossAuthorityMark } from "../query/across.js";
import { defaultRollup } from "../align/canonical.js";
import { history, isRollupRule, type HistoryPoint, type HistorySeries } from "../query/history.js";
import { frameworkChangeNote, historyMatrix, type HistoryMatrix, type MatrixCell, type MatrixRow } from "../query/history-matrix.js";
import { scoreFrameworks, type SourceFramework } from "../query/frameworks.js";
import { outputSettings, render, renderNote, renderTable, type Column, type Format } from "../format/output.js";
import { log, parseFormat, parseMonth, UsageError, withStore, writeData } from "./context.js";

export function parseRollup(value: string): RollupRule {
  if (!isRollupRule(value)) throw new InvalidArgumentError("expected mean, min, max or median");
  return value;
}

export { defaultRollup };

/** An authority as a table shows it: its name, or which document states none. */
export function authorityName(s: { authority: string | null; series?: { document: string }[] }, document?: string): string {
  return s.authority ?? `(not stated) ${document ?? s.series?.[0]?.document ?? ""}`.trim();
}

type Row = { group: HistorySeries & { cross_authority?: CrossAuthorityMark }; point: HistoryPoint | null; rollup: HistorySeries["rollup"]["points"][number] | null };

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("each canonical area's scores across all periods and documents: a matrix of areas × periods (the roll-up per period), or every source score with --detail")
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only source areas whose label as printed contains this (roll-ups then cover only those sources)")
    .option("--across <mapping>", "a cross-authority mapping of the canonical areas file: each member council's own series, side by side, marked as such")
    .option("--authority <name>", "only this council's series (as printed or an alias; 'none' for reports that state none); default: all, grouped by authority")
    .option("--from <YYYY-MM>", "only periods ending on or after this month", parseMonth)
    .option("--to <YYYY-MM>", "only periods starting on or before this month", parseMonth)
    .option("--rollup <rule>", "how source areas combine per period: mean, min, max, median (default: the canonical file's)", parseRollup)
    .option("--detail", "table: one row per source score (area as printed, document, page/line, score id) instead of the matrix")
    .option("--format <format>", "table, json or csv (json and csv: every source score)", parseFormat, "table" as Format)
    .action(async (opts: { area?: string; sourceArea?: string; authority?: string; across?: string; from?: string; to?: string; rollup?: RollupRule; detail?: boolean; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const rollup = opts.rollup ?? defaultRollup();
      if (opts.across && (opts.area || opts.authority)) throw new UsageError("--across names its own councils and areas: leave out --area and --authority");
      // A cross-authority listing is shown per source row, never as one blended matrix.
      const matrix = opts.format === "table" && !opts.detail && !opts.across;
      const { series, frameworks } = await withStore(db, async (store) => {
        let series: (HistorySeries & { cross_authority?: CrossAuthorityMark })[];
        if (opts.across) {
          const across = await historyAcross(store, opts.across, { from: opts.from, to: opts.to, rollup });
          for (const w of across.warnings) log(`warning: ${w}`);
          const first = across.series[0]?.cross_authority;
          if (first) log(`${first.label}: ${first.note}`);
          series = across.series;
        } else {
          series = await history(store, { ...opts, rollup });
        }
        const frameworks = matrix ? await scoreFrameworks(store, series.flatMap((s) => s.series.map((p) => p.score_id))) : new Map();
        return { series, frameworks };
      });
      for (const s of series) for (const w of s.warnings) log(`warning: ${authorityName(s)}: ${s.canonical_area ?? "(unaligned)"}: ${w}`);
      if (matrix) {
        writeData(renderMatrices(series, frameworks));
        return;
      }
      const columns = opts.across ? [CROSS_AUTHORITY_COLUMN, ...DETAIL_COLUMNS] : DETAIL_COLUMNS;
      writeData(render<Row>(opts.format, detailRows(series), columns, series));
    });
}

/** One row per source score, then one per roll-up value (area "roll-up (mean of n)") where several areas combine. */
function detailRows(series: HistorySeries[]): Row[] {
  return series.flatMap((s) => [
    ...s.series.map((point) => ({ group: s, point, rollup: null })),
    ...(s.rollup.points.length > 0 && new Set(s.series.map((p) => p.area)).size > 1
      ? s.rollup.points.map((r) => ({ group: s, point: null, rollup: r }))
      : []),
  ]);
}

/** Marks every row of an --across listing as a person's mapping, not scorebook's alignment. */
const CROSS_AUTHORITY_COLUMN: Column<Row> = {
  header: "cross_authority",
  value: (r) => (r.group.cross_authority ? `${r.group.cross_authority.label} (a person's mapping)` : null),
  maxWidth: 40,
};

const DETAIL_COLUMNS: Column<Row>[] = [
  { header: "authority", value: (r) => authorityName(r.group), maxWidth: 32 },
  { header: "canonical_area", value: (r) => r.group.canonical_area, minWidth: 16 },
  { header: "period", value: (r) => (r.point ?? r.rollup)!.period.label, minWidth: 12 },
  { header: "start", value: (r) => (r.point ?? r.rollup)!.period.start },
  { header: "end", value: (r) => (r.point ?? r.rollup)!.period.end },
  { header: "value", value: (r) => (r.point ? r.point.value : r.rollup!.value) },
  { header: "value_max", value: (r) => r.point?.value_max ?? null },
  { header: "raw", value: (r) => r.point?.raw ?? null },
  { header: "area", value: (r) => (r.point ? r.point.area : `roll-up (${r.group.rollup.rule} of ${r.rollup!.n})`), maxWidth: 40, minWidth: 20 },
  { header: "link", value: (r) => (r.point?.link ? `${r.point.link.method} ${r.point.link.confidence}` : null) },
  { header: "document", value: (r) => r.point?.document ?? null, minWidth: 22, clip: "middle" },
  { header: "page", value: (r) => r.point?.page ?? null },
  { header: "line", value: (r) => r.point?.line ?? null },
  { header: "origin", value: (r) => r.point?.origin ?? null },
  { header: "score_id", value: (r) => r.point?.score_id ?? null },
];

/** The framework-change mark: a rule between the periods of two source frameworks. */
export const FRAMEWORK_MARK = "┃";

/** One matrix per authority (each council's reports change framework on their own), titled when there are several. */
function renderMatrices(series: HistorySeries[], frameworks: ReadonlyMap<number, SourceFramework>): string {
  const byAuthority = new Map<string, HistorySeries[]>();
  for (const s of series) {
    const name = authorityName(s);
    byAuthority.set(name, [...(byAuthority.get(name) ?? []), s]);
  }
  if (byAuthority.size <= 1) return renderMatrix(historyMatrix(series, frameworks));
  return [...byAuthority].map(([name, group]) => `${name}\n\n${renderMatrix(historyMatrix(group, frameworks))}`).join("\n");
}

/** The matrix as a table: the area column repeated on each panel when the periods do not fit. */
export function renderMatrix(m: HistoryMatrix): string {
  type R = MatrixRow;
  const columns: Column<R>[] = [{ header: "canonical_area", value: (r) => r.canonical_area ?? `(unaligned) ${r.label}`, maxWidth: 40, minWidth: 18 }];
  m.columns.forEach((c, i) => {
    if (c.frameworkChange) columns.push({ header: FRAMEWORK_MARK, value: () => FRAMEWORK_MARK });
    columns.push({ header: c.period.label, value: (r) => cellText(r.cells[i]), align: "right", minWidth: Math.max(c.period.label.length, 8) });
  });
  const out = [renderTable(m.rows, columns, { ...outputSettings(), repeatColumns: 1 }), "\n"];
  out.push(renderNote(`values: ${m.description}; (n) = how many source scores a value combines; each source: scorebook history --detail`));
  const change = frameworkChangeNote(m.spans);
  if (change) out.push(renderNote(`${FRAMEWORK_MARK} the reports change framework here: ${change}. Values either side were scored against different areas.`));
  return out.join("");
}

function cellText(cell: MatrixCell | undefined): string {
  if (!cell) return "";
  if (cell.value === null) return "N/A";
  return cell.n > 1 ? `${cell.value} (${cell.n})` : String(cell.value);
}
