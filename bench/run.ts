/**
 * One measured run of the ingest bench, in a fresh process (so every run starts cold and its
 * peak memory is its own). Prints one JSON line on stdout.
 *
 *   node dist/bench/run.js ingest <db> <jobs> <dir>...   full ingest, one phase per folder
 *   node dist/bench/run.js bare <jobs> <dir>             bare pdf.js reading of the PDFs in <dir>
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ingestFiles } from "../pipelines/ingest.js";
import { siblingModule, WorkerPool } from "../pipelines/worker-pool.js";
import { openStore } from "../src/store/open.js";
import type { BareResult, BareTask } from "./bare-worker.js";

export interface PhaseResult {
  dir: string;
  ms: number;
  /** CPU time of the whole process (every thread), user + system: less sensitive to other load than ms. */
  cpuMs: number;
  files: number;
  pages: number;
  failed: number;
  /**
   * Peak resident memory (the whole process: every thread) while each third of the phase's
   * files was being stored. The first third holds the warm-up (the workers' heaps and the
   * allocator settle over the first few dozen files); memory that grows with the number of
   * files shows as a last third above the middle one.
   */
  rssThirdsMb: [number, number, number];
}

export interface RunResult {
  ms: number;
  cpuMs: number;
  pages: number;
  files: number;
  failed: number;
  maxRssMb: number;
  phases: PhaseResult[];
  failures: string[];
}

/** Samples the process's resident memory into the peak of the current third of the files. */
function rssSampler(): { third: 0 | 1 | 2; peaks: [number, number, number]; stop: () => void } {
  const state = { third: 0 as 0 | 1 | 2, peaks: [0, 0, 0] as [number, number, number], stop: () => clearInterval(timer) };
  const sample = () => {
    const mb = process.memoryUsage.rss() / (1024 * 1024);
    if (mb > state.peaks[state.third]) state.peaks[state.third] = mb;
  };
  const timer = setInterval(sample, 100);
  sample();
  return state;
}

async function ingest(db: string, jobs: number, dirs: string[]): Promise<RunResult> {
  const store = await openStore(db, { create: true });
  const phases: PhaseResult[] = [];
  const failures: string[] = [];
  try {
    for (const dir of dirs) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const rss = rssSampler();
      const s = await ingestFiles(store, [dir], { jobs, report: (_o, index, total) => void (rss.third = Math.min(2, Math.floor((3 * (index + 1)) / total)) as 0 | 1 | 2) }).finally(
        rss.stop,
      );
      const rssThirdsMb = rss.peaks;
      phases.push({ dir, ms: performance.now() - started, cpuMs: cpuMs(cpu), files: s.files, pages: s.pages, failed: s.failed, rssThirdsMb });
      failures.push(...s.failures.slice(0, 5).map((f) => `${f.file}: ${f.message}`));
    }
  } finally {
    await store.destroy();
  }
  return summarise(phases, failures);
}

async function bare(jobs: number, dir: string): Promise<RunResult> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".pdf")).sort().map((f) => join(dir, f));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pool = new WorkerPool<BareTask, BareResult>({ workerUrl: siblingModule(import.meta.url, "bare-worker"), size: jobs, timeoutMs: 0 });
  let pages = 0;
  let failed = 0;
  const failures: string[] = [];
  const window = jobs * 3;
  const inflight = new Set<Promise<void>>();
  try {
    for (const file of files) {
      while (inflight.size >= window) await Promise.race(inflight);
      const p = (async () => {
        const bytes = new Uint8Array(await readFile(file));
        const r = await pool.run({ bytes }, [bytes.buffer]);
        if (r.ok && r.value.ok) pages += r.value.pages;
        else {
          failed++;
          failures.push(`${file}: ${r.ok ? (r.value as { message: string }).message : r.message}`);
        }
      })();
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
    }
    await Promise.all(inflight);
  } finally {
    await pool.close();
  }
  return summarise([{ dir, ms: performance.now() - started, cpuMs: cpuMs(cpu), files: files.length, pages, failed, rssThirdsMb: [0, 0, 0] }], failures);
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function summarise(phases: PhaseResult[], failures: string[]): RunResult {
  const sum = (k: "ms" | "cpuMs" | "pages" | "files" | "failed") => phases.reduce((t, p) => t + p[k], 0);
  return {
    ms: sum("ms"),
    cpuMs: sum("cpuMs"),
    pages: sum("pages"),
    files: sum("files"),
    failed: sum("failed"),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    phases,
    failures,
  };
}

const [mode, ...rest] = process.argv.slice(2);
const result =
  mode === "ingest"
    ? await ingest(rest[0]!, Number(rest[1]), rest.slice(2))
    : mode === "bare"
      ? await bare(Number(rest[0]), rest[1]!)
      : (() => {
          throw new Error("usage: run.js ingest <db> <jobs> <dir>... | bare <jobs> <dir>");
        })();
process.stdout.write(JSON.stringify(result) + "\n");
