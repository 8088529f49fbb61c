/**
 * Issue 8, fuzzing: damaged copies of the fixture PDFs and DOCX files (bit flips, truncation,
 * chunk shuffles, …) never crash the process, never run past the per-file time limit, and a
 * file reported as failed never leaves anything in the store.
 *
 * `npm test` runs a short deterministic slice (fixed seed). `npm run fuzz` runs random batches
 * for a time budget (FUZZ_SECONDS, default 120; FUZZ_SEED to replay) and keeps the files of a
 * failing batch for reproduction.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, integrityCheck, query, removeDir, rng, runCli, tempDir } from "../helpers/robust-cli.js";
import { fixture, FIXTURE_DOCX, FIXTURE_DOCX_2, FIXTURE_PDF, FIXTURE_PDF_2 } from "../helpers/robust-fixtures.js";
import { MUTATIONS, mutate } from "../helpers/robust-mutate.js";

const LONG = process.env.npm_lifecycle_event === "fuzz" || process.env.FUZZ_SECONDS !== undefined;
const BUDGET_SECONDS = Number(process.env.FUZZ_SECONDS ?? 120);
const SEED = Number(process.env.FUZZ_SEED ?? (LONG ? Date.now() % 1_000_000 : 8));
/** Per-file limit the CLI enforces during fuzzing. */
const TIMEOUT_SECONDS = 20;

const SOURCES = [
  { ext: "pdf", bytes: fixture(FIXTURE_PDF) },
  { ext: "pdf", bytes: fixture(FIXTURE_PDF_2) },
  { ext: "docx", bytes: fixture(FIXTURE_DOCX) },
  { ext: "docx", bytes: fixture(FIXTURE_DOCX_2) },
];

interface BatchReport {
  files: number;
  stored: number;
  failed: number;
  reasons: Record<string, number>;
}

/** Write `count` mutants, ingest them in one CLI run, and check every invariant. */
async function fuzzBatch(dir: string, count: number, random: () => number, label: string): Promise<BatchReport> {
  const batch = join(dir, label);
  mkdirSync(batch, { recursive: true });
  const shaOf = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
    const mutation = MUTATIONS[Math.floor(random() * MUTATIONS.length)]!;
    const bytes = mutate(source.bytes, mutation, random);
    const name = `m${String(i).padStart(3, "0")}-${mutation}.${source.ext}`;
    writeFileSync(join(batch, name), bytes);
    shaOf.set(name, createHash("sha256").update(bytes).digest("hex"));
  }
  const store = join(dir, `${label}.sqlite`);
  const run = await runCli(["--db", store, "ingest", "--jobs", "2", "--timeout", String(TIMEOUT_SECONDS), batch], {
    // every file may use its whole limit (two at a time), plus start-up: past that, something hangs
    timeoutMs: (count * TIMEOUT_SECONDS * 1000) / 2 + 60_000,
  });
  const context = `seed ${SEED}, batch ${label}, files kept in ${batch}\n${run.stderr}`;
  // the process was not crashed: it ran to its end and exited 0 (all stored) or 1 (some failed)
  expect(run.signal, context).toBeNull();
  expect([0, 1], context).toContain(run.code);
  expect(run.stdout, context).toBe("");

  const lines = run.lines.filter((l) => !/^\d+ files: /.test(l));
  expect(lines.length, context).toBe(count);
  const report: BatchReport = { files: count, stored: 0, failed: 0, reasons: {} };
  const storedShas = new Set(query<{ sha256: string }>(store, "select sha256 from documents").map((r) => r.sha256));
  const reportedStored = new Set<string>();
  for (const line of lines) {
    const m = /^(m\d{3}-[a-z-]+\.(?:pdf|docx)): (stored as document \d+|unchanged|failed: (.+))/.exec(line);
    expect(m, `unexpected line: ${line}\n${context}`).not.toBeNull();
    const [, name, status, message] = m!;
    const sha = shaOf.get(name!)!;
    if (status!.startsWith("failed")) {
      report.failed++;
      const reason = message!.replace(/\(.*$/, "").replace(/\d+/g, "N").trim().slice(0, 60);
      report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
      // a file reported as failed left nothing behind (unless identical bytes were stored under another name)
      if (!reportedStored.has(sha)) expect(storedShas.has(sha), `${name} failed but is stored\n${context}`).toBe(false);
    } else {
      report.stored++;
      reportedStored.add(sha);
      expect(storedShas.has(sha), `${name} reported stored but is not in the store\n${context}`).toBe(true);
    }
  }
  expect(storedShas.size, context).toBe(reportedStored.size);
  expect(integrityCheck(store), context).toBe("ok/0");
  // nothing orphaned: every fact belongs to a stored document
  for (const t of ["scores", "indicators", "actions", "gaps", "messages", "areas", "scale_levels", "document_periods"]) {
    const orphans = query<{ n: number }>(store, `select count(*) as n from ${t} where document_id is not null and document_id not in (select id from documents)`)[0]!.n;
    expect(orphans, `${t} orphans\n${context}`).toBe(0);
  }
  return report;
}

describe(LONG ? `fuzz (budget ${BUDGET_SECONDS}s, seed ${SEED})` : `fuzz, deterministic slice (seed ${SEED})`, () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir("fuzz");
  });
  afterAll(() => removeDir(dir));

  it.skipIf(LONG)("24 mutants of the fixture PDFs and DOCX files: no crash, no hang, nothing stored for a failure", async () => {
    const report = await fuzzBatch(dir, 24, rng(SEED), "slice");
    expect(report.stored + report.failed).toBe(24);
    console.log(`fuzz slice: ${JSON.stringify(report)}`);
  }, 600_000);

  it.runIf(LONG)("random batches until the budget is spent", async () => {
    const random = rng(SEED);
    const deadline = Date.now() + BUDGET_SECONDS * 1000;
    const totals: BatchReport = { files: 0, stored: 0, failed: 0, reasons: {} };
    let n = 0;
    while (Date.now() < deadline) {
      const label = `batch${n++}`;
      let report: BatchReport;
      try {
        report = await fuzzBatch(dir, 16, random, label);
      } catch (error) {
        const keep = tempDir(`fuzz-failure-${SEED}`);
        cpSync(join(dir, label), keep, { recursive: true });
        throw new Error(`${(error as Error).message}\n(failing batch copied to ${keep})`);
      }
      totals.files += report.files;
      totals.stored += report.stored;
      totals.failed += report.failed;
      for (const [k, v] of Object.entries(report.reasons)) totals.reasons[k] = (totals.reasons[k] ?? 0) + v;
      removeDir(join(dir, label));
    }
    console.log(`fuzz: ${n} batches, seed ${SEED}: ${JSON.stringify(totals, null, 1)}`);
    expect(totals.files).toBeGreaterThan(0);
  }, (BUDGET_SECONDS + 900) * 1000);
});
