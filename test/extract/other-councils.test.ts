/**
 * Reports of other councils (the "unknown" family, read by structure): their period wordings,
 * score keys, section judgements and target columns, on short reports written here in words
 * other than the fixtures', and the three bundled families against their gold scores.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/extract/index.js";
import { gapsOfLine } from "../../src/extract/gaps.js";
import { indicatorsOfLine } from "../../src/extract/indicators.js";
import { parsePeriod } from "../../src/extract/periods.js";
import { readBytes } from "../../src/readers/index.js";
import { readText } from "../../src/readers/text.js";
import type { DocumentFacts } from "../../src/facts/schema.js";

const md = (lines: string[]): DocumentFacts => extractFacts(readText(lines.join("\n") + "\n", "r.md", "markdown"));
const txt = (lines: string[]): DocumentFacts => extractFacts(readText(lines.join("\n") + "\n", "r.txt", "text"));

describe("period labels with words around the date", () => {
  it.each([
    ["Baseline March 2014", "2014-03", "2014-03"],
    ["Position at June 2019", "2019-06", "2019-06"],
    ["As at 30 September 2018", "2018-09", "2018-09"],
    ["Half-year to March 2020", "2019-10", "2020-03"],
    ["Year ending March 2019", "2018-04", "2019-03"],
    ["H1 2019/20", "2019-04", "2019-09"],
    ["H2 2019-20", "2019-10", "2020-03"],
    ["Second half of 2018/19", "2018-10", "2019-03"],
    ["Outturn 2016/17", "2016-04", "2017-03"],
  ])("%s", (label, start, end) => {
    expect(parsePeriod(label)).toEqual({ label, start, end });
  });

  it.each(["Target 2020/21", "Target March 2019", "Period to March 2016", "Position", "at the end of"])("not a scored period: %s", (label) => {
    expect(parsePeriod(label)).toBeNull();
  });
});

const SHORT_REPORT = [
  "# Safeguarding Review 2019/20",
  "",
  "Key: 1 = Poor, 2 = Fair, 3 = Good, 4 = Very good, 5 = Excellent.",
  "",
  "| Outcome | Position at March 2019 | H1 2019/20 | H2 2019/20 | Target 2020/21 |",
  "| :-- | --: | --: | --: | --: |",
  "| 1. Children are heard | 2 | 3 | 3 | 4 |",
  "| 2. Staff are safe to work with people | 3 | 3 | 4 | 5 |",
  "",
  "## 1. Children are heard",
  "",
  "Overall rating: 3/5",
  "",
  "## 2. Staff are safe to work with people",
  "",
  "Our judgement for H2 2019/20 - 4 (Very good)",
];

describe("a report with a pipe score table, a target column, a key and judgements", () => {
  const facts = md(SHORT_REPORT);
  const scores = facts.scores.map((s) => [s.areaKey, s.periodLabel, s.value, s.origin]);

  it("reads the pipe table's period columns, not its target column", () => {
    expect(facts.periods.map((p) => [p.label, p.start, p.end])).toEqual([
      ["Position at March 2019", "2019-03", "2019-03"],
      ["H1 2019/20", "2019-04", "2019-09"],
      ["H2 2019/20", "2019-10", "2020-03"],
    ]);
    expect(scores.filter((s) => s[3] === "summary-table")).toEqual([
      ["1", "Position at March 2019", 2, "summary-table"],
      ["1", "H1 2019/20", 3, "summary-table"],
      ["1", "H2 2019/20", 3, "summary-table"],
      ["2", "Position at March 2019", 3, "summary-table"],
      ["2", "H1 2019/20", 3, "summary-table"],
      ["2", "H2 2019/20", 4, "summary-table"],
    ]);
  });

  it("keeps each target as an info message naming the area and the target column", () => {
    const targets = facts.messages.filter((m) => /a target, not a score/.test(m.text)).map((m) => m.text);
    expect(targets).toEqual([
      "target 4 for 'Children are heard' under 'Target 2020/21' (a target, not a score)",
      "target 5 for 'Staff are safe to work with people' under 'Target 2020/21' (a target, not a score)",
    ]);
  });

  it("reads the scale from the printed key, words included", () => {
    expect(facts.scale.map((l) => [l.level, l.label])).toEqual([
      [5, "Excellent"],
      [4, "Very good"],
      [3, "Good"],
      [2, "Fair"],
      [1, "Poor"],
    ]);
  });

  it("reads each section's judgement ('3/5' is three out of five, not a range) for the period it names", () => {
    expect(scores.filter((s) => s[3] === "section")).toEqual([
      ["1", "H2 2019/20", 3, "section"],
      ["2", "H2 2019/20", 4, "section"],
    ]);
    expect(facts.scores.find((s) => s.origin === "section" && s.areaKey === "1")).toMatchObject({ value: 3, valueMax: 3, raw: "3/5" });
  });
});

describe("section judgements", () => {
  it("warns when a judgement disagrees with the score table", () => {
    const facts = md([...SHORT_REPORT.slice(0, 11), "Overall rating: 2/5"]);
    expect(facts.messages.some((m) => m.level === "warning" && /disagrees/.test(m.text))).toBe(true);
  });

  it("does not read a numbered list of areas as a scale key", () => {
    const facts = txt(["Our four outcomes:", "", "1 - Strong leadership", "2 - Safe staff", "3 - Early help", "4 - Protection"]);
    expect(facts.scale).toEqual([]);
  });
});

describe("the bundled families of other councils score as their gold says", () => {
  const dir = "fixtures/councils";
  // The renderings that have hand-written gold (the folder also holds other tests' short reports).
  const gold = new Set(readdirSync("fixtures/gold").map((f) => f.replace(/\.json$/, "")));
  const files = readdirSync(dir).filter((f) => /\.(md|txt|docx|pdf)$/.test(f) && gold.has(f.replace(/\.[^.]+$/, "")));
  it("finds the three families' nine renderings", () => expect(files).toHaveLength(9));
  it.each(files)("%s", async (file) => {
    const stem = file.replace(/\.[^.]+$/, "");
    const gold = JSON.parse(readFileSync(join("fixtures/gold", `${stem}.json`), "utf8")) as {
      areas: { id: string; number: number }[];
      scores: { area: string; period_start: string; period_end: string; value: number }[];
    };
    const facts = extractFacts(await readBytes(new Uint8Array(readFileSync(join(dir, file))), file));
    const numberOf = new Map(gold.areas.map((a) => [a.id, a.number]));
    const want = new Set(gold.scores.map((s) => `${numberOf.get(s.area)}|${s.period_start}|${s.period_end}|${s.value}`));
    const period = new Map(facts.periods.map((p) => [p.label, p]));
    const areaNumber = new Map(facts.areas.map((a) => [a.key, a.number]));
    const got = new Set(
      facts.scores.map((s) => `${areaNumber.get(s.areaKey)}|${period.get(s.periodLabel)?.start}|${period.get(s.periodLabel)?.end}|${s.value}`),
    );
    expect([...got].sort()).toEqual([...want].sort());
  });
});

describe("previous values in the wordings councils use", () => {
  it.each([
    ["71% of reviews were on time (64% in 2016/17).", 71, "percent", 64],
    ["Uptake reached 58% (52% last period).", 58, "percent", 52],
    ["The helpline took 930 calls, down from 1,020.", 930, "count", 1020],
    ["Foster carers trained rose from 40 to 55.", 55, "count", 40],
    ["Audits found 12 files with gaps, compared with 19 a year earlier.", 12, "count", 19],
    ["Of all referrals, 62% were screened within three working days (down from 70% in Q1).", 62, "percent", 70],
  ])("%s", (sentence, value, unit, previous) => {
    expect(indicatorsOfLine(sentence).map((i) => [i.value, i.unit, i.previous])).toEqual([[value, unit, previous]]);
  });

  it("reads 'X of Y (Z%)' as the percentage, its text keeping the numerator and denominator", () => {
    const found = indicatorsOfLine("27 of 30 schools (90%) returned the audit.");
    expect(found).toEqual([{ value: 90, unit: "percent", previous: null, text: "27 of 30 schools (90%) returned the audit." }]);
  });

  it("does not take a number of places something came from as a figure", () => {
    expect(indicatorsOfLine("Returns from three primary schools are late.")).toEqual([]);
  });
});

describe("awaited figures in their usual words: one gap each, marked by the words", () => {
  it.each([
    ["Advocacy take-up for Q4: TBC.", "TBC"],
    ["The date of the peer review is TBA", "TBA"],
    ["Exclusion figures for the spring term to follow.", "to follow"],
    ["Results of the staff survey are to follow.", "to follow"],
    ["Data not available for the new contact centre.", "not available"],
    ["Sign-off of the regional protocol is pending.", "pending"],
    ["We are awaiting the inspection report.", "awaiting the inspection report"],
    ["Number of missing episodes ?? (awaiting police data)", "?? (awaiting police data)"],
    ["Court outcome data are not yet available.", "not yet available"],
  ])("%s", (line, marker) => {
    const found = gapsOfLine(line);
    expect(found).toHaveLength(1);
    expect(found[0]!.marker).toContain(marker);
  });

  it.each([
    "There are clear procedures for staff to follow.",
    "The service is not available at weekends.",
    "Pending",
    "Rates fell to 6%. We are awaiting the audit.",
  ])("no gap, or no figure from another sentence: %s", (line) => {
    const found = gapsOfLine(line);
    if (line.includes("awaiting")) expect(found.map((g) => g.marker)).toEqual(["We are awaiting the audit"]);
    else expect(found).toEqual([]);
  });
});

describe("actions under other councils' headings, and none from evidence lists", () => {
  const report = (heading: string) =>
    md([
      "## 1. Keeping children safe",
      "",
      "Evidence reviewed:",
      "",
      "- Case file audits for the year",
      "- Minutes of the child protection panel",
      "",
      heading,
      "",
      "- Introduce a quarterly audit of strategy discussions.",
      "- Train all duty social workers in the new threshold guidance.",
      "",
      "The panel will look again at progress in the autumn, when the audit programme has run for two quarters.",
    ]);

  it.each(["Planned actions", "Actions for 2020/21", "Improvement actions", "What we will do", "What we will do next", "Next steps"])(
    "%s",
    (heading) => {
      expect(report(heading).actions.map((a) => a.text)).toEqual([
        "Introduce a quarterly audit of strategy discussions.",
        "Train all duty social workers in the new threshold guidance.",
      ]);
    },
  );

  it("reads an action-plan table with lead, due and RAG columns", () => {
    const facts = md([
      "## 2. Safe staff",
      "",
      "| Action | Lead officer | By when | RAG |",
      "|---|---|---|---|",
      "| Check references for all agency staff | Head of HR | September 2020 | Amber |",
      "| Publish the whistleblowing policy on the intranet | Monitoring Officer | May 2020 | Green |",
    ]);
    expect(facts.actions.map((a) => [a.text, a.rag, a.due])).toEqual([
      ["Check references for all agency staff", "Amber", "2020-09"],
      ["Publish the whistleblowing policy on the intranet", "Green", "2020-05"],
    ]);
  });

  it("takes no actions from a table headed 'Action' without a lead, due date or RAG column", () => {
    const facts = md(["| Action | What happened |", "|---|---|", "| Audit of files | Completed in March; 40 files read |"]);
    expect(facts.actions).toEqual([]);
  });
});

describe("periods named with what the column holds, and in titles", () => {
  it.each([
    ["Score 2018/19", "2018-04", "2019-03"],
    ["Judgement Q3 2018/19", "2018-10", "2018-12"],
  ])("%s", (label, start, end) => expect(parsePeriod(label)).toEqual({ label, start, end }));

  it("a report with only section judgements scores the quarter its title names", () => {
    const facts = md(["# Safeguarding Update Quarter 2 2019/20", "", "## 1. Early help", "", "Rating: 2/4"]);
    expect(facts.periods.map((p) => [p.start, p.end])).toEqual([["2019-07", "2019-09"]]);
    expect(facts.scores.map((s) => [s.value, s.origin])).toEqual([[2, "section"]]);
  });
});
