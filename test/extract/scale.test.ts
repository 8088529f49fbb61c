import { describe, expect, it } from "vitest";
import { extractScale } from "../../src/extract/scale.js";
import { buildLayout, h, table } from "../helpers/layout-builder.js";

const EXPECTED = [
  { level: 6, label: "Excellent", meaning: "Excellent or outstanding" },
  { level: 5, label: "Very Good", meaning: "Good Major strengths" },
  { level: 4, label: "Good", meaning: "Important strengths with some areas for improvement" },
  { level: 3, label: "Adequate", meaning: "Strengths just outweigh weaknesses" },
  { level: 2, label: "Weak", meaning: "Important weaknesses" },
  { level: 1, label: "Unsatisfactory", meaning: "Major weakness" },
];

const levels = (layout: ReturnType<typeof buildLayout>) =>
  extractScale(layout).scale.map(({ level, label, meaning }) => ({ level, label, meaning }));

describe("extractScale", () => {
  it("reads a two-column scale table whose last row lost its 'Level 1'", () => {
    const layout = buildLayout([
      [
        h("The Corporate Evaluation Framework"),
        table([
          ["The evaluation score from 1-", "The evaluative context"],
          ["Level 6\nExcellent", "Excellent or outstanding"],
          ["Level 5\nVery Good", "Good Major strengths"],
          ["Level 4\nGood", "Important strengths with some areas for improvement"],
          ["Level 3\nAdequate", "Strengths just outweigh weaknesses"],
          ["Level 2 Weak", "Important weaknesses"],
          ["Unsatisfactory", "Major weakness"],
        ]),
      ],
    ]);
    expect(levels(layout)).toEqual(EXPECTED);
  });

  it("assembles levels whose label and meaning were broken over rows", () => {
    const layout = buildLayout(
      [
        [
          table([
            ["The evaluation score from 1-", "The evaluative context"],
            ["Level 6", "Excellent or outstanding"],
            ["Excellent", ""],
            ["Level 5", "Good Major strengths"],
            ["Very Good", ""],
            ["Level 4", "Important strengths with some areas for"],
            ["Good", "improvement"],
            ["Level 3", "Strengths just outweigh weaknesses"],
            ["Adequate", ""],
            ["Level 2 Weak", "Important weaknesses"],
            ["", "Major weakness"],
            ["Unsatisfacto ry", ""],
          ]),
        ],
      ],
      { format: "markdown" },
    );
    expect(levels(layout)).toEqual(EXPECTED);
    expect(extractScale(layout).scale[0]!.place?.lines).toEqual([2, 2]);
  });

  it("returns no levels when the document prints no scale", () => {
    expect(extractScale(buildLayout([[h("Level 1 training"), table([["Level 2", "x"]])]])).scale).toEqual([]);
  });
});
