/**
 * The ingest job: files (or folders of them) → Layout → facts → store, one transaction per
 * document. A file that fails is reported and skipped; the rest of the batch is still stored.
 * Progress goes to the caller's `report` callback (the CLI prints it on stderr).
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { extractFacts, EXTRACTOR_VERSION } from "../src/extract/index.js";
import type { DocumentFacts } from "../src/facts/schema.js";
import { formatOf, readBytes, readFileBytes, ReaderError } from "../src/readers/index.js";
import type { Store } from "../src/store/open.js";
import { findDocumentBySha, storeDocument } from "../src/store/write.js";
import { afterDocumentStored } from "./hooks.js";

export type FileOutcome =
  | { file: string; status: "stored" | "replaced"; documentId: number; facts: DocumentFacts }
  | { file: string; status: "unchanged"; documentId: number }
  | { file: string; status: "failed"; reason: string; message: string };

export interface IngestOptions {
  force?: boolean;
  /** Called after each file with its outcome, and its index in the batch. */
  report?: (outcome: FileOutcome, index: number, total: number) => void;
}

/** Expand folders (recursively) into the supported files they hold, in a stable order. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch {
      // A missing path is reported by the reader with its own message.
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    const found = entries
      .filter((e) => e.isFile() && formatOf(e.name) !== null)
      .map((e) => join(e.parentPath ?? input, e.name))
      .sort();
    files.push(...found);
  }
  return files;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Ingest one file. Never throws for a bad file: the failure is the outcome. */
export async function ingestFile(db: Store, file: string, options: IngestOptions = {}): Promise<FileOutcome> {
  const name = basename(file);
  try {
    const bytes = await readFileBytes(file);
    const sha256 = sha256Of(bytes);
    if (!options.force) {
      const existing = await findDocumentBySha(db, sha256);
      if (existing !== null) return { file, status: "unchanged", documentId: existing };
    }
    const layout = await readBytes(bytes, name);
    const facts = extractFacts(layout);
    const outcome = await storeDocument(
      db,
      {
        source: name,
        path: resolve(file),
        format: layout.format,
        sha256,
        sizeBytes: bytes.length,
        pages: layout.format === "pdf" || layout.format === "docx" ? layout.meta.pageCount : null,
        extractorVersion: EXTRACTOR_VERSION,
      },
      facts,
      { force: options.force, afterInsert: afterDocumentStored },
    );
    if (outcome.status === "unchanged") return { file, status: "unchanged", documentId: outcome.documentId };
    return { file, status: outcome.status, documentId: outcome.documentId, facts };
  } catch (error) {
    if (error instanceof ReaderError) {
      return { file, status: "failed", reason: error.reason, message: stripName(error.message, name) };
    }
    return { file, status: "failed", reason: "internal", message: `could not extract (${(error as Error).message})` };
  }
}

export async function ingestFiles(db: Store, inputs: string[], options: IngestOptions = {}): Promise<FileOutcome[]> {
  const files = await expandInputs(inputs);
  const outcomes: FileOutcome[] = [];
  for (const [index, file] of files.entries()) {
    const outcome = await ingestFile(db, file, options);
    outcomes.push(outcome);
    options.report?.(outcome, index, files.length);
  }
  return outcomes;
}

/** Reader messages start with the file name; the CLI adds it back in one place. */
function stripName(message: string, name: string): string {
  return message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
}
