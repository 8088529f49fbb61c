/**
 * One score with everything needed to check it by eye: its document, page (or lines), area,
 * canonical link, period, and the text around it — from the document's passages stored at
 * ingest, so it works wherever the source file has gone (and never parses a file).
 */
import type { PassageRow } from "../store/schema.js";
import type { Store } from "../store/open.js";

export interface ScoreDetail {
  score_id: number;
  document: string;
  document_path: string | null;
  format: string;
  page: number | null;
  line: number | null;
  bbox: [number, number, number, number] | null;
  area: string;
  area_number: number | null;
  area_description: string | null;
  canonical_area: string | null;
  link: { method: string; confidence: number; note: string | null } | null;
  period: { label: string; start: string; end: string };
  value: number | null;
  value_max: number | null;
  raw: string;
  origin: string;
  context: FactContext;
}

/**
 * The text around a fact, from the document's stored passages, and — for a fact in a table
 * cell — the header of its column (the period a score was given for, as the table prints it).
 */
export interface FactContext {
  source: "passages" | "none";
  text: string | null;
  note: string | null;
  /** The table's header text over the fact's cell; null outside tables or when the cell is not known. */
  column: string | null;
}

export class NotFoundError extends Error {}

type Box = [number, number, number, number];

/** What locates a fact among its document's passages. */
export interface FactLocation {
  page: number | null;
  bbox: Box | null;
  lines: [number, number] | null;
  areaId: number | null;
  area: string | null;
  /** The fact as printed: a score's raw text, an indicator's, action's or gap's sentence. */
  raw: string;
  /** The period the fact is for, as printed: picks the cell when a row prints the raw text twice. */
  period?: string | null;
}

export type ContextPassage = Pick<PassageRow, "ordinal" | "kind" | "row" | "col" | "text" | "area_id" | "page" | "x0" | "y0" | "x1" | "y1" | "line_start" | "line_end">;

export async function showScore(db: Store, id: number): Promise<ScoreDetail> {
  const r = await db
    .selectFrom("scores as s")
    .innerJoin("documents as d", "d.id", "s.document_id")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("periods as p", "p.id", "s.period_id")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "s.document_id").onRef("dp.period_id", "=", "s.period_id"))
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select([
      "s.id", "s.document_id", "s.area_id", "s.value", "s.value_max", "s.raw", "s.origin", "s.page", "s.line_start", "s.line_end", "s.x0", "s.y0", "s.x1", "s.y1",
      "d.source", "d.path", "d.format", "a.label as area", "a.number as area_number", "a.description as area_description",
      "c.label as canonical_area", "l.method", "l.confidence", "l.note", "dp.label as own_label", "p.label as shared_label",
      "p.start_month", "p.end_month",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError(`no score with id ${id} (ids are in \`scorebook history\` and \`export\`)`);
  const period = r.own_label ?? r.shared_label;
  const { context, ...where } = await placeOf(db, r, r.raw, "score", period);
  return {
    score_id: r.id,
    ...where,
    area: r.area,
    area_description: r.area_description,
    link: r.method === null ? null : { method: r.method, confidence: r.confidence ?? 0, note: r.note },
    period: { label: period, start: r.start_month, end: r.end_month },
    value: r.value,
    value_max: r.value_max,
    raw: r.raw,
    origin: r.origin,
    context,
  };
}

export async function contextOf(db: Store, documentId: number, fact: FactLocation, what = "score"): Promise<FactContext> {
  const passages = await passagesNear(db, documentId, fact.page);
  if (passages.length === 0 && !(await hasPassages(db, documentId))) {
    return { source: "none", text: null, note: "no passages stored for this document (ingested before passages were kept; `ingest --force` adds them)", column: null };
  }
  const placed = placeAmongPassages(passages, fact);
  return placed
    ? { source: "passages", text: placed.text, note: null, column: placed.column }
    : { source: "none", text: null, note: `could not place the ${what} among the document's stored passages`, column: null };
}

/** The passages of the fact's page (all of them for text, whose places have no page), in reading order. */
async function passagesNear(db: Store, documentId: number, page: number | null): Promise<ContextPassage[]> {
  let q = db
    .selectFrom("passages")
    .select(["ordinal", "kind", "row", "col", "text", "area_id", "page", "x0", "y0", "x1", "y1", "line_start", "line_end"])
    .where("document_id", "=", documentId);
  if (page !== null) q = q.where("page", "=", page);
  return q.orderBy("ordinal").execute();
}

async function hasPassages(db: Store, documentId: number): Promise<boolean> {
  return (await db.selectFrom("passages").select("id").where("document_id", "=", documentId).limit(1).executeTakeFirst()) !== undefined;
}

/** Display lines shown on each side of the score. */
const CONTEXT_LINES = 2;
/** At most this many lines are marked as the score's (a section score may sit in a long paragraph). */
const MAX_HIT_LINES = 4;
/** PDF: a passage this close (points) above or below the score still counts as beside it. */
const NEAR_Y = 24;
/** Text: a passage this many source lines away still counts as beside the score. */
const NEAR_LINES = 3;
const MAX_WIDTH = 200;
/** Each cell of a wide row is cut to this, so the score's cell (often the last) stays in view. */
const MAX_CELL_WIDTH = 60;

/**
 * One line as a person reads it: a paragraph/list/heading passage, or a whole table row
 * (its cells' passages, left to right, " | " between cells) — a score is read with its row.
 */
export interface DisplayLine {
  text: string;
  /** The row's cell texts (one entry for a non-table line). */
  cells: string[];
  /** Table row index, null outside tables. */
  row: number | null;
  members: ContextPassage[];
}

/** Passages in reading order → display lines: consecutive passages of one table row are joined. */
export function displayLines(passages: readonly ContextPassage[]): DisplayLine[] {
  const out: DisplayLine[] = [];
  let current: ContextPassage[] = [];
  const flush = () => {
    if (current.length) out.push(lineOf(current));
    current = [];
  };
  for (const p of passages) {
    const prev = current.at(-1);
    const sameRow = prev !== undefined && p.kind === "table" && prev.kind === "table" && p.row === prev.row && p.ordinal === prev.ordinal + 1;
    if (!sameRow) flush();
    current.push(p);
  }
  flush();
  return out;
}

function lineOf(members: ContextPassage[]): DisplayLine {
  const first = members[0]!;
  if (first.kind !== "table") return { text: first.text, cells: [first.text], row: null, members };
  // Lines of one cell are joined with a space, cells with " | ".
  const cells: string[] = [];
  let col: number | null = null;
  for (const m of members) {
    if (m.col === col && cells.length) cells[cells.length - 1] += ` ${m.text}`;
    else cells.push(m.text);
    col = m.col;
  }
  return { text: cells.join(" | "), cells, row: first.row, members };
}

function boxOf(p: ContextPassage): Box | null {
  return p.x0 !== null && p.y0 !== null && p.x1 !== null && p.y1 !== null ? [p.x0, p.y0, p.x1, p.y1] : null;
}

/** Boxes that share some area (touching edges do not: neighbouring cells touch). */
function overlaps(a: Box, b: Box): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/** Vertical gap between two boxes (0 when their y ranges overlap). */
function yDistance(a: Box, b: Box): number {
  return Math.max(0, a[1] - b[3], b[1] - a[3]);
}

/** Source-line gap between two line ranges (0 when they overlap). */
function lineDistance(a: [number, number], b: [number, number]): number {
  return Math.max(0, a[0] - b[1], b[0] - a[1]);
}

/** Indices of the lines whose closest member is at distance ≤ limit, nearest first kept when several tie at the minimum. */
function nearestWithin(lines: readonly DisplayLine[], distance: (p: ContextPassage) => number | null, limit: number): number[] {
  const d = lines.map((l) => Math.min(...l.members.map((m) => distance(m) ?? Infinity)));
  const best = Math.min(...d);
  if (!(best <= limit)) return [];
  return d.flatMap((x, i) => (x === best ? [i] : []));
}

/**
 * Which display lines hold the fact: by bounding box (PDF; else the lines nearest in y on the
 * same page), by source lines (text; else the nearest lines), else by text — the table row
 * that prints the score in the fact's area, or the first line naming the area (DOCX, whose
 * places carry neither).
 */
export function hitLines(lines: readonly DisplayLine[], fact: FactLocation): number[] {
  if (fact.bbox) {
    const box = fact.bbox;
    const byBox = lines.flatMap((l, i) => (l.members.some((m) => { const b = boxOf(m); return b !== null && overlaps(b, box); }) ? [i] : []));
    if (byBox.length) return byBox;
    const near = nearestWithin(lines, (m) => { const b = boxOf(m); return b && yDistance(b, box); }, NEAR_Y);
    if (near.length) return near;
  }
  if (fact.lines) {
    const range = fact.lines;
    const near = nearestWithin(lines, (m) => (m.line_start === null ? null : lineDistance([m.line_start, m.line_end ?? m.line_start], range)), NEAR_LINES);
    if (near.length) return near;
  }
  return byText(lines, fact);
}

function byText(lines: readonly DisplayLine[], fact: FactLocation): number[] {
  const areaHead = fact.area?.toLowerCase().slice(0, 24) ?? null;
  const raw = fact.raw.trim();
  const names = (l: DisplayLine) => l.members.some((m) => (fact.areaId !== null && m.area_id === fact.areaId) || (areaHead !== null && m.text.toLowerCase().includes(areaHead)));
  const row = lines.findIndex((l) => l.row !== null && names(l) && l.members.some((m) => m.text.trim() === raw));
  if (row >= 0) return [row];
  // A sentence (indicator, action, gap): the first line that prints its beginning.
  const head = squash(raw).slice(0, 40);
  if (head.length >= 12) {
    const printed = lines.findIndex((l) => squash(l.text).includes(head));
    if (printed >= 0) return [printed];
  }
  if (areaHead === null) return [];
  const named = lines.findIndex((l) => l.text.toLowerCase().includes(areaHead));
  return named >= 0 ? [named] : [];
}

function squash(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** The first row of the table a line belongs to (rows count up from it in reading order). */
function tableStart(lines: readonly DisplayLine[], i: number): number {
  let s = i;
  while (s > 0 && lines[s]!.row !== null && lines[s - 1]!.row !== null && lines[s - 1]!.row! < lines[s]!.row!) s--;
  return s;
}

/**
 * The text around a fact: a few display lines either side of the ones holding it (marked
 * "> "), with the table's header row first when the fact sits further down a table. Null when
 * nothing places it.
 */
export function passageContext(passages: readonly ContextPassage[], fact: FactLocation): string | null {
  return placeAmongPassages(passages, fact)?.text ?? null;
}

/** The text around a fact (see passageContext) and its cell's column header, or null when nothing places it. */
export function placeAmongPassages(passages: readonly ContextPassage[], fact: FactLocation): { text: string; column: string | null } | null {
  const lines = displayLines(passages);
  const all = hitLines(lines, fact);
  const first = all[0];
  if (first === undefined) return null;
  // Keep the context about the first place that holds the fact, not every line that mentions it.
  const hits = all.filter((i) => i < first + MAX_HIT_LINES);
  const last = hits.at(-1)!;
  const from = Math.max(0, first - CONTEXT_LINES);
  const to = Math.min(lines.length - 1, last + CONTEXT_LINES);
  const out: string[] = [];
  const header = lines[first]!.row !== null ? tableStart(lines, first) : from;
  if (header < from) out.push(`  ${shown(lines[header]!)}`, "  …");
  for (let i = from; i <= to; i++) out.push(`${hits.includes(i) ? ">" : " "} ${shown(lines[i]!)}`);
  const hit = lines[first]!;
  const column = hit.row !== null ? columnHeader(lines.slice(tableStart(lines, first), first), hit, fact) : null;
  return { text: out.join("\n"), column };
}

/**
 * The header over the fact's cell: the topmost row above it in the table with text in the
 * same column (a title row spanning the table has none there). The cell is the one whose box
 * overlaps the fact's (PDF), else the only cell printing the fact's text, else, among the
 * cells printing it, the one under the fact's period (a row "4 | 4 | 5 | 5").
 */
export function columnHeader(above: readonly DisplayLine[], row: DisplayLine, fact: FactLocation): string | null {
  // A header row labels (nearly) every column of the row: all but the stub's, at least. A
  // title cell spanning the table above it does not, and is passed over when such a row exists.
  const columnsOf = (l: DisplayLine) => new Set(l.members.map((m) => m.col)).size;
  const full = above.filter((l) => columnsOf(l) >= columnsOf(row) - 1);
  const headerOf = (col: number | null) => {
    if (col === null) return null;
    for (const line of [...full, ...above]) {
      const text = line.members.filter((m) => m.col === col).map((m) => m.text).join(" ").replace(/\s+/g, " ").trim();
      if (text) return text;
    }
    return null;
  };
  if (fact.bbox) {
    const box = fact.bbox;
    const cell = row.members.find((m) => { const b = boxOf(m); return b !== null && overlaps(b, box); });
    if (cell) return headerOf(cell.col);
  }
  const raw = squash(fact.raw);
  const cellText = new Map<number | null, string>();
  for (const m of row.members) cellText.set(m.col, `${cellText.get(m.col) ?? ""} ${m.text}`);
  const cells = [...cellText].map(([col, text]) => [col, squash(text)] as const);
  let cols = cells.filter(([, text]) => text === raw).map(([col]) => col);
  // A sentence (indicator, action, gap) is often one part of a longer cell.
  const head = raw.slice(0, 40);
  if (cols.length === 0 && head.length >= 12) cols = cells.filter(([, text]) => text.includes(head)).map(([col]) => col);
  if (cols.length === 1) return headerOf(cols[0]!);
  const period = fact.period ? squash(fact.period).replace(/\s*-\s*/g, "-") : null;
  if (period) {
    const under = cols.filter((c) => squash(headerOf(c) ?? "").replace(/\s*-\s*/g, "-") === period);
    if (under.length === 1) return headerOf(under[0]!);
  }
  return null;
}

function shown(line: DisplayLine): string {
  return line.row === null ? clip(line.text, MAX_WIDTH) : line.cells.map((c) => clip(c, MAX_CELL_WIDTH)).join(" | ");
}

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

/** What every fact shows besides its own fields: where it is printed and what area it belongs to. */
export interface FactPlace {
  document: string;
  document_path: string | null;
  format: string;
  page: number | null;
  line: number | null;
  bbox: Box | null;
  area: string | null;
  area_number: number | null;
  canonical_area: string | null;
  context: FactContext;
}

export interface IndicatorDetail extends FactPlace {
  indicator_id: number;
  value: number;
  unit: string;
  previous: number | null;
  text: string;
  period: { label: string; start: string; end: string } | null;
}

export interface ActionDetail extends FactPlace {
  action_id: number;
  text: string;
  kind: string;
  status: string | null;
  rag: string | null;
  due: string | null;
}

export interface GapDetail extends FactPlace {
  gap_id: number;
  marker: string;
  text: string;
  kind: string;
  status: string;
  period: { label: string; start: string; end: string } | null;
  resolved_by: string | null;
  resolved_page: number | null;
  resolved_text: string | null;
  confidence: number | null;
  note: string | null;
}

export type FactKind = "score" | "indicator" | "action" | "gap";
export const FACT_KINDS: readonly FactKind[] = ["score", "indicator", "action", "gap"];

export function isFactKind(value: string): value is FactKind {
  return (FACT_KINDS as readonly string[]).includes(value);
}

/** The columns every fact table shares (document, area, place). */
interface PlaceRow {
  document_id: number;
  area_id: number | null;
  page: number | null;
  line_start: number | null;
  line_end: number | null;
  x0: number | null;
  y0: number | null;
  x1: number | null;
  y1: number | null;
  source: string;
  path: string | null;
  format: string;
  area: string | null;
  area_number: number | null;
  canonical_area: string | null;
}

/** Document, area and canonical area of one fact row in `table`, read by id. */
function placeQuery(db: Store, table: "indicators" | "actions" | "gaps", id: number) {
  return db
    .selectFrom(`${table} as f` as "indicators as f")
    .innerJoin("documents as d", "d.id", "f.document_id")
    .leftJoin("areas as a", "a.id", "f.area_id")
    .leftJoin("area_links as l", "l.area_id", "f.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select([
      "f.document_id", "f.area_id", "f.page", "f.line_start", "f.line_end", "f.x0", "f.y0", "f.x1", "f.y1",
      "d.source", "d.path", "d.format", "a.label as area", "a.number as area_number", "c.label as canonical_area",
    ])
    .where("f.id", "=", id);
}

async function periodOf(db: Store, documentId: number, periodId: number | null): Promise<{ label: string; start: string; end: string } | null> {
  if (periodId === null) return null;
  const p = await db
    .selectFrom("periods as p")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.period_id", "=", "p.id").on("dp.document_id", "=", documentId))
    .select(["p.label", "dp.label as own_label", "p.start_month", "p.end_month"])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
  return p ? { label: p.own_label ?? p.label, start: p.start_month, end: p.end_month } : null;
}

async function placeOf(db: Store, r: PlaceRow, printed: string, what: FactKind, period: string | null): Promise<FactPlace> {
  const bbox = r.x0 !== null && r.y0 !== null && r.x1 !== null && r.y1 !== null ? ([r.x0, r.y0, r.x1, r.y1] as Box) : null;
  const lines: [number, number] | null = r.line_start !== null ? [r.line_start, r.line_end ?? r.line_start] : null;
  const fact: FactLocation = { page: r.page, bbox, lines, areaId: r.area_id, area: r.area, raw: printed, period };
  return {
    document: r.source,
    document_path: r.path,
    format: r.format,
    page: r.page,
    line: r.line_start,
    bbox,
    area: r.area,
    area_number: r.area_number,
    canonical_area: r.canonical_area,
    context: await contextOf(db, r.document_id, fact, what),
  };
}

const notFound = (what: FactKind, id: number, where: string) => new NotFoundError(`no ${what} with id ${id} (ids are in \`scorebook ${where}\`)`);

export async function showIndicator(db: Store, id: number): Promise<IndicatorDetail> {
  const r = await placeQuery(db, "indicators", id)
    .innerJoin("indicators as i", "i.id", "f.id")
    .select(["i.value", "i.unit", "i.previous", "i.text", "i.period_id"])
    .executeTakeFirst();
  if (!r) throw notFound("indicator", id, "indicators");
  const period = await periodOf(db, r.document_id, r.period_id);
  return { indicator_id: id, value: r.value, unit: r.unit, previous: r.previous, text: r.text, period, ...(await placeOf(db, r, r.text, "indicator", period?.label ?? null)) };
}

export async function showAction(db: Store, id: number): Promise<ActionDetail> {
  const r = await placeQuery(db, "actions", id)
    .innerJoin("actions as x", "x.id", "f.id")
    .select(["x.text", "x.kind", "x.status", "x.rag", "x.due"])
    .executeTakeFirst();
  if (!r) throw notFound("action", id, "actions");
  return { action_id: id, text: r.text, kind: r.kind, status: r.status, rag: r.rag, due: r.due, ...(await placeOf(db, r, r.text, "action", null)) };
}

export async function showGap(db: Store, id: number): Promise<GapDetail> {
  const r = await placeQuery(db, "gaps", id)
    .innerJoin("gaps as g", "g.id", "f.id")
    .leftJoin("documents as rd", "rd.id", "g.resolved_by_document_id")
    .select(["g.marker", "g.text", "g.kind", "g.status", "g.period_id", "rd.source as resolved_by", "g.resolved_page", "g.resolved_text", "g.confidence", "g.note"])
    .executeTakeFirst();
  if (!r) throw notFound("gap", id, "gaps");
  const period = await periodOf(db, r.document_id, r.period_id);
  return {
    gap_id: id,
    marker: r.marker,
    text: r.text,
    kind: r.kind,
    status: r.status,
    period,
    resolved_by: r.resolved_by,
    resolved_page: r.resolved_page,
    resolved_text: r.resolved_text,
    confidence: r.confidence,
    note: r.note,
    ...(await placeOf(db, r, r.text, "gap", period?.label ?? null)),
  };
}

/** One field of a fact as `show` prints it: its name and how to read it from the detail. */
export type FactField<D> = [string, (d: D) => unknown];

/** How to show one kind of fact: its loader and its fields in the order a person reads them. */
export interface FactShow<D extends FactPlace> {
  load: (db: Store, id: number) => Promise<D>;
  fields: FactField<D>[];
}

const placeFields = <D extends FactPlace>(): FactField<D>[] => [
  ["document", (d) => d.document],
  ["page", (d) => d.page],
  ["line", (d) => d.line],
  ["area", (d) => d.area],
  ["canonical_area", (d) => d.canonical_area],
];

const periodText = (p: { label: string; start: string; end: string } | null) => (p ? `${p.label} (${p.start}..${p.end})` : null);

/** `scorebook show <kind>` and the web app's /facts/<kind>/<id>: one loader and one field list per kind. */
export const FACT_SHOWS = {
  score: {
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
  } satisfies FactShow<ScoreDetail>,
  indicator: {
    load: showIndicator,
    fields: [
      ["indicator_id", (d) => d.indicator_id],
      ["value", (d) => d.value],
      ["unit", (d) => d.unit],
      ["previous", (d) => d.previous],
      ["text", (d) => d.text],
      ["period", (d) => periodText(d.period)],
      ...placeFields<IndicatorDetail>(),
    ],
  } satisfies FactShow<IndicatorDetail>,
  action: {
    load: showAction,
    fields: [
      ["action_id", (d) => d.action_id],
      ["kind", (d) => d.kind],
      ["text", (d) => d.text],
      ["status", (d) => d.status],
      ["rag", (d) => d.rag],
      ["due", (d) => d.due],
      ...placeFields<ActionDetail>(),
    ],
  } satisfies FactShow<ActionDetail>,
  gap: {
    load: showGap,
    fields: [
      ["gap_id", (d) => d.gap_id],
      ["status", (d) => d.status],
      ["kind", (d) => d.kind],
      ["marker", (d) => d.marker],
      ["text", (d) => d.text],
      ["period", (d) => periodText(d.period)],
      ["resolved_by", (d) => (d.resolved_by ? `${d.resolved_by}${d.resolved_page !== null ? ` p.${d.resolved_page}` : ""}` : null)],
      ["resolved_text", (d) => d.resolved_text],
      ["confidence", (d) => d.confidence],
      ["note", (d) => d.note],
      ...placeFields<GapDetail>(),
    ],
  } satisfies FactShow<GapDetail>,
} as const;

/** A fact as `show` gives it, with its fields read out (name, value) in `show`'s order. */
export interface ShownFact {
  kind: FactKind;
  id: number;
  detail: FactPlace;
  fields: [string, unknown][];
}

export async function showFact(db: Store, kind: FactKind, id: number): Promise<ShownFact> {
  const spec = FACT_SHOWS[kind] as unknown as FactShow<FactPlace>;
  const detail = await spec.load(db, id);
  return { kind, id, detail, fields: spec.fields.map(([name, value]) => [name, value(detail)]) };
}

const FACT_TABLES = { score: "scores", indicator: "indicators", action: "actions", gap: "gaps" } as const;

/** The ids a web page links a fact by (not part of `show`'s output): its document's id and its canonical area's key. */
export async function factKeys(db: Store, kind: FactKind, id: number): Promise<{ document_id: number; canonical_key: string | null }> {
  const r = await db
    .selectFrom(`${FACT_TABLES[kind]} as f` as "gaps as f")
    .leftJoin("area_links as l", "l.area_id", "f.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["f.document_id", "c.key as canonical_key"])
    .where("f.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError(`no ${kind} with id ${id}`);
  return r;
}
