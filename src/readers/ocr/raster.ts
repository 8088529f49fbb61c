/**
 * Grey page images as plain data (one byte per pixel, 0 = black, 255 = white) and the few
 * pure operations OCR needs on them: conversion from pdf.js image objects and canvases, a
 * global threshold, downsampling, quarter turns and small-angle rotation. Kept free of any
 * image library so that every step is testable on hand-made arrays.
 */

export interface Raster {
  width: number;
  height: number;
  /** width × height grey levels, row by row from the top-left. */
  data: Uint8Array;
}

/** pdf.js decoded image kinds (ImageKind): 1-bit grey, RGB, RGBA. */
const GRAYSCALE_1BPP = 1;
const RGB_24BPP = 2;
const RGBA_32BPP = 3;

/** A pdf.js decoded image object → grey raster; null for a kind this does not read. */
export function rasterOfImage(img: { width: number; height: number; kind?: number; data?: Uint8Array | Uint8ClampedArray }): Raster | null {
  const { width, height, data, kind } = img;
  if (!data || !(width > 0 && height > 0)) return null;
  const out = new Uint8Array(width * height);
  if (kind === RGB_24BPP && data.length >= width * height * 3) {
    for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = lum(data[j]!, data[j + 1]!, data[j + 2]!);
  } else if (kind === RGBA_32BPP && data.length >= width * height * 4) {
    return rasterOfRgba(width, height, data);
  } else if (kind === GRAYSCALE_1BPP) {
    const stride = (width + 7) >> 3;
    if (data.length < stride * height) return null;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) out[y * width + x] = data[y * stride + (x >> 3)]! & (0x80 >> (x & 7)) ? 255 : 0;
    }
  } else {
    return null;
  }
  return { width, height, data: out };
}

/** RGBA pixels (a canvas's ImageData) → grey, transparent pixels as white paper. */
export function rasterOfRgba(width: number, height: number, rgba: ArrayLike<number>): Raster {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    const a = rgba[j + 3]! / 255;
    out[i] = Math.round(lum(rgba[j]!, rgba[j + 1]!, rgba[j + 2]!) * a + 255 * (1 - a));
  }
  return { width, height, data: out };
}

function lum(r: number, g: number, b: number): number {
  return (r * 299 + g * 587 + b * 114) / 1000;
}

/**
 * Grey raster → binary PGM ("P5"): what the engine is handed. Leptonica reads it as it is,
 * with no compression to pay for (a PNG of a 200 dpi page took seconds to encode).
 */
export function pgmOf(r: Raster): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${r.width} ${r.height}\n255\n`, "latin1"), Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength)]);
}

/** Otsu's threshold: the grey level that best separates ink from paper. */
export function otsuThreshold(r: Raster): number {
  const hist = new Float64Array(256);
  // Every 4th pixel is plenty for a histogram of a page.
  for (let i = 0; i < r.data.length; i += 4) hist[r.data[i]!]!++;
  let total = 0;
  let sum = 0;
  for (let v = 0; v < 256; v++) {
    total += hist[v]!;
    sum += v * hist[v]!;
  }
  // The middle of the best plateau: a clean two-tone image is split halfway between its tones.
  let best = 128;
  let bestEnd = 128;
  let bestVar = -1;
  let wB = 0;
  let sumB = 0;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > bestVar * (1 + 1e-9)) {
      bestVar = between;
      best = t;
      bestEnd = t;
    } else if (between >= bestVar * (1 - 1e-9)) {
      bestEnd = t;
    }
  }
  return Math.round((best + bestEnd) / 2);
}

/** Box-filter downsampling by an integer factor. */
export function downsample(r: Raster, factor: number): Raster {
  const f = Math.max(1, Math.floor(factor));
  if (f === 1) return r;
  const width = Math.floor(r.width / f);
  const height = Math.floor(r.height / f);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++) {
        const row = (y * f + dy) * r.width + x * f;
        for (let dx = 0; dx < f; dx++) s += r.data[row + dx]!;
      }
      out[y * width + x] = s / (f * f);
    }
  }
  return { width, height, data: out };
}

/** Rotate by quarter turns clockwise (0..3), exactly (pixels are moved, not resampled). */
export function quarterTurn(r: Raster, turns: number): Raster {
  const k = ((turns % 4) + 4) % 4;
  if (k === 0) return r;
  const { width: w, height: h, data } = r;
  const W = k === 2 ? w : h;
  const H = k === 2 ? h : w;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = data[y * w + x]!;
      // Clockwise: (x, y) → (h-1-y, x); half turn: (w-1-x, h-1-y); anticlockwise: (y, w-1-x).
      const [nx, ny] = k === 1 ? [h - 1 - y, x] : k === 2 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      out[ny * W + nx] = v;
    }
  }
  return { width: W, height: H, data: out };
}

/**
 * Rotate by a small angle (degrees, positive = clockwise on screen) about the centre, keeping
 * the size; bilinear, paper white outside. Used to undo a scanner's skew.
 */
export function rotateSmall(r: Raster, degrees: number): Raster {
  if (Math.abs(degrees) < 0.01) return r;
  const { width: w, height: h, data } = r;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    for (let x = 0; x < w; x++) {
      const dx = x - cx;
      // Inverse mapping: where in the source does this output pixel come from.
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) {
        out[y * w + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx;
      const bottom = data[i + w]! * (1 - fx) + data[i + w + 1]! * fx;
      out[y * w + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return { width: w, height: h, data: out };
}
