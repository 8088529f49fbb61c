import { describe, expect, it } from "vitest";
import { extractIndicators, indicatorsOfLine } from "../../src/extract/indicators.js";
import { contextOf, para, table } from "../helpers/evidence-layout.js";

const values = (line: string) => indicatorsOfLine(line).map((i) => [i.value, i.unit, i.previous]);

describe("indicatorsOfLine", () => {
  it("reads every percentage with what it measures", () => {
    expect(indicatorsOfLine("100% staff with DBS in this time period (Employee Service).")).toEqual([
      { value: 100, unit: "percent", previous: null, text: "100% staff with DBS in this time period (Employee Service)." },
    ]);
    expect(indicatorsOfLine("48.21% of workforce identified")[0]).toMatchObject({ value: 48.21, text: "48.21% of workforce identified" });
  });

  it("reads a current value with its previous one", () => {
    expect(values("87.31 % (80.0% ) of Adult Protection enquires were completed within 7 days")).toEqual([[87.31, "percent", 80]]);
    expect(values("Increase from 1515 to 1911 Adults received IAA Sept -March")).toEqual([[1911, "count", 1515]]);
    expect(values("stabilisation in LA children and a fall in CP population (91-75)")).toEqual([[75, "count", 91]]);
    expect(values("Increase to 7 (4) referrals for New CSE Strategy Meetings")).toEqual([[7, "count", 4]]);
    expect(values("Attendance was 45%, up from 40%")).toEqual([[45, "percent", 40]]);
  });

  it("does not pair a range of years", () => {
    expect(values("Business Support Plan (2017-2018) reviewed")).toEqual([]);
  });

  it("counts performance figures with a subject, not every number", () => {
    expect(values("Year-end figures – 1747 staff members")).toEqual([[1747, "count", null]]);
    expect(values("6 new referrals for Professional Strategy Meeting (PSM).")).toEqual([[6, "count", null]]);
    expect(values("Policy approved by Council in July 2017")).toEqual([]);
    expect(values("Child Sexual Exploitation is delivered as a Level 3 training")).toEqual([]);
    expect(values("In children services 1 in 10 case records are randomly selected")).toEqual([]);
    expect(values("Ten new referrals were received this quarter")).toEqual([[10, "count", null]]);
  });

  it("cuts one fragment per figure when a line carries several", () => {
    expect(indicatorsOfLine("Within this period 1 SBAR has been closed and 1 SBAR remains open complete actions identified").map((i) => i.text)).toEqual([
      "Within this period 1 SBAR has been closed",
      "1 SBAR remains open complete actions identified",
    ]);
    expect(indicatorsOfLine("2 PREVENT training Sessions in this period 17 further staff members trained").map((i) => i.text)).toEqual([
      "2 PREVENT training Sessions in this period",
      "17 further staff members trained",
    ]);
  });
});

describe("extractIndicators", () => {
  it("reads the same figures from a DOCX cell and from wrapped text lines", () => {
    const cell = "Year-end figures – 1747 staff members\n48.21% of workforce identified";
    const docx = extractIndicators(contextOf([table([["Question", "Evidence"], ["Is the workforce trained?", cell]])]));
    const wrapped = "Year-end figures –\n1747 staff members\n48.21% of workforce identified";
    const pdf = extractIndicators(contextOf([table([["Question", "Evidence"], ["Is the workforce trained?", wrapped]])], { format: "pdf" }));
    const summary = (r: typeof docx) => r.indicators.map((i) => [i.value, i.unit, i.text]);
    expect(summary(pdf)).toEqual(summary(docx));
    expect(summary(docx)).toEqual([
      [1747, "count", "Year-end figures – 1747 staff members"],
      [48.21, "percent", "48.21% of workforce identified"],
    ]);
  });

  it("attaches the area of the table row and the current period", () => {
    const blocks = [
      para("100% of schools have training plans in place"),
      table([["Question", "Evidence"], ["Safe?", "22 meetings were held in total"]]),
    ];
    const ctx = contextOf(blocks, { areas: { "0": "safe-workforce", "1:1": "robust-protection" } });
    const { indicators } = extractIndicators(ctx);
    expect(indicators.map((i) => [i.value, i.areaKey, i.periodLabel])).toEqual([
      [100, "safe-workforce", "Oct 17- March 18"],
      [22, "robust-protection", "Oct 17- March 18"],
    ]);
  });

  it("skips headings and lone numbers such as page numbers and scores", () => {
    const ctx = contextOf([para("5"), table([["Score", "4"]]), para("4). Robust Protection", "heading")]);
    expect(extractIndicators(ctx).indicators).toEqual([]);
  });
});
