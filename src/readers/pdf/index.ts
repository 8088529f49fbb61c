/**
 * PDF bytes → Layout. Pipeline (each stage a small pure module in this folder):
 *   load (pdf.js edge) → text-items (fragments) + rulings (operator list) → lattice tables
 *   (ruling grids) → lines/chunks → stream tables (whitespace) → blocks (headings, paragraphs,
 *   list items) → header rows → merge tables continued over a page break → Layout.
 * Cell text joins the lines of a cell with "\n"; paragraph text joins lines with a space and
 * undoes end-of-line hyphenation. Text inside a table never appears again as a paragraph.
 */
import type { Block, Layout, Message, Page, Place } from "../../layout/types.js";
import { bboxOf, type Matrix } from "./geometry.js";
import { mapBox } from "./orientation.js";
import { DEFAULT_TABLE_SETTINGS, type TableSettings } from "./settings.js";
import { ReaderError } from "../errors.js";
import { buildBlocks, typeScale } from "./blocks.js";
import { detectHeaderRows } from "./headers.js";
import { documentTitle, failureOf, fetchPage, openPdf, OPS } from "./load.js";
import { mergeAcrossPages, type PageItem, type PageItems } from "./merge.js";
import { analysePage, type PageAnalysis } from "./page.js";
import { toTableBlock } from "./table-model.js";

export { tablesContract } from "./contract.js";
export { tableSettings, type TableSettings } from "./settings.js";

const SOURCE = "reader:pdf";

export async function readPdf(bytes: Uint8Array, source: string, settings: TableSettings = DEFAULT_TABLE_SETTINGS): Promise<Layout> {
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
    for (const n of numbers) {
      try {
        const raw = await fetchPage(doc, n);
        analyses.push(analysePage(raw, OPS, settings));
      } catch (error) {
        failedPages++;
        lastError = error;
        messages.push({ level: "warning", text: `page ${n} could not be read: ${String((error as Error)?.message ?? error).split("\n")[0]}`, place: { page: n }, source: SOURCE });
      }
    }
    if (numbers.length && failedPages === numbers.length) throw failureOf(lastError, source);
    if (numbers.length && !analyses.some((a) => a.fragmentCount > 0)) {
      throw new ReaderError("no-text-layer", `${source}: no text layer on any page (scanned; needs OCR)`);
    }
    for (const a of analyses) {
      if (a.fragmentCount === 0) messages.push({ level: "warning", text: `page ${a.number} has no text layer (scanned or image-only page)`, place: { page: a.number }, source: SOURCE });
    }
    const pages = layoutPages(analyses);
    return { source, format: "pdf", pages, messages, meta: { title, pageCount: doc.numPages } };
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
  const turned = new Map(analyses.filter((a) => a.frame.rotation !== 0).map((a) => [a.number, a.frame.toPage]));
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
