import type { Command } from "commander";
import type { FileOutcome } from "../../pipelines/ingest.js";
import { ingestFiles } from "../../pipelines/ingest.js";
import { basename } from "node:path";
import { EXIT, log, withStore } from "./context.js";

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("read reports (.pdf .docx .txt .md, or folders of them) into the store")
    .argument("<files...>", "files or folders")
    .option("--force", "re-extract files whose bytes are already stored", false)
    .action(async (files: string[], opts: { force: boolean }) => {
      const { db } = program.opts<{ db: string }>();
      const outcomes = await withStore(db, (store) =>
        ingestFiles(store, files, { force: opts.force, report: (o, i, n) => log(progressLine(o, i, n)) }),
      );
      const failed = outcomes.filter((o) => o.status === "failed").length;
      if (outcomes.length > 1) log(summaryLine(outcomes));
      process.exitCode = failed > 0 ? EXIT.failed : EXIT.ok;
    });
}

/** One line per file: the file name first, so a failure names the file and the reason. */
export function progressLine(outcome: FileOutcome, index: number, total: number): string {
  const counter = process.stderr.isTTY && total > 1 ? `[${index + 1}/${total}] ` : "";
  const name = basename(outcome.file);
  switch (outcome.status) {
    case "failed":
      return `${counter}${name}: failed: ${outcome.message}`;
    case "unchanged":
      return `${counter}${name}: unchanged (same bytes already stored as document ${outcome.documentId})`;
    case "stored":
    case "replaced": {
      const f = outcome.facts;
      const warnings = f.messages.filter((m) => m.level !== "info").length;
      return (
        `${counter}${name}: ${outcome.status} as document ${outcome.documentId} (${f.kind}; ` +
        `${f.periods.length} periods, ${f.areas.length} areas, ${f.scores.length} scores, ${f.indicators.length} indicators, ` +
        `${f.actions.length} actions, ${f.gaps.length} gaps${warnings ? `, ${warnings} warnings` : ""})`
      );
    }
  }
}

function summaryLine(outcomes: FileOutcome[]): string {
  const count = (s: FileOutcome["status"]) => outcomes.filter((o) => o.status === s).length;
  return `${outcomes.length} files: ${count("stored") + count("replaced")} stored, ${count("unchanged")} unchanged, ${count("failed")} failed`;
}
