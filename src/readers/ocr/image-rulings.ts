/**
 * Ruling lines found in a page image: long straight runs of ink, horizontal or vertical, as
 * a ruled table draws them. The lattice reader then builds the same cell grid it builds from
 * a born-digital page's drawn lines.
 *
 * A run is a row (column) of pixels darker than the threshold, allowed short breaks (JPEG
 * and scanner noise eat into thin lines); adjacent parallel runs of one thick line merge into
 * one ruling at their middle. Text never forms such runs: letters are short and spaced.
 */
import { otsuThreshold, type Raster } from "./raster.js";

export interface PixelRuling {
  orient: "h" | "v";
  /** Row (h) or column (v) in pixels. */
  pos: number;
  from: number;
  to: number;
}

export const IMAGE_RULING_TUNING = {
  /** Shortest ruling, as a fraction of the page's shorter side (~15 pt on A4: the side of a one-figure score box). */
  minLengthFraction: 0.025,
  /** Longest break inside one ruling, as a fraction of the shorter side (~1.2 pt on A4). */
  maxGapFraction: 0.002,
  /** Thickest line, as a fraction of the shorter side (~5 pt on A4): thicker is a filled area. */
  maxThicknessFraction: 0.008,
} as const;

export function findImageRulings(r: Raster): PixelRuling[] {
  const short = Math.min(r.width, r.height);
  const minLen = Math.max(20, Math.round(short * IMAGE_RULING_TUNING.minLengthFraction));
  const maxGap = Math.max(2, Math.round(short * IMAGE_RULING_TUNING.maxGapFraction));
  const maxThick = Math.max(3, Math.round(short * IMAGE_RULING_TUNING.maxThicknessFraction));
  // Lines are drawn darker than the paper's mid-grey: a shaded cell must not read as ink.
  const t = Math.min(otsuThreshold(r), 160);
  const ink = (x: number, y: number) => r.data[y * r.width + x]! < t;
  const h = mergeRuns(scanRuns(r.height, r.width, (row, col) => ink(col, row), minLen, maxGap), maxThick, "h");
  const v = mergeRuns(scanRuns(r.width, r.height, (col, row) => ink(col, row), minLen, maxGap), maxThick, "v");
  return [...h, ...v];
}

interface Run {
  line: number;
  from: number;
  to: number;
}

/**
 * Long runs of ink along each of `lines` lines of `length` pixels. A run may have breaks of up
 * to maxGap but must be mostly ink (MIN_FILL): a pixel row through a line of text also meets
 * ink every few pixels, but only about half of it is ink.
 */
function scanRuns(lines: number, length: number, ink: (line: number, at: number) => boolean, minLen: number, maxGap: number): Run[] {
  const runs: Run[] = [];
  for (let line = 0; line < lines; line++) {
    let start = -1;
    let last = -1;
    let filled = 0;
    const close = () => {
      if (last - start + 1 >= minLen && filled >= MIN_FILL * (last - start + 1)) runs.push({ line, from: start, to: last });
      start = -1;
      filled = 0;
    };
    for (let at = 0; at < length; at++) {
      if (ink(line, at)) {
        if (start < 0) start = at;
        last = at;
        filled++;
      } else if (start >= 0 && at - last > maxGap) {
        close();
      }
    }
    if (start >= 0) close();
  }
  return runs;
}

/** Share of a ruling's length that must be ink. */
const MIN_FILL = 0.85;

/** Runs on adjacent lines that overlap → one ruling (a line several pixels thick). */
function mergeRuns(runs: Run[], maxThick: number, orient: "h" | "v"): PixelRuling[] {
  const groups: { first: number; last: number; from: number; to: number; sum: number; n: number }[] = [];
  const open: typeof groups = [];
  for (const run of runs) {
    let g = open.find((o) => o.last >= run.line - 1 && run.from <= o.to && run.to >= o.from);
    if (g) {
      g.last = run.line;
      g.from = Math.min(g.from, run.from);
      g.to = Math.max(g.to, run.to);
      g.sum += run.line;
      g.n++;
    } else {
      g = { first: run.line, last: run.line, from: run.from, to: run.to, sum: run.line, n: 1 };
      groups.push(g);
      open.push(g);
    }
    // Groups that stopped growing cannot take later runs.
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.last < run.line - 1) open.splice(i, 1);
  }
  return groups
    .filter((g) => g.last - g.first + 1 <= maxThick)
    .map((g) => ({ orient, pos: g.sum / g.n, from: g.from, to: g.to }));
}
