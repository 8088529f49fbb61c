import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flagGaps, summaryLine } from "../../pipelines/flag-gaps.js";
import { gapHistory, reopenManually, resolveManually } from "../../src/gaps/ledger.js";
import { NO_PASSAGES } from "../../src/gaps/source.js";
import { listGaps } from "../../src/query/gaps.js";
import { type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import {
  AUDIT_GAP, DBS_GAP, firstReport, FRAMEWORK_GAP, MEMBERS_GAP, passagesIn, PERIODS, QUERY_GAP, reportFacts, reportSource, storeReport, type ReportSpec,
} from "../helpers/gaps-builder.js";
import { openTestStore } from "../helpers/store.js";

const FILLED = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17: 31 Members attended";

function laterReport(name: string, period: ReportSpec["period"], extra: Partial<ReportSpec> = {}): ReportSpec {
  return {
    name,
    period,
    indicators: [
      { area: "Safe Workforce", value: 100, unit: "percent", text: "100% of new starters had enhanced DBS checks before starting", page: 2 },
    ],
    ...extra,
  };
}

async function eventCount(db: Store): Promise<number> {
  const r = await db.selectFrom("gap_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function onlyGap(db: Store, document = "riverford-2018-03.txt") {
  const gaps = await listGaps(db, { document });
  expect(gaps).toHaveLength(1);
  return gaps[0]!;
}

describe("flag-gaps", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("resolves a gap that a later report fills, with document, page, matched text, confidence and an event", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
    }));
    const report = await flagGaps(db, { now: "2018-10-01T00:00:00.000Z" });
    expect(report).toMatchObject({ checked: 1, resolved: 1, open: 0 });

    const gap = await onlyGap(db);
    expect(gap).toMatchObject({
      status: "resolved",
      resolved_by: "riverford-2018-09.txt",
      resolved_page: 4,
      resolved_text: FILLED,
      decided_by: "flag-gaps",
      aging: 1,
      period: PERIODS.h2_2017,
      area: "Safe Workforce",
    });
    expect(gap.confidence).toBeGreaterThanOrEqual(0.6);

    const history = await gapHistory(db, gap.id);
    expect(history.map((e) => [e.status, e.decided_by])).toEqual([["open", "ingest"], ["resolved", "flag-gaps"]]);
    const evidence = history[1]!.evidence as Record<string, unknown>;
    expect(evidence).toMatchObject({
      method: "tfidf",
      area_match: "label",
      candidate: { document: "riverford-2018-09.txt", page: 4, value: 31, unit: "count", text: FILLED },
    });
    // No canonical links in this store: the evidence says the labels were compared instead.
    expect(String(evidence.area_note)).toMatch(/fallback/);
    expect(evidence.shared_terms).toEqual(expect.arrayContaining(["member", "elect"]));
  });

  it("leaves an unfilled gap open, says why, and its aging grows with each later report", async () => {
    await storeReport(db, firstReport());
    await flagGaps(db);
    let gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "open", aging: 1 });
    expect(gap.note).toMatch(/no report of this authority is later/);

    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018));
    await flagGaps(db);
    gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "open", aging: 2 });

    // The same later report in a second format shares its period: it does not age the gap.
    await storeDocument(db, reportSource("riverford-2018-09.pdf"), reportFacts(laterReport("riverford-2018-09.pdf", PERIODS.h1_2018)));
    await storeReport(db, laterReport("riverford-2019-03.txt", PERIODS.h2_2018));
    await flagGaps(db);
    gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "open", aging: 3 });
    expect(gap.note).not.toMatch(/is later than/);
  });

  it("does not resolve on a misleading near-match, and records why the best candidate was refused", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [
        // Same training words, different audience: school staff, not elected Members.
        { area: "Safe Workforce", value: 87, unit: "percent", text: "87% of school staff attended child protection awareness sessions", page: 2 },
        // The very subject, but in another area of the report.
        { area: "Good Governance", value: 31, text: FILLED, page: 5 },
      ],
      actions: [
        // The subject again, in the right area, but with no figure: absence of the marker is not a fill.
        { area: "Safe Workforce", text: "Joint adult protection and child protection awareness sessions for elected Members were held in Nov 17", page: 3 },
      ],
    }));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.resolved_by).toBeNull();
    expect(gap.note).toMatch(/best candidate "87% of school staff/);
    expect(gap.note).toMatch(/< 0\.60; missing subject words: .*member/);
    // Still open is not a change of status: only the ingest event.
    expect((await gapHistory(db, gap.id)).map((e) => e.decided_by)).toEqual(["ingest"]);
  });

  it("a later report that still carries the same gap does not resolve it; the next one that gives the figure does", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      // The old sentence comes back with a figure that is not the awaited one, and the gap again.
      indicators: [{ area: "Safe Workforce", value: 17, text: "Joint adult protection and child protection awareness sessions delivered to elected Members in Nov 17 (17 Nov)", page: 3 }],
      gaps: [{ ...MEMBERS_GAP, marker: "????", text: "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17 ????" }],
    }));
    await flagGaps(db);
    let gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.aging).toBe(2);

    await storeReport(db, laterReport("riverford-2019-03.txt", PERIODS.h2_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 6 }],
    }));
    await flagGaps(db);
    gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", resolved_by: "riverford-2019-03.txt", resolved_page: 6, aging: 2 });
    const evidence = (await gapHistory(db, gap.id)).at(-1)!.evidence as { skipped_documents: { document: string; reason: string }[] };
    expect(evidence.skipped_documents).toEqual([{ document: "riverford-2018-09.txt", reason: expect.stringMatching(/still flags the same gap/) }]);
    // The carried gap of the middle report is filled by the last one too.
    expect((await onlyGap(db, "riverford-2018-09.txt")).status).toBe("resolved");
  });

  it("keeps a manual resolution through later automatic runs", async () => {
    await storeReport(db, firstReport());
    const [gap] = await listGaps(db);
    await resolveManually(db, gap!.id, "Members' attendance confirmed by Democratic Services email, 12 Jan 18", { actor: "auditor", now: "2018-04-02T00:00:00.000Z" });
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018));
    const report = await flagGaps(db);
    expect(report).toMatchObject({ manual: 1, resolved: 0, open: 0 });
    const after = await onlyGap(db);
    expect(after).toMatchObject({ status: "resolved", decided_by: "manual", note: "Members' attendance confirmed by Democratic Services email, 12 Jan 18", resolved_by: null });
    const history = await gapHistory(db, after.id);
    expect(history.map((e) => [e.status, e.decided_by])).toEqual([["open", "ingest"], ["resolved", "manual"]]);
    expect(history[1]!.evidence).toMatchObject({ actor: "auditor", previous_status: "open" });
  });

  it("a manual reopen holds against the evidence it rejected; only a report ingested later can resolve again", async () => {
    await storeReport(db, firstReport(), "2018-04-01T00:00:00.000Z");
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
    }), "2018-10-01T00:00:00.000Z");
    await flagGaps(db, { now: "2018-10-02T00:00:00.000Z" });
    const gap = await onlyGap(db);
    expect(gap.status).toBe("resolved");

    await reopenManually(db, gap.id, "31 is the invitations sent, not attendance", { actor: "auditor", now: "2018-10-03T00:00:00.000Z" });
    await flagGaps(db, { now: "2018-10-04T00:00:00.000Z" });
    let after = await onlyGap(db);
    expect(after).toMatchObject({ status: "open", decided_by: "manual", note: "31 is the invitations sent, not attendance" });
    const reopenEvent = (await gapHistory(db, gap.id)).at(-1)!;
    expect(reopenEvent.evidence).toMatchObject({ undone: { resolved_by: "riverford-2018-09.txt", resolved_page: 4 } });

    await storeReport(db, laterReport("riverford-2019-03.txt", PERIODS.h2_2018, {
      indicators: [{ area: "Safe Workforce", value: 24, text: "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17 - 24 Members attended", page: 2 }],
    }), "2019-04-01T00:00:00.000Z");
    await flagGaps(db, { now: "2019-04-02T00:00:00.000Z" });
    after = await onlyGap(db);
    expect(after).toMatchObject({ status: "resolved", resolved_by: "riverford-2019-03.txt", decided_by: "flag-gaps" });
    expect((await gapHistory(db, gap.id)).map((e) => e.decided_by)).toEqual(["ingest", "flag-gaps", "manual", "flag-gaps"]);
  });

  it("is idempotent: a second run changes nothing and writes no events", async () => {
    await storeReport(db, firstReport({
      gaps: [MEMBERS_GAP, { area: "Good Governance", marker: "IA report due end May 18", text: "IA report due end May 18", kind: "pending-report", page: 2 }],
    }));
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
    }));
    await flagGaps(db);
    const before = { gaps: await listGaps(db), events: await eventCount(db) };
    const second = await flagGaps(db);
    expect(second).toMatchObject({ resolved: 0, kept: 1, open: 1 });
    expect({ gaps: await listGaps(db), events: await eventCount(db) }).toEqual(before);
  });

  it("ingesting a new report and re-running resolves exactly what it fills", async () => {
    await storeReport(db, firstReport({
      gaps: [
        MEMBERS_GAP,
        { area: "Safe Workforce", marker: "4 DBS awaited", text: "All volunteer drivers referred for checks 4 DBS awaited for volunteer drivers", kind: "pending-report", page: 3 },
        { area: "Good Governance", marker: "(FIGURES TO FOLLOW)", text: "Number of safeguarding concerns raised through the whistleblowing line (FIGURES TO FOLLOW)", page: 2 },
      ],
    }));
    expect((await flagGaps(db)).open).toBe(3);

    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [
        { area: "Safe Workforce", value: 31, text: FILLED, page: 4 },
        { area: "Safe Workforce", value: 100, unit: "percent", text: "100% of volunteer drivers now hold a DBS check", page: 4 },
        // Governance: a different count, not the whistleblowing one.
        { area: "Good Governance", value: 3, text: "3 safeguarding audits completed in schools", page: 2 },
      ],
    }));
    const report = await flagGaps(db);
    expect(report).toMatchObject({ resolved: 2, open: 1 });
    const byMarker = new Map((await listGaps(db)).map((g) => [g.marker, g]));
    expect(byMarker.get(MEMBERS_GAP.marker)?.status).toBe("resolved");
    expect(byMarker.get("4 DBS awaited")).toMatchObject({ status: "resolved", resolved_text: "100% of volunteer drivers now hold a DBS check" });
    expect(byMarker.get("(FIGURES TO FOLLOW)")).toMatchObject({ status: "open", aging: 2 });
  });

  it("does not take a figure the gap's own report already printed, said again, as the awaited one", async () => {
    await storeReport(db, firstReport({
      indicators: [
        { area: "Safe Workforce", value: 96, unit: "percent", text: "96% of volunteer coaches completed safer recruitment", page: 3 },
        { area: "Safe Workforce", value: 5, text: "5 DBS awaited for volunteer coaches", page: 3 },
      ],
      gaps: [{ area: "Safe Workforce", marker: "5 DBS awaited", text: "96% of volunteer coaches completed safer recruitment 5 DBS awaited for volunteer coaches", kind: "pending-report", page: 3 }],
    }));
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      // The same figure reprinted, and the gap's sentence without its marker: neither is news.
      indicators: [{ area: "Safe Workforce", value: 96, unit: "percent", text: "96% of volunteer coaches completed safer recruitment", page: 2 }],
    }));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.note).toMatch(/repeats a figure already printed/);
  });

  it("uses canonical areas when both sides are linked, whatever the printed labels", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      areas: ["Workforce and Recruitment", "Governance"],
      indicators: [{ area: "Workforce and Recruitment", value: 31, text: FILLED, page: 4 }],
    }));
    await linkCanonical(db, { "Safe Workforce": "safe-workforce", "Workforce and Recruitment": "safe-workforce", "Good Governance": "good-governance", Governance: "good-governance" });
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", canonical_area: "Safe Workforce (canonical)" });
    expect((await gapHistory(db, gap.id)).at(-1)!.evidence).toMatchObject({ area_match: "canonical" });
  });

  it("does not match across canonical areas even when the printed labels agree", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
    }));
    // Alignment says the later report's "Safe Workforce" is governance (a renamed framework).
    await linkCanonical(db, { "Safe Workforce": "safe-workforce" }, "riverford-2018-03.txt");
    await linkCanonical(db, { "Safe Workforce": "good-governance" }, "riverford-2018-09.txt");
    await flagGaps(db);
    expect((await onlyGap(db)).status).toBe("open");
  });

  it("only looks at reports of the same authority", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, laterReport("eastvale-2018-09.txt", PERIODS.h1_2018, {
      authority: "Eastvale District Council",
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
    }));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "open", aging: 1 });
    expect(gap.note).toMatch(/no report of this authority is later/);
  });

  it("lists with --open, --since, --area and --document filters", async () => {
    await storeReport(db, firstReport({
      gaps: [MEMBERS_GAP, { area: "Good Governance", marker: "?????", text: "Annual assurance statement to Cabinet ?????", kind: "unresolved-query", page: 2 }],
    }));
    await storeReport(db, laterReport("riverford-2018-09.txt", PERIODS.h1_2018, {
      indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
      gaps: [{ area: "Good Governance", marker: "TBC", text: "Number of Members completing e-learning TBC", page: 1 }],
    }));
    await flagGaps(db);
    expect((await listGaps(db)).map((g) => g.status)).toEqual(["resolved", "open", "open"]);
    expect(await listGaps(db, { open: true })).toHaveLength(2);
    expect((await listGaps(db, { since: "2018-04" })).map((g) => g.document)).toEqual(["riverford-2018-09.txt"]);
    expect((await listGaps(db, { sourceArea: "governance" })).map((g) => g.marker)).toEqual(["?????", "TBC"]);
    expect((await listGaps(db, { document: "riverford-2018-03.txt", open: true })).map((g) => g.marker)).toEqual(["?????"]);
  });
});

/** Link areas (by printed label, optionally of one document) to canonical areas, as alignment would. */
async function linkCanonical(db: Store, links: Record<string, string>, document?: string): Promise<void> {
  for (const [label, canonicalKey] of Object.entries(links)) {
    let canonical = await db.selectFrom("areas").select("id").where("document_id", "is", null).where("key", "=", canonicalKey).executeTakeFirst();
    if (!canonical) {
      const name = canonicalKey.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ");
      canonical = await db
        .insertInto("areas")
        .values({ framework_id: null, document_id: null, key: canonicalKey, number: null, label: `${name} (canonical)`, description: null, page: null, x0: null, y0: null, x1: null, y1: null, line_start: null, line_end: null })
        .returning("id")
        .executeTakeFirstOrThrow();
    }
    let q = db.selectFrom("areas as a").innerJoin("documents as d", "d.id", "a.document_id").select("a.id").where("a.label", "=", label);
    if (document) q = q.where("d.source", "=", document);
    for (const area of await q.execute()) {
      await db
        .insertInto("area_links")
        .values({ area_id: area.id, canonical_area_id: canonical.id, method: "manual", confidence: 1, note: null, decided_at: "2018-01-01" })
        .onConflict((oc) => oc.column("area_id").doUpdateSet({ canonical_area_id: canonical.id }))
        .execute();
    }
  }
}

describe("flag-gaps with the later report's stored passages", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.destroy();
  });

  const STATEMENT = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17. 32 Members attended.";

  // The report's text as ingest keeps it: one passage per logical line, with its section.
  const PASSAGES: NonNullable<ReportSpec["passages"]> = [
    { area: null, text: "Riverford Borough Council", kind: "heading", page: null, line: 1 },
    { area: null, text: "Progress Report April 18 - Sept 18", kind: "heading", page: null, line: 2 },
    { area: "Safe Workforce", text: "Safe Workforce", kind: "heading", page: null, line: 4 },
    { area: "Safe Workforce", text: STATEMENT, page: null, line: 6 },
    { area: "Safe Workforce", text: "100% of new starters had enhanced DBS checks before starting.", page: null, line: 9 },
  ];

  // The extractor kept only the figure's own fragment: it does not say what was attended.
  // Its source path (/synthetic/…) does not exist: nothing may be read from a file.
  const later = (passages?: ReportSpec["passages"]): ReportSpec => ({
    name: "riverford-2018-09.txt",
    period: PERIODS.h1_2018,
    indicators: [
      { area: "Safe Workforce", value: 32, text: "32 Members attended.", page: null, line: 6 },
      { area: "Safe Workforce", value: 100, unit: "percent", text: "100% of new starters had enhanced DBS checks before starting.", page: null, line: 9 },
    ],
    passages,
  });

  it("resolves from the later report's stored passages when the stored fragment alone is too thin, and says where the area came from", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, later(PASSAGES));
    const report = await flagGaps(db);
    expect(report).toMatchObject({ resolved: 1, factsOnly: [] });
    const gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", resolved_by: "riverford-2018-09.txt", resolved_text: STATEMENT });
    const evidence = (await gapHistory(db, gap.id)).at(-1)!.evidence as Record<string, unknown>;
    expect(evidence).toMatchObject({ candidate: { source: "statement", line: 6, value: 32 } });
    expect(evidence).not.toHaveProperty("facts_only");
    expect(String(evidence.area_note)).toMatch(/report section it sits in/);
  });

  it("gives a passage outside any section the area of the nearest extracted fact", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, later(PASSAGES.map((p) => ({ ...p, area: null }))));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", resolved_text: STATEMENT });
    const evidence = (await gapHistory(db, gap.id)).at(-1)!.evidence as Record<string, unknown>;
    expect(String(evidence.area_note)).toMatch(/nearest extracted fact/);
  });

  it("documents without passages fall back to stored facts (the gap stays open and says why); re-ingesting with passages resolves it", async () => {
    await storeReport(db, firstReport());
    await storeReport(db, later());
    const report = await flagGaps(db);
    expect(report.factsOnly).toEqual([{ document: "riverford-2018-09.txt", reason: NO_PASSAGES }]);
    expect(summaryLine(report)).toMatch(/1 later report\(s\) searched by their stored facts only, no passages stored \(riverford-2018-09\.txt/);
    let gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    // Only the thin stored fragment was a candidate.
    expect(gap.note).toMatch(/"32 Members attended\." .*shares only 1 subject word/);

    // `ingest --force` of the same bytes stores the passages too.
    await storeDocument(db, reportSource("riverford-2018-09.txt"), reportFacts(later(PASSAGES)), { force: true });
    expect((await flagGaps(db)).factsOnly).toEqual([]);
    gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", resolved_text: STATEMENT });
  });
});

describe("flag-gaps: pending reports filled by a statement of delivery", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.destroy();
  });

  const byMarker = async () => new Map((await listGaps(db, { document: "riverford-2018-03.txt" })).map((g) => [g.marker, g]));
  const lastEvidence = async (id: number) => (await gapHistory(db, id)).at(-1)!.evidence as Record<string, unknown>;
  const laterWith = (passages: NonNullable<ReportSpec["passages"]>, extra: Partial<ReportSpec> = {}) =>
    laterReport("riverford-2018-09.txt", PERIODS.h1_2018, { passages, ...extra });

  it("a report that was due and is later received resolves, with the sentence, its page and the rule in the evidence", async () => {
    await storeReport(db, firstReport({ gaps: [AUDIT_GAP] }));
    await storeReport(db, laterWith(passagesIn("Good Governance",
      "Internal audit programme 2018/19 approved by Audit Committee",
      "IA report received June 18 with substantial assurance",
    )));
    expect(await flagGaps(db)).toMatchObject({ resolved: 1, open: 0 });
    const gap = await onlyGap(db);
    expect(gap).toMatchObject({ status: "resolved", resolved_by: "riverford-2018-09.txt", resolved_page: 2, resolved_text: "IA report received June 18 with substantial assurance" });
    expect(gap.confidence).toBeGreaterThanOrEqual(0.6);
    expect(gap.note).toMatch(/delivery statement/);
    expect(await lastEvidence(gap.id)).toMatchObject({
      rules: ["figure", "delivery statement"],
      rule: "delivery statement",
      delivery: { cue: "received", cue_strength: "completion", shared_awaited: ["ia", "report"], missing_awaited: [] },
      candidate: { source: "statement", value: null, text: "IA report received June 18 with substantial assurance" },
    });
  });

  it("the same report re-announced as still due stays open, and the note says why", async () => {
    await storeReport(db, firstReport({ gaps: [AUDIT_GAP] }));
    await storeReport(db, laterWith(passagesIn("Good Governance", "IA report now due end Sept 18")));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.note).toMatch(/"IA report now due end Sept 18".*itself still waiting \("due end Sept 18"\)/);

    // When the later report's own extraction flags it again, the report is passed over as a whole.
    await storeDocument(db, reportSource("riverford-2018-09.txt"), reportFacts(laterWith(passagesIn("Good Governance", "IA report now due end Sept 18"), {
      gaps: [{ ...AUDIT_GAP, marker: "IA report now due end Sept 18", text: "IA report now due end Sept 18" }],
    })), { force: true });
    await flagGaps(db);
    expect(await onlyGap(db)).toMatchObject({ status: "open", note: expect.stringMatching(/every later report still flags it/) });
  });

  it("a delivery verb about something else leaves it open", async () => {
    await storeReport(db, firstReport({ gaps: [AUDIT_GAP] }));
    await storeReport(db, laterWith(passagesIn("Good Governance", "The annual report was received by Council in July 18")));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.note).toMatch(/names only report of what is awaited \(ia, report\)/);
  });

  it("a count awaited is filled when a later report says all of them arrived (with or without the figure)", async () => {
    for (const [name, text] of [
      ["all-received", "All outstanding DBS checks have now been received for volunteer drivers"],
      ["all-completed", "DBS checks for all volunteers completed"],
      ["figure", "All 3 DBS checks received"],
    ] as const) {
      await db.destroy();
      db = await openTestStore();
      await storeReport(db, firstReport({ gaps: [DBS_GAP] }));
      await storeReport(db, laterWith(passagesIn("Safe Workforce", text)));
      await flagGaps(db);
      const gap = await onlyGap(db);
      expect(gap, name).toMatchObject({ status: "resolved", resolved_text: text });
      expect(await lastEvidence(gap.id), name).toMatchObject({ rule: "delivery statement", delivery: { completes_count: true } });
    }
    // DBS named, something delivered, but not the awaited checks.
    await db.destroy();
    db = await openTestStore();
    await storeReport(db, firstReport({ gaps: [DBS_GAP] }));
    await storeReport(db, laterWith(passagesIn("Safe Workforce", "DBS policy approved"), { indicators: [] }));
    await flagGaps(db);
    expect(await onlyGap(db)).toMatchObject({ status: "open", note: expect.stringMatching(/names db but not that all 3 awaited arrived/) });
  });

  it("a plan that was underway is filled when a later report says it was implemented", async () => {
    await storeReport(db, firstReport({ gaps: [FRAMEWORK_GAP] }));
    await storeReport(db, laterWith(passagesIn("Good Governance",
      "Implementation Plan for Risk Assessment Framework to be reviewed in 2019",
      "The Risk Assessment Framework was implemented in May 2018 and is now used in all assessments.",
    )));
    await flagGaps(db);
    // "to be reviewed" names it too but still waits: the whole candidate is refused, the other one resolves.
    expect(await onlyGap(db)).toMatchObject({ status: "resolved", resolved_text: "The Risk Assessment Framework was implemented in May 2018 and is now used in all assessments." });
  });

  it("a delivery statement the gap's own report already printed, said again, is not news", async () => {
    const reprinted = "Action plan in response to IA report (Oct 17) on placements - COMPLETE";
    await storeReport(db, firstReport({ gaps: [AUDIT_GAP], passages: passagesIn("Good Governance", reprinted, "IA report due end May 18") }));
    await storeReport(db, laterWith(passagesIn("Good Governance", reprinted)));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.note).toMatch(/repeats a statement already printed by then \(riverford-2018-03\.txt p\.2\)/);
  });

  it("an editor's query is left to a person, whatever the later report says", async () => {
    await storeReport(db, firstReport({ gaps: [QUERY_GAP] }));
    await storeReport(db, laterWith(passagesIn("Good Governance", "A newer example: cleaning contract awarded by Riverford school in June 18 has been published")));
    await flagGaps(db);
    const gap = await onlyGap(db);
    expect(gap.status).toBe("open");
    expect(gap.note).toMatch(/an editor's query: whether a later report answers it is left to a person \(`scorebook gaps resolve \d+ --note …`\)/);
  });

  it("a later report that fills some gaps and not others resolves exactly the filled ones", async () => {
    await storeReport(db, firstReport({
      gaps: [MEMBERS_GAP, AUDIT_GAP, DBS_GAP, FRAMEWORK_GAP, QUERY_GAP],
      passages: [
        ...passagesIn("Safe Workforce", `${MEMBERS_GAP.text}`, DBS_GAP.text),
        ...passagesIn("Good Governance", AUDIT_GAP.text, FRAMEWORK_GAP.text, QUERY_GAP.text),
      ],
    }));
    // Members' figure and the IA report arrive; everything else is printed and flagged as before.
    await storeReport(db, laterWith([
      ...passagesIn("Safe Workforce", "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17 – 23 Members attended", DBS_GAP.text),
      ...passagesIn("Good Governance", "IA report received June 18 with substantial assurance", FRAMEWORK_GAP.text, QUERY_GAP.text),
    ], { gaps: [DBS_GAP, FRAMEWORK_GAP, QUERY_GAP] }));
    expect(await flagGaps(db)).toMatchObject({ resolved: 2 });
    const gaps = await byMarker();
    expect([...gaps].map(([marker, g]) => [marker, g.status])).toEqual([
      [MEMBERS_GAP.marker, "resolved"],
      [AUDIT_GAP.marker, "resolved"],
      [DBS_GAP.marker, "open"],
      [FRAMEWORK_GAP.marker, "open"],
      [QUERY_GAP.marker, "open"],
    ]);
    expect(await lastEvidence(gaps.get(MEMBERS_GAP.marker)!.id)).toMatchObject({ rule: "figure" });
    expect(await lastEvidence(gaps.get(AUDIT_GAP.marker)!.id)).toMatchObject({ rule: "delivery statement" });
    expect(gaps.get(DBS_GAP.marker)!.note).toMatch(/every later report still flags it/);
  });
});
