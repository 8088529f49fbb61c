/**
 * Scanned copies of test PDFs, made the way an office scanner makes them: each page rendered
 * (pdf.js on @napi-rs/canvas), turned and skewed a little, speckled, saved as JPEG and wrapped
 * in an image-only PDF. The suite makes its own scans: it never reads ../shared.
 */
import { createCanvas, type Canvas } from "@napi-rs/canvas";
import { loadingTask } from "../../src/readers/pdf/load.js";
import { renderPage } from "../../src/readers/pdf/render.js";
import { buildImagePdf, type ImagePageSpec } from "./pdf-builder.js";

export interface ScanOptions {
  dpi?: number;
  /** Skew in degrees (clockwise), per page or one for all. */
  skew?: number | number[];
  /** Clockwise quarter turns of the sheet on the scanner glass, per page. */
  turns?: number[];
  /** Strength of the grey noise added to every pixel (0..1; ImageMagick's "+noise Gaussian -attenuate" is of this kind). */
  noise?: number;
  /** JPEG quality 0..100. */
  quality?: number;
  /** Scan only the first this many pages. */
  pages?: number;
}

/** A seeded generator: the same scan every run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Scan every page of `pdf`: an image-only PDF of the same page size. */
export async function scanPdf(pdf: Uint8Array, options: ScanOptions = {}): Promise<Uint8Array> {
  return buildImagePdf(await scanPages(pdf, options));
}

/** Scan every page of `pdf`: one JPEG page each (to combine with other image pages). */
export async function scanPages(pdf: Uint8Array, options: ScanOptions = {}): Promise<ImagePageSpec[]> {
  const dpi = options.dpi ?? 150;
  const doc = await loadingTask(pdf).promise;
  const pages: ImagePageSpec[] = [];
  try {
    for (let n = 1; n <= Math.min(doc.numPages, options.pages ?? Infinity); n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const { canvas } = await renderPage(page, dpi / 72);
      const skew = Array.isArray(options.skew) ? (options.skew[n - 1] ?? 0) : (options.skew ?? 0);
      const turns = options.turns?.[n - 1] ?? 0;
      const scanned = speckle(turnAndSkew(canvas, turns, skew), options.noise ?? 0, n);
      const jpeg = await scanned.encode("jpeg", options.quality ?? 75);
      const sideways = turns % 2 === 1;
      pages.push({ jpeg, pixelWidth: scanned.width, pixelHeight: scanned.height, width: sideways ? height : width, height: sideways ? width : height });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}

/** A blank-paper page image, or a "picture" (shapes and shading, no text), as an image-only page. */
export async function imagePage(kind: "blank" | "picture", width = 420, height = 595): Promise<ImagePageSpec> {
  const canvas = createCanvas(Math.round((width * 150) / 72), Math.round((height * 150) / 72));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  if (kind === "picture") {
    const g = ctx.createLinearGradient(0, 0, canvas.width, canvas.height);
    g.addColorStop(0, "#3a6ea5");
    g.addColorStop(1, "#c8d8a0");
    ctx.fillStyle = g;
    ctx.fillRect(60, 80, canvas.width - 120, canvas.height - 160);
    ctx.fillStyle = "#804020";
    for (const [x, y, r] of [[300, 400, 120], [560, 700, 80], [350, 900, 150]] as const) {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  return { jpeg: await canvas.encode("jpeg", 80), pixelWidth: canvas.width, pixelHeight: canvas.height, width, height };
}

function turnAndSkew(src: Canvas, turns: number, skew: number): Canvas {
  const sideways = turns % 2 === 1;
  const out = createCanvas(sideways ? src.height : src.width, sideways ? src.width : src.height);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.translate(out.width / 2, out.height / 2);
  ctx.rotate(((turns * 90 + skew) * Math.PI) / 180);
  ctx.drawImage(src, -src.width / 2, -src.height / 2);
  return out;
}

function speckle(c: Canvas, strength: number, seed: number): Canvas {
  if (strength <= 0) return c;
  const ctx = c.getContext("2d");
  const img = ctx.getImageData(0, 0, c.width, c.height);
  const rnd = random(seed * 7919);
  for (let i = 0; i < img.data.length; i += 4) {
    // Sum of three uniforms: a cheap bell-shaped deviation, scaled to ±(strength × 255).
    const d = (rnd() + rnd() + rnd() - 1.5) * strength * 170;
    const v = Math.max(0, Math.min(255, img.data[i]! + d));
    img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
  }
  ctx.putImageData(img, 0, 0);
  return c;
}
