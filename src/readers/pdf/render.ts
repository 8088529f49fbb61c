/**
 * A PDF page drawn onto a Node canvas (@napi-rs/canvas) with pdf.js: for OCR of pages whose
 * content is not one plain image, and for the web app's page images. pdf.js and this module
 * use the same @napi-rs/canvas (package.json pins it and overrides pdf.js's own copy):
 * canvases, paths and image data from two native builds cannot be mixed.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Matrix } from "./geometry.js";
import { loadingTask } from "./load.js";

export type RenderablePage = Pick<PDFPageProxy, "getViewport" | "render">;

/** Longest side of a rendered page, in pixels: bounds memory and recognition time. */
export const MAX_RENDER_SIDE = 5000;

/**
 * Render at `scale` pixels per point (clamped so the longer side stays within MAX_RENDER_SIDE),
 * on white. Returns the canvas, the scale used and the pixel → page-space matrix (page space:
 * points, top-left origin, as the Layout uses).
 */
export async function renderPage(page: RenderablePage, scale: number): Promise<{ canvas: Canvas; scale: number; toPage: Matrix }> {
  const unit = page.getViewport({ scale: 1 });
  const s = Math.min(scale, MAX_RENDER_SIDE / Math.max(unit.width, unit.height));
  const viewport = page.getViewport({ scale: s });
  const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js's types name the DOM canvas; on Node it draws on @napi-rs/canvas's, as its own factory does.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: "#ffffff" }).promise;
  return { canvas, scale: s, toPage: [1 / s, 0, 0, 1 / s, 0, 0] };
}

export interface RenderOptions {
  /** Pixels per PDF point (1.5 ≈ 108 dpi: readable, small enough to send quickly). */
  scale?: number;
  /** [x0, y0, x1, y1] boxes, top-left page space in points (stored places). */
  highlight?: readonly (readonly [number, number, number, number])[];
}

export class PageOutOfRangeError extends Error {}

/**
 * One page of a stored PDF as PNG bytes, with optional boxes outlined and tinted so a person
 * sees where a fact was read. Opened as the readers open every PDF (loadingTask), so fonts
 * come out the same way.
 */
export async function renderPagePng(bytes: Uint8Array, pageNumber: number, options: RenderOptions = {}): Promise<Buffer> {
  const task = loadingTask(bytes);
  try {
    const doc = await task.promise;
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
      throw new PageOutOfRangeError(`page ${pageNumber} is not in the document (1..${doc.numPages})`);
    }
    const page = await doc.getPage(pageNumber);
    const { canvas, scale } = await renderPage(page, options.scale ?? 1.5);
    const context = canvas.getContext("2d");
    for (const box of options.highlight ?? []) drawHighlight(context, box, scale);
    page.cleanup();
    return canvas.toBuffer("image/png");
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** A tinted box with a strong outline, a few points larger than the fact's own box. */
function drawHighlight(context: ReturnType<Canvas["getContext"]>, box: readonly [number, number, number, number], scale: number): void {
  const pad = 3;
  const [x0, y0, x1, y1] = box;
  const x = (x0 - pad) * scale;
  const y = (y0 - pad) * scale;
  const w = (x1 - x0 + 2 * pad) * scale;
  const h = (y1 - y0 + 2 * pad) * scale;
  context.fillStyle = "rgba(255, 213, 0, 0.35)";
  context.fillRect(x, y, w, h);
  context.lineWidth = 3;
  context.strokeStyle = "#c2185b";
  context.strokeRect(x, y, w, h);
}
