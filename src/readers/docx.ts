/**
 * DOCX bytes → Layout.
 *
 * 1. The zip's central directory is checked before anything is inflated: not a zip, no
 *    word/document.xml, or declared uncompressed sizes over the limit (zip bomb) → ReaderError.
 * 2. word/document.xml is rewritten so every known page start is an explicit page break
 *    (docx-pages.ts), which mammoth renders as a marker element.
 * 3. mammoth → HTML → blocks (html-blocks.ts); tables keep their spans as a full grid.
 */
import JSZip from "jszip";
import mammoth from "mammoth";
import type { Block, Layout, Message, Page } from "../layout/types.js";
import { markPageBreaks, coreTitle, type PageBreakSource } from "./docx-pages.js";
import { listZipEntries, ZipFormatError, type ZipEntryInfo } from "./docx-zip.js";
import { ReaderError } from "./errors.js";
import { htmlToBlocks, PAGE_BREAK_CLASS } from "./html-blocks.js";

/** Refuse packages whose declared uncompressed size (document.xml, or all entries) exceeds this. */
export const DOCX_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

const SOURCE = "reader:docx";
const DOCUMENT_XML = "word/document.xml";

export interface DocxOptions {
  /** Override DOCX_MAX_UNCOMPRESSED_BYTES (tests, or callers with other memory budgets). */
  maxUncompressedBytes?: number;
}

/** DOCX bytes → Layout. Throws ReaderError("not-docx" | "zip-bomb") for unusable packages. */
export async function readDocx(bytes: Uint8Array, source: string, options: DocxOptions = {}): Promise<Layout> {
  const limit = options.maxUncompressedBytes ?? DOCX_MAX_UNCOMPRESSED_BYTES;
  checkPackage(bytes, source, limit);

  const zip = await openZip(bytes, source);
  const documentXml = await readEntry(zip, DOCUMENT_XML, source);
  if (documentXml === null) throw notDocx(source, "no word/document.xml");
  const title = coreTitle(await readEntry(zip, "docProps/core.xml", source));

  const marked = markPageBreaks(documentXml);
  let input: Buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (marked.changed) {
    zip.file(DOCUMENT_XML, marked.xml);
    input = await zip.generateAsync({ type: "nodebuffer" });
  }

  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: input },
      {
        styleMap: [`br[type='page'] => hr.${PAGE_BREAK_CLASS}:fresh`],
        // Images carry no text we use; skipping their base64 keeps memory flat.
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
  } catch (error) {
    throw notDocx(source, `corrupt Word document (${firstLine(error)})`);
  }

  const { blocks, lastPage } = htmlToBlocks(result.value);
  const messages = mammothMessages(result.messages);
  const pageNote = pageSourceMessage(marked.source, marked.breaks);
  if (pageNote) messages.push(pageNote);
  const pages = groupByPage(blocks, lastPage);
  return {
    source,
    format: "docx",
    pages,
    messages,
    meta: { title, pageCount: pages.length },
  };
}

/** Central-directory checks: a zip, with word/document.xml, and not a bomb. */
function checkPackage(bytes: Uint8Array, source: string, limit: number): ZipEntryInfo[] {
  let entries: ZipEntryInfo[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    if (error instanceof ZipFormatError) throw notDocx(source, `not a zip package (${error.message})`);
    throw error;
  }
  const document = entries.find((e) => e.name === DOCUMENT_XML);
  if (!document) throw notDocx(source, "no word/document.xml");
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (document.uncompressedSize > limit || total > limit) {
    const which = document.uncompressedSize > limit ? `${DOCUMENT_XML} declares` : "entries declare";
    const size = Math.max(document.uncompressedSize, total);
    throw new ReaderError(
      "zip-bomb",
      `${source}: refused, ${which} ${formatMb(size)} uncompressed (limit ${formatMb(limit)})`,
    );
  }
  return entries;
}

async function openZip(bytes: Uint8Array, source: string): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (error) {
    throw notDocx(source, `corrupt zip package (${firstLine(error)})`);
  }
}

async function readEntry(zip: JSZip, name: string, source: string): Promise<string | null> {
  const file = zip.file(name);
  if (!file) return null;
  try {
    return await file.async("string");
  } catch (error) {
    throw notDocx(source, `corrupt entry ${name} (${firstLine(error)})`);
  }
}

function notDocx(source: string, why: string): ReaderError {
  return new ReaderError("not-docx", `${source}: not a DOCX (${why})`);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]!.slice(0, 200);
}

function formatMb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

const UNRECOGNISED_STYLE = /^Unrecognised (paragraph|run|table|numbering) style: '([^']*)'/i;

/**
 * mammoth's messages → layout messages. "Unrecognised style" notices only mean formatting
 * was dropped (not text): every custom style of a Word file gives one, so they become one info
 * message naming the styles. Anything else may mean lost content: a warning each, repeats
 * collapsed.
 */
export function mammothMessages(raw: { type: string; message: string }[]): Message[] {
  const seen = new Set<string>();
  const out: Message[] = [];
  const styles = new Map<string, string[]>();
  for (const m of raw) {
    if (seen.has(m.message)) continue;
    seen.add(m.message);
    const style = UNRECOGNISED_STYLE.exec(m.message);
    if (style) styles.set(style[1]!.toLowerCase(), [...(styles.get(style[1]!.toLowerCase()) ?? []), style[2]!]);
    else out.push({ level: "warning", text: m.message, place: null, source: SOURCE });
  }
  if (styles.size) {
    const named = [...styles].map(([kind, names]) => `${kind} ${names.map((n) => `'${n}'`).join(", ")}`).join("; ");
    out.unshift({ level: "info", text: `formatting of styles without a mapping was not kept (the text was): ${named}`, place: null, source: SOURCE });
  }
  return out;
}

function pageSourceMessage(source: PageBreakSource, breaks: number): Message | null {
  if (source === "rendered") return null;
  const text =
    source === "none"
      ? "DOCX has no page breaks: page numbers are unknown, all blocks are on page 1"
      : `DOCX page numbers come from ${breaks} explicit page/section break(s) only; text flowing onto a new page is not seen, so pages may be undercounted`;
  return { level: "info", text, place: null, source: SOURCE };
}

/** Blocks carry their page in place.page; pages 1..last are all present, even empty ones. */
function groupByPage(blocks: Block[], lastPage: number): Page[] {
  const maxBlockPage = Math.max(1, ...blocks.map((b) => b.place.page ?? 1));
  const count = Math.max(1, Math.min(lastPage, maxBlockPage + 1), maxBlockPage);
  const pages: Page[] = Array.from({ length: count }, (_, i) => ({ number: i + 1, blocks: [] }));
  for (const block of blocks) pages[(block.place.page ?? 1) - 1]!.blocks.push(block);
  return trimTrailingEmptyPages(pages);
}

/** A break at the very end of the document (common before a final section) adds no page. */
function trimTrailingEmptyPages(pages: Page[]): Page[] {
  let end = pages.length;
  while (end > 1 && pages[end - 1]!.blocks.length === 0) end--;
  return pages.slice(0, end);
}
