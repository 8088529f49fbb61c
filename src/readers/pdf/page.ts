/**
 * One page's raw material → its tables and its remaining text lines. Pure: takes what load.ts
 * fetched, returns geometry.
 */
import { drawnBullets } from "./bullets.js";
import { detectGutters, linesByColumns } from "./columns.js";
import { centreInside, type Box } from "./geometry.js";
import { columnInFrame, dominantDirection, mapBox, readingFrame, turnPage, type ReadingFrame } from "./orientation.js";
import { DEFAULT_TABLE_SETTINGS, type Flavor, type TableSettings } from "./settings.js";
import { latticeTable, rulingNetworks } from "./lattice.js";
import { groupLines, type TextLine } from "./lines.js";
import type { RawPage } from "./load.js";
import { extractGraphics, mergeRulings, type FilledRect, type OpCodes, type PageGraphics, type Ruling } from "./rulings.js";
import { buildStreamTable, splitAtColumns, streamTables } from "./stream.js";
import type { GridTable } from "./table-model.js";
import { detectHeaderRows } from "./headers.js";
import { dedupeFragments, fragmentsOfItem, type Fragment } from "./text-items.js";

export interface PageAnalysis {
  number: number;
  box: Box;
  tables: GridTable[];
  /** Text lines outside every table, top to bottom. */
  lines: TextLine[];
  fragmentCount: number;
  /** How the page was turned to read it (identity for upright pages). */
  frame: ReadingFrame;
}

export function pageFragments(raw: RawPage): Fragment[] {
  const isBold = (font: string) => raw.boldFonts.get(font) ?? false;
  const frags: Fragment[] = [];
  for (const it of raw.items) for (const f of fragmentsOfItem(it, raw.viewport, isBold)) frags.push(f);
  return dedupeFragments(frags);
}

/** A text line drawn with characters ("-----", "=====", "_____"), as typewritten tables rule. */
const TEXT_RULE = /^[-_=–—]{5,}$/;
/** What such a line can start with: only these texts need the full test. */
const RULE_START = /^[-_=–—\s]/;

/** Character rules → horizontal rulings; the rest stays text. */
export function textRules(frags: readonly Fragment[]): { text: Fragment[]; rulings: Ruling[] } {
  const text: Fragment[] = [];
  const rulings: Ruling[] = [];
  for (const f of frags) {
    if (!f.rotated && RULE_START.test(f.text) && TEXT_RULE.test(f.text.replace(/\s+/g, ""))) rulings.push({ orient: "h", pos: (f.y0 + f.y1) / 2, from: f.x0, to: f.x1, soft: false });
    else text.push(f);
  }
  return { text, rulings };
}

export function analysePage(raw: RawPage, ops: OpCodes, settings: TableSettings = DEFAULT_TABLE_SETTINGS): PageAnalysis {
  // Undo rotation before finding anything: every later stage sees upright text.
  const frame = readingFrame(dominantDirection(raw), raw.box);
  const page = turnPage(raw, frame);
  const graphics = extractGraphics(page.fnArray, page.argsArray, ops, page.viewport, page.box);
  return analyseContent({ number: raw.number, box: page.box, frame, fragments: pageFragments(page), graphics }, settings);
}

/** A page's positioned text and graphics in its reading frame, from the text layer or from OCR (readers/ocr/). */
export interface PageContent {
  number: number;
  box: Box;
  frame: ReadingFrame;
  fragments: Fragment[];
  graphics: PageGraphics;
}

/** Positioned text + rulings → tables and text lines: the one analysis every page goes through. */
export function analyseContent(content: PageContent, settings: TableSettings = DEFAULT_TABLE_SETTINGS): PageAnalysis {
  const { frame, graphics, number, box } = content;
  const typed = textRules(content.fragments);
  const rulings = mergeRulings([...graphics.rulings, ...typed.rulings]);
  const drawn = graphics.marks.length ? drawnBullets(graphics.marks, typed.text, rulings) : [];
  const frags = drawn.length ? [...typed.text, ...drawn] : typed.text;
  const columns = settings.columns?.map((v) => columnInFrame(frame.toReading, v)).sort((a, b) => a - b);
  if (settings.areas.length) {
    const areas = settings.areas.map(([x0, y0, x1, y1]) => mapBox(frame.toReading, { x0, y0, x1, y1 }));
    return hintedPage(number, box, frame, frags, rulings, graphics.fills, areas, settings.flavor, columns);
  }
  const tables: GridTable[] = [];
  if (settings.flavor !== "stream") {
    for (const net of rulingNetworks(rulings)) {
      const t = latticeTable(net, frags, graphics.fills, number);
      if (t && !tables.some((o) => centreInside(t.box, o.box))) tables.push(t);
    }
  }
  const outside = frags.filter((f) => !tables.some((t) => centreInside(f, t.box, 1)));
  const lines = textLines(outside);
  const used = new Set<TextLine>();
  if (settings.flavor !== "lattice") {
    const freeRulings = rulings.filter((r) => !tables.some((t) => r.pos >= t.box.y0 - 2 && r.pos <= t.box.y1 + 2 && r.from >= t.box.x0 - 2 && r.to <= t.box.x1 + 2));
    const stream = streamTables(lines, freeRulings, graphics.fills, number, columns);
    for (const l of stream.used) used.add(l);
    for (const t of stream.tables) pullCornerCaption(t, lines, used);
    tables.push(...stream.tables);
  }
  tables.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return {
    number,
    box,
    frame,
    tables,
    lines: lines.filter((l) => !used.has(l)),
    fragmentCount: frags.length,
  };
}

/** Fragments → lines, in page columns when the page has gutters. */
function textLines(frags: readonly Fragment[]): TextLine[] {
  const lines = groupLines(frags);
  const gutters = detectGutters(lines);
  // Without gutters linesByColumns would only group the same fragments into the same lines again.
  return gutters.length ? linesByColumns(frags, gutters) : lines;
}

/**
 * A page read with regions a person marked: each region is one table (its ruled grid when it
 * holds one and the flavor allows, else its text aligned into rows and columns); nothing else
 * on the page is looked at for tables.
 */
function hintedPage(
  number: number,
  box: Box,
  frame: ReadingFrame,
  frags: readonly Fragment[],
  rulings: readonly Ruling[],
  fills: readonly FilledRect[],
  areas: readonly Box[],
  flavor: Flavor,
  columns: number[] | undefined,
): PageAnalysis {
  const tables: GridTable[] = [];
  for (const area of areas) {
    const inside = frags.filter((f) => centreInside(f, area));
    const t = areaTable(area, inside, rulings, fills, number, flavor, columns);
    if (t) tables.push(t);
  }
  const outside = frags.filter((f) => !tables.some((t) => centreInside(f, t.box, 1)));
  return { number, box, frame, tables, lines: textLines(outside), fragmentCount: frags.length };
}

/** The one table of a marked region, or null when the region holds no text (or no grid, for lattice). */
export function areaTable(
  area: Box,
  frags: readonly Fragment[],
  rulings: readonly Ruling[],
  fills: readonly FilledRect[],
  page: number,
  flavor: Flavor,
  columns: number[] | undefined,
): GridTable | null {
  if (!frags.length) return null;
  if (flavor !== "stream" && !columns) {
    const grids = rulingNetworks(rulings)
      .filter((net) => centreInside(net.box, area, 2))
      .map((net) => latticeTable(net, frags, fills, page))
      .filter((t): t is GridTable => t !== null)
      .sort((a, b) => (b.box.x1 - b.box.x0) * (b.box.y1 - b.box.y0) - (a.box.x1 - a.box.x0) * (a.box.y1 - a.box.y0));
    if (grids[0]) return grids[0];
    if (flavor === "lattice") return null;
  }
  const lines = groupLines(frags);
  const inArea = columns?.filter((x) => x > area.x0 && x < area.x1);
  const run = inArea ? splitAtColumns(lines, inArea) : lines;
  return buildStreamTable(run, rulings, fills, page, { forced: true, ...(inArea ? { columns: inArea } : {}) });
}

const CAPTION = /^(?:table|figure|fig\.|chart|source|note)\b/i;

/**
 * A borderless table whose header row leaves the top-left (stub) cell empty often carries its
 * stub title as a bold line set just above, starting at the table's left edge: that line is
 * the stub cell's text, not a paragraph of its own. Captions ("Table 3 …") are not.
 */
export function pullCornerCaption(t: GridTable, lines: readonly TextLine[], used: Set<TextLine>): void {
  if (t.cells.some((c) => c.r === 0 && c.c === 0 && c.text.trim())) return;
  if (detectHeaderRows(t) < 1 || !t.cells.filter((c) => c.r === 0 && c.text.trim()).every((c) => c.bold)) return;
  const above = lines.filter((l) => !used.has(l) && l.y1 <= t.box.y0 + 1).sort((a, b) => b.y1 - a.y1)[0];
  if (!above || above.chunks.length !== 1 || !above.bold || CAPTION.test(above.text)) return;
  if (t.box.y0 - above.y1 > 1.2 * above.size || Math.abs(above.x0 - t.box.x0) > 6) return;
  if (above.x1 > t.box.x1) return;
  const existing = t.cells.find((c) => c.r === 0 && c.c === 0);
  if (existing) {
    existing.text = above.text;
    existing.bold = true;
  } else {
    t.cells.push({ r: 0, c: 0, rowspan: 1, colspan: 1, box: { x0: above.x0, y0: above.y0, x1: above.x1, y1: above.y1 }, text: above.text, bold: true, shaded: false });
  }
  t.box = { ...t.box, y0: Math.min(t.box.y0, above.y0) };
  used.add(above);
}
