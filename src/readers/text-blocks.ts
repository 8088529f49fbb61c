/**
 * Numbered lines → Layout blocks for text and markdown files.
 *
 * At each block start the rules are tried in order (first match wins):
 *   tab-separated rows → table · pipe table ('| a | b |', markdown's) → table · markdown heading · `<ul>/<li>` fragment → list items ·
 *   figure columns under (multi-line) headers → table · text columns under a header row,
 *   cut at their gutters → table (both pdftotext -layout) · aligned 2+-space columns →
 *   table · label/number rows → table · list item ·
 *   numbered section heading ("1). Good Governance") · bold-only line → heading · paragraph.
 * Every block carries its line range; pages come from form feeds when the file has them.
 */
import type { Block, Cell, TextBlock } from "../layout/types.js";
import { htmlToBlocks } from "./html-blocks.js";
import {
  BOLD_ONLY,
  GLUED_BULLET,
  HTML_LIST_START,
  LIST_ITEM,
  MD_HEADING,
  NUMBERED_SECTION,
  cleanInline,
  continuesText,
  hasTab,
  isBlank,
  joinWrapped,
  wordCount,
  type Line,
} from "./text-lines.js";
import { readAlignedTable, readFigureColumns, readGutterTable, readNumericRows } from "./text-stream.js";
import { makeTable, placeOf, type TextOptions } from "./text-table.js";

export type { TextOptions } from "./text-table.js";

/** A rule tries to read a block at index i; it returns the blocks and the next index. */
type Rule = (lines: Line[], i: number, opts: TextOptions, out: Block[]) => number | null;

const RULES: Rule[] = [tabTable, pipeTable, mdHeading, htmlList, readFigureColumns, readGutterTable, readAlignedTable, readNumericRows, listItem, numberedHeading, boldHeading];

export function linesToBlocks(lines: Line[], opts: TextOptions): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i]!.raw)) {
      i++;
      continue;
    }
    let next: number | null = null;
    for (const rule of RULES) {
      next = rule(lines, i, opts, out);
      if (next !== null) break;
    }
    i = next ?? paragraph(lines, i, opts, out);
  }
  return out;
}

/** Does a block-start rule (other than paragraph) claim this line? Ends paragraphs early. */
function startsStructure(line: Line, opts: TextOptions): boolean {
  const raw = line.raw;
  if (hasTab(raw) || PIPE_ROW.test(raw) || MD_HEADING.test(raw) || HTML_LIST_START.test(raw)) return true;
  if (NUMBERED_SECTION.test(raw)) return true;
  if (LIST_ITEM.test(raw) && (opts.markdown || /^\s*[-*+\u2022\u25aa\u25e6\u25cf\uf0b7\uf0a7]\s/.test(raw))) return true;
  if (!opts.markdown && GLUED_BULLET.test(raw)) return true;
  return opts.markdown && BOLD_ONLY.test(raw);
}

// ── tab-separated tables ────────────────────────────────────────────────────────────────

/** Consecutive lines containing tabs form one table; short rows are padded. */
function tabTable(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  if (!hasTab(lines[i]!.raw)) return null;
  let j = i;
  while (j < lines.length && hasTab(lines[j]!.raw)) j++;
  const rows = lines.slice(i, j).map((line) =>
    line.raw.split("\t").map((text): Cell => ({
      text: cleanInline(text, opts.markdown),
      rowspan: 1,
      colspan: 1,
      place: { page: line.page, lines: [line.no, line.no] },
    })),
  );
  out.push(makeTable(rows, placeOf(lines, i, j - 1), "text"));
  return j;
}

// ── pipe tables ─────────────────────────────────────────────────────────────────────────

/** A row of a pipe table: starts with '|' and has at least one more cell border. */
const PIPE_ROW = /^\s{0,3}\|.*\|/;
/** The delimiter row under a pipe table's header ('|---|:---:|'). */
const PIPE_DELIMITER = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$/;

/**
 * Consecutive '|' rows form one table (markdown's pipe tables, also written by hand without
 * the delimiter row). The delimiter row ends the header; an escaped '\|' stays in its cell.
 */
function pipeTable(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  if (!PIPE_ROW.test(lines[i]!.raw)) return null;
  let j = i;
  while (j < lines.length && PIPE_ROW.test(lines[j]!.raw)) j++;
  const rows: Cell[][] = [];
  let headerRows: number | undefined;
  for (const line of lines.slice(i, j)) {
    if (PIPE_DELIMITER.test(line.raw)) {
      headerRows ??= rows.length;
      continue;
    }
    const inner = line.raw.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
    rows.push(
      inner.split(/(?<!\\)\|/).map((text): Cell => ({
        text: cleanInline(text.replace(/\\\|/g, "|"), opts.markdown),
        rowspan: 1,
        colspan: 1,
        place: { page: line.page, lines: [line.no, line.no] },
      })),
    );
  }
  if (!rows.length) return null;
  out.push(makeTable(rows, placeOf(lines, i, j - 1), "text", headerRows));
  return j;
}

// ── headings ────────────────────────────────────────────────────────────────────────────

function mdHeading(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const m = MD_HEADING.exec(lines[i]!.raw);
  if (!m) return null;
  const text = cleanInline(m[2]!, opts.markdown);
  if (!text) return i + 1; // "###" alone: nothing to keep
  out.push({ kind: "heading", text, level: m[1]!.length, place: placeOf(lines, i, i) });
  return i + 1;
}

/** A line that is all bold ("**NEXT STEPS**:") reads as a heading; level unknown. */
function boldHeading(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const m = BOLD_ONLY.exec(lines[i]!.raw);
  if (!m) return null;
  const text = cleanInline(m[2]! + m[3]!, opts.markdown);
  if (!text) return null;
  out.push({ kind: "heading", text, place: placeOf(lines, i, i) });
  return i + 1;
}

/**
 * "1).  Good Governance", "2). Safe Workforce:", and short title-case "4. Robust Protection"
 * lines standing alone: the numbered section headings of these reports. A heading broken
 * over two lines (the second starting lowercase) is joined.
 */
function numberedHeading(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const raw = lines[i]!.raw;
  const paren = NUMBERED_SECTION.test(raw);
  const alone = i > 0 && isBlank(lines[i - 1]!.raw);
  const dotted = /^\s*\d{1,2}\.\s+[A-Z]/.test(raw) && isTitleLike(raw, alone) && (i + 1 >= lines.length || isBlank(lines[i + 1]!.raw));
  if (!paren && !dotted) return null;
  let text = raw;
  let j = i + 1;
  while (j < lines.length && /[ \t]$/.test(lines[j - 1]!.raw) && /^[a-z]/.test(lines[j]!.raw.trim())) {
    text = joinWrapped(text, lines[j]!.raw);
    j++;
  }
  out.push({ kind: "heading", text: cleanInline(text, opts.markdown), place: placeOf(lines, i, j - 1) });
  return j;
}

/**
 * Few words, most capitalised, no sentence punctuation at the end; or, in sentence case
 * ('2. Safe people'), at most six words standing alone between blank lines as headings do.
 */
function isTitleLike(raw: string, alone = false): boolean {
  const t = raw.trim().replace(/^\d+\.\s*/, "");
  if (wordCount(t) > 8 || /[.;,:]$/.test(t)) return false;
  if (alone && wordCount(t) <= 6 && /^[A-Z]/.test(t)) return true;
  const words = t.split(/\s+/).filter((w) => w.length > 3);
  return words.length > 0 && words.filter((w) => /^[A-Z]/.test(w)).length / words.length >= 0.6;
}

// ── lists ───────────────────────────────────────────────────────────────────────────────

/** `<ul> <li>…</li> </ul>` outside a table: one list item per `<li>`, until the list closes. */
function htmlList(lines: Line[], i: number, _opts: TextOptions, out: Block[]): number | null {
  if (!HTML_LIST_START.test(lines[i]!.raw)) return null;
  let j = i;
  let html = "";
  do {
    html += `${lines[j]!.raw}\n`;
    j++;
  } while (j < lines.length && !/<\/(ul|ol)>\s*$/i.test(lines[j - 1]!.raw) && !isBlank(lines[j]!.raw) && j - i < 200);
  const place = placeOf(lines, i, j - 1);
  for (const block of htmlToBlocks(html).blocks) {
    if (block.kind === "table") continue;
    out.push({ ...block, kind: block.kind === "heading" ? "heading" : "list-item", place: { ...place } });
  }
  return j;
}

/** A list item and its continuation lines (indented, or the sentence carrying on). */
function listItem(lines: Line[], i: number, opts: TextOptions, out: Block[]): number | null {
  const raw = lines[i]!.raw;
  const m = LIST_ITEM.exec(raw) ?? (opts.markdown ? null : GLUED_BULLET.exec(raw));
  if (!m) return null;
  // In plain text "1. Title Case Heading" standing alone is a heading, not an item.
  if (!opts.markdown && /^\s*\d/.test(raw) && isTitleLike(raw, i > 0 && isBlank(lines[i - 1]!.raw)) && (i + 1 >= lines.length || isBlank(lines[i + 1]!.raw))) return null;
  let text = m[2]!;
  let j = i + 1;
  const indent = m[1]!.length;
  while (j < lines.length) {
    const next = lines[j]!.raw;
    if (isBlank(next) || isListStart(next, opts) || hasTab(next) || MD_HEADING.test(next)) break;
    const nextIndent = /^\s*/.exec(next)![0].length;
    const continues = opts.markdown ? nextIndent > indent || !startsStructure(lines[j]!, opts) : continuesText(lines[j - 1]!.raw, next, true);
    if (!continues) break;
    text = joinWrapped(text, next);
    j++;
  }
  const clean = cleanInline(text, opts.markdown);
  if (!clean) return null;
  out.push({ kind: "list-item", text: clean.replace(/\n/g, " "), place: placeOf(lines, i, j - 1) });
  return j;
}

function isListStart(raw: string, opts: TextOptions): boolean {
  return LIST_ITEM.test(raw) || (!opts.markdown && GLUED_BULLET.test(raw));
}

// ── paragraphs ──────────────────────────────────────────────────────────────────────────

/**
 * A paragraph: in markdown every following non-blank, non-structural line; in plain text
 * only lines that continue the sentence (see continuesText), so table cells that pdftotext
 * stacked without blank lines between them stay separate.
 */
function paragraph(lines: Line[], i: number, opts: TextOptions, out: Block[]): number {
  let text = lines[i]!.raw;
  let j = i + 1;
  while (j < lines.length) {
    if (!opts.markdown && bridgesBlankLine(lines, j)) j++;
    const line = lines[j]!;
    if (isBlank(line.raw) || startsStructure(line, opts)) break;
    if (!opts.markdown && !continuesText(lines[j - 1]!.raw, line.raw)) break;
    text = joinWrapped(text, line.raw);
    j++;
  }
  const clean = cleanInline(text, opts.markdown).replace(/\n/g, " ");
  if (clean) {
    const block: TextBlock = { kind: "paragraph", text: clean, place: placeOf(lines, i, j - 1) };
    out.push(block);
  }
  return j;
}

/**
 * pdftotext sometimes puts a blank line inside a table cell ("The role of WASG is \n\nset
 * out in the …"). A single blank line is bridged when the line before it was wrapped and is
 * unfinished (no closing punctuation) and the line after it starts in lowercase.
 */
function bridgesBlankLine(lines: Line[], j: number): boolean {
  const blank = lines[j];
  const prev = lines[j - 1];
  const next = lines[j + 1];
  if (!blank || !prev || !next || !isBlank(blank.raw)) return false;
  // Only when pdftotext marked the line as wrapped (trailing space): a bare line before a
  // blank is usually the end of a cell, and the lowercase text after it another cell.
  return /\S[ \t]+$/.test(prev.raw) && !/[.!?:;]\s*$/.test(prev.raw) && /^[a-z]/.test(next.raw.trim());
}
