import { describe, expect, it } from "vitest";
import { drawnBullets } from "../../src/readers/pdf/bullets.js";
import { readPdf } from "../../src/readers/pdf/index.js";
import { isMarkSized, pathBounds } from "../../src/readers/pdf/rulings.js";
import type { Fragment } from "../../src/readers/pdf/text-items.js";
import { buildPdf } from "../helpers/pdf-builder.js";

const blocksOf = async (pdf: Uint8Array) =>
  (await readPdf(pdf, "bullets.pdf")).pages[0]!.blocks.map((b) => ({ kind: b.kind, text: (b as { text: string }).text }));

describe("pdf reader: list bullets drawn as shapes", () => {
  it("a small disc just left of a line's text is that line's bullet: the items stay apart", async () => {
    const items = ["Further develop self-evaluation and critical challenge.", "Use the external validation review for learning.", "Listen and respond to the survey outcomes."];
    const pdf = buildPdf([
      {
        texts: [
          { text: "Development priorities for the next period:", x: 72, y: 720 },
          ...items.map((text, i) => ({ text, x: 90, y: 704 - i * 12 })),
        ],
        dots: items.map((_, i) => ({ x: 80, y: 707 - i * 12, r: 2 })),
      },
    ]);
    expect(await blocksOf(pdf)).toEqual([
      { kind: "paragraph", text: "Development priorities for the next period:" },
      ...items.map((text) => ({ kind: "list-item", text: `• ${text}` })),
    ]);
  });

  it("without the discs the same lines read as one paragraph (what the bullets change)", async () => {
    const items = ["Further develop self-evaluation and critical challenge.", "Use the external validation review for learning."];
    const pdf = buildPdf([{ texts: items.map((text, i) => ({ text, x: 90, y: 704 - i * 12 })) }]);
    expect(await blocksOf(pdf)).toEqual([{ kind: "paragraph", text: items.join(" ") }]);
  });

  it("a marker on a line is a chart legend's sample, not a bullet", async () => {
    const pdf = buildPdf([
      {
        texts: [{ text: "Incidents", x: 100, y: 704 }],
        lines: [{ x0: 70, y0: 707, x1: 94, y1: 707 }],
        dots: [{ x: 82, y: 707, r: 2 }],
      },
    ]);
    expect(await blocksOf(pdf)).toEqual([{ kind: "paragraph", text: "Incidents" }]);
  });

  it("a dot far from any text, or bigger than the text beside it, is no bullet", async () => {
    const pdf = buildPdf([
      {
        texts: [
          { text: "Chart legend follows", x: 90, y: 704 },
          { text: "Performance over the year", x: 90, y: 650 },
        ],
        dots: [
          { x: 300, y: 600, r: 2 }, // a chart point: no text on its line
          { x: 40, y: 707, r: 2 }, // 50 pt to the left of the text: more than 3 em away
          { x: 80, y: 653, r: 7.5 }, // 15 pt tall beside 10 pt text
        ],
      },
    ]);
    expect(await blocksOf(pdf)).toEqual([
      { kind: "paragraph", text: "Chart legend follows" },
      { kind: "paragraph", text: "Performance over the year" },
    ]);
  });
});

describe("drawnBullets and the mark test", () => {
  const frag = (text: string, x0: number, x1: number, y0 = 100, size = 10): Fragment => ({
    text, size, bold: false, baseline: y0 + size * 0.8, rotated: false, x0, x1, y0, y1: y0 + size,
  });

  it("a mark covered by text is not a bullet; a mark painted twice gives one bullet", () => {
    const text = frag("Item", 20, 60);
    expect(drawnBullets([{ x0: 30, y0: 103, x1: 34, y1: 107 }], [text])).toEqual([]);
    const twice = drawnBullets([{ x0: 10, y0: 103, x1: 14, y1: 107 }, { x0: 10.2, y0: 103.1, x1: 14.1, y1: 107 }], [text]);
    expect(twice).toEqual([{ text: "•", size: 10, bold: false, baseline: 108, rotated: false, x0: 10, x1: 14, y0: 100, y1: 110 }]);
  });

  it("takes the bounds of curves through their control points; only small, squarish marks count", () => {
    // moveTo(0,0) curveTo(1,4 3,4 4,0) close, under a 2x scale
    const bounds = pathBounds([0, 0, 0, 2, 1, 4, 3, 4, 4, 0, 4], [2, 0, 0, 2, 0, 0]);
    expect(bounds).toEqual({ x0: 0, y0: 0, x1: 8, y1: 8 });
    expect(pathBounds([9, 1, 2], [1, 0, 0, 1, 0, 0])).toBeNull(); // an unknown draw code
    expect(isMarkSized({ x0: 0, y0: 0, x1: 4, y1: 4 })).toBe(true);
    expect(isMarkSized({ x0: 0, y0: 0, x1: 12, y1: 4 })).toBe(false); // a bar
    expect(isMarkSized({ x0: 0, y0: 0, x1: 1, y1: 1 })).toBe(false); // a speck
    expect(isMarkSized({ x0: 0, y0: 0, x1: 20, y1: 20 })).toBe(false); // a box
  });
});
