import type { Command } from "commander";
import { showScore, type ScoreDetail } from "../query/show.js";
import { render, renderJson, type Format } from "../format/output.js";
import { parseFormat, parseId, withStore, writeData } from "./context.js";

export function registerShow(program: Command): void {
  const show = program.command("show").description("one fact with its document, page and the text around it");
  show
    .command("score <id>")
    .description("a score by id (ids are in history, compare and export output)")
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (id: string, opts: { format: Format }) => {
      const { db } = program.opts<{ db: string }>();
      const scoreId = parseId("score", id);
      const detail = await withStore(db, (store) => showScore(store, scoreId));
      if (opts.format === "json") {
        writeData(renderJson(detail));
        return;
      }
      if (opts.format === "csv") {
        writeData(render("csv", [detail], FIELDS.map(([header, value]) => ({ header, value }))));
        return;
      }
      writeData(describe(detail));
    });
}

const FIELDS: [string, (d: ScoreDetail) => unknown][] = [
  ["score_id", (d) => d.score_id],
  ["document", (d) => d.document],
  ["page", (d) => d.page],
  ["line", (d) => d.line],
  ["area", (d) => d.area],
  ["area_number", (d) => d.area_number],
  ["canonical_area", (d) => d.canonical_area],
  ["link", (d) => (d.link ? `${d.link.method} ${d.link.confidence}` : null)],
  ["period", (d) => d.period.label],
  ["start", (d) => d.period.start],
  ["end", (d) => d.period.end],
  ["value", (d) => d.value],
  ["value_max", (d) => d.value_max],
  ["raw", (d) => d.raw],
  ["origin", (d) => d.origin],
  ["context", (d) => d.context.text ?? d.context.note],
];

/** For people: one field a line, then the source text around the score. */
function describe(d: ScoreDetail): string {
  const width = Math.max(...FIELDS.map(([h]) => h.length));
  const lines = FIELDS.filter(([h]) => h !== "context").map(([h, v]) => `${h.padEnd(width)}  ${v(d) ?? ""}`);
  lines.push("", d.context.text ? `text around it (${d.document}${d.page !== null ? `, page ${d.page}` : ""}):` : `text around it: ${d.context.note}`);
  if (d.context.text) lines.push(d.context.text);
  return lines.join("\n") + "\n";
}
