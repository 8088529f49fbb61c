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
import { gapSegments, isBlank, isShortLabel, joinWrapped, labelAndNumbers, numbersOnly, cleanInline, type Line } from "./text-lines.js";

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
