import { availableParallelism } from "node:os";
import { basename, resolve } from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { formatBytes } from "../readers/files.js";
import type { FileOutcome, IngestSummary } from "../../pipelines/ingest.js";
import { DEFAULT_LIMITS, ingestFiles } from "../../pipelines/ingest.js";
import { FAMILIES_ENV, loadFamilies } from "../extract/family-file.js";
import { familyNamed } from "../extract/index.js";
import type { ParseProgress } from "../../pipelines/parse-types.js";
import { DEFAULT_MIN_CONFIDENCE, type OcrMode } from "../readers/ocr/settings.js";
import { EXIT, log, parsePositiveInt, withStore } from "./context.js";
import { queueIngest } from "./queue.js";

interface IngestCliOptions {
  force: boolean;
  keepFiles: boolean;
  jobs: number;
  failFast: boolean;
  maxBytes: number;
  maxPages: number;
  timeout: number;
  family?: string;
  families?: string;
  ocr: OcrMode;
  ocrMinConfidence: number;
  ocrCache: string;
  queue: boolean;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("read reports (.pdf .docx .txt .md, or folders of them) into the store")
    .argument("<files...>", "files or folders")
    .option("--force", "re-extract files whose bytes are already stored", false)
    .option("--no-keep-files", "do not keep the files' bytes in the store (the web app then shows stored text instead of page images)")
    .addOption(new Option("-j, --jobs <n>", "files parsed in parallel (worker threads)").argParser(parsePositiveInt).default(availableParallelism(), `one per core: ${availableParallelism()}`))
    .option("--fail-fast", "stop at the first file that fails (the files before it are stored)", false)
    .addOption(new Option("--max-bytes <size>", "refuse files bigger than this (e.g. 50MB)").argParser(parseSize).default(DEFAULT_LIMITS.maxBytes, formatBytes(DEFAULT_LIMITS.maxBytes)))
    .option("--max-pages <n>", "refuse documents with more pages than this", parsePositiveInt, DEFAULT_LIMITS.maxPages)
    .addOption(new Option("--timeout <seconds>", "time limit for reading one file (a file read by OCR gets one more per 10 recognised pages)").argParser(parseSeconds).default(DEFAULT_LIMITS.timeoutMs / 1000, `${DEFAULT_LIMITS.timeoutMs / 1000} seconds`))
    .option("--ocr <mode>", "recognise scanned PDF pages: auto (pages without a text layer), always, never", parseOcrMode, "auto")
    .option("--ocr-min-confidence <n>", "facts read by OCR below this word confidence (0-100) are stored with a warning", parseConfidence, DEFAULT_MIN_CONFIDENCE)
    .option("--ocr-cache <dir>", "where recognised pages are cached by image ('none' for no cache; default $SCOREBOOK_OCR_CACHE or ~/.cache/scorebook/ocr)")
    .option("--family <name>", "read every file as this report family instead of classifying it (see `scorebook families`; 'unknown': structure only)")
    .option("--families <file>", `an added report families file (default: $${FAMILIES_ENV}); the shipped families always count`)
    .option("--queue", "PostgreSQL: keep the files' bytes in the store and queue them for `scorebook worker` (on any machine) instead of reading them here", false)
    .action(async (files: string[], opts: IngestCliOptions) => {
      const { db } = program.opts<{ db: string }>();
      if (opts.queue) return ingestThroughQueue(db, files, opts);
      // A bad families file or family name fails here, once, before any file is read.
      const families = loadFamilies(opts.families ?? null);
      if (opts.family) familyNamed(opts.family, families);
      const started = performance.now();
      const progress = ocrProgress();
      const summary = await withStore(db, (store) =>
        ingestFiles(store, files, {
          force: opts.force,
          keepFiles: opts.keepFiles,
          jobs: opts.jobs,
          failFast: opts.failFast,
          timeoutMs: opts.timeout * 1000,
          limits: { maxBytes: opts.maxBytes, maxPages: opts.maxPages },
          family: opts.family,
          familiesFile: opts.families ? resolve(opts.families) : undefined,
          ocr: { mode: opts.ocr, minConfidence: opts.ocrMinConfidence, ...(opts.ocrCache ? { cacheDir: opts.ocrCache === "none" ? null : opts.ocrCache } : {}) },
          onProgress: progress.show,
          report: (o, i, n) => {
            progress.clear();
            log(progressLine(o, i, n));
            for (const line of pageErrorLines(o)) log(line);
          },
          onSkip: (s) => log(`${s.file}: skipped: ${s.reason}`),
        }),
        // ingest is one of the two commands that create a store (db migrate is the other).
        { writes: "ingest", create: true },
      );
      if (summary.files > 1 || summary.notProcessed > 0 || summary.skipped > 0) log(summaryLine(summary, performance.now() - started));
      if (summary.alignmentError) log(`scorebook: ${summary.alignmentError}`);
      process.exitCode = summary.failed > 0 || summary.notProcessed > 0 || summary.alignmentError ? EXIT.failed : EXIT.ok;
    });
}

/** `ingest --queue`: the options a worker on another machine can honour travel with each job; the rest are refused in one line. */
async function ingestThroughQueue(db: string, files: string[], opts: IngestCliOptions): Promise<void> {
  // A path on this machine means nothing to a worker elsewhere; without kept bytes a worker has nothing to read.
  const refused = opts.families ? "--families (a worker reads its own $SCOREBOOK_FAMILIES)" : !opts.keepFiles ? "--no-keep-files (the queue carries each file's bytes in the store)" : null;
  if (refused) {
    log(`scorebook: ingest --queue: ${refused} cannot be combined with --queue`);
    process.exitCode = EXIT.error;
    return;
  }
  if (opts.family) familyNamed(opts.family, loadFamilies(null));
  await queueIngest(db, files, {
    force: opts.force,
    family: opts.family,
    ocrMode: opts.ocr,
    ocrMinConfidence: opts.ocrMinConfidence,
    maxPages: opts.maxPages,
    maxBytes: opts.maxBytes,
    timeoutSeconds: opts.timeout,
  });
}

/**
 * OCR progress on a TTY: one line rewritten in place ("report.pdf: OCR page 3/20"), cleared
 * before each file's result line. Nothing on a pipe or a log file.
 */
function ocrProgress(): { show: (file: string, p: ParseProgress) => void; clear: () => void } {
  let shown = false;
  if (!process.stderr.isTTY) return { show: () => undefined, clear: () => undefined };
  return {
    show: (file, p) => {
      process.stderr.write(`\r\x1b[2K${basename(file)}: OCR page ${Math.min(p.ocrDone + 1, p.ocrTotal)}/${p.ocrTotal}`);
      shown = true;
    },
    clear: () => {
      if (shown) process.stderr.write("\r\x1b[2K");
      shown = false;
    },
  };
}

/** A stored file's page-level errors (a scanned page too damaged to read): one line each, naming file and page. */
export function pageErrorLines(outcome: FileOutcome): string[] {
  if (outcome.status !== "stored" && outcome.status !== "replaced") return [];
  const name = basename(outcome.file);
  return outcome.facts.messages.filter((m) => m.level === "error" && m.place?.page != null).map((m) => `${name}: ${m.text}`);
}

export function parseOcrMode(value: string): OcrMode {
  if (value !== "auto" && value !== "always" && value !== "never") throw new InvalidArgumentError("expected auto, always or never");
  return value;
}

export function parseConfidence(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("expected a confidence from 0 to 100");
  return n;
}

/** One line per file: the file name first, so a failure names the file and the reason. */
export function progressLine(outcome: FileOutcome, index: number, total: number): string {
  const counter = process.stderr.isTTY && total > 1 ? `[${index + 1}/${total}] ` : "";
  const name = basename(outcome.file);
  switch (outcome.status) {
    case "failed":
      return `${counter}${name}: failed: ${outcome.message}`;
    case "unchanged":
      return `${counter}${name}: unchanged (same bytes already stored as document ${outcome.documentId})`;
    case "stored":
    case "replaced": {
      const f = outcome.facts;
      const warnings = f.messages.filter((m) => m.level !== "info").length;
      return (
        `${counter}${name}: ${outcome.status} as document ${outcome.documentId} (${f.kind}; ` +
        `${f.periods.length} periods, ${f.areas.length} areas, ${f.scores.length} scores, ${f.indicators.length} indicators, ` +
        `${f.actions.length} actions, ${f.gaps.length} gaps${warnings ? `, ${warnings} warnings` : ""})`
      );
    }
  }
}

function summaryLine(s: IngestSummary, elapsedMs: number): string {
  let line = `${s.files} files: ${s.stored + s.replaced} stored, ${s.unchanged} unchanged, ${s.failed} failed`;
  if (s.skipped > 0) line += `; ${s.skipped} other file(s) in the folders skipped (named above)`;
  if (s.notProcessed > 0) line += `; stopped at the first failure (--fail-fast), ${s.notProcessed} not processed`;
  if (process.stderr.isTTY) {
    const seconds = elapsedMs / 1000;
    line += ` in ${seconds.toFixed(1)}s`;
    if (s.pages > 0) line += ` (${Math.round(s.pages / seconds)} pages/s)`;
  }
  return line;
}

/** "50MB", "1.5G", "200k", "1048576" → bytes. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError("expected a size such as 50MB, 2GB or a number of bytes");
  const unit = (m[2] ?? "b").toLowerCase()[0];
  const scale = unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(m[1]) * scale);
  if (bytes < 1) throw new InvalidArgumentError("expected a positive size");
  return bytes;
}

export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a positive number of seconds");
  return n;
}

