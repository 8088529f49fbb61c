/**
 * `ingest --force` re-extracts stored bytes: facts are replaced, but the gap ledger (ids,
 * statuses, resolutions, people's decisions) carries over.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { flagGaps } from "../../pipelines/flag-gaps.js";
import { gapHistory, reopenManually, resolveManually } from "../../src/gaps/ledger.js";
import { listGaps } from "../../src/query/gaps.js";
import { pairGaps, type CarriedGap } from "../../src/store/carry-over.js";
import { type Store } from "../../src/store/open.js";
import { storeDocument } from "../../src/store/write.js";
import { DBS_GAP, firstReport, MEMBERS_GAP, PERIODS, reportFacts, reportSource, storeReport, type ReportSpec } from "../helpers/gaps-builder.js";
import { openTestStore } from "../helpers/store.js";

const FILLED = "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17: 31 Members attended";

const laterReport = (extra: Partial<ReportSpec> = {}): ReportSpec => ({
  name: "riverford-2018-09.txt",
  period: PERIODS.h1_2018,
  indicators: [{ area: "Safe Workforce", value: 31, text: FILLED, page: 4 }],
  ...extra,
});

/** `ingest --force` of a stored report: the same source (so the same sha256), extracted again. */
const reextract = (db: Store, spec: ReportSpec, now: string) =>
  storeDocument(db, reportSource(spec.name), reportFacts(spec), { force: true, now });

const documentOf = (db: Store, source: string) =>
  db.selectFrom("documents").select(["id", "ingested_at"]).where("source", "=", source).executeTakeFirstOrThrow();

const eventCount = async (db: Store) =>
  Number((await db.selectFrom("gap_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

describe("ingest --force keeps the gap ledger", () => {
  let db: Store;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(async () => {
    await db.destroy();
  });

  it("a gap found again keeps its id, a person's resolution and its whole history; the document keeps its first ingest time", async () => {
    await storeReport(db, firstReport(), "2018-04-01T00:00:00.000Z");
    const [gap] = await listGaps(db);
    await resolveManually(db, gap!.id, "figures confirmed by the training team", { actor: "auditor", now: "2018-05-01T00:00:00.000Z" });
    const history = await gapHistory(db, gap!.id);
    const before = await documentOf(db, "riverford-2018-03.txt");

    const outcome = await reextract(db, firstReport(), "2018-06-01T00:00:00.000Z");
    expect(outcome).toMatchObject({ status: "replaced", replacedId: before.id });
    const after = await documentOf(db, "riverford-2018-03.txt");
    expect(after.id).not.toBe(before.id);
    expect(after.ingested_at).toBe(before.ingested_at);

    const gaps = await listGaps(db);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ id: gap!.id, status: "resolved", decided_by: "manual", note: "figures confirmed by the training team", marker: MEMBERS_GAP.marker });
    expect(await gapHistory(db, gap!.id)).toEqual(history);
    const events = await eventCount(db);
    await flagGaps(db, { now: "2018-06-02T00:00:00.000Z" });
    expect(await eventCount(db)).toBe(events);
  });

  it("a gap that the replaced report resolved stays resolved, by the new copy, with no new event", async () => {
    await storeReport(db, firstReport(), "2018-04-01T00:00:00.000Z");
    await storeReport(db, laterReport(), "2018-10-01T00:00:00.000Z");
    await flagGaps(db, { now: "2018-10-02T00:00:00.000Z" });
    const [resolved] = await listGaps(db);
    expect(resolved).toMatchObject({ status: "resolved", resolved_by: "riverford-2018-09.txt", resolved_page: 4 });
    const events = await eventCount(db);

    await reextract(db, laterReport(), "2018-11-01T00:00:00.000Z");
    const { id: copy } = await documentOf(db, "riverford-2018-09.txt");
    const [kept] = await listGaps(db);
    expect(kept).toEqual(resolved);
    const row = await db.selectFrom("gaps").select("resolved_by_document_id").where("id", "=", resolved!.id).executeTakeFirstOrThrow();
    expect(row.resolved_by_document_id).toBe(copy);
    expect(await eventCount(db)).toBe(events);
  });

  it("a reopen holds against the evidence it rejected even after that report is re-extracted", async () => {
    await storeReport(db, firstReport(), "2018-04-01T00:00:00.000Z");
    await storeReport(db, laterReport(), "2018-10-01T00:00:00.000Z");
    await flagGaps(db, { now: "2018-10-02T00:00:00.000Z" });
    const [gap] = await listGaps(db);
    await reopenManually(db, gap!.id, "31 is the invitations sent, not attendance", { actor: "auditor", now: "2018-10-03T00:00:00.000Z" });

    await reextract(db, laterReport(), "2018-11-01T00:00:00.000Z");
    await flagGaps(db, { now: "2018-11-02T00:00:00.000Z" });
    expect((await listGaps(db))[0]).toMatchObject({ id: gap!.id, status: "open", decided_by: "manual" });
  });

  it("a decided gap that re-extraction no longer finds goes with a warning on the document; an undecided one goes quietly", async () => {
    await storeReport(db, firstReport({ gaps: [MEMBERS_GAP, DBS_GAP] }), "2018-04-01T00:00:00.000Z");
    const byMarker = new Map((await listGaps(db)).map((g) => [g.marker, g]));
    const members = byMarker.get(MEMBERS_GAP.marker)!;
    await resolveManually(db, members.id, "checked by hand", { actor: "auditor", now: "2018-05-01T00:00:00.000Z" });

    const newDbs = { ...DBS_GAP, text: `${DBS_GAP.text} (re-read)` };
    await reextract(db, firstReport({ gaps: [newDbs] }), "2018-06-01T00:00:00.000Z");
    const gaps = await listGaps(db);
    expect(gaps.map((g) => g.text)).toEqual([newDbs.text]);
    expect(gaps[0]!.id).not.toBe(byMarker.get(DBS_GAP.marker)!.id);
    const messages = await db.selectFrom("messages").select(["level", "source", "text", "page"]).execute();
    expect(messages).toEqual([
      {
        level: "warning",
        source: "store",
        text: `re-extraction no longer finds gap ${members.id} ("${MEMBERS_GAP.marker}", resolved); it and its history were dropped; last decision: resolved by manual at 2018-05-01T00:00:00.000Z (checked by hand)`,
        page: MEMBERS_GAP.page,
      },
    ]);
  });
});

describe("pairGaps", () => {
  const stored = (id: number, marker: string, text = "t", kind = "figures-awaited"): CarriedGap => ({
    row: {
      id, document_id: 1, area_id: null, period_id: null, marker, text, kind, status: "open", resolved_by_document_id: null, resolved_page: null,
      resolved_text: null, confidence: null, note: null, page: 1, x0: null, y0: null, x1: null, y1: null, line_start: null, line_end: null, ocr_confidence: null,
    },
    events: [],
  });

  it("pairs by kind, marker and text; repeated identical gaps pair in order; the rest are dropped", () => {
    const a = stored(1, "?????"), b = stored(2, "?????"), c = stored(3, "3 DBS awaited"), d = stored(4, "?????", "t", "pending-report");
    const { carried, dropped } = pairGaps([a, b, c, d], [
      { kind: "figures-awaited", marker: "?????", text: "t" },
      { kind: "figures-awaited", marker: "new", text: "t" },
      { kind: "figures-awaited", marker: "?????", text: "t" },
      { kind: "figures-awaited", marker: "?????", text: "t" },
    ]);
    expect(carried).toEqual([a, null, b, null]);
    expect(dropped).toEqual([c, d]);
  });
});
