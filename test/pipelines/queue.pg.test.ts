/**
 * The ingest job queue on a real PostgreSQL store (vitest's "postgres" project): `ingest
 * --queue` keeps the files' bytes in the store and queues them, `worker` processes (two at
 * once here, as two machines would) ingest them through the CLI's own ingestFile, and `queue
 * status` says what happened. Each test has a fresh database.
 */
import { spawn } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, runCli, runCliAsync, tempDir, type CliResult } from "../helpers/cli.js";
import pg from "pg";
import { freshPgDatabase, pgAdmin, pgUrl } from "../helpers/store.js";

const REPORTS = "fixtures/reports";
// Both reports as text and DOCX: every non-OCR reader but PDF, fast enough to run twice.
const NAMES = [
  "mcc-2015-09-strategic-overview.md",
  "mcc-2018-03-evaluative-progress-report.txt",
  "mcc-2015-09-strategic-overview.docx",
  "mcc-2018-03-evaluative-progress-report.docx",
];
const FILES = NAMES.map((f) => join(REPORTS, f));
const SLOW = 120_000;

/** `queue status --format json`, with its exit code checked. */
function queueStatus(db: string): { queued: number; active: number; done: number; failed: number; retrying: number; failures: { file: string; error: string }[] } {
  const r = runCli(["--db", db, "queue", "status", "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

function documents(db: string): { file: string; id: number }[] {
  const r = runCli(["--db", db, "documents", "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Work on a test database as the test server's superuser (its URL carries that role). */
async function withClient<T>(db: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function countIn(db: string, query: string): Promise<number> {
  return withClient(db, async (c) => Number((await c.query(query)).rows[0].n));
}

/**
 * An export with what depends on the order documents were stored taken out: fact ids, and
 * report numbers (replaced by the documents each report groups), times; every array sorted.
 * Two workers store in whichever order they finish; every fact and its document must match.
 */
function comparable(json: string): unknown {
  const data = JSON.parse(json.replace(/"(decided_at|at|ingested_at)": "[^"]*"/g, '"$1": "…"')) as Record<string, Record<string, unknown>[]>;
  const groups = new Map<unknown, string[]>();
  for (const d of data.documents!) groups.set(d.report, [...(groups.get(d.report) ?? []), String(d.document)].sort());
  const out: Record<string, string[]> = {};
  for (const [key, rows] of Object.entries(data)) {
    out[key] = rows
      .map((row) => {
        const { id, report, ...rest } = row;
        void id;
        return JSON.stringify({ ...rest, report: groups.get(report) });
      })
      .sort();
  }
  return out;
}

function storedLines(results: CliResult[]): string[] {
  return results.flatMap((r) => r.stderr.split("\n").filter((l) => / stored as document \d+/.test(l)));
}

describe("the ingest job queue (PostgreSQL)", () => {
  it("two workers share the queued files: each stored once, status done, the export equal to a direct ingest's", async () => {
    const db = await freshPgDatabase();
    const queued = runCli(["--db", db, "ingest", "--queue", ...FILES]);
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stdout).toBe("");
    expect(queued.stderr).toMatch(/^4 files: 4 queued, 0 already queued, 0 unchanged, 0 failed/m);
    // Queued twice: the same bytes are not queued again.
    const again = runCli(["--db", db, "ingest", "--queue", FILES[0]!]);
    expect(again.stderr).toMatch(/already queued/);
    expect(queueStatus(db)).toMatchObject({ queued: 4, active: 0, done: 0, failed: 0 });
    expect(documents(db)).toEqual([]);

    // Two processes, as two machines would run them; one runs two jobs at once.
    const workers = await Promise.all([["--concurrency", "2"], []].map((more) => runCliAsync(["--db", db, "worker", "--until-empty", ...more])));
    for (const w of workers) expect(w.code, w.stderr).toBe(0);
    const stored = storedLines(workers);
    expect(stored).toHaveLength(4);
    for (const name of NAMES) expect(stored.filter((l) => l.startsWith(`${name}: stored`)), name).toHaveLength(1);
    expect(documents(db).map((d) => d.file).sort()).toEqual([...NAMES].sort());

    const status = queueStatus(db);
    expect(Object.keys(status).slice(0, 4)).toEqual(["queued", "active", "done", "failed"]);
    expect(status).toMatchObject({ queued: 0, active: 0, done: 4, failed: 0, failures: [] });

    const direct = await freshPgDatabase();
    expect(runCli(["--db", direct, "ingest", "--jobs", "1", ...FILES]).code).toBe(0);
    const [a, b] = [direct, db].map((s) => runCli(["--db", s, "export", "--format", "json"]));
    expect(a!.stdout.length).toBeGreaterThan(1000);
    expect(comparable(b!.stdout)).toEqual(comparable(a!.stdout));

    // pg-boss's own schema in the same database is not the store's: db copy and db status see the store only.
    const copy = join(tempDir("scorebook-queue-copy-"), "copy.sqlite");
    const copied = runCli(["db", "copy", "--from", db, "--to", copy]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).not.toMatch(/^(job|archive|queue|version)\b/m);
    expect(runCli(["--db", db, "db", "status"]).code).toBe(0);
  }, SLOW);

  it("a file that is not what its name says fails once (no retries): worker exits 1, status names it and why, nothing of it stored", async () => {
    const db = await freshPgDatabase();
    const dir = tempDir("scorebook-queue-bad-");
    writeFileSync(join(dir, "minutes.pdf"), "these are the minutes, typed as text\n");
    writeFileSync(join(dir, "empty.txt"), "");
    const queued = runCli(["--db", db, "ingest", "--queue", join(dir, "minutes.pdf"), join(dir, "empty.txt")]);
    // An empty file is refused before it is queued, as ingest refuses it.
    expect(queued.code).toBe(1);
    expect(queued.stderr).toMatch(/^empty\.txt: failed: empty file \(0 bytes\)$/m);
    expect(queued.stderr).toMatch(/^minutes\.pdf: queued$/m);

    const worker = await runCliAsync(["--db", db, "worker", "--until-empty"]);
    expect(worker.code).toBe(1);
    expect(worker.stderr).toMatch(/^minutes\.pdf: failed: not a PDF/m);
    expect(worker.stderr).not.toMatch(/will be retried/);
    const status = queueStatus(db);
    expect(status).toMatchObject({ queued: 0, active: 0, done: 0, failed: 1, retrying: 0 });
    expect(status.failures).toHaveLength(1);
    expect(status.failures[0]!.file).toBe("minutes.pdf");
    expect(status.failures[0]!.error).toMatch(/^not a PDF/);
    expect(status.failures[0]!.error).not.toContain("\n");
    expect(documents(db)).toEqual([]);
    // Its kept bytes went with it.
    expect(await countIn(db, "select count(*) as n from files")).toBe(0);
    const table = runCli(["--db", db, "queue", "status"]);
    expect(table.stdout).toMatch(/^failed +1\n +minutes\.pdf: not a PDF/m);
  }, SLOW);

  it("a failure that may pass (the per-file time limit) is retried twice, then fails with its reason", async () => {
    const db = await freshPgDatabase();
    expect(runCli(["--db", db, "ingest", "--queue", "--timeout", "0.001", FILES[2]!]).code).toBe(0);
    const worker = await runCliAsync(["--db", db, "worker", "--until-empty"]);
    expect(worker.code).toBe(1);
    const lines = worker.stderr.split("\n").filter((l) => l.startsWith(`${NAMES[2]}: failed: timed out`));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/\(attempt 1 of 3; will be retried\)$/);
    expect(lines[1]).toMatch(/\(attempt 2 of 3; will be retried\)$/);
    expect(lines[2]).not.toMatch(/will be retried/);
    const status = queueStatus(db);
    expect(status).toMatchObject({ queued: 0, active: 0, done: 0, failed: 1, retrying: 0 });
    expect(status.failures[0]).toMatchObject({ file: NAMES[2] });
    expect(status.failures[0]!.error).toMatch(/^timed out after/);
    expect(documents(db)).toEqual([]);
    expect(await countIn(db, "select count(*) as n from files")).toBe(0);
  }, SLOW);

  it("SIGTERM stops a worker after the job in hand: exit 0, nothing left active or half-stored, the rest still queued", async () => {
    const db = await freshPgDatabase();
    expect(runCli(["--db", db, "ingest", "--queue", ...FILES]).code).toBe(0);
    const child = spawn(process.execPath, [CLI, "--db", db, "worker"]);
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      // After the first file, the next is most likely in hand: stop then.
      if (!stderr.includes(" stored as document") && (stderr + d).includes(" stored as document")) child.kill("SIGTERM");
      stderr += d;
    });
    const code = await new Promise<number | null>((done) => child.on("close", done));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping after the job\(s\) in hand/);
    const stored = storedLines([{ code: 0, stdout: "", stderr }]).length;
    expect(stored).toBeGreaterThanOrEqual(1);
    expect(stored).toBeLessThan(NAMES.length);
    expect(queueStatus(db)).toMatchObject({ queued: NAMES.length - stored, active: 0, done: stored, failed: 0 });
    expect(documents(db)).toHaveLength(stored);
  }, SLOW);

  it("db roles grants the queue: the writer role queues and works it, the reader sees queue status and may not queue", async () => {
    const db = await freshPgDatabase();
    // The owner's first ingest --queue makes pg-boss's schema; db roles then grants it.
    expect(runCli(["--db", db, "ingest", "--queue", FILES[0]!]).code).toBe(0);
    const roles = runCli(["--db", db, "db", "roles"]);
    expect(roles.code, roles.stderr).toBe(0);
    const suffix = Math.random().toString(36).slice(2, 8);
    await pgAdmin(`create role queue_reader_${suffix} login password 'r-secret' in role scorebook_reader`);
    await pgAdmin(`create role queue_writer_${suffix} login password 'w-secret' in role scorebook_writer`);
    const as = (role: string, password: string) => {
      const u = new URL(db);
      u.username = role;
      u.password = password;
      return u.toString();
    };
    const rw = as(`queue_writer_${suffix}`, "w-secret");
    const ro = as(`queue_reader_${suffix}`, "r-secret");
    const queued = runCli(["--db", rw, "ingest", "--queue", FILES[1]!]);
    expect(queued.code, queued.stderr).toBe(0);
    const worker = await runCliAsync(["--db", rw, "worker", "--until-empty"]);
    expect(worker.code, worker.stderr).toBe(0);
    expect(storedLines([worker])).toHaveLength(2);
    expect(queueStatus(ro)).toMatchObject({ queued: 0, active: 0, done: 2, failed: 0 });
    const refused = runCli(["--db", ro, "ingest", "--queue", FILES[2]!]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/read-only connection/);
  }, SLOW);

  it("refuses a SQLite store in one line, exit 2, creating nothing", () => {
    const dir = tempDir("scorebook-queue-sqlite-");
    const store = join(dir, "store.sqlite");
    for (const args of [["ingest", "--queue", FILES[0]!], ["worker", "--until-empty"], ["queue", "status"]]) {
      const r = runCli(["--db", store, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`scorebook: ${store}: the job queue needs a PostgreSQL store (--db postgres://…)\n`);
    }
    expect(runCli(["--db", store, "documents"]).code).toBe(2);
  });

  it("pg-boss's schema alone does not make a database another application's: a new store is still made there", async () => {
    const name = `scorebook_test_queue_only_${process.pid}_${Date.now()}`;
    await pgAdmin(`create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
    const db = pgUrl(name);
    await withClient(db, async (c) => {
      await c.query("create schema pgboss");
      await c.query("create table pgboss.job (id uuid primary key)");
    });
    const r = runCli(["--db", db, "db", "migrate"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/scorebook store at migration level \d+/);
    expect(runCli(["--db", db, "db", "status"]).code).toBe(0);
  });

  it("a stored file queued again is unchanged, whether seen when queueing or by the worker; no duplicate document", async () => {
    const db = await freshPgDatabase();
    const dir = tempDir("scorebook-queue-again-");
    const file = join(dir, NAMES[0]!);
    copyFileSync(FILES[0]!, file);
    // Before the first ingest --queue there is no queue: all zeros, nothing made.
    expect(queueStatus(db)).toEqual({ queued: 0, active: 0, done: 0, failed: 0, retrying: 0, failures: [] });
    expect(await countIn(db, "select count(*) as n from pg_namespace where nspname = 'pgboss'")).toBe(0);
    expect(runCli(["--db", db, "ingest", "--queue", file]).code).toBe(0);
    // Stored directly while its job waits: the worker finds it stored.
    expect(runCli(["--db", db, "ingest", file]).code).toBe(0);
    const worker = await runCliAsync(["--db", db, "worker", "--until-empty"]);
    expect(worker.code, worker.stderr).toBe(0);
    expect(worker.stderr).toMatch(new RegExp(`^${NAMES[0]!.replace(/\./g, "\\.")}: unchanged \\(same bytes already stored as document 1\\)$`, "m"));
    // Queued again once stored: unchanged at once, nothing queued.
    const again = runCli(["--db", db, "ingest", "--queue", file]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/unchanged \(same bytes already stored as document 1\)/);
    expect(again.stderr).toMatch(/1 files: 0 queued, 0 already queued, 1 unchanged, 0 failed/);
    expect(queueStatus(db)).toMatchObject({ queued: 0, active: 0, done: 1, failed: 0 });
    expect(documents(db).map((d) => d.file)).toEqual([NAMES[0]]);

    // Links a killed run left behind (none here: removed by hand) are made by the next worker, even with nothing queued.
    const links = await countIn(db, "select count(*) as n from area_links");
    expect(links).toBeGreaterThan(0);
    await withClient(db, (c) => c.query("delete from area_links"));
    const idle = await runCliAsync(["--db", db, "worker", "--until-empty"]);
    expect(idle.code, idle.stderr).toBe(0);
    expect(await countIn(db, "select count(*) as n from area_links")).toBe(links);
  }, SLOW);
});
