/**
 * Stream tables: tables drawn without a grid, found from whitespace. Text lines split into
 * chunks at wide gaps; runs of consecutive lines with several chunks are table candidates.
 * Columns are the x ranges covered by chunks, split where only a few (spanning) chunks bridge
 * a gap; rows are text lines, with a line merged into its neighbour when it only continues
 * some of that row's cells (a wrapped cell).
 */
import { boxOf, overlap1d, type Box } from "./geometry.js";
import { makeChunk, makeLine, type Chunk, type TextLine } from "./lines.js";
import type { Fragment } from "./text-items.js";
import type { FilledRect, Ruling } from "./rulings.js";
import { dropEmptyLines, isShaded, type GridCell, type GridTable } from "./table-model.js";

/** Largest baseline step (em) between two lines of one table. */
const MAX_ROW_STEP_EM = 2.8;
/** Largest baseline step (em) between two rows whose cells line up column for column. */
const ALIGNED_STEP_EM = 4.5;
/** Largest baseline step (em) between the lines of one wrapped cell. */
const WRAP_STEP_EM = 1.45;
const CONTINUES_AFTER = /(?:[-–,&/(+]|\b(?:and|or|of|the|to|in|for|with|by|on|at|a|an|from|per))$/i;

export interface StreamResult {
  tables: GridTable[];
  /** Lines consumed by the tables (not to be repeated as paragraphs). */
  used: Set<TextLine>;
}

export function streamTables(lines: readonly TextLine[], rulings: readonly Ruling[], fills: readonly FilledRect[], page: number, columns?: readonly number[]): StreamResult {
  const used = new Set<TextLine>();
  const tables: GridTable[] = [];
  const build = (run: readonly TextLine[]) => {
    const t = columns ? buildStreamTable(splitAtColumns(run, columns), rulings, fills, page, { columns }) : buildStreamTable(run, rulings, fills, page);
    return t && isTabular(t) ? t : null;
  };
  for (const run of candidateRuns(lines)) {
    const sides = besideEachOther(run, rulings, build);
    const found = sides ?? [build(run)].filter((t): t is GridTable => t !== null);
    if (!found.length) continue;
    tables.push(...found);
    for (const l of run) used.add(l);
  }
  return { tables, used };
}

/** Share of a run's height a vertical rule must run down to separate two tables. */
const SEPARATOR_SPAN = 0.7;

/**
 * Two tables set side by side with a vertical rule between them (and no text crossing it): the
 * run splits at the rule, and each side is read on its own. Null unless both sides hold a table.
 */
function besideEachOther(run: readonly TextLine[], rulings: readonly Ruling[], build: (run: readonly TextLine[]) => GridTable | null): GridTable[] | null {
  const box = boxOf(run);
  const height = box.y1 - box.y0;
  for (const r of rulings) {
    if (r.orient !== "v" || r.soft || r.pos <= box.x0 || r.pos >= box.x1) continue;
    if (overlap1d(r.from, r.to, box.y0, box.y1) < height * SEPARATOR_SPAN) continue;
    if (run.some((l) => l.fragments.some((f) => f.x0 < r.pos && f.x1 > r.pos))) continue;
    const side = (left: boolean) =>
      run.map((l) => l.fragments.filter((f) => (f.x1 <= r.pos) === left)).filter((fs) => fs.length).map((fs) => makeLine(fs));
    const found = [...candidateRuns(side(true)), ...candidateRuns(side(false))].map(build).filter((t): t is GridTable => t !== null);
    // One long table set in several blocks side by side repeats its header over each block.
    if (found.length >= 2 && new Set(found.map(headerKey)).size === found.length) return found;
  }
  return null;
}

/** The distinct texts of a table's first row (a block repeating a header twice has the same key). */
function headerKey(t: GridTable): string {
  const heads = new Set(t.cells.filter((c) => c.r === 0).map((c) => c.text.replace(/\s+/g, " ").trim().toLowerCase()));
  return [...heads].sort().join("|");
}

/**
 * Two lines with three or more chunks each, their chunks pairwise overlapping in x: rows of one
 * grid even when far apart (rows whose labels wrap over several lines leave wide gaps).
 */
function sameColumns(a: TextLine, b: TextLine): boolean {
  if (a.chunks.length < 3 || b.chunks.length < 3) return false;
  const [few, many] = a.chunks.length <= b.chunks.length ? [a, b] : [b, a];
  const hit = few.chunks.filter((c) => many.chunks.some((d) => overlap1d(c.x0, c.x1, d.x0, d.x1) > 0)).length;
  return hit >= few.chunks.length * 0.8 && few.chunks.length >= many.chunks.length * 0.6;
}

/** Least share of a stream table's grid that its cells must fill. */
const MIN_FILL = 0.3;

/**
 * A grid that is mostly holes is not a table: a chart's axis labels (a column of ticks beside a
 * row of dates) align like one. A single column is a list.
 */
export function isTabular(t: GridTable): boolean {
  if (t.ncols < 2 || t.nrows < 2) return false;
  const filled = t.cells.filter((c) => c.text.trim()).reduce((n, c) => n + c.rowspan * c.colspan, 0);
  return filled >= t.nrows * t.ncols * MIN_FILL && !isChartAxis(t) && !isOutline(t);
}

/** A section number: "2", "6.2.", "2.1.1". */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2})*\.?$/;
/** A lone list marker: one character that is neither a letter nor a digit (•, ▪, -, a symbol font's bullet). */
const MARKER = /^[^\p{L}\p{N}\s]$/u;

/**
 * A bulleted list (every first-column cell the same lone marker) or numbered headings (every
 * first-column cell a section number, some of them nested: "6.2.", "6.2.1.") set with a hanging
 * indent align like a table's stub column; they are text.
 */
export function isOutline(t: GridTable): boolean {
  const first = t.cells.filter((c) => c.c === 0 && c.text.trim()).map((c) => c.text.trim());
  if (first.length < 2 || first.length < t.nrows * 0.6) return false;
  if (first.every((x) => MARKER.test(x) && x === first[0])) return true;
  return t.ncols <= 3 && first.every((x) => SECTION_NUMBER.test(x)) && first.some((x) => /\d\.\d/.test(x));
}

/** Evenly stepped values down a column over at least this many rows make an axis's ticks. */
const AXIS_TICKS = 4;

/**
 * A chart's value axis read with its plot's labels: down some column, bare numbers step evenly
 * (450, 400, 350, … or 0, 10, 20, …) over much of the "table", with nothing beside most of
 * them (the plot area) — or a grid of nothing but such steps (two axes side by side). A
 * table's figures do not step evenly row after row with empty cells beside them.
 */
export function isChartAxis(t: GridTable): boolean {
  const cells = t.cells.filter((c) => c.text.trim());
  if (sparseNumberLadder(t, cells)) return true;
  const at = new Map(cells.map((c) => [`${c.r},${c.c}`, c]));
  const allNumbers = cells.every((c) => AXIS_VALUE.test(c.text.trim()));
  let ladders = 0;
  for (let col = 0; col < t.ncols; col++) {
    const ticks = cells.filter((c) => c.c === col && c.colspan === 1 && AXIS_VALUE.test(c.text.trim())).sort((a, b) => a.r - b.r);
    const run = longestEvenRun(ticks.map((c) => Number(c.text.trim().replace(/[,%]/g, "").replace("–", "-"))));
    if (run === ticks.length && run >= 3) ladders++;
    if (allNumbers || run < AXIS_TICKS || run < t.nrows * 0.4) continue;
    const beside = col + 1 < t.ncols ? col + 1 : col - 1;
    const lonely = ticks.filter((c) => !at.has(`${c.r},${beside}`)).length;
    if (lonely >= ticks.length * 0.7) return true;
  }
  return allNumbers && ladders === t.ncols;
}

/**
 * A mostly empty grid whose rows mostly hold bare numbers only, stepping evenly down some
 * column (bars' value labels beside their axis).
 */
function sparseNumberLadder(t: GridTable, cells: readonly GridCell[]): boolean {
  const filled = cells.reduce((n, c) => n + c.rowspan * c.colspan, 0);
  if (filled > t.nrows * t.ncols * 0.5) return false;
  const rows = new Map<number, GridCell[]>();
  for (const c of cells) rows.set(c.r, [...(rows.get(c.r) ?? []), c]);
  const numeric = [...rows.entries()].filter(([, cs]) => cs.every((c) => AXIS_VALUE.test(c.text.trim()))).sort((a, b) => a[0] - b[0]);
  if (numeric.length < Math.max(AXIS_TICKS, t.nrows * 0.5)) return false;
  for (let col = 0; col < t.ncols; col++) {
    const values = numeric.map(([, cs]) => cs.find((c) => c.c === col)).filter((c): c is GridCell => !!c);
    if (longestEvenRun(values.map((c) => Number(c.text.trim().replace(/[,%]/g, "").replace("–", "-")))) >= AXIS_TICKS) return true;
  }
  return false;
}

/** Length of the longest run of values stepping by one same non-zero amount. */
function longestEvenRun(values: readonly number[]): number {
  if (values.length < 2) return values.length;
  let best = 2;
  let run = 2;
  for (let i = 2; i < values.length; i++) {
    const step = values[i - 1]! - values[i - 2]!;
    run = step !== 0 && Math.abs(values[i]! - values[i - 1]! - step) < 1e-9 ? run + 1 : 2;
    best = Math.max(best, run);
  }
  return values[1] !== values[0] ? best : Math.max(1, best - 1);
}

const AXIS_VALUE = /^[-–]?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?$/;

/** A table's or figure's caption: it titles the table, it is not one of its rows. */
const CAPTION_LINE = /^(?:table|figure|fig\.|chart|exhibit)\s+(?:[A-Z][-.]?)?[\dIVXivx]+(?:[-.]\d+)*[A-Za-z]?\b[.:]?/i;

function isMulti(l: TextLine): boolean {
  return l.chunks.length >= 2 && !CAPTION_LINE.test(l.text);
}

/** Runs of lines that may form a table: multi-chunk lines and the short lines between them. */
export function candidateRuns(lines: readonly TextLine[]): TextLine[][] {
  const runs: TextLine[][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isMulti(lines[i]!)) {
      i++;
      continue;
    }
    const run = [lines[i]!];
    let j = i + 1;
    while (j < lines.length) {
      const prev = run[run.length - 1]!;
      const l = lines[j]!;
      const step = l.baseline - prev.baseline;
      // A caption titles what follows it: the table above ends there.
      if (step < 0 || CAPTION_LINE.test(l.text)) break;
      if (step > MAX_ROW_STEP_EM * Math.max(l.size, prev.size) && !(step <= ALIGNED_STEP_EM * Math.max(l.size, prev.size) && sameColumns(prev, l))) {
        // A group label ("Female") over rows set in the same columns as those above it: one
        // table with a label row, not two tables.
        if (!groupLabel(run, l, lines[j + 1])) break;
        run.push(l);
        j++;
        continue;
      }
      if (isMulti(l) && repeatsHeader(run, l)) {
        // A second table under the first: the lines bridged into the run above its repeated
        // header (a spanning group heading) belong to it.
        while (run.length > 1 && !isMulti(run[run.length - 1]!)) {
          run.pop();
          j--;
        }
        break;
      }
      if (isMulti(l)) {
        run.push(l);
        j++;
        continue;
      }
      // A single-chunk line stays in the run only when a multi-chunk line follows closely
      // (a wrapped cell or a section row), never at the run's end. Lines that keep to the
      // stub column, left of every value, are one long row label however many they are.
      const reach = keepsToStub(run, l, prev) ? MAX_STUB_WRAP : MAX_BRIDGE;
      let k = j + 1;
      let bridged = false;
      while (k < lines.length && k <= j + reach) {
        const lk = lines[k]!;
        const stepK = lk.baseline - lines[k - 1]!.baseline;
        if (stepK > MAX_ROW_STEP_EM * lk.size || stepK < 0 || CAPTION_LINE.test(lk.text)) break;
        if (isMulti(lk)) {
          bridged = true;
          break;
        }
        if (k > j + MAX_BRIDGE && !keepsToStub(run, lk, lines[k - 1]!)) break;
        k++;
      }
      if (!bridged) break;
      for (let m = j; m < k; m++) run.push(lines[m]!);
      j = k;
    }
    // Trailing single-chunk lines directly under the run that continue a wrapped cell.
    while (j < lines.length) {
      const prev = run[run.length - 1]!;
      const l = lines[j]!;
      if (isMulti(l) || l.baseline - prev.baseline > WRAP_STEP_EM * l.size || !/^\p{Ll}/u.test(l.text)) break;
      run.push(l);
      j++;
    }
    if (run.filter(isMulti).length >= 2) runs.push(run);
    i = j;
  }
  return runs;
}

/** Words in a group label row. */
const GROUP_LABEL_WORDS = 4;

/**
 * Is single-chunk line l, after a gap too wide for a row, a group label of the run: short, at
 * the run's left edge, within an aligned-row step of the run's last line, and followed within a
 * row step by a line set in the same columns as that last line?
 */
function groupLabel(run: readonly TextLine[], l: TextLine, next: TextLine | undefined): boolean {
  const prev = run[run.length - 1]!;
  if (!next || !isMulti(prev) || isMulti(l) || !isMulti(next)) return false;
  if (l.text.split(/\s+/).length > GROUP_LABEL_WORDS || CAPTION_LINE.test(l.text)) return false;
  const left = Math.min(...run.map((r) => r.x0));
  const size = Math.max(l.size, prev.size, next.size);
  return (
    Math.abs(l.x0 - left) <= size &&
    l.baseline - prev.baseline <= ALIGNED_STEP_EM * size &&
    next.baseline - l.baseline <= MAX_ROW_STEP_EM * size &&
    sameColumns(prev, next)
  );
}

/** Single-chunk lines a run bridges to reach its next multi-chunk line. */
const MAX_BRIDGE = 3;
/** The same, for lines that stay inside the stub column (a row label wrapped over many lines). */
const MAX_STUB_WRAP = 8;

/**
 * Does a single-chunk line carry on the stub cell above it: set like the run's stub text (same
 * size and weight) one line step below `above`, starting at the run's left edge and ending
 * before the leftmost value chunk of its multi-chunk lines? A heading or a paragraph after the
 * table does not.
 */
function keepsToStub(run: readonly TextLine[], l: TextLine, above: TextLine): boolean {
  let left = Infinity;
  let valuesFrom = Infinity;
  let stub: Chunk | null = null;
  for (const r of run) {
    if (!isMulti(r)) continue;
    left = Math.min(left, r.chunks[0]!.x0);
    valuesFrom = Math.min(valuesFrom, r.chunks[1]!.x0);
    stub = r.chunks[0]!;
  }
  if (!stub || !Number.isFinite(valuesFrom)) return false;
  const step = l.baseline - above.baseline;
  return (
    step > 0 &&
    step <= WRAP_STEP_EM * l.size &&
    Math.abs(l.size - stub.size) < 0.5 &&
    l.bold === stub.bold &&
    Math.abs(l.x0 - left) <= l.size &&
    l.x1 < valuesFrom - l.size * 0.5
  );
}

/** Rows a table needs above a repeated header before the header starts a new table. */
const MIN_ROWS_BEFORE_REPEAT = 3;

/**
 * Does line l repeat the header of the run (its first multi-chunk line)? Two tables stacked on
 * one page with the same stub heading ("Proportion | 1.0 1.1 …" then "Proportion | 1.7 1.8 …")
 * are two tables, however close: their columns need not line up.
 */
function repeatsHeader(run: readonly TextLine[], l: TextLine): boolean {
  const head = run.find(isMulti);
  if (!head || run.filter(isMulti).length < MIN_ROWS_BEFORE_REPEAT + 1) return false;
  const norm = (t: string) => t.replace(/\s+/g, " ").trim().toLowerCase();
  const first = norm(l.chunks[0]!.text);
  // The same heading over the same number of columns: a header row, not a repeated label.
  return /\p{L}/u.test(first) && first === norm(head.chunks[0]!.text) && l.chunks.length === head.chunks.length;
}

/** Column x ranges from chunk coverage. */
export function columnRanges(lines: readonly TextLine[]): [number, number][] {
  const chunks: Chunk[] = [];
  for (const l of lines) for (const c of l.chunks) chunks.push(c);
  if (!chunks.length) return [];
  let min = Infinity;
  let max = -Infinity;
  // Math.min/max one value at a time: the same answer as spreading them all (NaN included).
  for (const c of chunks) {
    min = Math.min(min, c.x0);
    max = Math.max(max, c.x1);
  }
  const x0 = Math.floor(min);
  const x1 = Math.ceil(max);
  const n = Math.max(1, x1 - x0);
  const cover = coverage(chunks, x0, n);
  const ranges: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= n; x++) {
    const on = x < n && cover[x]! > 0;
    if (on && start < 0) start = x;
    if (!on && start >= 0) {
      ranges.push([start, x]);
      start = -1;
    }
  }
  // Split a range where only a few spanning chunks bridge two well-populated columns.
  const multiLines = lines.filter(isMulti).length;
  const bridge = Math.max(1, Math.floor(multiLines * 0.15));
  const out: [number, number][] = [];
  for (const r of ranges) out.push(...splitValleys(cover, r, bridge));
  return out.map(([a, b]) => [a + x0, b + x0] as [number, number]);
}

/**
 * How many chunks cover each 1-pt slot [x0 + x, x0 + x + 1) for x in [0, n): chunk starts and
 * ends marked in a difference array, then summed, rather than every chunk counting its slots.
 */
function coverage(chunks: readonly Chunk[], x0: number, n: number): number[] {
  const delta = new Array<number>(n + 1).fill(0);
  for (const c of chunks) {
    const from = Math.max(0, Math.floor(c.x0 - x0));
    const to = Math.min(n, Math.ceil(c.x1 - x0));
    if (from < to) {
      delta[from]!++;
      delta[to]!--;
    }
  }
  const cover = new Array<number>(n).fill(0);
  let depth = 0;
  for (let x = 0; x < n; x++) {
    depth += delta[x]!;
    cover[x] = depth;
  }
  return cover;
}

function splitValleys(cover: number[], [a, b]: [number, number], bridge: number): [number, number][] {
  let bestStart = -1;
  let bestEnd = -1;
  for (let x = a; x < b; x++) {
    if (cover[x]! > bridge) continue;
    let e = x;
    while (e < b && cover[e]! <= bridge) e++;
    const leftPeak = Math.max(0, ...cover.slice(a, x));
    const rightPeak = Math.max(0, ...cover.slice(e, b));
    // A real column on each side of the valley, and a valley at least 2 pt wide.
    if (leftPeak >= bridge + 2 && rightPeak >= bridge + 2 && e - x >= 2) {
      bestStart = x;
      bestEnd = e;
      break;
    }
    x = e;
  }
  if (bestStart < 0) return [[a, b]];
  const mid = Math.round((bestStart + bestEnd) / 2);
  return [...splitValleys(cover, [a, mid], bridge), ...splitValleys(cover, [mid, b], bridge)];
}

export interface RowDraft {
  lines: TextLine[];
  /** Per column: the chunks of this row that start a cell there, with their colspan. */
  cells: Map<number, { chunks: Chunk[]; colspan: number }>;
}

function columnsOf(c: Chunk, cols: [number, number][]): [number, number] {
  const hits: number[] = [];
  cols.forEach(([a, b], i) => {
    const ov = overlap1d(c.x0, c.x1, a, b);
    if (ov > 0.5 && (ov >= (b - a) * 0.3 || ov >= (c.x1 - c.x0) * 0.5)) hits.push(i);
  });
  if (!hits.length) {
    // Assign to the nearest column by centre.
    const cx = (c.x0 + c.x1) / 2;
    let best = 0;
    let bestD = Infinity;
    cols.forEach(([a, b], i) => {
      const d = cx < a ? a - cx : cx > b ? cx - b : 0;
      if (d < bestD) [best, bestD] = [i, d];
    });
    return [best, best];
  }
  return [hits[0]!, hits[hits.length - 1]!];
}

function rowOfLine(l: TextLine, cols: [number, number][]): RowDraft {
  const cells = new Map<number, { chunks: Chunk[]; colspan: number }>();
  for (const ch of l.chunks) {
    const [c0, c1] = columnsOf(ch, cols);
    const existing = [...cells.entries()].find(([c, v]) => c0 <= c + v.colspan - 1 && c1 >= c);
    if (existing) {
      const [c, v] = existing;
      v.chunks.push(ch);
      const lo = Math.min(c, c0);
      const hi = Math.max(c + v.colspan - 1, c1);
      cells.delete(c);
      cells.set(lo, { chunks: v.chunks, colspan: hi - lo + 1 });
    } else {
      cells.set(c0, { chunks: [ch], colspan: c1 - c0 + 1 });
    }
  }
  return { lines: [l], cells };
}

function cellText(v: { chunks: Chunk[] }): string {
  if (v.chunks.length === 1) return v.chunks[0]!.text;
  return v.chunks.map((c) => c.text).join(" ");
}

/** Can row b (the next line) be merged into row a as the continuation of wrapped cells? */
export function isContinuation(a: RowDraft, b: RowDraft, rulesBetween: boolean): boolean {
  if (rulesBetween) return false;
  const la = a.lines[a.lines.length - 1]!;
  const lb = b.lines[0]!;
  if (lb.baseline - la.baseline > WRAP_STEP_EM * Math.max(la.size, lb.size)) return false;
  if (!sameSpans(b.cells, a.cells) && !sameSpans(a.cells, b.cells)) return false;
  if (a.cells.size === b.cells.size && !(a.cells.size === 1)) {
    // Same shape: only a wrapped multi-column row continues (every cell continues).
    for (const [k, v] of b.cells) if (!continues(cellText(a.cells.get(k)!), cellText(v))) return false;
    return true;
  }
  // Every cell the two rows share continues, and they share one at least.
  let shared = 0;
  for (const [k, v] of b.cells) {
    const above = a.cells.get(k);
    if (!above) continue;
    shared++;
    if (!continues(cellText(above), cellText(v))) return false;
  }
  return shared > 0;
}

/** Does every cell of `inner` start where one of `outer` starts, with the same colspan? */
function sameSpans(inner: RowDraft["cells"], outer: RowDraft["cells"]): boolean {
  for (const [k, v] of inner) if (outer.get(k)?.colspan !== v.colspan) return false;
  return true;
}

function continues(upper: string, lower: string): boolean {
  return /^\p{Ll}/u.test(lower) || CONTINUES_AFTER.test(upper.trim());
}

export function mergeRows(a: RowDraft, b: RowDraft): RowDraft {
  const cells = new Map(a.cells);
  for (const [k, v] of b.cells) {
    const e = cells.get(k);
    cells.set(k, e ? { chunks: [...e.chunks, ...v.chunks], colspan: Math.max(e.colspan, v.colspan) } : v);
  }
  return { lines: [...a.lines, ...b.lines], cells };
}

/**
 * Rows whose values are set against the middle of a wrapped row label: a line of values with
 * an empty first column, with the label's lines (first column only) just above and/or below.
 * Each such line joins the values line (claimed once, nearest values line first).
 */
export function centredLabels(drafts: RowDraft[], ruled: (a: TextLine, b: TextLine) => boolean): RowDraft[] {
  const stubOnly = (d: RowDraft) => d.cells.size === 1 && d.cells.get(0)?.colspan === 1;
  const near = (a: RowDraft, b: RowDraft) => {
    const la = a.lines[a.lines.length - 1]!;
    const lb = b.lines[0]!;
    return lb.baseline - la.baseline <= WRAP_STEP_EM * Math.max(la.size, lb.size) && !ruled(la, lb);
  };
  const claimedBy = new Array<number>(drafts.length).fill(-1);
  drafts.forEach((d, i) => {
    if (d.cells.has(0) || !d.cells.size) return;
    const up = drafts[i - 1];
    const down = drafts[i + 1];
    const hasUp = !!up && claimedBy[i - 1] === -1 && stubOnly(up) && near(up, d);
    if (hasUp) claimedBy[i - 1] = i;
    if (!down || !stubOnly(down) || !near(d, down)) return;
    // A label line between two values lines belongs to the second unless the first already
    // has its label's upper half (a label centred on its values).
    const after = drafts[i + 2];
    const leadsNext = !!after && !after.cells.has(0) && after.cells.size > 0 && near(down, after);
    if (!leadsNext || hasUp) claimedBy[i + 1] = i;
  });
  const out: RowDraft[] = [];
  drafts.forEach((d, i) => {
    if (claimedBy[i] !== -1) return;
    let row = d;
    if (i > 0 && claimedBy[i - 1] === i) row = mergeRows(drafts[i - 1]!, row);
    if (claimedBy[i + 1] === i) row = mergeRows(row, drafts[i + 1]!);
    out.push(row);
  });
  return out;
}

/** How a person's hints bend the stream builder. */
export interface StreamHints {
  /** Column boundaries (reading-frame x, ascending): the columns are exactly these. */
  columns?: readonly number[];
  /** The lines are one table whatever they look like (a region the user marked). */
  forced?: boolean;
}

export function buildStreamTable(run: readonly TextLine[], rulings: readonly Ruling[], fills: readonly FilledRect[], page: number, hints: StreamHints = {}): GridTable | null {
  const cols = hints.columns ? givenColumns(run, hints.columns) : columnRanges(run);
  if (cols.length < (hints.forced ? 1 : 2) || !run.length) return null;
  const hRules = rulings.filter((r) => r.orient === "h" && !r.soft);
  const ruledBetween = (la: TextLine, lb: TextLine) => hRules.some((r) => r.pos > la.y1 - 1 && r.pos < lb.y0 + 1 && overlap1d(r.from, r.to, la.x0, la.x1) > 0);
  const drafts = centredLabels(run.map((l) => rowOfLine(l, cols)), ruledBetween);
  const rows: RowDraft[] = [];
  for (const d of drafts) {
    const prev = rows[rows.length - 1];
    if (prev) {
      const la = prev.lines[prev.lines.length - 1]!;
      const lb = d.lines[0]!;
      if (isContinuation(prev, d, ruledBetween(la, lb))) {
        rows[rows.length - 1] = mergeRows(prev, d);
        continue;
      }
    }
    rows.push(d);
  }
  if (!hints.forced) {
    if (rows.length < 2) return null;
    const multiRows = rows.filter((r) => r.cells.size >= 2).length;
    if (multiRows < 2) return null;
    if (looksLikeProse(rows, cols)) return null;
  }
  const cells: GridCell[] = [];
  rows.forEach((row, r) => {
    const rowBox = boxOf(row.lines);
    for (const [c, v] of row.cells) {
      const ordered = [...v.chunks].sort((p, q) => p.y0 - q.y0 || p.x0 - q.x0);
      const lines: string[] = [];
      let lastY = -Infinity;
      for (const ch of ordered) {
        if (ch.y0 - lastY > ch.size * 0.4 || !lines.length) lines.push(ch.text);
        else lines[lines.length - 1] += ` ${ch.text}`;
        lastY = ch.y0;
      }
      const box = boxOf(v.chunks);
      cells.push({
        r,
        c,
        rowspan: 1,
        colspan: v.colspan,
        box,
        text: lines.join("\n"),
        bold: v.chunks.every((ch) => ch.bold),
        shaded: isShaded({ x0: box.x0, y0: rowBox.y0, x1: box.x1, y1: rowBox.y1 }, fills),
      });
    }
  });
  const xs = [cols[0]![0], ...cols.slice(1).map(([a], i) => (a + cols[i]![1]) / 2), cols[cols.length - 1]![1]];
  const box = boxOf(run);
  const table: GridTable = { page, box, method: "stream", nrows: rows.length, ncols: cols.length, cells, headerRows: 0, xs };
  // Columns a person gave stay, empty or not: they asked for exactly those.
  return hints.columns ? table : dropEmptyLines(table);
}

/** Column ranges from given boundaries, closed by the text's own left and right edges. */
function givenColumns(run: readonly TextLine[], boundaries: readonly number[]): [number, number][] {
  const box = boxOf(run);
  const inner = boundaries.filter((x) => x > box.x0 && x < box.x1);
  const edges = [Math.min(box.x0, inner[0] ?? Infinity), ...inner, Math.max(box.x1, inner[inner.length - 1] ?? -Infinity)];
  const out: [number, number][] = [];
  for (let i = 1; i < edges.length; i++) out.push([edges[i - 1]!, edges[i]!]);
  return out;
}

/**
 * Re-chunk lines at given column boundaries: a line's fragments fall in the column of their
 * centre, and each column's fragments are one chunk (the gaps inside a column do not split it).
 */
export function splitAtColumns(lines: readonly TextLine[], boundaries: readonly number[]): TextLine[] {
  return lines.map((l) => {
    const groups = new Map<number, Fragment[]>();
    for (const f of l.fragments) {
      const cx = (f.x0 + f.x1) / 2;
      let k = 0;
      while (k < boundaries.length && cx >= boundaries[k]!) k++;
      const g = groups.get(k);
      if (g) g.push(f);
      else groups.set(k, [f]);
    }
    const chunks = [...groups.keys()].sort((a, b) => a - b).map((k) => makeChunk(groups.get(k)!));
    return { ...l, chunks };
  });
}

/**
 * Columns of running text (a multi-column page layout, a sidebar) are not a table: most of
 * their cells are phrases of several words, while table cells are mostly short.
 */
function looksLikeProse(rows: RowDraft[], cols: [number, number][]): boolean {
  const texts = rows.flatMap((r) => [...r.cells.values()].map(cellText)).filter((t) => t.trim());
  const avg = texts.reduce((s, t) => s + t.length, 0) / Math.max(1, texts.length);
  if (cols.length <= 2 && avg > 45) return true;
  const wordy = texts.filter((t) => t.split(/\s+/).length >= 5).length;
  return wordy >= texts.length * 0.5;
}

export type { Box };
