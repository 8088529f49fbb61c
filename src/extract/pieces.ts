/**
 * The Layout flattened into "pieces" in reading order: one per line of a text block and one
 * per table cell. Readers render the same content differently (a score table as a table, as
 * aligned lines, as one paragraph per cell); extractors that walk pieces see all of these
 * the same way, and every piece keeps its block ref and the most precise place available.
 */
import type { Block, Layout, Place, TableBlock } from "../layout/types.js";
import type { BlockRef } from "./context.js";
import { normForMatch } from "./text-utils.js";
import { oncePer } from "./memo.js";

export interface Piece {
  text: string;
  place: Place;
  ref: BlockRef;
  kind: Block["kind"];
  /** Heading level of the block, when a heading. */
  level?: number;
  /** Table cells only: grid position. */
  row?: number;
  col?: number;
  /** Text blocks only: index of the line inside the block. */
  line?: number;
  /** Index into the pieces array (set by piecesOf). */
  index: number;
}

interface PieceIndex {
  pieces: Piece[];
  /** Each block's pieces, in order, by refKey. */
  byBlock: Map<string, Piece[]>;
}

const indexOf = oncePer(buildPieces);

/** All pieces of a layout, cached per Layout object (extractors are pure; the Layout is never mutated). */
export function piecesOf(layout: Layout): Piece[] {
  return indexOf(layout).pieces;
}

/** One block's pieces: a text block's non-blank lines or a table's non-empty cells, in order. */
export function blockPieces(layout: Layout, ref: BlockRef): readonly Piece[] {
  return indexOf(layout).byBlock.get(refKey(ref)) ?? [];
}

function buildPieces(layout: Layout): PieceIndex {
  const out: Piece[] = [];
  const byBlock = new Map<string, Piece[]>();
  for (const page of layout.pages) {
    page.blocks.forEach((block, index) => {
      const ref = { page: page.number, index };
      const first = out.length;
      if (block.kind === "table") {
        block.rows.forEach((cells, row) => {
          cells.forEach((cell, col) => {
            if (!cell || !cell.text.trim()) return;
            out.push({ text: cell.text, place: cell.place, ref, kind: "table", row, col, index: out.length });
          });
        });
      } else {
        const lines = block.text.split("\n");
        lines.forEach((text, line) => {
          if (!text.trim()) return;
          const place = linePlace(block.place, lines.length, line);
          const { kind, level } = block;
          // Written out rather than spread: one piece per line of every text block.
          out.push(
            level !== undefined
              ? { text, place, ref, kind, level, line, index: out.length }
              : { text, place, ref, kind, line, index: out.length },
          );
        });
      }
      byBlock.set(refKey(ref), out.slice(first));
    });
  }
  return { pieces: out, byBlock };
}

/**
 * normForMatch of every piece's text, by piece index, computed once per Layout: the
 * classifier reads them all, and section scores and summary-table anchors test them again.
 */
export const pieceMatchTexts: (layout: Layout) => string[] = oncePer((layout) => piecesOf(layout).map((p) => normForMatch(p.text)));

const cellMatchCache = new WeakMap<TableBlock, (string | undefined)[][]>();

/**
 * normForMatch of a table cell's text, computed once per cell: header tests (score column,
 * repeated headers, area rows) read the same cells again and again. "" for a missing cell.
 */
export function cellMatchText(table: TableBlock, row: number, col: number): string {
  let grid = cellMatchCache.get(table);
  if (!grid) cellMatchCache.set(table, (grid = table.rows.map(() => [])));
  const texts = grid[row] ?? [];
  let text = texts[col];
  if (text === undefined) texts[col] = text = normForMatch(table.rows[row]?.[col]?.text ?? "");
  return text;
}

/** For text sources whose block spans exactly its lines, narrow the place to the one line. */
function linePlace(place: Place, lineCount: number, line: number): Place {
  const lines = place.lines;
  if (!lines || lineCount <= 1 || lines[1] - lines[0] + 1 !== lineCount) return place;
  const at = lines[0] + line;
  return { ...place, lines: [at, at] };
}

/** Same block (and, for tables, same row)? */
export function sameRow(a: Piece, b: Piece): boolean {
  return a.ref.page === b.ref.page && a.ref.index === b.ref.index && a.row !== undefined && a.row === b.row;
}

export function sameBlock(a: Piece, b: Piece): boolean {
  return a.ref.page === b.ref.page && a.ref.index === b.ref.index;
}

export function refKey(ref: BlockRef): string {
  return `${ref.page}:${ref.index}`;
}
