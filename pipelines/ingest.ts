/**
 * The ingest job: files (or folders of them) → Layout → facts → store, one transaction per
 * document. A file that fails is reported and skipped; the rest of the batch is still stored.
 * Progress goes to the caller's `report` callback (the CLI prints it on stderr).
 *
 * Shape of a batch (memory stays flat however many files it has):
 *
 *   main thread: stat + size limit → read → sha256 → already stored? ──┐   (at most `window`
 *   worker pool (`jobs` threads): read + extract → DocumentFacts ◀─────┘    files in flight)
 *   main thread, in input order: storeDocument (the single writer) → report → forget
 *
 * - Parsing happens in worker threads; a worker that overruns the per-file time limit is
 *   terminated and replaced, one that crashes or runs out of memory fails only its file.
 * - Writes happen in the main thread only, in input order (document ids follow the input
 *   order whatever `jobs` is), each in its own transaction: a process killed at any moment
 *   leaves every committed document whole and nothing half-written, and running the same
 *   command again skips what was stored (same sha256) and finishes the batch.
 * - Nothing about a failed file is written: failures are decided before the writer sees it,
 *   and a failing write rolls its transaction back.
 * - Area links (each new area's link to the canonical framework, computed against every
 *   stored area; links already stored never move: src/align/store.ts) are made once at the
 *   end of the batch, and every REALIGN_EVERY_MS during a long one, rather than inside each
 *   document's transaction, which made a batch quadratic in the size of the store. A batch
 *   killed before that leaves documents without links; the next ingest run sees that and
 *   links them.
 *   `alignment: "per-document"` restores the old behaviour.
 */
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join, resolve } from "node:path";
import type { DocumentFacts } from "../src/facts/schema.js";
import { ReaderError } from "../src/readers/errors.js";
import { checkLength, formatOf, readFileBytes, skipReason, SUPPORTED_EXTENSIONS, type ReadLimits } from "../src/readers/files.js";
import { withBusyRetry, type Store } from "../src/store/open.js";
import { storeDocument } from "../src/store/write.js";
import { FirstOccurrence, type Turn } from "./first-occurrence.js";
import { afterBatchStored, afterDocumentStored } from "./hooks.js";
import { hasUnlinkedAreas } from "../src/align/store.js";
import type { OcrSettings } from "../src/readers/ocr/index.js";
import { stripName, type ParseProgress, type ParseResult, type ParseTask } from "./parse-types.js";
import { siblingModule, WorkerPool } from "./worker-pool.js";

export type FileOutcome =
  | { file: string; status: "stored" | "replaced"; documentId: number; pages: number | null; facts: DocumentFacts }
  | { file: string; status: "unchanged"; documentId: number }
  | { file: string; status: "failed"; reason: string; message: string };

export type FailedOutcome = Extract<FileOutcome, { status: "failed" }>;

export const DEFAULT_LIMITS = {
  /** --max-bytes: bigger files are refused before they are read. */
  maxBytes: 200 * 1024 * 1024,
  /** --max-pages */
  maxPages: 2000,
  /** --timeout, per file. */
  timeoutMs: 120_000,
  /** Heap of one parsing worker; a file that needs more fails as "out of memory". */
  workerMemoryMb: 2048,
} as const;

export interface IngestOptions {
  force?: boolean;
  /** Keep each file's bytes in the store (default true; `--no-keep-files` sets false). */
  keepFiles?: boolean;
  /** Parsing threads (default: one per core). */
  jobs?: number;
  /** Stop at the first file that fails (the files before it are stored). */
  failFast?: boolean;
  /** Per-file time limit for reading + extraction, in milliseconds (0 = none). */
  timeoutMs?: number;
  limits?: ReadLimits;
  /** Force this report family for every file instead of classifying (by name; see `scorebook families`). */
  family?: string;
  /** An added families file (else $SCOREBOOK_FAMILIES; the shipped families always count). */
  familiesFile?: string;
  /** Files read/parsed ahead of the writer (default 3 per job): bounds memory. */
  window?: number;
  workerMemoryMb?: number;
  /**
   * When area links are recomputed: once per batch (default), inside every document's
   * transaction, or by the caller (the queue worker: once the queue is empty, see pipelines/queue.ts).
   */
  alignment?: "batch" | "per-document" | "caller";
  /** Parse in this thread instead of workers (no time limit can be enforced): for embedding. */
  inThread?: boolean;
  /**
   * Parse in this pool (the caller's, left open) instead of one started for the batch: a
   * queue worker runs one file per call and keeps its threads warm across calls (a pool's
   * cold start, loading the readers, costs more than parsing a small file).
   */
  pool?: ParsePool;
  /** OCR of scanned PDF pages (mode, confidence threshold, cache folder). */
  ocr?: Partial<OcrSettings>;
  /** OCR progress of a file being read (from its worker). */
  onProgress?: (file: string, progress: ParseProgress) => void;
  /** Called for each file found in a folder and not read (wrong type, lock file), before any is read. */
  onSkip?: (skipped: SkippedFile) => void;
  /** Called once the inputs are expanded, with the number of files. */
  onStart?: (total: number) => void;
  /** Called after each file with its outcome, and its index in the batch, in input order. */
  report?: (outcome: FileOutcome, index: number, total: number) => void;
}

export interface IngestSummary {
  files: number;
  stored: number;
  replaced: number;
  unchanged: number;
  failed: number;
  /** Files found in folders and not read (each reported through onSkip). */
  skipped: number;
  /** Files never looked at because --fail-fast stopped the batch. */
  notProcessed: number;
  /** Pages of the documents stored or replaced in this run (PDF and DOCX). */
  pages: number;
  failures: FailedOutcome[];
  /** Set when recomputing area links after the batch failed (the documents are stored). */
  alignmentError?: string;
}

/** During a long batch, area links are brought up to date at most this often. */
export const REALIGN_EVERY_MS = 60_000;

/** A file found in a folder and not read, with the reason in words. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * A file whose bytes are already in hand (a queued job's, read from the store's kept files on a
 * machine where the analyst's folder is not mounted). `path` is the path it was queued from:
 * it is recorded as a direct ingest records it, and its base name is the document's source.
 */
export interface HeldFile {
  path: string;
  bytes: Uint8Array;
}

/** What ingest takes: a path (file or folder) on this machine, or a file held in memory. */
export type IngestInput = string | HeldFile;

function pathOf(input: IngestInput): string {
  return typeof input === "string" ? input : input.path;
}

/** Expand folders (recursively) into the supported files they hold, in a stable order. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  return (await expandFolders(inputs)).files;
}

/**
 * Expand folders (recursively): the files to read, in a stable order, and every other file
 * found with why it is skipped. A file named on its own is always tried (and fails with its
 * reason if it cannot be read).
 */
export async function expandFolders(inputs: string[]): Promise<{ files: string[]; skipped: SkippedFile[] }> {
  const files: string[] = [];
  const skipped: SkippedFile[] = [];
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
    const found = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? input, e.name)).sort();
    for (const file of found) {
      const reason = skipReason(file);
      if (reason === null) files.push(file);
      else skipped.push({ file, reason });
    }
  }
  return { files, skipped };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Ingest one file (a path, or bytes held with the path they came from). Never throws for a bad file: the failure is the outcome. */
export async function ingestFile(db: Store, file: IngestInput, options: IngestOptions = {}): Promise<FileOutcome> {
  let outcome: FileOutcome | null = null;
  await ingestFiles(db, [file], {
    jobs: 1,
    ...options,
    report: (o, i, n) => {
      outcome = o;
      options.report?.(o, i, n);
    },
  });
  return outcome ?? { file: pathOf(file), status: "failed", reason: "internal", message: "not processed" };
}

/** Folders expanded as expandFolders does; held files pass through in their place. */
async function expandInputsHeld(inputs: IngestInput[]): Promise<{ files: IngestInput[]; skipped: SkippedFile[] }> {
  if (inputs.every((i) => typeof i === "string")) return expandFolders(inputs as string[]);
  const files: IngestInput[] = [];
  const skipped: SkippedFile[] = [];
  for (const input of inputs) {
    if (typeof input !== "string") {
      files.push(input);
      continue;
    }
    const expanded = await expandFolders([input]);
    files.push(...expanded.files);
    skipped.push(...expanded.skipped);
  }
  return { files, skipped };
}

/**
 * Held bytes pass the same checks as a file read from disk (empty, --max-bytes). Copied into
 * their own buffer: the parse transfers (detaches) the buffer it is given, and a Buffer from
 * the driver may be a view on a shared pool (Buffer#slice would not copy).
 */
function heldBytes(held: HeldFile, name: string, limits: ReadLimits): Uint8Array {
  checkLength(held.bytes.length, name, limits);
  return new Uint8Array(held.bytes);
}

export type ParsePool = WorkerPool<ParseTask, ParseResult>;

/** The parsing threads: `size` workers, each file limited to `timeoutMs` and `workerMemoryMb` of heap. */
export function createParsePool(o: { size: number; timeoutMs: number; workerMemoryMb?: number; onProgress?: (task: ParseTask, progress: ParseProgress) => void }): ParsePool {
  const memoryMb = o.workerMemoryMb ?? DEFAULT_LIMITS.workerMemoryMb;
  return new WorkerPool<ParseTask, ParseResult>({
    workerUrl: siblingModule(import.meta.url, "ingest-worker"),
    size: o.size,
    timeoutMs: o.timeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    recycleHeapBytes: Math.min(512, memoryMb / 2) * 1024 * 1024,
    onProgress: (task, progress) => o.onProgress?.(task, progress as ParseProgress),
  });
}

/** What the main thread knows about a file before the writer takes it. */
type Prepared =
  | { kind: "failed"; outcome: FailedOutcome; key?: string }
  | { kind: "unchanged"; documentId: number; key: string }
  | { kind: "duplicate"; key: string }
  | { kind: "parsed"; sha256: string; key: string; sizeBytes: number; kept: Uint8Array | null; result: Extract<ParseResult, { ok: true }> };

export async function ingestFiles(db: Store, inputs: IngestInput[], options: IngestOptions = {}): Promise<IngestSummary> {
  const { files, skipped } = await expandInputsHeld(inputs);
  for (const s of skipped) options.onSkip?.(s);
  const total = files.length;
  options.onStart?.(total);
  const jobs = Math.max(1, Math.floor(options.jobs ?? availableParallelism()));
  const window = Math.max(1, options.window ?? jobs * 3);
  const limits: ReadLimits = { maxBytes: DEFAULT_LIMITS.maxBytes, maxPages: DEFAULT_LIMITS.maxPages, ...options.limits };
  const timeoutMs = options.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
  const workerMemoryMb = options.workerMemoryMb ?? DEFAULT_LIMITS.workerMemoryMb;

  const perDocumentAlignment = options.alignment === "per-document";
  const batchAlignment = options.alignment === undefined || options.alignment === "batch";
  const ownPool = !options.inThread && !options.pool;
  const pool = options.inThread
    ? null
    : (options.pool ??
      createParsePool({
        size: jobs,
        timeoutMs,
        workerMemoryMb,
        onProgress: (task, progress) => options.onProgress?.(fileOfTask.get(task) ?? task.name, progress),
      }));
  /** The file each task in flight reads (progress names files, tasks only carry base names). */
  const fileOfTask = new WeakMap<ParseTask, string>();

  /**
   * Same bytes read by the same reader (sha256 + format) → what became of its first occurrence
   * in this batch (document id or failure). A .pdf holding a DOCX's bytes is not a duplicate
   * of that DOCX: it fails as "not a PDF".
   */
  const firstByKey = new Map<string, { documentId: number } | FailedOutcome>();
  const occurrences = new FirstOccurrence();

  const parse = async (task: ParseTask): Promise<ParseResult> => {
    // Readers and extractors load in the workers; the main thread only needs them in-thread.
    if (!pool) return (await import("./parse.js")).parseDocument(task, (p) => options.onProgress?.(fileOfTask.get(task) ?? task.name, p));
    const run = await pool.run(task, [task.bytes.buffer as ArrayBuffer]);
    return run.ok ? run.value : { ok: false, reason: run.kind, message: run.message };
  };

  const prepare = async (input: IngestInput, turn: Turn): Promise<Prepared> => {
    const file = pathOf(input);
    const name = basename(file);
    const failed = (reason: string, message: string, key?: string): Prepared => ({
      kind: "failed",
      outcome: { file, status: "failed", reason, message },
      key,
    });
    try {
      if (formatOf(name) === null) {
        return failed("unsupported-type", `unsupported file type (expected ${SUPPORTED_EXTENSIONS.join(" ")})`);
      }
      const format = formatOf(name)!;
      const bytes = typeof input === "string" ? await readFileBytes(file, limits) : heldBytes(input, name, limits);
      const sha256 = sha256Of(bytes);
      const key = `${sha256}:${format}`;
      if (!(await turn.isFirst(key))) return { kind: "duplicate", key };
      if (!options.force) {
        const existing = await withBusyRetry(() =>
          db.selectFrom("documents").select(["id", "format"]).where("sha256", "=", sha256).executeTakeFirst(),
        );
        // Stored already (read by the same reader): nothing to parse.
        if (existing && existing.format === format) return { kind: "unchanged", documentId: existing.id, key };
      }
      const sizeBytes = bytes.length;
      // A copy to keep: the parse hands `bytes` to a worker thread (transferred, detached here).
      const kept = options.keepFiles === false ? null : bytes.slice();
      const task: ParseTask = { name, bytes, limits, family: options.family, familiesFile: options.familiesFile, ocr: options.ocr };
      fileOfTask.set(task, file);
      const result = await parse(task);
      if (!result.ok) return failed(result.reason, result.message, key);
      return { kind: "parsed", sha256, key, sizeBytes, kept, result };
    } catch (error) {
      if (error instanceof ReaderError) return failed(error.reason, stripName(error.message, name));
      return failed("internal", `could not read (${(error as Error).message ?? String(error)})`);
    } finally {
      turn.pass();
    }
  };

  const commit = async (file: string, prepared: Prepared): Promise<FileOutcome> => {
    switch (prepared.kind) {
      case "failed":
        return prepared.outcome;
      case "unchanged":
        return { file, status: "unchanged", documentId: prepared.documentId };
      case "duplicate": {
        const first = firstByKey.get(prepared.key);
        if (first && "documentId" in first) return { file, status: "unchanged", documentId: first.documentId };
        if (first) return { file, status: "failed", reason: first.reason, message: first.message };
        return { file, status: "failed", reason: "internal", message: "duplicate of a file that was not processed" };
      }
      case "parsed": {
        const { result, sha256, sizeBytes, kept } = prepared;
        try {
          const stored = await withBusyRetry(() =>
            storeDocument(
              db,
              {
                source: basename(file),
                path: resolve(file),
                format: result.format,
                sha256,
                sizeBytes,
                pages: result.pages,
                extractorVersion: result.extractorVersion,
                bytes: kept,
              },
              result.facts,
              { force: options.force, afterInsert: perDocumentAlignment ? afterDocumentStored : undefined },
            ),
          );
          if (stored.status === "unchanged") return { file, status: "unchanged", documentId: stored.documentId };
          return { file, status: stored.status, documentId: stored.documentId, pages: result.pages, facts: result.facts };
        } catch (error) {
          return { file, status: "failed", reason: "store", message: `could not store (${(error as Error).message ?? String(error)})` };
        }
      }
    }
  };

  const summary: IngestSummary = { files: total, skipped: skipped.length, stored: 0, replaced: 0, unchanged: 0, failed: 0, notProcessed: 0, pages: 0, failures: [] };
  const inflight: { file: string; prepared: Promise<Prepared> }[] = [];
  let next = 0;
  let done = 0;
  let storedSinceAlign = 0;
  let lastAlign = performance.now();
  const realign = async () => {
    storedSinceAlign = 0;
    lastAlign = performance.now();
    try {
      await withBusyRetry(() => afterBatchStored(db));
    } catch (error) {
      summary.alignmentError = `could not recompute area links (${(error as Error).message ?? String(error)})`;
    }
  };
  try {
    while (next < total || inflight.length > 0) {
      while (next < total && inflight.length < window) {
        const input = files[next++]!;
        inflight.push({ file: pathOf(input), prepared: prepare(input, occurrences.enter()) });
      }
      const head = inflight.shift()!;
      const prepared = await head.prepared;
      const outcome = await commit(head.file, prepared);
      const index = done++;
      const key = prepared.key;
      if (outcome.status === "failed") {
        if (key && !firstByKey.has(key)) firstByKey.set(key, outcome);
        summary.failed++;
        summary.failures.push(outcome);
      } else {
        if (key && !firstByKey.has(key)) firstByKey.set(key, { documentId: outcome.documentId });
        summary[outcome.status]++;
        if (outcome.status !== "unchanged") {
          summary.pages += outcome.pages ?? 0;
          storedSinceAlign++;
        }
      }
      options.report?.(outcome, index, total);
      if (outcome.status === "failed" && options.failFast) break;
      if (batchAlignment && storedSinceAlign > 0 && performance.now() - lastAlign > REALIGN_EVERY_MS) await realign();
    }
    if (batchAlignment && (storedSinceAlign > 0 || (await withBusyRetry(() => hasUnlinkedAreas(db))))) await realign();
  } finally {
    summary.notProcessed = total - done;
    if (ownPool) await pool?.close();
    await Promise.allSettled(inflight.map((f) => f.prepared));
  }
  return summary;
}
