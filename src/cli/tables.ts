import { InvalidArgumentError, type Command } from "commander";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { tablesOf, type TablesContract } from "../layout/tables-contract.js";
import { renderJson } from "../format/output.js";
import {
  tableText,
  extensionOf,
  htmlPage,
  TABLE_FORMATS,
  tableCsv,
  tableHtml,
  tableMarkdown,
  tablesCsv,
  type ContractTable,
  type TableFormat,
} from "../format/tables.js";
import { FLAVORS, tableSettings, type Area, type Flavor } from "../readers/pdf/settings.js";
import { log, parsePositiveInt, UsageError, writeData } from "./context.js";

interface TablesOptions {
  format: TableFormat;
  page?: number;
  pages?: number[];
  area: Area[];
  columns?: number[];
  flavor: Flavor;
  out?: string;
}

export function registerTables(program: Command): void {
  program
    .command("tables")
    .description("the tables the reader found in one file (no store involved)")
    .argument("<file>", "a .pdf, .docx, .txt or .md file")
    .option("--format <format>", `${TABLE_FORMATS.join(", ")} (json: the contract plus a quality report per table)`, parseTableFormat, "table" as TableFormat)
    .option("--page <n>", "only tables that start on this page", parsePositiveInt)
    .option("--pages <list>", "only read these pages, e.g. 1,3-5", parsePageList)
    .option("--area <left,top,right,bottom>", "PDF: read this region as one table (PDF points, origin top-left; repeatable)", collectArea, [] as Area[])
    .option("--columns <x1,x2,...>", "PDF: column boundaries in PDF points from the page's left edge", parseColumns)
    .option("--flavor <flavor>", `PDF: ${FLAVORS.join(", ")} (lattice: ruled grids only; stream: alignment only)`, parseFlavor, "auto" as Flavor)
    .option("--out <dir>", "write one file per table, <file>-p<page>-t<n>.<ext>, into this folder")
    // A bad value gets one line (the error), not the whole help.
    .showHelpAfterError(false)
    .action(async (file: string, opts: TablesOptions) => {
      const settings = tableSettings({ pages: opts.pages, areas: opts.area, columns: opts.columns, flavor: opts.flavor });
      const isPdf = extname(file).toLowerCase() === ".pdf";
      if (!isPdf && (opts.area.length || opts.columns || opts.flavor !== "auto")) {
        throw new UsageError(`${basename(file)}: --area, --columns and --flavor apply to PDF files only`);
      }
      // The readers (pdf.js, mammoth) load only for the command that needs them: every other
      // command starts without paying for them.
      const { readDocument } = await import("../readers/index.js");
      const { layout } = await readDocument(file, {}, settings);
      const beyond = (opts.pages ?? []).filter((p) => p > layout.meta.pageCount);
      if (beyond.length) throw new UsageError(`${basename(file)}: no page ${beyond.join(", ")} (it has ${layout.meta.pageCount})`);
      const contract = onlyPages(tablesOf(layout, opts.page), opts.pages);
      if (process.stderr.isTTY) for (const line of qualityLines(contract, basename(file))) log(line);
      if (opts.out) writeTableFiles(contract, opts.format, opts.out, basename(file, extname(file)));
      else writeData(renderTables(contract, opts.format, basename(file)));
    });
}

/** Tables of other pages than those asked for (a DOCX or text file is read whole). */
function onlyPages(contract: TablesContract, pages: number[] | undefined): TablesContract {
  if (!pages) return contract;
  return { tables: contract.tables.filter((t) => (t.pages ?? [t.page]).some((p) => pages.includes(p))) };
}

export function renderTables(contract: TablesContract, format: TableFormat, name: string): string {
  switch (format) {
    case "json":
      return renderJson(contract);
    case "csv":
      return tablesCsv(contract.tables);
    case "markdown":
      return contract.tables.map((t, i) => `### ${label(name, t, i)}\n\n${tableMarkdown(t)}`).join("\n");
    case "html":
      return contract.tables.map((t, i) => tableHtml(t, label(name, t, i))).join("\n");
    case "table": {
      const out: string[] = [];
      contract.tables.forEach((t, i) => {
        out.push(`${name} table ${i + 1} (page ${t.page}, ${t.rows.length} rows)\n`, tableText(t), "\n");
      });
      return out.join("");
    }
  }
}

function label(name: string, t: ContractTable, i: number): string {
  return `${name} table ${i + 1} (page ${t.page})`;
}

/** One file per table, named <stem>-p<page>-t<n>.<ext>, n counting the tables of that page. */
function writeTableFiles(contract: TablesContract, format: TableFormat, dir: string, stem: string): void {
  mkdirSync(dir, { recursive: true });
  const perPage = new Map<number, number>();
  for (const t of contract.tables) {
    const n = (perPage.get(t.page) ?? 0) + 1;
    perPage.set(t.page, n);
    const path = join(dir, `${stem}-p${t.page}-t${n}.${extensionOf(format)}`);
    writeFileSync(path, tableFile(t, format, `${stem} page ${t.page} table ${n}`));
    log(`wrote ${path}`);
  }
  if (!contract.tables.length) log(`${stem}: no tables found; nothing written`);
}

function tableFile(t: ContractTable, format: TableFormat, title: string): string {
  switch (format) {
    case "json":
      return renderJson(t);
    case "markdown":
      return tableMarkdown(t);
    case "html":
      return htmlPage(title, tableHtml(t, title));
    case "csv":
    case "table":
      return tableCsv(t);
  }
}

/** One line per table for a person watching: what was found and how sure the reader is. */
export function qualityLines(contract: TablesContract, name: string): string[] {
  return contract.tables.map((t, i) => {
    const q = t.quality;
    const box = q.bbox ? `, bbox ${q.bbox.map((v) => Math.round(v)).join(",")}` : "";
    return `${name} table ${i + 1} (page ${t.page}): ${q.flavor} ${q.rows}×${q.cols}${box}, ${Math.round(q.empty_share * 100)}% empty, confidence ${q.confidence.toFixed(2)}`;
  });
}

function parseTableFormat(value: string): TableFormat {
  if (!(TABLE_FORMATS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${TABLE_FORMATS.join(", ")}`);
  return value as TableFormat;
}

function parseFlavor(value: string): Flavor {
  if (!(FLAVORS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${FLAVORS.join(", ")}`);
  return value as Flavor;
}

/** "1,3-5" → [1, 3, 4, 5]. */
export function parsePageList(value: string): number[] {
  const pages = new Set<number>();
  for (const part of value.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const from = m ? Number(m[1]) : NaN;
    const to = m?.[2] !== undefined ? Number(m[2]) : from;
    if (!m || from < 1 || to < from || to - from > 100_000) throw new InvalidArgumentError("expected page numbers from 1, like 1,3-5");
    for (let p = from; p <= to; p++) pages.add(p);
  }
  return [...pages].sort((a, b) => a - b);
}

function numbers(value: string): number[] | null {
  const parts = value.split(",").map((v) => v.trim());
  if (parts.some((p) => !/^-?(?:\d+\.?\d*|\.\d+)$/.test(p))) return null;
  return parts.map(Number);
}

function collectArea(value: string, previous: Area[]): Area[] {
  const v = numbers(value);
  if (!v || v.length !== 4 || v.some((x) => x < 0)) throw new InvalidArgumentError("expected LEFT,TOP,RIGHT,BOTTOM: four numbers of PDF points from the page's top-left");
  const [l, t, r, b] = v as Area;
  if (!(l < r && t < b)) throw new InvalidArgumentError("expected LEFT < RIGHT and TOP < BOTTOM (points from the page's top-left)");
  return [...previous, [l, t, r, b]];
}

function parseColumns(value: string): number[] {
  const v = numbers(value);
  if (!v || !v.length) throw new InvalidArgumentError("expected X1,X2,…: numbers of PDF points from the page's left edge");
  if (v.some((x, i) => i > 0 && x <= v[i - 1]!)) throw new InvalidArgumentError("expected column positions in increasing order");
  return v;
}
