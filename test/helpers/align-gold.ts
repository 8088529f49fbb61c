/**
 * DocumentFacts built from the gold files (fixtures/gold/*.json): the two real frameworks'
 * areas, statements and scores, without any reader or extractor. For alignment, history,
 * compare and report tests until extraction fills these from the reports themselves.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DocumentFacts, Period, Score } from "../../src/facts/schema.js";
import type { DocumentSource } from "../../src/store/write.js";

interface GoldArea { id: string; label: string; number: number | null; description: string | null }
interface GoldScore { area: string; period_start: string; period_end: string; value: number | null; value_max: number | null; raw: string; where: string }
interface Gold {
  document: { file: string; kind: string; title: string; authority: string; periods: Period[] };
  areas: GoldArea[];
  scores: GoldScore[];
  actions: { area: string | null; text: string; kind: string; status: string | null }[];
  gaps: { area: string | null; marker: string; text: string; kind: string }[];
}

export const GOLD_2015 = "mcc-2015-09-strategic-overview.json";
export const GOLD_2018 = "mcc-2018-03-evaluative-progress-report.json";

export function readGold(name: string): Gold {
  return JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "fixtures", "gold", name), "utf8")) as Gold;
}

export interface GoldOptions {
  /** Rename the source (e.g. the same report as another rendering). */
  source?: string;
  /** Change scores: (areaNumber, periodStart, score) → score. */
  mapScore?: (areaNumber: number | null, periodStart: string, s: Score) => Score;
  /** Leave out areas' statements (as a reader that did not find them would). */
  withoutStatements?: boolean;
}

export function goldFacts(name: string, options: GoldOptions = {}): DocumentFacts {
  const g = readGold(name);
  const page = (i: number) => ({ page: 1 + (i % 7), bbox: null, lines: null });
  const labelOf = (start: string, end: string) => g.document.periods.find((p) => p.start === start && p.end === end)!.label;
  const numberOf = new Map(g.areas.map((a) => [a.id, a.number]));
  return {
    kind: g.document.kind as DocumentFacts["kind"],
    title: g.document.title,
    authority: g.document.authority,
    framework: g.document.kind === "progress-report" ? "cornerstones" : "key-priority-areas",
    periods: g.document.periods,
    areas: g.areas.map((a, i) => ({
      key: a.id,
      number: a.number,
      label: a.label,
      description: options.withoutStatements ? null : a.description,
      place: page(i),
    })),
    scores: g.scores.map((s, i) => {
      const score: Score = {
        areaKey: s.area,
        periodLabel: labelOf(s.period_start, s.period_end),
        value: s.value,
        valueMax: s.value_max,
        raw: s.raw,
        origin: s.where as Score["origin"],
        place: page(i),
      };
      return options.mapScore ? options.mapScore(numberOf.get(s.area) ?? null, s.period_start, score) : score;
    }),
    scale: [{ level: 6, label: "Excellent", meaning: null, place: null }],
    indicators: [],
    actions: g.actions
      .filter((a) => a.text.trim().length > 0)
      .slice(0, 12)
      .map((a, i) => ({ text: a.text, kind: a.kind as DocumentFacts["actions"][number]["kind"], status: a.status, rag: null, due: null, areaKey: a.area, place: page(i) })),
    gaps: g.gaps.map((x, i) => ({ marker: x.marker, text: x.text, kind: x.kind as DocumentFacts["gaps"][number]["kind"], areaKey: x.area, periodLabel: null, place: page(i) })),
    messages: [],
    // The gold files hold no running text; these tests never ask for it.
    passages: [],
  };
}

export function goldSource(name: string, overrides: Partial<DocumentSource> = {}): DocumentSource {
  const source = overrides.source ?? name.replace(/\.json$/, ".pdf");
  return {
    source,
    path: null,
    format: "pdf",
    sha256: createHash("sha256").update(source).digest("hex"),
    sizeBytes: 1000,
    pages: 7,
    extractorVersion: "test",
    ...overrides,
  };
}
