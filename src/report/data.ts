/** Everything the HTML report shows, gathered from the store in one place. */
import type { Export } from "../facts/export.js";
import type { RollupRule } from "../align/canonical.js";
import { listAreaLinks, type AreaLinkRow } from "../align/links.js";
import { actionsOnce, type ActionRecord } from "../query/evidence.js";
import { exportAll } from "../query/export.js";
import { listGaps } from "../query/gaps.js";
import { history, type HistorySeries } from "../query/history.js";
import type { Store } from "../store/open.js";
import { authorityKeys, loadAuthorityResolver, storedAuthorities } from "../query/authorities.js";
import { scoreFrameworks, type SourceFramework } from "../query/frameworks.js";
import { frameworkChangeNote, historyMatrix } from "../query/history-matrix.js";
import type { FrameworkBreak } from "./chart.js";

/**
 * Where the reports change framework, from the stored areas' frameworks of the scores in
 * each period (history-matrix.ts): the charts break their line there and say so.
 */
export function frameworkBreaks(series: HistorySeries[], frameworks: ReadonlyMap<number, SourceFramework>): FrameworkBreak[] {
  const m = historyMatrix(series, frameworks);
  const out: FrameworkBreak[] = [];
  for (let i = 1; i < m.spans.length; i++) {
    const a = m.spans[i - 1]!;
    const b = m.spans[i]!;
    out.push({ before: a.last, after: b.first, note: frameworkChangeNote([a, b])! });
  }
  return out;
}

/** The breaks of each authority's reports (each council changes framework on its own), by authority ("" for none stated). */
export function breaksByAuthority(series: HistorySeries[], frameworks: ReadonlyMap<number, SourceFramework>): Record<string, FrameworkBreak[]> {
  const groups = new Map<string, HistorySeries[]>();
  for (const s of series) groups.set(s.authority ?? "", [...(groups.get(s.authority ?? "") ?? []), s]);
  return Object.fromEntries([...groups].map(([authority, group]) => [authority, frameworkBreaks(group, frameworks)]));
}

export interface ReportData {
  generatedAt: string;
  /** The one authority the report was limited to (as asked), or null: every authority, grouped. */
  authority: string | null;
  documents: Export["documents"];
  series: HistorySeries[];
  links: AreaLinkRow[];
  /** Each open gap once per report (the copy stored first; src/gaps/report-status.ts). */
  openGaps: Export["gaps"];
  /** Each action once per report, with the report's other renderings under also_in. */
  actions: ActionRecord[];
  scaleMax: number;
  /** Where each authority's reports change framework ("" : reports stating no authority). */
  breaks: Record<string, FrameworkBreak[]>;
}

export async function reportData(db: Store, options: { rollup?: RollupRule; now?: string; authority?: string } = {}): Promise<ReportData> {
  const data = await exportAll(db);
  // The gaps listing decides which copy stands for a report's gap, and whether it is open.
  const open = new Set((await listGaps(db, { open: true })).map((g) => g.id));
  const top = await db.selectFrom("scale_levels").select((eb) => eb.fn.max("level").as("max")).executeTakeFirst();
  const authorities = loadAuthorityResolver();
  await storedAuthorities(db, authorities);
  const only = options.authority ? await authorityKeys(db, authorities, options.authority) : null;
  const ids = new Map(await db.selectFrom("documents").select(["id", "source"]).execute().then((rows) => rows.map((r) => [r.source, r.id] as const)));
  const keep = (d: { document: string; authority?: string | null }) => !only || only.has(authorities.resolve(d.authority ?? null, ids.get(d.document) ?? -1).key);
  const documents = data.documents.filter(keep);
  const sources = new Set(documents.map((d) => d.document));
  const mine = (r: { document: string }) => sources.has(r.document);
  const series = await history(db, { rollup: options.rollup, authority: options.authority, authorities });
  const frameworks = await scoreFrameworks(db, series.flatMap((s) => s.series.map((p) => p.score_id)));
  return {
    generatedAt: options.now ?? new Date().toISOString(),
    authority: options.authority ?? null,
    documents,
    series,
    links: (await listAreaLinks(db)).filter(mine),
    openGaps: data.gaps.filter((g) => g.id !== null && open.has(g.id) && mine(g)),
    actions: actionsOnce(data).filter(mine),
    scaleMax: Math.max(6, Number(top?.max ?? 0) || 0),
    breaks: breaksByAuthority(series, frameworks),
  };
}
