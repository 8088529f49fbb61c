/**
 * Small geometry helpers shared by the PDF reader's stages. All coordinates are page space with
 * the origin at the top-left and y growing down (the Layout's convention), in PDF points.
 */

/** [a, b, c, d, e, f] as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied first, then m2 (PDF's "m1 × m2"). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boxOf(items: readonly Box[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of items) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

export function centreInside(b: Box, outer: Box, slack = 0): boolean {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  return cx >= outer.x0 - slack && cx <= outer.x1 + slack && cy >= outer.y0 - slack && cy <= outer.y1 + slack;
}

/** Length of the overlap of [a0, a1] and [b0, b1] (0 when disjoint). */
export function overlap1d(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function bboxOf(b: Box): [number, number, number, number] {
  return [round2(b.x0), round2(b.y0), round2(b.x1), round2(b.y1)];
}

/**
 * Group sorted-able numbers into clusters whose neighbours are at most `tol` apart; returns
 * each cluster's mean. Used to snap ruling positions (double lines, slightly offset borders).
 */
export function clusterValues(values: readonly number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    const last = group[group.length - 1];
    if (last !== undefined && v - last > tol) {
      out.push(mean(group));
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(mean(group));
  return out;
}

export function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length ? s / values.length : 0;
}

export function median(values: readonly number[]): number {
  if (!values.length) return 0;
  // Most medians are of one or two values, or of values all alike (one font size on a
  // line): answer those without copying and sorting. Zeros take the sorting path, where
  // the stable sort decides which of -0 and 0 is returned.
  if (values.length === 1) return values[0]!;
  if (values.length === 2) return (values[0]! + values[1]!) / 2;
  if (allSameNonZero(values)) return values.length % 2 ? values[0]! : (values[0]! + values[0]!) / 2;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function allSameNonZero(values: readonly number[]): boolean {
  const first = values[0]!;
  if (first === 0) return false;
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}

/** Index of the value in `sorted` nearest to v. */
export function nearestIndex(sorted: readonly number[], v: number): number {
  let best = 0;
  let bestD = Infinity;
  sorted.forEach((s, i) => {
    const d = Math.abs(s - v);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
