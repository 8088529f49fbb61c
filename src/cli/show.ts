/**
 * `scorebook show score|indicator|action|gap ID`: one fact, where it is printed, and the
 * text around it (with the column header over its cell, so the period of a number is plain).
 * The data comes from src/query/show.ts, which the web app's fact pages reuse.
 */
import type { Command } from "commander";
import { showAction, showGap, showIndicator, showScore, type FactKind, type FactPlace } from "../query/show.js";
import { render, renderJson, type Format } from "../format/output.js";
import { parseFormat, parseId, withStore, writeData } from "./context.js";
import type { Store } from "../store/open.js";

type Field<D> = [string, (d: D) => unknown];

interface Kind<D extends FactPlace> {
  kind: FactKind;
  description: string;
  load: (db: Store, id: number) => Promise<D>;
  fields: Field<D>[];
}

const place = <D extends FactPlace>(): Field<D>[] => [
  ["document", (d) => d.document],
  ["page", (d) => d.page],
  ["line", (d) => d.line],
  ["area", (d) => d.area],
  ["canonical_area", (d) => d.canonical_area],
];

const period = (p: { label: string; start: string; end: string } | null) => (p ? `${p.label} (${p.start}..${p.end})` : null);

const KINDS = [
  {
    kind: "score",
    description: "a score by id (ids: history --detail, compare, export)",
    load: showScore,
    fields: [
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
    ],
  } satisfies Kind<Awaited<ReturnType<typeof showScore>>>,
  {
    kind: "indicator",
    description: "a percentage or count by id (ids: indicators)",
    load: showIndicator,
    fields: [
      ["indicator_id", (d) => d.indicator_id],
      ["value", (d) => d.value],
      ["unit", (d) => d.unit],
      ["previous", (d) => d.previous],
      ["text", (d) => d.text],
      ["period", (d) => period(d.period)],
      ...place(),
    ],
  } satisfies Kind<Awaited<ReturnType<typeof showIndicator>>>,
  {
    kind: "action",
    description: "an action by id (ids: actions)",
    load: showAction,
    fields: [
      ["action_id", (d) => d.action_id],
      ["kind", (d) => d.kind],
      ["text", (d) => d.text],
      ["status", (d) => d.status],
      ["rag", (d) => d.rag],
      ["due", (d) => d.due],
      ...place(),
    ],
  } satisfies Kind<Awaited<ReturnType<typeof showAction>>>,
  {
    kind: "gap",
    description: "a figures-awaited gap by id (ids: gaps)",
    load: showGap,
    fields: [
      ["gap_id", (d) => d.gap_id],
      ["status", (d) => d.status],
      ["kind", (d) => d.kind],
      ["marker", (d) => d.marker],
      ["text", (d) => d.text],
      ["period", (d) => period(d.period)],
      ["resolved_by", (d) => (d.resolved_by ? `${d.resolved_by}${d.resolved_page !== null ? ` p.${d.resolved_page}` : ""}` : null)],
      ["resolved_text", (d) => d.resolved_text],
      ["confidence", (d) => d.confidence],
      ["note", (d) => d.note],
      ...place(),
    ],
  } satisfies Kind<Awaited<ReturnType<typeof showGap>>>,
] as const;

export function registerShow(program: Command): void {
  const show = program.command("show").description("one fact (score, indicator, action or gap) with its document, page or line, and the text around it");
  for (const spec of KINDS as readonly Kind<FactPlace>[]) {
    show
      .command(`${spec.kind} <id>`)
      .description(spec.description)
      .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
      .action(async (id: string, opts: { format: Format }) => {
        const { db } = program.opts<{ db: string }>();
        const factId = parseId(spec.kind, id);
        const detail = await withStore(db, (store) => spec.load(store, factId));
        writeData(renderDetail(spec, detail, opts.format));
      });
  }
}

function renderDetail<D extends FactPlace>(spec: Kind<D>, d: D, format: Format): string {
  if (format === "json") return renderJson(d);
  const fields: Field<D>[] = [...spec.fields, ["column", (x) => x.context.column], ["context", (x) => x.context.text ?? x.context.note]];
  if (format === "csv") return render("csv", [d], fields.map(([header, value]) => ({ header, value })));
  return describe(spec, d);
}

/** For people: one field a line, then the source text around the fact, under its column's header. */
function describe<D extends FactPlace>(spec: Kind<D>, d: D): string {
  const width = Math.max(...spec.fields.map(([h]) => h.length));
  const lines = spec.fields.map(([h, v]) => `${h.padEnd(width)}  ${v(d) ?? ""}`);
  const where = `${d.document}${d.page !== null ? `, page ${d.page}` : d.line !== null ? `, line ${d.line}` : ""}`;
  lines.push("", d.context.text ? `text around it (${where}):` : `text around it: ${d.context.note}`);
  if (d.context.text) lines.push(d.context.text);
  if (d.context.column) lines.push(`the ${spec.kind} is in the column headed "${d.context.column}"`);
  return lines.join("\n") + "\n";
}
