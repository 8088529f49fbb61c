/**
 * The ingest job queue's commands (pipelines/queue.ts): `ingest --queue FILE…` (called from
 * ingest.ts), `worker`, `queue status`. PostgreSQL stores only: the queue lives in the shared
 * database, which is what lets workers on several machines share an archive's ingest.
 */
import { basename } from "node:path";
import { Option, type Command } from "commander";
import type PgBoss from "pg-boss";
import { enqueueFiles, openQueue, queueStatus, runWorker, type EnqueueOutcome, type EnqueueOptions, type EnqueueSummary, type JobReport, type QueueStatus } from "../../pipelines/queue.js";
import { renderJson, type Format } from "../format/output.js";
import { isPostgresUrl } from "../store/postgres.js";
import { storeName } from "../store/open.js";
import { EXIT, log, parsePositiveInt, withStore, writeData } from "./context.js";
import { progressLine } from "./ingest.js";

/** The one line for a SQLite store, or null when the store can hold the queue. */
export function queueStoreProblem(location: string): string | null {
  return isPostgresUrl(location) ? null : `${storeName(location)}: the job queue needs a PostgreSQL store (--db postgres://…)`;
}

/** Refuse a SQLite store in one line (exit 2), before anything is opened or created. */
function refusedStore(location: string): boolean {
  const problem = queueStoreProblem(location);
  if (problem === null) return false;
  log(`scorebook: ${problem}`);
  process.exitCode = EXIT.error;
  return true;
}

/** pg-boss's background errors (a lost connection during maintenance), one line each on stderr. */
function logQueueError(error: Error): void {
  log(`scorebook: job queue: ${(error.message ?? String(error)).split("\n")[0]}`);
}

/** A queue on the store, always stopped afterwards. */
async function withQueue<T>(location: string, supervise: boolean, run: (boss: PgBoss) => Promise<T>): Promise<T> {
  const boss = await openQueue(location, { supervise, onError: logQueueError });
  try {
    return await run(boss);
  } finally {
    await boss.stop({ graceful: true, wait: true, close: true, timeout: 10_000 });
  }
}

/** `ingest --queue FILE…`: keep each file's bytes in the store and queue one job per file. */
export async function queueIngest(location: string, files: string[], options: EnqueueOptions): Promise<void> {
  if (refusedStore(location)) return;
  const summary = await withStore(
    location,
    (store) =>
      withQueue(location, false, (boss) =>
        enqueueFiles(store, boss, files, {
          ...options,
          onSkip: (s) => log(`${s.file}: skipped: ${s.reason}`),
          report: (o) => log(enqueueLine(o)),
        }),
      ),
    { writes: "ingest --queue", create: true },
  );
  log(enqueueSummaryLine(summary));
  process.exitCode = summary.failed > 0 ? EXIT.failed : EXIT.ok;
}

export function enqueueLine(o: EnqueueOutcome): string {
  const name = basename(o.file);
  switch (o.status) {
    case "queued":
      return `${name}: queued`;
    case "already-queued":
      return `${name}: already queued (the same bytes wait for a worker)`;
    case "unchanged":
      return `${name}: unchanged (same bytes already stored as document ${o.documentId})`;
    case "failed":
      return `${name}: failed: ${o.message}`;
  }
}

function enqueueSummaryLine(s: EnqueueSummary): string {
  let line = `${s.files} files: ${s.queued} queued, ${s.alreadyQueued} already queued, ${s.unchanged} unchanged, ${s.failed} failed`;
  if (s.skipped > 0) line += `; ${s.skipped} other file(s) in the folders skipped (named above)`;
  return line + "; run `scorebook worker` on any machine that reaches the store";
}

export function jobLine(r: JobReport): string {
  const line = progressLine(r.outcome, 0, 1);
  if (r.outcome.status !== "failed") return line;
  return r.willRetry ? `${line} (attempt ${r.attempt} of ${r.attempts}; will be retried)` : line;
}

export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run queued ingest jobs (`ingest --queue`) from a PostgreSQL store; stops on Ctrl-C or SIGTERM after the jobs in hand")
    .addOption(new Option("--concurrency <n>", "jobs run at once (each parses in its own thread)").argParser(parsePositiveInt).default(1))
    .option("--until-empty", "exit once no job is waiting or running (for batch use)", false)
    .action(async (opts: { concurrency: number; untilEmpty: boolean }) => {
      const { db: location } = program.opts<{ db: string }>();
      if (refusedStore(location)) return;
      const stop = new AbortController();
      const onSignal = (signal: NodeJS.Signals) => {
        if (stop.signal.aborted) process.exit(130);
        log(`scorebook worker: ${signal}: stopping after the job(s) in hand (again to stop now)`);
        stop.abort();
      };
      process.on("SIGINT", onSignal);
      process.on("SIGTERM", onSignal);
      try {
        const summary = await withStore(
          location,
          (store) =>
            withQueue(location, true, (boss) =>
              runWorker(store, boss, {
                concurrency: opts.concurrency,
                untilEmpty: opts.untilEmpty,
                signal: stop.signal,
                report: (r) => log(jobLine(r)),
                onAlignmentError: (message) => log(`scorebook: ${message}`),
              }),
            ),
          { writes: "worker" },
        );
        log(`worker: ${summary.jobs} jobs: ${summary.stored} stored, ${summary.unchanged} unchanged, ${summary.failed} failed`);
        process.exitCode = summary.failed > 0 || summary.alignmentErrors > 0 ? EXIT.failed : EXIT.ok;
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
    });
}

export function registerQueue(program: Command): void {
  const queue = program.command("queue").description("the ingest job queue of a PostgreSQL store (`ingest --queue`, `worker`)");
  queue
    .command("status")
    .description("jobs queued, active, done and failed, and each failed file with its reason")
    .addOption(new Option("--format <format>", "table or json").choices(["table", "json"]).default("table"))
    .action(async (opts: { format: Format }) => {
      const { db: location } = program.opts<{ db: string }>();
      if (refusedStore(location)) return;
      const status = await withStore(location, queueStatus);
      writeData(opts.format === "json" ? renderJson(status) : statusText(status));
    });
}

function statusText(s: QueueStatus): string {
  const lines = [
    `queued    ${s.queued}${s.retrying > 0 ? ` (${s.retrying} waiting to be retried)` : ""}`,
    `active    ${s.active}`,
    `done      ${s.done}`,
    `failed    ${s.failed}`,
    ...s.failures.map((f) => `  ${f.file}: ${f.error}`),
  ];
  return lines.join("\n") + "\n";
}
