import { describe, expect, it } from "vitest";
import { extractGaps, gapsOfLine } from "../../src/extract/gaps.js";
import { contextOf, para, table } from "../helpers/evidence-layout.js";

const markers = (line: string) => gapsOfLine(line).map((g) => [g.marker, g.kind]);

describe("gapsOfLine", () => {
  it("reads runs of question marks with the note printed beside them", () => {
    expect(markers("training was undertaken for Council Members in Dec 17 ??????  (FIGURES STILL WAITING)")).toEqual([
      ["??????  (FIGURES STILL WAITING)", "figures-awaited"],
    ]);
    expect(markers("?????")).toEqual([["?????", "unresolved-query"]]);
    expect(markers("Implemented post Dec 17 ???")).toEqual([["Implemented post Dec 17 ???", "unresolved-query"]]);
  });

  it("does not treat a real question as a gap", () => {
    expect(markers("What does good look like? We ensure that safe recruitment practices operate")).toEqual([]);
    expect(markers("Is the workforce safely recruited?")).toEqual([]);
  });

  it("reads an editor's query in brackets", () => {
    expect(markers("Extract from Cleaning Contract. (From old report not sure if there is a newer example?)")).toEqual([
      ["(From old report not sure if there is a newer example?)", "unresolved-query"],
    ]);
  });

  it("reads things awaited, due or promised for the next report", () => {
    expect(markers("100% of volunteers undergone Safe Recruitment process 3 DBS awaited with Volunteer Workers")).toEqual([
      ["3 DBS awaited", "pending-report"],
    ]);
    expect(markers("Monthly figures awaited from HR")).toEqual([["Monthly figures awaited", "figures-awaited"]]);
    expect(markers("IA report due end May 18")).toEqual([["IA report due end May 18", "pending-report"]]);
    expect(markers("review the policy – next review due by end Sept 2015.")).toEqual([["next review due by end Sept 2015", "pending-report"]]);
    expect(markers("1 postponed due to high levels of support")).toEqual([]);
    expect(markers("Implementation Plan is underway and will be reflected in next reporting period.")).toEqual([
      ["will be reflected in next reporting period", "pending-report"],
    ]);
  });
});

describe("extractGaps", () => {
  it("gives a '?????' cell the text of its row and the row's area", () => {
    const plan = table([
      ["Standard", "Evidence", "RAG Rate", "Further Actions"],
      ["testing out the effectiveness of arrangements in the audit work programme.", "?????", "", ""],
    ]);
    const ctx = contextOf([plan], { areas: { "0:1": "good-governance" } });
    expect(extractGaps(ctx).gaps).toEqual([
      expect.objectContaining({
        marker: "?????",
        kind: "unresolved-query",
        text: "testing out the effectiveness of arrangements in the audit work programme. ?????",
        areaKey: "good-governance",
        periodLabel: "Oct 17- March 18",
      }),
    ]);
  });

  it("gives a '?????' paragraph of flattened text the line before it", () => {
    const ctx = contextOf([para("testing out the effectiveness of arrangements."), para("?????")], { format: "text" });
    expect(extractGaps(ctx).gaps.map((g) => g.text)).toEqual(["testing out the effectiveness of arrangements. ?????"]);
  });

  it("keeps the bracketed note that wrapped onto the next line of a cell with its '??????'", () => {
    const cell = table([
      ["Safe Workforce", "Training was undertaken for Council Members in Dec 17 ??????\n(FIGURES STILL WAITING)\nLevel 1 training is on the intranet."],
    ]);
    const gaps = extractGaps(contextOf([cell], { format: "pdf" })).gaps.map((g) => [g.marker, g.kind, g.text]);
    expect(gaps).toEqual([
      ["?????? (FIGURES STILL WAITING)", "figures-awaited", "Training was undertaken for Council Members in Dec 17 ?????? (FIGURES STILL WAITING)"],
    ]);
  });
});
