/**
 * Turn a page so its text reads left to right before anything else looks at it. A landscape
 * table placed sideways on a portrait page (text drawn with a 90° or 270° text matrix), or a
 * page whose /Rotate leaves its text running up or down the screen, is read in its own
 * orientation: rows and columns as a person turning the page would see them. The reader's
 * stages then work unchanged in that "reading frame"; what they report is mapped back to the
 * page as displayed.
 */
import { apply, multiply, type Box, type Matrix } from "./geometry.js";
import type { RawPage } from "./load.js";

export type Rotation = 0 | 90 | 180 | 270;

export interface ReadingFrame {
  /** Clockwise turn (degrees) applied to the displayed page to make its text upright. */
  rotation: Rotation;
  /** Displayed page space → reading frame. */
  toReading: Matrix;
  /** Reading frame → displayed page space. */
  toPage: Matrix;
  /** The page's box in the reading frame. */
  box: Box;
}

/** Share of the page's characters that must run one sideways direction for the page to turn. */
const TURN_SHARE = 0.5;
/** Directions within this many degrees of a right angle count as that right angle. */
const ANGLE_SLACK = 10;

/**
 * Writing direction of a text item on the displayed page, as one of 0 (left to right), 90
 * (down the page), 180 (right to left, upside down), 270 (up the page), or null when skewed.
 */
export function itemDirection(transform: readonly number[], viewport: Matrix): Rotation | null {
  if (transform.length < 6) return null;
  const m = multiply(transform as Matrix, viewport);
  if (!m[0] && !m[1]) return null;
  const deg = (Math.atan2(m[1], m[0]) * 180) / Math.PI;
  const snapped = ((Math.round(deg / 90) * 90) % 360 + 360) % 360;
  let off = Math.abs(deg - Math.round(deg / 90) * 90);
  if (off > 180) off = 360 - off;
  return off <= ANGLE_SLACK ? (snapped as Rotation) : null;
}

/** The direction most of the page's characters run (0 unless a sideways one holds the majority). */
export function dominantDirection(raw: Pick<RawPage, "items" | "viewport">): Rotation {
  const chars: Record<Rotation, number> = { 0: 0, 90: 0, 180: 0, 270: 0 };
  let total = 0;
  for (const it of raw.items) {
    const n = it.str.trim().length;
    if (!n) continue;
    total += n;
    const d = itemDirection(it.transform, raw.viewport);
    if (d !== null) chars[d] += n;
  }
  let best: Rotation = 0;
  for (const d of [90, 180, 270] as const) if (chars[d] > chars[best]) best = d;
  return best !== 0 && chars[best] > total * TURN_SHARE ? best : 0;
}

/**
 * The frame that turns text running at `direction` (degrees, y down) into left-to-right text:
 * a rotation by −direction, shifted so the turned page starts at (0, 0).
 */
export function readingFrame(direction: Rotation, page: Box): ReadingFrame {
  const rad = (-direction * Math.PI) / 180;
  const cos = Math.round(Math.cos(rad));
  const sin = Math.round(Math.sin(rad));
  const turn: Matrix = [cos, sin, -sin, cos, 0, 0];
  const corners = [apply(turn, page.x0, page.y0), apply(turn, page.x1, page.y0), apply(turn, page.x0, page.y1), apply(turn, page.x1, page.y1)];
  const minX = Math.min(...corners.map((c) => c[0]));
  const minY = Math.min(...corners.map((c) => c[1]));
  const maxX = Math.max(...corners.map((c) => c[0]));
  const maxY = Math.max(...corners.map((c) => c[1]));
  const toReading: Matrix = [cos, sin, -sin, cos, -minX, -minY];
  return { rotation: direction, toReading, toPage: invert(toReading), box: { x0: 0, y0: 0, x1: maxX - minX, y1: maxY - minY } };
}

/** The same page seen in the frame: its viewport now lands in reading-frame coordinates. */
export function turnPage(raw: RawPage, frame: ReadingFrame): RawPage {
  if (frame.rotation === 0) return raw;
  return { ...raw, viewport: multiply(raw.viewport, frame.toReading), box: frame.box };
}

export function invert(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  const a = m[3] / det;
  const b = -m[1] / det;
  const c = -m[2] / det;
  const d = m[0] / det;
  return [a, b, c, d, -(m[4] * a + m[5] * c), -(m[4] * b + m[5] * d)];
}

/** A box mapped through a right-angle frame change (still a box). */
export function mapBox(m: Matrix, b: Box): Box {
  const [ax, ay] = apply(m, b.x0, b.y0);
  const [bx, by] = apply(m, b.x1, b.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}

/**
 * A column boundary given along a table's rows on the displayed page → the reading frame's x.
 * Under a right-angle turn x' depends on one displayed coordinate only (x when upright or
 * upside down, y when sideways), so feeding the value as both finds it either way.
 */
export function columnInFrame(m: Matrix, v: number): number {
  return apply(m, v, v)[0];
}
