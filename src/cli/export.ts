import type { Command } from "commander";
import { exportAll } from "../query/export.js";
import { documentColumn, placeColumns } from "../format/columns.js";
import { render, renderJson, type Format } from "../format/output.js";
import { parseFormat, withStore, writeData } from "./context.js";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("everything in the store: documents, scores, indicators, actions, gaps")
    .option("--format <format>", "json (one object), csv or table (the scores)", parseFormat, "json" as Format)
    .option("--document <name>", "only this document: a path, file name or stem (a stem selects every rendering)")
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only facts whose area as printed contains this")
    .action(async (opts: { format: Format; document?: string; area?: string; sourceArea?: string }) => {
      const { db } = program.opts<{ db: string }>();
      const data = await withStore(db, (store) => exportAll(store, { document: opts.document, area: opts.area, sourceArea: opts.sourceArea }));
      if (opts.format === "json") {
        writeData(renderJson(data));
        return;
      }
      // csv/table: the scores, the part of the export that is a flat table.
      writeData(
        render(opts.format, data.scores, [
          { header: "id", value: (s) => s.id },
          documentColumn(),
          ...placeColumns<(typeof data.scores)[number]>(),
          { header: "area", value: (s) => s.area, maxWidth: 48 },
          { header: "area_number", value: (s) => s.area_number },
          { header: "canonical_area", value: (s) => s.canonical_area },
          { header: "period", value: (s) => s.period.label },
          { header: "start", value: (s) => s.period.start },
          { header: "end", value: (s) => s.period.end },
          { header: "value", value: (s) => s.value },
          { header: "value_max", value: (s) => s.value_max },
          { header: "raw", value: (s) => s.raw },
          { header: "origin", value: (s) => s.origin },
        ]),
      );
    });
}
