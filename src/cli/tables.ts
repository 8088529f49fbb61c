import type { Command } from "commander";
import { basename } from "node:path";
import { stringify } from "csv-stringify/sync";
import { tablesOf, type TablesContract } from "../layout/tables-contract.js";
import { renderJson, type Format } from "../format/output.js";
import { parseFormat, parsePositiveInt, writeData } from "./context.js";

export function registerTables(program: Command): void {
  program
    .command("tables")
    .description("the tables the reader found in one file (no store involved)")
    .argument("<file>", "a .pdf, .docx, .txt or .md file")
    .option("--format <format>", "json (the contract), csv (a table-index column) or table", parseFormat, "table" as Format)
    .option("--page <n>", "only tables that start on this page", parsePositiveInt)
    .action(async (file: string, opts: { format: Format; page?: number }) => {
      // The readers (pdf.js, mammoth) load only for the command that needs them: every other
      // command starts without paying for them.
      const { readDocument } = await import("../readers/index.js");
      const { layout } = await readDocument(file);
      const contract = tablesOf(layout, opts.page);
      writeData(renderTables(contract, opts.format, basename(file)));
    });
}

function renderTables(contract: TablesContract, format: Format, name: string): string {
  if (format === "json") return renderJson(contract);
  const text = (cell: TablesContract["tables"][number]["rows"][number][number]) =>
    cell === null ? "" : typeof cell === "string" ? cell : cell.text;
  if (format === "csv") {
    // One CSV for all tables: the first two columns say which table and row a line is.
    const rows = contract.tables.flatMap((t, ti) => t.rows.map((r, ri) => [ti + 1, t.page, ri + 1, ...r.map(text)]));
    return stringify([["table", "page", "row"], ...rows], { quoted_empty: false });
  }
  const out: string[] = [];
  contract.tables.forEach((t, i) => {
    out.push(`${name} table ${i + 1} (page ${t.page}, ${t.rows.length} rows)`);
    for (const row of t.rows) out.push("  | " + row.map((c) => text(c).replace(/\s+/g, " ")).join(" | ") + " |");
  });
  return out.join("\n") + "\n";
}
