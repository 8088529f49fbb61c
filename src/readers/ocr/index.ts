/**
 * OCR for PDF pages without a usable text layer (scans). The PDF reader hands over the pages
 * to recognise; each comes back as the same PageContent its text layer would have given
 * (readers/pdf/page.ts analyseContent), so tables, lines and blocks are found one way for
 * every page. Pipeline per page: source (the page's image) → page (straighten, rules,
 * recognise through the cache) → words (fragments).
 */
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Message } from "../../layout/types.js";
import type { Matrix } from "../pdf/geometry.js";
import type { PageAnalysis } from "../pdf/page.js";
import type { TableSettings } from "../pdf/settings.js";
import type { OcrMode, OcrSettings } from "./settings.js";
import { recognisePage, type PlacedWord, type RecognisedPage } from "./page.js";
import { pageImage, paintedImages, type ImageOps } from "./source.js";

export type { PlacedWord } from "./page.js";
export { closeEngine } from "./engine.js";

export { DEFAULT_MIN_CONFIDENCE, ocrSettings, type OcrMode, type OcrSettings } from "./settings.js";

/** A page with fewer characters of text than this has no usable text layer (a scan with a stray page number). */
const USABLE_TEXT_CHARS = 20;

/** Whether a page goes to OCR: its text layer's character count and whether it paints any image. */
export function wantsOcr(mode: OcrMode, textChars: number, paintsImage: boolean): boolean {
  if (mode === "never") return false;
  if (mode === "always") return true;
  return textChars < USABLE_TEXT_CHARS && paintsImage;
}

/** Operator codes for images (from pdf.js's OPS). */
export function imageOps(ops: Record<string, number>): ImageOps {
  const pick = (name: string) => ops[name] ?? -1;
  return {
    save: pick("save"),
    restore: pick("restore"),
    transform: pick("transform"),
    paintImageXObject: pick("paintImageXObject"),
    paintInlineImageXObject: pick("paintInlineImageXObject"),
    paintImageMaskXObject: pick("paintImageMaskXObject"),
    paintFormXObjectBegin: pick("paintFormXObjectBegin"),
    paintFormXObjectEnd: pick("paintFormXObjectEnd"),
  };
}

export function paintsImage(fnArray: readonly number[], ops: ImageOps): boolean {
  return fnArray.some((f) => f === ops.paintImageXObject || f === ops.paintInlineImageXObject || f === ops.paintImageMaskXObject);
}

export type OcrDocument = Pick<PDFDocumentProxy, "getPage">;

export interface OcrResult {
  /** Each OCR page's analysis, in its straightened frame (frame.toPage maps it to the page). */
  analyses: PageAnalysis[];
  words: PlacedWord[];
  messages: Message[];
}

const SOURCE = "reader:ocr";

/** Recognise `numbers` of `doc`, one page at a time (the engine is single-threaded per worker). */
export async function recognisePages(
  doc: OcrDocument,
  numbers: readonly number[],
  ops: Record<string, number>,
  settings: OcrSettings,
  tables: TableSettings,
  onPage?: (done: number, total: number, page: number) => void,
): Promise<OcrResult> {
  const out: OcrResult = { analyses: [], words: [], messages: [] };
  const iops = imageOps(ops);
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    onPage?.(i, numbers.length, n);
    const page = await doc.getPage(n);
    let rec: RecognisedPage;
    try {
      const viewport = page.getViewport({ scale: 1 });
      const list = await page.getOperatorList();
      const images = paintedImages(list.fnArray, list.argsArray, iops, viewport.transform as Matrix);
      const image = await pageImage(page, images, viewport);
      rec = await recognisePage(n, image, viewport, { cacheDir: settings.cacheDir, tables });
    } finally {
      page.cleanup();
    }
    out.messages.push(pageMessage(rec));
    if (rec.analysis) {
      out.analyses.push(rec.analysis);
      out.words.push(...rec.words);
    }
  }
  onPage?.(numbers.length, numbers.length, numbers[numbers.length - 1] ?? 0);
  return out;
}

function pageMessage(rec: RecognisedPage): Message {
  const place = { page: rec.number };
  const how = [rec.turns ? `turned ${rec.turns * 90}°` : "", Math.abs(rec.skew) >= 0.05 ? `deskewed ${rec.skew.toFixed(1)}°` : ""].filter(Boolean).join(", ");
  switch (rec.status) {
    case "text":
      return { level: "info", text: `page ${rec.number} read by OCR (mean word confidence ${Math.round(rec.meanConfidence ?? 0)}${how ? `; ${how}` : ""})`, place, source: SOURCE };
    case "blank":
      return { level: "info", text: `page ${rec.number} has no text layer and OCR found no text on it (blank or a picture)`, place, source: SOURCE };
    case "damaged":
      return {
        level: "error",
        text: `page ${rec.number}: scanned image too damaged to read (OCR mean word confidence ${Math.round(rec.meanConfidence ?? 0)}); nothing stored from this page`,
        place,
        source: SOURCE,
      };
  }
}
