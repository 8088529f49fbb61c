import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { linesAround, showScore } from "../../src/query/show.js";
import { openStore, type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { sampleFacts, sampleSource } from "../helpers/facts-builder.js";

describe("show score", () => {
  let db: Store;
  afterEach(async () => {
    await db.destroy();
  });

  it("gives the fact with its document, page and the lines around it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scorebook-show-"));
    const path = join(dir, "report.txt");
    const text = ["Summary", "Area  April 17 - Sept 17", "Good Governance  4", "Safe Workforce  3-4", "end"].join("\n");
    writeFileSync(path, text);
    db = await openStore(":memory:");
    const place = { page: null, bbox: null, lines: [3, 3] as [number, number] };
    const facts = sampleFacts({
      scores: [{ areaKey: "1", periodLabel: "April 17 - Sept 17", value: 4, valueMax: 4, raw: "4", origin: "summary-table", place }],
    });
    await storeDocument(db, sampleSource({ source: "report.txt", path, format: "text", sha256: createHash("sha256").update(text).digest("hex") }), facts);
    const id = (await db.selectFrom("scores").select("id").executeTakeFirstOrThrow()).id;
    const d = await showScore(db, id);
    expect(d).toMatchObject({ document: "report.txt", area: "Good Governance", raw: "4", period: { label: "April 17 - Sept 17" }, line: 3 });
    expect(d.context.source).toBe("file");
    expect(d.context.text).toContain(">3  Good Governance  4");
    await expect(showScore(db, 999)).rejects.toThrow(/no score with id 999/);
  });

  it("says why when the source file is gone", async () => {
    db = await openStore(":memory:");
    await storeDocument(db, sampleSource({ path: "/nonexistent/sample.pdf" }), sampleFacts());
    const id = (await db.selectFrom("scores").select("id").executeTakeFirstOrThrow()).id;
    const d = await showScore(db, id);
    expect(d.context).toMatchObject({ source: "none", text: null });
    expect(d.context.note).toMatch(/not found/);
  });

  it("marks the score's lines", () => {
    expect(linesAround("a\nb\nc\nd", [2, 2], 1)).toBe(" 1  a\n>2  b\n 3  c");
  });
});
