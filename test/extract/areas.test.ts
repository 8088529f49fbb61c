import { describe, expect, it } from "vitest";
import { findAreas } from "../../src/extract/areas.js";
import { PROGRESS_REPORT, STRATEGIC_OVERVIEW } from "../../src/extract/profiles.js";
import { buildLayout, h, li, p, table } from "../helpers/layout-builder.js";

/** A small progress report: summary table, two sections, an appendix and an action plan by cornerstone. */
function progressReport() {
  return buildLayout([
    [
      p("Evaluative Progress Report October 17 - March 2018"),
      p("Self-Assessed Score Against Measures"),
      table([
        ["", "April 17 -\nSept 17", "Oct 17-\nMarch 18"],
        ["Good Governance", "4", "5"],
        ["Safe Services", "2", "3"],
      ]),
      h("1). Good Governance"),
      p("What does good look like? We ensure that safeguarding is everyone\u2019s responsibility."),
      table([["Contributing Areas of Activity", "Progress", "Evidence"], ["Is there a policy?", "Yes", "(See Action Plan)"]]),
      h("Analysis", 3),
      p("Good progress."),
      table([["Self-Assessed Score Against Measures:", "5"]]),
    ],
    [
      h("2). Safe Services \u2013 delivered through commissioning arrangements"),
      p("What does good look like - We operate best practice and ensure that:"),
      li("All concerns are responded to;"),
      li("Plans reduce risks."),
      p("Commissioning text."),
      h("Regional Strategic Safeguarding Structure"),
      p("Chart."),
    ],
    [
      h("Appendix 3 WASG Action Plan \u2013 Priority Actions"),
      h("2). Safe Services", 3),
      table([["Standard", "Evidence", "RAG Rate"], ["Internal audit review", "", ""]]),
      h("1).Good Governance", 3),
      table([["Standard", "Evidence", "RAG Rate"], ["Strengthen links", "", ""]]),
    ],
  ]);
}

describe("findAreas: numbered section headings", () => {
  const layout = progressReport();
  const { areas, areaOf } = findAreas(layout, PROGRESS_REPORT);

  it("takes number, short label and 'what good looks like' from each heading", () => {
    expect(areas.map(({ key, number, label }) => ({ key, number, label }))).toEqual([
      { key: "1", number: 1, label: "Good Governance" },
      { key: "2", number: 2, label: "Safe Services" },
    ]);
    expect(areas[0]!.description).toBe("We ensure that safeguarding is everyone\u2019s responsibility.");
    expect(areas[1]!.description).toBe(
      "We operate best practice and ensure that: All concerns are responded to; Plans reduce risks.",
    );
    expect(areas[0]!.place?.page).toBe(1);
  });

  it("runs a section from its heading to the next area heading or a non-area part", () => {
    expect(areaOf({ page: 1, index: 0 })).toBeNull(); // title
    expect(areaOf({ page: 1, index: 3 })).toBe("1"); // heading itself
    expect(areaOf({ page: 1, index: 5 })).toBe("1"); // table that mentions "(See Action Plan)"
    expect(areaOf({ page: 1, index: 6 })).toBe("1"); // sub-heading "Analysis" keeps the section
    expect(areaOf({ page: 1, index: 8 })).toBe("1");
    expect(areaOf({ page: 2, index: 4 })).toBe("2");
    expect(areaOf({ page: 2, index: 5 })).toBeNull(); // a same-level heading naming no area ends it
    expect(areaOf({ page: 2, index: 6 })).toBeNull();
    expect(areaOf({ page: 3, index: 0 })).toBeNull(); // the appendix
  });

  it("reopens areas under an action plan organised by cornerstone", () => {
    expect(areaOf({ page: 3, index: 2 })).toBe("2");
    expect(areaOf({ page: 3, index: 2 }, 1)).toBe("2");
    expect(areaOf({ page: 3, index: 4 })).toBe("1");
  });

  it("gives the summary table's rows their areas", () => {
    expect(areaOf({ page: 1, index: 2 }, 0)).toBeNull();
    expect(areaOf({ page: 1, index: 2 }, 1)).toBe("1");
    expect(areaOf({ page: 1, index: 2 }, 2)).toBe("2");
  });
});

describe("findAreas: areas that live in tables", () => {
  const header = ["What is our final destination / Where do we want to be?", "What have we done?", "Our score between 1- 6)"];
  const layout = buildLayout(
    [
      [
        table([
          ["", { text: "POINT OF EVALUTION", colspan: 2 }],
          ["Key Priority Area", "April 2015", "Sept 2015"],
          ["Safeguarding is understood as 'everyone's responsibility", "N/A", "4"],
          ["2. The Safeguarding Policy is embedded across all settings", "4", "4"],
          ["3. Through our Audit Framework we are assured", "3-4", "4"],
        ]),
        p("Notes."),
        table([
          header,
          ["1. In Monmouthshire we will ensure that safeguarding is everyone's responsibility.\nPreviously it was not.", "Work", "5"],
          ["2. The policy will be embedded across all settings", "Work", "4"],
        ]),
        table([
          header,
          ["and services. It will be reviewed biennially. Prior to 2012 there was none.", "more work", ""],
          ["3. Through a robust audit framework we will be assured of settings.", "Work", ""],
        ]),
      ],
    ],
    { format: "markdown" },
  );
  const { areas, areaOf } = findAreas(layout, STRATEGIC_OVERVIEW);

  it("numbers table rows, inferring a missing first number from position", () => {
    expect(areas.map((a) => [a.number, a.label])).toEqual([
      [1, "Safeguarding is understood as 'everyone's responsibility"],
      [2, "The Safeguarding Policy is embedded across all settings"],
      [3, "Through our Audit Framework we are assured"],
    ]);
  });

  it("takes descriptions from the evaluation table's first column: the commitment, joined over a page break", () => {
    expect(areas[0]!.description).toBe("In Monmouthshire we will ensure that safeguarding is everyone's responsibility.");
    expect(areas[1]!.description).toBe("The policy will be embedded across all settings and services. It will be reviewed biennially.");
  });

  it("gives evaluation-table rows their areas, over continuation rows and tables", () => {
    expect(areaOf({ page: 1, index: 2 }, 0)).toBeNull(); // header
    expect(areaOf({ page: 1, index: 2 }, 1)).toBe("1");
    expect(areaOf({ page: 1, index: 2 }, 2)).toBe("2");
    expect(areaOf({ page: 1, index: 3 }, 0)).toBeNull(); // repeated header
    expect(areaOf({ page: 1, index: 3 }, 1)).toBe("2"); // continuation row
    expect(areaOf({ page: 1, index: 3 }, 2)).toBe("3");
    expect(areaOf({ page: 1, index: 1 })).toBeNull(); // no sections in this family
  });

  it("maps the summary table's unnumbered first row", () => {
    expect(areaOf({ page: 1, index: 0 }, 2)).toBe("1");
    expect(areaOf({ page: 1, index: 0 }, 4)).toBe("3");
  });
});

describe("findAreas: text renderings", () => {
  it("finds headings inside plain paragraphs and ends sections at an appendix line", () => {
    const layout = buildLayout(
      [
        [
          p("Self-Assessed Score Against Measures"),
          p("April 17 -\nSept 17"),
          p("Oct 17-\nMarch 18"),
          p("Good \nGovernance         4 5"),
          p("Safe \nWorkforce         3 4"),
          p(" 1).  Good Governance"),
          p("What does good look like? We ensure that safeguarding is understood."),
          p("(See Action Plan)"),
          p("Self-Assessed Score Against Measures:"),
          p("2). Safe Workforce:"),
          p("What does good look like? We recruit safely."),
          p("Appendix 2 :  Case Studies"),
          p("Case study text that is long enough to be prose, about a model case."),
        ],
      ],
      { format: "text" },
    );
    const { areas, areaOf } = findAreas(layout, PROGRESS_REPORT);
    expect(areas.map((a) => [a.number, a.label])).toEqual([
      [1, "Good Governance"],
      [2, "Safe Workforce"],
    ]);
    expect(areas[1]!.place?.lines).toEqual([23, 23]);
    const at = (index: number) => areaOf({ page: 1, index });
    expect([at(4), at(5), at(7), at(8), at(9), at(10), at(11), at(12)]).toEqual([null, "1", "1", "1", "2", "2", null, null]);
  });
});

describe("findAreas: a reader that gives one table row per printed line", () => {
  it("keeps each line with the area whose numbered line came last, ignoring smaller numbers inside statements", () => {
    const layout = buildLayout([
      [
        table([
          ["What is our final destination?", "What have we done?", "Our score between 1- 6)"],
          ["1. In Monmouthshire we will", "Work", "5"],
          ["ensure safeguarding is understood.", "more", ""],
          ["2. Monmouthshire's", "Policy", "4"],
          ["Policy will be embedded in", "", ""],
          ["1. settings and services.", "", ""],
          ["3. Through a robust audit", "", ""],
        ]),
      ],
    ]);
    const { areas, areaOf } = findAreas(layout, STRATEGIC_OVERVIEW);
    expect([1, 2, 3, 4, 5, 6].map((r) => areaOf({ page: 1, index: 0 }, r))).toEqual(["1", "1", "2", "2", "2", "3"]);
    expect(areas[0]!.description).toBe("In Monmouthshire we will ensure safeguarding is understood.");
  });
});
