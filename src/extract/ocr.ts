/**
 * Facts from OCR pages carry the confidence of the words behind them, and a fact read below the
 * document's threshold is kept with a warning naming it (an auditor checks it against the page
 * image), never dropped.
 *
 * The words behind a fact are the recognised words inside its box. Where some of them spell the
 * fact's own figure or marker (a score's "3", an indicator's "85%"), those decide: the value is
 * what matters, not a misread word beside it. Otherwise the box's words decide by their mean.
 */
import type { OcrInfo, OcrWordPlace } from "../layout/types.js";

interface Placed {
  place: { page: number | null; bbox?: [number, number, number, number] | null; ocr?: number | null };
}

export interface OcrFactLists {
  scores: (Placed & { raw: string })[];
  indicators: (Placed & { value: number; text: string })[];
  actions: (Placed & { text: string })[];
  gaps: (Placed & { marker: string })[];
}

export interface OcrMessage {
  level: "warning";
  text: string;
  place: { page: number | null; bbox?: [number, number, number, number] | null };
  source: string;
}

const SOURCE = "extract:ocr";

/** Words whose centre lies inside the box (one point of slack for rounding). */
export function wordsIn(words: readonly OcrWordPlace[], page: number, bbox: readonly number[]): OcrWordPlace[] {
  const [x0, y0, x1, y1] = bbox as [number, number, number, number];
  return words.filter((w) => {
    if (w.page !== page) return false;
    const cx = (w.bbox[0] + w.bbox[2]) / 2;
    const cy = (w.bbox[1] + w.bbox[3]) / 2;
    return cx >= x0 - 1 && cx <= x1 + 1 && cy >= y0 - 1 && cy <= y1 + 1;
  });
}

const token = (s: string) => s.toLowerCase().replace(/[^a-z0-9%]/g, "");

/** The confidence behind a fact whose key text is `key` (null: no recognised word in its box). */
export function confidenceOf(words: readonly OcrWordPlace[], key: string): number | null {
  if (!words.length) return null;
  const keys = new Set(key.split(/\s+/).map(token).filter(Boolean));
  const own = words.filter((w) => keys.has(token(w.text)));
  if (own.length) return Math.min(...own.map((w) => w.confidence));
  return words.reduce((s, w) => s + w.confidence, 0) / words.length;
}

/**
 * Set `place.ocr` on every fact from an OCR page (mutates the lists it is given, which the
 * extractors have just built) and return a warning for each below the threshold.
 */
export function annotateOcr(facts: OcrFactLists, ocr: OcrInfo | undefined): OcrMessage[] {
  if (!ocr) return [];
  const pages = new Set(ocr.pages);
  const messages: OcrMessage[] = [];
  const visit = (kind: string, fact: Placed, key: string, label: string) => {
    const { page, bbox } = fact.place;
    if (page === null || !pages.has(page)) return;
    const inBox = bbox ? wordsIn(ocr.words, page, bbox) : [];
    const confidence = confidenceOf(inBox, key);
    // A fact on an OCR page whose box holds no word (a place widened by the extractor) takes the page's mean.
    const value = confidence ?? pageMean(ocr.words, page);
    // A copy: extractors may share one place object between facts (or with the Layout).
    fact.place = { ...fact.place, ocr: Math.round(value * 10) / 10 };
    if (value < ocr.minConfidence) {
      messages.push({
        level: "warning",
        text: `${kind} "${label}" on page ${page} was read by OCR with low confidence (${Math.round(value)} < ${ocr.minConfidence}); check it against the page`,
        place: { page, bbox: bbox ?? null },
        source: SOURCE,
      });
    }
  };
  for (const s of facts.scores) visit("score", s, s.raw, s.raw);
  for (const i of facts.indicators) visit("indicator", i, String(i.value), clip(i.text));
  for (const a of facts.actions) visit("action", a, "", clip(a.text));
  for (const g of facts.gaps) visit("gap", g, g.marker, clip(g.marker));
  return messages;
}

function pageMean(words: readonly OcrWordPlace[], page: number): number {
  const on = words.filter((w) => w.page === page);
  return on.length ? on.reduce((s, w) => s + w.confidence, 0) / on.length : 0;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
