/**
 * One page's raw material → its tables and its remaining text lines. Pure: takes what load.ts
 * fetched, returns geometry.
 */
import { drawnBullets } from "./bullets.js";
import { detectGutters, linesByColumns } from "./columns.js";
import { centreInside, type Box } from "./geometry.js";
import { latticeTable, rulingNetworks } from "./lattice.js";
import { groupLines, type TextLine } from "./lines.js";
import type { RawPage } from "./load.js";
import { extractGraphics, mergeRulings, type OpCodes, type Ruling } from "./rulings.js";
import { streamTables } from "./stream.js";
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

export function analysePage(raw: RawPage, ops: OpCodes): PageAnalysis {
  const typed = textRules(pageFragments(raw));
  const graphics = extractGraphics(raw.fnArray, raw.argsArray, ops, raw.viewport, raw.box);
  const rulings = mergeRulings([...graphics.rulings, ...typed.rulings]);
  const drawn = graphics.marks.length ? drawnBullets(graphics.marks, typed.text, rulings) : [];
  const frags = drawn.length ? [...typed.text, ...drawn] : typed.text;
  const tables: GridTable[] = [];
  for (const net of rulingNetworks(rulings)) {
    const t = latticeTable(net, frags, graphics.fills, raw.number);
    if (t && !tables.some((o) => centreInside(t.box, o.box))) tables.push(t);
  }
  const outside = frags.filter((f) => !tables.some((t) => centreInside(f, t.box, 1)));
  const outsideLines = groupLines(outside);
  const gutters = detectGutters(outsideLines);
  // Without gutters linesByColumns would only group the same fragments into the same lines again.
  const lines = gutters.length ? linesByColumns(outside, gutters) : outsideLines;
  const freeRulings = rulings.filter((r) => !tables.some((t) => r.pos >= t.box.y0 - 2 && r.pos <= t.box.y1 + 2 && r.from >= t.box.x0 - 2 && r.to <= t.box.x1 + 2));
  const stream = streamTables(lines, freeRulings, graphics.fills, raw.number);
  const used = new Set(stream.used);
  for (const t of stream.tables) pullCornerCaption(t, lines, used);
  tables.push(...stream.tables);
  tables.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  return {
    number: raw.number,
    box: raw.box,
    tables,
    lines: lines.filter((l) => !used.has(l)),
    fragmentCount: frags.length,
  };
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
