/**
 * Developer tool: extract files through the real ingest path into a throw-away in-memory
 * store and print its export JSON — exactly what `scorebook export` would show, with no
 * store file left behind.
 *   npx tsx pipelines/dev-extract.ts FILE... > /tmp/x.json
 *   python3 fixtures/score.py /tmp/x.json fixtures/gold
 * With --layout, prints the Layout of each file instead (to see what a reader produced).
 */
import { basename } from "node:path";
import { exportAll } from "../src/query/export.js";
import { readDocument } from "../src/readers/index.js";
import { openStore } from "../src/store/open.js";
import { ingestFiles } from "./ingest.js";

async function printLayouts(files: string[]): Promise<number> {
  const layouts: unknown[] = [];
  let failed = 0;
  for (const file of files) {
    try {
      layouts.push((await readDocument(file)).layout);
    } catch (error) {
      failed++;
      process.stderr.write(`${basename(file)}: ${(error as Error).message}\n`);
    }
  }
  process.stdout.write(JSON.stringify(layouts, null, 2) + "\n");
  return failed ? 1 : 0;
}

async function printExport(files: string[]): Promise<number> {
  const db = await openStore(":memory:");
  try {
    const summary = await ingestFiles(db, files, {
      inThread: true,
      report: (o) => {
        const line = o.status === "failed" ? `failed: ${o.message}` : o.status === "unchanged" ? "unchanged" : `${o.facts.kind}, ${o.facts.scores.length} scores, ${o.facts.messages.length} messages`;
        process.stderr.write(`${basename(o.file)}: ${line}\n`);
      },
    });
    process.stdout.write(JSON.stringify(await exportAll(db), null, 2) + "\n");
    return summary.failures.length ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const files = argv.filter((a) => !a.startsWith("--"));
  return argv.includes("--layout") ? printLayouts(files) : printExport(files);
}

main(process.argv.slice(2)).then((code) => process.exit(code));
