import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Layout, TableBlock } from "../../src/layout/types.js";
import { readPdf } from "../../src/readers/pdf/index.js";

const dir = new URL("../../fixtures/reports/", import.meta.url);

async function load(name: string): Promise<Layout> {
  return readPdf(new Uint8Array(readFileSync(new URL(name, dir))), name);
}

function tables(layout: Layout): TableBlock[] {
  return layout.pages.flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === "table"));
}

const flat = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();
const rowText = (t: TableBlock, r: number) => t.rows[r]!.map((c) => flat(c?.text));

describe("pdf reader: 2018 evaluative progress report", async () => {
  const layout = await load("mcc-2018-03-evaluative-progress-report.pdf");
  const all = tables(layout);

  it("has metadata and no duplicated table text", () => {
    expect(layout.meta.pageCount).toBe(20);
    expect(layout.meta.title).toContain("Evaluative Progress Report");
    const paras = layout.pages.flatMap((p) => p.blocks.filter((b) => b.kind !== "table").map((b) => (b as { text: string }).text));
    expect(paras.some((t) => /^Good Governance\s+4/.test(t))).toBe(false);
  });

  it("reads the summary score table", () => {
    const t = all.find((x) => x.rows.some((r) => flat(r[0]?.text) === "Good Governance" && flat(r[1]?.text) === "4"));
    expect(t).toBeDefined();
    expect(rowText(t!, 0)).toEqual(["Self-Assessed Score Against Measures", "April 17 - Sept 17", "Oct 17- March 18"]);
    expect(t!.headerRows).toBe(1);
    expect(t!.rows.slice(1).map((r) => r.map((c) => flat(c?.text)))).toEqual([
      ["Good Governance", "4", "5"],
      ["Safe Workforce", "3", "4"],
      ["Preventative Approach", "3", "4"],
      ["Robust Protection", "4", "4"],
      ["Safe Services", "2", "3"],
    ]);
  });

  it("merges an evidence table continued over a page break", () => {
    const t = all.find((x) => flat(x.rows[0]?.[0]?.text).startsWith("Contributing Areas of Activity"));
    expect(t).toBeDefined();
    expect(t!.rows[0]!.map((c) => flat(c?.text))).toEqual(["Contributing Areas of Activity and Questions for Self – Assessment", "Progress", "Evidence"]);
    expect(t!.pages).toEqual([3, 4]);
    expect(t!.rows).toHaveLength(10);
    expect(flat(t!.rows[1]![0]!.text)).toBe("Is there a strategic steer for the whole authority Safeguarding Adults and Children Policy?");
    expect(flat(t!.rows[1]![1]!.text)).toBe("Policy approved by Council in July 2017");
  });

  it("reads the section score boxes", () => {
    const boxes = all.filter((x) => flat(x.rows[0]?.[0]?.text) === "Self-Assessed Score Against Measures:");
    expect(boxes.map((b) => flat(b.rows[0]![1]!.text))).toEqual(["5", "4", "4", "4", "3"]);
  });

  it("reads the landscape action plan with its empty RAG column", () => {
    const t = all.find((x) => flat(x.rows[0]?.[0]?.text) === "Standard" && flat(x.rows[0]?.[2]?.text) === "RAG Rate");
    expect(t).toBeDefined();
    expect(rowText(t!, 0)).toEqual(["Standard", "Evidence", "RAG Rate", "Further Actions Required"]);
    expect(t!.rows).toHaveLength(5);
    expect(t!.rows.slice(1).every((r) => r[2]?.text === "")).toBe(true);
    expect(flat(t!.rows[1]![0]!.text)).toMatch(/^Strengthen and evidence links/);
  });
});

describe("pdf reader: 2015 strategic overview", async () => {
  const layout = await load("mcc-2015-09-strategic-overview.pdf");
  const all = tables(layout);

  it("reads the score table with its spanning header", () => {
    const t = all.find((x) => x.rows.some((r) => r.some((c) => flat(c?.text) === "POINT OF EVALUTION")));
    expect(t).toBeDefined();
    expect(t!.rows[0]![1]).toMatchObject({ text: "POINT OF EVALUTION", colspan: 4 });
    expect(t!.rows[0]![2]).toBeNull();
    expect(rowText(t!, 1)).toEqual(["Key Priority Area", "April 2014", "Sept 2014", "April 2015", "Sept 2015"]);
    expect(t!.headerRows).toBe(2);
    expect(t!.rows).toHaveLength(11);
    expect(rowText(t!, 2).slice(1)).toEqual(["N/A", "4", "5", "5"]);
    expect(rowText(t!, 4).slice(1)).toEqual(["3-4", "4", "4", "4"]);
    expect(rowText(t!, 10)[0]).toMatch(/^9\. Engagement with children/);
  });

  it("reads the 8-column evaluation table as one table over its pages", () => {
    const t = all.find((x) => x.rows[0]?.length === 8);
    expect(t).toBeDefined();
    expect(flat(t!.rows[0]![0]!.text)).toMatch(/^What is our final destination/);
    const labels = t!.rows.map((r) => flat(r[0]?.text)).filter((s) => /^(?:• )?\d\. /.test(s));
    expect(labels.length).toBe(9);
    expect(t!.pages!.length).toBeGreaterThan(1);
  });

  it("keeps each ruled area row of the evaluation table whole (wrapped prose is not split per line)", () => {
    const t = all.find((x) => x.rows[0]?.length === 8);
    expect(t).toBeDefined();
    expect(t!.rows.length).toBeLessThanOrEqual(30);
    const first = t!.rows.findIndex((r) => flat(r[0]?.text).startsWith("1. In Monmouthshire"));
    expect(first).toBeGreaterThan(0);
    const row = t!.rows[first]!;
    expect(flat(row[0]!.text)).toContain("hearts and minds");
    expect(flat(row[7]!.text)).toBe("5");
  });

  it("reads the evaluation scale", () => {
    const t = all.find((x) => flat(x.rows[1]?.[0]?.text).startsWith("Level 6"));
    expect(t).toBeDefined();
    expect(flat(t!.rows[1]![1]!.text)).toBe("Excellent or outstanding");
  });
});
