/**
 * A PDF page drawn onto a Node canvas (@napi-rs/canvas) with pdf.js: for OCR of pages whose
 * content is not one plain image, and for anything else that needs a page picture. pdf.js and
 * this module use the same @napi-rs/canvas (package.json pins it and overrides pdf.js's own
 * copy): canvases, paths and image data from two native builds cannot be mixed.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import type { PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Matrix } from "./geometry.js";

export type RenderablePage = Pick<PDFPageProxy, "getViewport" | "render">;

/** Longest side of a rendered page, in pixels: bounds memory and recognition time. */
export const MAX_RENDER_SIDE = 5000;

/**
 * Render at `scale` pixels per point (clamped so the longer side stays within MAX_RENDER_SIDE),
 * on white. Returns the canvas and the pixel → page-space matrix (page space: points,
 * top-left origin, as the Layout uses).
 */
export async function renderPage(page: RenderablePage, scale: number): Promise<{ canvas: Canvas; toPage: Matrix }> {
  const unit = page.getViewport({ scale: 1 });
  const s = Math.min(scale, MAX_RENDER_SIDE / Math.max(unit.width, unit.height));
  const viewport = page.getViewport({ scale: s });
  const canvas = createCanvas(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdf.js's types name the DOM canvas; on Node it draws on @napi-rs/canvas's, as its own factory does.
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport, background: "#ffffff" }).promise;
  return { canvas, toPage: [1 / s, 0, 0, 1 / s, 0, 0] };
}

/** Page → PNG bytes at `scale` pixels per point. */
export async function renderPagePng(page: RenderablePage, scale: number): Promise<Buffer> {
  const { canvas } = await renderPage(page, scale);
  return canvas.encode("png");
}
