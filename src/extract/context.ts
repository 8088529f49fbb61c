/**
 * What extractors share. Extractors are pure functions over a Layout (no I/O, no database,
 * no console); the ones that attach facts to areas and periods get an ExtractContext built
 * by the earlier stages (classify → periods → areas).
 */
import type { Area, MessageFact, Period } from "../facts/schema.js";
import type { Block, Layout, Place } from "../layout/types.js";

/** A block's address inside a Layout: page number and index in that page's blocks. */
export interface BlockRef {
  page: number;
  index: number;
}

/** A report family: how its areas are framed and where its score tables live. */
export interface Profile {
  /** The family's name ('progress-report'; 'unknown' when no family claims the document). */
  kind: string;
  /** Name of the area framework ('cornerstones', 'key-priority-areas'), null when unknown. */
  framework: string | null;
}

export interface ExtractContext {
  layout: Layout;
  profile: Profile;
  periods: Period[];
  areas: Area[];
  /**
   * The period that a document's narrative evidence speaks of: the latest period the report
   * scores (its "current" period). Null when the document names no period.
   */
  currentPeriod: Period | null;
  /**
   * The area a block belongs to (its section), or null outside any area section. For a table
   * whose rows each belong to a different area (an evaluation table whose first column
   * names the area), pass the row index too.
   */
  areaOf(ref: BlockRef, row?: number): string | null;
}

/** Build a message the vfile way: reason plus place. */
export function message(
  source: string,
  level: MessageFact["level"],
  text: string,
  place: Place | null,
): MessageFact {
  return { source, level, text, place: place ? toPlaceFact(place) : null };
}

/**
 * Layout Place → stored place (drops undefined keys so zod's output is stable). A box a
 * reader computed from no items (±Infinity, NaN — seen on damaged PDFs) is no box at all:
 * dropping it keeps the fact, which still has its page.
 */
export function toPlaceFact(place: Place): MessageFact["place"] & object {
  const bbox = place.bbox && place.bbox.every(Number.isFinite) ? place.bbox : null;
  return {
    page: place.page,
    bbox,
    lines: place.lines ?? null,
  };
}

/** Iterate blocks with their refs. */
export function* refsOf(layout: Layout): Generator<{ block: Block; ref: BlockRef }> {
  for (const page of layout.pages) {
    for (let index = 0; index < page.blocks.length; index++) {
      yield { block: page.blocks[index]!, ref: { page: page.number, index } };
    }
  }
}
