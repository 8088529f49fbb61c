/**
 * `scorebook indicators` and `scorebook actions`: the evidence and plans behind the scores,
 * each row traceable to its document and page (or line).
 */
import type { Command } from "commander";
import { listActions, listIndicators } from "../query/evidence.js";
import type { AlsoIn } from "../query/renderings.js";
import { documentColumn, placeColumns } from "../format/columns.js";
import { render, type Format } from "../format/output.js";
import { parseFormat, withStore, writeData } from "./context.js";

interface ListOptions {
  area?: string;
  sourceArea?: string;
  document?: string;
  format: Format;
}

function listCommand(program: Command, name: string, description: string) {
  return program
    .command(name)
    .description(description)
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only those whose area as printed contains this")
    .option("--document <name>", "only this document: a path, file name or stem (a stem selects every rendering)")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format);
}

/** The report's other renderings that print the same item. */
const alsoInText = (list: AlsoIn[]) => list.map((a) => a.document).join(", ");

export function registerEvidence(program: Command): void {
  listCommand(program, "indicators", "percentages and counts with what they measure").action(async (opts: ListOptions) => {
    const { db } = program.opts<{ db: string }>();
    const indicators = await withStore(db, (store) => listIndicators(store, opts));
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
        { header: "also_in", value: (r) => alsoInText(r.also_in), maxWidth: 40 },
      ]),
    );
  });

  listCommand(program, "actions", "next steps, further/future actions, priorities and action-plan standards").action(
    async (opts: ListOptions) => {
      const { db } = program.opts<{ db: string }>();
      const actions = await withStore(db, (store) => listActions(store, opts));
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
          { header: "also_in", value: (r) => alsoInText(r.also_in), maxWidth: 40 },
        ]),
      );
    },
  );
}
