/**
 * `npm run bench` (store half, PostgreSQL): the ingest job queue with one worker and with two
 * (as two machines would run them; here two processes on this machine), on the bundled
 * reports made into BENCH_QUEUE_COPIES distinct files each (text, markdown and PDF: a few
 * bytes appended, so each copy is new to the store; DOCX cannot take them). Prints each
 * run's wall time and the ratio. Each run gets a new database beside BENCH_PG's (the role
 * must be allowed to create databases), dropped afterwards.
 */
import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import pg from "pg";

const CLI = resolve("dist/src/cli/main.js");
const COPIES = Number(process.env.BENCH_QUEUE_COPIES ?? 4);
const REPORTS = "fixtures/reports";

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stderr }));
  });
}

/** COPIES distinct copies of each text, markdown and PDF report (bytes appended after the content, which every reader ignores). */
function archive(): string {
  const dir = mkdtempSync(join(tmpdir(), "scorebook-bench-queue-"));
  for (const name of readdirSync(REPORTS).filter((n) => [".txt", ".md", ".pdf"].includes(extname(n)))) {
    for (let i = 0; i < COPIES; i++) {
      const copy = join(dir, `${i}-${name}`);
      copyFileSync(join(REPORTS, name), copy);
      appendFileSync(copy, "\n".repeat(i + 1));
    }
  }
  return dir;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Queue the archive in a new database, then time `workers` processes running it to the end. */
async function timed(base: string, workers: number, dir: string): Promise<{ ms: number; files: number }> {
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_queue_${workers}`;
  await admin(base, `drop database if exists "${name}"`);
  await admin(base, `create database "${name}" template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'`);
  url.pathname = `/${name}`;
  const db = url.toString();
  try {
    const queued = await run(["--db", db, "ingest", "--queue", "--ocr", "never", dir]);
    if (queued.code !== 0) throw new Error(queued.stderr.trim().split("\n").at(-1));
    const t = performance.now();
    const results = await Promise.all(Array.from({ length: workers }, () => run(["--db", db, "worker", "--until-empty"])));
    const ms = performance.now() - t;
    const failed = results.find((r) => r.code !== 0);
    if (failed) throw new Error(failed.stderr.trim().split("\n").at(-1));
    const files = results.reduce((n, r) => n + (r.stderr.match(/ stored as document /g)?.length ?? 0), 0);
    return { ms, files };
  } finally {
    await admin(base, `drop database if exists "${name}" with (force)`);
  }
}

async function main(): Promise<void> {
  const base = process.env.BENCH_PG;
  if (!base) {
    console.log("  job queue: skipped (set BENCH_PG, or run scripts/bench-store.sh)");
    return;
  }
  const dir = archive();
  try {
    const one = await timed(base, 1, dir);
    const two = await timed(base, 2, dir);
    console.log(`  job queue (${one.files} files, ingest --queue then worker --until-empty): 1 worker ${(one.ms / 1000).toFixed(1)} s, 2 workers ${(two.ms / 1000).toFixed(1)} s (${two.files} files): ${(one.ms / two.ms).toFixed(2)}x`);
  } catch (error) {
    console.log(`  job queue: failed (${(error as Error).message})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
