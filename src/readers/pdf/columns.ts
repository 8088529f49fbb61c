/**
 * Column layout: pages set in two (or more) text columns, where a line of the left column and
 * a line of the right column share a baseline band and would otherwise be read as one line —
 * prose running across the gutter, or a table in one column glued to the prose beside it.
 *
 * A text column is found from its prose: several long phrases (many words) starting at one x.
 * Where such a column sits beside other text on the same lines, and that text follows its own
 * flow — it is prose too, or its baselines or type size differ from the column's — the two are
 * separate columns and a gutter runs between them over the height they share. A table whose
 * last column holds sentences is not split: its cells share the row's baseline and type size.
 *
 * Fragments are then grouped into lines per region, in reading order: what lies above the
 * columns, each column top to bottom, then what lies below.
 */
import { median } from "./geometry.js";
import { groupLines, type Chunk, type TextLine } from "./lines.js";
import type { Fragment } from "./text-items.js";

export interface Gutter {
  /** x of the gutter (page space). */
  x: number;
  /** Vertical extent over which the columns are separate. */
  y0: number;
  y1: number;
}

/** A chunk of at least this many words (and characters) reads as prose. */
const PROSE_WORDS = 5;
const PROSE_CHARS = 25;
/** Prose phrases starting within this many points share a left edge. */
const EDGE_TOL = 2.5;
/** A column needs at least this many prose lines beside other text. */
const MIN_MIXED = 3;

function isProse(c: Chunk): boolean {
  return c.text.length >= PROSE_CHARS && c.text.split(/\s+/).length >= PROSE_WORDS;
}

function chunkFragments(l: TextLine, c: Chunk): Fragment[] {
  return l.fragments.filter((f) => f.x0 >= c.x0 - 0.5 && f.x1 <= c.x1 + 0.5);
}

function chunkBaseline(l: TextLine, c: Chunk): number {
  const fs = chunkFragments(l, c);
  return fs.length ? median(fs.map((f) => f.baseline)) : l.baseline;
}

/** Do two pieces of one line follow separate flows (different baseline or type size)? */
function separateFlow(l: TextLine, a: Chunk, others: readonly Chunk[]): boolean {
  if (others.some(isProse)) return true;
  const near = others.reduce((best, c) => (Math.min(Math.abs(c.x0 - a.x1), Math.abs(a.x0 - c.x1)) < Math.min(Math.abs(best.x0 - a.x1), Math.abs(a.x0 - best.x1)) ? c : best));
  const db = Math.abs(chunkBaseline(l, a) - chunkBaseline(l, near));
  return db > 0.3 || Math.abs(a.size - near.size) >= 0.5;
}

export function detectGutters(lines: readonly TextLine[]): Gutter[] {
  const prose: { line: TextLine; chunk: Chunk }[] = [];
  for (const line of lines) for (const chunk of line.chunks) if (isProse(chunk)) prose.push({ line, chunk });
  prose.sort((a, b) => a.chunk.x0 - b.chunk.x0);
  // Groups of prose phrases sharing a left edge.
  const groups: (typeof prose)[] = [];
  for (const p of prose) {
    const g = groups[groups.length - 1];
    if (g && p.chunk.x0 - g[g.length - 1]!.chunk.x0 <= EDGE_TOL) g.push(p);
    else groups.push([p]);
  }
  const gutters: Gutter[] = [];
  for (const group of groups) {
    if (group.length < MIN_MIXED) continue;
    for (const side of ["left", "right"] as const) {
      const mixed: { line: TextLine; chunk: Chunk; others: Chunk[] }[] = [];
      for (const { line, chunk } of group) {
        const others = line.chunks.filter((c) => c !== chunk && (side === "right" ? c.x0 >= chunk.x1 : c.x1 <= chunk.x0));
        if (others.length) mixed.push({ line, chunk, others });
      }
      if (mixed.length < MIN_MIXED) continue;
      const separate = mixed.filter((m) => separateFlow(m.line, m.chunk, m.others)).length;
      if (separate < mixed.length * 0.5) continue;
      // The gutter lies between the column's edge and the nearest text across it.
      const edge = side === "right" ? Math.max(...mixed.map((m) => m.chunk.x1)) : Math.min(...mixed.map((m) => m.chunk.x0));
      const across = side === "right" ? Math.min(...mixed.flatMap((m) => m.others.map((c) => c.x0))) : Math.max(...mixed.flatMap((m) => m.others.map((c) => c.x1)));
      if (side === "right" ? across <= edge : across >= edge) continue;
      const x = (edge + across) / 2;
      const y0 = Math.min(...mixed.map((m) => m.line.y0));
      const y1 = Math.max(...mixed.map((m) => m.line.y1));
      for (const span of clearSpans(lines, x, y0, y1)) gutters.push(span);
    }
  }
  return mergeGutters(gutters);
}

/** Parts of [y0, y1] where no line crosses x (a full-width heading or table breaks a gutter). */
function clearSpans(lines: readonly TextLine[], x: number, y0: number, y1: number): Gutter[] {
  const inSpan = lines.filter((l) => l.y1 >= y0 - 0.5 && l.y0 <= y1 + 0.5).sort((a, b) => a.baseline - b.baseline);
  const out: Gutter[] = [];
  let cur: TextLine[] = [];
  const flush = () => {
    if (cur.length >= MIN_MIXED) out.push({ x, y0: Math.min(...cur.map((l) => l.y0)), y1: Math.max(...cur.map((l) => l.y1)) });
    cur = [];
  };
  for (const l of inSpan) {
    if (l.chunks.some((c) => c.x0 < x - 1 && c.x1 > x + 1)) flush();
    else cur.push(l);
  }
  flush();
  return out;
}

function mergeGutters(gutters: Gutter[]): Gutter[] {
  const out: Gutter[] = [];
  for (const g of [...gutters].sort((a, b) => a.x - b.x || a.y0 - b.y0)) {
    const same = out.find((o) => Math.abs(o.x - g.x) < 12 && g.y0 <= o.y1 && g.y1 >= o.y0);
    if (same) {
      same.y0 = Math.min(same.y0, g.y0);
      same.y1 = Math.max(same.y1, g.y1);
    } else out.push({ ...g });
  }
  return out;
}

/**
 * Group fragments into lines region by region: bands of the page that have gutters are cut
 * into columns; lines come out in reading order (band above, columns left to right, band below).
 */
export function linesByColumns(frags: readonly Fragment[], gutters: readonly Gutter[]): TextLine[] {
  if (!gutters.length) return groupLines(frags);
  // Bands: unions of overlapping gutter spans, each with its gutter positions.
  const bands: { y0: number; y1: number; xs: number[] }[] = [];
  for (const g of [...gutters].sort((a, b) => a.y0 - b.y0)) {
    const b = bands[bands.length - 1];
    if (b && g.y0 <= b.y1) {
      b.y1 = Math.max(b.y1, g.y1);
      b.xs.push(g.x);
    } else bands.push({ y0: g.y0, y1: g.y1, xs: [g.x] });
  }
  for (const b of bands) b.xs.sort((p, q) => p - q);
  const cy = (f: Fragment) => (f.y0 + f.y1) / 2;
  const cx = (f: Fragment) => (f.x0 + f.x1) / 2;
  const out: TextLine[] = [];
  let rest = [...frags];
  for (const b of bands) {
    const above = rest.filter((f) => cy(f) < b.y0);
    const inside = rest.filter((f) => cy(f) >= b.y0 && cy(f) <= b.y1);
    rest = rest.filter((f) => cy(f) > b.y1);
    out.push(...groupLines(above));
    const bounds = [-Infinity, ...b.xs, Infinity];
    for (let k = 0; k + 1 < bounds.length; k++) {
      out.push(...groupLines(inside.filter((f) => cx(f) >= bounds[k]! && cx(f) < bounds[k + 1]!)));
    }
  }
  out.push(...groupLines(rest));
  return out;
}
