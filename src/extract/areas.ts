/**
 * The numbered area framework (cornerstones, key priority areas) and which blocks belong to
 * which area.
 *
 * Areas come from up to three places, merged by number:
 *  - numbered section headings ("1).  Good Governance") followed by the profile's
 *    description cue ("What does good look like? …");
 *  - the summary score table's rows ("2. Monmouthshire's Safeguarding …"); a row without
 *    its number gets one by matching a heading's label, else from its position;
 *  - evaluation tables whose first column states each area ("1. In Monmouthshire we will…").
 *
 * Sections run from an area heading to the next area heading or to a clearly non-area part
 * (appendix, action plan). Inside such parts a short sub-heading naming an area ("1).Good
 * Governance" over an action plan organised by cornerstone) opens that area again. Tables
 * whose rows each name an area (numbered first column) get row-level areas, carried over
 * continuation rows and continuation tables.
 */
import type { Area, MessageFact } from "../facts/schema.js";
import type { Layout, Place, TableBlock } from "../layout/types.js";
import type { BlockRef, Profile } from "./context.js";
import { message, toPlaceFact } from "./context.js";
import { blockPieces, cellMatchText, pieceMatchTexts, piecesOf, refKey, type Piece } from "./pieces.js";
import { profileFor, type ReportProfile } from "./profiles.js";
import { findSummaryTable, type SummaryTable } from "./summary-table.js";
import {
  contentWordSets,
  normForMatch,
  normSpace,
  setOverlap,
  slug,
  splitLeadingNumber,
  stripBullet,
  stripMarkup,
  wordCount,
} from "./text-utils.js";
import { oncePer } from "./memo.js";

export interface AreaFindings {
  areas: Area[];
  areaOf(ref: BlockRef, row?: number): string | null;
  messages: MessageFact[];
}

/**
 * Content-word sets by text, one memo per areas (or headings) array: resolving every row and
 * sub-heading against the same areas splits each area's label and description once.
 */
const areaWordSets = oncePer((_areas: Area[]) => contentWordSets());
const headingWordSets = oncePer((_headings: AreaHeading[]) => contentWordSets());

/** Longest label we accept as a heading ("Safe Services – delivered through commissioning …" is 10). */
const MAX_HEADING_WORDS = 16;

interface Candidate {
  number: number | null;
  label: string | null;
  description: string | null;
  place: Place | null;
}

/** The numbered area framework and which blocks belong to which area. */
export function findAreas(layout: Layout, profile: Profile): AreaFindings {
  const full = profileFor(profile);
  const messages: MessageFact[] = [];
  const headings = full.areaSections ? findAreaHeadings(layout, full) : [];
  const summaryRows = summaryRowCandidates(layout, full, headings, messages);
  const evaluation = evaluationRowCandidates(layout, full);
  const areas = mergeCandidates(headings.map((h) => h.candidate), summaryRows, evaluation);
  const areaOf = buildAreaOf(layout, full, areas, headings);
  return { areas, areaOf, messages };
}

// ---------------------------------------------------------------------------------------
// Headings

interface AreaHeading {
  piece: Piece;
  candidate: Candidate;
  /** The rest of the heading line after the number, as printed. */
  text: string;
}

/** A line that reads as a numbered area heading: '1).  Good Governance', '2). Safe Workforce:'. */
function numberedHeading(text: string): { number: number; rest: string } | null {
  const { number, rest } = splitLeadingNumber(text);
  if (number === null || !rest || !/^[A-Za-z'"\u2018\u201c]/.test(rest)) return null;
  if (wordCount(rest, MAX_HEADING_WORDS + 1) > MAX_HEADING_WORDS) return null;
  return { number, rest: normSpace(rest) };
}

/** Heading label without a trailing colon or its explanatory tail ('Safe Services – delivered through …'). */
export function headingLabel(rest: string): string {
  const trimmed = normSpace(rest).replace(/[:.\s]+$/, "");
  const cut = trimmed.split(/\s[-\u2013\u2014]\s|:\s/)[0] ?? trimmed;
  return cut.trim() || trimmed;
}

/** Longest line read as the title of an appendix / action plan. */
const MAX_PART_TITLE_WORDS = 10;

/**
 * A clearly non-area part starts here: a heading, or a short one-line paragraph (text
 * extractions mark no headings), naming an appendix / action plan. A line inside running
 * text or a table ("Action Plan in response to …") is not a part title. `norm` is the line's
 * normForMatch text (shared with the classifier through pieceMatchTexts).
 */
function isNonAreaPart(norm: string, profile: ReportProfile, isHeading: boolean, lineCount: number): boolean {
  if (!isHeading && lineCount > 1) return false;
  const words = wordCount(norm, MAX_HEADING_WORDS + 1); // exact up to both limits below
  if (!isHeading && (words > MAX_PART_TITLE_WORDS || /[.;,]$/.test(norm))) return false;
  return words <= MAX_HEADING_WORDS && profile.nonAreaParts.some((re) => re.test(norm));
}

/** Lines of a text, blank ones included (text.split("\n").length, without the split). */
function lineCountWithBlanks(text: string): number {
  let n = 1;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) n++;
  return n;
}

/**
 * Main-body area headings: numbered short lines that a description follows (or that the
 * reader marked as headings), before the first non-area part; first occurrence per number.
 */
function findAreaHeadings(layout: Layout, profile: ReportProfile): AreaHeading[] {
  const pieces = piecesOf(layout).filter((p) => p.kind !== "table");
  const matchTexts = pieceMatchTexts(layout);
  const found = new Map<number, AreaHeading>();
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const isHeading = piece.kind === "heading";
    // A block's non-blank lines are its pieces; a heading's line count is never read.
    const lineCount = isHeading ? 1 : blockPieces(layout, piece.ref).length;
    if (isNonAreaPart(matchTexts[piece.index]!, profile, isHeading, lineCount)) break;
    const heading = numberedHeading(piece.text);
    if (!heading || found.has(heading.number)) continue;
    const description = descriptionAfter(pieces, i, profile);
    if (description === null && piece.kind !== "heading") continue;
    if (description === null && profile.descriptionCue) {
      // A heading kind alone is weak evidence (case-study numbering); require a short label.
      if (wordCount(heading.rest) > 8) continue;
    }
    found.set(heading.number, {
      piece,
      text: heading.rest,
      candidate: {
        number: heading.number,
        label: headingLabel(heading.rest),
        description,
        place: piece.place,
      },
    });
  }
  return [...found.values()].sort((a, b) => a.candidate.number! - b.candidate.number!);
}

/**
 * The description after a heading: the block opened by the profile's cue ('What does good
 * look like? …'), plus following bullet/list blocks and lines that continue an unfinished
 * sentence. Null when the next content is not a description.
 */
function descriptionAfter(pieces: Piece[], i: number, profile: ReportProfile): string | null {
  const cue = profile.descriptionCue;
  if (!cue) return null;
  const next = pieces[i + 1];
  if (!next || !cue.test(normForMatch(next.text))) return null;
  const parts: string[] = [];
  let previous = next;
  for (let k = i + 1; k < pieces.length; k++) {
    const piece = pieces[k]!;
    if (k > i + 1) {
      const sameBlockAsPrev = piece.ref.page === previous.ref.page && piece.ref.index === previous.ref.index;
      const listLike = piece.kind === "list-item" || /^[\s\u2022\u25cf\u25aa\uf0b7\uf0a7*-]/.test(piece.text);
      const unfinished = !/[.!?]["'\u201d\u2019)]?\s*$/.test(previous.text.trim());
      if (piece.kind === "heading" || numberedHeading(piece.text)) break;
      if (!sameBlockAsPrev && !listLike && !unfinished) break;
      if (!sameBlockAsPrev && !listLike && /^[A-Z]/.test(piece.text.trim()) && /[.!?]\s*$/.test(previous.text.trim())) break;
    }
    parts.push(k === i + 1 ? stripMarkup(piece.text).replace(/^\s*\**/, "") : stripBullet(stripMarkup(piece.text).trim()));
    previous = piece;
    if (parts.length > 40) break;
  }
  const text = normSpace(parts.join(" "));
  // `text` is already markup-free and space-normalised, so the normalised form lines up with it.
  const lead = cue.exec(normForMatch(text));
  const withoutCue = normSpace(lead ? text.slice(lead.index + lead[0].length) : text);
  // Keep the commitment itself, not the narrative that may follow it in the same paragraph.
  return commitmentStatement(withoutCue) || null;
}

// ---------------------------------------------------------------------------------------
// Summary-table rows and evaluation-table rows

/** Find the heading area whose label this row label names. */
function matchHeading(label: string, headings: AreaHeading[]): AreaHeading | null {
  let best: AreaHeading | null = null;
  let bestScore = 0;
  const wordsOf = headingWordSets(headings);
  const words = wordsOf(label);
  for (const h of headings) {
    const s = Math.max(setOverlap(words, wordsOf(h.candidate.label ?? "")), 0.9 * setOverlap(words, wordsOf(h.text)));
    if (s > bestScore) {
      best = h;
      bestScore = s;
    }
  }
  return bestScore >= 0.6 ? best : null;
}

function summaryRowCandidates(
  layout: Layout,
  profile: ReportProfile,
  headings: AreaHeading[],
  messages: MessageFact[],
): Candidate[] {
  const table = findSummaryTable(layout, profile);
  if (!table) return [];
  const out: Candidate[] = [];
  let previous = 0;
  for (const row of table.rows) {
    const heading = matchHeading(row.label, headings);
    let number = row.number;
    if (number === null) number = heading?.candidate.number ?? previous + 1;
    else if (heading && heading.candidate.number !== number) {
      messages.push(
        message(
          "extract:areas",
          "warning",
          `score table row '${row.label}' is numbered ${number} but its section heading is numbered ${heading.candidate.number}`,
          row.place,
        ),
      );
    }
    previous = number;
    out.push({ number, label: row.label, description: null, place: row.place });
  }
  return out;
}

/** Words that mark a sentence as the area's commitment ("we will…", "we want…", "we ensure…"). */
const COMMITMENT = /\b(we|will|want|wants|aim|aims)\b/i;

/**
 * The area's statement: its first sentence and the commitment sentences that follow it,
 * up to the first sentence of context ("Previously …", "Prior to the Estyn inspection …",
 * "There is continuous focus …"). Sentences are split at a full stop before a capital.
 */
export function commitmentStatement(text: string): string {
  // Bullet glyphs between list items are sentence breaks, not words.
  const plain = normSpace(stripMarkup(text).replace(/[\u2022\u25cf\u25aa\uf0b7\uf0a7]/g, " "));
  const sentences = plain.split(/(?<=[.!?]["'\u2019\u201d)]?)\s+(?=["'\u2018\u201c(]?[A-Z])/);
  const kept: string[] = [];
  for (const sentence of sentences) {
    if (kept.length && !COMMITMENT.test(sentence)) break;
    kept.push(sentence);
  }
  return kept.join(" ");
}

/**
 * Evaluation tables: the first-column text of every row of each numbered area (a statement
 * continued over a page break or a reader's line-per-row table is joined back), reduced to
 * its commitment statement.
 */
function evaluationRowCandidates(layout: Layout, profile: ReportProfile): Candidate[] {
  const texts = new Map<number, { parts: string[]; place: Place }>();
  for (const group of evaluationRowGroups(layout, profile)) {
    group.numbers.forEach((number, row) => {
      if (number === null) return;
      const cells = group.block.rows[row] ?? [];
      const cell = cells[0];
      if (!cell || !cell.text.trim()) return;
      const entry = texts.get(number) ?? { parts: [], place: cell.place };
      entry.parts.push(cell.text);
      texts.set(number, entry);
    });
  }
  const out: Candidate[] = [];
  for (const [number, { parts, place }] of texts) {
    const { rest } = splitLeadingNumber(parts.join("\n"));
    const statement = commitmentStatement(rest.replace(/\n/g, " "));
    out.push({ number, label: null, description: statement || null, place });
  }
  return out;
}

interface RowGroup {
  ref: BlockRef;
  block: TableBlock;
  /** Per row: the area number it belongs to, null for header rows and rows before the first area. */
  numbers: (number | null)[];
}

/**
 * Tables whose rows belong to numbered areas, in reading order. Numbered rows name their
 * area; other body rows continue the area above (a cell continued over a page break); a
 * continuation table (same column count, repeated header, no heading in between) starts
 * with the previous table's last area. Header rows belong to no area. Computed once per
 * Layout and profile (area candidates and areaOf both read them): callers must not change them.
 */
export function evaluationRowGroups(layout: Layout, profile: ReportProfile): RowGroup[] {
  let byProfile = rowGroupCache.get(layout);
  if (!byProfile) rowGroupCache.set(layout, (byProfile = new Map()));
  let groups = byProfile.get(profile.kind);
  if (!groups) byProfile.set(profile.kind, (groups = findRowGroups(layout, profile)));
  return groups;
}

const rowGroupCache = new WeakMap<Layout, Map<string, RowGroup[]>>();

function findRowGroups(layout: Layout, profile: ReportProfile): RowGroup[] {
  const summaryBlocks = new Set((findSummaryTable(layout, profile)?.blocks ?? []).map(refKey));
  const groups: RowGroup[] = [];
  let carry: { number: number | null; columns: number } | null = null;
  for (const page of layout.pages) {
    page.blocks.forEach((block, index) => {
      const ref = { page: page.number, index };
      if (block.kind !== "table") {
          return;
      }
      // The summary table's rows are labels, not statements.
      if (summaryBlocks.has(refKey(ref))) return;
      const numbered = areaRowsOf(block, profile);
      const columns = block.rows[0]?.length ?? 0;
      const from = carry as { number: number | null; columns: number } | null;
      const continuation = from !== null && from.columns === columns && isHeaderLike(block, 0, profile);
      if (!numbered.length && !continuation) return;
      let current = continuation ? from!.number : null;
      const numbers = block.rows.map((_cells, row) => {
        if (row < (block.headerRows ?? 0) || isHeaderLike(block, row, profile)) return null;
        const n = numbered[row]?.number ?? null;
        // Areas come in order; a smaller number is a numbered line inside a statement.
        if (n !== null && (current === null || n > current)) current = n;
        return current;
      });
      groups.push({ ref, block, numbers });
      carry = { number: current, columns };
    });
  }
  return groups;
}

/**
 * Rows of a table whose first column numbers areas: [{row, number}] for numbered rows
 * ("1. In Monmouthshire we will…"). A table qualifies when its header names the profile's
 * row-score column or when two or more rows are numbered in increasing order.
 */
function areaRowsOf(block: TableBlock, profile: ReportProfile): { row: number; number: number | null }[] {
  const rows: { row: number; number: number | null }[] = [];
  let numbered = 0;
  let last = 0;
  let increasing = true;
  block.rows.forEach((cells, row) => {
    const cell = cells.find((c) => c && c.text.trim());
    const text = cell && cells.indexOf(cell) === 0 ? cell.text : "";
    const { number, rest } = splitLeadingNumber(text);
    // A reader that gives one row per printed line leaves only "2. Monmouthshire's" on the
    // numbered row, so one word after the number is enough.
    const isStatement = number !== null && /^[A-Za-z'"\u2018\u201c]/.test(rest);
    if (isStatement) {
      numbered++;
      if (number! <= last) increasing = false;
      last = number!;
    }
    rows.push({ row, number: isStatement ? number : null });
  });
  const headerNamesScore =
    !!profile.rowScoreHeader &&
    block.rows.some((cells, r) => cells.some((c, col) => c && profile.rowScoreHeader!.test(cellMatchText(block, r, col))));
  if (numbered === 0 || (!headerNamesScore && (numbered < 2 || !increasing))) return [];
  return rows;
}

// ---------------------------------------------------------------------------------------
// Merge

function mergeCandidates(headings: Candidate[], summary: Candidate[], evaluation: Candidate[]): Area[] {
  const byNumber = new Map<number, Candidate>();
  const unnumbered: Candidate[] = [];
  const add = (c: Candidate, preferLabel: boolean) => {
    if (c.number === null) {
      unnumbered.push(c);
      return;
    }
    const have = byNumber.get(c.number);
    if (!have) {
      byNumber.set(c.number, { ...c });
      return;
    }
    // The summary table's label is the area's short name as the report prints it.
    if (c.label && (preferLabel || !have.label)) have.label = c.label;
    if (c.description && !have.description) have.description = c.description;
    have.place ??= c.place;
  };
  headings.forEach((c) => add(c, false));
  summary.forEach((c) => add(c, true));
  evaluation.forEach((c) => add(c, false));
  const areas: Area[] = [];
  for (const [number, c] of [...byNumber.entries()].sort((a, b) => a[0] - b[0])) {
    const label = c.label ?? c.description ?? `Area ${number}`;
    areas.push({
      key: String(number),
      number,
      label,
      description: c.description,
      place: c.place ? toPlaceFact(c.place) : null,
    });
  }
  for (const c of unnumbered) {
    const label = c.label ?? c.description;
    if (!label) continue;
    areas.push({ key: slug(label) || `area-${areas.length + 1}`, number: null, label, description: c.description, place: c.place ? toPlaceFact(c.place) : null });
  }
  return areas;
}

/**
 * The area a printed row/heading names: by number when it has one that exists, else by
 * label overlap. Shared with the score extractor so both map rows the same way.
 */
export function resolveArea(areas: Area[], number: number | null, label: string | null): Area | null {
  if (number !== null) {
    const hit = areas.find((a) => a.number === number);
    if (hit) return hit;
  }
  if (!label) return null;
  let best: Area | null = null;
  let bestScore = 0;
  const wordsOf = areaWordSets(areas);
  const words = wordsOf(label);
  for (const a of areas) {
    const s = Math.max(setOverlap(words, wordsOf(a.label)), 0.8 * setOverlap(words, wordsOf(a.description ?? "")));
    if (s > bestScore) {
      best = a;
      bestScore = s;
    }
  }
  return bestScore >= 0.6 ? best : null;
}

// ---------------------------------------------------------------------------------------
// Sections: areaOf

function buildAreaOf(
  layout: Layout,
  profile: ReportProfile,
  areas: Area[],
  headings: AreaHeading[],
): (ref: BlockRef, row?: number) => string | null {
  const blockArea = new Map<string, string | null>();
  const rowAreas = new Map<string, (string | null)[]>();
  const headingBlocks = new Map(headings.map((h) => [refKey(h.piece.ref), h]));
  const headingLevel = headings.find((h) => h.piece.level !== undefined)?.piece.level;
  const summary = findSummaryTable(layout, profile);
  const summaryBlocks = new Set((summary?.blocks ?? []).map(refKey));

  let current: string | null = null;
  let inNonAreaPart = false;
  let seenAreaSection = false;
  const groups = new Map(evaluationRowGroups(layout, profile).map((g) => [refKey(g.ref), g]));
  const matchTexts = pieceMatchTexts(layout);

  for (const page of layout.pages) {
    page.blocks.forEach((block, index) => {
      const ref = { page: page.number, index };
      const key = refKey(ref);
      if (block.kind === "table") {
        const group = groups.get(key);
        if (summaryBlocks.has(key) && summary) {
          rowAreas.set(key, summaryRowAreas(block, summary, areas));
        } else if (group) {
          rowAreas.set(key, group.numbers.map((n) => (n === null ? null : areaKeyOf(areas, n, null))));
        }
        // Sub-headings can live in a table's first row in some renderings.
        blockArea.set(key, current);
        return;
      }
      // The block's pieces are its non-blank lines, each with its normalised text.
      const own = blockPieces(layout, ref);
      const lineTotal = lineCountWithBlanks(block.text);
      own.forEach((piece) => {
        const line = piece.text;
        const lineIndex = piece.line!;
        const shortLine = wordCount(line, MAX_HEADING_WORDS + 1) <= MAX_HEADING_WORDS;
        if (isNonAreaPart(matchTexts[piece.index]!, profile, block.kind === "heading", own.length)) {
          current = null;
          inNonAreaPart = true;
          return;
        }
        if (!shortLine) return;
        const heading = numberedHeading(line);
        if (!inNonAreaPart) {
          const main = headingBlocks.get(key);
          if (main && normSpace(line) === normSpace(main.piece.text)) {
            current = areaKeyOf(areas, main.candidate.number, null);
            seenAreaSection = true;
            return;
          }
          // Any other heading at the area headings' level (or above) that names no area ends the section.
          if (
            seenAreaSection &&
            block.kind === "heading" &&
            headingLevel !== undefined &&
            block.level !== undefined &&
            block.level <= headingLevel &&
            !heading
          ) {
            current = null;
          }
          return;
        }
        // Inside appendices/action plans: a short sub-heading naming an area reopens it.
        if (heading && (block.kind === "heading" || lineIndex === 0 || lineTotal <= 3)) {
          const byLabel = resolveArea(areas, null, headingLabel(heading.rest));
          const area = byLabel ?? (block.kind === "heading" ? resolveArea(areas, heading.number, null) : null);
          if (area) current = area.key;
        } else if (block.kind === "heading" && !heading && headingLevel !== undefined && block.level !== undefined && block.level <= headingLevel) {
          current = null;
        }
      });
      blockArea.set(key, current);
    });
  }

  return (ref: BlockRef, row?: number) => {
    const key = refKey(ref);
    if (row !== undefined) {
      const rows = rowAreas.get(key);
      if (rows && row >= 0 && row < rows.length) return rows[row] ?? null;
    }
    return blockArea.get(key) ?? null;
  };
}

function areaKeyOf(areas: Area[], number: number | null, label: string | null): string | null {
  return resolveArea(areas, number, label)?.key ?? null;
}

/** A repeated header row: it names the score column, or its first cell asks the table's first question. */
function isHeaderLike(block: TableBlock, row: number, profile: ReportProfile): boolean {
  const cells = block.rows[row] ?? [];
  if (profile.rowScoreHeader && cells.some((c, col) => c && profile.rowScoreHeader!.test(cellMatchText(block, row, col)))) return true;
  const firstCol = cells.findIndex((c) => c);
  const first = firstCol >= 0 ? cellMatchText(block, row, firstCol) : "";
  return /^what\b.*\?/.test(first) && wordCount(first) <= 20;
}

/** Summary-table rows: each body row's label cell names its area (numbered or not). */
function summaryRowAreas(block: TableBlock, summary: SummaryTable, areas: Area[]): (string | null)[] {
  return block.rows.map((cells) => {
    const first = cells.find((c) => c && c.text.trim());
    if (!first || cells.indexOf(first) !== 0) return null;
    const { number, rest } = splitLeadingNumber(normSpace(stripMarkup(first.text)));
    const row = summary.rows.find((r) => r.label === rest && (r.number === number || number === null));
    return row ? areaKeyOf(areas, row.number, row.label) : null;
  });
}
