import { describe, expect, it } from "vitest";
import { findFigures, readFigures } from "../../src/extract/numbers.js";
import { logicalLines } from "../../src/extract/sentences.js";
import { dueMonth } from "../../src/extract/months.js";

const roles = (line: string) => readFigures(line).map((f) => [f.raw.trim(), f.role]);

describe("findFigures", () => {
  it("reads loose spacing, thousands and glued words", () => {
    expect(findFigures("87.31 % of enquiries").map((f) => [f.value, f.percent])).toEqual([[87.31, true]]);
    expect(findFigures("1,747 staff")[0]!.value).toBe(1747);
    expect(findFigures("63of these are ongoing")[0]!.value).toBe(63);
    expect(findFigures("ten per cent of staff")[0]).toMatchObject({ value: 10, percent: true, spelled: true });
  });

  it("reads spelled-out numbers with words-to-numbers", () => {
    expect(findFigures("twenty-one new referrals")[0]!.value).toBe(21);
    expect(findFigures("one hundred and five staff")[0]!.value).toBe(105);
  });

  it("does not read codes glued to capitals as numbers", () => {
    expect(findFigures("the 4Cs framework")).toEqual([]);
    expect(findFigures("Safeguarding (L1) training")).toEqual([]);
  });
});

describe("rejoining numbers split by line wrapping", () => {
  it("joins a thousands group, a decimal and a percent sign broken over lines", () => {
    expect(logicalLines("Year-end figures – 1,\n747 staff members", false)).toEqual(["Year-end figures – 1,747 staff members"]);
    expect(logicalLines("87.31\n% of enquiries completed", false)).toEqual(["87.31% of enquiries completed"]);
    expect(logicalLines("48.\n21% of workforce identified", false)).toEqual(["48.21% of workforce identified"]);
  });

  it("keeps a number with the label that wraps before it", () => {
    expect(logicalLines("Implemented training in section\n47 work", false)).toEqual(["Implemented training in section 47 work"]);
    expect(logicalLines("No. Provider Performance Issues (Stage 3)\n1 (closed during the year)", false)).toEqual([
      "No. Provider Performance Issues (Stage 3) 1 (closed during the year)",
    ]);
  });

  it("keeps a year with the name it completes, but a figure after a sentence starts its own item", () => {
    expect(logicalLines("The Corporate Safeguarding Policy\n2017 clarifies the position", false)).toEqual([
      "The Corporate Safeguarding Policy 2017 clarifies the position",
    ]);
    expect(logicalLines("Training for Council Members was delivered.\n2017 saw 23 Members attend", false)).toEqual([
      "Training for Council Members was delivered.",
      "2017 saw 23 Members attend",
    ]);
    expect(logicalLines("Volunteers checked by HR\n2018 figures to follow", false)).toEqual(["Volunteers checked by HR", "2018 figures to follow"]);
    expect(logicalLines("Safeguarding leads in Schools\n2015% is no year", false)).toEqual(["Safeguarding leads in Schools", "2015% is no year"]);
  });
});

describe("readFigures: which numbers are not figures", () => {
  it("years, dates and periods", () => {
    expect(roles("Policy approved by Council in July 2017")).toEqual([["2017", "year"]]);
    expect(roles("training for Council Members in Dec 17")).toEqual([["17", "date"]]);
    expect(roles("held in November 17, Jan &March 18")).toEqual([["17", "date"], ["18", "date"]]);
    expect(roles("the 2018/19 internal audit work programme")[0]![1]).toBe("year");
    expect(roles("The Corporate Safeguarding Policy 2017 clarifies the position")).toEqual([["2017", "year"]]);
  });

  it("a spaced dash after a date opens a new clause when its figure counts a subject", () => {
    expect(roles("training for Council Members in Dec 17 – 23 Members attended")).toEqual([["17", "date"], ["23", "count"]]);
    // ...but a range of days stays a date range, and a bare range is no figure
    expect(roles("the audit ran Dec 17 – 23 inclusive")).toEqual([["17", "date"], ["23", "date"]]);
    expect(roles("scores between 15-20 were seen")[1]![1]).not.toBe("count");
  });

  it("references, levels and paragraph numbers", () => {
    expect(roles("32 staff members in Level 2 Safeguarding Training")).toEqual([["32", "count"], ["2", "reference"]]);
    expect(roles("take up of levels 2 & 3 is low")).toEqual([["2", "reference"], ["3", "reference"]]);
    expect(roles("as per paragraph 4.3.37 of the contract")[0]![1]).toBe("reference");
    expect(roles("response to Rec 10 CSSIW")).toEqual([["10", "reference"]]);
  });

  it("durations, ratios, ordinals, numbering and scores", () => {
    expect(roles("A 6 monthly review of progress")).toEqual([["6", "duration"]]);
    expect(roles("reviewed on a 3 year basis")).toEqual([["3", "duration"]]);
    expect(roles("young people who are 16 and 17 years old")).toEqual([["16", "duration"], ["17", "duration"]]);
    expect(roles("1 in 10 case records are randomly selected")).toEqual([["1", "ratio"], ["10", "ratio"]]);
    expect(roles("49 members of 3rd Sector")).toEqual([["49", "count"], ["3", "ordinal"]]);
    expect(roles("2. Monmouthshire's Safeguarding Policy is embedded")).toEqual([["2", "numbering"]]);
    expect(roles("Self-Assessed Score Against Measures: 4")[0]![1]).not.toBe("count");
    expect(roles("5")).toEqual([["5", "none"]]);
  });

  it("spelled numbers count only where a figure stands", () => {
    expect(roles("ten new referrals were received")).toEqual([["ten", "count"]]);
    expect(roles("a min of two relationship visits")).toEqual([["two", "none"]]);
    expect(roles("2 cases having more than one conclusion")).toEqual([["2", "count"], ["one", "none"]]);
  });

  it("counts need a subject, or a 'No.' label", () => {
    expect(roles("1747 staff members")).toEqual([["1747", "count"]]);
    expect(roles("6 were concluded and substantiated")).toEqual([["6", "count"]]);
    expect(roles("No. Escalating Concerns - initiated/closed 0")).toEqual([["0", "count"]]);
    expect(roles("Increase from 1515 to 1911 Adults received IAA")).toEqual([["1515", "previous"], ["1911", "count"]]);
    expect(roles("We have trained over 2000 individuals")).toEqual([["2000", "count"]]);
    expect(roles("32 HR Business Partner school visits")).toEqual([["32", "count"]]);
  });
});

describe("dueMonth", () => {
  it("reads the month after due/by", () => {
    expect(dueMonth("IA report due end May 18")).toBe("2018-05");
    expect(dueMonth("next review due by end Sept 2015")).toBe("2015-09");
    expect(dueMonth("1 postponed due to high levels of support")).toBeNull();
    expect(dueMonth("Policy approved by Council in July 2017")).toBeNull();
  });
});
