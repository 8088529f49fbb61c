import type { Command } from "commander";
import type { RollupRule } from "../align/canonical.js";
import { compare, type CompareRow } from "../query/compare.js";
import { render, type Format } from "../format/output.js";
import { log, parseFormat, withStore, writeData } from "./context.js";
import { authorityName, defaultRollup, parseRollup } from "./history.js";

export function registerCompare(program: Command): void {
  program
    .command("compare <periodA> <periodB>")
    .description('per canonical area: the value at each period, the change and its direction (periods as YYYY-MM, YYYY-MM..YYYY-MM, or as printed, e.g. "Sept 2015")')
    .option("--area <name>", "only areas whose label contains this, or a canonical key")
    .option("--authority <name>", "only this council's areas ('none' for reports that state none); default: all, each row within one authority")
    .option("--rollup <rule>", "how source areas combine: mean, min, max, median (default: the canonical file's)", parseRollup)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (periodA: string, periodB: string, opts: { area?: string; authority?: string; rollup?: RollupRule; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const result = await withStore(db, (store) => compare(store, periodA, periodB, { rollup: opts.rollup ?? defaultRollup(), area: opts.area, authority: opts.authority }));
      for (const w of result.warnings) log(`warning: ${w}`);
      if (opts.format === "table") log(`${result.period_a.label} (${result.period_a.start}..${result.period_a.end}) → ${result.period_b.label} (${result.period_b.start}..${result.period_b.end}); values: ${result.rollup.description}`);
      const sources = (s: CompareRow["a"]) => s.sources.map((x) => `#${x.score_id} ${x.raw} ${x.document}${x.page !== null ? ` p${x.page}` : ""}`).join("; ");
      writeData(
        render<CompareRow>(
          opts.format,
          result.areas,
          [
            { header: "authority", value: (r) => authorityName(r, r.a.sources[0]?.document ?? r.b.sources[0]?.document), maxWidth: 32 },
            { header: "canonical_area", value: (r) => r.canonical_area ?? `(unaligned) ${r.area ?? ""}`, maxWidth: 40, minWidth: 18 },
            { header: "period_a", value: () => result.period_a.label, minWidth: 16 },
            { header: "value_a", value: (r) => r.a.value },
            { header: "period_b", value: () => result.period_b.label, minWidth: 16 },
            { header: "value_b", value: (r) => r.b.value },
            { header: "change", value: (r) => r.change },
            { header: "direction", value: (r) => r.direction },
            { header: "rule", value: () => result.rollup.rule },
            { header: "sources_a", value: (r) => sources(r.a), maxWidth: 60 },
            { header: "sources_b", value: (r) => sources(r.b), maxWidth: 60 },
          ],
          result,
        ),
      );
    });
}
