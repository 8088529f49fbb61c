/**
 * The pdf.js edge: open the document (mapping its failures to ReaderError), and fetch each
 * page's raw material — one getOperatorList and one getTextContent per page. Everything after
 * this module is pure.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ReaderError } from "../errors.js";
import type { Box, Matrix } from "./geometry.js";
import pdfjs from "./pdfjs.js";
import type { OpCodes } from "./rulings.js";
import type { RawTextItem } from "./text-items.js";

type PdfDocument = Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;

export interface RawPage {
  number: number;
  /** PDF user space → top-left page space (includes /Rotate). */
  viewport: Matrix;
  box: Box;
  items: RawTextItem[];
  fnArray: number[];
  argsArray: unknown[];
  /** Font loaded name → bold? (from the font objects pdf.js loaded for the page). */
  boldFonts: Map<string, boolean>;
}

const require = createRequire(import.meta.url);
const STANDARD_FONTS = join(dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + "/";

export const OPS: OpCodes = pdfjs.OPS as unknown as OpCodes;

/**
 * How every PDF is opened (also by the bench's bare-reading floor, so both measure the same
 * thing): standard fonts from the package (else pdf.js warns once per font), no eval, no font
 * faces or system fonts (Node has no canvas), keep going past recoverable errors, quiet.
 * pdf.js may transfer (detach) the buffer it is given, so it gets a copy: the caller still
 * needs its bytes.
 */
export function loadingTask(bytes: Uint8Array) {
  return pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
}

export async function openPdf(bytes: Uint8Array, source: string): Promise<PdfDocument> {
  const task = loadingTask(bytes);
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw failureOf(error, source);
  }
}

/** pdf.js exception → one-line ReaderError naming the file. */
export function failureOf(error: unknown, source: string): ReaderError {
  const e = error as { name?: string; code?: number; message?: string };
  if (e?.name === "PasswordException") {
    const incorrect = e.code === pdfjs.PasswordResponses.INCORRECT_PASSWORD;
    return new ReaderError(
      "encrypted",
      `${source}: encrypted PDF; a user password is required to open it${incorrect ? " (the supplied password was rejected)" : ""}`,
    );
  }
  const detail = (e?.message ?? String(error)).split("\n")[0]!.slice(0, 160);
  return new ReaderError("corrupt-pdf", `${source}: corrupt or truncated PDF (${detail})`);
}

export async function documentTitle(doc: PdfDocument): Promise<{ title: string | null; encrypted: boolean }> {
  try {
    const { info } = await doc.getMetadata();
    const i = info as { Title?: unknown; EncryptFilterName?: unknown };
    const title = typeof i.Title === "string" && i.Title.trim() ? i.Title.trim() : null;
    return { title, encrypted: typeof i.EncryptFilterName === "string" };
  } catch {
    return { title: null, encrypted: false };
  }
}

export async function fetchPage(doc: PdfDocument, number: number): Promise<RawPage> {
  const page = await doc.getPage(number);
  try {
    const viewport = page.getViewport({ scale: 1 });
    // Operator list first: it loads the page's fonts, whose weight the text items refer to.
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    const text = await page.getTextContent();
    const items: RawTextItem[] = [];
    const boldFonts = new Map<string, boolean>();
    for (const it of text.items) {
      if (!("str" in it)) continue;
      items.push({ str: it.str, transform: it.transform as number[], width: it.width, height: it.height, fontName: it.fontName });
      if (!boldFonts.has(it.fontName)) boldFonts.set(it.fontName, fontIsBold(page, it.fontName, text.styles[it.fontName]?.fontFamily));
    }
    const [w, h] = [viewport.width, viewport.height];
    return {
      number,
      viewport: viewport.transform as Matrix,
      box: { x0: 0, y0: 0, x1: w, y1: h },
      items,
      fnArray: ops.fnArray,
      argsArray: ops.argsArray,
      boldFonts,
    };
  } finally {
    page.cleanup();
  }
}

function fontIsBold(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }, loadedName: string, family?: string): boolean {
  let name = family ?? "";
  let bold = false;
  try {
    if (page.commonObjs.has(loadedName)) {
      const font = page.commonObjs.get(loadedName) as { name?: string; bold?: boolean; black?: boolean } | null;
      name = `${font?.name ?? ""} ${name}`;
      bold = Boolean(font?.bold || font?.black);
    }
  } catch {
    // A font pdf.js failed to load: treat as regular.
  }
  return bold || /bold|black|heavy|semibold|demi/i.test(name);
}
