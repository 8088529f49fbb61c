/**
 * Small synthetic reports for the gap tests: one reporting period, a few areas, and the
 * statements (indicators, actions, gaps) a test needs, each on a page. Written for the tests,
 * not copied from the fixtures.
 */
import { createHash } from "node:crypto";
import type { DocumentFacts, Gap, Indicator, Passage } from "../../src/facts/schema.js";
import type { Store } from "../../src/store/open.js";
import { storeDocument, type DocumentSource } from "../../src/store/write.js";

export interface ReportSpec {
  /** File name, also the source of its sha256. */
  name: string;
  period: { label: string; start: string; end: string };
  /** Earlier period the report reprints for comparison (it must not count as its own). */
  previous?: { label: string; start: string; end: string };
  authority?: string | null;
  areas?: string[];
  /** `page: null` with `line` for a text-format report (its facts are placed by line). */
  indicators?: { area: string | null; value: number; unit?: "percent" | "count"; text: string; page?: number | null; line?: number }[];
  actions?: { area: string | null; text: string; page?: number }[];
  gaps?: { area: string | null; marker: string; text: string; kind?: Gap["kind"]; page?: number }[];
  /**
   * The report's running text as ingest stores it (one logical line each); none by default,
   * as for a document stored before passages were kept. `area: null` is a line outside any
   * area section.
   */
  passages?: { area: string | null; text: string; kind?: Passage["kind"]; page?: number | null; line?: number }[];
}

export const AUTHORITY = "Riverford Borough Council";

const keyOf = (label: string) => label.toLowerCase().replace(/[^a-z]+/g, "-");

export function reportFacts(spec: ReportSpec): DocumentFacts {
  const areas = spec.areas ?? ["Safe Workforce", "Good Governance"];
  const areaKey = (label: string | null) => (label === null ? null : keyOf(label));
  const place = (page: number | null = 1, line?: number) => ({ page, bbox: null, lines: line === undefined ? null : ([line, line] as [number, number]) });
  const periods = spec.previous ? [spec.previous, spec.period] : [spec.period];
  const indicators: Indicator[] = (spec.indicators ?? []).map((i) => ({
    value: i.value, unit: i.unit ?? "count", previous: null, text: i.text, areaKey: areaKey(i.area), periodLabel: spec.period.label, place: place(i.page, i.line),
  }));
  return {
    kind: "progress-report",
    title: `Progress report ${spec.period.label}`,
    authority: spec.authority === undefined ? AUTHORITY : spec.authority,
    framework: "cornerstones",
    periods,
    areas: areas.map((label, i) => ({ key: keyOf(label), number: i + 1, label, description: null, place: place(1) })),
    scores: [],
    scale: [],
    indicators,
    actions: (spec.actions ?? []).map((a) => ({
      text: a.text, kind: "further-action", status: null, rag: null, due: null, areaKey: areaKey(a.area), place: place(a.page),
    })),
    gaps: (spec.gaps ?? []).map((g) => ({
      marker: g.marker, text: g.text, kind: g.kind ?? "figures-awaited", areaKey: areaKey(g.area), periodLabel: spec.period.label, place: place(g.page),
    })),
    messages: [],
    passages: (spec.passages ?? []).map((p) => ({
      text: p.text, areaKey: areaKey(p.area), place: place(p.page, p.line), kind: p.kind ?? "paragraph", row: null, col: null,
    })),
  };
}

export function reportSource(name: string): DocumentSource {
  return {
    source: name,
    path: `/synthetic/${name}`,
    format: "txt",
    sha256: createHash("sha256").update(name).digest("hex"),
    sizeBytes: 100,
    pages: 4,
    extractorVersion: "test",
  };
}

/** Store one synthetic report; `ingestedAt` pins its ingest time (manual-reopen tests need order). */
export async function storeReport(db: Store, spec: ReportSpec, ingestedAt?: string): Promise<number> {
  const outcome = await storeDocument(db, reportSource(spec.name), reportFacts(spec), { now: ingestedAt });
  return outcome.documentId;
}

export const PERIODS = {
  h2_2017: { label: "Oct 17 - March 18", start: "2017-10", end: "2018-03" },
  h1_2017: { label: "April 17 - Sept 17", start: "2017-04", end: "2017-09" },
  h1_2018: { label: "April 18 - Sept 18", start: "2018-04", end: "2018-09" },
  h2_2018: { label: "Oct 18 - March 19", start: "2018-10", end: "2019-03" },
  h1_2019: { label: "April 19 - Sept 19", start: "2019-04", end: "2019-09" },
} as const;

/** The figures-awaited gap most tests follow: training for elected members, figures not in. */
export const MEMBERS_GAP = {
  area: "Safe Workforce",
  marker: "?????? (FIGURES STILL WAITING)",
  text: "Joint adult protection and child protection awareness sessions were delivered to elected Members in Nov 17 ?????? (FIGURES STILL WAITING)",
  page: 3,
};

/** The report that raises MEMBERS_GAP, with a few figures of its own around it. */
export function firstReport(extra: Partial<ReportSpec> = {}): ReportSpec {
  return {
    name: "riverford-2018-03.txt",
    period: PERIODS.h2_2017,
    previous: PERIODS.h1_2017,
    indicators: [
      { area: "Safe Workforce", value: 100, unit: "percent", text: "100% of new starters had enhanced DBS checks before starting", page: 3 },
      { area: "Safe Workforce", value: 212, text: "212 volunteers completed safeguarding induction this period", page: 3 },
      { area: "Good Governance", value: 2, text: "2 internal audit recommendations remain open", page: 2 },
    ],
    gaps: [MEMBERS_GAP],
    ...extra,
  };
}

/**
 * Pending-report gaps (something due, awaited or underway, not a figure): the internal audit
 * report of commissioned placements, DBS checks awaited for volunteer drivers, and a risk
 * framework whose implementation "will be reflected in next reporting period".
 */
export const AUDIT_GAP = {
  area: "Good Governance",
  marker: "IA report due end May 18",
  text: "IA report due end May 18",
  kind: "pending-report" as const,
  page: 2,
};

export const DBS_GAP = {
  area: "Safe Workforce",
  marker: "3 DBS awaited",
  text: "All volunteer drivers referred for checks 3 DBS awaited for volunteer drivers – not started",
  kind: "pending-report" as const,
  page: 3,
};

export const FRAMEWORK_GAP = {
  area: "Good Governance",
  marker: "will be reflected in next reporting period",
  text: "Implementation Plan for Risk Assessment Framework is underway and will be reflected in next reporting period.",
  kind: "pending-report" as const,
  page: 2,
};

/** An editor's question left in the text, not a missing value. */
export const QUERY_GAP = {
  area: "Good Governance",
  marker: "(From old report not sure if there is a newer example?)",
  text: "Extract from cleaning contract awarded by Riverford school. (From old report not sure if there is a newer example?)",
  kind: "unresolved-query" as const,
  page: 2,
};

/** Running text of a report: one passage per line, all in one area unless given. */
export function passagesIn(area: string | null, ...texts: string[]): NonNullable<ReportSpec["passages"]> {
  return texts.map((text, i) => ({ area, text, page: 2, line: 10 + i }));
}
