/**
 * Running the real CLI (`node dist/src/cli/main.js`, as users do: its parsing happens in
 * worker threads that load compiled modules) and looking inside a store afterwards.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, rmdirSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import Database from "better-sqlite3";

export const ROOT = join(import.meta.dirname, "..", "..");
export const CLI = join(ROOT, "dist", "src", "cli", "main.js");

/**
 * Make sure dist/ is at least as new as the sources (`npm test` builds first; a bare
 * `npx vitest run test/robustness` may not have). Builds once, under a lock shared by the
 * test files vitest runs in parallel. Type errors elsewhere do not stop tsc from emitting.
 */
export function ensureBuilt(): void {
  if (!isStale()) return;
  const lock = join(ROOT, "dist", ".robust-build-lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another test file is building: wait for it, then re-check
      const start = Date.now();
      while (existsSync(lock) && Date.now() - start < 180_000) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      if (existsSync(lock)) rmdirSync(lock);
      if (!isStale()) return;
    }
  }
  try {
    if (isStale()) spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.json")], { cwd: ROOT, stdio: "ignore" });
  } finally {
    rmdirSync(lock);
  }
  if (!existsSync(CLI)) throw new Error(`build failed: ${CLI} is missing`);
}

function isStale(): boolean {
  if (!existsSync(CLI)) return true;
  for (const dir of ["src", "pipelines", "db", "bench"]) {
    for (const file of walk(join(ROOT, dir))) {
      if (!file.endsWith(".ts") || file.endsWith(".d.ts")) continue;
      const out = join(ROOT, "dist", relative(ROOT, file)).replace(/\.ts$/, ".js");
      if (!existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs) return true;
    }
  }
  return false;
}

function* walk(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stderr lines, without the trailing empty one. */
  lines: string[];
  ms: number;
}

export function runCli(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  const child = spawnCli(args, options.cwd);
  return finished(child, options.timeoutMs ?? 120_000);
}

export function spawnCli(args: string[], cwd = ROOT): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SCOREBOOK_DB: "" } });
}

export function finished(child: ChildProcess, timeoutMs = 120_000): Promise<CliRun> {
  const started = performance.now();
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (b: Buffer) => (stdout += b.toString()));
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`CLI did not finish within ${timeoutMs} ms\nstderr so far:\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, lines: stderr.split("\n").filter((l) => l !== ""), ms: performance.now() - started });
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `scorebook-${prefix}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every row of every table, as JSON: "nothing already stored changes" means this is equal. */
export function dumpStore(path: string, options: { ignoreColumns?: string[] } = {}): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .all() as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`select * from "${name}" order by rowid`).all() as Record<string, unknown>[];
      out[name] = rows.map((r) => {
        for (const c of options.ignoreColumns ?? []) delete r[c];
        return r;
      });
    }
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}

export function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function integrityCheck(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.pragma("integrity_check", { simple: true }) as string) + "/" + (db.pragma("foreign_key_check") as unknown[]).length;
  } finally {
    db.close();
  }
}

/** Deterministic PRNG (mulberry32) so random kill points and mutations can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
