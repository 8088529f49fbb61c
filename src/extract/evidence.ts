/**
 * The evidence text of a document as a flat list of units — one logical line of a paragraph,
 * list item or table cell — each with the block it came from, its table row and column
 * (for ctx.areaOf and column roles) and its place. Indicators and gaps read these units, so
 * they see the same items whether a reader produced a DOCX cell, a wrapped PDF cell or a
 * run of text paragraphs.
 */
import type { Period, PlaceFact } from "../facts/schema.js";
import type { Block, Cell, Layout, Place, TableBlock } from "../layout/types.js";
import { refsOf, toPlaceFact, type BlockRef, type ExtractContext } from "./context.js";
import { continuesSentence, logicalLines, stripBullet } from "./sentences.js";
import { oncePer } from "./memo.js";

export interface TextUnit {
  /** One logical line, bullet removed. */
  text: string;
  ref: BlockRef;
  /** Table row and column when the unit comes from a cell. */
  row: number | null;
  col: number | null;
  place: Place;
  kind: Block["kind"];
  /** Position of this line among the block's (or cell's) lines. */
  line: number;
  /** All lines of the same block or cell, for context. */
  siblings: string[];
}

/** DOCX and markdown break lines only between paragraphs; PDF and plain text also wrap. */
export function hardLineBreaks(layout: Layout): boolean {
  return layout.format === "docx" || layout.format === "markdown";
}

const allUnitsOf = oncePer((ctx: ExtractContext) => [...textUnits(ctx.layout, { headings: true })]);

/**
 * textUnits of the context's layout, computed once per extraction (indicators, gaps and
 * passages all read them). Without `headings`, the heading blocks' units are left out, which
 * is exactly what textUnits yields without that option. Callers must not modify the units.
 */
export function contextUnits(ctx: ExtractContext, options: { headings?: boolean } = {}): TextUnit[] {
  const all = allUnitsOf(ctx);
  return options.headings ? all : all.filter((u) => u.kind !== "heading");
}

/** Units of every block in reading order. */
export function* textUnits(layout: Layout, options: { headings?: boolean } = {}): Generator<TextUnit> {
  for (const { block, ref } of refsOf(layout)) {
    if (block.kind === "table") {
      const texts = mergedRowTexts(block);
      for (let r = 0; r < block.rows.length; r++) {
        const row = block.rows[r]!;
        for (let c = 0; c < row.length; c++) {
          const cell = row[c];
          if (!cell || !texts[r]![c]) continue;
          yield* unitsOf(layout, texts[r]![c]!, { ref, row: r, col: c, place: cell.place, kind: "table" });
        }
      }
      continue;
    }
    if (block.kind === "heading" && !options.headings) continue;
    yield* unitsOf(layout, block.text, { ref, row: null, col: null, place: block.place, kind: block.kind });
  }
}

const itemsByLayout = new WeakMap<Layout, Map<string, readonly string[]>>();

/**
 * The logical lines of a block's or cell's text with their bullets stripped, computed once
 * per Layout and text: units, table and list actions and status-marked items all split the
 * same texts. Callers must not change the array.
 */
export function lineItems(layout: Layout, text: string): readonly string[] {
  let byText = itemsByLayout.get(layout);
  if (!byText) itemsByLayout.set(layout, (byText = new Map()));
  let items = byText.get(text);
  if (!items) byText.set(text, (items = logicalLines(text, hardLineBreaks(layout)).map(stripBullet)));
  return items;
}

function* unitsOf(
  layout: Layout,
  text: string,
  base: Pick<TextUnit, "ref" | "row" | "col" | "place" | "kind">,
): Generator<TextUnit> {
  const lines = lineItems(layout, text).filter((l) => l.length > 0);
  const { ref, row, col, place, kind } = base;
  for (let i = 0; i < lines.length; i++) yield { ref, row, col, place, kind, text: lines[i]!, line: i, siblings: lines };
}

/** The area a unit belongs to: its table row's area when the table has one per row. */
export function areaOfUnit(ctx: ExtractContext, unit: Pick<TextUnit, "ref" | "row">): string | null {
  return unit.row === null ? ctx.areaOf(unit.ref) : ctx.areaOf(unit.ref, unit.row);
}

/**
 * The period a piece of evidence speaks of: a scored period the text names by its label,
 * else the document's current period (narrative evidence describes the latest period).
 */
export function periodOfText(ctx: ExtractContext, text: string): string | null {
  let lower: string | null = null;
  let flat: string | null = null;
  for (const { label, norm, lead } of normalisedLabels(ctx.periods)) {
    if (norm.length < 5) continue;
    // The normalised text is built only when the text holds the label's first word at all.
    lower ??= text.toLowerCase();
    if (!lower.includes(lead)) continue;
    flat ??= lower.replace(NOT_ALNUM, " ").trim();
    if (flat.includes(norm)) return label;
  }
  return ctx.currentPeriod?.label ?? null;
}

const NOT_ALNUM = /[^a-z0-9]+/g;

function normaliseLabel(text: string): string {
  return text.toLowerCase().replace(NOT_ALNUM, " ").trim();
}

/** Each period's label normalised (and its first word), once per periods list. */
const normalisedLabels = oncePer((periods: Period[]): { label: string; norm: string; lead: string }[] =>
  periods.map((p) => {
    const norm = normaliseLabel(p.label);
    return { label: p.label, norm, lead: norm.split(" ")[0] ?? "" };
  }),
);

export function placeOf(unit: Pick<TextUnit, "place">): PlaceFact {
  return toPlaceFact(unit.place);
}

/** The text of a table row's cells, left to right, empty cells skipped. */
export function rowText(table: TableBlock, row: number, upTo?: number): string {
  const cells = table.rows[row] ?? [];
  const last = upTo ?? cells.length - 1;
  return cells
    .slice(0, last + 1)
    .filter((c): c is Cell => Boolean(c && c.text.trim()))
    .map((c) => c.text.replace(/\s+/g, " ").trim())
    .join(" ");
}

/** The block a ref points at. */
export function blockAt(layout: Layout, ref: BlockRef): Block | null {
  const page = layout.pages.find((p) => p.number === ref.page);
  return page?.blocks[ref.index] ?? null;
}

/** Text ends a sentence (or a bracket): nothing after it continues it. */
export function isOpen(text: string): boolean {
  // The pattern can only match the last two characters: test just those.
  return !/[.!?;:)]["'’”]?$/.test(text.trimEnd().slice(-2));
}

/**
 * A row that carries on the row above (a row cut by a page break, or split by the reader):
 * some cell continues an unfinished cell above it ('… implementation to' ⏎ 'action plans.'),
 * and no cell under an unfinished one holds only symbols ('?????'), which marks a row of its own.
 */
export function isContinuationRow(above: (string | null | undefined)[], row: (string | null | undefined)[]): boolean {
  let continues = false;
  for (let c = 0; c < row.length; c++) {
    // The tests below read only the ends of the trimmed texts and whether they hold a letter,
    // none of which squashing the whitespace changes: the raw texts give the same answers.
    const top = above[c] ?? "";
    const here = row[c] ?? "";
    if (!top.trim() || !here.trim() || !isOpen(top)) continue;
    if (!/\p{L}/u.test(here)) return false;
    if (continuesSentence(top, here)) continues = true;
  }
  return continues;
}

/**
 * mergeContinuationRows of a table, computed once per table (units and table actions both
 * read it). Callers must not change the texts.
 */
export const mergedRowTexts: (table: TableBlock) => string[][] = oncePer(mergeContinuationRows);

/** Cell texts with continuation rows folded into the unfinished cells above them. */
export function mergeContinuationRows(table: TableBlock): string[][] {
  const texts = table.rows.map((row) => row.map((cell) => cell?.text ?? ""));
  const width = texts[0]?.length ?? 0;
  const owner = Array.from({ length: width }, () => 0); // the row holding each column's latest text
  for (let r = 1; r < texts.length; r++) {
    const row = texts[r]!;
    const above = owner.map((o, c) => texts[o]![c] ?? "");
    if (!isContinuationRow(above, row)) {
      row.forEach((t, c) => t.trim() && (owner[c] = r));
      continue;
    }
    row.forEach((t, c) => {
      if (!t.trim()) return;
      const o = owner[c]!;
      if (o !== r && isOpen(texts[o]![c] ?? "") && (texts[o]![c] ?? "").trim()) {
        texts[o]![c] = `${texts[o]![c]} ${t}`;
        row[c] = "";
      } else owner[c] = r;
    });
  }
  return texts;
}
