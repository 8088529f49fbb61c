/**
 * OCR bench: seconds per scanned page through the real CLI (worker threads), --jobs 1 and
 * --jobs 2, against the born-digital path on the same report, and a --force re-run served by
 * the page cache. Scans are made here from the bundled PDF (rendered, skewed, noised, JPEG),
 * so the bench needs nothing outside the repository. Run: npm run bench (or node dist/bench/ocr.js).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { scanPdf } from "../test/helpers/scan-builder.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = join(ROOT, "dist/src/cli/main.js");
const REPORT = join(ROOT, "fixtures/reports/mcc-2018-03-evaluative-progress-report.pdf");
/** Pages per scanned copy (the first pages of the report: prose, a ruled table, a score table). */
const PAGES = Number(process.env.OCR_BENCH_PAGES ?? 4);

function ingest(db: string, files: string[], args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, "--db", db, "ingest", "--timeout", "3600", ...args, ...files], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? done(performance.now() - started) : fail(new Error(`ingest exited ${code}: ${err.slice(0, 500)}`))));
  });
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "scorebook-ocr-bench-"));
  try {
    console.log(`scorebook OCR bench: ${PAGES} pages per scanned copy, ${availableParallelism()} cores, node ${process.version}; load average ${loadavg().map((l) => fmt(l)).join(" ")}`);
    const born = readFileSync(REPORT);
    // Two scans of the same pages with different skews: different images, so neither is a cache hit for the other.
    const scans = [0.6, -0.4].map((skew, i) => {
      const file = join(dir, `scan-${i + 1}.pdf`);
      return { file, skew };
    });
    for (const s of scans) writeFileSync(s.file, await scanPdf(new Uint8Array(born), { dpi: 200, skew: s.skew, noise: 0.12, quality: 60, pages: PAGES }));
    const bornMs = await ingest(join(dir, "born.sqlite"), [REPORT], ["--jobs", "1", "--ocr", "never"]);
    const bornPages = (await import("../src/readers/pdf/load.js")).openPdf(new Uint8Array(born), "report.pdf").then(async (d) => {
      const n = d.numPages;
      await d.destroy();
      return n;
    });
    const bornPerPage = bornMs / 1000 / (await bornPages);
    const cache = join(dir, "cache");
    const one = await ingest(join(dir, "one.sqlite"), [scans[0]!.file], ["--jobs", "1", "--ocr-cache", cache]);
    const two = await ingest(join(dir, "two.sqlite"), scans.map((s) => s.file), ["--jobs", "2", "--ocr-cache", join(dir, "cache2")]);
    const again = await ingest(join(dir, "one.sqlite"), [scans[0]!.file], ["--jobs", "1", "--force", "--ocr-cache", cache]);
    const perPage1 = one / 1000 / PAGES;
    const perPage2 = two / 1000 / (2 * PAGES);
    const cached = again / 1000 / PAGES;
    console.log(`born-digital ingest (--jobs 1, whole report): ${fmt(bornPerPage, 3)} s/page`);
    console.log(`OCR ingest --jobs 1: ${fmt(perPage1)} s/page (${fmt(one / 1000, 1)} s for ${PAGES} pages) = ${fmt(perPage1 / bornPerPage, 0)}x the born-digital path`);
    console.log(`OCR ingest --jobs 2 (two scans): ${fmt(perPage2)} s/page (${fmt(two / 1000, 1)} s for ${2 * PAGES} pages) = ${fmt(perPage2 / bornPerPage, 0)}x the born-digital path; --jobs 2 / --jobs 1 throughput ${fmt(perPage1 / perPage2)}x`);
    console.log(`OCR re-run with --force (page cache): ${fmt(cached)} s/page = ${fmt(cached / bornPerPage, 1)}x the born-digital path`);
    console.log(`load average at end: ${loadavg().map((l) => fmt(l)).join(" ")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
