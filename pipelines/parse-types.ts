/** What the ingest workers are asked and answer (kept free of imports: the main thread loads it). */
import type { DocumentFacts } from "../src/facts/schema.js";
import type { SourceFormat } from "../src/layout/types.js";
import type { ReadLimits } from "../src/readers/files.js";
import type { OcrSettings } from "../src/readers/ocr/index.js";

export interface ParseTask {
  /** Base name of the file: chooses the reader and names the document. */
  name: string;
  bytes: Uint8Array;
  limits: ReadLimits;
  /** Force this report family instead of classifying (`ingest --family NAME`). */
  family?: string;
  /** An added families file (`ingest --families FILE`); else $SCOREBOOK_FAMILIES, else the shipped families only. */
  familiesFile?: string;
  /** OCR of scanned PDF pages (default: auto, with the default cache). */
  ocr?: Partial<OcrSettings>;
}

/** What a worker reports while it reads a file: OCR pages done of total. */
export interface ParseProgress {
  ocrDone: number;
  ocrTotal: number;
  page: number;
}

/**
 * A file read by OCR may take --timeout × (1 + pages/OCR_PAGES_PER_TIMEOUT): each ten
 * recognised pages earn one more --timeout (documented in the README).
 */
export const OCR_PAGES_PER_TIMEOUT = 10;

export function timeoutFactor(progress: ParseProgress): number {
  return 1 + progress.ocrTotal / OCR_PAGES_PER_TIMEOUT;
}

export type ParseResult =
  | { ok: true; format: SourceFormat; pages: number | null; facts: DocumentFacts; extractorVersion: string }
  | { ok: false; reason: string; message: string };

/** Reader messages start with the file name; the CLI adds it back in one place. */
export function stripName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}
