import { describe, expect, it } from "vitest";
import { toPlaceFact } from "../../src/extract/context.js";

describe("toPlaceFact", () => {
  it("keeps a finite box and the page", () => {
    expect(toPlaceFact({ page: 3, bbox: [1, 2, 3, 4] })).toEqual({ page: 3, bbox: [1, 2, 3, 4], lines: null });
  });

  it("drops a box computed from nothing (Infinity/NaN) but keeps the page", () => {
    expect(toPlaceFact({ page: 2, bbox: [Infinity, Infinity, -Infinity, -Infinity] })).toEqual({ page: 2, bbox: null, lines: null });
    expect(toPlaceFact({ page: 2, bbox: [0, Number.NaN, 1, 1] }).bbox).toBeNull();
  });

  it("keeps text line ranges", () => {
    expect(toPlaceFact({ page: null, lines: [4, 9] })).toEqual({ page: null, bbox: null, lines: [4, 9] });
  });
});
