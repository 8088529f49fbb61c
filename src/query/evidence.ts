/**
 * `scorebook indicators` and `scorebook actions`: the evidence and plans behind the scores.
 * Each is listed once per report: the renderings of one report (src/store/reports.ts) print
 * the same indicator or action, and the copies stored after the first are listed under
 * `also_in` (src/query/renderings.ts), as history does for scores.
 */
import type { Export } from "../facts/export.js";
import type { Store } from "../store/open.js";
import { exportAll, type ExportFilter } from "./export.js";
import { alsoIn, groupRenderings, keyPart, type AlsoIn } from "./renderings.js";

export type IndicatorRecord = Export["indicators"][number] & { also_in: AlsoIn[] };
export type ActionRecord = Export["actions"][number] & { also_in: AlsoIn[] };

/** Documents by base name within one export, to tell which file (not only which report) an item is from. */
function documentIndex(data: Export): Map<string, number> {
  return new Map(data.documents.map((d, i) => [d.document, i]));
}

/** What makes two renderings' indicators one: area as printed, period, value, unit, previous value. */
export function indicatorKey(r: Export["indicators"][number]): string {
  return [keyPart(r.area), r.period ? `${r.period.start}/${r.period.end}` : "", r.value, r.unit, r.previous ?? ""].join("\u0000");
}

/**
 * What makes two renderings' actions one: the area as printed and the words of its text. Not
 * its kind: a text extraction can lose the heading that tells a further action from a plan
 * standard, and the same words in the same area of one report are one action.
 */
export function actionKey(r: Export["actions"][number]): string {
  return [keyPart(r.area), keyPart(r.text)].join("\u0000");
}

function once<T extends { id: number | null; document: string; report: number | null; page: number | null; line: number | null }>(
  items: T[],
  key: (item: T) => string,
  docs: Map<string, number>,
): (T & { also_in: AlsoIn[] })[] {
  return groupRenderings(items, (r) => ({ report: r.report, document: docs.get(r.document) ?? -1, key: key(r) })).map((g) => ({
    ...g[0]!,
    also_in: alsoIn(g),
  }));
}

/** An export's indicators, each once per report. Pure. */
export function indicatorsOnce(data: Export): IndicatorRecord[] {
  return once(data.indicators, indicatorKey, documentIndex(data));
}

/** An export's actions, each once per report. Pure. */
export function actionsOnce(data: Export): ActionRecord[] {
  return once(data.actions, actionKey, documentIndex(data));
}

export async function listIndicators(db: Store, filter: ExportFilter = {}): Promise<IndicatorRecord[]> {
  return indicatorsOnce(await exportAll(db, filter));
}

export async function listActions(db: Store, filter: ExportFilter = {}): Promise<ActionRecord[]> {
  return actionsOnce(await exportAll(db, filter));
}
