/**
 * Which source framework each score was given under: the framework its area belongs to (the
 * report's own list of areas: 2015's nine key priority areas, 2017's five cornerstones),
 * else the document's framework, else its kind. Read from the data, never from dates, so a
 * change of framework shows wherever the reports change theirs.
 */
import type { Store } from "../store/open.js";

export interface SourceFramework {
  /** The framework's name as stored (e.g. "key-priority-areas"). */
  name: string;
  /** How many areas the score's document lists in that framework. */
  areas: number;
}

/** Score id → its source framework, for the given scores (all when ids is undefined). */
export async function scoreFrameworks(db: Store, ids?: readonly number[]): Promise<Map<number, SourceFramework>> {
  if (ids !== undefined && ids.length === 0) return new Map();
  let q = db
    .selectFrom("scores as s")
    .innerJoin("areas as a", "a.id", "s.area_id")
    .innerJoin("documents as d", "d.id", "s.document_id")
    .leftJoin("frameworks as f", "f.id", "a.framework_id")
    .select(["s.id", "s.document_id", "a.framework_id", "f.name", "d.framework", "d.kind"]);
  if (ids !== undefined) q = q.where("s.id", "in", [...ids]);
  const rows = await q.execute();
  const documents = [...new Set(rows.map((r) => r.document_id))];
  const counts = new Map<string, number>();
  if (documents.length > 0) {
    const areaRows = await db
      .selectFrom("areas")
      .select(["document_id", "framework_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("document_id", "in", documents)
      .groupBy(["document_id", "framework_id"])
      .execute();
    for (const a of areaRows) counts.set(`${a.document_id}/${a.framework_id}`, Number(a.n));
  }
  return new Map(rows.map((r) => [r.id, { name: r.name ?? r.framework ?? r.kind, areas: counts.get(`${r.document_id}/${r.framework_id}`) ?? 0 }]));
}

/** "key-priority-areas" → "key priority areas". */
export function frameworkTitle(name: string): string {
  return name.replace(/[-_]+/g, " ").trim();
}
