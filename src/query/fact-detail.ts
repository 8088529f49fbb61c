/**
 * Any fact (score, indicator, action, gap) for the web app's fact page: where it came from
 * (document, page or lines, box), its area and canonical area, its own fields, and the text
 * around it from the stored passages (show.ts contextOf, the same as `scorebook show`).
 */
import type { Store } from "../store/open.js";
import { contextOf, showScore, NotFoundError, type FactLocation, type ScoreDetail } from "./show.js";

export const FACT_KINDS = ["score", "indicator", "action", "gap"] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export function isFactKind(value: string): value is FactKind {
  return (FACT_KINDS as readonly string[]).includes(value);
}

export interface FactDetail {
  kind: FactKind;
  id: number;
  document_id: number;
  document: string;
  format: string;
  page: number | null;
  line: number | null;
  bbox: [number, number, number, number] | null;
  area: string | null;
  canonical_area: string | null;
  canonical_key: string | null;
  period: { label: string; start: string; end: string } | null;
  /** The fact's own fields, in the order a person reads them. */
  fields: [string, string | number | null][];
  context: ScoreDetail["context"];
}

const TABLE = { indicator: "indicators", action: "actions", gap: "gaps" } as const;

export async function factDetail(db: Store, kind: FactKind, id: number): Promise<FactDetail> {
  if (kind === "score") return fromScore(db, await showScore(db, id));
  const table = TABLE[kind];
  const r = await db
    .selectFrom(`${table} as f` as "gaps as f")
    .innerJoin("documents as d", "d.id", "f.document_id")
    .leftJoin("areas as a", "a.id", "f.area_id")
    .leftJoin("area_links as l", "l.area_id", "f.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["f.id", "f.document_id", "f.area_id", "f.page", "f.line_start", "f.line_end", "f.x0", "f.y0", "f.x1", "f.y1",
      "d.source", "d.format", "a.label as area", "c.label as canonical_area", "c.key as canonical_key"])
    .where("f.id", "=", id)
    .executeTakeFirst();
  if (!r) throw new NotFoundError(`no ${kind} with id ${id}`);
  const own = await ownFields(db, kind, id);
  const bbox = r.x0 !== null && r.y0 !== null && r.x1 !== null && r.y1 !== null ? ([r.x0, r.y0, r.x1, r.y1] as [number, number, number, number]) : null;
  const location: FactLocation = {
    page: r.page,
    bbox,
    lines: r.line_start !== null ? [r.line_start, r.line_end ?? r.line_start] : null,
    areaId: r.area_id ?? -1,
    area: r.area ?? "",
    raw: own.raw,
  };
  return {
    kind,
    id: r.id,
    document_id: r.document_id,
    document: r.source,
    format: r.format,
    page: r.page,
    line: r.line_start,
    bbox,
    area: r.area,
    canonical_area: r.canonical_area,
    canonical_key: r.canonical_key,
    period: own.period,
    fields: own.fields,
    context: await contextOf(db, r.document_id, location),
  };
}

async function fromScore(db: Store, s: ScoreDetail): Promise<FactDetail> {
  const meta = await db
    .selectFrom("scores as s")
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .leftJoin("areas as c", "c.id", "l.canonical_area_id")
    .select(["s.document_id", "c.key as canonical_key"])
    .where("s.id", "=", s.score_id)
    .executeTakeFirstOrThrow();
  return {
    kind: "score",
    id: s.score_id,
    document_id: meta.document_id,
    document: s.document,
    format: s.format,
    page: s.page,
    line: s.line,
    bbox: s.bbox,
    area: s.area,
    canonical_area: s.canonical_area,
    canonical_key: meta.canonical_key,
    period: s.period,
    fields: [
      ["value", s.value],
      ["value_max", s.value_max],
      ["as printed", s.raw],
      ["origin", s.origin],
      ["area number", s.area_number],
      ["link", s.link ? `${s.link.method} (confidence ${s.link.confidence})` : "unaligned"],
    ],
    context: s.context,
  };
}

async function periodOf(db: Store, periodId: number | null, documentId: number): Promise<FactDetail["period"]> {
  if (periodId === null) return null;
  const p = await db
    .selectFrom("periods as p")
    .leftJoin("document_periods as dp", (j) => j.onRef("dp.period_id", "=", "p.id").on("dp.document_id", "=", documentId))
    .select(["p.label", "dp.label as own", "p.start_month", "p.end_month"])
    .where("p.id", "=", periodId)
    .executeTakeFirst();
  return p ? { label: p.own ?? p.label, start: p.start_month, end: p.end_month } : null;
}

async function ownFields(db: Store, kind: Exclude<FactKind, "score">, id: number): Promise<{ raw: string; period: FactDetail["period"]; fields: FactDetail["fields"] }> {
  switch (kind) {
    case "indicator": {
      const r = await db.selectFrom("indicators").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      return {
        raw: String(r.value),
        period: await periodOf(db, r.period_id, r.document_id),
        fields: [["value", r.value], ["unit", r.unit], ["previous", r.previous], ["text", r.text]],
      };
    }
    case "action": {
      const r = await db.selectFrom("actions").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      return { raw: r.text.slice(0, 40), period: null, fields: [["text", r.text], ["kind", r.kind], ["status", r.status], ["RAG", r.rag], ["due", r.due]] };
    }
    case "gap": {
      const r = await db
        .selectFrom("gaps as g")
        .leftJoin("documents as rd", "rd.id", "g.resolved_by_document_id")
        .selectAll("g")
        .select(["rd.source as resolved_by"])
        .where("g.id", "=", id)
        .executeTakeFirstOrThrow();
      return {
        raw: r.marker,
        period: await periodOf(db, r.period_id, r.document_id),
        fields: [
          ["marker", r.marker], ["text", r.text], ["kind", r.kind], ["status", r.status],
          ["resolved by", r.resolved_by], ["resolved page", r.resolved_page], ["resolving text", r.resolved_text],
          ["confidence", r.confidence], ["note", r.note],
        ],
      };
    }
  }
}
