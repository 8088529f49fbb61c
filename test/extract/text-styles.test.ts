/**
 * The same report written by different text extractions (pdftotext default, -raw, -layout;
 * one cell per paragraph or label and figures on one line): hand-written miniatures of each
 * layout, read by the text reader and extracted end to end.
 */
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/extract/index.js";
import type { DocumentFacts } from "../../src/facts/schema.js";
import { readText } from "../../src/readers/text.js";

const facts = (lines: string[]): DocumentFacts => extractFacts(readText(lines.join("\n") + "\n", "t.txt", "text"));

/** [area number, period start, value, valueMax] of the summary-table scores. */
const summary = (f: DocumentFacts) =>
  f.scores
    .filter((s) => s.origin === "summary-table")
    .map((s) => [Number(s.areaKey), f.periods.find((p) => p.label === s.periodLabel)?.start, s.value, s.valueMax]);

const PROGRESS_INTRO = [
  "Evaluative Progress Report",
  "",
  "The cornerstones below describe what good looks like.",
  "",
];

const PROGRESS_SECTIONS = [
  "1). Good Governance",
  "What does good look like? We ensure that safeguarding is everyone's responsibility.",
  "",
  "2). Safe Workforce",
  "What does good look like? We ensure that safe recruitment practices operate effectively.",
  "",
];

describe("progress-report score table in text renderings", () => {
  it("reads one cell per paragraph, with period labels whose dash was lost", () => {
    const f = facts([
      ...PROGRESS_INTRO,
      "Self-Assessed Score Against Measures",
      "Oct 17 March 18",
      "",
      "April 18Sept 18",
      "",
      "Good Governance",
      "",
      "5",
      "",
      "6",
      "",
      "Safe Workforce",
      "",
      "4",
      "",
      "3",
      "",
      "2",
      "",
      "* Complaints and compliments",
      "\f" + PROGRESS_SECTIONS[0],
      ...PROGRESS_SECTIONS.slice(1),
    ]);
    expect(f.periods.map((p) => [p.start, p.end])).toEqual([
      ["2017-10", "2018-03"],
      ["2018-04", "2018-09"],
    ]);
    expect(summary(f)).toEqual([
      [1, "2017-10", 5, 5],
      [1, "2018-04", 6, 6],
      [2, "2017-10", 4, 4],
      [2, "2018-04", 3, 3],
    ]);
  });

  it("reads label and figures on one line after periods broken over lines (pdftotext -raw)", () => {
    const f = facts([
      ...PROGRESS_INTRO,
      "Self-Assessed Score Against Measures",
      "April 17 -",
      "Sept 17",
      "Oct 17-",
      "March 18",
      "Good Governance 4 5",
      "Safe Workforce 3 4",
      "2",
      ...PROGRESS_SECTIONS,
    ]);
    expect(summary(f)).toEqual([
      [1, "2017-04", 4, 4],
      [1, "2017-10", 5, 5],
      [2, "2017-04", 3, 3],
      [2, "2017-10", 4, 4],
    ]);
  });

  it("reads aligned columns under headers broken over two lines (pdftotext -layout)", () => {
    const f = facts([
      ...PROGRESS_INTRO,
      "Self-Assessed Score Against Measures",
      "                             Oct 17 -            April 18 -",
      "                             March 18             Sept 18",
      "",
      "Good Governance                 5                   6",
      "",
      "Safe Workforce                  4                   3",
      "",
      "",
      "                                          2",
      ...PROGRESS_SECTIONS,
    ]);
    expect(f.periods.map((p) => p.label)).toEqual(["Oct 17 - March 18", "April 18 - Sept 18"]);
    expect(summary(f)).toEqual([
      [1, "2017-10", 5, 5],
      [1, "2018-04", 6, 6],
      [2, "2017-10", 4, 4],
      [2, "2018-04", 3, 3],
    ]);
  });
});

const OVERVIEW_INTRO = ["Strategic Overview Report for Safeguarding", "", "Our key priority areas and how we score them.", ""];

describe("strategic-overview score table in text renderings", () => {
  const NARROW_ROWS = [
    "Everyone understands that safeguarding is their responsibility N/A 4 5",
    "2. Our Safeguarding Policy is embedded across all settings and services 3-4 4 4",
    "The Corporate Evaluation Framework",
  ];
  const NARROW_SCORES = [
    [1, "2014-04", null, null],
    [1, "2014-09", 4, 4],
    [1, "2015-04", 5, 5],
    [2, "2014-04", 3, 4],
    [2, "2014-09", 4, 4],
    [2, "2015-04", 4, 4],
  ];

  it("reads period headers whose years wrapped under their months, the first after the row title (-raw of a narrow-column print)", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "KEY AREAS OF ACTIVITY AND SCORE TABLE",
      "POINT OF EVALUATION",
      "Key Priority Area April",
      "2014",
      "Sept",
      "2014",
      "April",
      "2015",
      ...NARROW_ROWS,
    ]);
    expect(f.periods.map((p) => p.label)).toEqual(["April 2014", "Sept 2014", "April 2015"]);
    expect(summary(f)).toEqual(NARROW_SCORES);
  });

  it("reads month-over-year headers as periods, not as label and figure rows (pdftotext default of a narrow-column print)", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "KEY AREAS OF ACTIVITY AND SCORE TABLE",
      "POINT OF EVALUATION",
      "Key Priority Area",
      "",
      "April",
      "2014",
      "",
      "Sept",
      "2014",
      "",
      "April",
      "2015",
      "",
      "Everyone understands that safeguarding is their responsibility",
      "",
      "N/A",
      "",
      "4",
      "",
      "5",
      "",
      "2. Our Safeguarding Policy is embedded across all settings and services",
      "",
      "3-4",
      "",
      "4",
      "",
      "4",
      "",
      "The Corporate Evaluation Framework",
    ]);
    expect(f.periods.map((p) => p.label)).toEqual(["April 2014", "Sept 2014", "April 2015"]);
    expect(summary(f)).toEqual(NARROW_SCORES);
  });

  it("reads a one-line header and statements whose figures follow on their own line (-raw)", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "KEY AREAS OF ACTIVITY AND SCORE TABLE",
      "POINT OF EVALUATION",
      "Key Priority Area April 2014 Sept 2014 April 2015",
      "Everyone understands that safeguarding is their responsibility N/A 4 5",
      "2. Our Safeguarding Policy is embedded across all settings and",
      "services",
      "3-4 4 4",
      "3. Safe recruitment practices operate effectively across",
      "the authority.",
      "2 3 4",
      "4",
      "The Corporate Evaluation Framework",
      "The evaluation",
      "score from 1-",
      "Level 6 Excellent",
      "Level 5 Very Good",
    ]);
    expect(f.periods.map((p) => p.label)).toEqual(["April 2014", "Sept 2014", "April 2015"]);
    expect(summary(f)).toEqual([
      [1, "2014-04", null, null],
      [1, "2014-09", 4, 4],
      [1, "2015-04", 5, 5],
      [2, "2014-04", 3, 4],
      [2, "2014-09", 4, 4],
      [2, "2015-04", 4, 4],
      [3, "2014-04", 2, 2],
      [3, "2014-09", 3, 3],
      [3, "2015-04", 4, 4],
    ]);
    // The scale after the table is not a row of it.
    expect(f.areas.map((a) => a.number)).toEqual([1, 2, 3]);
  });

  it("reads figures centred between the lines of a wrapped statement (-layout)", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "KEY AREAS OF ACTIVITY AND SCORE TABLE",
      "                                                          POINT OF EVALUATION",
      "",
      "             Key Priority Area                   April 2014   Sept 2014   April 2015",
      "",
      "Everyone understands that safeguarding is theirs     N/A          4            5",
      "",
      "2. Our Safeguarding Policy is embedded across all",
      "                                                      3-4          4            4",
      "settings and services",
      "",
      "3. Safe recruitment practices operate effectively",
      "                                                       2           3            4",
      "across the authority.",
      "",
      "",
      "",
      "The Corporate Evaluation Framework",
    ]);
    expect(f.periods.map((p) => p.label)).toEqual(["April 2014", "Sept 2014", "April 2015"]);
    expect(summary(f)).toEqual([
      [1, "2014-04", null, null],
      [1, "2014-09", 4, 4],
      [1, "2015-04", 5, 5],
      [2, "2014-04", 3, 4],
      [2, "2014-09", 4, 4],
      [2, "2015-04", 4, 4],
      [3, "2014-04", 2, 2],
      [3, "2014-09", 3, 3],
      [3, "2015-04", 4, 4],
    ]);
    expect(f.areas.find((a) => a.number === 2)?.label).toBe("Our Safeguarding Policy is embedded across all settings and services");
  });

  it("reads one cell per paragraph and stops at the text after the table (pdftotext default)", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "KEY AREAS OF ACTIVITY AND SCORE TABLE",
      "POINT OF EVALUATION",
      "Key Priority Area",
      "",
      "April 2014",
      "",
      "Sept 2014",
      "",
      "Everyone understands that safeguarding is their responsibility",
      "",
      "N/A",
      "",
      "4",
      "",
      "2. Our Safeguarding Policy is embedded across all settings and",
      "services",
      "",
      "3",
      "",
      "4",
      "",
      "4",
      "\fThe Corporate Evaluation Framework",
      "The evaluation",
      "score from 1-",
      "",
      "Level 6",
      "Excellent",
      "",
      "Level 5",
      "Very Good",
    ]);
    expect(summary(f)).toEqual([
      [1, "2014-04", null, null],
      [1, "2014-09", 4, 4],
      [2, "2014-04", 3, 3],
      [2, "2014-09", 4, 4],
    ]);
    expect(f.areas.map((a) => a.number)).toEqual([1, 2]);
  });
});

describe("actions under a table header that a text extraction flattened", () => {
  it("takes only the instructions after a run of column titles, up to the next page", () => {
    const f = facts([
      ...OVERVIEW_INTRO,
      "How do we know?",
      "(Data and Evidence)",
      "What next / Future actions?",
      "(Consequence of evaluation)",
      "What are the barriers / risks?",
      "",
      "1. In Monmouthshire we will ensure that safeguarding is everyone's responsibility.",
      "",
      "Whole Authority Safeguarding is embedded across directorates.",
      "",
      "Increase clarity in roles and responsibilities for all directorates.",
      "",
      "Competing agendas can affect how much time is given to safeguarding.",
      "",
      "Implement staff level 1 safeguarding survey.",
      "\fNEXT STEPS:",
      "Continue to develop a safe and suitable workforce",
    ]);
    expect(f.actions.map((a) => [a.kind, a.text])).toEqual([
      ["future-action", "Increase clarity in roles and responsibilities for all directorates."],
      ["future-action", "Implement staff level 1 safeguarding survey."],
      ["next-step", "Continue to develop a safe and suitable workforce"],
    ]);
  });

  it("still reads a labelled list in full when its label stands alone", () => {
    const f = facts([...OVERVIEW_INTRO, "IMPACT", "", "* Children are protected", "", "NEXT STEPS:", "* Focus on children subject to re-registration", "* Policy review"]);
    expect(f.actions.map((a) => a.text)).toEqual(["Focus on children subject to re-registration", "Policy review"]);
  });
});
