/** The pure parts of OCR: rasters, straightening, rules found in images, words, cells, fact confidence. */
import { describe, expect, it } from "vitest";
import { annotateOcr, confidenceOf } from "../../../src/extract/ocr.js";
import { apply } from "../../../src/readers/pdf/geometry.js";
import type { GridTable } from "../../../src/readers/pdf/table-model.js";
import { numberCells } from "../../../src/readers/ocr/cells.js";
import { estimateSkew, quarterTurnInverse, smallRotationInverse } from "../../../src/readers/ocr/deskew.js";
import { findImageRulings } from "../../../src/readers/ocr/image-rulings.js";
import { wantsOcr } from "../../../src/readers/ocr/index.js";
import { pageStatus } from "../../../src/readers/ocr/page.js";
import { pageErrorLines } from "../../../src/cli/ingest.js";
import { pgmOf, quarterTurn, rotateSmall, type Raster } from "../../../src/readers/ocr/raster.js";
import { fixNumericToken, fragmentsOfWords, isNoise } from "../../../src/readers/ocr/words.js";
import type { OcrWord } from "../../../src/readers/ocr/engine.js";

function blank(width: number, height: number): Raster {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

function fillRect(r: Raster, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) r.data[y * r.width + x] = v;
}

/** Text-like lines: rows of dark "words" of varied widths with paper between the rows. */
function textLines(width: number, height: number): Raster {
  const r = blank(width, height);
  let seed = 7;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let y = 60; y < height - 60; y += 40) {
    for (let x = 50 + Math.floor(next() * 30); x < width - 120; ) {
      const w = 15 + Math.floor(next() * 60);
      fillRect(r, x, y, x + w, y + 14);
      x += w + 8 + Math.floor(next() * 6);
    }
  }
  return r;
}

describe("rasters", () => {
  it("turns by quarter turns exactly, and the inverse matrix maps each pixel back", () => {
    const r = blank(4, 3);
    r.data[0 * 4 + 3] = 7; // (3, 0): top-right
    for (const turns of [1, 2, 3]) {
      const t = quarterTurn(r, turns);
      const at = t.data.indexOf(7);
      const [x, y] = [at % t.width, Math.floor(at / t.width)];
      expect(apply(quarterTurnInverse(4, 3, turns), x, y)).toEqual([3, 0]);
    }
    expect(quarterTurn(quarterTurn(r, 1), 3).data).toEqual(r.data);
  });

  it("encodes a binary PGM the engine reads", () => {
    const pgm = pgmOf({ width: 2, height: 1, data: new Uint8Array([0, 255]) });
    expect(pgm.toString("latin1", 0, 11)).toBe("P5\n2 1\n255\n");
    expect([...pgm.subarray(11)]).toEqual([0, 255]);
  });
});

describe("straightening", () => {
  it("measures a page's skew from its lines of text and undoes it", () => {
    const page = textLines(800, 1000);
    for (const angle of [0.8, -1.5]) {
      const skewed = rotateSmall(page, angle);
      const found = estimateSkew(skewed);
      expect(found.sideways).toBe(false);
      expect(Math.abs(found.degrees - angle)).toBeLessThan(0.2);
      expect(Math.abs(estimateSkew(rotateSmall(skewed, -found.degrees)).degrees)).toBeLessThan(0.2);
    }
  });

  it("sees a page lying on its side", () => {
    expect(estimateSkew(quarterTurn(textLines(800, 1000), 1)).sideways).toBe(true);
  });

  it("maps straightened pixels back to the skewed image", () => {
    const r = blank(101, 101);
    fillRect(r, 80, 30, 83, 33);
    const turned = rotateSmall(r, 30);
    let [sx, sy, n] = [0, 0, 0];
    turned.data.forEach((v, i) => {
      if (v < 128) [sx, sy, n] = [sx + (i % 101), sy + Math.floor(i / 101), n + 1];
    });
    const [x, y] = apply(smallRotationInverse(101, 101, 30), sx / n, sy / n);
    expect(x).toBeCloseTo(81, 0);
    expect(y).toBeCloseTo(31, 0);
  });
});

describe("rules in an image", () => {
  it("finds a drawn grid's lines through JPEG-like breaks, and none in text", () => {
    const r = blank(1000, 800);
    for (const y of [100, 200, 300]) fillRect(r, 100, y, 900, y + 3);
    for (const x of [100, 500, 900]) fillRect(r, x, 100, x + 3, 303);
    fillRect(r, 300, 200, 302, 203, 255); // a break in the middle rule
    const rules = findImageRulings(r);
    expect(rules.filter((l) => l.orient === "h").map((l) => Math.round(l.pos))).toEqual([101, 201, 301]);
    expect(rules.filter((l) => l.orient === "v").map((l) => Math.round(l.pos)).sort((a, b) => a - b)).toEqual([101, 501, 901]);
    expect(findImageRulings(textLines(1000, 800))).toEqual([]);
  });
});

describe("words", () => {
  it("reads letters inside numbers as the digits they stand for, and leaves words and codes alone", () => {
    expect(fixNumericToken("1O%")).toBe("10%");
    expect(fixNumericToken("2O15")).toBe("2015");
    expect(fixNumericToken("l2")).toBe("12");
    expect(fixNumericToken("B1")).toBe("B1");
    expect(fixNumericToken("1960s")).toBe("1960s");
    expect(fixNumericToken("Sold")).toBe("Sold");
    expect(fixNumericToken("3rd")).toBe("3rd");
  });

  it("drops specks and rule fragments, keeps a lone dash", () => {
    const w = (text: string, confidence: number): OcrWord => ({ text, confidence, x0: 0, y0: 0, x1: 10, y1: 10, line: 0, baseline: 10, rowHeight: 7 });
    expect(isNoise(w("|", 90))).toBe(true);
    expect(isNoise(w("'", 20))).toBe(true);
    expect(isNoise(w("-", 80))).toBe(false);
    expect(isNoise(w("Safe", 85))).toBe(false);
  });

  it("places words as fragments with a font size from their row", () => {
    const [f] = fragmentsOfWords([{ text: "Score", confidence: 90, x0: 100, y0: 80, x1: 180, y1: 102, line: 0, baseline: 102, rowHeight: 21.6 }], 0.5);
    expect(f!.text).toBe("Score");
    expect(f!.size).toBeCloseTo(15, 5);
    expect(f!.x0).toBe(50);
    expect(f!.baseline).toBe(51);
  });
});

describe("which pages and cells are read", () => {
  it("recognises pages without a usable text layer only when asked, or when they hold an image", () => {
    expect(wantsOcr("auto", 0, true)).toBe(true);
    expect(wantsOcr("auto", 0, false)).toBe(false);
    expect(wantsOcr("auto", 500, true)).toBe(false);
    expect(wantsOcr("always", 500, false)).toBe(true);
    expect(wantsOcr("never", 0, true)).toBe(false);
  });

  it("reads again the short cells of numeric columns and doubtful short cells of ruled tables", () => {
    const cell = (r: number, c: number, text: string) => ({ r, c, rowspan: 1, colspan: 1, box: { x0: c * 10, y0: r * 10, x1: c * 10 + 10, y1: r * 10 + 10 }, text, bold: false, shaded: false });
    const t: GridTable = {
      page: 1, box: { x0: 0, y0: 0, x1: 30, y1: 50 }, method: "stream", nrows: 5, ncols: 3, headerRows: 1, xs: [0, 10, 20, 30],
      cells: [cell(0, 0, "Area"), cell(0, 1, "April 2014"), cell(0, 2, "Notes"), cell(1, 0, "Policy"), cell(1, 1, "4"), cell(1, 2, "Yes"),
        cell(2, 0, "Audit"), cell(2, 1, "a"), cell(2, 2, "No"), cell(3, 0, "Training"), cell(3, 1, "5"), cell(3, 2, "Yes"), cell(4, 0, "Other"), cell(4, 1, ""), cell(4, 2, "")],
    };
    const sure = (c: { text: string }) => (c.text ? 95 : null);
    expect(numberCells(t, sure).map((c) => [c.r, c.c])).toEqual([[2, 1], [4, 1]]);
    expect(numberCells(t, () => 50).map((c) => [c.r, c.c])).toEqual([[1, 1], [2, 1], [3, 1], [4, 1]]);
    const ruled = { ...t, method: "lattice" as const };
    const doubted = numberCells(ruled, (c) => (c.text === "No" ? 40 : c.text ? 95 : null)).map((c) => [c.r, c.c]);
    expect(doubted).toContainEqual([2, 2]);
    expect(doubted).not.toContainEqual([1, 2]);
  });
});

describe("pages that cannot be read", () => {
  it("tells text from a blank page, a picture and a damaged page by the words' confidence", () => {
    expect(pageStatus(null, 0)).toBe("blank");
    expect(pageStatus(91, 300)).toBe("text");
    expect(pageStatus(30, 5)).toBe("blank");
    expect(pageStatus(30, 200)).toBe("damaged");
  });

  it("prints one line per damaged page of a stored file, naming the file and the page", () => {
    const facts = { messages: [
      { level: "error", text: "page 3: scanned image too damaged to read (OCR mean word confidence 31); nothing stored from this page", place: { page: 3 }, source: "reader:ocr" },
      { level: "info", text: "page 1 read by OCR (mean word confidence 95)", place: { page: 1 }, source: "reader:ocr" },
    ] };
    const outcome = { file: "archive/2013-04.pdf", status: "stored", documentId: 4, pages: 3, facts } as unknown as Parameters<typeof pageErrorLines>[0];
    expect(pageErrorLines(outcome)).toEqual(["2013-04.pdf: page 3: scanned image too damaged to read (OCR mean word confidence 31); nothing stored from this page"]);
  });
});

describe("confidence of facts", () => {
  const words = [
    { page: 2, bbox: [100, 100, 110, 112] as [number, number, number, number], text: "4", confidence: 55 },
    { page: 2, bbox: [120, 100, 160, 112] as [number, number, number, number], text: "Policy", confidence: 95 },
    { page: 3, bbox: [100, 100, 110, 112] as [number, number, number, number], text: "5", confidence: 97 },
  ];

  it("takes the fact's own figure when it is among the words, else the mean of its box", () => {
    expect(confidenceOf(words.slice(0, 2), "4")).toBe(55);
    expect(confidenceOf(words.slice(0, 2), "Safe recruitment")).toBe(75);
    expect(confidenceOf([], "4")).toBeNull();
  });

  it("marks facts on OCR pages and warns below the threshold, leaving text-layer pages alone", () => {
    const facts = {
      scores: [
        { raw: "4", place: { page: 2, bbox: [95, 95, 115, 115] as [number, number, number, number] } },
        { raw: "5", place: { page: 3, bbox: [95, 95, 115, 115] as [number, number, number, number] } },
        { raw: "3", place: { page: 1, bbox: [95, 95, 115, 115] as [number, number, number, number] } },
      ],
      indicators: [],
      actions: [],
      gaps: [],
    };
    const messages = annotateOcr(facts, { pages: [2, 3], words, minConfidence: 60 });
    expect(facts.scores.map((s) => (s.place as { ocr?: number }).ocr)).toEqual([55, 97, undefined]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toMatch(/score "4" on page 2 .*low confidence \(55 < 60\)/);
  });
});
