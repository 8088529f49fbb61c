/** The matcher's pure parts, on hand-built data (no store). */
import { describe, expect, it } from "vitest";
import { agingIndex, agingOf } from "../../src/gaps/aging.js";
import { acronymTerms, deliveryCue, isEditorsQuery, waitingCue } from "../../src/gaps/delivery.js";
import { awaitedTerms, compareAreas, CONFIDENCE_THRESHOLD, idfFor, matchGap, rulesFor, scoreCandidates, spelledOutAcronyms, type MatchContext } from "../../src/gaps/match.js";
import { stem } from "../../src/gaps/nlp.js";
import { nearestArea, statementCandidates } from "../../src/gaps/statements.js";
import { countedTerms, expectedGapUnit, figuresIn, isAwaiting, normaliseLabel, subjectTerms, SUBJECT_WEIGHTS } from "../../src/gaps/text.js";
import type { AreaRef, Candidate, DocInfo, GapInfo } from "../../src/gaps/types.js";

const area = (id: number, label: string, canonicalId: number | null = null): AreaRef => ({ id, label, canonicalId, canonicalLabel: null });
const doc = (id: number, source: string, end: string, authority: string | null = "Riverford Borough Council"): DocInfo => ({
  id, source, authority, ingestedAt: `2020-01-0${id}T00:00:00.000Z`, reporting: { label: end, start: end, end },
});

const GAP_TEXT = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17 ?????? (FIGURES STILL WAITING)";

function gap(overrides: Partial<GapInfo> = {}): GapInfo {
  return {
    id: 1, documentId: 1, marker: "?????? (FIGURES STILL WAITING)", text: GAP_TEXT, kind: "figures-awaited",
    area: area(10, "2. Safe Workforce"), page: 3, line: null, period: null, status: "open",
    resolvedByDocumentId: null, resolvedPage: null, resolvedText: null, confidence: null, note: null, ...overrides,
  };
}

let nextId = 100;
function candidate(documentId: number, text: string, value: number | null, unit: Candidate["unit"] = "count", a: AreaRef | null = area(20, "Safe Workforce")): Candidate {
  return { source: "indicator", id: nextId++, documentId, page: 2, line: null, text, value, unit, area: a };
}

function context(gaps: GapInfo[], candidates: Candidate[], docs: DocInfo[] = [doc(1, "old.txt", "2018-03"), doc(2, "new.txt", "2018-09")]): MatchContext {
  const candidatesByDoc = new Map<number, Candidate[]>();
  for (const c of candidates) candidatesByDoc.set(c.documentId, [...(candidatesByDoc.get(c.documentId) ?? []), c]);
  const gapsByDoc = new Map<number, GapInfo[]>();
  for (const g of gaps) gapsByDoc.set(g.documentId, [...(gapsByDoc.get(g.documentId) ?? []), g]);
  return { docs: new Map(docs.map((d) => [d.id, d])), candidatesByDoc, gapsByDoc, idf: idfFor(gaps, candidates), threshold: CONFIDENCE_THRESHOLD };
}

describe("gap text", () => {
  it("takes subject words from the gap, not its marker vocabulary, dates or numbers", () => {
    const terms = subjectTerms({ marker: "?????? (FIGURES STILL WAITING)", text: GAP_TEXT });
    expect([...terms.keys()].sort()).toEqual(["adult", "awar", "child", "deliv", "elect", "joint", "member", "protect", "session"]);
  });

  it("weighs the marker's own words up and words of figures already printed down", () => {
    const terms = subjectTerms(
      { marker: "4 DBS awaited", text: "98% of volunteer coaches vetted 4 DBS awaited for volunteer drivers – not started" },
      ["98% of volunteer coaches vetted"],
    );
    expect(terms.get("db")).toBe(2);
    expect(terms.get("driver")).toBe(1);
    expect(terms.get("volunt")).toBe(1); // in the gap's own words too
    expect(terms.get("coach")).toBe(0.5);
    expect(terms.has("start")).toBe(false); // "not started" is waiting language
  });

  it("finds figures but not dates, years, or labels", () => {
    expect(figuresIn("31 Members attended in Nov 17")).toEqual([{ value: 31, unit: "count" }]);
    expect(figuresIn("87.5% of staff")).toEqual([{ value: 87.5, unit: "percent" }]);
    expect(figuresIn("in the 2018/19 audit programme, Level 2 training, due Dec 17")).toEqual([]);
  });

  it("tells statements that still wait from ones that give the figure", () => {
    expect(isAwaiting("3 DBS awaited with drivers")).toBe(true);
    expect(isAwaiting("Figures TBC")).toBe(true);
    expect(isAwaiting("Implemented post Dec 17 ???")).toBe(true);
    expect(isAwaiting("31 Members attended")).toBe(false);
    expect(isAwaiting("1 postponed due to high levels of support")).toBe(false);
  });

  it("reads what a figure counts, and which unit a gap waits for", () => {
    expect(countedTerms("Sessions were delivered in Nov 17: 31 Members attended", 31)).toEqual(["member", "attend"]);
    expect(countedTerms("87% of school staff trained", 87)).toEqual(["school", "staff"]);
    expect(countedTerms("Members attended: 31", 31)).toEqual([]);
    expect(expectedGapUnit({ marker: "3 DBS awaited", text: "100% of volunteers vetted 3 DBS awaited" })).toBeNull();
    expect(expectedGapUnit({ marker: "TBC", text: "Number of Members trained TBC" })).toBe("count");
    expect(expectedGapUnit({ marker: "??", text: "Percentage of staff trained ??" })).toBe("percent");
    expect(expectedGapUnit({ marker: "??", text: GAP_TEXT })).toBeNull();
  });

  it("normalises area labels without their numbering", () => {
    expect(normaliseLabel("2). Safe Workforce")).toEqual(normaliseLabel("safe workforce"));
  });
});

describe("compareAreas", () => {
  it("trusts canonical links when both sides have one, else compares printed labels", () => {
    expect(compareAreas(area(1, "Safe Workforce", 7), area(2, "Workforce", 7))).toEqual({ same: true, method: "canonical" });
    expect(compareAreas(area(1, "Safe Workforce", 7), area(2, "Safe Workforce", 8))).toEqual({ same: false, method: "canonical" });
    expect(compareAreas(area(1, "Safe Workforce", 7), area(2, "2. SAFE WORKFORCE"))).toEqual({ same: true, method: "label" });
    expect(compareAreas(area(1, "Safe Workforce"), area(2, "Safe Services"))).toEqual({ same: false, method: "label" });
    expect(compareAreas(null, area(2, "Safe Services"))).toEqual({ same: true, method: "no-area" });
  });
});

describe("matchGap", () => {
  it("resolves on a reworded statement that gives the figure for the same subject", () => {
    const g = gap();
    const c = candidate(2, "31 elected Members completed the joint adult and child protection awareness session", 31);
    const m = matchGap(g, context([g], [c]));
    expect(m.outcome).toBe("resolved");
    expect(m.best?.candidate).toBe(c);
    expect(m.evidence).toMatchObject({ area_match: "label", later_documents: ["new.txt"] });
  });

  it("refuses the same sentence about another audience, a plan, and a figure-less statement", () => {
    const g = gap();
    const cands = [
      candidate(2, "Joint adult protection and child protection awareness sessions were delivered to school governors in Mar 18: 40 governors attended", 40),
      candidate(2, "Joint adult protection and child protection awareness sessions to be rolled out to elected Members: 6 sessions planned", 6),
      candidate(2, "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17", null),
    ];
    const m = matchGap(g, context([g], cands));
    expect(m.outcome).toBe("open");
    // The closest words belong to the statement without a figure: absence of the marker is not a fill.
    if (m.outcome === "open") expect(m.reason).toMatch(/best candidate .* gives no figure/);
  });

  it("refuses a planned figure, however close its words", () => {
    const g = gap();
    const plan = candidate(2, "Joint adult protection and child protection awareness sessions to be rolled out to elected Members: 6 sessions planned", 6);
    const m = matchGap(g, context([g], [plan]));
    expect(m.outcome).toBe("open");
    if (m.outcome === "open") expect(m.reason).toMatch(/planned figure/);
  });

  it("refuses a candidate that is itself still waiting", () => {
    const g = gap({ marker: "2 DBS awaited", text: "2 DBS awaited for volunteer drivers", kind: "pending-report" });
    const m = matchGap(g, context([g], [candidate(2, "2 DBS still awaited for volunteer drivers", 2)]));
    expect(m.outcome).toBe("open");
    if (m.outcome === "open") expect(m.reason).toMatch(/itself still waiting/);
  });

  it("gives a gap with no area a stricter bar, and says so", () => {
    const g = gap({ area: null });
    const m = matchGap(g, context([g], [candidate(2, "31 elected Members completed the joint adult and child protection awareness session", 31)]));
    expect(m.outcome).toBe("resolved");
    expect(m.evidence.area_match).toBe("no-area");
  });

  it("never looks at reports of the same period (the same report in another format)", () => {
    const g = gap();
    const docs = [doc(1, "old.txt", "2018-03"), doc(2, "old.pdf", "2018-03")];
    const m = matchGap(g, context([g], [candidate(2, GAP_TEXT.replace("?????? (FIGURES STILL WAITING)", "31 Members attended"), 31)], docs));
    expect(m.outcome).toBe("open");
  });
});

describe("agingOf", () => {
  it("counts the gap's own period plus each distinct later reporting period of its authority", () => {
    const docs = new Map([
      [1, doc(1, "a.txt", "2018-03")],
      [2, doc(2, "b.txt", "2018-09")],
      [3, doc(3, "b.pdf", "2018-09")],
      [4, doc(4, "c.txt", "2019-03")],
      [5, doc(5, "elsewhere.txt", "2019-09", "Eastvale District Council")],
    ]);
    expect(agingOf(gap(), docs)).toBe(3);
    expect(agingOf(gap(), docs, { resolverEnd: "2019-03" })).toBe(2);
    expect(agingOf(gap({ documentId: 4 }), docs)).toBe(1);
  });

  it("agingIndex (the batch form) gives agingOf's answer for every gap and resolver end", () => {
    const docs = new Map([
      [1, doc(1, "a.txt", "2018-03")],
      [2, doc(2, "b.txt", "2018-09")],
      [3, doc(3, "b.pdf", "2018-09")],
      [4, doc(4, "c.txt", "2019-03")],
      [5, doc(5, "elsewhere.txt", "2019-09", "Eastvale District Council")],
      [6, doc(6, "elsewhere-late.txt", "2020-03", "Eastvale District Council")],
    ]);
    const aging = agingIndex(docs);
    for (const documentId of [1, 2, 3, 4, 5, 6]) {
      for (const resolverEnd of [undefined, "2018-09", "2019-03", "2020-03"]) {
        const g = gap({ documentId });
        expect(aging(g, { resolverEnd })).toBe(agingOf(g, docs, { resolverEnd }));
      }
    }
  });
});

describe("statements", () => {
  it("gives each figure of a line its own candidate; a line outside any section takes the area of the nearest extracted fact on the page", () => {
    const workforce = area(1, "Safe Workforce");
    const services = area(2, "Safe Services");
    const anchors = [
      { page: 2, line: null, y: 100, area: workforce },
      { page: 2, line: null, y: 600, area: services },
      { page: 3, line: null, y: 50, area: services },
    ];
    const units = [
      { text: "Sessions for elected Members in Nov 17:  31 Members attended (88%)", page: 2, line: null, y: 140, area: null },
      { text: "No figures in this line, only Dec 17", page: 2, line: null, y: 150, area: null },
      { text: "4 provider visits", page: 4, line: null, y: 10, area: null },
    ];
    const c = statementCandidates(9, units, anchors);
    // A line without a figure is a candidate too (for the delivery-statement rule), with no value.
    expect(c.map((x) => [x.value, x.unit, x.area?.label ?? null])).toEqual([
      [31, "count", "Safe Workforce"],
      [88, "percent", "Safe Workforce"],
      [null, null, "Safe Workforce"],
      [4, "count", null],
    ]);
    expect(c[0]).toMatchObject({ source: "statement", documentId: 9, text: "Sessions for elected Members in Nov 17: 31 Members attended (88%)", areaFrom: "nearest-fact" });
    expect(c[3]?.areaFrom).toBeUndefined();
    expect(nearestArea({ page: null, line: 40, y: null }, [
      { page: null, line: 10, y: null, area: workforce },
      { page: null, line: 44, y: null, area: services },
    ])?.label).toBe("Safe Services");
  });

  it("prefers the section a line sits in (stored with its passage) over the nearest extracted fact", () => {
    const workforce = area(1, "Safe Workforce");
    const services = area(2, "Safe Services");
    // The nearest fact is a workforce one, but the line opens the next section.
    const anchors = [{ page: 2, line: null, y: 100, area: workforce }];
    const units = [{ text: "12 provider visits completed", page: 2, line: null, y: 110, area: services }];
    expect(statementCandidates(9, units, anchors)).toEqual([
      expect.objectContaining({ value: 12, area: services, areaFrom: "section" }),
    ]);
  });
});

describe("delivery language", () => {
  it("hears that something arrived, in the past, the present perfect or as a completed state", () => {
    for (const s of [
      "IA report received June 18 with substantial assurance",
      "The Risk Assessment Framework was implemented in May 2018 and is now used in all assessments",
      "All outstanding DBS checks have now been received",
      "DBS checks for all volunteers completed",
      "A review of the policy has been undertaken",
      "The annual assurance statement was presented to Cabinet in July 2018",
      "Protocol signed off by the Board",
      "A whistleblowing procedure is now in place",
      "Action plan - COMPLETE",
    ]) expect(deliveryCue(s), s).not.toBeNull();
    expect(deliveryCue("IA report received June 18")).toEqual({ text: "received", strength: "completion" });
    expect(deliveryCue("The annual statement was presented to Cabinet")?.strength).toBe("light");
  });

  it("does not hear it in plans, negations, starts, delays or routines", () => {
    for (const s of [
      "IA report to be received end Sept 18",
      "DBS checks not yet received",
      "The policy has not been reviewed",
      "A 6 monthly review of progress was commenced in April 2018",
      "The review was postponed to Dec 18",
      "The policy is reviewed on a 3 year basis unless there is a significant change",
      "Implementation Plan for Risk Assessment Framework to commence June 2018",
      "IA report due end May 18",
    ]) expect(deliveryCue(s), s).toBeNull();
  });

  it("tells a statement that still waits, and quotes the words", () => {
    expect(waitingCue("IA report now due end Sept 18")).toBe("due end Sept 18");
    expect(waitingCue("Risk Assessment Framework implementation is underway")).toBe("underway");
    expect(waitingCue("Report will be presented to Cabinet in Oct 18")).toMatch(/^will/);
    expect(waitingCue("Still waiting for 3 DBS checks")).toMatch(/waiting/i);
    expect(waitingCue("3 DBS checks outstanding")).toBe("outstanding");
    expect(waitingCue("All outstanding DBS checks have now been received")).toBeNull();
    expect(waitingCue("IA report received June 18 with substantial assurance")).toBeNull();
    expect(waitingCue("Attendance fell due to staff sickness")).toBeNull(); // "due to" gives a cause, not a date
    expect(waitingCue("1 session postponed due to high levels of support")).toBe("postponed due to high");
  });

  it("finds acronyms, not shouting", () => {
    expect([...acronymTerms("3 DBS awaited; IA report", stem)].sort()).toEqual(["db", "ia"]);
    expect([...acronymTerms("?????? (FIGURES STILL WAITING)", stem)]).toEqual([]);
  });
});

describe("rules by gap kind", () => {
  it("figures need a figure; pending reports take a figure or a delivery statement; an editor's query is left to a person", () => {
    expect(rulesFor({ kind: "figures-awaited", marker: "?????? (FIGURES STILL WAITING)" })).toEqual(["figure"]);
    expect(rulesFor({ kind: "pending-report", marker: "IA report due end May 18" })).toEqual(["figure", "delivery statement"]);
    expect(rulesFor({ kind: "unresolved-query", marker: "?????" })).toEqual(["figure"]);
    expect(rulesFor({ kind: "unresolved-query", marker: "(From old report not sure if there is a newer example?)" })).toEqual([]);
    expect(isEditorsQuery({ kind: "unresolved-query", marker: "Implemented post Dec 17 ???" })).toBe(false);
  });

  it("the awaited thing is the marker's own words, else the gap's sentence", () => {
    const ia = { marker: "IA report due end May 18", text: "IA report due end May 18" };
    expect([...awaitedTerms(ia, subjectTerms(ia)).keys()].sort()).toEqual(["ia", "report"]);
    const plan = { marker: "will be reflected in next reporting period", text: "Implementation Plan for Risk Assessment Framework is underway and will be reflected in next reporting period." };
    expect([...awaitedTerms(plan, subjectTerms(plan)).keys()].sort()).toEqual(["assess", "framework", "implement", "plan", "risk"]);
  });

  it("after a run of question marks, the words that follow are the next statement: context, not subject", () => {
    const terms = subjectTerms({ marker: "?????? (FIGURES STILL WAITING)", text: `${GAP_TEXT} status via the My View system is being piloted` });
    expect(terms.get("member")).toBe(SUBJECT_WEIGHTS.text);
    expect(terms.get("pilot")).toBe(SUBJECT_WEIGHTS.afterPlaceholder);
  });
});

describe("matchGap, pending reports", () => {
  const governance = area(20, "Good Governance");
  const pending = (overrides: Partial<GapInfo> = {}) =>
    gap({ marker: "IA report due end May 18", text: "IA report due end May 18", kind: "pending-report", area: area(11, "Good Governance"), ...overrides });
  const statement = (documentId: number, text: string): Candidate => ({ source: "statement", id: nextId++, documentId, page: 2, line: null, text, value: null, unit: null, area: governance });

  it("resolves on a statement of delivery without any figure, and says which rule matched", () => {
    const g = pending();
    const c = statement(2, "IA report received June 18 with substantial assurance");
    const m = matchGap(g, context([g], [c, statement(2, "The annual report was received by Council")]));
    expect(m.outcome).toBe("resolved");
    expect(m.best?.candidate).toBe(c);
    expect(m.evidence).toMatchObject({ rules: ["figure", "delivery statement"], rule: "delivery statement", delivery: { cue: "received", shared_awaited: ["ia", "report"] } });
    expect(m.best!.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it("a figures-awaited gap is never filled by a statement without a figure", () => {
    const g = gap();
    const c = statement(2, "Joint adult protection and child protection awareness sessions were delivered to elected Members");
    expect(matchGap(g, context([g], [{ ...c, area: area(21, "Safe Workforce") }])).outcome).toBe("open");
  });

  it("reads a spelled-out acronym as the gap's acronym", () => {
    const g = pending();
    const c = statement(2, "Internal Audit report received June 18");
    expect(matchGap(g, context([g], [c])).outcome).toBe("resolved");
    expect(spelledOutAcronyms("Disclosure and Barring Service checks completed", new Set(["db"]))).toEqual(["dbs"]);
  });

  it("keeps a near miss open: same subject, a new date", () => {
    const g = pending();
    const m = matchGap(g, context([g], [statement(2, "IA report now due end Sept 18")]));
    expect(m.outcome).toBe("open");
    if (m.outcome === "open") expect(m.reason).toMatch(/"IA report now due end Sept 18".*itself still waiting \("due end Sept 18"\)/);
  });

  it("ranks every candidate and records why each one fails", () => {
    const g = pending();
    const ctx = context([g], [statement(2, "The annual report was received by Council"), statement(2, "IA report now due end Sept 18")]);
    const all = scoreCandidates(g, ctx);
    expect(all.map((s) => s.rejected)).toEqual([expect.stringMatching(/still waiting/), expect.stringMatching(/names only report/)]);
  });
});
