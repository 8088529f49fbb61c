import type { Command } from "commander";
import type { RollupRule } from "../align/canonical.js";
import { reportData } from "../report/data.js";
import { renderReport } from "../report/html.js";
import { log, withStore } from "./context.js";
import { writeOutputFile } from "./errors.js";
import { defaultRollup, parseRollup } from "./history.js";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("one self-contained HTML file: a trend chart per canonical area, the open gaps and the actions, every value linked to its source")
    .requiredOption("--out <file.html>", "where to write the report")
    .option("--rollup <rule>", "how source areas combine per period: mean, min, max, median", parseRollup)
    .option("--authority <name>", "only this council's reports ('none' for reports that state none); default: all, one part per authority")
    .action(async (opts: { out: string; rollup?: RollupRule; authority?: string }) => {
      const { db } = program.opts<{ db: string }>();
      const data = await withStore(db, (store) => reportData(store, { rollup: opts.rollup ?? defaultRollup(), authority: opts.authority }));
      await writeOutputFile(opts.out, renderReport(data));
      log(`wrote ${opts.out}: ${data.series.filter((s) => s.canonical_area !== null).length} canonical area chart(s), ${data.openGaps.length} open gap(s), ${data.actions.length} action(s)`);
    });
}
