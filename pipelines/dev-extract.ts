/**
 * Developer tool: read files, extract facts and print the export JSON without a store.
 *   npx tsx pipelines/dev-extract.ts FILE... > /tmp/x.json
 *   python3 fixtures/score.py /tmp/x.json fixtures/gold
 * With --layout, prints the Layout of each file instead (to see what a reader produced).
 */
import { basename } from "node:path";
import { extractFacts, EXTRACTOR_VERSION } from "../src/extract/index.js";
import { factsToExport, mergeExports, type Export } from "../src/facts/export.js";
import { readDocument } from "../src/readers/index.js";

async function main(argv: string[]): Promise<number> {
  const showLayout = argv.includes("--layout");
  const files = argv.filter((a) => !a.startsWith("--"));
  const parts: Export[] = [];
  const layouts: unknown[] = [];
  let failed = 0;
  for (const file of files) {
    try {
      const { layout } = await readDocument(file);
      if (showLayout) {
        layouts.push(layout);
        continue;
      }
      const facts = extractFacts(layout);
      parts.push(
        factsToExport({ document: basename(file), format: layout.format, pages: layout.meta.pageCount }, facts, EXTRACTOR_VERSION),
      );
      process.stderr.write(`${basename(file)}: ${facts.kind}, ${facts.scores.length} scores, ${facts.messages.length} messages\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`${basename(file)}: ${(error as Error).message}\n`);
    }
  }
  process.stdout.write(JSON.stringify(showLayout ? layouts : mergeExports(parts), null, 2) + "\n");
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
