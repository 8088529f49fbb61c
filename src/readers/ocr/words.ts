/**
 * Recognised words → the Fragments the PDF reader groups into lines, chunks and tables, in the
 * page's straightened analysis space. Each word is one fragment (the line grouper joins words
 * back into phrases by their spacing, as it does for producers that set words separately),
 * with the font size estimated from its tesseract row, and digits restored where OCR read a
 * letter inside a number ("1O%", "2O15", "l2").
 */
import type { Fragment } from "../pdf/text-items.js";
import type { OcrWord } from "./engine.js";

export const WORD_TUNING = {
  /** tesseract's row height (x-height + ascenders) is about this share of the font size. */
  rowHeightEm: 0.72,
  /** Words below this confidence are noise (specks, rule fragments), unless they hold a letter or digit and reach noiseWithText. */
  noise: 40,
  noiseWithText: 15,
} as const;

/** Letters OCR confuses with digits, and the digit they stand for (only used inside numbers). */
const DIGIT_FOR: Record<string, string> = { O: "0", o: "0", l: "1", I: "1", "|": "1", S: "5", B: "8", Z: "2" };
const CONFUSABLE = /[OolI|SBZ]/;
/** A capital and digits is a code ("B1", "S4"), not a misread number. */
const CODE = /^[A-Z]\d+$/;
/** What a number looks like once its letters are digits: 12, 1,234, 12.5, 45%, £1,200, (12), 3-4. */
const NUMBER_SHAPE = /^[(£$€]?\d[\d,.]*(?:[-–]\d+)?%?[).,;:]?$/;

/**
 * A token with at least one digit whose other characters are digit look-alikes becomes the
 * number it reads as; anything else is left alone (words, codes such as "Q1" or "3D" when the
 * result would not be a plain number).
 */
export function fixNumericToken(text: string): string {
  if (!/\d/.test(text) || !CONFUSABLE.test(text) || CODE.test(text)) return text;
  const letters = text.replace(/[^A-Za-z|]/g, "");
  if (letters.length > 2 || letters.length * 2 > text.replace(/[^0-9A-Za-z|]/g, "").length) return text;
  const fixed = text.replace(/[OolI|SBZ]/g, (ch) => DIGIT_FOR[ch] ?? ch);
  return NUMBER_SHAPE.test(fixed) ? fixed : text;
}

/** Typographic characters tesseract emits for plain ones in report text. */
export function normaliseOcrText(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/—/g, "–");
}

/** Noise: specks and bits of rules, which tesseract reads as punctuation with low confidence. */
export function isNoise(w: OcrWord): boolean {
  const hasText = /[A-Za-z0-9]/.test(w.text);
  // A lone dash is meaningful ("April 17 - Sept 17"); bars and underscores are bits of drawn rules.
  if (!hasText && (w.confidence < WORD_TUNING.noise || /^[|_]+$/.test(w.text))) return true;
  return w.confidence < WORD_TUNING.noiseWithText;
}

/** Words (pixels of the straightened image) → fragments at `scale` points per pixel. */
export function fragmentsOfWords(words: readonly OcrWord[], scale: number): Fragment[] {
  // Font size per tesseract line: one estimate for all its words, as a text run has one size.
  const sizeOfLine = new Map<number, number>();
  for (const w of words) {
    if (sizeOfLine.has(w.line)) continue;
    const fromRow = w.rowHeight / WORD_TUNING.rowHeightEm;
    sizeOfLine.set(w.line, fromRow > 0 ? fromRow : (w.y1 - w.y0) / 0.95);
  }
  const out: Fragment[] = [];
  for (const w of words) {
    if (isNoise(w)) continue;
    const text = fixNumericToken(normaliseOcrText(w.text));
    const size = sizeOfLine.get(w.line)! * scale;
    const baseline = Math.max(w.baseline, w.y0 + (w.y1 - w.y0) * 0.5) * scale;
    out.push({
      text,
      size,
      bold: false,
      baseline,
      rotated: false,
      x0: w.x0 * scale,
      x1: w.x1 * scale,
      y0: baseline - size * 0.8,
      y1: baseline + size * 0.2,
    });
  }
  return out;
}
