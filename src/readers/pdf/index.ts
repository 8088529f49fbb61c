/**
 * PDF bytes → Layout. Pipeline (each stage a small pure module in this folder):
 *   load (pdf.js edge) → text-items (fragments) + rulings (operator list) → lattice tables
 *   (ruling grids) → lines/chunks → stream tables (whitespace) → blocks (headings, paragraphs,
 *   list items) → header rows → merge tables continued over a page break → Layout.
 * Cell text joins the lines of a cell with "\n"; paragraph text joins lines with a space and
 * undoes end-of-line hyphenation. Text inside a table never appears again as a paragraph.
 */
import type { Block, Layout, Message, Page, Place } from "../../layout/types.js";
import { bboxOf, IDENTITY, type Matrix } from "./geometry.js";
import { mapBox } from "./orientation.js";
import { DEFAULT_TABLE_SETTINGS, type TableSettings } from "./settings.js";
import { ReaderError } from "../errors.js";
import { buildBlocks, typeScale } from "./blocks.js";
import { detectHeaderRows } from "./headers.js";
import { documentTitle, failureOf, fetchPage, openPdf, OPS } from "./load.js";
import { mergeAcrossPages, type PageItem, type PageItems } from "./merge.js";
import { analysePage, type PageAnalysis } from "./page.js";
import { toTableBlock } from "./table-model.js";
import { imageOps, ocrSettings, paintsImage, recognisePages, wantsOcr, type OcrSettings } from "../ocr/index.js";

export { tablesContract } from "./contract.js";
export { tableSettings, type TableSettings } from "./settings.js";

const SOURCE = "reader:pdf";

/** How to read a PDF beyond its tables: OCR of pages without a text layer (readers/ocr/). */
export interface PdfReadOptions {
  ocr?: Partial<OcrSettings>;
  /** Called as OCR pages are recognised (done of total; page number). */
  onOcrPage?: (done: number, total: number, page: number) => void;
}

export async function readPdf(bytes: Uint8Array, source: string, settings: TableSettings = DEFAULT_TABLE_SETTINGS, options: PdfReadOptions = {}): Promise<Layout> {
  const doc = await openPdf(bytes, source);
  const messages: Message[] = [];
  try {
    const { title, encrypted } = await documentTitle(doc);
    if (encrypted) messages.push({ level: "info", text: "PDF is encrypted with an owner password only; read without a password", place: null, source: SOURCE });
    const analyses: PageAnalysis[] = [];
    let failedPages = 0;
    let lastError: unknown = null;
    const wanted = settings.pages ? new Set(settings.pages) : null;
    const numbers = Array.from({ length: doc.numPages }, (_, i) => i + 1).filter((n) => !wanted || wanted.has(n));
    const ocr = ocrSettings(options.ocr);
    const iops = imageOps(OPS as unknown as Record<string, number>);
    const toOcr: number[] = [];
    for (const n of numbers) {
      try {
        const raw = await fetchPage(doc, n);
        const textChars = raw.items.reduce((s, it) => s + it.str.trim().length, 0);
        if (wantsOcr(ocr.mode, textChars, paintsImage(raw.fnArray, iops))) toOcr.push(n);
        else analyses.push(analysePage(raw, OPS, settings));
      } catch (error) {
        failedPages++;
        lastError = error;
        messages.push({ level: "warning", text: `page ${n} could not be read: ${String((error as Error)?.message ?? error).split("\n")[0]}`, place: { page: n }, source: SOURCE });
      }
    }
    if (numbers.length && failedPages === numbers.length) throw failureOf(lastError, source);
    const recognised = toOcr.length ? await recognisePages(doc, toOcr, OPS as unknown as Record<string, number>, ocr, settings, options.onOcrPage) : null;
    if (recognised) {
      analyses.push(...recognised.analyses);
      analyses.sort((a, b) => a.number - b.number);
      messages.push(...recognised.messages);
    }
    if (numbers.length && !recognised && !analyses.some((a) => a.fragmentCount > 0)) {
      const hint = ocr.mode === "never" ? "scanned; read it with --ocr auto" : "no page image to recognise either";
      throw new ReaderError("no-text-layer", `${source}: no text layer on any page (${hint})`);
    }
    for (const a of analyses) {
      if (a.fragmentCount === 0 && !toOcr.includes(a.number)) messages.push({ level: "warning", text: `page ${a.number} has no text layer (scanned or image-only page)`, place: { page: a.number }, source: SOURCE });
    }
    const pages = layoutPages(analyses);
    const layout: Layout = { source, format: "pdf", pages, messages, meta: { title, pageCount: doc.numPages } };
    if (recognised) layout.ocr = { pages: toOcr, words: recognised.words, minConfidence: ocr.minConfidence };
    return layout;
  } catch (error) {
    if (error instanceof ReaderError) throw error;
    throw failureOf(error, source);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/** Page analyses → Layout pages: blocks, header rows, tables merged across page breaks. */
export function layoutPages(analyses: readonly PageAnalysis[]): Page[] {
  const scale = typeScale(analyses.flatMap((a) => a.lines));
  const pageItems: PageItems[] = analyses.map((a) => {
    const items: PageItem[] = [];
    for (const block of buildBlocks(a.lines, a.number, scale)) {
      const b = block.place.bbox ?? [0, 0, 0, 0];
      items.push({ kind: "text", block, y0: b[1], y1: b[3] });
    }
    for (const t of a.tables) items.push({ kind: "table", table: { ...t, headerRows: detectHeaderRows(t) }, pages: [a.number] });
    items.sort((p, q) => top(p) - top(q));
    return { number: a.number, height: a.box.y1 - a.box.y0, items };
  });
  const pages = mergeAcrossPages(pageItems).map((p) => ({
    number: p.number,
    blocks: p.items.map((it): Block => (it.kind === "text" ? it.block : toTableBlock(it.table, it.pages))),
  }));
  // Pages read in another frame (turned text; OCR's straightened, scaled image) go back to the page as displayed.
  const turned = new Map(analyses.filter((a) => a.frame.toPage.some((v, i) => v !== IDENTITY[i])).map((a) => [a.number, a.frame.toPage]));
  const seen = new Set<Place>();
  if (turned.size) for (const p of pages) for (const b of p.blocks) placeOnPage(b, turned, seen);
  return pages;
}

/**
 * Pages read turned (sideways text): their blocks' and cells' boxes go back to the page as
 * displayed, the frame every reported box is in.
 */
function placeOnPage(block: Block, turned: ReadonlyMap<number, Matrix>, seen: Set<Place>): void {
  const back = (place: Place) => {
    const m = place.page !== null ? turned.get(place.page) : undefined;
    if (!m || !place.bbox || seen.has(place)) return;
    seen.add(place);
    const [x0, y0, x1, y1] = place.bbox;
    place.bbox = bboxOf(mapBox(m, { x0, y0, x1, y1 }));
  };
  back(block.place);
  if (block.kind !== "table") return;
  for (const row of block.rows) for (const cell of row) if (cell) back(cell.place);
}

function top(it: PageItem): number {
  return it.kind === "text" ? it.y0 : it.table.box.y0;
}
