/**
 * `scorebook indicators` and `scorebook actions`: the evidence and plans behind the scores,
 * each row traceable to its document and page (or line).
 */
import type { Command } from "commander";
import { exportAll } from "../query/export.js";
import { documentColumn, placeColumns } from "../format/columns.js";
import { render, type Format } from "../format/output.js";
import { parseFormat, withStore, writeData } from "./context.js";

interface ListOptions {
  area?: string;
  document?: string;
  format: Format;
}

function listCommand(program: Command, name: string, description: string) {
  return program
    .command(name)
    .description(description)
    .option("--area <name>", "only areas (as printed or canonical) whose label contains this")
    .option("--document <name>", "only this document (file base name)")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format);
}

export function registerEvidence(program: Command): void {
  listCommand(program, "indicators", "percentages and counts with what they measure").action(async (opts: ListOptions) => {
    const { db } = program.opts<{ db: string }>();
    const { indicators } = await withStore(db, (store) => exportAll(store, opts));
    writeData(
      render(opts.format, indicators, [
        { header: "id", value: (r) => r.id },
        { header: "value", value: (r) => r.value },
        { header: "unit", value: (r) => r.unit },
        { header: "previous", value: (r) => r.previous },
        { header: "text", value: (r) => r.text, maxWidth: 70, minWidth: 30 },
        { header: "area", value: (r) => r.area, maxWidth: 28 },
        { header: "period", value: (r) => r.period?.label },
        documentColumn(),
        ...placeColumns<(typeof indicators)[number]>(),
      ]),
    );
  });

  listCommand(program, "actions", "next steps, further/future actions, priorities and action-plan standards").action(
    async (opts: ListOptions) => {
      const { db } = program.opts<{ db: string }>();
      const { actions } = await withStore(db, (store) => exportAll(store, opts));
      writeData(
        render(opts.format, actions, [
          { header: "id", value: (r) => r.id },
          { header: "kind", value: (r) => r.kind },
          { header: "text", value: (r) => r.text, maxWidth: 70, minWidth: 30 },
          { header: "status", value: (r) => r.status },
          { header: "rag", value: (r) => r.rag },
          { header: "due", value: (r) => r.due },
          { header: "area", value: (r) => r.area, maxWidth: 28 },
          documentColumn(),
          ...placeColumns<(typeof actions)[number]>(),
        ]),
      );
    },
  );
}
