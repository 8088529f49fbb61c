/**
 * Statements of a later report as gap candidates, straight from its text: the indicator
 * extractor keeps a figure's own fragment ("32 Members attended."), or misses a figure next
 * to a date ("in Dec 17 – 32 Members attended"), and then the words that say *what* was
 * counted are lost. A statement is one logical line of the report (a stored passage, loaded
 * by src/gaps/source.ts), with every figure it prints. Pure.
 */
import { figuresIn } from "./text.js";
import type { AreaRef, Candidate } from "./types.js";

export interface StatementUnit {
  text: string;
  page: number | null;
  /** First source line (text formats) or top y (PDF) of the unit's block: for finding its area. */
  line: number | null;
  y: number | null;
  /** The area section the line sits in, as extraction decided; null outside any (or unknown). */
  area: AreaRef | null;
}

/** Where an extracted fact of the same document sits, and its area. */
export interface Anchor {
  page: number | null;
  line: number | null;
  y: number | null;
  area: AreaRef;
}

/**
 * The area of a unit, borrowed from the nearest extracted fact on the same page (areas are
 * contiguous sections, so the nearest fact is in the same one). Null when the page has none.
 */
export function nearestArea(unit: Pick<StatementUnit, "page" | "line" | "y">, anchors: readonly Anchor[]): AreaRef | null {
  let best: { d: number; area: AreaRef } | null = null;
  for (const a of anchors) {
    if (a.page !== unit.page) continue;
    const d =
      unit.line !== null && a.line !== null ? Math.abs(unit.line - a.line)
      : unit.y !== null && a.y !== null ? Math.abs(unit.y - a.y)
      : Number.MAX_SAFE_INTEGER;
    if (!best || d < best.d) best = { d, area: a.area };
  }
  return best?.area ?? null;
}

/**
 * The unit's own section when extraction placed it in one (it saw the headings and per-area
 * table rows); else the nearest extracted fact's, so lines outside a recognised section can
 * still be tied to an area.
 */
export function unitArea(unit: StatementUnit, anchors: readonly Anchor[]): Pick<Candidate, "area" | "areaFrom"> {
  if (unit.area) return { area: unit.area, areaFrom: "section" };
  const near = nearestArea(unit, anchors);
  return near ? { area: near, areaFrom: "nearest-fact" } : { area: null };
}

/**
 * One candidate per figure a unit prints (a line may give several), and one without a figure
 * for a line that prints none: "IA report received June 18" supplies an awaited report
 * without any number (the delivery-statement rule of src/gaps/match.ts reads those; the
 * figure rule passes them by).
 */
export function statementCandidates(documentId: number, units: readonly StatementUnit[], anchors: readonly Anchor[]): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let id = 1;
  for (const unit of units) {
    const text = unit.text.replace(/\s+/g, " ").trim();
    if (text.length === 0) continue;
    const figures = figuresIn(text);
    const { area, areaFrom } = unitArea(unit, anchors);
    if (figures.length === 0) {
      const key = `||${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ source: "statement", id: id++, documentId, page: unit.page, line: unit.line, text, value: null, unit: null, area, areaFrom });
      continue;
    }
    for (const f of figures) {
      const key = `${f.value}|${f.unit}|${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ source: "statement", id: id++, documentId, page: unit.page, line: unit.line, text, value: f.value, unit: f.unit, area, areaFrom });
    }
  }
  return out;
}
