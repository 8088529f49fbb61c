/**
 * Real OCR on scans the tests make themselves (test/helpers/scan-builder.ts): a small report
 * rendered, skewed, speckled and saved as JPEG pages. Few and small pages: each recognition
 * costs a second or more on CI's two cores.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../../src/layout/types.js";
import { readPdf } from "../../../src/readers/pdf/index.js";
import { closeEngine } from "../../../src/readers/ocr/index.js";
import { runCli, tempDir } from "../../helpers/cli.js";
import { buildImagePdf, buildPdf, gridTable } from "../../helpers/pdf-builder.js";
import { imagePage, scanPages } from "../../helpers/scan-builder.js";

/** A one-page progress report: title, a sentence with a percentage, a ruled score table. */
function miniReport(): Uint8Array {
  const grid = gridTable({
    x: 40,
    top: 420,
    colWidths: [170, 80, 80],
    rowHeight: 24,
    size: 11,
    rows: [["Cornerstone", "April 2016", "Sept 2016"], ["Good Governance", "3", "4"], ["Safe Workforce", "2", "3-4"], ["Robust Protection", "4", "5"]],
  });
  return buildPdf([
    {
      width: 420,
      height: 595,
      texts: [
        { text: "Evaluative Progress Report", x: 40, y: 540, size: 16, bold: true },
        { text: "This report evaluates progress against the safeguarding", x: 40, y: 510, size: 11 },
        { text: "cornerstones. 85% of staff completed training.", x: 40, y: 495, size: 11 },
        { text: "Self-Assessed Score Against Measures", x: 40, y: 440, size: 12, bold: true },
        ...grid.texts,
      ],
      lines: grid.lines,
    },
    { width: 420, height: 595, texts: [{ text: "This page was fed upside down into the scanner.", x: 40, y: 500, size: 12 }] },
  ]);
}

const rowsOf = (t: TableBlock) => t.rows.map((r) => r.map((c) => c?.text.replace(/\s+/g, " ") ?? null));
const textOf = (layout: Layout, page: number) => layout.pages.find((p) => p.number === page)?.blocks.map((b) => (b.kind === "table" ? "" : b.text)).join(" ") ?? "";

describe("OCR of scanned PDFs", () => {
  const dir = tempDir("scorebook-ocr-");
  const cacheDir = join(dir, "cache");
  let scan: Uint8Array;
  let layout: Layout;

  beforeAll(async () => {
    const report = await scanPages(miniReport(), { dpi: 200, skew: [0.7, -0.5], turns: [0, 2], noise: 0.12, quality: 60 });
    // Scanned report pages, then a blank sheet and a photograph (no text on either).
    scan = buildImagePdf([...report, await imagePage("blank"), await imagePage("picture")]);
    writeFileSync(join(dir, "scanned.pdf"), scan);
    layout = await readPdf(scan, "scanned.pdf", undefined, { ocr: { cacheDir } });
  }, 180_000);

  afterAll(async () => {
    await closeEngine();
  });

  it("reads a skewed scan's ruled table into the same cells as the born-digital page", () => {
    expect(layout.ocr?.pages).toEqual([1, 2, 3, 4]);
    const table = layout.pages[0]!.blocks.find((b): b is TableBlock => b.kind === "table");
    expect(table?.method).toBe("lattice");
    expect(rowsOf(table!)).toEqual([
      ["Cornerstone", "April 2016", "Sept 2016"],
      ["Good Governance", "3", "4"],
      ["Safe Workforce", "2", "3-4"],
      ["Robust Protection", "4", "5"],
    ]);
    expect(textOf(layout, 1)).toContain("85% of staff completed training");
    // Places are in the page's own space (A5: 420 × 595 points), not the image's pixels.
    const bbox = table!.place.bbox!;
    expect(bbox[0]).toBeGreaterThan(30);
    expect(bbox[2]).toBeLessThan(380);
  });

  it("turns an upside-down page the right way up", () => {
    expect(textOf(layout, 2)).toContain("fed upside down into the scanner");
    expect(layout.messages.find((m) => m.place?.page === 2)?.text).toMatch(/turned 180°/);
  });

  it("gives a blank page and a picture no text and no error", () => {
    expect(layout.pages.find((p) => p.number === 3)?.blocks ?? []).toEqual([]);
    expect(layout.pages.find((p) => p.number === 4)?.blocks ?? []).toEqual([]);
    expect(layout.messages.filter((m) => m.level !== "info")).toEqual([]);
  });

  it("caches recognised pages by image, so a second reading recognises nothing again", async () => {
    expect(existsSync(cacheDir) && readdirSync(cacheDir).length).toBeGreaterThan(0);
    const again = await readPdf(scan, "scanned.pdf", undefined, { ocr: { cacheDir }, onOcrPage: () => undefined });
    expect(again.pages).toEqual(layout.pages);
  });

  it("refuses a scan with --ocr never, naming the reason", async () => {
    await expect(readPdf(scan, "scanned.pdf", undefined, { ocr: { mode: "never" } })).rejects.toThrow(/no text layer on any page \(scanned; read it with --ocr auto\)/);
  });

  it("ingests a scan through the CLI: facts carry ocr and their confidence", () => {
    const db = join(dir, "store.sqlite");
    const ingest = runCli(["--db", db, "ingest", "--jobs", "1", "--ocr-cache", cacheDir, join(dir, "scanned.pdf")]);
    expect(ingest.stderr).toMatch(/scanned\.pdf: stored as document 1 \(progress-report; .*6 scores, 1 indicators/);
    expect(ingest.code).toBe(0);
    const out = runCli(["--db", db, "export", "--format", "json"]);
    const exported = JSON.parse(out.stdout) as { scores: { area: string; raw: string; value: number; value_max: number; ocr: boolean; ocr_confidence: number; page: number }[]; indicators: { value: number; ocr: boolean }[] };
    expect(exported.scores.map((s) => [s.area, s.raw])).toEqual([
      ["Good Governance", "3"],
      ["Good Governance", "4"],
      ["Safe Workforce", "2"],
      ["Safe Workforce", "3-4"],
      ["Robust Protection", "4"],
      ["Robust Protection", "5"],
    ]);
    for (const s of exported.scores) {
      expect(s.ocr).toBe(true);
      expect(s.ocr_confidence).toBeGreaterThan(0);
      expect(s.page).toBe(1);
    }
    expect(exported.indicators.map((i) => [i.value, i.ocr])).toEqual([[85, true]]);
  }, 120_000);
});
