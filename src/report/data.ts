/** Everything the HTML report shows, gathered from the store in one place. */
import type { Export } from "../facts/export.js";
import type { RollupRule } from "../align/canonical.js";
import { listAreaLinks, type AreaLinkRow } from "../align/links.js";
import { exportAll } from "../query/export.js";
import { history, type HistorySeries } from "../query/history.js";
import type { Store } from "../store/open.js";

export interface ReportData {
  generatedAt: string;
  documents: Export["documents"];
  series: HistorySeries[];
  links: AreaLinkRow[];
  openGaps: Export["gaps"];
  actions: Export["actions"];
  scaleMax: number;
}

export async function reportData(db: Store, options: { rollup?: RollupRule; now?: string } = {}): Promise<ReportData> {
  const data = await exportAll(db);
  const top = await db.selectFrom("scale_levels").select((eb) => eb.fn.max("level").as("max")).executeTakeFirst();
  return {
    generatedAt: options.now ?? new Date().toISOString(),
    documents: data.documents,
    series: await history(db, { rollup: options.rollup }),
    links: await listAreaLinks(db),
    openGaps: data.gaps.filter((g) => g.status === "open"),
    actions: data.actions,
    scaleMax: Math.max(6, Number(top?.max ?? 0) || 0),
  };
}
