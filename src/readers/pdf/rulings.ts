/**
 * Operator list → ruling lines. Walks pdf.js's operator list keeping the current transform
 * (save / restore / cm / form XObjects), decodes each painted path (since pdf.js 5.1 a
 * `constructPath` op carries [paintOp, [Float32Array of draw codes + coordinates], minMax]) and
 * keeps the horizontal and vertical pieces in top-left page space:
 * - stroked lines and the edges of stroked rectangles;
 * - thin filled rectangles (Word and LibreOffice draw many borders that way) as one line;
 * - the edges of larger filled rectangles (cell backgrounds) as "soft" edges: they can bound
 *   cells but are not borders themselves.
 */
import { apply, multiply, IDENTITY, type Box, type Matrix } from "./geometry.js";

export type Orientation = "h" | "v";

export interface Ruling {
  orient: Orientation;
  /** For "h": y is the position and x0..x1 the extent; for "v": x and y0..y1. */
  pos: number;
  from: number;
  to: number;
  soft: boolean;
}

export interface FilledRect extends Box {
  colour: string | null;
}

export interface PageGraphics {
  rulings: Ruling[];
  fills: FilledRect[];
  /** Small filled dots and squares: list bullets drawn as shapes rather than set as text. */
  marks: Box[];
}

/** Numeric values of the pdf.js OPS table this module needs (passed in, to stay pure). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setFillRGBColor: number;
  setLineWidth: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** A filled rectangle thinner than this (pt) is a line. */
const THIN = 2.5;
/** A segment within this angle tolerance (pt over its length) counts as axis-aligned. */
const SKEW = 1;

type Point = [number, number];

export function extractGraphics(
  fnArray: ArrayLike<number>,
  argsArray: ArrayLike<unknown>,
  ops: OpCodes,
  viewport: Matrix,
  pageBox: Box,
): PageGraphics {
  const rulings: Ruling[] = [];
  const fills: FilledRect[] = [];
  const marks: Box[] = [];
  let ctm: Matrix = IDENTITY;
  let fillColour: string | null = null;
  let lineWidth = 1;
  const stack: { ctm: Matrix; fillColour: string | null; lineWidth: number }[] = [];
  const pageArea = (pageBox.x1 - pageBox.x0) * (pageBox.y1 - pageBox.y0);
  const strokeOps = [ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke];
  const fillOps = [ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke];

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) {
      stack.push({ ctm, fillColour, lineWidth });
    } else if (fn === ops.restore) {
      const s = stack.pop();
      if (s) ({ ctm, fillColour, lineWidth } = s);
    } else if (fn === ops.transform && args) {
      const m = toMatrix(args);
      if (m) ctm = multiply(m, ctm);
    } else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push({ ctm, fillColour, lineWidth });
      const m = toMatrix(args[0]);
      if (m) ctm = multiply(m, ctm);
    } else if (fn === ops.paintFormXObjectEnd) {
      const s = stack.pop();
      if (s) ({ ctm, fillColour, lineWidth } = s);
    } else if (fn === ops.setFillRGBColor && args) {
      fillColour = typeof args[0] === "string" ? args[0] : null;
    } else if (fn === ops.setLineWidth && args) {
      lineWidth = typeof args[0] === "number" ? args[0] : lineWidth;
    } else if (fn === ops.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (!data || typeof (data as ArrayLike<number>).length !== "number") continue;
      const m = multiply(ctm, viewport);
      const subpaths = decodePath(data as ArrayLike<number>, m);
      const stroked = strokeOps.includes(paint);
      const filled = fillOps.includes(paint);
      const scale = Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2])) || 1;
      if (filled) {
        const bounds = pathBounds(data as ArrayLike<number>, m);
        // White paints nothing a reader sees (a hollow legend box is often filled white).
        if (bounds && isMarkSized(bounds) && !isWhite(fillColour)) marks.push(bounds);
      }
      for (const sp of subpaths) {
        const rect = rectOf(sp.points);
        if (filled && rect) {
          addFilledRect(rect, fillColour, pageArea, rulings, fills);
        } else if (stroked) {
          // A very thick stroke is a bar, not a hairline; it still separates cells.
          void (lineWidth * scale);
          addSegments(sp.points, sp.closed, rulings);
        }
      }
    }
  }
  return { rulings, fills, marks };
}

/** Sides of a list bullet drawn as a shape, in points (a disc or square of a few points). */
const MARK_MIN = 1.5;
const MARK_MAX = 8;

/** Small and about as wide as high: the size and shape of a bullet. */
export function isMarkSized(b: Box): boolean {
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  return w >= MARK_MIN && h >= MARK_MIN && w <= MARK_MAX && h <= MARK_MAX && w <= h * 1.6 && h <= w * 1.6;
}

/**
 * The box of every point a path names, control points included (a disc drawn with Bézier
 * curves keeps no straight piece for decodePath to return); null for an empty or unknown path.
 */
export function pathBounds(data: ArrayLike<number>, m: Matrix): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const take = (x: number, y: number) => {
    const [px, py] = apply(m, x, y);
    if (px < x0) x0 = px;
    if (px > x1) x1 = px;
    if (py < y0) y0 = py;
    if (py > y1) y1 = py;
  };
  let i = 0;
  while (i < data.length) {
    const code = data[i++];
    const count = code === MOVE || code === LINE ? 1 : code === CURVE ? 3 : code === QUAD ? 2 : code === CLOSE ? 0 : -1;
    if (count < 0 || i + count * 2 > data.length) return null;
    for (let k = 0; k < count; k++) take(data[i + 2 * k]!, data[i + 2 * k + 1]!);
    i += count * 2;
  }
  return x0 <= x1 && y0 <= y1 && [x0, y0, x1, y1].every(Number.isFinite) ? { x0, y0, x1, y1 } : null;
}

function toMatrix(v: unknown): Matrix | null {
  const a = v as ArrayLike<number> | null | undefined;
  if (!a || a.length < 6) return null;
  const m = [a[0], a[1], a[2], a[3], a[4], a[5]].map(Number) as Matrix;
  return m.every(Number.isFinite) ? m : null;
}

interface Subpath {
  points: Point[];
  closed: boolean;
  curved: boolean;
}

/** Decode pdf.js draw codes into subpaths of transformed points (curves keep only end points). */
export function decodePath(data: ArrayLike<number>, m: Matrix): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  let i = 0;
  while (i < data.length) {
    const code = data[i++];
    if (code === MOVE) {
      cur = { points: [apply(m, data[i]!, data[i + 1]!)], closed: false, curved: false };
      out.push(cur);
      i += 2;
    } else if (code === LINE) {
      const p = apply(m, data[i]!, data[i + 1]!);
      if (!cur) {
        cur = { points: [], closed: false, curved: false };
        out.push(cur);
      }
      cur.points.push(p);
      i += 2;
    } else if (code === CURVE) {
      if (cur) {
        cur.curved = true;
        // A curve breaks straightness: start a fresh subpath at its end point.
        cur = { points: [apply(m, data[i + 4]!, data[i + 5]!)], closed: false, curved: false };
        out.push(cur);
      }
      i += 6;
    } else if (code === QUAD) {
      if (cur) {
        cur.curved = true;
        cur = { points: [apply(m, data[i + 2]!, data[i + 3]!)], closed: false, curved: false };
        out.push(cur);
      }
      i += 4;
    } else if (code === CLOSE) {
      if (cur) cur.closed = true;
      cur = cur ? { points: [cur.points[0]!], closed: false, curved: false } : null;
      if (cur) out.push(cur);
    } else {
      break; // unknown code: stop rather than misread coordinates
    }
  }
  return out.filter((s) => s.points.length > 1);
}

/** The axis-aligned box of a 4- or 5-point closed rectangle path, else null. */
function rectOf(points: Point[]): Box | null {
  let pts = points;
  if (pts.length === 5 && near(pts[0]!, pts[4]!)) pts = pts.slice(0, 4);
  if (pts.length === 2) {
    // pdf.js encodes a zero-width/height `re` as moveTo + lineTo to the far corner.
    const [a, b] = pts as [Point, Point];
    if (Math.abs(a[0] - b[0]) < 0.01 || Math.abs(a[1] - b[1]) < 0.01) return null;
  }
  if (pts.length !== 4) return null;
  for (let k = 0; k < 4; k++) {
    const a = pts[k]!;
    const b = pts[(k + 1) % 4]!;
    if (Math.abs(a[0] - b[0]) > SKEW && Math.abs(a[1] - b[1]) > SKEW) return null;
  }
  // The four corners directly, not mapped to arrays and spread (this runs for every path).
  const p = pts[0]!;
  const q = pts[1]!;
  const r = pts[2]!;
  const s = pts[3]!;
  return {
    x0: Math.min(p[0], q[0], r[0], s[0]),
    y0: Math.min(p[1], q[1], r[1], s[1]),
    x1: Math.max(p[0], q[0], r[0], s[0]),
    y1: Math.max(p[1], q[1], r[1], s[1]),
  };
}

function near(a: Point, b: Point): boolean {
  return Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01;
}

function isWhite(colour: string | null): boolean {
  if (!colour || !/^#[0-9a-f]{6}$/i.test(colour)) return false;
  const n = parseInt(colour.slice(1), 16);
  return ((n >> 16) & 255) > 245 && ((n >> 8) & 255) > 245 && (n & 255) > 245;
}

function addFilledRect(r: Box, colour: string | null, pageArea: number, rulings: Ruling[], fills: FilledRect[]): void {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (w <= 0.01 && h <= 0.01) return;
  // White fills paint "nothing" on a white page (often a page or cell background reset).
  if (isWhite(colour)) return;
  if (h <= THIN && w > h) {
    rulings.push({ orient: "h", pos: (r.y0 + r.y1) / 2, from: r.x0, to: r.x1, soft: false });
    return;
  }
  if (w <= THIN && h > w) {
    rulings.push({ orient: "v", pos: (r.x0 + r.x1) / 2, from: r.y0, to: r.y1, soft: false });
    return;
  }
  if (w * h > pageArea * 0.5) return; // a page background
  fills.push({ x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y1, colour });
  // A cell background: its edges may be cell boundaries, so keep them, marked soft.
  rulings.push({ orient: "h", pos: r.y0, from: r.x0, to: r.x1, soft: true });
  rulings.push({ orient: "h", pos: r.y1, from: r.x0, to: r.x1, soft: true });
  rulings.push({ orient: "v", pos: r.x0, from: r.y0, to: r.y1, soft: true });
  rulings.push({ orient: "v", pos: r.x1, from: r.y0, to: r.y1, soft: true });
}

function addSegments(points: Point[], closed: boolean, rulings: Ruling[]): void {
  const n = points.length;
  const count = closed ? n : n - 1;
  for (let k = 0; k < count; k++) {
    const a = points[k]!;
    const b = points[(k + 1) % n]!;
    const dx = Math.abs(a[0] - b[0]);
    const dy = Math.abs(a[1] - b[1]);
    if (dy <= SKEW && dx > 1) {
      rulings.push({ orient: "h", pos: (a[1] + b[1]) / 2, from: Math.min(a[0], b[0]), to: Math.max(a[0], b[0]), soft: false });
    } else if (dx <= SKEW && dy > 1) {
      rulings.push({ orient: "v", pos: (a[0] + b[0]) / 2, from: Math.min(a[1], b[1]), to: Math.max(a[1], b[1]), soft: false });
    }
  }
}

/**
 * Merge rulings: collinear pieces separated by a small gap become one (dashed or broken
 * borders), and near-parallel neighbours closer than `snap` become one (double lines, a border
 * drawn over a background edge). Hard borders win over soft edges when merged.
 */
export function mergeRulings(rulings: readonly Ruling[], snap = 2, gap = 3): Ruling[] {
  const out: Ruling[] = [];
  for (const orient of ["h", "v"] as const) {
    const list = rulings.filter((r) => r.orient === orient && r.to - r.from > 0.5).sort((a, b) => a.pos - b.pos);
    // Cluster by position.
    const clusters: Ruling[][] = [];
    for (const r of list) {
      const last = clusters[clusters.length - 1];
      if (last && r.pos - last[last.length - 1]!.pos <= snap) last.push(r);
      else clusters.push([r]);
    }
    for (const cl of clusters) {
      const pieces = [...cl].sort((a, b) => a.from - b.from);
      const pos = meanPos(cl);
      let cur: Ruling | null = null;
      for (const p of pieces) {
        if (cur && p.from <= cur.to + gap) {
          cur.to = Math.max(cur.to, p.to);
          cur.soft = cur.soft && p.soft;
        } else {
          if (cur) out.push(cur);
          cur = { ...p, pos };
        }
      }
      if (cur) out.push(cur);
    }
  }
  return out;
}

function meanPos(cl: Ruling[]): number {
  const hard = cl.filter((r) => !r.soft);
  const use = hard.length ? hard : cl;
  return use.reduce((s, r) => s + r.pos, 0) / use.length;
}
