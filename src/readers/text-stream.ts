/**
 * Table reconstruction for text dumped from PDFs (pdftotext), where tables lost their
 * borders. Two patterns are recoverable without knowing the document:
 *
 * 1. Aligned columns (pdftotext -layout, or hand-typed tables): a run of lines whose cells
 *    are separated by 2+ spaces and whose column starts line up → one table, each physical
 *    line a row; a line with an empty first column continues the row above.
 * 2. Label/number rows (pdftotext's default reading order): a short label, possibly broken
 *    over lines ("Good \nGovernance         4 5"), followed by one number per period. Numbers
 *    that pdftotext pushed onto a line of their own ("Robust \nProtection   4 \n\n   4")
 *    complete the row above; a label followed, after blank lines, by a numbers-only line is
 *    a row too. Short paragraphs just before the rows, one per value column, are the column
 *    headers ("April 17 - Sept 17" / "Oct 17- March 18").
 */
import type { Block, Cell } from "../layout/types.js";
import { makeTable, placeOf, type TextOptions } from "./text-table.js";
import { MD_HEADING, NUMBERED_SECTION, gapSegments, isBlank, isMonthYear, isNumericToken, isShortLabel, joinWrapped, labelAndNumbers, numbersOnly, cleanInline, type Line } from "./text-lines.js";

// ── 1. aligned columns ──────────────────────────────────────────────────────────────────

const ALIGN_TOLERANCE = 2;

/** A run of ≥2 lines with 2+-space gaps whose second column starts at the same place. */
export function readAlignedTable(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const first = gapSegments(lines[i]!.raw);
  if (first.length < 2 || !/\S\s{2,}\S/.test(lines[i]!.raw.trim())) return null;
  const rowsAt: number[] = [i];
  let j = i + 1;
  while (j < lines.length) {
    const raw = lines[j]!.raw;
    if (isBlank(raw)) {
      // One blank line may separate rows of a spaced-out table.
      if (j + 1 < lines.length && isAlignedWith(lines[j + 1]!.raw, first)) {
        j++;
        continue;
      }
      break;
    }
    if (!isAlignedWith(raw, first)) break;
    rowsAt.push(j);
    j++;
  }
  if (rowsAt.length < 2) return null;
  const anchors = columnAnchors(rowsAt.map((r) => gapSegments(lines[r]!.raw)));
  const rows: Cell[][] = [];
  for (const r of rowsAt) {
    const line = lines[r]!;
    const cells: Cell[] = anchors.map(() => ({ text: "", rowspan: 1, colspan: 1, place: { page: line.page, lines: [line.no, line.no] } }));
    for (const seg of gapSegments(line.raw)) {
      const col = anchorIndex(anchors, seg.start);
      const cell = cells[col]!;
      cell.text = cell.text ? `${cell.text} ${seg.text}` : seg.text;
    }
    const previous = rows[rows.length - 1];
    if (previous && !cells[0]!.text && cells.some((c) => c.text)) {
      // Empty first column: the text of a row whose cells wrapped onto another line.
      cells.forEach((c, k) => {
        const target = previous[k]!;
        if (!c.text) return;
        target.text = target.text ? `${target.text}\n${c.text}` : c.text;
        target.place = { page: target.place.page, lines: [target.place.lines![0], line.no] };
      });
      continue;
    }
    rows.push(cells);
  }
  if (rows.length < 2) return null;
  for (const row of rows) for (const cell of row) cell.text = cleanInline(cell.text, opts.markdown);
  out.push(makeTable(rows, placeOf(lines, i, rowsAt[rowsAt.length - 1]!), "text"));
  return rowsAt[rowsAt.length - 1]! + 1;
}

/** Has 2+ segments and a segment starting where `reference`'s second column starts. */
function isAlignedWith(raw: string, reference: { start: number }[]): boolean {
  const segs = gapSegments(raw);
  if (segs.length < 2 && !(segs.length === 1 && segs[0]!.start > 0)) return false;
  const refStarts = reference.slice(1).map((s) => s.start);
  return segs.some((s) => s.start > 0 && refStarts.some((r) => Math.abs(r - s.start) <= ALIGN_TOLERANCE));
}

/** Column start positions: segment starts clustered within the tolerance. */
function columnAnchors(rows: { start: number }[][]): number[] {
  const starts = rows.flat().map((s) => s.start).sort((a, b) => a - b);
  const anchors: number[] = [];
  for (const s of starts) {
    const last = anchors[anchors.length - 1];
    if (last === undefined || s - last > ALIGN_TOLERANCE) anchors.push(s);
  }
  return anchors;
}

function anchorIndex(anchors: number[], start: number): number {
  let best = 0;
  anchors.forEach((a, k) => {
    if (a <= start + ALIGN_TOLERANCE) best = k;
  });
  return best;
}

// ── 2. label / number rows ──────────────────────────────────────────────────────────────

interface NumericRow {
  label: string;
  labelLines: [number, number] | null;
  values: { text: string; line: number }[];
  firstIndex: number;
  lastIndex: number;
}

const MAX_LABEL_FRAGMENTS = 3;
const MAX_BLANK_RUN = 4;

/** Label/number rows starting at line i (see the module comment), at least two of them. */
export function readNumericRows(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const rows = collectNumericRows(lines, i);
  if (!rows) return null;
  const width = Math.max(...rows.map((r) => r.values.length));
  const lastIndex = rows[rows.length - 1]!.lastIndex;
  const header = takeHeaderBlocks(out, width, lines[i]!.no);
  const cellsRows: Cell[][] = [];
  if (header) {
    const page = lines[i]!.page;
    cellsRows.push([
      { text: "", rowspan: 1, colspan: 1, place: { page, lines: header[0]!.place.lines ?? null } },
      ...header.map((b): Cell => ({ text: b.text, rowspan: 1, colspan: 1, place: b.place })),
    ]);
  }
  for (const row of rows) {
    const page = lines[row.firstIndex]!.page;
    cellsRows.push([
      { text: cleanInline(row.label, opts.markdown), rowspan: 1, colspan: 1, place: { page, lines: row.labelLines } },
      ...row.values.map((v): Cell => ({ text: v.text, rowspan: 1, colspan: 1, place: { page, lines: [v.line, v.line] } })),
    ]);
  }
  const firstLine = header ? header[0]!.place.lines![0] : lines[i]!.no;
  const table = makeTable(cellsRows, { page: lines[i]!.page, lines: [firstLine, lines[lastIndex]!.no] }, "text", header ? 1 : 0);
  out.push(table);
  return lastIndex + 1;
}

/**
 * Walk lines from i collecting label fragments and number runs into rows. Returns null
 * unless at least two rows have both a label and values. Stops (without consuming them) at
 * label fragments that no numbers follow.
 */
function collectNumericRows(lines: Line[], i: number): NumericRow[] | null {
  // First pass learns the row width from the lines that start rows (a later row may be the
  // first to show it); the second uses it to decide whether a numbers-only line finishes
  // the row above.
  const probe = collectRowsWithWidth(lines, i, Number.POSITIVE_INFINITY);
  if (!probe) return null;
  return collectRowsWithWidth(lines, i, probe.width)?.rows ?? null;
}

function collectRowsWithWidth(lines: Line[], i: number, fillWidth: number): { rows: NumericRow[]; width: number } | null {
  const rows: NumericRow[] = [];
  let pending: number[] = [];
  let blanks = 0;
  let width = 0;
  for (let j = i; j < lines.length; j++) {
    const raw = lines[j]!.raw;
    if (isBlank(raw)) {
      if (++blanks > MAX_BLANK_RUN) break;
      continue;
    }
    const afterBlank = blanks > 0;
    blanks = 0;
    const ln = labelAndNumbers(raw);
    if (ln && isMonthAndYear(ln.label, ln.values)) break; // a period header ('April 2014'), not a row
    if (ln && isShortLabel(ln.label, 6) && !(afterBlank && pending.length > 0)) {
      const labelLines = [...pending, j];
      rows.push({
        label: labelLines.map((k) => (k === j ? ln.label : lines[k]!.raw)).reduce(joinWrapped, ""),
        labelLines: [lines[labelLines[0]!]!.no, lines[j]!.no],
        values: ln.values.map((text) => ({ text, line: lines[j]!.no })),
        firstIndex: labelLines[0]!,
        lastIndex: j,
      });
      width = Math.max(width, ln.values.length);
      pending = [];
      continue;
    }
    const nums = numbersOnly(raw);
    if (nums) {
      const last = rows[rows.length - 1];
      // 'April' / '2014': a period header broken over two lines, not a label and its value.
      if (pending.length > 0 && isMonthAndYear(pending.map((k) => lines[k]!.raw).join(" "), nums)) break;
      if (pending.length > 0) {
        rows.push({
          label: pending.map((k) => lines[k]!.raw).reduce(joinWrapped, ""),
          labelLines: [lines[pending[0]!]!.no, lines[pending[pending.length - 1]!]!.no],
          values: nums.map((text) => ({ text, line: lines[j]!.no })),
          firstIndex: pending[0]!,
          lastIndex: j,
        });
        width = Math.max(width, nums.length);
        pending = [];
        continue;
      }
      if (last && last.values.length + nums.length <= fillWidth) {
        // Numbers pdftotext moved below their row: they finish the row above.
        last.values.push(...nums.map((text) => ({ text, line: lines[j]!.no })));
        last.lastIndex = j;
        continue;
      }
      break;
    }
    if (isShortLabel(raw)) {
      // Fragments of one label are contiguous; a blank line before a new fragment means the
      // earlier fragments were not a label of this table.
      if (afterBlank && pending.length > 0) {
        if (rows.length === 0) return null;
        break;
      }
      pending.push(j);
      if (pending.length > MAX_LABEL_FRAGMENTS) {
        if (rows.length === 0) return null;
        break;
      }
      continue;
    }
    break;
  }
  const complete = rows.filter((r) => r.label && r.values.length > 0);
  return complete.length >= 2 ? { rows, width } : null;
}

/** A month name and one year: a period column's header ('April 2014'), whatever line it wrapped at. */
function isMonthAndYear(label: string, values: readonly string[]): boolean {
  return values.length === 1 && /^(?:19|20)\d{2}$/.test(values[0]!) && isMonthYear(`${label.trim()} ${values[0]}`);
}

/**
 * Column headers written as short paragraphs right before the rows, one per value column.
 * They are removed from `out` and returned, or null when the blocks do not fit.
 */
function takeHeaderBlocks(out: Block[], width: number, firstLineNo: number): { text: string; place: Block["place"] }[] | null {
  if (width < 1 || out.length < width) return null;
  const tail = out.slice(out.length - width);
  const fits = tail.every((b) => b.kind === "paragraph" && isShortLabel(b.text, 6) && b.place.lines);
  if (!fits) return null;
  const lastLine = tail[tail.length - 1]!.place.lines![1];
  if (firstLineNo - lastLine > 3) return null;
  out.splice(out.length - width, width);
  return tail.map((b) => ({ text: (b as { text: string }).text, place: b.place }));
}

// ── 3. figure columns (pdftotext -layout) ──────────────────────────────────────────────

/**
 * A table whose body lines end in two or more figure columns, as `pdftotext -layout` writes
 * a score table: figures centred under their column headers (so column starts do not line
 * up), headers broken over lines ('April 17 -' over 'Sept 17'), and row labels wrapped over
 * lines above and below the figures' line, rows apart by blank lines.
 *
 * Found from the figures: a run of lines whose trailing 2+-space segments are numbers, their
 * centres in the same columns. Column regions are cut halfway between figure centres; text
 * left of the first figure column is the row label. Blank-line groups before the first
 * figure line whose every line has text over the figure columns are header rows (one row per
 * group, lines joined per column; a header wider than one column spans them). Each later
 * group holding a figure line is one row (a group with several figure lines is split at
 * each, extra lines joining the row above). The table must start at line i, after at most a
 * caption line with nothing over the figure columns; otherwise another rule reads line i.
 */
export function readFigureColumns(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const groups = lineGroups(lines, i);
  const firstBody = groups.findIndex((g) => g.some((k) => figureSegments(lines[k]!.raw) !== null));
  if (firstBody < 0 || firstBody > MAX_HEADER_GROUPS) return null;
  const columns = figureColumns(lines, groups.slice(firstBody));
  if (!columns) return null;
  const { centres, bodyGroups } = columns;
  if (bodyGroups < 2 && groups[firstBody]!.filter((k) => figureSegments(lines[k]!.raw)).length < 2) return null;
  const figureLeft = columns.left;
  const overFigures = (k: number) => gapSegments(lines[k]!.raw).some((s) => regionOf(s, figureLeft) === "figures");

  // Header groups must reach back to line i (a leading caption line may sit on top of them).
  const headerGroups = groups.slice(0, firstBody).map((g) => [...g]);
  const body = groups.slice(firstBody, firstBody + bodyGroups).map((g) => [...g]);
  const firstGroup = headerGroups[0] ?? body[0]!;
  let caption: number | null = null;
  if (firstGroup.length > 1 && !overFigures(firstGroup[0]!) && overFigures(firstGroup[1]!) && (headerGroups.length > 0 || !figureSegments(lines[firstGroup[1]!]!.raw))) {
    caption = firstGroup.shift()!;
  }
  if (headerGroups.some((g) => !g.every(overFigures))) return null;
  // Lines over the figure columns at the top of the first body group are header lines too.
  const topHeader: number[] = [];
  const firstBodyGroup = body[0]!;
  while (firstBodyGroup.length && !figureSegments(lines[firstBodyGroup[0]!]!.raw) && overFigures(firstBodyGroup[0]!)) {
    topHeader.push(firstBodyGroup.shift()!);
  }
  if (topHeader.length) headerGroups.push(topHeader);

  const width = centres.length + 1;
  const bounds = centres.map((c, n) => [n === 0 ? -Infinity : (centres[n - 1]! + c) / 2, n === centres.length - 1 ? Infinity : (c + centres[n + 1]!) / 2] as const);
  const rows: Cell[][] = [];
  const blankRow = (): Cell[] => Array.from({ length: width }, (): Cell => ({ text: "", rowspan: 1, colspan: 1, place: { page: lines[i]!.page, lines: null } }));
  const put = (row: Cell[], col: number, text: string, line: Line, colspan = 1) => {
    const cell = row[col]!;
    cell.text = cell.text ? `${cell.text}\n${text}` : text;
    const range = cell.place.lines;
    cell.place = { page: line.page, lines: range ? [range[0], line.no] : [line.no, line.no] };
    if (colspan > cell.colspan) cell.colspan = colspan;
  };
  const addLine = (row: Cell[], k: number) => {
    const line = lines[k]!;
    for (const seg of gapSegments(line.raw)) {
      if (regionOf(seg, figureLeft) === "label") {
        put(row, 0, seg.text, line);
        continue;
      }
      const cols = bounds.flatMap(([lo, hi], n) => (seg.start < hi && seg.start + seg.text.length > lo ? [n] : []));
      const centre = seg.start + seg.text.length / 2;
      const own = cols.length ? cols : [nearest(centres, centre)];
      put(row, own[0]! + 1, seg.text, line, own.length);
    }
  };
  for (const group of headerGroups) {
    const row = blankRow();
    for (const k of group) addLine(row, k);
    rows.push(row);
  }
  for (const group of body) {
    let row: Cell[] | null = null;
    let sawFigures = false;
    for (const k of group) {
      const isFigureLine = figureSegments(lines[k]!.raw) !== null;
      if (!row || (isFigureLine && sawFigures)) {
        row = blankRow();
        rows.push(row);
        sawFigures = false;
      }
      sawFigures ||= isFigureLine;
      addLine(row, k);
    }
  }
  // Spanned positions are null in the grid (the spanning cell sits at its top-left).
  const grid: (Cell | null)[][] = rows.map((row) => {
    const out: (Cell | null)[] = [...row];
    row.forEach((cell, c) => {
      if (out[c] === null) return;
      let span = 1;
      while (span < cell.colspan && c + span < width && !row[c + span]!.text) out[c + span++] = null;
      cell.colspan = span;
    });
    return out;
  });
  for (const row of grid) {
    for (const cell of row) {
      if (!cell) continue;
      cell.text = cleanInline(cell.text, opts.markdown);
      cell.place.lines ??= row.find((c) => c?.place.lines)?.place.lines ?? null;
    }
  }
  if (caption !== null) {
    out.push({ kind: "paragraph", text: cleanInline(lines[caption]!.raw, opts.markdown), place: placeOf(lines, caption, caption) });
  }
  const first = headerGroups[0]?.[0] ?? body[0]![0]!;
  const lastGroup = body[body.length - 1]!;
  const last = lastGroup[lastGroup.length - 1]!;
  const headerRows = headerGroups.length;
  out.push({ kind: "table", rows: grid, place: placeOf(lines, first, last), method: "text", headerRows });
  return last + 1;
}

const MAX_HEADER_GROUPS = 3;
const MAX_GROUP_LINES = 8;
const FIGURE_TOLERANCE = 4;
/** A figure column's text may start this far left of the figures (centred headers are wider). */
const HEADER_SLACK = 6;

/** Groups of non-blank lines from i, apart by one or two blank lines, on one page. */
function lineGroups(lines: Line[], i: number): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  let blanks = 0;
  for (let k = i; k < lines.length; k++) {
    const line = lines[k]!;
    if (isBlank(line.raw)) {
      blanks++;
      if (blanks > 2) break;
      continue;
    }
    if (current.length && (blanks > 0 || current.length >= MAX_GROUP_LINES)) {
      groups.push(current);
      current = [];
    }
    if (line.page !== lines[i]!.page) break;
    blanks = 0;
    current.push(k);
  }
  if (current.length) groups.push(current);
  return groups;
}

/** The trailing figure segments of a line when there are two or more, else null. */
function figureSegments(raw: string): { start: number; text: string }[] | null {
  const segs = gapSegments(raw);
  let n = segs.length;
  while (n > 0 && isNumericToken(segs[n - 1]!.text)) n--;
  const figures = segs.slice(n);
  return figures.length >= 2 ? figures : null;
}

/**
 * Figure columns from the body groups (starting at groups[0]): the centres of the first
 * figure line, and how many groups in a row have figure lines that fit them.
 */
function figureColumns(lines: Line[], groups: number[][]): { centres: number[]; left: number; bodyGroups: number } | null {
  let centres: number[] | null = null;
  let left = Infinity;
  let bodyGroups = 0;
  for (const group of groups) {
    const figureLines = group.map((k) => figureSegments(lines[k]!.raw)).filter((f): f is { start: number; text: string }[] => f !== null);
    if (!figureLines.length) break;
    let fits = true;
    for (const figs of figureLines) {
      const mids = figs.map((s) => s.start + s.text.length / 2);
      if (!centres) centres = mids;
      else if (mids.length !== centres.length || mids.some((m, n) => Math.abs(m - centres![n]!) > FIGURE_TOLERANCE)) fits = false;
    }
    if (!fits) break;
    for (const figs of figureLines) left = Math.min(left, figs[0]!.start);
    bodyGroups++;
  }
  return centres && bodyGroups > 0 ? { centres, left, bodyGroups } : null;
}

function regionOf(seg: { start: number; text: string }, figureLeft: number): "label" | "figures" {
  const centre = seg.start + seg.text.length / 2;
  return seg.start >= figureLeft - HEADER_SLACK || centre >= figureLeft ? "figures" : "label";
}

function nearest(values: number[], x: number): number {
  let best = 0;
  values.forEach((v, n) => {
    if (Math.abs(v - x) < Math.abs(values[best]! - x)) best = n;
  });
  return best;
}

// ── 4. text columns under a header row (pdftotext -layout) ─────────────────────────────

/**
 * A table of text columns under a header row, as `pdftotext -layout` writes a bordered
 * table: a header of three or more short segments (possibly over several lines, centred
 * over their columns), a blank line, then body lines whose columns are left-aligned text
 * with ragged right edges. Columns are found the way a "stream" table reader finds them:
 * gutters are the character positions that (almost) no body line writes in; a header
 * standing over a gutter (a column empty in the body, like a RAG column) makes a column of
 * its own, and a column no header stands over (a bullet glyph's column) joins the neighbour
 * it is closest to. Each blank-line group of body lines is a row; a word belongs to the
 * column it starts in. The table ends at a page break, two blank lines, a numbered
 * section heading, or a line of prose written across two or more gutters.
 */
export function readGutterTable(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const header = headerLines(lines, i);
  if (!header) return null;
  let k = header[header.length - 1]! + 1;
  while (k < lines.length && isBlank(lines[k]!.raw)) k++;
  if (k === header[header.length - 1]! + 1) return null; // no blank line under the header
  let body = bodyLines(lines, k, lines[i]!.page, lines[i]!.raw);
  if (body.length < 2) return null;
  // Prose across the page after the table (text over three or more headers' centres) ends it.
  const centres = widestHeaderLine(lines, header).map((s) => s.start + s.text.length / 2);
  const cut = body.findIndex((b) => gapSegments(lines[b]!.raw).some((s) => centres.filter((c) => c >= s.start && c < s.start + s.text.length).length >= 3));
  if (cut >= 0) body = body.slice(0, cut);
  if (body.length < 2) return null;
  const columns = gutterColumns(lines, header, body);
  if (!columns) return null;
  while (body.length && isPageNumber(lines[body[body.length - 1]!]!.raw)) body.pop();
  const filled = body.filter((b) => new Set(cellPieces(lines[b]!.raw, columns!).map((p) => p.col)).size >= 2).length;
  // A body in the first column alone (an action plan whose other cells are empty) must
  // keep within it: prose under a header-like line runs across the columns.
  if (filled < 1 && body.some((b) => gapSegments(lines[b]!.raw).some((s) => s.start + s.text.length > columns![1]!.start))) return null;

  const width = columns.length;
  const makeRow = (): Cell[] => Array.from({ length: width }, (): Cell => ({ text: "", rowspan: 1, colspan: 1, place: { page: lines[i]!.page, lines: null } }));
  const addText = (row: Cell[], col: number, text: string, line: Line) => {
    const cell = row[col]!;
    cell.text = cell.text ? `${cell.text}\n${text}` : text;
    const range = cell.place.lines;
    cell.place = { page: line.page, lines: range ? [range[0], line.no] : [line.no, line.no] };
  };
  const addLine = (row: Cell[], k: number, isHeader: boolean) => {
    const line = lines[k]!;
    const parts = new Map<number, string[]>();
    const pieces = isHeader
      ? gapSegments(line.raw).map((s) => ({ col: columnAt(columns!, s.start + s.text.length / 2), text: s.text }))
      : cellPieces(line.raw, columns!);
    for (const p of pieces) parts.set(p.col, [...(parts.get(p.col) ?? []), p.text]);
    for (const [col, words] of [...parts].sort((x, y) => x[0] - y[0])) addText(row, col, words.join(" "), line);
  };
  const rows: Cell[][] = [];
  const headerRow = makeRow();
  for (const h of header) addLine(headerRow, h, true);
  rows.push(headerRow);
  let row: Cell[] | null = null;
  for (let n = 0; n < body.length; n++) {
    const b = body[n]!;
    if (!row || body[n - 1] !== b - 1) rows.push((row = makeRow()));
    addLine(row, b, false);
  }
  for (const r of rows) {
    for (const cell of r) {
      cell.text = cleanInline(cell.text, opts.markdown);
      cell.place.lines ??= r.find((c) => c.place.lines)?.place.lines ?? null;
    }
  }
  const last = body[body.length - 1]!;
  out.push(makeTable(rows, placeOf(lines, header[0]!, last), "text", 1));
  return last + 1;
}

const MAX_HEADER_LINES = 5;
const MIN_HEADER_SEGMENTS = 3;
/** Share of body lines that may write across a gutter (cells pdftotext set one space apart). */
const GUTTER_NOISE = 0.1;

/** Header lines from i: the first has 3+ short segments, the rest short segments, up to a blank line. */
function headerLines(lines: Line[], i: number): number[] | null {
  const short = (raw: string) => gapSegments(raw).every((s) => s.text.length <= 45 && s.text.split(" ").length <= 7 && !/[.;]$/.test(s.text) && !isNumericToken(s.text));
  const first = lines[i]!.raw;
  if (gapSegments(first).length < MIN_HEADER_SEGMENTS || !short(first)) return null;
  const out = [i];
  for (let k = i + 1; k < lines.length && out.length < MAX_HEADER_LINES; k++) {
    const raw = lines[k]!.raw;
    if (isBlank(raw)) return out;
    if (!short(raw)) return null;
    out.push(k);
  }
  const next = lines[out[out.length - 1]! + 1];
  return !next || isBlank(next.raw) ? out : null;
}

/** Body lines from k on one page: up to two blank lines, a section heading or a repeated header. */
function bodyLines(lines: Line[], k: number, page: number | null, headerRaw: string): number[] {
  const out: number[] = [];
  let blanks = 0;
  const headerKey = gapSegments(headerRaw).map((s) => s.text).join("|");
  for (; k < lines.length; k++) {
    const line = lines[k]!;
    if (line.page !== page) break;
    if (isBlank(line.raw)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    if (/^\S/.test(line.raw) && (NUMBERED_SECTION.test(line.raw) || MD_HEADING.test(line.raw))) break;
    if (gapSegments(line.raw).map((s) => s.text).join("|") === headerKey) break;
    out.push(k);
  }
  return out;
}

interface Column {
  start: number;
  end: number;
}

/** Tolerance, in characters, of a text's start against its column's left edge. */
const EDGE_TOLERANCE = 4;

/** The segments of the header line with the most of them. */
function widestHeaderLine(lines: Line[], header: number[]): { start: number; text: string }[] {
  return header.map((h) => gapSegments(lines[h]!.raw)).reduce((a, b) => (b.length > a.length ? b : a), []);
}

/** Columns from the body's gutters and the header's segments, left to right; null when fewer than two. */
function gutterColumns(lines: Line[], header: number[], body: number[]): Column[] | null {
  const width = Math.max(...[...header, ...body].map((k) => lines[k]!.raw.length));
  const used = new Array<number>(width + 1).fill(0);
  for (const b of body) for (const s of gapSegments(lines[b]!.raw)) for (let x = s.start; x < s.start + s.text.length; x++) used[x]!++;
  const noise = Math.floor(body.length * GUTTER_NOISE);
  let columns: Column[] = [];
  let start = -1;
  for (let x = 0; x <= width; x++) {
    const free = x === width || used[x]! <= noise;
    if (!free && start < 0) start = x;
    if (free && start >= 0) {
      // A one-character gap is a space between words, not a gutter.
      let gap = x;
      while (gap < width && used[gap]! <= noise) gap++;
      if (gap - x >= 2 || gap === width) {
        columns.push({ start, end: x });
        start = -1;
      }
      x = gap - 1;
    }
  }
  const heads = header.flatMap((h) => gapSegments(lines[h]!.raw)).map((s) => ({ start: s.start, end: s.start + s.text.length }));
  // A header over a gutter is a column with an empty body.
  for (const h of heads) {
    if (columns.some((c) => h.start < c.end && c.start < h.end)) continue;
    columns.push({ start: h.start, end: h.end });
  }
  columns.sort((a, b) => a.start - b.start);
  columns = splitSharedColumns(lines, body, columns, widestHeaderLine(lines, header));
  // A column no header stands over joins the neighbour across the narrower gutter.
  const claimed = (c: Column) => heads.some((h) => (h.start + h.end) / 2 >= c.start - 2 && (h.start + h.end) / 2 < c.end + 2);
  if (columns.some(claimed)) {
    for (let n = 0; n < columns.length && columns.length > 1; ) {
      const c = columns[n]!;
      if (claimed(c)) {
        n++;
        continue;
      }
      const left = columns[n - 1];
      const right = columns[n + 1];
      const toLeft = left && (!right || c.start - left.end <= right.start - c.end);
      if (toLeft) left!.end = Math.max(left!.end, c.end);
      else right!.start = Math.min(right!.start, c.start);
      columns.splice(n, 1);
    }
  }
  return columns.length >= 2 ? columns : null;
}

/**
 * Two header segments over one gutter column: pdftotext wrote the columns one space apart on
 * enough lines to close the gutter. The column is cut at the left edge most lines start a
 * segment at between the two headers.
 */
function splitSharedColumns(lines: Line[], body: number[], columns: Column[], heads: { start: number; text: string }[]): Column[] {
  const out: Column[] = [];
  for (const c of columns) {
    const centres = heads.map((h) => h.start + h.text.length / 2).filter((m) => m >= c.start - EDGE_TOLERANCE && m < c.end + EDGE_TOLERANCE);
    let current = { ...c };
    for (let n = 1; n < centres.length; n++) {
      const lo = centres[n - 1]!;
      const hi = centres[n]!;
      const starts = body.flatMap((b) => gapSegments(lines[b]!.raw).map((s) => s.start)).filter((x) => x > lo && x <= hi && x > current.start + EDGE_TOLERANCE);
      const edge = commonEdge(starts);
      if (edge === null) continue;
      out.push({ start: current.start, end: edge });
      current = { start: edge, end: current.end };
    }
    out.push(current);
  }
  return out;
}

/** The smallest start of the most common cluster of starts (at least two), else null. */
function commonEdge(starts: number[]): number | null {
  const sorted = [...starts].sort((a, b) => a - b);
  let best: number[] = [];
  for (let n = 0; n < sorted.length; n++) {
    const cluster = sorted.filter((x) => x >= sorted[n]! && x - sorted[n]! <= 2);
    if (cluster.length > best.length) best = cluster;
  }
  return best.length >= 2 ? best[0]! : null;
}

/** The column a position falls in: the last whose left edge is at or before it. */
function columnAt(columns: Column[], x: number): number {
  let col = 0;
  columns.forEach((c, n) => {
    if (c.start <= x) col = n;
  });
  return col;
}

/**
 * A body line cut into its cells' texts. Segments (2+-space runs) go to the column they
 * start in; a segment written across a column's left edge (cells set one space apart) is cut
 * at the word that starts nearest that edge.
 */
function cellPieces(raw: string, columns: Column[]): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  for (const seg of gapSegments(raw)) {
    const words = [...seg.text.matchAll(/\S+/g)].map((m) => ({ start: seg.start + m.index, text: m[0] }));
    let piece: { col: number; words: string[] } | null = null;
    const first = columnAt(columns, seg.start + EDGE_TOLERANCE);
    for (const w of words) {
      let col: number = piece ? piece.col : first;
      const next = columns[col + 1];
      const crosses = next !== undefined && seg.start + seg.text.length > next.start;
      if (piece && crosses && Math.abs(w.start - next!.start) <= EDGE_TOLERANCE + 2 && isNearestStart(words, w, next!.start)) col++;
      if (!piece || col !== piece.col) {
        if (piece) out.push({ col: piece.col, text: piece.words.join(" ") });
        piece = { col, words: [] };
      }
      piece.words.push(w.text);
    }
    if (piece) out.push({ col: piece.col, text: piece.words.join(" ") });
  }
  return out;
}

function isNearestStart(words: { start: number }[], w: { start: number }, edge: number): boolean {
  return words.every((o) => Math.abs(o.start - edge) >= Math.abs(w.start - edge));
}

/** A page's printed number alone on its line. */
function isPageNumber(raw: string): boolean {
  return /^\s+\d{1,3}\s*$/.test(raw);
}
