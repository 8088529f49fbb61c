/**
 * Issue 8, concurrency: two ingests against one store at once (starting on a store that does
 * not exist yet, so they also race to create it) both succeed, store every document once,
 * and leave a store equal, document for document, to one ingest doing it all alone.
 * Plus the worker pool's own guarantees: a task that hangs is stopped at its time limit, one
 * that crashes or runs out of memory fails alone, and the pool goes on with fresh workers.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkerPool } from "../../pipelines/worker-pool.js";
import { ensureBuilt, integrityCheck, query, removeDir, runCli, tempDir } from "../helpers/robust-cli.js";
import { writeArchive } from "../helpers/robust-archive.js";
import type { TestTask } from "../helpers/robust-worker.js";

/** Every document's facts, keyed by file name, ids and times left out. */
function contentBySource(store: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const docs = query<{ id: number; source: string; sha256: string; kind: string; pages: number | null }>(
    store,
    "select id, source, sha256, kind, pages from documents order by source",
  );
  for (const d of docs) {
    out[d.source] = {
      sha256: d.sha256,
      kind: d.kind,
      pages: d.pages,
      scores: query(store, "select a.label, p.start_month, p.end_month, s.value, s.value_max, s.raw, s.origin, s.page from scores s join areas a on a.id = s.area_id join periods p on p.id = s.period_id where s.document_id = ? order by s.id", d.id),
      indicators: query(store, "select value, unit, previous, text, page from indicators where document_id = ? order by id", d.id),
      gaps: query(store, "select marker, text, kind, status from gaps where document_id = ? order by id", d.id),
      messages: query(store, "select level, source, text from messages where document_id = ? order by id", d.id),
    };
  }
  return out;
}

describe("two ingests against one store at once", () => {
  let dir: string;
  let archive: string;
  let names: string[];

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir("concurrency");
    archive = join(dir, "archive");
    names = writeArchive(archive, { pdfs: 2, docx: 4, texts: 6, bad: false });
  });

  afterAll(() => removeDir(dir));

  it("both succeed, each document is stored once, and the store equals a single ingest's", async () => {
    const files = names.map((n) => join(archive, n));
    const half = Math.ceil(files.length / 2);
    // overlapping halves, in opposite orders, so both try to store the middle files
    const a = files.slice(0, half + 2);
    const b = files.slice(half - 2).reverse();
    const shared = join(dir, "shared.sqlite");
    const [ra, rb] = await Promise.all([
      runCli(["--db", shared, "ingest", "--jobs", "1", ...a], { timeoutMs: 300_000 }),
      runCli(["--db", shared, "ingest", "--jobs", "1", ...b], { timeoutMs: 300_000 }),
    ]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(ra.lines.filter((l) => / failed: /.test(l))).toEqual([]);
    expect(rb.lines.filter((l) => / failed: /.test(l))).toEqual([]);
    expect(integrityCheck(shared)).toBe("ok/0");
    const docs = query<{ source: string }>(shared, "select source from documents order by source").map((d) => d.source);
    expect(docs).toEqual([...names].sort());

    const alone = join(dir, "alone.sqlite");
    const r = await runCli(["--db", alone, "ingest", "--jobs", "2", ...files], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(contentBySource(shared)).toEqual(contentBySource(alone));
  }, 600_000);
});

describe("worker pool", () => {
  const workerUrl = new URL("../helpers/robust-worker.ts", import.meta.url);

  it("stops a task that hangs at its time limit and goes on with a fresh worker", async () => {
    const pool = new WorkerPool<TestTask, string>({ workerUrl, size: 1, timeoutMs: 1500 });
    try {
      const hung = await pool.run({ kind: "hang" });
      expect(hung).toEqual({ ok: false, kind: "timeout", message: "timed out after 1.5s (per-file limit; raise with --timeout)" });
      expect(await pool.run({ kind: "echo", text: "after" })).toEqual({ ok: true, value: "after" });
      expect(pool.started).toBe(2);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("a crash or an out-of-memory fails only its own task", async () => {
    const pool = new WorkerPool<TestTask, string>({ workerUrl, size: 2, timeoutMs: 30_000, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    try {
      const results = await Promise.all([
        pool.run({ kind: "echo", text: "one" }),
        pool.run({ kind: "crash" }),
        pool.run({ kind: "oom" }),
        pool.run({ kind: "echo", text: "two" }),
        pool.run({ kind: "exit" }),
        pool.run({ kind: "echo", text: "three" }),
      ]);
      expect(results[0]).toEqual({ ok: true, value: "one" });
      expect(results[1]).toMatchObject({ ok: false, kind: "crashed", message: "reader crashed (boom from a parser)" });
      expect(results[2]).toMatchObject({ ok: false, kind: "out-of-memory" });
      expect(results[3]).toEqual({ ok: true, value: "two" });
      expect(results[4]).toMatchObject({ ok: false, kind: "crashed", message: "reader exited unexpectedly (code 3)" });
      expect(results[5]).toEqual({ ok: true, value: "three" });
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("close() cancels what is queued", async () => {
    const pool = new WorkerPool<TestTask, string>({ workerUrl, size: 1, timeoutMs: 0 });
    const running = pool.run({ kind: "hang" });
    const queued = pool.run({ kind: "echo", text: "never" });
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    expect(await running).toMatchObject({ ok: false, kind: "cancelled" });
    expect(await queued).toMatchObject({ ok: false, kind: "cancelled" });
  }, 60_000);
});
