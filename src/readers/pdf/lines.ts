/**
 * Fragments → text lines → chunks. A line is the fragments sharing a baseline band; a chunk is
 * a run of a line's fragments close enough to be one phrase. Chunks separated by a wide gap are
 * what the stream table builder treats as cells.
 */
import { boxOf, median, overlap1d, type Box } from "./geometry.js";
import { isBareNumber, type Fragment } from "./text-items.js";

export interface Chunk extends Box {
  text: string;
  size: number;
  bold: boolean;
}

export interface TextLine extends Box {
  fragments: Fragment[];
  chunks: Chunk[];
  text: string;
  size: number;
  bold: boolean;
  baseline: number;
}

/** Fragments closer than this (in em) are parts of one word that pdf.js split. */
export const JOIN_GAP_EM = 0.12;
/** Fragments farther apart than this (in em) start a new chunk (a column gap, not a word space). */
export const CHUNK_GAP_EM = 0.6;

const LONE_MARKER = /^(?:[•·▪◦‣●○■□►✓\-–—*]|\d{1,2}[.)]+|\(?[a-zA-Z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))$/;

/** Group fragments into lines (top to bottom), each sorted left to right. */
export function groupLines(frags: readonly Fragment[], chunkGapEm = CHUNK_GAP_EM): TextLine[] {
  const sorted = sortIfNeeded(frags.slice(), byBaselineThenX);
  const groups: Fragment[][] = [];
  const bands: { y0: number; y1: number; baseline: number }[] = [];
  for (const f of sorted) {
    // Compare with the last few lines only: lines are produced top to bottom.
    let best = -1;
    let bestScore = 0;
    for (let i = groups.length - 1; i >= Math.max(0, groups.length - 4); i--) {
      const band = bands[i]!;
      const ov = overlap1d(band.y0, band.y1, f.y0, f.y1);
      const h = Math.min(band.y1 - band.y0, f.y1 - f.y0) || 1;
      const score = ov / h;
      if (score > 0.55 && score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) {
      groups.push([f]);
      bands.push({ y0: f.y0, y1: f.y1, baseline: f.baseline });
    } else {
      groups[best]!.push(f);
      const band = bands[best]!;
      // Keep the band anchored on the line's main text so superscripts do not widen it.
      if (f.size >= (band.y1 - band.y0) * 0.9) {
        band.y0 = Math.min(band.y0, f.y0);
        band.y1 = Math.max(band.y1, f.y1);
      }
    }
  }
  const lines: TextLine[] = [];
  for (const g of groups) lines.push(makeLine(g, chunkGapEm));
  return sortIfNeeded(lines, byBaselineThenX);
}

function byBaselineThenX(a: { baseline: number; x0: number }, b: { baseline: number; x0: number }): number {
  return a.baseline - b.baseline || a.x0 - b.x0;
}

function byX(a: Fragment, b: Fragment): number {
  return a.x0 - b.x0;
}

/**
 * Sort in place, skipping the sort when the items are already in order (fragments mostly come
 * in reading order; cells mostly hold one line). The test is V8's own: its stable sort leaves
 * an array alone when no element compares below the one before it (one ascending run).
 */
function sortIfNeeded<T>(items: T[], order: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) if (order(items[i]!, items[i - 1]!) < 0) return items.sort(order);
  return items;
}

export function makeLine(frags: Fragment[], chunkGapEm = CHUNK_GAP_EM): TextLine {
  const sorted = sortIfNeeded(frags.slice(), byX);
  const size = medianSize(sorted) || 10;
  const chunks = chunksOf(sorted, chunkGapEm, size);
  // A lone list marker followed by its text is one phrase, however wide the hanging indent.
  if (chunks.length >= 2 && LONE_MARKER.test(chunks[0]!.text)) {
    const [m, t] = [chunks[0]!, chunks[1]!];
    const b = boxOf([m, t]);
    chunks.splice(0, 2, { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, text: `${m.text} ${t.text}`, size: t.size, bold: m.bold && t.bold });
  }
  const box = boxOf(sorted);
  // Explicit properties, not `...box`: spreading into a literal that then grows is a slow
  // path in V8, and this runs for every line of every cell several times over.
  return {
    x0: box.x0,
    y0: box.y0,
    x1: box.x1,
    y1: box.y1,
    fragments: sorted,
    chunks,
    text: joinTexts(chunks, " "),
    size,
    bold: allBold(sorted),
    baseline: mainBaseline(sorted, size),
  };
}

/** Split a line's fragments (left to right) into chunks at column gaps and number breaks. */
function chunksOf(sorted: readonly Fragment[], chunkGapEm: number, size: number): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const f = sorted[i]!;
    if (f.breakBefore || wideGap(prev, f, chunkGapEm * Math.max(size, Math.min(prev.size, f.size))) || numberBreak(prev, f)) {
      chunks.push(makeChunk(sorted.slice(start, i)));
      start = i;
    }
  }
  if (sorted.length) chunks.push(makeChunk(sorted.slice(start)));
  return chunks;
}

/** Median font size of the fragments (a lone fragment's own size: most lines and chunks). */
function medianSize(frags: readonly Fragment[]): number {
  if (frags.length === 1) return frags[0]!.size;
  const sizes: number[] = [];
  for (const f of frags) sizes.push(f.size);
  return median(sizes);
}

/**
 * Median baseline of the fragments set in the line's main size (not superscripts, not
 * footnote marks); 0 when there are none, as median([]) is.
 */
function mainBaseline(frags: readonly Fragment[], size: number): number {
  if (frags.length === 1) return frags[0]!.size >= size * 0.9 ? frags[0]!.baseline : 0;
  const baselines: number[] = [];
  for (const f of frags) if (f.size >= size * 0.9) baselines.push(f.baseline);
  return median(baselines);
}

function allBold(items: readonly { bold: boolean }[]): boolean {
  for (const it of items) if (!it.bold) return false;
  return true;
}

/** The items' texts joined with `sep` (as map + join, without the intermediate array). */
function joinTexts(items: readonly { text: string }[], sep: string): string {
  if (items.length === 1) return items[0]!.text;
  let out = "";
  for (let i = 0; i < items.length; i++) out += i ? sep + items[i]!.text : items[i]!.text;
  return out;
}

/** Advance (em) of a monospaced (typewriter) font's characters, spaces included. */
const MONO_ADVANCE_EM = 0.6;

/**
 * Is the gap between two fragments wider than a word space? In proportional type a word space
 * is far narrower than `min`; in monospaced type it is one character advance (as wide as `min`
 * itself), so there only two or more spaces separate phrases.
 */
function wideGap(a: Fragment, b: Fragment, min: number): boolean {
  const gap = b.x0 - a.x1;
  if (gap <= min) return false;
  const advance = monoAdvance(a) ?? monoAdvance(b);
  return advance === null || gap > 1.5 * advance;
}

function monoAdvance(f: Fragment): number | null {
  const n = f.text.length;
  if (n < 2) return null;
  const adv = (f.x1 - f.x0) / n;
  return Math.abs(adv / f.size - MONO_ADVANCE_EM) < 0.02 ? adv : null;
}

/**
 * Two numbers written as separate text items one word space apart (monospaced tables set their
 * columns with single spaces) are two values, unless the second continues the first's digit
 * groups ("12 345").
 */
function numberBreak(a: Fragment, b: Fragment): boolean {
  if (!isBareNumber(a.text) || !isBareNumber(b.text)) return false;
  if (b.x0 - a.x1 <= JOIN_GAP_EM * Math.min(a.size, b.size)) return false;
  return !(/^\d{1,3}$/.test(a.text) && /^\d{3}$/.test(b.text));
}

/** Join a run of fragments: no space across a tiny gap (a word pdf.js split), one space otherwise. */
export function joinFragments(frags: readonly Fragment[]): string {
  let out = "";
  // Whether `out` ends with a space, tracked rather than asked: endsWith on a string being
  // built by concatenation flattens it every time.
  let endsWithSpace = false;
  let prev: Fragment | undefined;
  for (const f of frags) {
    if (prev) {
      const gap = f.x0 - prev.x1;
      const em = Math.min(prev.size, f.size) || 1;
      const needSpace = gap > JOIN_GAP_EM * em && !endsWithSpace && !f.text.startsWith(" ");
      if (needSpace) {
        out += " ";
        endsWithSpace = true;
      }
    }
    out += f.text;
    if (f.text.length) endsWithSpace = f.text.endsWith(" ");
    prev = f;
  }
  return collapseSpaces(out);
}

/** Runs of spaces → one space, then trimmed (the regex only runs when there is such a run). */
function collapseSpaces(s: string): string {
  return (s.includes("  ") ? s.replace(/ {2,}/g, " ") : s).trim();
}

export function makeChunk(frags: Fragment[]): Chunk {
  const box = boxOf(frags);
  return {
    x0: box.x0,
    y0: box.y0,
    x1: box.x1,
    y1: box.y1,
    text: joinFragments(frags),
    size: medianSize(frags),
    bold: allBold(frags),
  };
}

/** Text of a box's fragments as lines joined with "\n" (the cell text convention). */
export function textOfFragments(frags: readonly Fragment[]): string {
  // One fragment makes one line of one chunk (most cells): its text, tidied as joinFragments does.
  if (frags.length === 1) return collapseSpaces(frags[0]!.text);
  return textOfLines(groupLines(frags, Infinity));
}

/** Cell text of lines already grouped from a cell's fragments (`groupLines(frags, Infinity)`). */
export function textOfLines(lines: readonly TextLine[]): string {
  let out = "";
  for (const l of lines) {
    if (!l.text.length) continue;
    out += out ? "\n" + l.text : l.text;
  }
  return out;
}
