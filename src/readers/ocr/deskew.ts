/**
 * Page straightening before recognition, from the text's own direction (the eng traineddata
 * ships no orientation model):
 * - skew: the small angle at which the ink's row profile is sharpest (text lines and table
 *   rules line up with pixel rows), searched coarse-to-fine within ±MAX_SKEW degrees;
 * - quarter turns: a page set sideways has a sharper column profile than row profile; whether
 *   it was turned clockwise or anticlockwise (and whether an upright-looking page is upside
 *   down) is left to recognition confidence (see page.ts).
 * Works on a downsampled copy: a page's profile needs no more than ~100 dpi.
 */
import type { Matrix } from "../pdf/geometry.js";
import { downsample, otsuThreshold, type Raster } from "./raster.js";

export const DESKEW_TUNING = {
  /** Largest skew searched either way, in degrees (a fed sheet; beyond it the page is not "skewed"). */
  maxSkew: 5,
  /** Final precision of the skew search, degrees. */
  step: 0.05,
  /** Long side of the analysis copy, in pixels. */
  analysisSize: 1000,
  /** Column profile this much sharper than the row profile: the page is on its side. */
  sidewaysRatio: 1.5,
} as const;

/** Ink pixel coordinates of a downsampled, thresholded copy (the profile's input). */
export function inkPoints(r: Raster): { xs: Float64Array; ys: Float64Array; width: number; height: number } {
  const factor = Math.max(1, Math.floor(Math.max(r.width, r.height) / DESKEW_TUNING.analysisSize));
  const small = downsample(r, factor);
  const t = Math.min(otsuThreshold(small), 200);
  let n = 0;
  for (let i = 0; i < small.data.length; i++) if (small.data[i]! < t) n++;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let k = 0;
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (small.data[y * small.width + x]! < t) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs, ys, width: small.width, height: small.height };
}

/** Sharpness of the ink profile along rows after rotating by `degrees`: sum of squared bin counts. */
export function profileSharpness(p: { xs: Float64Array; ys: Float64Array; width: number; height: number }, degrees: number, columns = false): number {
  const a = (degrees * Math.PI) / 180;
  const sin = Math.sin(a);
  const cos = Math.cos(a);
  const size = Math.ceil(Math.hypot(p.width, p.height)) + 2;
  const bins = new Float64Array(2 * size);
  for (let i = 0; i < p.xs.length; i++) {
    const x = p.xs[i]!;
    const y = p.ys[i]!;
    const v = columns ? x * cos + y * sin : y * cos - x * sin;
    bins[Math.round(v) + size]!++;
  }
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
  return s;
}

/**
 * The page's skew in degrees (positive: the text runs downhill to the right, i.e. the page was
 * turned clockwise), and whether it lies on its side. 0 for a page with almost no ink.
 */
export function estimateSkew(r: Raster): { degrees: number; sideways: boolean } {
  const p = inkPoints(r);
  if (p.xs.length < 200) return { degrees: 0, sideways: false };
  const search = (columns: boolean) => {
    let best = 0;
    let bestScore = -1;
    let span: number = DESKEW_TUNING.maxSkew;
    let step = 0.5;
    let centre = 0;
    while (step >= DESKEW_TUNING.step - 1e-9) {
      for (let a = centre - span; a <= centre + span + 1e-9; a += step) {
        const s = profileSharpness(p, a, columns);
        if (s > bestScore) {
          bestScore = s;
          best = a;
        }
      }
      centre = best;
      span = step;
      step /= 4;
    }
    return { degrees: best, score: bestScore };
  };
  const rows = search(false);
  const cols = profileSharpness(p, 0, true);
  if (cols > rows.score * DESKEW_TUNING.sidewaysRatio) {
    const c = search(true);
    return { degrees: -c.degrees, sideways: true };
  }
  return { degrees: rows.degrees, sideways: false };
}

/** Output pixel → source pixel for rotateSmall(r, degrees). */
export function smallRotationInverse(width: number, height: number, degrees: number): Matrix {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return [cos, -sin, sin, cos, cx - cos * cx - sin * cy, cy + sin * cx - cos * cy];
}

/** Output pixel → source pixel for quarterTurn(r, turns) of a width × height source. */
export function quarterTurnInverse(width: number, height: number, turns: number): Matrix {
  switch (((turns % 4) + 4) % 4) {
    case 1:
      return [0, -1, 1, 0, 0, height - 1];
    case 2:
      return [-1, 0, 0, -1, width - 1, height - 1];
    case 3:
      return [0, 1, -1, 0, width - 1, 0];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/**
 * Whether upright-looking text is upside down. In Latin script more ink rises above a line's
 * x-height band (capitals, b d f h k l t) than falls below it (g j p q y); turned over, the
 * two swap. Measured per text line of the row profile and summed over the page; undecided
 * (false) when the page has too few lines or the difference is small.
 */
export function looksUpsideDown(r: Raster): boolean {
  const factor = Math.max(1, Math.floor(Math.max(r.width, r.height) / 1500));
  const small = downsample(r, factor);
  const t = Math.min(otsuThreshold(small), 200);
  const rows = new Float64Array(small.height);
  for (let y = 0; y < small.height; y++) {
    let n = 0;
    for (let x = 0; x < small.width; x++) if (small.data[y * small.width + x]! < t) n++;
    rows[y] = n;
  }
  const floor = small.width * 0.003;
  let above = 0;
  let below = 0;
  let lines = 0;
  for (let y = 0; y < small.height; ) {
    if (rows[y]! <= floor) {
      y++;
      continue;
    }
    let end = y;
    while (end < small.height && rows[end]! > floor) end++;
    // A text line: a few pixels tall at least (a rule is one or two rows).
    if (end - y >= 6) {
      let peak = 0;
      for (let k = y; k < end; k++) peak = Math.max(peak, rows[k]!);
      let top = y;
      while (rows[top]! < 0.5 * peak) top++;
      let bottom = end - 1;
      while (rows[bottom]! < 0.5 * peak) bottom--;
      for (let k = y; k < top; k++) above += rows[k]!;
      for (let k = bottom + 1; k < end; k++) below += rows[k]!;
      lines++;
    }
    y = end;
  }
  return lines >= 1 && below > above * 1.3 && below - above > small.width * 0.05;
}
