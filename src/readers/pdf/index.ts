/**
 * PDF bytes → Layout. Pipeline (each stage a small pure module in this folder):
 *   load (pdf.js edge) → text-items (fragments) + rulings (operator list) → lattice tables
 *   (ruling grids) → lines/chunks → stream tables (whitespace) → blocks (headings, paragraphs,
 *   list items) → header rows → merge tables continued over a page break → Layout.
 * Cell text joins the lines of a cell with "\n"; paragraph text joins lines with a space and
 * undoes end-of-line hyphenation. Text inside a table never appears again as a paragraph.
 */
import type { Block, Layout, Message, Page } from "../../layout/types.js";
import { ReaderError } from "../errors.js";
import { buildBlocks, typeScale } from "./blocks.js";
import { detectHeaderRows } from "./headers.js";
import { documentTitle, failureOf, fetchPage, openPdf, OPS } from "./load.js";
import { mergeAcrossPages, type PageItem, type PageItems } from "./merge.js";
import { analysePage, type PageAnalysis } from "./page.js";
import { toTableBlock } from "./table-model.js";

export { tablesContract } from "./contract.js";

const SOURCE = "reader:pdf";

export async function readPdf(bytes: Uint8Array, source: string): Promise<Layout> {
  const doc = await openPdf(bytes, source);
  const messages: Message[] = [];
  try {
    const { title, encrypted } = await documentTitle(doc);
    if (encrypted) messages.push({ level: "info", text: "PDF is encrypted with an owner password only; read without a password", place: null, source: SOURCE });
    const analyses: PageAnalysis[] = [];
    let failedPages = 0;
    let lastError: unknown = null;
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const raw = await fetchPage(doc, n);
        analyses.push(analysePage(raw, OPS));
      } catch (error) {
        failedPages++;
        lastError = error;
        messages.push({ level: "warning", text: `page ${n} could not be read: ${String((error as Error)?.message ?? error).split("\n")[0]}`, place: { page: n }, source: SOURCE });
      }
    }
    if (failedPages === doc.numPages) throw failureOf(lastError, source);
    if (!analyses.some((a) => a.fragmentCount > 0)) {
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
  return mergeAcrossPages(pageItems).map((p) => ({
    number: p.number,
    blocks: p.items.map((it): Block => (it.kind === "text" ? it.block : toTableBlock(it.table, it.pages))),
  }));
}

function top(it: PageItem): number {
  return it.kind === "text" ? it.y0 : it.table.box.y0;
}
