/**
 * Bytes → Layout, choosing the reader by file extension and checking the bytes agree
 * (a .pdf that is not a PDF, a .docx that is not a zip) before a reader sees them.
 *
 * The pre-checks here are the cheap ones that need no parser: size limit (before a byte is
 * read), empty file, content that is plainly something else despite its name (an HTML page
 * saved as .docx, a legacy .doc, a download error page saved as .pdf), and a PDF cut short
 * (no %%EOF at its end: an incomplete download). The page limit is checked after reading, and
 * before it for large PDFs (pdf.js can count pages without reading them).
 *
 * Each reader is imported when the first file of its format arrives: pdf.js and mammoth are
 * large, and a worker that only ever sees PDFs (or a `tables` run on one) need not load both.
 */
import { basename } from "node:path";
import type { Layout, SourceFormat } from "../layout/types.js";
import { ReaderError } from "./errors.js";
import { checkSize, formatOf, SUPPORTED_EXTENSIONS, readFileBytes, type ReadLimits } from "./files.js";
import { readText } from "./text.js";
import type { TableSettings } from "./pdf/settings.js";

export { ReaderError } from "./errors.js";
export { formatBytes, formatOf, readFileBytes, SUPPORTED_EXTENSIONS, type ReadLimits } from "./files.js";

/** PDFs at least this big have their pages counted before they are read (cheap with pdf.js). */
const PRECOUNT_PAGES_FROM_BYTES = 1024 * 1024;

/** Bytes of a named file → Layout. Pure apart from the parsers themselves. */
/** Reading choices beyond limits and tables: OCR of scanned PDF pages (readers/ocr/) and its progress. */
export type ReadOptions = import("./pdf/index.js").PdfReadOptions;

export async function readBytes(bytes: Uint8Array, source: string, limits: ReadLimits = {}, tables?: TableSettings, options: ReadOptions = {}): Promise<Layout> {
  const format = formatOf(source);
  if (!format) {
    throw new ReaderError(
      "unsupported-type",
      `${source}: unsupported file type (expected ${SUPPORTED_EXTENSIONS.join(" ")})`,
    );
  }
  if (bytes.length === 0 || isBlank(bytes)) {
    throw new ReaderError("empty", bytes.length === 0 ? `${source}: empty file (0 bytes)` : `${source}: empty file (only blank bytes)`);
  }
  checkSize(bytes.length, source, limits);
  let layout: Layout;
  switch (format) {
    case "pdf":
      if (!startsWith(bytes, "%PDF-", 1024)) {
        throw new ReaderError("not-pdf", `${source}: not a PDF despite its name: ${describeContent(bytes, "no %PDF- header")}`);
      }
      if (!endsWithEof(bytes)) {
        throw new ReaderError("corrupt-pdf", `${source}: truncated PDF (no %%EOF at the end of the file: an incomplete download or copy)`);
      }
      if (limits.maxPages !== undefined && bytes.length >= PRECOUNT_PAGES_FROM_BYTES) await precountPdfPages(bytes, source, limits.maxPages);
      layout = await (await import("./pdf/index.js")).readPdf(bytes, source, tables, options);
      break;
    case "docx":
      if (!startsWith(bytes, "PK\u0003\u0004", 0)) {
        throw new ReaderError("not-docx", `${source}: not a DOCX despite its name: ${describeContent(bytes, "not a zip package")}`);
      }
      layout = await (await import("./docx.js")).readDocx(bytes, source);
      break;
    case "text":
    case "markdown":
      layout = readText(decodeText(bytes), source, format);
      break;
  }
  checkPages(layout.meta.pageCount, source, limits);
  return layout;
}

export async function readDocument(path: string, limits: ReadLimits = {}, tables?: TableSettings): Promise<{ layout: Layout; bytes: Uint8Array }> {
  const bytes = await readFileBytes(path, limits);
  const layout = await readBytes(bytes, basename(path), limits, tables);
  return { layout, bytes };
}

/** True when `magic` appears within the first `window` bytes (0 = exactly at the start). */
function startsWith(bytes: Uint8Array, magic: string, window: number): boolean {
  const head = Buffer.from(bytes.subarray(0, Math.max(window, magic.length) + magic.length)).toString("latin1");
  return window === 0 ? head.startsWith(magic) : head.slice(0, window + magic.length).includes(magic);
}

/** UTF-8 with BOM stripped; falls back to Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}


function checkPages(pages: number, name: string, limits: ReadLimits): void {
  if (limits.maxPages !== undefined && pages > limits.maxPages) {
    throw new ReaderError("too-many-pages", `${name}: too many pages (${pages}, limit ${limits.maxPages}; raise with --max-pages)`);
  }
}

/** Count a big PDF's pages before reading them, so a 20,000-page file is refused in milliseconds. */
async function precountPdfPages(bytes: Uint8Array, source: string, maxPages: number): Promise<void> {
  const doc = await (await import("./pdf/load.js")).openPdf(bytes, source);
  const pages = doc.numPages;
  await doc.destroy().catch(() => undefined);
  checkPages(pages, source, { maxPages });
}


/** Whitespace and NUL bytes only (a placeholder file, a failed download). */
function isBlank(bytes: Uint8Array): boolean {
  if (bytes.length > 4096) return false;
  return bytes.every((b) => b === 0 || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c);
}

/**
 * A complete PDF ends with %%EOF (readers accept it within the last 1 KB, after any trailing
 * whitespace or NUL padding). A download cut short does not.
 */
function endsWithEof(bytes: Uint8Array): boolean {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0 || bytes[end - 1] === 0x20 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x09)) end--;
  const tail = Buffer.from(bytes.subarray(Math.max(0, end - 1024), end)).toString("latin1");
  return tail.includes("%%EOF");
}

/** What the bytes look like, for a "not a PDF/DOCX despite its name" message. */
export function describeContent(bytes: Uint8Array, fallback: string): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1");
  const lower = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
  if (head.startsWith("%PDF-") || head.includes("%PDF-")) return "it is a PDF";
  if (head.startsWith("PK\u0003\u0004")) return "it is a zip package (a DOCX, XLSX or other archive)";
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return "it is a legacy Office file (Word 97-2003 .doc or similar); save it as .docx or PDF";
  }
  if (lower.startsWith("{\\rtf")) return "it is an RTF document";
  if (/^(<!doctype html|<html|<head|<body|<meta|<!--)/.test(lower) || (lower.startsWith("<?xml") && /<html/.test(lower)) || /xmlns:w="urn:schemas-microsoft-com:office:word"/.test(lower)) {
    return "it is an HTML page (a web page, or a Word file saved as HTML)";
  }
  if (lower.startsWith("<?xml")) return "it is an XML file";
  if (lower.startsWith("mime-version:")) return "it is a MIME web archive (.mht)";
  const sample = bytes.subarray(0, 512);
  const printable = sample.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 0xc2).length;
  if (sample.length > 0 && printable / sample.length > 0.95) return "it is plain text";
  return fallback;
}
