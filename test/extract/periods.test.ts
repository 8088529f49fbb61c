import { describe, expect, it } from "vitest";
import { findPeriods, parsePeriod, periodSequence, periodsInText } from "../../src/extract/periods.js";
import { PROGRESS_REPORT, STRATEGIC_OVERVIEW } from "../../src/extract/profiles.js";
import { buildLayout, p, table } from "../helpers/layout-builder.js";

describe("parsePeriod", () => {
  it.each([
    ["April 17 - Sept 17", "2017-04", "2017-09"],
    ["Oct 17- March 18", "2017-10", "2018-03"],
    ["April 2014", "2014-04", "2014-04"],
    ["Sept 2015", "2015-09", "2015-09"],
    ["Sep 15", "2015-09", "2015-09"],
    ["October 2017 \u2013 March 2018", "2017-10", "2018-03"],
    ["Oct - March 18", "2017-10", "2018-03"],
    ["April 17 to Sept", "2017-04", "2017-09"],
    ["Oct. 17 \u2013 Mar. 18", "2017-10", "2018-03"],
  ])("%s → %s..%s", (label, start, end) => {
    expect(parsePeriod(label)).toMatchObject({ start, end });
  });

  it("keeps the label as printed but with single spaces", () => {
    expect(parsePeriod("April 17 -\nSept 17")).toEqual({ label: "April 17 - Sept 17", start: "2017-04", end: "2017-09" });
    expect(parsePeriod("Oct 17-\u00a0 March 18")?.label).toBe("Oct 17- March 18");
  });

  it("rejects what is not a period label", () => {
    for (const text of ["Sept", "Good Governance", "April 17 - Sept 17 score", "Mayor 2015", "17 - 18", "March 18 - Jan 18"]) {
      expect(parsePeriod(text)).toBeNull();
    }
  });

  it.each([
    ["Oct 17 March 18", "2017-10", "2018-03"],
    ["Oct 17March 18", "2017-10", "2018-03"],
    ["Oct-17 - Mar-18", "2017-10", "2018-03"],
    ["Sept-2015", "2015-09", "2015-09"],
    ["2017/18", "2017-04", "2018-03"],
    ["2017-18", "2017-04", "2018-03"],
    ["FY 2017/2018", "2017-04", "2018-03"],
    ["Q1 2018/19", "2018-04", "2018-06"],
    ["Q4 2018-19", "2019-01", "2019-03"],
    ["2018/19 Q3", "2018-10", "2018-12"],
    ["Q2 2018", "2018-04", "2018-06"],
  ])("reads the council form %s → %s..%s", (label, start, end) => {
    expect(parsePeriod(label)).toMatchObject({ label, start, end });
  });

  it("does not read figures, year spans or undated pairs as periods", () => {
    for (const text of ["2015-2017", "2017/19", "3-4", "12/13 cases", "Oct March 18", "Q5 2018", "1999/2000 and more"]) {
      expect(parsePeriod(text)).toBeNull();
    }
  });

  it("splits a one-line header into its periods", () => {
    expect(periodSequence("Key Priority Area April 2014 Sept 2014 April 2015")).toEqual({
      lead: "Key Priority Area",
      periods: [
        { label: "April 2014", start: "2014-04", end: "2014-04" },
        { label: "Sept 2014", start: "2014-09", end: "2014-09" },
        { label: "April 2015", start: "2015-04", end: "2015-04" },
      ],
    });
    // A dash lost in one label of a line of ranges still makes a range.
    expect(periodSequence("April 17 - Sept 17 Oct 17March 18")?.periods.map((x) => [x.start, x.end])).toEqual([
      ["2017-04", "2017-09"],
      ["2017-10", "2018-03"],
    ]);
    expect(periodSequence("2016/17 2017/18")?.periods.map((x) => x.start)).toEqual(["2016-04", "2017-04"]);
    // Prose that happens to end in dates is not a header; nor is a single period.
    expect(periodSequence("The review was held in April 2014 Sept 2014")).toBeNull();
    expect(periodSequence("Score April 2014")).toBeNull();
    expect(periodSequence("April 2014 Sept 2014 were good months.")).toBeNull();
  });

  it("finds periods in running text", () => {
    expect(periodsInText("Evaluative Progress Report October 17 \u2013 March 2018")).toEqual([
      { label: "October 17 \u2013 March 2018", start: "2017-10", end: "2018-03" },
    ]);
    expect(periodsInText("Annual Safeguarding Report 2017/18")).toEqual([{ label: "2017/18", start: "2017-04", end: "2018-03" }]);
    expect(periodsInText("Between 2015-2017 we trained 1,200/1,500 staff")).toEqual([]);
  });
});

describe("findPeriods", () => {
  it("reads the summary table's period columns, in time order", () => {
    const layout = buildLayout([
      [
        p("Self-Assessed Score Against Measures"),
        table([
          ["", "Oct 17-\nMarch 18", "April 17 -\nSept 17"],
          ["Good Governance", "5", "4"],
        ]),
      ],
    ]);
    const { periods } = findPeriods(layout, PROGRESS_REPORT);
    expect(periods.map((x) => [x.label, x.start, x.end])).toEqual([
      ["April 17 - Sept 17", "2017-04", "2017-09"],
      ["Oct 17- March 18", "2017-10", "2018-03"],
    ]);
  });

  it("reads any number of period columns from the header", () => {
    const layout = buildLayout([
      [
        table([
          ["", { text: "POINT OF EVALUATION", colspan: 6 }],
          ["Key Priority Area", "April 2014", "Sept 2014", "April 2015", "Sept 2015", "April 2016", "Sept 2016"],
          ["1. Everyone's responsibility", "N/A", "4", "5", "5", "5", "6"],
        ]),
      ],
    ]);
    expect(findPeriods(layout, STRATEGIC_OVERVIEW).periods.map((x) => x.label)).toEqual([
      "April 2014", "Sept 2014", "April 2015", "Sept 2015", "April 2016", "Sept 2016",
    ]);
  });

  it("joins labels broken over lines when the table is plain text", () => {
    const layout = buildLayout(
      [[p("Self-Assessed Score Against Measures"), p("April 17 -\nSept 17"), p("Oct 17-\nMarch 18"), p("Good \nGovernance         4 5")]],
      { format: "text" },
    );
    expect(findPeriods(layout, PROGRESS_REPORT).periods.map((x) => x.label)).toEqual(["April 17 - Sept 17", "Oct 17- March 18"]);
  });

  it("falls back to the title's period when there is no score table", () => {
    const layout = buildLayout([[p("Evaluative Progress Report October 18 - March 2019"), p("Some text.")]]);
    expect(findPeriods(layout, PROGRESS_REPORT).periods).toEqual([
      { label: "October 18 - March 2019", start: "2018-10", end: "2019-03" },
    ]);
  });
});
