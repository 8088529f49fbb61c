/**
 * Second reading of number cells. Page-level recognition reads running text well but often
 * misses or garbles a lone figure in a table cell (a "4" read as "a", "3-4" as "3.4", a "2"
 * dropped). In a column that is mostly numbers (scores, counts), every short cell is read
 * again on its own, as one line restricted to the characters numbers are written with: the
 * table's own structure says what the cell can hold, so no report's text is assumed.
 */
import type { GridTable } from "../pdf/table-model.js";
import { cacheKey, readCached, writeCached } from "./cache.js";
import { ENGINE_VERSION, recogniseLines, type OcrWord } from "./engine.js";
import { pgmOf, type Raster } from "./raster.js";

export const CELL_TUNING = {
  /** What a number cell may hold once read. */
  number: /^(?:\d{1,4}(?:[-–.,/]\d{1,4})?%?|N\/?A)$/i,
  /** Characters the second reading may use (no decimal point: a score range "3-4" must not become "3.4"). */
  whitelist: "0123456789-/%NA",
  /** A column is numeric when at least this share of its filled short cells are numbers (and at least two are). */
  numericShare: 0.5,
  /** Cells re-read: empty, or at most this many characters. */
  shortCell: 4,
  /** Confidence a second reading needs to replace a cell's text (an empty cell needs more: noise must not become a figure). */
  replace: 50,
  fillEmpty: 75,
  /** Page-level words below this confidence in a short ruled cell: the cell is read again whatever its column. */
  doubtful: 80,
  /** White margin around a cell crop, pixels (the engine reads glyphs touching the edge badly). */
  margin: 12,
} as const;

type Cell = GridTable["cells"][number];

/**
 * Cells worth a second reading: short cells in mostly-numeric columns, and in ruled tables any
 * short cell the page reading doubted (`confidence` of its words; null when it holds none): a
 * lone figure in a box (a section's score) is what page recognition misses most.
 */
export function numberCells(t: GridTable, confidence: (cell: Cell) => number | null = () => null): Cell[] {
  const byColumn = new Map<number, Cell[]>();
  for (const c of t.cells) {
    if (c.colspan !== 1) continue;
    const list = byColumn.get(c.c) ?? [];
    list.push(c);
    byColumn.set(c.c, list);
  }
  const out: Cell[] = [];
  if (t.method === "lattice") {
    for (const c of t.cells) {
      const text = c.text.trim();
      const conf = confidence(c);
      if (text.length <= CELL_TUNING.shortCell && (conf === null || conf < CELL_TUNING.doubtful)) out.push(c);
    }
  }
  for (const cells of byColumn.values()) {
    const short = cells.filter((c) => c.text.trim().length > 0 && c.text.trim().length <= 6);
    const numbers = short.filter((c) => CELL_TUNING.number.test(c.text.trim()));
    if (numbers.length < 2 || numbers.length < CELL_TUNING.numericShare * short.length) continue;
    for (const c of cells) {
      const text = c.text.trim();
      if (text.length > CELL_TUNING.shortCell || out.includes(c) || /^N\/?A$/i.test(text)) continue;
      // A figure the page reading was sure of stays as read.
      const conf = confidence(c);
      if (text && CELL_TUNING.number.test(text) && conf !== null && conf >= CELL_TUNING.doubtful) continue;
      out.push(c);
    }
  }
  return out;
}

/** Crop a box (pixels) from a raster, inset from its rules and padded with white. */
export function cropCell(r: Raster, box: { x0: number; y0: number; x1: number; y1: number }): Raster | null {
  const inset = Math.max(3, Math.round(Math.min(box.x1 - box.x0, box.y1 - box.y0) * 0.06));
  const x0 = Math.max(0, Math.round(box.x0) + inset);
  const y0 = Math.max(0, Math.round(box.y0) + inset);
  const x1 = Math.min(r.width, Math.round(box.x1) - inset);
  const y1 = Math.min(r.height, Math.round(box.y1) - inset);
  if (x1 - x0 < 4 || y1 - y0 < 4) return null;
  const m = CELL_TUNING.margin;
  const width = x1 - x0 + 2 * m;
  const height = y1 - y0 + 2 * m;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = y0; y < y1; y++) data.set(r.data.subarray(y * r.width + x0, y * r.width + x1), (y - y0 + m) * width + m);
  return { width, height, data };
}

export interface CellReading {
  cell: Cell;
  text: string;
  confidence: number;
}

/**
 * Read the number cells of `tables` again from `raster` (tables in analysis space at `scale`
 * points per pixel) and write the readings into the cells. Returns what changed, with the
 * confidence of each new reading.
 */
export async function rereadNumberCells(
  tables: readonly GridTable[],
  raster: Raster,
  scale: number,
  cacheDir: string | null,
  confidence?: (cell: Cell) => number | null,
): Promise<CellReading[]> {
  const targets: { cell: Cell; crop: Raster }[] = [];
  for (const t of tables) {
    for (const cell of numberCells(t, confidence)) {
      // A ruled cell's box is its rules (crop inside them); a borderless cell's is its text (crop around it).
      if (t.method === "stream" && !cell.text.trim()) continue;
      const grow = t.method === "stream" ? cell.box.y1 - cell.box.y0 : 0;
      const px = { x0: (cell.box.x0 - grow) / scale, y0: (cell.box.y0 - grow / 2) / scale, x1: (cell.box.x1 + grow) / scale, y1: (cell.box.y1 + grow / 2) / scale };
      const cut = cropCell(raster, px);
      const crop = cut && hasInk(cut) ? cleanCell(cut) : null;
      if (crop) targets.push({ cell, crop });
    }
  }
  const version = `${ENGINE_VERSION} cell ${CELL_TUNING.whitelist}`;
  const results: (OcrWord[] | null)[] = [];
  const missing: number[] = [];
  for (const [i, t] of targets.entries()) {
    const hit = cacheDir ? await readCached(cacheDir, cacheKey(t.crop, version)) : null;
    results.push(hit);
    if (!hit) missing.push(i);
  }
  const fresh = await recogniseLines(missing.map((i) => pgmOf(targets[i]!.crop)), CELL_TUNING.whitelist);
  for (const [k, i] of missing.entries()) {
    results[i] = fresh[k]!;
    if (cacheDir) await writeCached(cacheDir, cacheKey(targets[i]!.crop, version), fresh[k]!);
  }
  const changed: CellReading[] = [];
  for (const [i, { cell }] of targets.entries()) {
    // Stray marks beside the figure come back as low-confidence extra words ("2", "-"): the
    // reading is the whole line when it is a number ("3", "-", "4"), else its confident words.
    const all = results[i] ?? [];
    const words = [all, all.filter((w) => w.confidence >= CELL_TUNING.replace)].find((ws) => ws.length > 0 && CELL_TUNING.number.test(ws.map((w) => w.text).join("")));
    if (!words) continue;
    const text = words.map((w) => w.text).join("");
    const confidence = Math.min(...words.map((w) => w.confidence));
    const needed = cell.text.trim() ? CELL_TUNING.replace : CELL_TUNING.fillEmpty;
    if (confidence < needed || text === cell.text.trim()) continue;
    cell.text = text;
    changed.push({ cell, text, confidence });
  }
  return changed;
}

/**
 * A cell crop as the engine reads a lone figure best: specks removed (a marked pixel with fewer
 * than two marked neighbours is scanner noise; greys are kept, a thin dash is often light after
 * JPEG), trimmed to what is left with a white margin. Null when nothing but specks is left.
 */
export function cleanCell(r: Raster): Raster | null {
  const { width: w, height: h } = r;
  const dark = new Uint8Array(w * h);
  for (let i = 0; i < dark.length; i++) dark[i] = r.data[i]! < 200 ? 1 : 0;
  const out = new Uint8Array(w * h).fill(255);
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!dark[i]) continue;
      const n = dark[i - w - 1]! + dark[i - w]! + dark[i - w + 1]! + dark[i - 1]! + dark[i + 1]! + dark[i + w - 1]! + dark[i + w]! + dark[i + w + 1]!;
      if (n < 2) continue;
      out[i] = r.data[i]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0 || x1 - x0 < 2 || y1 - y0 < 4) return null;
  const m = CELL_TUNING.margin;
  const cw = x1 - x0 + 1 + 2 * m;
  const ch = y1 - y0 + 1 + 2 * m;
  const data = new Uint8Array(cw * ch).fill(255);
  for (let y = y0; y <= y1; y++) data.set(out.subarray(y * w + x0, y * w + x1 + 1), (y - y0 + m) * cw + m);
  return { width: cw, height: ch, data };
}

/** Whether a crop holds anything darker than paper (an empty cell needs no reading). */
function hasInk(r: Raster): boolean {
  let dark = 0;
  for (let i = 0; i < r.data.length; i++) if (r.data[i]! < 128) dark++;
  return dark >= 8;
}
