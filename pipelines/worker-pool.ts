/**
 * A small pool of worker threads for CPU-bound, untrusted work (parsing archived files).
 *
 * - `size` workers, started lazily and reused; a task waits in a FIFO queue for a free one.
 * - A task that runs past `timeoutMs` gets its worker terminated (even a synchronous infinite
 *   loop stops) and a fresh worker takes its place; the task resolves as a "timeout" failure.
 * - A worker that dies (uncaught exception, out of memory under `resourceLimits`, exit)
 *   fails only the task it was running; the pool replaces it and goes on.
 * - A worker whose heap grows past `recycleHeapBytes` is retired after its task, so a slow
 *   leak in a parser cannot make memory grow with the number of files.
 *
 * Protocol: the worker posts `{ ready: true }` once its modules are loaded (the time limit of
 * a task starts then, so a cold start is not charged to the first file); the pool posts
 * `{ id, task }`; the worker answers `{ id, result, heapUsed }`.
 * Failures the worker can describe itself belong in its own result type; the pool only
 * reports what the worker cannot (timeouts, crashes).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type ResourceLimits, type Transferable } from "node:worker_threads";

/** How long a new worker may take to load its modules before it counts as crashed. */
const STARTUP_LIMIT_MS = 120_000;

export type PoolFailureKind = "timeout" | "crashed" | "out-of-memory" | "cancelled";

export type PoolResult<R> = { ok: true; value: R } | { ok: false; kind: PoolFailureKind; message: string };

export interface WorkerPoolOptions<T = unknown> {
  /** The worker module (compiled .js, or a .ts source when running under tsx/vitest). */
  workerUrl: URL;
  size: number;
  /** Per-task time limit; 0 or Infinity for none. */
  timeoutMs: number;
  resourceLimits?: ResourceLimits;
  /** Retire a worker after a task that leaves its heap above this (bytes). */
  recycleHeapBytes?: number;
  workerData?: unknown;
  /** Progress a worker reports for its running task (`{ id, progress }` messages). */
  onProgress?: (task: T, progress: unknown) => void;
}

interface Job<T, R> {
  task: T;
  transfer: Transferable[];
  resolve: (r: PoolResult<R>) => void;
}

interface Slot<T, R> {
  worker: Worker;
  job: Job<T, R> | null;
  jobId: number;
  timer: NodeJS.Timeout | null;
  /** When the running task's time limit started, and its multiple of timeoutMs (a worker may ask for more: `budget`). */
  startedAt: number;
  budget: number;
  retired: boolean;
  ready: boolean;
}

interface Reply<R> {
  id: number;
  result: R;
  heapUsed: number;
}

export class WorkerPool<T, R> {
  private readonly options: WorkerPoolOptions<T>;
  private readonly slots = new Set<Slot<T, R>>();
  private readonly idle: Slot<T, R>[] = [];
  private readonly queue: Job<T, R>[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started (including replacements): for tests and the bench. */
  started = 0;

  constructor(options: WorkerPoolOptions<T>) {
    this.options = { ...options, size: Math.max(1, Math.floor(options.size)) };
  }

  run(task: T, transfer: Transferable[] = []): Promise<PoolResult<R>> {
    if (this.closed) return Promise.resolve({ ok: false, kind: "cancelled", message: "cancelled (the batch was stopped)" });
    return new Promise((resolve) => {
      this.queue.push({ task, transfer, resolve });
      this.pump();
    });
  }

  /** Stop every worker; queued and running tasks resolve as "cancelled". */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, kind: "cancelled", message: "cancelled (the batch was stopped)" });
    const stopping: Promise<number>[] = [];
    for (const slot of [...this.slots]) {
      this.finish(slot, { ok: false, kind: "cancelled", message: "cancelled (the batch was stopped)" });
      slot.retired = true;
      stopping.push(slot.worker.terminate());
    }
    this.slots.clear();
    this.idle.length = 0;
    await Promise.allSettled(stopping);
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.idle.pop();
      if (!slot) {
        if (this.slots.size >= this.options.size) return;
        slot = this.spawn();
      }
      const job = this.queue.shift()!;
      this.dispatch(slot, job);
    }
  }

  private dispatch(slot: Slot<T, R>, job: Job<T, R>): void {
    slot.job = job;
    slot.jobId = this.nextId++;
    slot.budget = 1;
    if (slot.ready) this.armTimer(slot);
    try {
      slot.worker.postMessage({ id: slot.jobId, task: job.task }, job.transfer);
    } catch (error) {
      this.finish(slot, { ok: false, kind: "crashed", message: `could not hand the file to a worker (${(error as Error).message})` });
      this.retire(slot);
    }
  }

  private armTimer(slot: Slot<T, R>): void {
    const { timeoutMs } = this.options;
    if (!(timeoutMs > 0 && Number.isFinite(timeoutMs)) || slot.timer) return;
    slot.startedAt = performance.now();
    this.setDeadline(slot);
  }

  private setDeadline(slot: Slot<T, R>): void {
    const limit = this.options.timeoutMs * slot.budget;
    slot.timer = setTimeout(() => {
      const seconds = Math.round(limit / 100) / 10;
      const scaled = slot.budget > 1 ? ` (--timeout ${this.options.timeoutMs / 1000}s scaled by its OCR pages)` : "";
      this.finish(slot, { ok: false, kind: "timeout", message: `timed out after ${seconds}s${scaled} (per-file limit; raise with --timeout)` });
      this.retire(slot);
    }, Math.max(0, limit - (performance.now() - slot.startedAt)));
  }

  /** A running task's worker asked for a larger multiple of the time limit (never a smaller one). */
  private extend(slot: Slot<T, R>, budget: number): void {
    if (!(budget > slot.budget) || !slot.timer) return;
    clearTimeout(slot.timer);
    slot.budget = budget;
    this.setDeadline(slot);
  }

  private spawn(): Slot<T, R> {
    const worker = startWorker(this.options);
    this.started++;
    const slot: Slot<T, R> = { worker, job: null, jobId: 0, timer: null, startedAt: 0, budget: 1, retired: false, ready: false };
    this.slots.add(slot);
    // A worker that never reports ready (stuck loading its modules) must not stall the batch.
    const startup = setTimeout(() => {
      if (slot.ready || slot.retired) return;
      this.finish(slot, { ok: false, kind: "crashed", message: `reader did not start within ${STARTUP_LIMIT_MS / 1000}s` });
      this.retire(slot);
    }, STARTUP_LIMIT_MS);
    startup.unref();
    worker.on("message", (reply: Reply<R> | { ready: true } | { id: number; progress: unknown; budget?: number }) => {
      if (slot.retired) return;
      if ("ready" in reply) {
        slot.ready = true;
        clearTimeout(startup);
        if (slot.job) this.armTimer(slot);
        return;
      }
      if ("progress" in reply) {
        if (!slot.job || reply.id !== slot.jobId) return;
        if (typeof reply.budget === "number") this.extend(slot, reply.budget);
        this.options.onProgress?.(slot.job.task, reply.progress);
        return;
      }
      if (!slot.job || reply.id !== slot.jobId) return;
      this.finish(slot, { ok: true, value: reply.result });
      const recycle = this.options.recycleHeapBytes;
      if (recycle !== undefined && reply.heapUsed > recycle) {
        this.retire(slot);
      } else {
        this.idle.push(slot);
        this.pump();
      }
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (slot.retired) return;
      const oom = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.finish(
        slot,
        oom
          ? { ok: false, kind: "out-of-memory", message: `out of memory while reading (worker heap limit ${this.options.resourceLimits?.maxOldGenerationSizeMb ?? "default"} MB)` }
          : { ok: false, kind: "crashed", message: `reader crashed (${firstLine(error)})` },
      );
      this.retire(slot);
    });
    worker.on("exit", (code) => {
      if (slot.retired) return;
      this.finish(slot, { ok: false, kind: "crashed", message: `reader exited unexpectedly (code ${code})` });
      this.retire(slot);
    });
    return slot;
  }

  /** Resolve the slot's current job, if any, exactly once. */
  private finish(slot: Slot<T, R>, result: PoolResult<R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    job?.resolve(result);
  }

  /** Take a worker out of service (terminating it) and let a fresh one take the queue. */
  private retire(slot: Slot<T, R>): void {
    if (slot.retired) return;
    slot.retired = true;
    this.slots.delete(slot);
    const at = this.idle.indexOf(slot);
    if (at >= 0) this.idle.splice(at, 1);
    void slot.worker.terminate().catch(() => undefined);
    this.pump();
  }
}

/**
 * Start a worker from a compiled .js module directly; from a .ts module (vitest, tsx) through
 * a tiny bootstrap that registers tsx's loader inside the worker first.
 */
function startWorker<T>(options: WorkerPoolOptions<T>): Worker {
  // A parser's console output must never reach stdout (data only) or flood stderr: captured
  // and dropped, unless SCOREBOOK_DEBUG asks for the workers' stderr.
  const common = { resourceLimits: options.resourceLimits, workerData: options.workerData, stdout: true, stderr: true };
  const url = options.workerUrl;
  const worker = url.pathname.endsWith(".ts") ? startTsWorker(url, common) : new Worker(url, common);
  worker.stdout.resume();
  if (process.env.SCOREBOOK_DEBUG) worker.stderr.pipe(process.stderr);
  else worker.stderr.resume();
  return worker;
}

function startTsWorker(url: URL, common: object): Worker {
  // tsx's ESM entry (`import` condition of "tsx/esm/api"); require.resolve would give the CJS one.
  const pkgJson = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgJson, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  const tsxApi = pathToFileURL(join(dirname(pkgJson), pkg.exports["./esm/api"]!.import.default)).href;
  const bootstrap =
    `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })` +
    `.catch((e) => { setImmediate(() => { throw e; }); });`;
  return new Worker(bootstrap, { ...common, eval: true });
}

/** The worker module next to `base` (an import.meta.url), .js from dist/ or .ts from sources. */
export function siblingModule(base: string, name: string): URL {
  const ext = fileURLToPath(base).endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./${name}${ext}`, base);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? "").slice(0, 200);
}
