/**
 * The summary score table: period columns × area rows of printed scores. Periods, areas and
 * scores all read it, so it is found once per Layout here.
 *
 * Found by structure, not wording: a run of two or more period labels (a header), or one
 * period label just after a profile's anchor text, followed by rows of "label  score score…".
 * Two renderings are handled:
 *  - grid: the reader found a table; scores are read by the period headers' columns, so a
 *    table with more period columns than any we have seen still reads right;
 *  - linear: the reader gave lines/paragraphs ("Good \nGovernance         4 5"); scores are
 *    the trailing figures of label lines or lines of figures alone, assigned to the current
 *    row in period order.
 */
import type { Period } from "../facts/schema.js";
import type { Layout, Place, TableBlock } from "../layout/types.js";
import { parsePeriod, periodSequence } from "./periods.js";
import { pieceMatchTexts, piecesOf, sameBlock, type Piece } from "./pieces.js";
import type { ReportProfile } from "./profiles.js";
import {
  normForMatch,
  normSpace,
  parseScoreText,
  splitLeadingNumber,
  splitTrailingScores,
  stripMarkup,
  wordCount,
} from "./text-utils.js";
import type { BlockRef } from "./context.js";

export interface SummaryPeriod {
  period: Period;
  place: Place;
}

export interface SummaryCell {
  raw: string;
  place: Place;
  /** Index into SummaryTable.periods. */
  periodIndex: number;
}

export interface SummaryRow {
  /** Label as printed, number stripped, whitespace-normalised. */
  label: string;
  number: number | null;
  place: Place;
  cells: SummaryCell[];
  /** Figures under target columns; periodIndex indexes SummaryTable.targets. */
  targets: SummaryCell[];
}

/** A column headed as a target ('Target 2019/20', 'Target March 2017'): what the council aims for, not a score. */
export interface SummaryTarget {
  /** The header as printed. */
  label: string;
  place: Place;
}

export interface SummaryTable {
  anchor: Piece | null;
  periods: SummaryPeriod[];
  rows: SummaryRow[];
  /** Target columns right after the period columns, in order. */
  targets: SummaryTarget[];
  /** Header texts inside the period run that looked like periods but did not parse. */
  unparsedHeaders: { text: string; place: Place }[];
  /** Blocks the table was read from (so other extractors can skip them). */
  blocks: BlockRef[];
}

const cache = new WeakMap<Layout, Map<string, SummaryTable | null>>();

/** The document's summary score table, or null. Cached per Layout and profile. */
export function findSummaryTable(layout: Layout, profile: ReportProfile): SummaryTable | null {
  let byProfile = cache.get(layout);
  if (!byProfile) cache.set(layout, (byProfile = new Map()));
  if (!byProfile.has(profile.kind)) byProfile.set(profile.kind, locate(layout, profile));
  return byProfile.get(profile.kind) ?? null;
}

function locate(layout: Layout, profile: ReportProfile): SummaryTable | null {
  const pieces = piecesOf(layout);
  let best: SummaryTable | null = null;
  for (let i = 0; i < pieces.length; i++) {
    const run = readPeriodRun(pieces, i);
    if (!run.periods.length) continue;
    const anchor = anchorBefore(pieces, pieceMatchTexts(layout), i, profile);
    if (run.periods.length < 2 && !anchor) {
      i = run.end - 1;
      continue;
    }
    const candidate = readRows(layout, pieces, run, anchor, profile);
    if (candidate && (!best || scoreCount(candidate) > scoreCount(best))) best = candidate;
    i = run.end - 1;
  }
  return best;
}

function scoreCount(table: SummaryTable): number {
  return table.rows.reduce((n, r) => n + r.cells.length, 0);
}

interface PeriodRun {
  periods: SummaryPeriod[];
  /** Pieces holding each period (first piece of each). */
  heads: Piece[];
  /** Target headers after the periods, and the pieces holding them. */
  targets: SummaryTarget[];
  targetHeads: Piece[];
  start: number;
  /** Index after the last piece of the run. */
  end: number;
}

/** Consecutive period labels from i; a label may be broken over up to three pieces ('April 17 -' / 'Sept 17'). */
function readPeriodRun(pieces: Piece[], i: number): PeriodRun {
  const run: PeriodRun = { periods: [], heads: [], targets: [], targetHeads: [], start: i, end: i };
  let k = i;
  while (k < pieces.length) {
    const got = periodAt(pieces, k) ?? stackedPeriodAt(pieces, k);
    if (got) {
      run.periods.push({ period: got.period, place: pieces[k]!.place });
      run.heads.push(got.head ?? pieces[k]!);
      k += got.used;
      continue;
    }
    // A text header row on one line: 'Key Priority Area April 2014 Sept 2014 …'.
    const piece = pieces[k]!;
    const found = piece.kind === "table" ? null : sequenceAt(pieces, k);
    if (!found || (run.periods.length > 0 && found.sequence.lead)) break;
    for (const period of found.sequence.periods) {
      run.periods.push({ period, place: piece.place });
      run.heads.push(piece);
    }
    k += found.used;
  }
  run.end = k;
  if (run.periods.length) readTargets(pieces, run);
  return run;
}

/** A target header: 'Target 2019/20', 'Target for March 2017', 'Targets', 'Aim 2020'. */
const TARGET_HEADER = /^\s*(?:target|aim|ambition|goal|aspiration)s?\b/i;

/**
 * Target columns after a run of period headers (in the same table row, or on the same text
 * line's tail): kept so their figures are read apart from the scores.
 */
function readTargets(pieces: Piece[], run: PeriodRun): void {
  const last = run.heads[run.heads.length - 1]!;
  for (let k = run.end; k < pieces.length && run.targets.length < 3; k++) {
    const piece = pieces[k]!;
    const text = normSpace(stripMarkup(piece.text));
    if (!TARGET_HEADER.test(text) || wordCount(text) > 8) break;
    if (last.kind === "table" ? !(sameBlock(piece, last) && piece.row === last.row) : piece.kind === "table") break;
    run.targets.push({ label: text, place: piece.place });
    run.targetHeads.push(piece);
    run.end = k + 1;
  }
}

/**
 * Periods in one text piece, or in it and the next when the piece ends on a month whose year
 * wrapped onto the next line ('Key Priority Area April' / '2014').
 */
function sequenceAt(pieces: Piece[], k: number): { sequence: NonNullable<ReturnType<typeof periodSequence>>; used: number } | null {
  const text = stripMarkup(pieces[k]!.text);
  const alone = periodSequence(text);
  if (alone) return { sequence: alone, used: 1 };
  const next = pieces[k + 1];
  const lastWord = /\S+\s*$/.exec(text)?.[0] ?? "";
  if (!next || next.kind === "table" || !LONE_WORD.test(lastWord) || !BARE_YEAR.test(next.text)) return null;
  const year = stripMarkup(next.text).trim();
  const joined = periodSequence(`${text} ${year}`);
  if (joined) return { sequence: joined, used: 2 };
  // One period after the row's own header text: the first column's title, a few words.
  const lead = text.slice(0, text.length - lastWord.length).trim();
  const period = parsePeriod(`${lastWord.trim()} ${year}`);
  if (!period || lead.split(/\s+/).length > 8 || /[.;:!?,]$/.test(lead)) return null;
  return { sequence: { lead, periods: [period] }, used: 2 };
}

function periodAt(pieces: Piece[], k: number): { period: Period; used: number; head?: Piece } | null {
  let text = "";
  for (let used = 1; used <= 3 && k + used - 1 < pieces.length; used++) {
    const piece = pieces[k + used - 1]!;
    // A label broken over pieces stays inside one cell or one run of text lines.
    if (used > 1 && (piece.kind === "table" || pieces[k]!.kind === "table")) break;
    text = text ? `${text} ${piece.text}` : piece.text;
    const period = parsePeriod(stripMarkup(text));
    if (period) return { period, used };
    // Only keep joining while the text ends like an unfinished range ('April 17 -'), or is a
    // month whose year is the next line ('April' / '2014', a narrow column's header).
    const following = pieces[k + used]?.text ?? "";
    if (!endsWithDash(text) && !/^\s*[-\u2010-\u2015]/.test(following) && !(LONE_WORD.test(text) && BARE_YEAR.test(following))) break;
  }
  return null;
}

/** How far ahead (in pieces) the cell below a header cell is looked for: a wide header row. */
const BELOW_REACH = 64;

/**
 * A period label stacked over two header rows of a table ('April' over '2014', as a narrow
 * column prints it): a cell that is no period alone but is with the cell right below it. The
 * lower cell is the head the column's scores sit under.
 */
function stackedPeriodAt(pieces: Piece[], k: number): { period: Period; used: number; head: Piece } | null {
  const top = pieces[k]!;
  if (top.kind !== "table" || top.row === undefined) return null;
  for (let j = k + 1; j < pieces.length && j <= k + BELOW_REACH; j++) {
    const below = pieces[j]!;
    if (!sameBlock(below, top) || below.row! > top.row + 1) break;
    if (below.row !== top.row + 1 || below.col !== top.col) continue;
    const period = parsePeriod(stripMarkup(`${top.text} ${below.text}`));
    return period ? { period, used: 1, head: below } : null;
  }
  return null;
}

/** One word of a month's length ('April', 'Sept.'): parsePeriod then says whether it is a month. */
const LONE_WORD = /^\s*\p{L}{3,9}\.?\s*$/u;
/** A year alone on its line or in its cell ('2014', '15', "'15"). */
const BARE_YEAR = /^\s*(?:'?\d{2}|\d{4})\s*$/;

/** Text whose last non-space character is a dash (/[-\u2010-\u2015]\s*$/, read from the end). */
function endsWithDash(text: string): boolean {
  const t = text.trimEnd();
  return t.length > 0 && /[-\u2010-\u2015]/.test(t[t.length - 1]!);
}

/** The profile's anchor text within a few pieces before i (the table's caption or its own header row). */
function anchorBefore(pieces: Piece[], matchTexts: string[], i: number, profile: ReportProfile): Piece | null {
  for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
    const text = matchTexts[k]!;
    if (profile.summaryAnchors.some((re) => re.test(text))) return pieces[k]!;
  }
  return null;
}

function readRows(
  layout: Layout,
  pieces: Piece[],
  run: PeriodRun,
  anchor: Piece | null,
  profile: ReportProfile,
): SummaryTable | null {
  const first = run.heads[0]!;
  const allInOneTable = first.kind === "table" && run.heads.every((h) => sameBlock(h, first));
  const table: SummaryTable = {
    anchor,
    periods: run.periods,
    rows: [],
    targets: run.targets,
    unparsedHeaders: [],
    blocks: [first.ref],
  };
  if (allInOneTable) {
    const block = layout.pages.find((p) => p.number === first.ref.page)?.blocks[first.ref.index];
    if (block?.kind !== "table") return null;
    readGridRows(block, run, profile, table);
  } else {
    readLinearRows(pieces, run, profile, table);
  }
  const scored = table.rows.filter((r) => r.cells.length > 0);
  if (scored.length === 0) return null;
  table.rows = scored;
  return table;
}

/** Grid: each body row's label cells and the cells under each period header. */
function readGridRows(block: TableBlock, run: PeriodRun, profile: ReportProfile, out: SummaryTable): void {
  const headerRow = Math.max(...run.heads.map((h) => h.row ?? 0));
  const periodCols = run.heads.map((h) => h.col ?? 0);
  const targetCols = run.targetHeads.map((h) => h.col ?? -1);
  const headerCells = block.rows[headerRow] ?? [];
  headerCells.forEach((cell, col) => {
    if (!cell || periodCols.includes(col) || targetCols.includes(col)) return;
    const text = normSpace(cell.text);
    if (/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b.*\d/i.test(text)) {
      out.unparsedHeaders.push({ text, place: cell.place });
    }
  });
  for (let r = headerRow + 1; r < block.rows.length; r++) {
    const cells = block.rows[r] ?? [];
    const labelParts: string[] = [];
    let labelPlace: Place | null = null;
    const scoreCells: SummaryCell[] = [];
    const targetCells: SummaryCell[] = [];
    cells.forEach((cell, col) => {
      if (!cell || !cell.text.trim()) return;
      const targetIndex = targetCols.indexOf(col);
      if (targetIndex >= 0) {
        const raw = normSpace(stripMarkup(cell.text));
        if (parseScoreText(raw)) targetCells.push({ raw, place: cell.place, periodIndex: targetIndex });
        return;
      }
      const periodIndex = periodCols.indexOf(col);
      if (periodIndex >= 0) {
        const raw = normSpace(stripMarkup(cell.text));
        if (parseScoreText(raw)) scoreCells.push({ raw, place: cell.place, periodIndex });
        return;
      }
      if (col < Math.min(...periodCols)) {
        labelParts.push(cell.text);
        labelPlace ??= cell.place;
      }
    });
    const labelText = normSpace(stripMarkup(labelParts.join(" ")));
    if (!labelText || (profile.areaColumnHeader && profile.areaColumnHeader.test(normForMatch(labelText)))) continue;
    const { number, rest } = splitLeadingNumber(labelText);
    out.rows.push({ label: rest, number, place: labelPlace ?? block.place, cells: scoreCells, targets: targetCells });
  }
}

interface PendingRow {
  labelParts: string[];
  place: Place;
  cells: SummaryCell[];
  targets: SummaryCell[];
  /** Length of SummaryTable.blocks once this row's pieces were added. */
  blocksAfter: number;
}

/** Linear: lines after the header; trailing figures are scores of the row being read. */
function readLinearRows(pieces: Piece[], run: PeriodRun, profile: ReportProfile, out: SummaryTable): void {
  const periodCount = run.periods.length;
  const pending: PendingRow[] = [];
  for (const head of run.heads) addBlock(out, head);
  for (let k = run.end; k < pieces.length; k++) {
    const piece = pieces[k]!;
    if (piece.kind === "heading" && piece !== pieces[run.end]) break;
    // A table after text rows is other content; only a table right after the header can hold the rows.
    if (piece.kind === "table" && !sameBlock(piece, pieces[run.end]!)) break;
    const text = stripMarkup(piece.text);
    const norm = normForMatch(text);
    if (!norm) continue;
    if (profile.descriptionCue?.test(norm) || profile.sectionScoreLabel?.test(norm)) break;
    if (profile.areaColumnHeader?.test(norm)) continue;
    const { label, scores } = splitTrailingScores(text);
    const last = pending[pending.length - 1];
    if (label) {
      // A label after figures starts the next row; a label after a label continues it.
      if (!last || last.cells.length > 0) {
        pending.push({ labelParts: [label], place: piece.place, cells: [], targets: [], blocksAfter: out.blocks.length });
      } else {
        last.labelParts.push(label);
        // A "label" running on for a paragraph is prose after the table: stop.
        if (wordCount(last.labelParts.join(" ")) > 60) {
          pending.pop();
          break;
        }
      }
    }
    const row = pending[pending.length - 1];
    if (!row) {
      if (scores.length) continue;
      break;
    }
    for (const raw of scores) {
      // Figures past the period columns fall under the target columns, when there are any.
      if (row.cells.length < periodCount) row.cells.push({ raw, place: piece.place, periodIndex: row.cells.length });
      else if (row.targets.length < run.targets.length) row.targets.push({ raw, place: piece.place, periodIndex: row.targets.length });
      else break;
    }
    addBlock(out, piece);
    row.blocksAfter = out.blocks.length;
  }
  dropTrailingPartialRows(pending, periodCount, out);
  for (const row of pending) {
    const { number, rest } = splitLeadingNumber(normSpace(row.labelParts.join(" ")));
    out.rows.push({ label: rest, number, place: row.place, cells: row.cells, targets: row.targets });
  }
}

function addBlock(out: SummaryTable, piece: Piece): void {
  if (!out.blocks.some((b) => b.page === piece.ref.page && b.index === piece.ref.index)) out.blocks.push(piece.ref);
}

/**
 * Rows read after the table's last full row that score fewer periods than the header names
 * are the text after the table ('Level 6 Excellent', a page number), not rows: once two
 * or more rows are full, they are dropped with their blocks. A short row between full rows
 * (a blank cell) stays.
 */
function dropTrailingPartialRows(pending: PendingRow[], periodCount: number, out: SummaryTable): void {
  if (pending.filter((r) => r.cells.length >= periodCount).length < 2) return;
  let keep = pending.length;
  while (keep > 0 && pending[keep - 1]!.cells.length < periodCount) keep--;
  if (keep === pending.length) return;
  out.blocks.length = Math.max(1, pending[keep - 1]!.blocksAfter);
  pending.length = keep;
}
