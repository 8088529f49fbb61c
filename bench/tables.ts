/**
 * ICDAR 2013 table-structure benchmark, complete process (the reader finds its own tables on
 * whole pages). Runs the PDF reader over every PDF of the data set, writes one prediction JSON
 * per PDF in the scorer's format, then runs the data set's score.py with --count-blanks
 * --strict and prints its summary.
 *
 *   npm run bench:tables -- [--dataset DIR] [--out DIR] [--verbose]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { tablesPerPage } from "../src/readers/pdf/contract.js";
import { readPdf } from "../src/readers/pdf/index.js";

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const dataset = resolve(option(argv, "--dataset") ?? "../shared/benchmarks/icdar2013");
  const out = resolve(option(argv, "--out") ?? mkdtempSync(join(tmpdir(), "scorebook-icdar-")));
  mkdirSync(out, { recursive: true });
  const pdfs = ["eu", "us"].flatMap((split) => {
    try {
      return readdirSync(join(dataset, split))
        .filter((f) => f.endsWith(".pdf"))
        .sort()
        .map((f) => join(dataset, split, f));
    } catch {
      return [];
    }
  });
  if (!pdfs.length) {
    process.stderr.write(`no PDFs under ${dataset}/{eu,us}\n`);
    return 2;
  }
  const started = Date.now();
  for (const pdf of pdfs) {
    const name = basename(pdf, ".pdf");
    let tables: unknown[] = [];
    try {
      const layout = await readPdf(new Uint8Array(readFileSync(pdf)), basename(pdf));
      tables = tablesPerPage(layout).tables;
    } catch (error) {
      process.stderr.write(`${name}: ${(error as Error).message}\n`);
    }
    writeFileSync(join(out, `${name}.json`), JSON.stringify({ tables }));
  }
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`read ${pdfs.length} PDFs in ${seconds.toFixed(1)} s; predictions in ${out}\n`);
  const extra = argv.filter((a) => ["--verbose", "--json"].includes(a) || a.startsWith("--only="));
  const args = [join(dataset, "score.py"), out, "--gt", dataset, "--count-blanks", "--strict", ...extra];
  const run = spawnSync("python3", args, { encoding: "utf8" });
  process.stdout.write(run.stdout);
  if (run.stderr) process.stderr.write(run.stderr);
  for (const only of ["eu", "us"]) {
    const part = spawnSync("python3", [...args, "--only", only], { encoding: "utf8" });
    // Both figures for each half: pooled relations (micro) and the per-document mean (macro).
    for (const kind of ["macro", "micro"]) {
      const line = part.stdout.split("\n").find((l) => l.startsWith(`icdar2013 structure F1 (${kind}`));
      if (line) process.stdout.write(`[${only}] ${line}\n`);
    }
  }
  return run.status ?? 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
