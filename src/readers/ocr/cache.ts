/**
 * Recognised pages cached by image: the key is the sha256 of the exact grey pixels handed to
 * the engine (after straightening) and the engine's version, so the same page image in any
 * file — a re-run with --force, a copy under another name — costs a file read, not a
 * recognition. One small JSON file per page; writes are atomic (temp file + rename), so two
 * workers or a killed run never leave a half-written entry.
 *
 * Where: SCOREBOOK_OCR_CACHE, else $XDG_CACHE_HOME/scorebook/ocr, else ~/.cache/scorebook/ocr.
 * Deleting the folder is always safe.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { OcrWord } from "./engine.js";
import type { Raster } from "./raster.js";

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SCOREBOOK_OCR_CACHE) return env.SCOREBOOK_OCR_CACHE;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "scorebook", "ocr");
}

export function cacheKey(r: Raster, engineVersion: string): string {
  return createHash("sha256").update(`${engineVersion}\n${r.width}x${r.height}\n`).update(r.data).digest("hex");
}

export async function readCached(dir: string, key: string): Promise<OcrWord[] | null> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, key.slice(0, 2), `${key}.json`), "utf8")) as { words?: OcrWord[] };
    return Array.isArray(parsed.words) ? parsed.words : null;
  } catch {
    return null;
  }
}

/** Best effort: a cache that cannot be written (read-only home, full disk) only costs speed. */
export async function writeCached(dir: string, key: string, words: OcrWord[]): Promise<void> {
  try {
    const folder = join(dir, key.slice(0, 2));
    await mkdir(folder, { recursive: true });
    const tmp = join(folder, `.${key}.${randomBytes(4).toString("hex")}.tmp`);
    await writeFile(tmp, JSON.stringify({ words }));
    await rename(tmp, join(folder, `${key}.json`));
  } catch {
    // ignored, see above
  }
}
