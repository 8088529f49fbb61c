import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { RollupRule } from "../align/canonical.js";
import { loadCanonicalFrameworks } from "../align/canonical.js";
import { historyAcross, type CrossAuthorityMark } from "../query/across.js";
import { defaultRollup } from "../align/canonical.js";
import { history, isRollupRule, type HistoryPoint, type HistorySeries } from "../query/history.js";
import { render, type Format } from "../format/output.js";
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
    .description("each canonical area's scores across all periods and documents, in period order, with a roll-up where several source areas map to one")
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only source areas whose label as printed contains this (roll-ups then cover only those sources)")
    .option("--across <mapping>", "a cross-authority mapping of the canonical areas file: each member council's own series, side by side, marked as such")
    .option("--authority <name>", "only this council's series (as printed or an alias; 'none' for reports that state none); default: all, grouped by authority")
    .option("--from <YYYY-MM>", "only periods ending on or after this month", parseMonth)
    .option("--to <YYYY-MM>", "only periods starting on or before this month", parseMonth)
    .option("--rollup <rule>", "how source areas combine per period: mean, min, max, median (default: the canonical file's)", parseRollup)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { area?: string; sourceArea?: string; authority?: string; across?: string; from?: string; to?: string; rollup?: RollupRule; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const rollup = opts.rollup ?? defaultRollup();
      if (opts.across && (opts.area || opts.authority)) throw new UsageError("--across names its own councils and areas: leave out --area and --authority");
      const series: (HistorySeries & { cross_authority?: CrossAuthorityMark })[] = await withStore(db, async (store) => {
        if (!opts.across) return history(store, { ...opts, rollup });
        const across = await historyAcross(store, opts.across, { from: opts.from, to: opts.to, rollup });
        for (const w of across.warnings) log(`warning: ${w}`);
        const first = across.series[0]?.cross_authority;
        if (first) log(`${first.label}: ${first.note}`);
        return across.series;
      });
      for (const s of series) for (const w of s.warnings) log(`warning: ${authorityName(s)}: ${s.canonical_area ?? "(unaligned)"}: ${w}`);
      // One row per source score, then one per roll-up value (area "roll-up (mean)").
      const rows: Row[] = series.flatMap((s) => [
        ...s.series.map((point) => ({ group: s, point, rollup: null })),
        ...(s.rollup.points.length > 0 && new Set(s.series.map((p) => p.area)).size > 1
          ? s.rollup.points.map((r) => ({ group: s, point: null, rollup: r }))
          : []),
      ]);
      writeData(
        render<Row>(
          opts.format,
          rows,
          [
            ...(opts.across ? [{ header: "cross_authority", value: (r: Row) => `${r.group.cross_authority!.label} (a person's mapping)`, maxWidth: 40 }] : []),
            { header: "authority", value: (r) => authorityName(r.group), maxWidth: 32 },
            { header: "canonical_area", value: (r) => r.group.canonical_area },
            { header: "period", value: (r) => (r.point ?? r.rollup)!.period.label },
            { header: "start", value: (r) => (r.point ?? r.rollup)!.period.start },
            { header: "end", value: (r) => (r.point ?? r.rollup)!.period.end },
            { header: "value", value: (r) => (r.point ? r.point.value : r.rollup!.value) },
            { header: "value_max", value: (r) => r.point?.value_max ?? null },
            { header: "raw", value: (r) => r.point?.raw ?? null },
            { header: "area", value: (r) => (r.point ? r.point.area : `roll-up (${r.group.rollup.rule} of ${r.rollup!.n})`), maxWidth: 40 },
            { header: "link", value: (r) => (r.point?.link ? `${r.point.link.method} ${r.point.link.confidence}` : null) },
            { header: "document", value: (r) => r.point?.document ?? null },
            { header: "page", value: (r) => (r.point ? r.point.page ?? (r.point.line !== null ? `line ${r.point.line}` : null) : null) },
            { header: "origin", value: (r) => r.point?.origin ?? null },
            { header: "score_id", value: (r) => r.point?.score_id ?? null },
          ],
          series,
        ),
      );
    });
}
