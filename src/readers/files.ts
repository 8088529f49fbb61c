/**
 * Files in, before any parser: which reader a name asks for, the size limit, and reading the
 * bytes from disk. Kept apart from the readers so the ingest main thread (which only reads,
 * hashes and hands bytes to workers) does not load pdf.js and mammoth.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { SourceFormat } from "../layout/types.js";
import { ReaderError } from "./errors.js";

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  ".pdf": "pdf",
  ".docx": "docx",
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

/** Why a file found in a folder is not read, in words a person can act on (by extension). */
const SKIP_REASONS: [RegExp, string][] = [
  [/^\.doc$/, "legacy .doc (Word 97-2003): save as .docx"],
  [/^\.(xlsx|xlsm|xls|ods|csv|tsv)$/, "spreadsheets are not read"],
  [/^\.(pptx|ppt|odp)$/, "presentations are not read: save as PDF"],
  [/^\.(rtf|odt|pages|wpd)$/, "this word-processor format is not read: save as .docx or PDF"],
  [/^\.(html?|mht|mhtml)$/, "web pages are not read: save as PDF"],
  [/^\.(png|jpe?g|tiff?|gif|bmp|webp)$/, "images are not read: put scans in a PDF"],
  [/^\.(zip|7z|rar|gz|tar)$/, "archives are not opened: unpack it first"],
];

/**
 * Why a folder's file is skipped: an editor's lock file ("~$report.docx"), or its type (a
 * hidden file of no report type says so). Null for a file that is read.
 */
export function skipReason(path: string): string | null {
  const name = basename(path);
  if (name.startsWith("~$") || name.startsWith(".~lock.")) return "an editor's lock file (the document is open somewhere)";
  if (formatOf(path) !== null) return null;
  if (name.startsWith(".")) return "a hidden file";
  const ext = extname(name).toLowerCase();
  for (const [pattern, reason] of SKIP_REASONS) if (pattern.test(ext)) return reason;
  return `not a report type (${SUPPORTED_EXTENSIONS.join(" ")})`;
}

/** Limits a caller (the ingest CLI: --max-bytes, --max-pages) puts on one file. */
export interface ReadLimits {
  /** Refuse files larger than this many bytes (checked before reading). */
  maxBytes?: number;
  /** Refuse documents with more pages than this. */
  maxPages?: number;
}

export function formatOf(path: string): SourceFormat | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** Read a file from disk: the I/O edge. Throws ReaderError for anything a user can fix. */
export async function readFileBytes(path: string, limits: ReadLimits = {}): Promise<Uint8Array> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ReaderError("unreadable", `${name}: not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof ReaderError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ReaderError("missing", `${name}: no such file`);
    throw new ReaderError("unreadable", `${name}: cannot read (${code ?? String(error)})`);
  }
  checkLength(size, name, limits);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReaderError("unreadable", `${name}: cannot read (${code ?? String(error)})`);
  }
}

/** A file's length before it is parsed, from disk or held in memory (a queued job's bytes): not empty, within --max-bytes. */
export function checkLength(size: number, name: string, limits: ReadLimits): void {
  if (size === 0) throw new ReaderError("empty", `${name}: empty file (0 bytes)`);
  checkSize(size, name, limits);
}

export function checkSize(size: number, name: string, limits: ReadLimits): void {
  if (limits.maxBytes !== undefined && size > limits.maxBytes) {
    throw new ReaderError("too-large", `${name}: too large (${formatBytes(size)}, limit ${formatBytes(limits.maxBytes)}; raise with --max-bytes)`);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
