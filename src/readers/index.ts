/**
 * Bytes → Layout, choosing the reader by file extension and checking the bytes agree
 * (a .pdf that is not a PDF, a .docx that is not a zip) before a reader sees them.
 */
import { readFile, stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { Layout, SourceFormat } from "../layout/types.js";
import { readDocx } from "./docx.js";
import { ReaderError } from "./errors.js";
import { readPdf } from "./pdf/index.js";
import { readText } from "./text.js";

export { ReaderError } from "./errors.js";

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  ".pdf": "pdf",
  ".docx": "docx",
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
};

export const SUPPORTED_EXTENSIONS = Object.keys(FORMAT_BY_EXTENSION);

export function formatOf(path: string): SourceFormat | null {
  return FORMAT_BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

/** Read a file from disk: the I/O edge. Throws ReaderError for anything a user can fix. */
export async function readFileBytes(path: string): Promise<Uint8Array> {
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
  if (size === 0) throw new ReaderError("empty", `${name}: empty file (0 bytes)`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ReaderError("unreadable", `${name}: cannot read (${code ?? String(error)})`);
  }
}

/** Bytes of a named file → Layout. Pure apart from the parsers themselves. */
export async function readBytes(bytes: Uint8Array, source: string): Promise<Layout> {
  const format = formatOf(source);
  if (!format) {
    throw new ReaderError(
      "unsupported-type",
      `${source}: unsupported file type (expected ${SUPPORTED_EXTENSIONS.join(" ")})`,
    );
  }
  if (bytes.length === 0) throw new ReaderError("empty", `${source}: empty file (0 bytes)`);
  switch (format) {
    case "pdf":
      if (!startsWith(bytes, "%PDF-", 1024)) {
        throw new ReaderError("not-pdf", `${source}: not a PDF (no %PDF- header)`);
      }
      return readPdf(bytes, source);
    case "docx":
      if (!startsWith(bytes, "PK\u0003\u0004", 0)) {
        throw new ReaderError("not-docx", `${source}: not a DOCX (not a zip package)`);
      }
      return readDocx(bytes, source);
    case "text":
    case "markdown":
      return readText(decodeText(bytes), source, format);
  }
}

export async function readDocument(path: string): Promise<{ layout: Layout; bytes: Uint8Array }> {
  const bytes = await readFileBytes(path);
  const layout = await readBytes(bytes, basename(path));
  return { layout, bytes };
}

/** True when `magic` appears within the first `window` bytes (0 = exactly at the start). */
function startsWith(bytes: Uint8Array, magic: string, window: number): boolean {
  const head = Buffer.from(bytes.subarray(0, Math.max(window, magic.length) + magic.length)).toString("latin1");
  return window === 0 ? head.startsWith(magic) : head.slice(0, window + magic.length).includes(magic);
}

/** UTF-8 with BOM stripped; falls back to Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
