/**
 * Lattice tables: where the page draws a grid. Ruling lines that touch each other form a
 * network; each network with at least two columns becomes a table whose grid lines are the
 * distinct ruling positions. Adjacent grid positions with no border between them are one
 * spanning cell.
 */
import { boxOf, clusterValues, nearestIndex, overlap1d, type Box } from "./geometry.js";
import { groupLines, joinFragments, type Chunk, type TextLine } from "./lines.js";
import { columnRanges, isContinuation, mergeRows, type RowDraft } from "./stream.js";
import type { FilledRect, Ruling } from "./rulings.js";
import { cellTextOf, dropEmptyLines, foldSliverColumns, isShaded, type GridCell, type GridTable } from "./table-model.js";
import type { Fragment } from "./text-items.js";

/** Rulings closer than this (pt) to each other's ends still touch. */
const TOUCH = 3;
/** Ruling positions within this distance (pt) are the same grid line. */
const SNAP = 3;
/** A border counts as present between two positions when it covers this share of the edge. */
const COVER = 0.6;

export interface RulingNetwork {
  h: Ruling[];
  v: Ruling[];
  box: Box;
}

/** Connected components of touching horizontal and vertical rulings. */
export function rulingNetworks(rulings: readonly Ruling[]): RulingNetwork[] {
  const h = rulings.filter((r) => r.orient === "h" && r.to - r.from >= 4);
  const v = rulings.filter((r) => r.orient === "v" && r.to - r.from >= 4);
  const all = [...h, ...v];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // Each horizontal ruling visits only the verticals whose x lies within its reach (the
  // components, and so the networks, do not depend on the order of the unions).
  const { sorted, odd } = byPosition(v);
  const link = (i: number, j: number) => {
    if (touches(h[i]!, v[j]!)) parent[find(i)] = find(h.length + j);
  };
  h.forEach((a, i) => {
    for (let s = firstAtOrAfter(v, sorted, a.from - TOUCH); s < sorted.length && v[sorted[s]!]!.pos <= a.to + TOUCH; s++) link(i, sorted[s]!);
    for (const j of odd) link(i, j);
  });
  const groups = new Map<number, Ruling[]>();
  all.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  const out: RulingNetwork[] = [];
  for (const g of groups.values()) {
    const gh = g.filter((r) => r.orient === "h");
    const gv = g.filter((r) => r.orient === "v");
    if (!gh.length || !gv.length) continue;
    const box = {
      x0: Math.min(...gh.map((r) => r.from), ...gv.map((r) => r.pos)),
      x1: Math.max(...gh.map((r) => r.to), ...gv.map((r) => r.pos)),
      y0: Math.min(...gv.map((r) => r.from), ...gh.map((r) => r.pos)),
      y1: Math.max(...gv.map((r) => r.to), ...gh.map((r) => r.pos)),
    };
    out.push({ h: gh, v: gv, box });
  }
  return out.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

function touches(a: Ruling, b: Ruling): boolean {
  return b.pos >= a.from - TOUCH && b.pos <= a.to + TOUCH && a.pos >= b.from - TOUCH && a.pos <= b.to + TOUCH;
}

/**
 * Indices of the rulings in order of position. Rulings at a non-finite position (which a
 * numeric sort cannot place) are listed apart, to be checked against every other ruling.
 */
function byPosition(rulings: readonly Ruling[]): { sorted: number[]; odd: number[] } {
  const sorted: number[] = [];
  const odd: number[] = [];
  rulings.forEach((r, j) => (Number.isFinite(r.pos) ? sorted : odd).push(j));
  sorted.sort((p, q) => rulings[p]!.pos - rulings[q]!.pos);
  return { sorted, odd };
}

/** First place in `order` whose ruling's position is not below `pos` (binary search). */
function firstAtOrAfter(rulings: readonly Ruling[], order: readonly number[], pos: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rulings[order[mid]!]!.pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function covers(lines: readonly Ruling[], pos: number, from: number, to: number): boolean {
  const need = (to - from) * COVER;
  let got = 0;
  for (const l of lines) if (Math.abs(l.pos - pos) <= SNAP) got += overlap1d(l.from, l.to, from, to);
  return got >= need;
}

/**
 * Build a lattice table from a network, or null when it is not a table (fewer than two
 * columns, or a single framed box).
 */
export function latticeTable(net: RulingNetwork, frags: readonly Fragment[], fills: readonly FilledRect[], page: number): GridTable | null {
  const vx = clusterValues(net.v.map((r) => r.pos), SNAP);
  const ys = openSides(rowsCutByPage(clusterValues(net.h.map((r) => r.pos), SNAP), net.v), net.box.y0, net.box.y1);
  const opened = openSides(vx, net.box.x0, net.box.x1);
  if (opened.length < 3 || ys.length < 2) return null;
  const xs = withSubColumns(opened, frags, ys[0]!, ys[ys.length - 1]!);
  // Columns added at an open side: no horizontal rules run through them, so their rows follow
  // the text, not the (absent) borders.
  const openCols = new Set<number>();
  if (opened[0] !== vx[0]) openCols.add(0);
  if (opened[opened.length - 1] !== vx[vx.length - 1]) openCols.add(xs.length - 2);
  const box = { x0: xs[0]!, y0: ys[0]!, x1: xs[xs.length - 1]!, y1: ys[ys.length - 1]! };
  if (box.x1 - box.x0 < 20 || box.y1 - box.y0 < 6) return null;
  const nrows = ys.length - 1;
  const ncols = xs.length - 1;
  // Union grid positions that no border separates.
  const parent = Array.from({ length: nrows * ncols }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const id = (r: number, c: number) => r * ncols + c;
  for (let r = 0; r < nrows; r++) {
    for (let c = 0; c < ncols; c++) {
      if (c + 1 < ncols && !covers(net.v, xs[c + 1]!, ys[r]!, ys[r + 1]!)) parent[find(id(r, c + 1))] = find(id(r, c));
      if (r + 1 < nrows && !covers(net.h, ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(id(r + 1, c))] = find(id(r, c));
    }
  }
  const extent = new Map<number, { r0: number; c0: number; r1: number; c1: number }>();
  for (let r = 0; r < nrows; r++) {
    for (let c = 0; c < ncols; c++) {
      const root = find(id(r, c));
      const e = extent.get(root);
      if (!e) extent.set(root, { r0: r, c0: c, r1: r, c1: c });
      else {
        e.r0 = Math.min(e.r0, r);
        e.c0 = Math.min(e.c0, c);
        e.r1 = Math.max(e.r1, r);
        e.c1 = Math.max(e.c1, c);
      }
    }
  }
  // Assign every grid position to one rectangular cell (row-major, first claim wins).
  const owner = new Array<number>(nrows * ncols).fill(-1);
  const rects: { r0: number; c0: number; r1: number; c1: number }[] = [];
  for (let r = 0; r < nrows; r++) {
    for (let c = 0; c < ncols; c++) {
      if (owner[id(r, c)] !== -1) continue;
      const e = extent.get(find(id(r, c)))!;
      const rect = { r0: r, c0: c, r1: Math.max(r, e.r1), c1: Math.max(c, e.c1) };
      const k = rects.length;
      rects.push(rect);
      for (let rr = rect.r0; rr <= rect.r1; rr++) for (let cc = rect.c0; cc <= rect.c1; cc++) if (owner[id(rr, cc)] === -1) owner[id(rr, cc)] = k;
    }
  }
  if (rects.length < 2) return null; // one framed box is a text frame, not a table
  const buckets: Fragment[][] = rects.map(() => []);
  for (const f of frags) {
    const cx = (f.x0 + f.x1) / 2;
    const cy = (f.y0 + f.y1) / 2;
    if (cx < box.x0 || cx > box.x1 || cy < box.y0 || cy > box.y1) continue;
    const c = Math.min(ncols - 1, Math.max(0, upperIndex(xs, cx)));
    const r = Math.min(nrows - 1, Math.max(0, upperIndex(ys, cy)));
    buckets[owner[id(r, c)]!]!.push(f);
  }
  splitUnruledSpans(rects, buckets, xs);
  splitOpenColumnSpans(rects, buckets, ys, openCols);
  // Cells whose lines splitBands grouped while weighing a band (their text needs the same lines).
  const cellLines: CellLines = new Map();
  const split = splitBands(rects, buckets, nrows, xs, cellLines);
  if (split) return columnar(dropEmptyLines({ page, box, method: "lattice", nrows: split.nrows, ncols, cells: split.cells(xs, ys, fills), headerRows: 0, xs }));
  const cells: GridCell[] = rects.map((rect, k) => {
    const cellBox = { x0: xs[rect.c0]!, y0: ys[rect.r0]!, x1: xs[rect.c1 + 1]!, y1: ys[rect.r1 + 1]! };
    const { text, bold } = cellTextOf(buckets[k]!, cellLines.get(buckets[k]!));
    return {
      r: rect.r0,
      c: rect.c0,
      rowspan: rect.r1 - rect.r0 + 1,
      colspan: rect.c1 - rect.c0 + 1,
      box: cellBox,
      text,
      bold,
      shaded: isShaded(cellBox, fills),
    };
  });
  if (!cells.some((c) => c.text)) return null;
  return columnar(dropEmptyLines({ page, box, method: "lattice", nrows, ncols, cells, headerRows: 0, xs }));
}

/** A box around a single column of text (a chart's legend, a callout) is not a table: its text stays text. */
function columnar(t: GridTable): GridTable | null {
  const folded = foldSliverColumns(t);
  return folded.ncols >= 2 ? folded : null;
}

type Rect = { r0: number; c0: number; r1: number; c1: number };
/** A cell's fragments → its lines as grouped for cell text (`groupLines(frags, Infinity)`). */
type CellLines = Map<readonly Fragment[], TextLine[]>;

/** How far (pt) rulings must run past the outermost crossing rule to make an open side. */
const OPEN_SIDE = 6;

/** Column rules that make a table's body: at least this many (three or more columns). */
const CUT_COLUMN_RULES = 4;

/**
 * A ruled table cut by a page break: one rule under its header (or over its first row, on the
 * page it carries on to), and four or more column rules that run on together past it to the
 * foot (or from the head) of the page, where no rule closes the row they carry. Their common
 * end closes that row here, so the row is read as a row rather than as loose text. One or two
 * verticals (a page frame, a margin line) are not columns.
 */
export function rowsCutByPage(ys: number[], verticals: readonly Ruling[]): number[] {
  if (ys.length !== 2) return ys;
  const [top, bottom] = ys as [number, number];
  const hard = verticals.filter((v) => !v.soft);
  const runsOn = hard.filter((v) => v.from <= top + SNAP && v.to > bottom + OPEN_SIDE);
  const runsIn = hard.filter((v) => v.to >= bottom - SNAP && v.from < top - OPEN_SIDE);
  const end = commonEnd(runsOn.map((v) => v.to));
  if (end !== null && runsOn.length >= CUT_COLUMN_RULES) return [top, bottom, end];
  const start = commonEnd(runsIn.map((v) => v.from));
  if (start !== null && runsIn.length >= CUT_COLUMN_RULES) return [start, top, bottom];
  return ys;
}

/** The value all of these share (within SNAP), or null. */
function commonEnd(values: readonly number[]): number | null {
  if (!values.length) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return hi - lo <= SNAP ? (lo + hi) / 2 : null;
}

/**
 * Many tables are drawn open at the sides: horizontal rules run from the stub column to the
 * right margin, but verticals only separate the inner columns. The rules' ends are then the
 * table's outer edges, so the stub and last columns are kept (same for open tops/bottoms).
 */
function openSides(positions: number[], from: number, to: number): number[] {
  // Only a drawn grid (two or more inner cells across) is opened; a lone rule and the frame
  // of a page decoration are not.
  if (positions.length < 3) return positions;
  const out = [...positions];
  if (out.length && out[0]! - from > OPEN_SIDE) out.unshift(from);
  if (out.length && to - out[out.length - 1]! > OPEN_SIDE) out.push(to);
  return out;
}

/**
 * A grid position spanning several columns only because the body rows are ruled without
 * vertical rules (the header has them): when its text sits in two or more grid columns and no
 * fragment crosses a column line, it is really one cell per column. A centred spanning header
 * (one phrase in one place) stays a spanning cell.
 */
function splitUnruledSpans(rects: Rect[], buckets: Fragment[][], xs: readonly number[]): void {
  const colOf = (f: Fragment) => Math.min(xs.length - 2, Math.max(0, upperIndex(xs, (f.x0 + f.x1) / 2)));
  for (let k = rects.length - 1; k >= 0; k--) {
    const rect = rects[k]!;
    if (rect.c1 === rect.c0) continue;
    const frags = buckets[k]!;
    const crossing = frags.some((f) => {
      for (let c = rect.c0 + 1; c <= rect.c1; c++) if (f.x0 < xs[c]! - 1 && f.x1 > xs[c]! + 1) return true;
      return false;
    });
    const cols = new Set(frags.map(colOf));
    if (crossing || cols.size < 2) continue;
    const parts: Rect[] = [];
    const partBuckets: Fragment[][] = [];
    for (let c = rect.c0; c <= rect.c1; c++) {
      parts.push({ r0: rect.r0, r1: rect.r1, c0: c, c1: c });
      partBuckets.push(frags.filter((f) => colOf(f) === c));
    }
    rects.splice(k, 1, ...parts);
    buckets.splice(k, 1, ...partBuckets);
  }
}

/**
 * Ruled columns that hold two or more columns of their own (a group column drawn without rules
 * between its sub-columns, e.g. "Male | Female" under one heading): within the ruled column,
 * text lines split at a gap that several lines leave empty on both sides of. The sub-column
 * boundaries are added as unruled grid lines; a heading across them stays a spanning cell.
 */
const SUB_COLUMN_GAP_EM = 0.3;
const MIN_SUB_LINES = 3;

function withSubColumns(xs: readonly number[], frags: readonly Fragment[], top: number, bottom: number): number[] {
  const out: number[] = [xs[0]!];
  // The table's horizontal text, found once rather than per column.
  const band = frags.filter((f) => !f.rotated && (f.y0 + f.y1) / 2 > top && (f.y0 + f.y1) / 2 < bottom);
  for (let c = 0; c + 1 < xs.length; c++) {
    const [a, b] = [xs[c]!, xs[c + 1]!];
    const inside = band.filter((f) => (f.x0 + f.x1) / 2 > a && (f.x0 + f.x1) / 2 < b);
    // Separate text items are separate phrases here even when set close together.
    const lines = groupLines(inside, SUB_COLUMN_GAP_EM);
    // Real sub-columns hold text on several lines; a heading alone in a gap is no column.
    const within = ([x0, x1]: [number, number]) => lines.filter((ln) => ln.chunks.some((ch) => ch.x0 >= x0 - 0.5 && ch.x1 <= x1 + 0.5)).length;
    const ranges = columnRanges(lines).filter((r) => within(r) >= MIN_SUB_LINES);
    for (let k = 1; k < ranges.length; k++) {
      const [l, r] = [ranges[k - 1]!, ranges[k]!];
      // Several lines must have text on both sides of the gap.
      const both = lines.filter((ln) => ln.chunks.some((ch) => ch.x1 <= l[1] + 0.5) && ln.chunks.some((ch) => ch.x0 >= r[0] - 0.5)).length;
      if (both >= MIN_SUB_LINES) out.push((l[1] + r[0]) / 2);
    }
    out.push(b);
  }
  return out;
}

/**
 * A cell of an open-side column spanning several grid rows only because that column draws no
 * horizontal rules: when its lines sit in two or more grid rows and none crosses a row line,
 * it is one cell per row (the stub labels of the rows ruled to its side).
 */
function splitOpenColumnSpans(rects: Rect[], buckets: Fragment[][], ys: readonly number[], openCols: ReadonlySet<number>): void {
  if (!openCols.size) return;
  const rowOf = (f: Fragment) => Math.min(ys.length - 2, Math.max(0, upperIndex(ys, (f.y0 + f.y1) / 2)));
  for (let k = rects.length - 1; k >= 0; k--) {
    const rect = rects[k]!;
    if (rect.r1 === rect.r0 || rect.c0 !== rect.c1 || !openCols.has(rect.c0)) continue;
    const frags = buckets[k]!;
    const crossing = frags.some((f) => {
      for (let r = rect.r0 + 1; r <= rect.r1; r++) if (f.y0 < ys[r]! - 1 && f.y1 > ys[r]! + 1) return true;
      return false;
    });
    const rows = new Set(frags.map(rowOf));
    if (crossing || rows.size < 2) continue;
    const parts: Rect[] = [];
    const partBuckets: Fragment[][] = [];
    for (let r = rect.r0; r <= rect.r1; r++) {
      parts.push({ r0: r, r1: r, c0: rect.c0, c1: rect.c1 });
      partBuckets.push(frags.filter((f) => rowOf(f) === r));
    }
    rects.splice(k, 1, ...parts);
    buckets.splice(k, 1, ...partBuckets);
  }
}

type BandMember = { rect: Rect; k: number };

/** Fewest rows (each with text in two or more cells) that a band must split into. */
const MIN_SPLIT_ROWS = 3;

/**
 * A cheap bound that spares grouping most bands into lines: the aligned rows a split needs are
 * made of separate lines, each row with text in two cells, so the band needs that many
 * fragments, in at least two cells.
 */
function mayHoldAlignedRows(members: readonly BandMember[], buckets: readonly Fragment[][], fragCount: number): boolean {
  if (fragCount < 2 * MIN_SPLIT_ROWS) return false;
  let withText = 0;
  for (const { k } of members) if (buckets[k]!.length && ++withText >= 2) return true;
  return false;
}

/** The rects in each grid band (row), in rect order. */
function membersByBand(rects: readonly Rect[], nrows: number): BandMember[][] {
  const out: BandMember[][] = Array.from({ length: nrows }, () => []);
  rects.forEach((rect, k) => {
    const member = { rect, k };
    for (let r = Math.max(0, rect.r0); r <= Math.min(nrows - 1, rect.r1); r++) out[r]!.push(member);
  });
  return out;
}

/**
 * Text that splits on whitespace into four or more pieces (`split(/\s+/).length > 3`): three
 * separate runs of whitespace. One test instead of splitting every cell piece.
 */
const MORE_THAN_THREE_WORDS = /\s\S+\s+\S+\s/;

/** Share of a band's cell pieces that must be short (≤ 3 words) for it to be split into rows. */
const SHORT_SHARE = 0.7;
/** Share of a many-banded table's split band pieces that must be figures. */
const NUMERIC_SHARE = 0.4;
const NUMERIC_PIECE = /^[^\p{L}]*\d[^\p{L}]*$/u;

/**
 * Some tables rule only the header and the columns: the body is one grid band holding many
 * text rows aligned across columns. Such a band is split into one row per text line (wrapped
 * cells merged back as in stream tables). Only done when the table rules at most two body
 * bands and the band's content is mostly short items (numbers, codes), so that a ruled row
 * of multi-line prose cells stays one row.
 */
function splitBands(rects: Rect[], buckets: Fragment[][], nrows: number, xs: readonly number[], cellLines: CellLines): { nrows: number; cells: (xs: number[], ys: number[], fills: readonly FilledRect[]) => GridCell[] } | null {
  const byBand = membersByBand(rects, nrows);
  const bandRects = (r: number) => byBand[r]!;
  const plans = new Map<number, { rows: RowDraft[]; members: BandMember[]; numeric: number }>();
  for (let r = 0; r < nrows; r++) {
    const members = bandRects(r);
    if (members.some(({ rect }) => rect.r0 !== rect.r1)) continue;
    const frags: Fragment[] = [];
    const owner = new Map<Fragment, Rect>();
    for (const { rect, k } of members) {
      for (const f of buckets[k]!) {
        frags.push(f);
        owner.set(f, rect);
      }
    }
    if (!mayHoldAlignedRows(members, buckets, frags.length)) continue;
    const rows: RowDraft[] = [];
    let pieces = 0;
    let short = 0;
    let numeric = 0;
    const lines = groupLines(frags, Infinity);
    // Rows are made of lines: with too few lines the band cannot split, whatever they hold.
    if (lines.length < MIN_SPLIT_ROWS) continue;
    for (const line of lines) {
      const cells = new Map<number, { chunks: Chunk[]; colspan: number }>();
      const byRect = new Map<Rect, Fragment[]>();
      for (const f of line.fragments) {
        const rect = owner.get(f)!;
        const fs = byRect.get(rect);
        if (fs) fs.push(f);
        else byRect.set(rect, [f]);
      }
      for (const [rect, fs] of byRect) {
        const text = joinFragments(fs);
        pieces++;
        if (!MORE_THAN_THREE_WORDS.test(text)) short++;
        if (NUMERIC_PIECE.test(text)) numeric++;
        const b = boxOf(fs);
        cells.set(rect.c0, { chunks: [{ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, text, size: fs[0]!.size, bold: fs.every((f) => f.bold) }], colspan: rect.c1 - rect.c0 + 1 });
      }
      const draft: RowDraft = { lines: [line], cells };
      const prev = rows[rows.length - 1];
      if (prev && isContinuation(prev, draft, false)) rows[rows.length - 1] = mergeRows(prev, draft);
      else rows.push(draft);
    }
    const aligned = rows.filter((d) => d.cells.size >= 2).length;
    if (aligned < MIN_SPLIT_ROWS || rows.length < MIN_SPLIT_ROWS || short < pieces * SHORT_SHARE) continue;
    if (isWrappedProse(members.map(({ rect, k }) => ({ rect, frags: buckets[k]! })), xs, cellLines)) continue;
    plans.set(r, { rows, members, numeric: numeric / pieces });
  }
  if (!plans.size) return null;
  // Header bands above the first split band may be many (stacked header rules); below it, the
  // ruled bands must mostly be split ones too (a total row may stay), else the rules are the
  // table's rows and a multi-line band is one row of multi-line cells.
  const first = Math.min(...plans.keys());
  const hasText = (r: number) => bandRects(r).some(({ k }) => buckets[k]!.length > 0);
  let unsplit = 0;
  for (let r = first + 1; r < nrows; r++) if (!plans.has(r) && hasText(r)) unsplit++;
  // Many ruled bands (stacked headers above one long body band) need the body to be mostly
  // figures: narrow columns of wrapped prose also make short, aligned line pieces.
  const figures = [...plans.values()].every((p) => p.numeric >= NUMERIC_SHARE);
  if (nrows - 1 > 2 && (unsplit > Math.max(1, plans.size) || !figures)) return null;
  const start: number[] = [];
  let total = 0;
  for (let r = 0; r < nrows; r++) {
    start.push(total);
    total += plans.get(r)?.rows.length ?? 1;
  }
  start.push(total);
  return {
    nrows: total,
    cells: (xs, ys, fills) => {
      const out: GridCell[] = [];
      rects.forEach((rect, k) => {
        const plan = plans.get(rect.r0);
        if (plan && rect.r0 === rect.r1) return;
        const { text, bold } = cellTextOf(buckets[k]!, cellLines.get(buckets[k]!));
        const box = { x0: xs[rect.c0]!, y0: ys[rect.r0]!, x1: xs[rect.c1 + 1]!, y1: ys[rect.r1 + 1]! };
        out.push({ r: start[rect.r0]!, c: rect.c0, rowspan: start[rect.r1 + 1]! - start[rect.r0]!, colspan: rect.c1 - rect.c0 + 1, box, text, bold, shaded: isShaded(box, fills) });
      });
      for (const [r, plan] of plans) {
        plan.rows.forEach((row, i) => {
          const rowBox = boxOf(row.lines);
          for (const { rect } of plan.members) {
            const v = row.cells.get(rect.c0);
            const box = { x0: xs[rect.c0]!, y0: rowBox.y0, x1: xs[rect.c1 + 1]!, y1: rowBox.y1 };
            out.push({
              r: start[r]! + i,
              c: rect.c0,
              rowspan: 1,
              colspan: rect.c1 - rect.c0 + 1,
              box,
              text: v ? v.chunks.map((c) => c.text).join("\n") : "",
              bold: v ? v.chunks.every((c) => c.bold) : false,
              shaded: isShaded(box, fills),
            });
          }
        });
      }
      return out;
    },
  };
}

/** Share of a band's line-to-line steps (within a cell) that must continue a sentence. */
const WRAP_SHARE = 0.6;
/** Share of a band's text lines that must start in lowercase (a sentence carried on). */
const LOWER_SHARE = 0.25;
/** Fewest line steps that make the evidence. */
const MIN_STEPS = 4;
const SENTENCE_END = /[.:;!?]$/;

/**
 * Does a ruled band hold wrapped prose rather than records? Narrow columns of prose also make
 * short line pieces set on shared baselines, but within each cell the lines carry one sentence
 * on: the next line starts in lowercase, or its first word would not have fitted at the end of
 * the line above (the line was broken by the cell's width, not by the end of a record). Figures
 * never count as prose. Each cell's lines are recorded in `grouped` for its text later.
 */
export function isWrappedProse(cells: readonly { rect: Rect; frags: readonly Fragment[] }[], xs: readonly number[], grouped?: CellLines): boolean {
  let steps = 0;
  let wraps = 0;
  let lower = 0;
  let textLines = 0;
  const hasLetters = (t: string) => /\p{L}/u.test(t);
  for (const { rect, frags } of cells) {
    const lines = groupLines(frags, Infinity);
    grouped?.set(frags, lines);
    if (!lines.length) continue;
    // The wrap width: the ruled cell less the padding its text keeps on the left.
    const pad = Math.max(0, Math.min(...lines.map((l) => l.x0)) - xs[rect.c0]!);
    const limit = xs[rect.c1 + 1]! - pad;
    lines.forEach((b, i) => {
      if (!hasLetters(b.text)) return;
      textLines++;
      if (/^\p{Ll}/u.test(b.text)) lower++;
      if (i === 0) return;
      const a = lines[i - 1]!;
      steps++;
      if (!hasLetters(a.text)) return;
      const f = b.fragments[0]!;
      const wordWidth = ((f.x1 - f.x0) * firstWordLength(f.text)) / Math.max(1, f.text.length);
      const fits = a.x1 + 0.25 * a.size + wordWidth <= limit;
      if (/^\p{Ll}/u.test(b.text) || (!fits && !SENTENCE_END.test(a.text))) wraps++;
    });
  }
  return steps >= MIN_STEPS && wraps >= steps * WRAP_SHARE && lower >= textLines * LOWER_SHARE;
}

/** Length of the text's first word, `text.split(/\s+/)[0]`, found without splitting. */
function firstWordLength(text: string): number {
  const space = text.search(/\s/);
  return space < 0 ? text.length : space;
}

/** Index i such that sorted[i] <= v < sorted[i + 1]. */
function upperIndex(sorted: readonly number[], v: number): number {
  for (let i = 0; i < sorted.length - 1; i++) if (v < sorted[i + 1]!) return i;
  return sorted.length - 2;
}


export { nearestIndex };
