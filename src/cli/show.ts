/**
 * `scorebook show score|indicator|action|gap ID`: one fact, where it is printed, and the
 * text around it (with the column header over its cell, so the period of a number is plain).
 * The data comes from src/query/show.ts, which the web app's fact pages reuse.
 */
import type { Command } from "commander";
import { FACT_KINDS, FACT_SHOWS, type FactField, type FactKind, type FactPlace, type FactShow } from "../query/show.js";
import { render, renderJson, type Format } from "../format/output.js";
import { parseFormat, parseId, withStore, writeData } from "./context.js";

const DESCRIPTIONS: Record<FactKind, string> = {
  score: "a score by id (ids: history --detail, compare, export)",
  indicator: "a percentage or count by id (ids: indicators)",
  action: "an action by id (ids: actions)",
  gap: "a figures-awaited gap by id (ids: gaps)",
};

export function registerShow(program: Command): void {
  const show = program.command("show").description("one fact (score, indicator, action or gap) with its document, page or line, and the text around it");
  for (const kind of FACT_KINDS) {
    const spec = FACT_SHOWS[kind] as unknown as FactShow<FactPlace>;
    show
      .command(`${kind} <id>`)
      .description(DESCRIPTIONS[kind])
      .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
      .action(async (id: string, opts: { format: Format }) => {
        const { db } = program.opts<{ db: string }>();
        const factId = parseId(kind, id);
        const detail = await withStore(db, (store) => spec.load(store, factId));
        writeData(renderDetail(kind, spec, detail, opts.format));
      });
  }
}

function renderDetail<D extends FactPlace>(kind: FactKind, spec: FactShow<D>, d: D, format: Format): string {
  if (format === "json") return renderJson(d);
  const fields: FactField<D>[] = [...spec.fields, ["column", (x) => x.context.column], ["context", (x) => x.context.text ?? x.context.note]];
  if (format === "csv") return render("csv", [d], fields.map(([header, value]) => ({ header, value })));
  return describe(kind, spec, d);
}

/** For people: one field a line, then the source text around the fact, under its column's header. */
function describe<D extends FactPlace>(kind: FactKind, spec: FactShow<D>, d: D): string {
  const width = Math.max(...spec.fields.map(([h]) => h.length));
  const lines = spec.fields.map(([h, v]) => `${h.padEnd(width)}  ${v(d) ?? ""}`);
  const where = `${d.document}${d.page !== null ? `, page ${d.page}` : d.line !== null ? `, line ${d.line}` : ""}`;
  lines.push("", d.context.text ? `text around it (${where}):` : `text around it: ${d.context.note}`);
  if (d.context.text) lines.push(d.context.text);
  if (d.context.column) lines.push(`the ${kind} is in the column headed "${d.context.column}"`);
  return lines.join("\n") + "\n";
}
