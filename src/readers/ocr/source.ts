/**
 * A page's image for recognition. A scan is one image drawn over the whole page: its decoded
 * pixels are taken as they are (no resampling, exactly what the scanner produced), with the
 * pixel → page matrix from the transform that drew it. Any other page (several images, text
 * drawn as shapes, an image under vector content) is rendered with pdf.js at the resolution
 * of its largest image, or RENDER_DPI when it has none.
 */
import { apply, multiply, type Matrix } from "../pdf/geometry.js";
import { renderPage, type RenderablePage } from "../pdf/render.js";
import { rasterOfImage, rasterOfRgba, type Raster } from "./raster.js";

/** Resolution for pages that hold no image to take the resolution from. */
export const RENDER_DPI = 300;
/** An image covering at least this share of the page (each way) is "the page". */
const FULL_PAGE = 0.85;

export interface ImageOps {
  save: number;
  restore: number;
  transform: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
}

/** One image painted on the page: its object id (null for inline images) and unit square → page space. */
export interface PaintedImage {
  id: string | null;
  width: number;
  height: number;
  toPage: Matrix;
  mask: boolean;
}

/** Images painted by an operator list, with their placement (save/restore/cm/forms tracked). */
export function paintedImages(fnArray: readonly number[], argsArray: readonly unknown[], ops: ImageOps, viewport: Matrix): PaintedImage[] {
  const out: PaintedImage[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = multiply(args as Matrix, ctm);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as number[] | null;
      if (m && m.length === 6) ctm = multiply(m as Matrix, ctm);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.paintImageXObject || fn === ops.paintInlineImageXObject || fn === ops.paintImageMaskXObject) {
      const inline = fn !== ops.paintImageXObject;
      const obj = (inline ? args?.[0] : null) as { width?: number; height?: number } | null;
      const id = inline ? null : String(args?.[0]);
      const width = Number(inline ? obj?.width : args?.[1]) || 0;
      const height = Number(inline ? obj?.height : args?.[2]) || 0;
      out.push({ id, width, height, toPage: multiply(ctm, viewport), mask: fn === ops.paintImageMaskXObject });
    }
  }
  return out;
}

/** Page-space bounds of an image's unit square. */
export function imageBounds(img: PaintedImage): { x0: number; y0: number; x1: number; y1: number } {
  const pts = [apply(img.toPage, 0, 0), apply(img.toPage, 1, 0), apply(img.toPage, 0, 1), apply(img.toPage, 1, 1)];
  return {
    x0: Math.min(...pts.map((p) => p[0])),
    y0: Math.min(...pts.map((p) => p[1])),
    x1: Math.max(...pts.map((p) => p[0])),
    y1: Math.max(...pts.map((p) => p[1])),
  };
}

/** Share of the page (width × height) an image covers. */
export function coverage(img: PaintedImage, page: { width: number; height: number }): { x: number; y: number } {
  const b = imageBounds(img);
  const x = (Math.min(b.x1, page.width) - Math.max(b.x0, 0)) / page.width;
  const y = (Math.min(b.y1, page.height) - Math.max(b.y0, 0)) / page.height;
  return { x: Math.max(0, x), y: Math.max(0, y) };
}

/** Image pixel (x right, y down) → page space, for an image drawn with `toPage` (PDF images are drawn bottom-up in their unit square). */
export function pixelToPage(img: PaintedImage): Matrix {
  return multiply([1 / img.width, 0, 0, -1 / img.height, 0, 1], img.toPage);
}

export interface PageImage {
  raster: Raster;
  /** Pixel → page space. */
  toPage: Matrix;
  /** "image": the page's own scan, taken directly; "render": drawn by pdf.js. */
  how: "image" | "render";
}

type PdfPageLike = RenderablePage & { objs: { get(id: string): unknown } };

/**
 * The page as a grey image. `images` are the page's painted images (paintedImages), taken
 * from the operator list already fetched for this page object.
 */
export async function pageImage(page: PdfPageLike, images: readonly PaintedImage[], size: { width: number; height: number }): Promise<PageImage> {
  const real = images.filter((i) => i.width > 1 && i.height > 1);
  if (real.length === 1 && !real[0]!.mask && real[0]!.id) {
    const img = real[0]!;
    const c = coverage(img, size);
    const m = img.toPage;
    const axisAligned = Math.abs(m[1]) < 1e-6 * Math.abs(m[0]) && Math.abs(m[2]) < 1e-6 * Math.abs(m[3]);
    if (c.x >= FULL_PAGE && c.y >= FULL_PAGE && axisAligned) {
      let obj: unknown = null;
      try {
        obj = page.objs.get(img.id!);
      } catch {
        obj = null;
      }
      const raster = obj ? rasterOfImage(obj as Parameters<typeof rasterOfImage>[0]) : null;
      if (raster && raster.width === img.width && raster.height === img.height) return { raster, toPage: pixelToPage(img), how: "image" };
    }
  }
  // Pixels per point of the sharpest image on the page; RENDER_DPI without images.
  let scale = RENDER_DPI / 72;
  const sharp = real.map((i) => {
    const b = imageBounds(i);
    return Math.max(i.width / Math.max(1, b.x1 - b.x0), i.height / Math.max(1, b.y1 - b.y0));
  });
  if (sharp.length) scale = Math.min(Math.max(...sharp), 600 / 72);
  const { canvas, toPage } = await renderPage(page, scale);
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  return { raster: rasterOfRgba(canvas.width, canvas.height, data), toPage, how: "render" };
}
