/**
 * The Layout flattened into "pieces" in reading order: one per line of a text block and one
 * per table cell. Readers render the same content differently (a score table as a table, as
 * aligned lines, as one paragraph per cell); extractors that walk pieces see all of these
 * the same way, and every piece keeps its block ref and the most precise place available.
 */
import type { Block, Layout, Place } from "../layout/types.js";
import type { BlockRef } from "./context.js";

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

const cache = new WeakMap<Layout, Piece[]>();

/** All pieces of a layout, cached per Layout object (extractors are pure; the Layout is never mutated). */
export function piecesOf(layout: Layout): Piece[] {
  let pieces = cache.get(layout);
  if (!pieces) {
    pieces = buildPieces(layout);
    cache.set(layout, pieces);
  }
  return pieces;
}

function buildPieces(layout: Layout): Piece[] {
  const out: Piece[] = [];
  for (const page of layout.pages) {
    page.blocks.forEach((block, index) => {
      const ref = { page: page.number, index };
      if (block.kind === "table") {
        block.rows.forEach((cells, row) => {
          cells.forEach((cell, col) => {
            if (!cell || !cell.text.trim()) return;
            out.push({ text: cell.text, place: cell.place, ref, kind: "table", row, col, index: out.length });
          });
        });
        return;
      }
      const lines = block.text.split("\n");
      lines.forEach((text, line) => {
        if (!text.trim()) return;
        out.push({
          text,
          place: linePlace(block.place, lines.length, line),
          ref,
          kind: block.kind,
          ...(block.level !== undefined ? { level: block.level } : {}),
          line,
          index: out.length,
        });
      });
    });
  }
  return out;
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
