/**
 * One PDF page drawn to a PNG: pdf.js renders onto an @napi-rs/canvas canvas (pdf.js's own
 * Node canvas factory uses the same package, deduplicated to one version by the package.json
 * override). Optional boxes (top-left page space in points, as the readers store places) are
 * outlined and tinted, so a person sees where a fact was read. Opened as the readers open
 * every PDF (loadingTask), so fonts come out the same way.
 */
import { createCanvas } from "@napi-rs/canvas";
import { loadingTask } from "./load.js";

export interface RenderOptions {
  /** Pixels per PDF point (1.5 ≈ 108 dpi: readable, small enough to send quickly). */
  scale?: number;
  /** [x0, y0, x1, y1] boxes, top-left page space in points (stored places). */
  highlight?: readonly (readonly [number, number, number, number])[];
}

export class PageOutOfRangeError extends Error {}

export async function renderPagePng(bytes: Uint8Array, pageNumber: number, options: RenderOptions = {}): Promise<Buffer> {
  const scale = options.scale ?? 1.5;
  const task = loadingTask(bytes);
  try {
    const doc = await task.promise;
    if (!Number.isInteger(pageNumber) || pageNumber < 1 || pageNumber > doc.numPages) {
      throw new PageOutOfRangeError(`page ${pageNumber} is not in the document (1..${doc.numPages})`);
    }
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport }).promise;
    for (const box of options.highlight ?? []) drawHighlight(context, box, scale);
    page.cleanup();
    return canvas.toBuffer("image/png");
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** A tinted box with a strong outline, a few points larger than the fact's own box. */
function drawHighlight(context: ReturnType<ReturnType<typeof createCanvas>["getContext"]>, box: readonly [number, number, number, number], scale: number): void {
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
