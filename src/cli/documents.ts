/**
 * `scorebook documents` and `scorebook periods`: what the store holds, to find the names the
 * other commands take (--document, compare's periods). Renderers over src/query/documents.ts.
 */
import type { Command } from "commander";
import { documentListColumns, PERIOD_COLUMNS } from "../format/columns.js";
import { render, type Format } from "../format/output.js";
import { listDocuments, listPeriods } from "../query/documents.js";
import { parseFormat, withStore, writeData } from "./context.js";

export function registerDocuments(program: Command): void {
  program
    .command("documents")
    .description("every stored document (file): its report id (renderings of one report share it), kind, title, periods and how many facts it gave")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const docs = await withStore(db, (store) => listDocuments(store));
      writeData(render(opts.format, docs, documentListColumns(opts.format)));
    });

  program
    .command("periods")
    .description("every reporting period on the store's time line: its label(s), months and the documents that report on it")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const periods = await withStore(db, (store) => listPeriods(store));
      writeData(render(opts.format, periods, PERIOD_COLUMNS));
    });
}
