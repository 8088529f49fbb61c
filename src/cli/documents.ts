/**
 * `scorebook documents` and `scorebook periods`: what the store holds, to find the names the
 * other commands take (--document, compare's periods). Renderers over src/query/documents.ts.
 */
import type { Command } from "commander";
import { render, type Column, type Format } from "../format/output.js";
import { listDocuments, listPeriods, type DocumentRecord, type PeriodRecord } from "../query/documents.js";
import { parseFormat, withStore, writeData } from "./context.js";

const periodsText = (d: DocumentRecord) => d.periods.map((p) => p.label).join("; ");

function documentColumns(format: Format): Column<DocumentRecord>[] {
  const common: Column<DocumentRecord>[] = [
    { header: "id", value: (d) => d.id },
    { header: "report", value: (d) => d.report },
    { header: "file", value: (d) => d.file },
    { header: "kind", value: (d) => d.kind },
    { header: "periods", value: periodsText, maxWidth: 40 },
    { header: "scores", value: (d) => d.counts.scores },
    { header: "indicators", value: (d) => d.counts.indicators },
    { header: "actions", value: (d) => d.counts.actions },
    { header: "gaps", value: (d) => d.counts.gaps },
    { header: "title", value: (d) => d.title, maxWidth: 50 },
  ];
  if (format === "table") return common;
  return [
    ...common,
    { header: "path", value: (d) => d.path },
    { header: "format", value: (d) => d.format },
    { header: "authority", value: (d) => d.authority },
    { header: "pages", value: (d) => d.pages },
    { header: "areas", value: (d) => d.counts.areas },
    { header: "warnings", value: (d) => d.counts.warnings },
    { header: "ingested_at", value: (d) => d.ingested_at },
  ];
}

const PERIOD_COLUMNS: Column<PeriodRecord>[] = [
  { header: "label", value: (p) => p.label },
  { header: "start", value: (p) => p.start },
  { header: "end", value: (p) => p.end },
  { header: "months", value: (p) => p.months },
  { header: "reports", value: (p) => p.reports },
  { header: "documents", value: (p) => p.documents.join(", "), maxWidth: 60 },
  { header: "labels", value: (p) => p.labels.join("; "), maxWidth: 40 },
];

export function registerDocuments(program: Command): void {
  program
    .command("documents")
    .description("every stored document (file): its report id (renderings of one report share it), kind, title, periods and how many facts it gave")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: { format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const docs = await withStore(db, (store) => listDocuments(store));
      writeData(render(opts.format, docs, documentColumns(opts.format)));
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
