/**
 * `scorebook gaps`: list "figures awaited" gaps with their status; `--check` first runs the
 * flag-gaps job; `--fail-on-open` makes the exit code say whether any listed gap is still
 * open (for schedulers). `gaps resolve|reopen ID --note` record a person's decision;
 * `gaps history ID` shows every decision about one gap.
 */
import { InvalidArgumentError, type Command } from "commander";
import { flagGaps, summaryLine } from "../../pipelines/flag-gaps.js";
import { documentColumn, placeColumns } from "../format/columns.js";
import { render, type Column, type Format } from "../format/output.js";
import { gapHistory, reopenManually, resolveManually, type GapEvent } from "../gaps/ledger.js";
import { CONFIDENCE_THRESHOLD } from "../gaps/match.js";
import { listGaps, type GapRecord } from "../query/gaps.js";
import { EXIT, log, osUser, parseFormat, parseMonth, withStore, writeData } from "./context.js";

interface GapsOptions {
  open?: boolean;
  check?: boolean;
  failOnOpen?: boolean;
  since?: string;
  area?: string;
  sourceArea?: string;
  document?: string;
  authority?: string;
  threshold?: number;
  format: Format;
}

export function registerGaps(program: Command): void {
  const gaps = program
    .command("gaps")
    .description("figures-awaited gaps with their status, evidence and aging (periods open)")
    .option("--open", "only gaps still open")
    .option("--check", "first run the flag-gaps job: resolve gaps that later reports fill")
    .option("--fail-on-open", "exit 1 when any listed gap is open (0 otherwise, 2 on error)")
    .option("--since <YYYY-MM>", "only gaps whose period ends in or after this month", parseMonth)
    .option("--area <name>", "a canonical area: name, key or alias, any case; a unique prefix or whole words will do (its figures are those of the unfiltered output)")
    .option("--source-area <text>", "only gaps whose area as printed contains this")
    .option("--document <name>", "only this document: a path, file name or stem (a stem selects every rendering)")
    .option("--authority <name>", "only gaps of this council's reports ('none' for reports that state none); default: all, grouped by authority")
    .option("--threshold <confidence>", `confidence needed to resolve automatically (default ${CONFIDENCE_THRESHOLD})`, parseThreshold)
    .option("--format <format>", "table, json or csv", parseFormat, "table" as Format)
    .action(async (opts: GapsOptions) => {
      const { db } = program.opts<{ db: string }>();
      const rows = await withStore(db, async (store) => {
        if (opts.check) log(summaryLine(await flagGaps(store, { threshold: opts.threshold })));
        return listGaps(store, { open: opts.open, since: opts.since, area: opts.area, sourceArea: opts.sourceArea, document: opts.document, authority: opts.authority });
      }, { writes: opts.check ? "gaps --check" : undefined });
      writeData(render(opts.format, rows, GAP_COLUMNS(opts.format)));
      if (opts.failOnOpen) process.exitCode = rows.some((r) => r.status === "open") ? EXIT.failed : EXIT.ok;
    });

  gaps
    .command("resolve")
    .description("record that a gap is filled (automatic runs will not change it)")
    .argument("<id>", "gap id (see `scorebook gaps`)", parseId)
    .requiredOption("--note <text>", "why: what fills it, where")
    .action(async (id: number, opts: { note: string }) => {
      const { db } = program.opts<{ db: string }>();
      const ids = await withStore(db, (store) => resolveManually(store, id, opts.note, { actor: osUser() }), { writes: "gaps resolve" });
      log(`gap ${id}: resolved (manual)${copiesNote(ids)}`);
    });

  gaps
    .command("reopen")
    .description("record that a gap is not filled (only reports ingested later may resolve it again)")
    .argument("<id>", "gap id", parseId)
    .requiredOption("--note <text>", "why it is still open")
    .action(async (id: number, opts: { note: string }) => {
      const { db } = program.opts<{ db: string }>();
      const ids = await withStore(db, (store) => reopenManually(store, id, opts.note, { actor: osUser() }), { writes: "gaps reopen" });
      log(`gap ${id}: open (manual)${copiesNote(ids)}`);
    });

  gaps
    .command("history")
    .description("every status decision about one gap: who or what, when, evidence")
    .argument("<id>", "gap id", parseId)
    .action(async (id: number) => {
      const { db } = program.opts<{ db: string }>();
      const format = gaps.opts<GapsOptions>().format;
      const events = await withStore(db, (store) => gapHistory(store, id));
      writeData(render(format, events, EVENT_COLUMNS));
    });
}

/** Table output keeps what people scan; csv carries every field of the json record. */
function GAP_COLUMNS(format: Format): Column<GapRecord>[] {
  if (format === "table") {
    return [
      { header: "id", value: (r) => r.id },
      { header: "status", value: (r) => r.status },
      { header: "aging", value: (r) => r.aging },
      { header: "awaited", value: (r) => awaitedText(r), maxWidth: 80, minWidth: 30 },
      { header: "marker", value: (r) => r.marker, maxWidth: 32, minWidth: 14 },
      { header: "authority", value: (r) => r.authority ?? "(not stated)", maxWidth: 24 },
      { header: "area", value: (r) => r.canonical_area ?? r.area, maxWidth: 24 },
      { header: "period", value: (r) => r.period?.label },
      documentColumn(),
      ...placeColumns<GapRecord>(),
      { header: "resolved_by", value: (r) => (r.resolved_by ? `${r.resolved_by}${r.resolved_page ? ` p.${r.resolved_page}` : ""}` : null) },
      { header: "confidence", value: (r) => r.confidence },
      { header: "note", value: (r) => r.note, maxWidth: 60 },
    ];
  }
  return [
    { header: "id", value: (r) => r.id },
    { header: "document", value: (r) => r.document },
    { header: "page", value: (r) => r.page },
    { header: "line", value: (r) => r.line },
    { header: "area", value: (r) => r.area },
    { header: "canonical_area", value: (r) => r.canonical_area },
    { header: "period", value: (r) => r.period?.label },
    { header: "period_start", value: (r) => r.period?.start },
    { header: "period_end", value: (r) => r.period?.end },
    { header: "marker", value: (r) => r.marker },
    { header: "text", value: (r) => r.text },
    { header: "kind", value: (r) => r.kind },
    { header: "status", value: (r) => r.status },
    { header: "resolved_by", value: (r) => r.resolved_by },
    { header: "resolved_page", value: (r) => r.resolved_page },
    { header: "resolved_text", value: (r) => r.resolved_text },
    { header: "confidence", value: (r) => r.confidence },
    { header: "note", value: (r) => r.note },
    { header: "aging", value: (r) => r.aging },
    { header: "decided_by", value: (r) => r.decided_by },
    { header: "decided_at", value: (r) => r.decided_at },
    { header: "authority", value: (r) => r.authority },
  ];
}

/**
 * What the gap waits for, as the report words it: its sentence without the marker (shown in
 * its own column), so a shortened cell keeps the subject ("Combined adult at risk … training
 * … in Dec 17") rather than losing it to the marker at the end.
 */
export function awaitedText(gap: Pick<GapRecord, "text" | "marker">): string {
  const at = gap.text.indexOf(gap.marker);
  if (at < 0 || gap.text.trim() === gap.marker.trim()) return gap.text;
  const rest = (gap.text.slice(0, at) + " … " + gap.text.slice(at + gap.marker.length)).replace(/\s+/g, " ").trim();
  return rest.replace(/(^…\s*|\s*…$)/g, "").replace(/[\s–—-]+$/, "").trim() || gap.text;
}

const EVENT_COLUMNS: Column<GapEvent>[] = [
  { header: "at", value: (e) => e.at },
  { header: "status", value: (e) => e.status },
  { header: "decided_by", value: (e) => e.decided_by },
  { header: "note", value: (e) => e.note, maxWidth: 60 },
  { header: "evidence", value: (e) => e.evidence, maxWidth: 80 },
];

/** The copies a decision also went to (the same gap in the report's other renderings). */
function copiesNote(ids: number[]): string {
  return ids.length > 1 ? `, with its copies in the report's other renderings (gap ${ids.slice(1).join(", ")})` : "";
}

function parseId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a gap id (a positive whole number)");
  return n;
}

function parseThreshold(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new InvalidArgumentError("expected a confidence in (0, 1]");
  return n;
}
