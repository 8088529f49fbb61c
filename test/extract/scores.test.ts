import { describe, expect, it } from "vitest";
import { findAreas } from "../../src/extract/areas.js";
import { classify } from "../../src/extract/classify.js";
import type { ExtractContext } from "../../src/extract/context.js";
import { findPeriods } from "../../src/extract/periods.js";
import type { ReportProfile } from "../../src/extract/profiles.js";
import { PROGRESS_REPORT, STRATEGIC_OVERVIEW } from "../../src/extract/profiles.js";
import { extractScores } from "../../src/extract/scores.js";
import type { Period } from "../../src/facts/schema.js";
import type { Layout } from "../../src/layout/types.js";
import { buildLayout, h, p, table } from "../helpers/layout-builder.js";

/** The context extractFacts builds, for one layout and profile. */
function contextFor(layout: Layout, profile: ReportProfile = classify(layout)): ExtractContext {
  const { periods } = findPeriods(layout, profile);
  const { areas, areaOf } = findAreas(layout, profile);
  const currentPeriod = periods.reduce<Period | null>((a, b) => (!a || b.end > a.end ? b : a), null);
  return { layout, profile, periods, areas, currentPeriod, areaOf };
}

const brief = (ctx: ExtractContext) =>
  extractScores(ctx).scores.map((s) => [s.areaKey, s.periodLabel, s.value, s.valueMax, s.origin]);

describe("summary-table scores", () => {
  it("reads values, ranges and N/A by the header's period columns (any number of them)", () => {
    const layout = buildLayout([
      [
        h("KEY AREAS OF ACTIVITY AND SCORE TABLE"),
        table([
          ["", { text: "POINT OF EVALUATION", colspan: 5 }],
          ["Key Priority Area", "April 2014", "Sept 2014", "April 2015", "Sept 2015", "April 2016"],
          ["Everyone's responsibility is understood", "N/A", "4", "5", "", "6"],
          ["2. The Safeguarding Policy is embedded", "3-4", "4", "4", "4", "5"],
        ]),
      ],
    ]);
    const ctx = contextFor(layout, STRATEGIC_OVERVIEW);
    expect(brief(ctx)).toEqual([
      ["1", "April 2014", null, null, "summary-table"],
      ["1", "Sept 2014", 4, 4, "summary-table"],
      ["1", "April 2015", 5, 5, "summary-table"],
      ["1", "April 2016", 6, 6, "summary-table"],
      ["2", "April 2014", 3, 4, "summary-table"],
      ["2", "Sept 2014", 4, 4, "summary-table"],
      ["2", "April 2015", 4, 4, "summary-table"],
      ["2", "Sept 2015", 4, 4, "summary-table"],
      ["2", "April 2016", 5, 5, "summary-table"],
    ]);
    expect(extractScores(ctx).scores[0]!.raw).toBe("N/A");
    expect(extractScores(ctx).scores[0]!.place.page).toBe(1);
  });

  it("reads period labels stacked over two header rows ('April' over '2014', as narrow columns print them)", () => {
    const layout = buildLayout([
      [
        h("KEY AREAS OF ACTIVITY AND SCORE TABLE"),
        table([
          ["", "", { text: "POINT OF EVALUATION", colspan: 2 }],
          ["Key Priority Area", "April", "Sept", "April"],
          ["", "2014", "2014", "2015"],
          ["Everyone's responsibility is understood", "N/A", "4", "5"],
          ["2. The Safeguarding Policy is embedded", "3-4", "4", "4"],
        ]),
      ],
    ]);
    const ctx = contextFor(layout, STRATEGIC_OVERVIEW);
    expect(brief(ctx)).toEqual([
      ["1", "April 2014", null, null, "summary-table"],
      ["1", "Sept 2014", 4, 4, "summary-table"],
      ["1", "April 2015", 5, 5, "summary-table"],
      ["2", "April 2014", 3, 4, "summary-table"],
      ["2", "Sept 2014", 4, 4, "summary-table"],
      ["2", "April 2015", 4, 4, "summary-table"],
    ]);
    expect(ctx.periods.map((x) => [x.label, x.start])).toEqual([["April 2014", "2014-04"], ["Sept 2014", "2014-09"], ["April 2015", "2015-04"]]);
  });

  it("reads a summary table rendered as text lines, labels broken and figures split", () => {
    const layout = buildLayout(
      [
        [
          p("Evaluative Progress Report October 17 - March 2018"),
          p("The cornerstones for keeping people safe."),
          p("Self-Assessed Score Against Measures"),
          p("April 17 -\nSept 17"),
          p("Oct 17-\nMarch 18"),
          p("Good \nGovernance         4 5\nSafe \nWorkforce         3 4\nRobust \nProtection         4"),
          p("    \n         4"),
          p("Safe \nServices"),
          p(" \n        2          3\n 1).  Good Governance"),
          p("What does good look like? We ensure safeguarding is everyone's responsibility."),
          p("Self-Assessed Score Against Measures:"),
          p("2). Safe Workforce:"),
          p("What does good look like? We recruit safely."),
          p(" 5\n Is the workforce safely recruited?"),
          p("Self-Assessed Score Against Measures:   \n4"),
          p("3). Robust Protection:"),
          p("What does good look like - We protect."),
          p("Self-Assessed Score Against Measures: 4"),
          p("4). Safe Services"),
          p("What does good look like - We commission safely."),
          p("Self-Assessed Score Against Measures:"),
          p("3"),
        ],
      ],
      { format: "text" },
    );
    const ctx = contextFor(layout);
    expect(ctx.profile.kind).toBe("progress-report");
    expect(brief(ctx)).toEqual([
      ["1", "April 17 - Sept 17", 4, 4, "summary-table"],
      ["1", "Oct 17- March 18", 5, 5, "summary-table"],
      ["2", "April 17 - Sept 17", 3, 3, "summary-table"],
      ["2", "Oct 17- March 18", 4, 4, "summary-table"],
      ["3", "April 17 - Sept 17", 4, 4, "summary-table"],
      ["3", "Oct 17- March 18", 4, 4, "summary-table"],
      ["4", "April 17 - Sept 17", 2, 2, "summary-table"],
      ["4", "Oct 17- March 18", 3, 3, "summary-table"],
      // The first section's figure floated past the next heading; each label takes the next lone figure.
      ["1", "Oct 17- March 18", 5, 5, "section"],
      ["2", "Oct 17- March 18", 4, 4, "section"],
      ["3", "Oct 17- March 18", 4, 4, "section"],
      ["4", "Oct 17- March 18", 3, 3, "section"],
    ]);
    const scores = extractScores(ctx).scores;
    expect(scores.find((s) => s.origin === "section")!.place.lines).toEqual([38, 38]);
  });
});

describe("section scores", () => {
  const build = (sectionFigure: string) =>
    buildLayout([
      [
        p("Evaluative Progress Report"),
        p("Self-Assessed Score Against Measures"),
        table([
          ["", "April 17 -\nSept 17", "Oct 17-\nMarch 18"],
          ["Good Governance", "4", "5"],
        ]),
        h("1). Good Governance"),
        p("What does good look like? We govern well."),
        table([["Self-Assessed Score Against Measures:", sectionFigure]]),
        h("Appendix 1"),
        p("6"),
      ],
    ]);

  it("takes the figure from the label's cell row, for the current period", () => {
    const ctx = contextFor(build("5"));
    const { scores, messages } = extractScores(ctx);
    expect(scores.filter((s) => s.origin === "section")).toMatchObject([
      { areaKey: "1", periodLabel: "Oct 17- March 18", value: 5, valueMax: 5, raw: "5", place: { page: 1 } },
    ]);
    expect(messages).toEqual([]);
  });

  it("keeps a section score that disagrees with the summary table, with a warning and its place", () => {
    const ctx = contextFor(build("3"));
    const { scores, messages } = extractScores(ctx);
    expect(scores.filter((s) => s.origin === "section").map((s) => s.value)).toEqual([3]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ level: "warning", source: "extract:scores", place: { page: 1 } });
    expect(messages[0]!.text).toMatch(/disagrees/);
  });
});

describe("row scores", () => {
  it("reads 'Our score between 1-6' per evaluation row, over continuation tables, skipping blanks", () => {
    const header = ["What is our final destination?", "What have we done?", "Our score between 1- 6) (Impact judgement)"];
    const layout = buildLayout([
      [
        table([
          ["", { text: "POINT OF EVALUATION", colspan: 2 }],
          ["Key Priority Area", "April 2015", "Sept 2015"],
          ["Everyone's responsibility", "4", "5"],
          ["2. The policy is embedded", "4", "4"],
          ["3. Audit framework assures us", "3", "4"],
        ]),
        table([header, ["1. In Monmouthshire we will ensure everyone is responsible.", "Work", "5"]]),
      ],
      [
        table([
          header,
          ["continued statement", "more", ""],
          ["2. The policy will be embedded in all settings.", "Work", "4"],
          ["3. Through a robust audit framework we will be assured.", "Work", ""],
        ]),
      ],
    ]);
    const ctx = contextFor(layout, STRATEGIC_OVERVIEW);
    expect(brief(ctx).filter((s) => s[4] === "row")).toEqual([
      ["1", "Sept 2015", 5, 5, "row"],
      ["2", "Sept 2015", 4, 4, "row"],
    ]);
    expect(extractScores(ctx).scores.filter((s) => s.origin === "row").map((s) => s.place.page)).toEqual([1, 2]);
  });

  it("has no row or section scores without a period to give them", () => {
    const layout = buildLayout([[table([["What is our final destination?", "Our score between 1-6"], ["1. We will do well in all things.", "5"]])]]);
    expect(extractScores(contextFor(layout, PROGRESS_REPORT)).scores).toEqual([]);
  });
});
