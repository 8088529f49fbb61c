import type { Command } from "commander";
import type { RollupRule } from "../align/canonical.js";
import { compareAcross, type CrossAuthorityMark } from "../query/across.js";
import { compare, type CompareRow, type Comparison } from "../query/compare.js";
import { render, type Format } from "../format/output.js";
import { log, parseFormat, UsageError, withStore, writeData } from "./context.js";
import { authorityName, defaultRollup, parseRollup } from "./history.js";

export function registerCompare(program: Command): void {
  program
    .command("compare <periodA> <periodB>")
    .description('per canonical area: the value at each period, the change and its direction (periods as YYYY-MM, YYYY-MM..YYYY-MM, or as printed, e.g. "Sept 2015")')
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only source areas whose label as printed contains this (roll-ups then cover only those sources)")
    .option("--across <mapping>", "a cross-authority mapping of the canonical areas file: one row per member council's area, marked as such")
    .option("--authority <name>", "only this council's areas ('none' for reports that state none); default: all, each row within one authority")
    .option("--rollup <rule>", "how source areas combine: mean, min, max, median (default: the canonical file's)", parseRollup)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (periodA: string, periodB: string, opts: { area?: string; sourceArea?: string; authority?: string; across?: string; rollup?: RollupRule; format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      if (opts.across && (opts.area || opts.authority)) throw new UsageError("--across names its own councils and areas: leave out --area and --authority");
      const rollup = opts.rollup ?? defaultRollup();
      const result: Comparison & { areas: (CompareRow & { cross_authority?: CrossAuthorityMark })[] } = await withStore(db, (store) =>
        opts.across ? compareAcross(store, opts.across, periodA, periodB, { rollup }) : compare(store, periodA, periodB, { rollup, area: opts.area, sourceArea: opts.sourceArea, authority: opts.authority }),
      );
      const mark = result.areas[0]?.cross_authority;
      if (mark) log(`${mark.label}: ${mark.note}`);
      for (const w of result.warnings) log(`warning: ${w}`);
      if (opts.format === "table") log(`${result.period_a.label} (${result.period_a.start}..${result.period_a.end}) → ${result.period_b.label} (${result.period_b.start}..${result.period_b.end}); values: ${result.rollup.description}`);
      const sources = (s: CompareRow["a"]) => s.sources.map((x) => `#${x.score_id} ${x.raw} ${x.document}${x.page !== null ? ` p${x.page}` : ""}`).join("; ");
      writeData(
        render<CompareRow & { cross_authority?: CrossAuthorityMark }>(
          opts.format,
          result.areas,
          [
            ...(opts.across ? [{ header: "cross_authority", value: (r: CompareRow & { cross_authority?: CrossAuthorityMark }) => `${r.cross_authority!.label} (a person's mapping)`, maxWidth: 40 }] : []),
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
