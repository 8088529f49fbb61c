/** OCR settings: what `ingest --ocr…` and `tables --ocr` set (kept apart so the CLI loads no reader). */
import { defaultCacheDir } from "./cache.js";

export type OcrMode = "auto" | "always" | "never";

export interface OcrSettings {
  /** auto: pages without a usable text layer; always: every page; never: none. */
  mode: OcrMode;
  /** Facts whose words were read below this confidence (0..100) are stored with a warning. */
  minConfidence: number;
  /** Recognised pages cache; null for none (default: see cache.ts). */
  cacheDir: string | null;
}

export const DEFAULT_MIN_CONFIDENCE = 60;

export function ocrSettings(partial: Partial<OcrSettings> = {}): OcrSettings {
  return { mode: "auto", minConfidence: DEFAULT_MIN_CONFIDENCE, cacheDir: defaultCacheDir(), ...partial };
}
