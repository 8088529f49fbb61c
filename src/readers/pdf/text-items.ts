/**
 * pdf.js text items → Fragments: positioned runs of text in top-left page space, with their
 * font size and weight. Whitespace-only items are dropped (spacing is recomputed from geometry
 * later), runs of two or more spaces inside an item split it (they usually separate columns),
 * and typographic oddities are normalised so that extractors see plain text.
 */
import { apply, multiply, type Box, type Matrix } from "./geometry.js";

export interface Fragment extends Box {
  text: string;
  /** Font size in points (the text matrix scale). */
  size: number;
  bold: boolean;
  /** Baseline y in top-left page space. */
  baseline: number;
  /** True when the text does not run left-to-right horizontally on the page. */
  rotated: boolean;
  /** Split from the previous fragment of its text item at a column break (never rejoined into one phrase). */
  breakBefore?: boolean;
}

/** The subset of a pdf.js TextItem this stage reads. */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
};

/** Any character that normaliseText replaces or removes (the union of its classes). */
const ODD_CHARACTER = /[\uFB00-\uFB06\uF0A7\uF0B7\uF076\uF0D8\uF0FC\uF06C\uF0A8\u00A0\u2000-\u200A\u202F\u205F\u3000\t\u00AD\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B-\u001F]/;

/** Ligatures → letters, NBSP and other odd spaces → space, soft hyphens and zero-widths removed. */
export function normaliseText(s: string): string {
  // Nearly all text has none of these characters: one scan instead of five replacements.
  if (!ODD_CHARACTER.test(s)) return s;
  return s
    .replace(/[\uFB00-\uFB06]/g, (ch) => LIGATURES[ch] ?? ch)
    // Symbol-font bullets land in the private use area; show them as a bullet.
    .replace(/[\uF0A7\uF0B7\uF076\uF0D8\uF0FC\uF06C\uF0A8]/g, "•")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " ")
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .replace(/[\u0000-\u0008\u000B-\u001F]/g, "");
}

/**
 * Convert one item. `viewport` maps PDF user space to top-left page space (it includes the
 * page's /Rotate); `isBold` answers from the font the item uses.
 */
export function fragmentsOfItem(item: RawTextItem, viewport: Matrix, isBold: (font: string) => boolean): Fragment[] {
  const text = normaliseText(item.str);
  const trimmed = text.trim();
  if (!trimmed || LEADER.test(trimmed)) return [];
  const t = item.transform;
  if (t.length < 6) return [];
  const m = multiply(t as Matrix, viewport);
  // The text matrix's scale gives the font size; its x axis gives the writing direction.
  const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]) || item.height || 1;
  const dirLen = Math.hypot(m[0], m[1]) || 1;
  const dx = m[0] / dirLen;
  const dy = m[1] / dirLen;
  const rotated = Math.abs(dy) > 0.2 || dx < 0;
  // Indexed, not destructured: destructuring goes through the array iterator, once per item.
  const origin = apply(viewport, t[4]!, t[5]!);
  const ox = origin[0];
  const oy = origin[1];
  // item.width is measured along the writing direction in user space units.
  const vScale = Math.hypot(viewport[0], viewport[1]) || 1;
  const width = Math.max(item.width * vScale, 0);
  const bold = isBold(item.fontName);
  if (rotated) {
    const ex = ox + dx * width;
    const ey = oy + dy * width;
    return [
      {
        text: trimmed,
        size,
        bold,
        baseline: oy,
        rotated,
        x0: Math.min(ox, ex) - (Math.abs(dy) > 0.5 ? size * 0.8 : 0),
        x1: Math.max(ox, ex) + (Math.abs(dy) > 0.5 ? size * 0.2 : 0),
        y0: Math.min(oy, ey) - (Math.abs(dy) > 0.5 ? 0 : size * 0.8),
        y1: Math.max(oy, ey) + (Math.abs(dy) > 0.5 ? 0 : size * 0.2),
      },
    ];
  }
  return splitOnWideSpaces(text, ox, width, oy, size, bold);
}

const DIGIT = /\d/;

/**
 * Split an item at runs of 2+ spaces, estimating x positions proportionally to the character
 * count (pdf.js gives no per-glyph positions in text content).
 */
function splitOnWideSpaces(text: string, x: number, width: number, baseline: number, size: number, bold: boolean): Fragment[] {
  const perChar = text.length ? width / text.length : 0;
  const out: Fragment[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const run = m[0];
    // A run without a digit holds no number columns: it is one piece (the common case).
    if (!DIGIT.test(run)) {
      out.push(pieceFragment(run, x + m.index * perChar, perChar, baseline, size, bold, false));
      continue;
    }
    for (const [offset, piece, broken] of numberColumns(run)) {
      out.push(pieceFragment(piece, x + (m.index + offset) * perChar, perChar, baseline, size, bold, broken));
    }
  }
  return out;
}

function pieceFragment(piece: string, start: number, perChar: number, baseline: number, size: number, bold: boolean, broken: boolean): Fragment {
  const f: Fragment = {
    text: piece,
    size,
    bold,
    baseline,
    rotated: false,
    x0: start,
    x1: start + piece.length * perChar,
    y0: baseline - size * 0.8,
    y1: baseline + size * 0.2,
  };
  if (broken) f.breakBefore = true;
  return f;
}

/**
 * A text item that is only a run of dots (or spaced dots) is a leader drawn between a label and
 * its value: spacing, like a wide gap, not text. Dots written at the end of a label's own text
 * run stay part of that text.
 */
const LEADER = /^(?:\. ?){4,}$/;

/** A bare number (a single table value written as its own text item or run). */
export function isBareNumber(s: string): boolean {
  return NUMBER.test(s);
}

/** A bare number; one in parentheses ("1168 (18.4%)") qualifies the number before it instead. */
const NUMBER = /^[-–+]?[$€£]?\d(?:[\d,.]*\d)?%?\**$/;

/**
 * Some producers write a table row's numbers as one text run with single spaces between
 * columns ("1,249,752 1,364,492", "30 33 36"). A run of space-separated numbers is split into
 * its numbers, unless it reads as one number with spaces grouping its thousands ("12 345 678":
 * every group after the first is three digits). Returns [offset, text, split here] pieces.
 */
export function numberColumns(s: string): [number, string, boolean][] {
  const words: [number, string][] = [];
  const re = /\S+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) words.push([m.index, m[0]]);
  const out: [number, string, boolean][] = [];
  let i = 0;
  let start = 0;
  const emit = (from: number, to: number, broken: boolean) => {
    const a = words[from]![0];
    const last = words[to - 1]!;
    out.push([a, s.slice(a, last[0] + last[1].length), broken]);
  };
  while (i < words.length) {
    if (!NUMBER.test(words[i]![1])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < words.length && NUMBER.test(words[j]![1])) j++;
    const run = words.slice(i, j).map((w) => w[1]);
    const grouped = /^\d{1,3}$/.test(run[0]!) && run.slice(1).every((w) => /^\d{3}$/.test(w));
    if (j - i >= 2 && !grouped) {
      if (i > start) emit(start, i, out.length > 0);
      for (let k = i; k < j; k++) emit(k, k + 1, k > i || out.length > 0);
      start = j;
    }
    i = j;
  }
  if (start < words.length) emit(start, words.length, out.length > 0);
  return out;
}

/**
 * Drop duplicates that some producers draw to fake bold or shadows: same text at (nearly) the
 * same place.
 */
export function dedupeFragments(frags: Fragment[]): Fragment[] {
  const seen = new Map<string, Fragment[]>();
  const out: Fragment[] = [];
  for (const f of frags) {
    const list = seen.get(f.text);
    if (list?.some((g) => Math.abs(g.x0 - f.x0) < 1.5 && Math.abs(g.baseline - f.baseline) < 1.5)) continue;
    if (list) list.push(f);
    else seen.set(f.text, [f]);
    out.push(f);
  }
  return out;
}
