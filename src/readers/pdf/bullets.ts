/**
 * List bullets drawn as shapes → bullet fragments. Some producers (a browser printing HTML,
 * some design tools) paint a list item's bullet as a small filled disc or square instead of
 * setting a bullet character; without it, the items of a list read as one paragraph and a
 * cell's bulleted points as one sentence. A mark becomes a "•" when text starts just to its
 * right on the same line, no text covers it and no line runs into it (a chart legend's sample
 * "—◆— Incidents" is a marker on a line), so that lines, blocks and cells treat it as they treat
 * a bullet character. Pure.
 */
import type { Box } from "./geometry.js";
import type { Ruling } from "./rulings.js";
import type { Fragment } from "./text-items.js";

/** The widest gap (in em of the text) between a bullet and its item's first word. */
const BULLET_GAP_EM = 3;

export function drawnBullets(marks: readonly Box[], frags: readonly Fragment[], rulings: readonly Ruling[] = []): Fragment[] {
  const out: Fragment[] = [];
  for (const mark of distinct(marks)) {
    if (onALine(mark, rulings)) continue;
    const bullet = bulletOf(mark, frags);
    if (bullet) out.push(bullet);
  }
  return out;
}

/** The bullet fragment a mark stands for, or null when it is not a bullet. */
function bulletOf(mark: Box, frags: readonly Fragment[]): Fragment | null {
  const cy = (mark.y0 + mark.y1) / 2;
  let next: Fragment | null = null;
  for (const f of frags) {
    if (f.rotated || cy < f.y0 || cy > f.y1) continue;
    if (f.x0 < mark.x1 && f.x1 > mark.x0) return null; // text over it: a highlight or a glyph part, not a bullet
    if (f.x0 >= mark.x1 - 0.5 && (!next || f.x0 < next.x0)) next = f;
  }
  if (!next) return null;
  // A bullet is smaller than the text it marks and sits close to it.
  if (mark.y1 - mark.y0 > next.size || next.x0 - mark.x1 > BULLET_GAP_EM * next.size) return null;
  return { text: "•", size: next.size, bold: false, baseline: next.baseline, rotated: false, x0: mark.x0, x1: mark.x1, y0: next.y0, y1: next.y1 };
}

/** A horizontal line at about the mark's middle (within its height) that reaches it from either side. */
function onALine(mark: Box, rulings: readonly Ruling[]): boolean {
  const cy = (mark.y0 + mark.y1) / 2;
  const height = mark.y1 - mark.y0;
  return rulings.some((r) => r.orient === "h" && !r.soft && Math.abs(r.pos - cy) <= height && r.from <= mark.x1 + 1.5 && r.to >= mark.x0 - 1.5);
}

/** Marks painted twice (fill then stroke, or a shadow) count once. */
function distinct(marks: readonly Box[]): Box[] {
  const out: Box[] = [];
  for (const m of marks) {
    if (!out.some((o) => Math.abs(o.x0 - m.x0) < 0.5 && Math.abs(o.y0 - m.y0) < 0.5 && Math.abs(o.x1 - m.x1) < 0.5 && Math.abs(o.y1 - m.y1) < 0.5)) out.push(m);
  }
  return out;
}
