/**
 * The one Layout model every reader produces and every extractor consumes.
 *
 * Readers (pdf, docx, text/markdown) turn bytes into pages of blocks; nothing downstream
 * knows which format a block came from except through its Place. Everything carries a Place
 * so that any fact extracted from it can point back to its document and page (or line).
 */

/** Where something is in the source document. */
export interface Place {
  /** 1-based page number (PDF, and DOCX when page breaks are known); null for text. */
  page: number | null;
  /** PDF only: [x0, y0, x1, y1] in PDF points, origin top-left of the page (y grows down). */
  bbox?: [number, number, number, number] | null;
  /** Text/markdown only: 1-based first and last line of the source file. */
  lines?: [number, number] | null;
}

export interface Cell {
  /** Cell text, lines joined with "\n" where the source broke them, trimmed. */
  text: string;
  rowspan: number;
  colspan: number;
  place: Place;
}

/**
 * A table as a full grid: rows[r][c] is the Cell whose top-left corner is at (r, c), or null
 * when (r, c) is covered by a spanning cell above/left of it (or is simply absent). Every
 * row has the same length (the table's column count).
 */
export interface TableBlock {
  kind: "table";
  rows: (Cell | null)[][];
  place: Place;
  /** Pages the table covers when a reader merged a table continued over a page break. */
  pages?: number[];
  /** How the reader found it: "lattice" (ruling lines), "stream" (alignment), "markup" (DOCX/HTML/markdown), "text". */
  method?: "lattice" | "stream" | "markup" | "text";
  /** Number of leading rows the reader believes are header rows (0 when unknown). */
  headerRows?: number;
}

export interface TextBlock {
  kind: "heading" | "paragraph" | "list-item";
  text: string;
  /** Heading level 1..6 where the source says (markdown #, DOCX h1..h6, PDF font size rank). */
  level?: number;
  place: Place;
}

export type Block = TextBlock | TableBlock;

export interface Page {
  /** 1-based. A text file is one page (number 1) whose blocks carry page: null places. */
  number: number;
  blocks: Block[];
}

export type MessageLevel = "info" | "warning" | "error";

/** A diagnostic attached to the document (vfile style): stored, never printed from deep code. */
export interface Message {
  level: MessageLevel;
  text: string;
  place: Place | null;
  /** Which stage said it: "reader:pdf", "reader:docx", "extract:scores", ... */
  source: string;
}

export type SourceFormat = "pdf" | "docx" | "text" | "markdown";

export interface Layout {
  /** The source file's base name, e.g. "report.pdf". */
  source: string;
  format: SourceFormat;
  pages: Page[];
  messages: Message[];
  /** Document metadata the reader could see (PDF info dictionary title, DOCX core title). */
  meta: { title?: string | null; pageCount: number };
  /** PDF pages read by OCR, with the recognised words (page space) behind their text. */
  ocr?: OcrInfo;
}

export interface OcrWordPlace {
  page: number;
  bbox: [number, number, number, number];
  text: string;
  /** 0..100, the engine's word confidence. */
  confidence: number;
}

export interface OcrInfo {
  pages: number[];
  words: OcrWordPlace[];
  /** Facts read below this confidence get a warning. */
  minConfidence: number;
}

/** Plain text of a cell or null. */
export function cellText(cell: Cell | null | undefined): string {
  return cell ? cell.text : "";
}

/** Every block in reading order, with the page it sits on. */
export function* blocksOf(layout: Layout): Generator<{ block: Block; page: number }> {
  for (const page of layout.pages) {
    for (const block of page.blocks) yield { block, page: page.number };
  }
}
