/**
 * The recognition engine: tesseract.js with the English LSTM model installed from npm
 * (`@tesseract.js-data/eng`, its 4.0.0_best_int data: what tesseract.js itself would fetch
 * for LSTM-only recognition). langPath points at the installed package and cacheMethod is
 * "none", so nothing is downloaded or written at run time: it works offline after `npm ci`.
 *
 * One tesseract worker per thread, started at the first page that needs it and stopped after
 * ENGINE_IDLE_MS without work (a CLI run then exits on its own; an ingest worker thread keeps
 * it between files of a batch).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** Model files: the LSTM-only "best_int" traineddata of the installed package. */
export const MODEL_DIR = join(dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0_best_int");
export const ENGINE_VERSION: string = `tesseract.js ${(require("tesseract.js/package.json") as { version: string }).version} eng/4.0.0_best_int`;

/** Stop the tesseract worker after this long without a page to read. */
const ENGINE_IDLE_MS = 1500;

/** One recognised word, in the pixels of the image recognised. */
export interface OcrWord {
  text: string;
  /** 0..100, tesseract's word confidence. */
  confidence: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The word's line: its index on the page, baseline y at the word's centre, and height of the row's x-height + ascenders. */
  line: number;
  baseline: number;
  rowHeight: number;
}

interface TesseractWorker {
  recognize(image: Buffer, options?: object, output?: object): Promise<{ data: TesseractPage }>;
  setParameters(params: Record<string, string>): Promise<unknown>;
  terminate(): Promise<unknown>;
}

interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface TesseractPage {
  blocks: { paragraphs: { lines: { bbox: Bbox; baseline: Bbox; rowAttributes?: { rowHeight: number }; words: { text: string; confidence: number; bbox: Bbox }[] }[] }[] }[] | null;
}

let engine: Promise<TesseractWorker> | null = null;
let busy = 0;
let idleTimer: NodeJS.Timeout | null = null;

async function startEngine(): Promise<TesseractWorker> {
  const Tesseract = require("tesseract.js") as { createWorker(lang: string, oem: number, options: object): Promise<TesseractWorker> };
  const worker = await Tesseract.createWorker("eng", 1, {
    langPath: MODEL_DIR,
    gzip: true,
    cacheMethod: "none",
    // Errors come back through the rejected promise; the default handler would also print them.
    errorHandler: () => undefined,
  });
  // Automatic page segmentation: tables and columns come out as separate blocks, each
  // word with its own box (tesseract.js's default, one uniform block, runs table rows together).
  await worker.setParameters({ tessedit_pageseg_mode: "3" });
  return worker;
}

/**
 * Run `work` on the shared engine, started on first use: the idle timer is held off while any
 * work is in hand and restarted when the last finishes; a worker that failed is not reused.
 */
async function withEngine<T>(work: (worker: TesseractWorker) => Promise<T>): Promise<T> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  busy++;
  try {
    engine ??= startEngine();
    return await work(await engine);
  } catch (error) {
    // A worker that failed to start must not be reused.
    engine = null;
    throw error;
  } finally {
    busy--;
    if (busy === 0) idleTimer = setTimeout(() => void closeEngine(), ENGINE_IDLE_MS);
  }
}

/** Recognise one image (PGM, PNG or JPEG bytes) → words with boxes, in reading order. */
export async function recognise(image: Buffer): Promise<OcrWord[]> {
  return withEngine(async (worker) => wordsOf((await worker.recognize(image, {}, { blocks: true, text: false })).data));
}

/**
 * Recognise small images (table cells) as single lines restricted to `whitelist` characters;
 * the page settings are restored afterwards. One result per image, in order.
 */
export async function recogniseLines(images: readonly Buffer[], whitelist: string): Promise<OcrWord[][]> {
  if (!images.length) return [];
  return withEngine(async (worker) => {
    await worker.setParameters({ tessedit_pageseg_mode: "7", tessedit_char_whitelist: whitelist });
    const out: OcrWord[][] = [];
    try {
      for (const image of images) out.push(wordsOf((await worker.recognize(image, {}, { blocks: true, text: false })).data));
    } finally {
      await worker.setParameters({ tessedit_pageseg_mode: "3", tessedit_char_whitelist: "" });
    }
    return out;
  });
}

/** Stop the engine now (tests, and callers that know they are done). */
export async function closeEngine(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const e = engine;
  engine = null;
  if (e) await (await e.catch(() => null))?.terminate();
}

/** tesseract's block → paragraph → line → word tree, flattened to words that know their line. */
export function wordsOf(page: TesseractPage): OcrWord[] {
  const out: OcrWord[] = [];
  let line = 0;
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const l of para.lines) {
        const b = l.baseline;
        const slope = b.x1 !== b.x0 ? (b.y1 - b.y0) / (b.x1 - b.x0) : 0;
        const rowHeight = l.rowAttributes?.rowHeight ?? (l.bbox.y1 - l.bbox.y0) * 0.75;
        for (const w of l.words) {
          const text = w.text.trim();
          if (!text) continue;
          const cx = (w.bbox.x0 + w.bbox.x1) / 2;
          out.push({
            text,
            confidence: w.confidence,
            ...w.bbox,
            line,
            baseline: b.y0 + slope * (cx - b.x0),
            rowHeight,
          });
        }
        line++;
      }
    }
  }
  return out;
}
