/**
 * One page image → what the PDF reader's page analysis takes (positioned text + rulings), by
 * recognition: straighten (quarter turns and skew), find drawn rules, recognise (or read the
 * cache), turn words into fragments. The analysis runs in a straightened space scaled to a
 * nominal paper size; `toPage` maps it back to the page's own space for every place stored.
 */
import { apply, multiply, type Matrix } from "../pdf/geometry.js";
import { invert, type ReadingFrame, type Rotation } from "../pdf/orientation.js";
import { analyseContent, type PageAnalysis } from "../pdf/page.js";
import type { TableSettings } from "../pdf/settings.js";
import type { Ruling } from "../pdf/rulings.js";
import { cacheKey, readCached, writeCached } from "./cache.js";
import { rereadNumberCells } from "./cells.js";
import { estimateSkew, looksUpsideDown, quarterTurnInverse, smallRotationInverse } from "./deskew.js";
import { ENGINE_VERSION, recognise, type OcrWord } from "./engine.js";
import { findImageRulings } from "./image-rulings.js";
import { pgmOf, quarterTurn, rotateSmall, type Raster } from "./raster.js";
import type { PageImage } from "./source.js";
import { fragmentsOfWords, isNoise } from "./words.js";

export const PAGE_TUNING = {
  /** Mean word confidence below which a page with many words is too damaged to use. */
  damagedMean: 50,
  /** Fewer words than this at low confidence: a picture, not a damaged page of text. */
  pictureWords: 12,
  /** Mean confidence below which an upright-looking page is also tried upside down. */
  retryTurnedBelow: 70,
  /** Pages whose shorter side exceeds this (points) declare a wrong resolution (scanners writing 72 or 96 dpi): analysed as if A4/Letter. */
  oversizeShortSide: 760,
  nominalShortSide: 612,
} as const;

/** A recognised word placed on the page (page space), for the confidence of facts. */
export interface PlacedWord {
  page: number;
  bbox: [number, number, number, number];
  text: string;
  confidence: number;
}

export interface RecognisedPage {
  number: number;
  /** "text": read; "blank": no text (blank or a picture); "damaged": text too poor to use. */
  status: "text" | "blank" | "damaged";
  words: PlacedWord[];
  meanConfidence: number | null;
  /** The page's tables and lines (analysis space), as a text layer's page would give. */
  analysis: PageAnalysis | null;
  /** Analysis space → page space. */
  toPage: Matrix;
  cached: boolean;
  /** Clockwise quarter turns and skew (degrees) undone before recognition. */
  turns: number;
  skew: number;
}

export interface RecogniseOptions {
  /** Cache folder, or null for none. */
  cacheDir: string | null;
  /** The table reader's settings (`tables --flavor/--area/--columns`, in page space). */
  tables?: TableSettings;
}

async function recogniseCached(r: Raster, options: RecogniseOptions): Promise<{ words: OcrWord[]; cached: boolean }> {
  const key = options.cacheDir ? cacheKey(r, ENGINE_VERSION) : null;
  if (key && options.cacheDir) {
    const hit = await readCached(options.cacheDir, key);
    if (hit) return { words: hit, cached: true };
  }
  const words = await recognise(pgmOf(r));
  if (key && options.cacheDir) await writeCached(options.cacheDir, key, words);
  return { words, cached: false };
}

function meanConfidence(words: readonly OcrWord[]): number | null {
  const kept = words.filter((w) => !isNoise(w));
  if (!kept.length) return null;
  // Weighted by length: a page's confidence is its text's, not its punctuation's.
  let sum = 0;
  let n = 0;
  for (const w of kept) {
    sum += w.confidence * w.text.length;
    n += w.text.length;
  }
  return sum / n;
}

/** Recognise a page image. `pageBox` is the page's size in page space (points). */
export async function recognisePage(number: number, image: PageImage, pageBox: { width: number; height: number }, options: RecogniseOptions): Promise<RecognisedPage> {
  const source = image.raster;
  const first = estimateSkew(source);
  const turns = first.sideways ? 1 : 0;
  const turned = quarterTurn(source, turns);
  const skew = turns ? estimateSkew(turned).degrees : first.degrees;
  const straight = rotateSmall(turned, -skew);
  // Upside down by the shape of its lines: turned over before the first reading.
  let flipped = looksUpsideDown(straight);
  let final = flipped ? quarterTurn(straight, 2) : straight;
  let { words, cached } = await recogniseCached(final, options);
  let mean = meanConfidence(words);
  if (mean !== null && mean < PAGE_TUNING.retryTurnedBelow && words.length >= 5) {
    // The other way up (or the other sideways): turned text often reads as low-confidence junk.
    const other = quarterTurn(final, 2);
    const second = await recogniseCached(other, options);
    const mean2 = meanConfidence(second.words);
    if (mean2 !== null && mean2 > mean + 10) {
      ({ words, cached } = second);
      mean = mean2;
      final = other;
      flipped = !flipped;
    }
  }
  // Pixels of `final` → page space.
  let pxToPage: Matrix = flipped ? quarterTurnInverse(straight.width, straight.height, 2) : [1, 0, 0, 1, 0, 0];
  pxToPage = multiply(pxToPage, smallRotationInverse(turned.width, turned.height, -skew));
  pxToPage = multiply(pxToPage, quarterTurnInverse(source.width, source.height, turns));
  pxToPage = multiply(pxToPage, image.toPage);
  const ptPerPx = Math.hypot(pxToPage[0], pxToPage[1]);
  const short = Math.min(pageBox.width, pageBox.height);
  const nominal = short > PAGE_TUNING.oversizeShortSide ? PAGE_TUNING.nominalShortSide / short : 1;
  const scale = ptPerPx * nominal;
  const toPage = multiply([1 / scale, 0, 0, 1 / scale, 0, 0], pxToPage);
  const kept = words.filter((w) => !isNoise(w));
  const base = { number, meanConfidence: mean, toPage, cached, turns: (turns + (flipped ? 2 : 0)) % 4, skew };
  const status = pageStatus(mean, kept.length);
  if (status !== "text") return { ...base, status, words: [], analysis: null };
  const box = { x0: 0, y0: 0, x1: final.width * scale, y1: final.height * scale };
  const rulings: Ruling[] = findImageRulings(final).map((r) => ({ orient: r.orient, pos: r.pos * scale, from: r.from * scale, to: r.to * scale, soft: false }));
  // The straightened, scaled image is this page's reading frame: the reader maps every box back through toPage.
  const frame: ReadingFrame = { rotation: ((base.turns * 90) % 360) as Rotation, toReading: invert(toPage), toPage, box };
  const analysis = analyseContent({ number, box, frame, fragments: fragmentsOfWords(kept, scale), graphics: { rulings, fills: [], marks: [] } }, options.tables);
  const cellConfidence = (cell: { box: { x0: number; y0: number; x1: number; y1: number } }) => {
    const b = cell.box;
    const inside = kept.filter((w) => {
      const cx = ((w.x0 + w.x1) / 2) * scale;
      const cy = ((w.y0 + w.y1) / 2) * scale;
      return cx >= b.x0 && cx <= b.x1 && cy >= b.y0 && cy <= b.y1;
    });
    return inside.length ? Math.min(...inside.map((w) => w.confidence)) : null;
  };
  const rereads = await rereadNumberCells(analysis.tables, final, scale, options.cacheDir, cellConfidence);
  // A cell read again stands on its new reading: its confidence replaces the page words' inside it.
  const cellBoxes = rereads.map((r) => ({ x0: r.cell.box.x0 / scale, y0: r.cell.box.y0 / scale, x1: r.cell.box.x1 / scale, y1: r.cell.box.y1 / scale }));
  const inCell = (w: OcrWord) => cellBoxes.some((b) => (w.x0 + w.x1) / 2 >= b.x0 && (w.x0 + w.x1) / 2 <= b.x1 && (w.y0 + w.y1) / 2 >= b.y0 && (w.y0 + w.y1) / 2 <= b.y1);
  const placed = kept.filter((w) => !inCell(w)).map((w): PlacedWord => ({ page: number, bbox: boundsOnPage(pxToPage, w), text: w.text, confidence: w.confidence }));
  for (const [i, r] of rereads.entries()) placed.push({ page: number, bbox: boundsOnPage(pxToPage, cellBoxes[i]!), text: r.text, confidence: r.confidence });
  return { ...base, status, words: placed, analysis };
}

/**
 * What a page's reading is worth: no words → blank; a low mean confidence over many words →
 * damaged (text is there but cannot be trusted); over a few words → a picture (tesseract reads
 * shapes as a handful of junk words); else text.
 */
export function pageStatus(meanConfidence: number | null, words: number): RecognisedPage["status"] {
  if (meanConfidence === null) return "blank";
  if (meanConfidence >= PAGE_TUNING.damagedMean) return "text";
  return words < PAGE_TUNING.pictureWords ? "blank" : "damaged";
}

/** Axis-aligned page-space bounds of a box under an affine map. */
export function boundsOnPage(m: Matrix, b: { x0: number; y0: number; x1: number; y1: number }): [number, number, number, number] {
  const pts = [apply(m, b.x0, b.y0), apply(m, b.x1, b.y0), apply(m, b.x0, b.y1), apply(m, b.x1, b.y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
