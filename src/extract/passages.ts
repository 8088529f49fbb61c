/**
 * The document's text as passages: every logical line textUnits yields (headings included,
 * so `show` can print the heading above a fact), with its place and area. Stored with the
 * facts so that queries needing the words around a fact — gap resolution, `show` — read the
 * store instead of re-parsing the source file, which may have moved or changed. Pure.
 */
import type { Passage } from "../facts/schema.js";
import { areaOfUnit, contextUnits, placeOf, type TextUnit } from "./evidence.js";
import type { ExtractContext } from "./context.js";

export function extractPassages(ctx: ExtractContext): Passage[] {
  const out: Passage[] = [];
  for (const unit of contextUnits(ctx, { headings: true })) out.push(passageOf(ctx, unit));
  return out;
}

function passageOf(ctx: ExtractContext, unit: TextUnit): Passage {
  return {
    text: unit.text,
    areaKey: areaOfUnit(ctx, unit),
    place: placeOf(unit),
    kind: unit.kind,
    row: unit.row,
    col: unit.col,
  };
}
