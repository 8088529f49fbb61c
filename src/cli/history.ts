import type { Command } from "commander";
import { history, type HistoryPoint, type HistorySeries } from "../query/history.js";
import { render, type Format } from "../format/output.js";
import { parseFormat, parseMonth, withStore, writeData } from "./context.js";

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("each area's scores across all periods and documents, in period order")
    .option("--area <name>", "only areas (canonical or as printed) whose label contains this")
    .option("--from <YYYY-MM>", "only periods ending on or after this month", parseMonth)
    .option("--to <YYYY-MM>", "only periods starting on or before this month", parseMonth)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { area?: string; from?: string; to?: string; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const series = await withStore(db, (store) => history(store, opts));
      const rows = series.flatMap((s) => s.series.map((point) => ({ group: s, point })));
      writeData(
        render<{ group: HistorySeries; point: HistoryPoint }>(
          opts.format,
          rows,
          [
            { header: "canonical_area", value: (r) => r.group.canonical_area },
            { header: "period", value: (r) => r.point.period.label },
            { header: "start", value: (r) => r.point.period.start },
            { header: "end", value: (r) => r.point.period.end },
            { header: "value", value: (r) => r.point.value },
            { header: "value_max", value: (r) => r.point.value_max },
            { header: "raw", value: (r) => r.point.raw },
            { header: "area", value: (r) => r.point.area, maxWidth: 40 },
            { header: "document", value: (r) => r.point.document },
            { header: "page", value: (r) => r.point.page ?? (r.point.line !== null ? `line ${r.point.line}` : null) },
            { header: "origin", value: (r) => r.point.origin },
            { header: "score_id", value: (r) => r.point.score_id },
          ],
          series,
        ),
      );
    });
}
