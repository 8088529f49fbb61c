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
  const sorted = [...frags].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
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
  return groups.map((g) => makeLine(g, chunkGapEm)).sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
}

export function makeLine(frags: Fragment[], chunkGapEm = CHUNK_GAP_EM): TextLine {
  const sorted = [...frags].sort((a, b) => a.x0 - b.x0);
  const size = median(sorted.map((f) => f.size)) || 10;
  const chunks: Chunk[] = [];
  let cur: Fragment[] = [];
  const flush = () => {
    if (cur.length) chunks.push(makeChunk(cur));
    cur = [];
  };
  for (const f of sorted) {
    const prev = cur[cur.length - 1];
    if (prev && (f.breakBefore || wideGap(prev, f, chunkGapEm * Math.max(size, Math.min(prev.size, f.size))) || numberBreak(prev, f))) flush();
    cur.push(f);
  }
  flush();
  // A lone list marker followed by its text is one phrase, however wide the hanging indent.
  if (chunks.length >= 2 && LONE_MARKER.test(chunks[0]!.text)) {
    const [m, t] = [chunks[0]!, chunks[1]!];
    chunks.splice(0, 2, { ...boxOf([m, t]), text: `${m.text} ${t.text}`, size: t.size, bold: m.bold && t.bold });
  }
  const box = boxOf(sorted);
  const main = sorted.filter((f) => f.size >= size * 0.9);
  // Explicit properties, not `...box`: spreading into a literal that then grows is a slow
  // path in V8, and this runs for every line of every cell several times over.
  return {
    x0: box.x0,
    y0: box.y0,
    x1: box.x1,
    y1: box.y1,
    fragments: sorted,
    chunks,
    text: chunks.map((c) => c.text).join(" "),
    size,
    bold: sorted.every((f) => f.bold),
    baseline: median(main.map((f) => f.baseline)),
  };
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
  let prev: Fragment | undefined;
  for (const f of frags) {
    if (prev) {
      const gap = f.x0 - prev.x1;
      const em = Math.min(prev.size, f.size) || 1;
      const needSpace = gap > JOIN_GAP_EM * em && !out.endsWith(" ") && !f.text.startsWith(" ");
      out += needSpace ? " " : "";
    }
    out += f.text;
    prev = f;
  }
  return out.replace(/ {2,}/g, " ").trim();
}

function makeChunk(frags: Fragment[]): Chunk {
  const box = boxOf(frags);
  return {
    x0: box.x0,
    y0: box.y0,
    x1: box.x1,
    y1: box.y1,
    text: joinFragments(frags),
    size: median(frags.map((f) => f.size)),
    bold: frags.every((f) => f.bold),
  };
}

/** Text of a box's fragments as lines joined with "\n" (the cell text convention). */
export function textOfFragments(frags: readonly Fragment[]): string {
  return groupLines(frags, Infinity)
    .map((l) => l.text)
    .filter((t) => t.length > 0)
    .join("\n");
}
