/**
 * The ingest job queue: when an archive outgrows one machine, workers on several machines
 * share its ingest through the shared PostgreSQL store. Not a second ingest path: a worker
 * runs the same `ingestFile` the CLI runs, on bytes instead of a path.
 *
 *   ingest --queue FILE…   expand folders (same skip rules), read each file, keep its bytes
 *                          in the store's `files` table (content-addressed, as ingest keeps
 *                          them) and queue one job { sha256, format, source, path, options }
 *   worker                 fetch a job (SKIP LOCKED), read the bytes from `files`, ingestFile
 *                          them under the queued path's name, complete or fail the job
 *   queue status           counts per state and each failed file with its reason
 *
 * Why the bytes travel through the store: a worker on another machine does not see the
 * analyst's folder. The document records the queued path and its base name as source, as a
 * direct ingest of that path would.
 *
 * pg-boss (a maintained PostgreSQL job queue: SKIP LOCKED fetching, retries, expiry of jobs
 * whose worker died) keeps its tables in its own schema (`pgboss`) of the store's database;
 * the store's checks and `db copy` only look at the store's own schema (storeTables).
 */
import { basename, resolve } from "node:path";
import { sql } from "kysely";
import PgBoss from "pg-boss";
import { ReaderError } from "../src/readers/errors.js";
import { formatOf, readFileBytes, SUPPORTED_EXTENSIONS, type ReadLimits } from "../src/readers/files.js";
import type { OcrMode } from "../src/readers/ocr/settings.js";
import { QUEUE_SCHEMA } from "../src/store/admin.js";
import { StoreError, storeName, withBusyRetry, type Store } from "../src/store/open.js";
import { keepFileBytes } from "../src/store/write.js";
import { afterBatchStored } from "./hooks.js";
import { hasUnlinkedAreas } from "../src/align/store.js";
import { createParsePool, DEFAULT_LIMITS, expandFolders, ingestFile, sha256Of, type FileOutcome, type ParsePool, type SkippedFile } from "./ingest.js";
import { stripName } from "./parse-types.js";


/** The queue's name in pg-boss, and the schema pg-boss keeps its tables in (its default). */
export const QUEUE_NAME = "scorebook_ingest";
export { QUEUE_SCHEMA };

/** Attempts after the first for a failure that may pass (a crashed reader, a store error). */
export const RETRY_LIMIT = 2;
/**
 * A job whose worker died is given back (retried) after this long. Longer than the per-file
 * time limit (120 s) with OCR's extra time for a long scan, short enough to be seen the same day.
 */
export const EXPIRE_SECONDS = 30 * 60;
/** How often an idle worker asks for a job. */
export const POLL_MS = 1000;

/** What ingest does differently per file, carried with the job (plain data: it lives in the queue's JSON). */
export interface QueuedOptions {
  force?: boolean;
  family?: string;
  ocrMode?: OcrMode;
  ocrMinConfidence?: number;
  maxPages?: number;
  timeoutSeconds?: number;
}

/** A queued file: where its bytes are (sha256 in `files`), and the names a direct ingest would record. */
export interface QueuedFile {
  sha256: string;
  format: string;
  /** The base name: the document's `source`. */
  source: string;
  /** The path it was queued from (absolute, as ingest records it); for the record only. */
  path: string;
  options: QueuedOptions;
}

/** Reasons a failure may not repeat (the reader crashed or ran out of time or memory, the store was unreachable): retried. Every other reason is the file's own (not a PDF, encrypted, empty): failed at once. */
const TRANSIENT_REASONS = new Set(["store", "internal", "crashed", "cancelled", "timeout", "out-of-memory"]);

export function isPermanentFailure(reason: string): boolean {
  return !TRANSIENT_REASONS.has(reason);
}

/** A pg-boss instance on the store's database. `supervise` (maintenance: expiring jobs of dead workers, archiving) only for workers. */
export async function openQueue(location: string, options: { supervise?: boolean; onError?: (error: Error) => void } = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: location,
    schema: QUEUE_SCHEMA,
    max: 2,
    application_name: "scorebook-queue",
    supervise: options.supervise === true,
    schedule: false,
  });
  // pg-boss emits (does not throw) errors of its background work; unhandled, an EventEmitter error ends the process.
  boss.on("error", (error) => options.onError?.(error));
  try {
    await boss.start();
  } catch (error) {
    // The first start makes the `pgboss` schema: a role that may not gets one line saying who may.
    const reason = ((error as Error).message ?? String(error)).split("\n")[0] ?? "";
    const hint = /permission denied/i.test(reason) ? ` (the first \`ingest --queue\` must run as the schema's owner; then \`db roles\` grants the queue to the roles)` : "";
    throw new StoreError(`${storeName(location)}: cannot start the job queue: ${reason}${hint}`);
  }
  // Stately: one waiting and one running job per key (the file's sha256 and format), so queueing the same file twice does not double it.
  if (!(await boss.getQueue(QUEUE_NAME))) {
    await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, policy: "stately", retryLimit: RETRY_LIMIT, retryDelay: 0, expireInSeconds: EXPIRE_SECONDS });
  }
  return boss;
}

// ---------------------------------------------------------------------------------------------
// Queueing

export type EnqueueOutcome =
  | { file: string; status: "queued"; sha256: string }
  | { file: string; status: "already-queued"; sha256: string }
  | { file: string; status: "unchanged"; documentId: number }
  | { file: string; status: "failed"; reason: string; message: string };

export interface EnqueueSummary {
  files: number;
  queued: number;
  alreadyQueued: number;
  unchanged: number;
  failed: number;
  skipped: number;
}

export interface EnqueueOptions extends QueuedOptions {
  maxBytes?: number;
  onSkip?: (skipped: SkippedFile) => void;
  report?: (outcome: EnqueueOutcome) => void;
}

/** The key two jobs of the same file share: ingest's own "same file" key (a .pdf holding a DOCX's bytes is another file). */
function singletonKey(sha256: string, format: string): string {
  return `${sha256}:${format}`;
}

/** Queue files (and folders' files, with ingest's skip rules): one job each, bytes kept in the store first. */
export async function enqueueFiles(db: Store, boss: PgBoss, inputs: string[], options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const { files, skipped } = await expandFolders(inputs);
  for (const s of skipped) options.onSkip?.(s);
  const summary: EnqueueSummary = { files: files.length, queued: 0, alreadyQueued: 0, unchanged: 0, failed: 0, skipped: skipped.length };
  const limits: ReadLimits = { maxBytes: options.maxBytes ?? DEFAULT_LIMITS.maxBytes };
  const queued: QueuedOptions = { force: options.force, family: options.family, ocrMode: options.ocrMode, ocrMinConfidence: options.ocrMinConfidence, maxPages: options.maxPages, timeoutSeconds: options.timeoutSeconds };
  for (const file of files) {
    const outcome = await enqueueFile(db, boss, file, limits, queued);
    if (outcome.status === "already-queued") summary.alreadyQueued++;
    else summary[outcome.status]++;
    options.report?.(outcome);
  }
  return summary;
}

/** One file: read (ingest's checks), stored already → unchanged (unless force), else keep its bytes and queue it. */
async function enqueueFile(db: Store, boss: PgBoss, file: string, limits: ReadLimits, options: QueuedOptions): Promise<EnqueueOutcome> {
  const name = basename(file);
  const format = formatOf(name);
  if (format === null) return { file, status: "failed", reason: "unsupported-type", message: `unsupported file type (expected ${SUPPORTED_EXTENSIONS.join(" ")})` };
  let bytes: Uint8Array;
  try {
    bytes = await readFileBytes(file, limits);
  } catch (error) {
    if (error instanceof ReaderError) return { file, status: "failed", reason: error.reason, message: stripName(error.message, name) };
    throw error;
  }
  const sha256 = sha256Of(bytes);
  if (!options.force) {
    // Same test as ingest: these bytes, read by the same reader, are stored already.
    const existing = await db.selectFrom("documents").select(["id", "format"]).where("sha256", "=", sha256).executeTakeFirst();
    if (existing && existing.format === format) return { file, status: "unchanged", documentId: existing.id };
  }
  await withBusyRetry(() => keepFileBytes(db, sha256, bytes));
  const job: QueuedFile = { sha256, format, source: name, path: resolve(file), options };
  const id = await boss.send(QUEUE_NAME, job, { singletonKey: singletonKey(sha256, format), retryLimit: RETRY_LIMIT, expireInSeconds: EXPIRE_SECONDS });
  return id === null ? { file, status: "already-queued", sha256 } : { file, status: "queued", sha256 };
}

// ---------------------------------------------------------------------------------------------
// Working

export interface JobReport {
  outcome: FileOutcome;
  /** For a failure: whether the job is retried (false: failed for good). */
  willRetry: boolean;
  attempt: number;
  attempts: number;
}

export interface WorkerOptions {
  /** Jobs run at once in this process (each parses in its own worker thread, as ingest does). */
  concurrency?: number;
  /** Return once no job is waiting or running anywhere (batch use, tests); else run until `signal`. */
  untilEmpty?: boolean;
  /** Stop: no new job is fetched; the jobs in hand finish. */
  signal?: AbortSignal;
  pollMs?: number;
  report?: (report: JobReport) => void;
  /** Linking the stored documents' areas failed (the documents are stored; the next ingest or worker links them). */
  onAlignmentError?: (message: string) => void;
}

export interface WorkerSummary {
  jobs: number;
  stored: number;
  unchanged: number;
  failed: number;
  /** Area-link recomputations that failed (each reported through onAlignmentError). */
  alignmentErrors: number;
}

/**
 * Run queued jobs until stopped (or, with `untilEmpty`, until the queue is empty). Area links
 * (what ingest does once per batch) are brought up to date whenever this worker has stored
 * documents and the whole queue is empty: once at the end of a batch whichever worker finishes
 * last, rather than after each job, which would make a batch quadratic in the store's size
 * (alignment reads every stored area: see pipelines/hooks.ts). Every worker that stored
 * something realigns once the queue is empty, so the links never wait for another worker
 * (the second realign finds nothing left to link). A worker stopped by a signal realigns
 * before it returns; one killed leaves documents without links, which the next ingest run
 * or worker (the first time it sees the queue empty) finds and links (hasUnlinkedAreas).
 */
export async function runWorker(db: Store, boss: PgBoss, options: WorkerOptions = {}): Promise<WorkerSummary> {
  const summary: WorkerSummary = { jobs: 0, stored: 0, unchanged: 0, failed: 0, alignmentErrors: 0 };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const pollMs = options.pollMs ?? POLL_MS;
  // Stopped by the caller, or by one slot's error (the store went away): the other slots finish their jobs in hand and stop too.
  const stop = new AbortController();
  const signal = stop.signal;
  const onStop = () => stop.abort();
  options.signal?.addEventListener("abort", onStop, { once: true });
  if (options.signal?.aborted) stop.abort();
  let storedSinceAlign = 0;
  let aligning: Promise<void> | null = null;
  // Parsing threads kept warm across jobs, one pool per per-file time limit (jobs queued with another --timeout get theirs).
  const pools = new Map<number, ParsePool>();
  const poolFor = (timeoutMs: number): ParsePool => {
    let pool = pools.get(timeoutMs);
    if (!pool) pools.set(timeoutMs, (pool = createParsePool({ size: concurrency, timeoutMs })));
    return pool;
  };

  const realign = (): Promise<void> =>
    (aligning ??= (async () => {
      storedSinceAlign = 0;
      try {
        await withBusyRetry(() => afterBatchStored(db));
      } catch (error) {
        summary.alignmentErrors++;
        options.onAlignmentError?.(`could not recompute area links (${(error as Error).message ?? String(error)})`);
      } finally {
        aligning = null;
      }
    })());

  // Documents a killed ingest or worker stored without links: looked for once, the first time this worker sees the queue empty.
  let lookedForMissingLinks = false;
  const linksLeftBehind = async (): Promise<boolean> => {
    if (lookedForMissingLinks) return false;
    lookedForMissingLinks = true;
    return withBusyRetry(() => hasUnlinkedAreas(db));
  };

  /** One slot: fetch, run, repeat; on an empty fetch, realign if the queue is empty and maybe return. */
  const slot = async (): Promise<void> => {
    while (!signal.aborted) {
      const [job] = await boss.fetch<QueuedFile>(QUEUE_NAME, { batchSize: 1, includeMetadata: true });
      if (job) {
        const report = await runJob(db, boss, job, poolFor);
        summary.jobs++;
        if (report.outcome.status === "failed") summary.failed++;
        else if (report.outcome.status === "unchanged") summary.unchanged++;
        else {
          summary.stored++;
          storedSinceAlign++;
        }
        options.report?.(report);
        continue;
      }
      const counts = await queueCounts(db);
      const empty = counts.created + counts.retry + counts.active === 0;
      if (empty && (storedSinceAlign > 0 || (await linksLeftBehind()))) await realign();
      if (empty && options.untilEmpty) return;
      await pause(pollMs, signal);
    }
  };

  const slots = await Promise.allSettled(
    Array.from({ length: concurrency }, () =>
      slot().catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ),
  );
  options.signal?.removeEventListener("abort", onStop);
  await Promise.all([...pools.values()].map((p) => p.close()));
  const failure = slots.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
  // Stopped by a signal with documents stored since the last realign: link them now rather than leave it to the next run.
  if (storedSinceAlign > 0) await realign();
  await aligning;
  return summary;
}

/** Run one job through ingestFile and complete or fail it in the queue. */
async function runJob(db: Store, boss: PgBoss, job: PgBoss.JobWithMetadata<QueuedFile>, poolFor: (timeoutMs: number) => ParsePool): Promise<JobReport> {
  const data = job.data;
  const outcome = await ingestQueued(db, data, poolFor);
  const attempt = job.retryCount + 1;
  const attempts = job.retryLimit + 1;
  if (outcome.status !== "failed") {
    await boss.complete(QUEUE_NAME, job.id, { status: outcome.status, documentId: outcome.documentId });
    return { outcome, willRetry: false, attempt, attempts };
  }
  const permanent = isPermanentFailure(outcome.reason);
  // pg-boss retries every failure up to the job's retry limit; a file that is not a PDF will not become one.
  if (permanent) await giveUp(boss, job.id);
  await boss.fail(QUEUE_NAME, job.id, { file: data.source, path: data.path, reason: outcome.reason, message: outcome.message });
  const willRetry = !permanent && job.retryCount < job.retryLimit;
  if (!willRetry) await dropUnusedBytes(db, data.sha256);
  return { outcome, willRetry, attempt, attempts };
}

/** The job's file through the CLI's own ingestFile: its bytes from the store, its name from the queued path. */
async function ingestQueued(db: Store, data: QueuedFile, poolFor: (timeoutMs: number) => ParsePool): Promise<FileOutcome> {
  const kept = await db.selectFrom("files").select("bytes").where("sha256", "=", data.sha256).executeTakeFirst();
  if (!kept) return { file: data.path, status: "failed", reason: "no-bytes", message: "the queued bytes are not in the store's kept files (queue the file again)" };
  const o = data.options ?? {};
  const timeoutMs = (o.timeoutSeconds ?? DEFAULT_LIMITS.timeoutMs / 1000) * 1000;
  return ingestFile(
    db,
    { path: data.path, bytes: new Uint8Array(kept.bytes) },
    {
      force: o.force,
      family: o.family,
      ocr: { ...(o.ocrMode ? { mode: o.ocrMode } : {}), ...(o.ocrMinConfidence !== undefined ? { minConfidence: o.ocrMinConfidence } : {}) },
      limits: { maxBytes: Number.MAX_SAFE_INTEGER, maxPages: o.maxPages ?? DEFAULT_LIMITS.maxPages },
      timeoutMs,
      pool: poolFor(timeoutMs),
      // This worker realigns when the queue is empty (runWorker), not after each job.
      alignment: "caller",
    },
  );
}

/**
 * No more attempts for this job: pg-boss's fail() retries while retry_count < retry_limit, so
 * the limit is lowered to the count first. The job is this worker's (active, fetched by it),
 * so nothing else changes the row meanwhile.
 */
async function giveUp(boss: PgBoss, id: string): Promise<void> {
  await boss.getDb().executeSql(`update ${QUEUE_SCHEMA}.job set retry_limit = retry_count where name = $1 and id = $2`, [QUEUE_NAME, id]);
}

/**
 * A file that failed for good leaves nothing in the store: its kept bytes go too, unless a
 * document or another job waiting or running still needs them (the same bytes under another
 * name or type).
 */
async function dropUnusedBytes(db: Store, sha256: string): Promise<void> {
  await withBusyRetry(() =>
    db.transaction().execute(async (trx) => {
      const used = await trx.selectFrom("documents").select("id").where("sha256", "=", sha256).executeTakeFirst();
      if (used) return;
      const waiting = await sql<{ n: number }>`
        select count(*) as n from ${sql.raw(QUEUE_SCHEMA)}.job
        where name = ${QUEUE_NAME} and state in ('created', 'retry', 'active') and data->>'sha256' = ${sha256}`.execute(trx);
      if (Number(waiting.rows[0]?.n ?? 0) > 0) return;
      await trx.deleteFrom("files").where("sha256", "=", sha256).execute();
    }),
  );
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", finish);
      done();
    }
    signal?.addEventListener("abort", finish, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------
// Status

/** Jobs per pg-boss state, over the live table and the archive (pg-boss moves finished jobs there after 12 hours, and deletes them after 7 days). */
interface StateCounts {
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface QueueStatus {
  /** Waiting to run (new, or failed once and waiting for another attempt). */
  queued: number;
  active: number;
  done: number;
  /** Failed for good (each listed in `failures`). */
  failed: number;
  /** Of `queued`: waiting for another attempt after a failure that may pass. */
  retrying: number;
  failures: { file: string; path: string; error: string }[];
}

/** True once pg-boss has made its tables in this database (the first `ingest --queue` or worker). */
async function queueInstalled(db: Store): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass(${`${QUEUE_SCHEMA}.job`})::text as t`.execute(db);
  return r.rows[0]?.t != null;
}

async function queueCounts(db: Store): Promise<StateCounts> {
  const counts: StateCounts = { created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
  if (!(await queueInstalled(db))) return counts;
  const r = await sql<{ state: keyof StateCounts; n: number }>`
    select state::text as state, count(*) as n from (
      select state from ${sql.raw(QUEUE_SCHEMA)}.job where name = ${QUEUE_NAME}
      union all
      select state from ${sql.raw(QUEUE_SCHEMA)}.archive where name = ${QUEUE_NAME}
    ) s group by state`.execute(db);
  for (const row of r.rows) counts[row.state] = Number(row.n);
  return counts;
}

/** The queue's state (read-only: needs no pg-boss instance, and says zeros before the first job). */
export async function queueStatus(db: Store): Promise<QueueStatus> {
  const counts = await queueCounts(db);
  const status: QueueStatus = {
    queued: counts.created + counts.retry,
    active: counts.active,
    done: counts.completed,
    failed: counts.failed,
    retrying: counts.retry,
    failures: [],
  };
  if (counts.failed === 0) return status;
  const r = await sql<{ data: QueuedFile; output: Record<string, unknown> | null }>`
    select data, output, completed_on from (
      select data, output, completed_on from ${sql.raw(QUEUE_SCHEMA)}.job where name = ${QUEUE_NAME} and state = 'failed'
      union all
      select data, output, completed_on from ${sql.raw(QUEUE_SCHEMA)}.archive where name = ${QUEUE_NAME} and state = 'failed'
    ) f order by completed_on, data->>'path'`.execute(db);
  status.failures = r.rows.map((row) => ({ file: row.data.source, path: row.data.path, error: failureMessage(row.output) }));
  return status;
}

/** The one-line reason a failed job carries: ours ({ message }), or pg-boss's own (expiry: { value: { message } }). */
function failureMessage(output: Record<string, unknown> | null): string {
  if (!output) return "failed (no reason recorded)";
  if (typeof output.message === "string") return output.message;
  const value = output.value as { message?: unknown } | undefined;
  if (value && typeof value.message === "string") return value.message;
  return JSON.stringify(output);
}
