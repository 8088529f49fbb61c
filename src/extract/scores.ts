/**
 * Scores, from three kinds of place:
 *  - the summary score table (area × period), origin "summary-table";
 *  - each section's own "Self-Assessed Score Against Measures" figure, origin "section",
 *    for the report's current period; a section score that disagrees with the summary
 *    table is kept, with a warning;
 *  - each evaluation-table row's "Our score between 1-6" cell, origin "row", current period.
 * Summary scores come first: they are the report's own statement for every period.
 */
import type { Area, MessageFact, Period, Score } from "../facts/schema.js";
import { parsePeriod, periodsInText } from "./periods.js";
import type { Layout, Place, TableBlock } from "../layout/types.js";
import { resolveArea } from "./areas.js";
import type { ExtractContext } from "./context.js";
import { message, toPlaceFact } from "./context.js";
import { cellMatchText, pieceMatchTexts, piecesOf, sameRow, type Piece } from "./pieces.js";
import { profileFor, type ReportProfile } from "./profiles.js";
import { extractScale } from "./scale.js";
import { findSummaryTable, type SummaryTable } from "./summary-table.js";
import { normForMatch, normSpace, parseScoreText, SCORE_TOKEN, stripMarkup, type ParsedScore } from "./text-utils.js";

const SOURCE = "extract:scores";
/** The scale these reports print when a document does not print its own. */
const DEFAULT_TOP_LEVEL = 6;

/** Summary-table, section and row scores. */
export function extractScores(ctx: ExtractContext): { scores: Score[]; messages: MessageFact[] } {
  const profile = profileFor(ctx.profile);
  const messages: MessageFact[] = [];
  const top = topLevel(ctx.layout);
  const summary = findSummaryTable(ctx.layout, profile);
  const scores: Score[] = [];
  if (summary) scores.push(...summaryScores(ctx, summary, top, messages));
  scores.push(...sectionScores(ctx, profile, summary, scores, top, messages));
  scores.push(...judgementScores(ctx, profile, scores, top, messages));
  scores.push(...rowScores(ctx, profile, top, messages));
  return { scores, messages };
}

/** Highest level of the printed scale (values above it are suspect). */
function topLevel(layout: Layout): number {
  const levels = extractScale(layout).scale.map((l) => l.level);
  return levels.length ? Math.max(...levels) : DEFAULT_TOP_LEVEL;
}

function inScale(parsed: ParsedScore, top: number): boolean {
  if (parsed.value === null) return true;
  return parsed.value >= 1 && (parsed.valueMax ?? parsed.value) <= top;
}

function score(areaKey: string, periodLabel: string, raw: string, parsed: ParsedScore, origin: Score["origin"], place: Place): Score {
  return { areaKey, periodLabel, value: parsed.value, valueMax: parsed.valueMax, raw, origin, place: toPlaceFact(place) };
}

// ---------------------------------------------------------------------------------------

function summaryScores(ctx: ExtractContext, table: SummaryTable, top: number, messages: MessageFact[]): Score[] {
  const out: Score[] = [];
  for (const row of table.rows) {
    const area = resolveArea(ctx.areas, row.number, row.label);
    if (!area) {
      messages.push(message(SOURCE, "warning", `score table row '${row.label}' names no known area`, row.place));
      continue;
    }
    // A target is what the council aims for, not a judgement it made: never a score. It is
    // kept as an info message on the document (the export contract has no place for targets).
    for (const cell of row.targets) {
      const target = table.targets[cell.periodIndex];
      if (target) messages.push(message(SOURCE, "info", `target ${cell.raw} for '${area.label}' under '${target.label}' (a target, not a score)`, cell.place));
    }
    for (const cell of row.cells) {
      const parsed = parseScoreText(cell.raw);
      const period = table.periods[cell.periodIndex];
      if (!parsed || !period) continue;
      if (!inScale(parsed, top)) {
        messages.push(message(SOURCE, "warning", `score '${cell.raw}' for '${area.label}' is outside the scale 1-${top}`, cell.place));
      }
      out.push(score(area.key, period.period.label, cell.raw, parsed, "summary-table", cell.place));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------

/**
 * Each section score label and its figure: in the same text ('…Measures: 4'), in the next
 * cell of its row, or the first lone figure after it (renderings float the figure's text
 * box away from its label, sometimes past the next heading) but before the next label.
 */
function sectionScores(
  ctx: ExtractContext,
  profile: ReportProfile,
  summary: SummaryTable | null,
  summaryFound: Score[],
  top: number,
  messages: MessageFact[],
): Score[] {
  const labelRe = profile.sectionScoreLabel;
  if (!labelRe) return [];
  const pieces = piecesOf(ctx.layout);
  // The summary table's own caption/header cell uses the same words; it is not a section score.
  const inSummary = new Set((summary?.blocks ?? []).map((b) => `${b.page}:${b.index}`));
  const matchTexts = pieceMatchTexts(ctx.layout);
  const labels = pieces.filter(
    (p) => labelRe.test(matchTexts[p.index]!) && p.index !== summary?.anchor?.index && !inSummary.has(`${p.ref.page}:${p.ref.index}`),
  );
  const out: Score[] = [];
  const used = new Set<number>();
  labels.forEach((label, n) => {
    const limit = labels[n + 1]?.index ?? pieces.length;
    const area = ctx.areaOf(label.ref, label.row);
    const figure = figureAfter(ctx.layout, pieces, label, labelRe, limit, top, used);
    if (!area) {
      if (figure) messages.push(message(SOURCE, "warning", "section score outside any area section", label.place));
      return;
    }
    const period = ctx.currentPeriod;
    if (!figure) {
      messages.push(message(SOURCE, "info", `no figure found for the section score of area ${areaName(ctx.areas, area)}`, label.place));
      return;
    }
    if (!period) {
      messages.push(message(SOURCE, "warning", "section score found but the document names no period", figure.place));
      return;
    }
    const found = score(area, period.label, figure.raw, figure.parsed, "section", figure.place);
    const stated = summaryFound.find((s) => s.areaKey === area && s.periodLabel === period.label);
    if (stated && (stated.value !== found.value || stated.valueMax !== found.valueMax)) {
      messages.push(
        message(
          SOURCE,
          "warning",
          `section score ${figure.raw} for ${areaName(ctx.areas, area)} disagrees with the summary table's ${stated.raw} for ${period.label}`,
          figure.place,
        ),
      );
    }
    out.push(found);
  });
  return out;
}

function areaName(areas: Area[], key: string): string {
  const a = areas.find((x) => x.key === key);
  return a ? `'${a.label}'` : key;
}

interface Figure {
  raw: string;
  parsed: ParsedScore;
  place: Place;
}

function figureAfter(
  layout: Layout,
  pieces: Piece[],
  label: Piece,
  labelRe: RegExp,
  limit: number,
  top: number,
  used: Set<number>,
): Figure | null {
  // Same text: whatever follows the label.
  const norm = normSpace(stripMarkup(label.text));
  const match = labelRe.exec(normForMatch(norm));
  if (match) {
    const after = normSpace(norm.slice(match.index + match[0].length).replace(/^[\s:.-]+/, ""));
    const parsed = after ? loneFigure(after, top) : null;
    if (parsed) return { raw: after, parsed, place: label.place };
  }
  for (let k = label.index + 1; k < limit; k++) {
    const piece = pieces[k]!;
    if (used.has(k)) continue;
    const text = normSpace(stripMarkup(firstLine(piece.text)));
    const parsed = isPageNumber(layout, piece) ? null : loneFigure(text, top);
    // In the label's own table only its row counts: other rows' figures are other things.
    if (parsed && (piece.kind !== "table" || sameRow(piece, label) || label.kind !== "table" || !sameBlockPiece(piece, label))) {
      used.add(k);
      return { raw: text, parsed, place: piece.place };
    }
  }
  return null;
}

/** A page's printed number, alone at the top or bottom of the page (not a score). */
function isPageNumber(layout: Layout, piece: Piece): boolean {
  if (piece.kind === "table" || piece.place.page === null) return false;
  if (normSpace(piece.text) !== String(piece.ref.page)) return false;
  const count = layout.pages.find((pg) => pg.number === piece.ref.page)?.blocks.length ?? 0;
  return piece.ref.index === 0 || piece.ref.index === count - 1;
}

function sameBlockPiece(a: Piece, b: Piece): boolean {
  return a.ref.page === b.ref.page && a.ref.index === b.ref.index;
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim()) ?? "";
}

/** A text that is nothing but one in-scale score figure. */
function loneFigure(text: string, top: number): ParsedScore | null {
  if (!SCORE_TOKEN.test(text)) return null;
  const parsed = parseScoreText(text);
  return parsed && parsed.value !== null && inScale(parsed, top) ? parsed : null;
}

// ---------------------------------------------------------------------------------------

/**
 * A section's judgement on a line of its own, as councils word it: 'Judgement 2018/19: 3
 * (Good)', 'Score this period: 4 out of 5', 'Rating: 3/5', 'Overall rating - 4'. The words
 * before the colon may name the period; otherwise it is the report's current period. A
 * figure 'out of' or '/' another is that many levels' worth (never a range).
 */
const JUDGEMENT_LINE =
  /^(?:(?:our|overall|self[- ]?assessed|current|area|section|agreed)\s+)*(?:judge?ment|rating|score|grade|evaluation|assessment)\b(?<words>(?:\s+[^\s:]+){0,5}?)(?:\s*[:\u2013\u2014]|\s+-)\s*(?<raw>(?<value>\d{1,2})(?:\s*(?:\/|out of)\s*(?<outOf>\d{1,2}))?(?:\s*[(\u2013\u2014-]\s*[\p{L} ]{2,30}\)?)?)\s*\.?$/iu;

function judgementScores(ctx: ExtractContext, profile: ReportProfile, found: Score[], top: number, messages: MessageFact[]): Score[] {
  const out: Score[] = [];
  for (const piece of piecesOf(ctx.layout)) {
    if (piece.kind === "table" && (piece.col ?? 0) > 0) continue;
    const text = normSpace(stripMarkup(piece.text));
    const m = text.length <= 80 ? JUDGEMENT_LINE.exec(normDashesOnly(text)) : null;
    if (!m || profile.sectionScoreLabel?.test(normForMatch(text))) continue;
    const value = Number(m.groups!.value);
    const outOf = m.groups!.outOf ? Number(m.groups!.outOf) : null;
    const area = ctx.areaOf(piece.ref, piece.row);
    if (!area) {
      messages.push(message(SOURCE, "info", `judgement '${text}' outside any area section`, piece.place));
      continue;
    }
    if (outOf !== null && (outOf < value || outOf < 3 || outOf > 10)) continue;
    const scaleTop = outOf ?? top;
    if (value < 1 || value > scaleTop) {
      messages.push(message(SOURCE, "warning", `judgement '${text}' is outside the scale 1-${scaleTop}`, piece.place));
      continue;
    }
    if (outOf !== null && outOf !== top && top !== DEFAULT_TOP_LEVEL) {
      messages.push(message(SOURCE, "warning", `judgement '${text}' is out of ${outOf} but the report's key runs 1-${top}`, piece.place));
    }
    const period = periodNamed(ctx, m.groups!.words ?? "") ?? ctx.currentPeriod;
    if (!period) {
      messages.push(message(SOURCE, "warning", "section judgement found but the document names no period", piece.place));
      continue;
    }
    const raw = m.groups!.raw!;
    const s = score(area, period.label, raw, { value, valueMax: value }, "section", piece.place);
    const stated = [...found, ...out].find((x) => x.areaKey === area && x.periodLabel === period.label);
    if (stated && (stated.value !== s.value || stated.valueMax !== s.valueMax)) {
      messages.push(
        message(SOURCE, "warning", `section judgement ${raw} for ${areaName(ctx.areas, area)} disagrees with the ${stated.origin} score ${stated.raw} for ${period.label}`, piece.place),
      );
    }
    out.push(s);
  }
  return out;
}

/** Dashes made ASCII without touching anything else (the judgement line keeps its words). */
function normDashesOnly(text: string): string {
  return text.replace(/[\u2010-\u2012\u2212]/g, "-");
}

/** The document's period that words before a judgement name ('2018/19', 'for Q3 2018/19'), else null. */
function periodNamed(ctx: ExtractContext, words: string): Period | null {
  const named = periodsInText(words)[0] ?? parsePeriod(normSpace(words.replace(/^\s*(?:for|in|of|at)\s+/i, "")));
  if (!named) return null;
  return ctx.periods.find((p) => p.start === named.start && p.end === named.end) ?? null;
}

// ---------------------------------------------------------------------------------------

/**
 * Evaluation tables: the column headed like "Our score between 1-6"; each body row's cell
 * there scores the row's area (areaOf knows the row's area, continuation rows included).
 * A continuation table that lost its header keeps the previous table's score column.
 */
function rowScores(ctx: ExtractContext, profile: ReportProfile, top: number, messages: MessageFact[]): Score[] {
  const headerRe = profile.rowScoreHeader;
  const period = ctx.currentPeriod;
  if (!headerRe || !period) return [];
  const out: Score[] = [];
  const byArea = new Map<string, Score>();
  let previous: { col: number; columns: number } | null = null;
  for (const page of ctx.layout.pages) {
    page.blocks.forEach((block, index) => {
      if (block.kind !== "table") return;
      const columns = block.rows[0]?.length ?? 0;
      const found = scoreColumn(block, headerRe);
      const col = found ?? (previous && previous.columns === columns ? previous.col : null);
      if (col === null) return;
      previous = { col, columns };
      block.rows.forEach((cells, r) => {
        if (r < (block.headerRows ?? 0) || isHeaderRow(block, r, headerRe)) return;
        const cell = cells[col];
        if (!cell) return;
        const raw = normSpace(stripMarkup(cell.text));
        if (!raw || !SCORE_TOKEN.test(raw)) return;
        const parsed = parseScoreText(raw);
        if (!parsed || !inScale(parsed, top)) return;
        const area = ctx.areaOf({ page: page.number, index }, r);
        if (!area) {
          messages.push(message(SOURCE, "warning", `row score '${raw}' in a row that names no area`, cell.place));
          return;
        }
        const s = score(area, period.label, raw, parsed, "row", cell.place);
        const earlier = byArea.get(area);
        if (earlier) {
          if (earlier.value !== s.value || earlier.valueMax !== s.valueMax) {
            messages.push(message(SOURCE, "warning", `second row score '${raw}' for ${areaName(ctx.areas, area)} (first was '${earlier.raw}')`, cell.place));
          }
          return;
        }
        byArea.set(area, s);
        out.push(s);
      });
    });
  }
  return out;
}

/** Column index of the score header, scanning the first rows. */
function scoreColumn(block: TableBlock, headerRe: RegExp): number | null {
  for (let r = 0; r < Math.min(block.rows.length, 3); r++) {
    const cells = block.rows[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell && headerRe.test(cellMatchText(block, r, c))) return c;
    }
  }
  return null;
}

function isHeaderRow(block: TableBlock, r: number, headerRe: RegExp): boolean {
  return (block.rows[r] ?? []).some((c, col) => c && headerRe.test(cellMatchText(block, r, col)));
}
