/** `scorebook reextract [--outdated]`: extract again from the kept originals (pipelines/reextract.ts). */
import type { Command } from "commander";
import { reextract } from "../../pipelines/reextract.js";
import { EXIT, log, withStore } from "./context.js";

export function registerReextract(program: Command): void {
  program
    .command("reextract")
    .description("run extraction again from the originals the store kept, keeping the gap ledger as ingest --force does")
    .option("--outdated", "only documents an older extractor version made")
    .action(async (opts: { outdated?: boolean }) => {
      const { db } = program.opts<{ db: string }>();
      const summary = await withStore(db, (store) =>
        reextract(store, { outdated: opts.outdated, report: (o) => log(`${o.document}: ${o.status}${o.status === "replaced" ? ` as document ${o.documentId}` : ""}: ${o.message}`) }),
      );
      log(`${summary.considered} document(s): ${summary.replaced} extracted again, ${summary.skipped} skipped, ${summary.failed} failed`);
      process.exitCode = summary.failed > 0 ? EXIT.failed : EXIT.ok;
    });
}
