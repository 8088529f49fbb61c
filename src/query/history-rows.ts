/**
 * The scores history reads, joined to their area, document and period. At 10,000 documents
 * that is ~50,000 scores, and better-sqlite3 builds one JS object per result row, which costs
 * more than the query itself. So each table crosses once, as a single row holding one JSON
 * array per column (jsonColumn): the scores (filtered in SQL), then only the areas and
 * documents they name, looked up by id, and the periods; the rows are joined here, in memory.
 * What only a point's kept score shows (its line, the period as its document prints it) is
 * read for those scores alone (keptDetails).
 *
 * A score is kept only where the joins history always made find their row (its area,
 * document, period, and the document's entry for that period), so the rows are those the
 * single joined query gave. The reads share one snapshot (readSnapshot), as that query did.
 */
import { sql, type ExpressionBuilder, type ReferenceExpression } from "kysely";
import { dialectOf, type StoreDialect } from "../store/dialect.js";
import { AuthorityResolver } from "../align/authority.js";
import { canonicalFrameworkName } from "../align/store.js";
import { labelKey, memoisedText } from "../align/text.js";
import type { Store } from "../store/open.js";
import type { Database, ScoresTable } from "../store/schema.js";

export interface ScoreFilter {
  /**
   * Resolves the authorities documents state (and the frameworks' authorities) to one identity
   * each; areas are grouped within their authority and never across.
   */
  authorities: AuthorityResolver;
  /** Only areas linked to this canonical area (every source of it). */
  canonicalKey?: string;
  /** Only areas whose printed label contains this (case-insensitive). */
  sourceArea?: string;
  /** Only periods ending on or after this month. */
  from?: string;
  /** Only periods starting on or before this month. */
  to?: string;
}

export interface PeriodInfo {
  start: string;
  end: string;
}

export interface AreaInfo {
  /** Dense number of the area among those read (0, 1, …): for array-indexed bookkeeping. */
  index: number;
  label: string;
  number: number | null;
  /**
   * The canonical area the link points at; null when unaligned (or its row is gone, or it
   * belongs to another authority's framework: see foreignLink).
   */
  canonical: { label: string; key: string; number: number | null } | null;
  /** labelKey(label): which printed areas are "the same area" across documents. */
  labelKey: string;
  /** The authority identity of the area's document (AuthorityResolver.resolve). */
  authorityKey: string;
  /**
   * The series the area's scores belong to, always within its authority: the authority and
   * the canonical key, or the label's key when unaligned.
   */
  seriesKey: string;
  /** A stored link to another authority's framework (made before frameworks had authorities): ignored, and said. */
  foreignLink: string | null;
}

export interface DocumentInfo {
  /** Dense number of the document among those read (0, 1, …): for array-indexed bookkeeping. */
  index: number;
  source: string;
  /** The latest month the document reports on (max end month of its periods). */
  recency: string;
  /** Its recency's place among those of the documents read, latest first (see rankRecencies). */
  recencyRank: number;
  /** Ids of the periods the document reports on. */
  periods: number[];
}

/** One score with everything history ranks, groups, orders or lists it by. */
export interface ScoreRow {
  id: number;
  value: number | null;
  value_max: number | null;
  page: number | null;
  raw: string;
  origin: string;
  /** originRank(origin), computed once: ranking compares it often. */
  rank: number;
  /** One AreaInfo / DocumentInfo object per area / document: the object stands for its id. */
  area: AreaInfo;
  document: DocumentInfo;
  period: PeriodInfo;
}

/** What a point shows of its kept score beyond the ScoreRow. */
export interface KeptDetails {
  line: number | null;
  /** The period as the score's document prints it. */
  periodLabel: string;
  /** How the score's area reached its canonical area (null: no link row). */
  link: { method: string; confidence: number | null } | null;
}

/**
 * Run several reads on one snapshot of the store, as one statement would see it: a deferred
 * (read) transaction, unless the caller's transaction already gives one.
 */
export async function readSnapshot<T>(db: Store, work: (db: Store) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const begin = dialectOf(db).beginSnapshot;
  return db.connection().execute(async (conn) => {
    await sql.raw(begin).execute(conn);
    let result: T;
    try {
      result = await work(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
    await sql`commit`.execute(conn);
    return result;
  });
}

export async function readScoreRows(db: Store, filter: ScoreFilter): Promise<ScoreRow[]> {
  const scores = await selectScores(db, filter);
  if (scores.id.length === 0) return [];
  const periods = await selectPeriods(db);
  const areas = await selectAreas(db, distinct(scores.area), filter.authorities);
  const documents = await selectDocuments(db, distinct(scores.document), periods);
  const rows: ScoreRow[] = [];
  for (let i = 0; i < scores.id.length; i++) {
    const area = areas.get(scores.area[i]!);
    const document = documents.get(scores.document[i]!);
    const period = periods.get(scores.period[i]!);
    if (!area || !document || !period || !document.periods.includes(scores.period[i]!)) continue;
    const origin = scores.origin[i]!;
    rows.push({
      id: scores.id[i]!,
      value: scores.value[i] ?? null,
      value_max: scores.valueMax[i] ?? null,
      page: scores.page[i] ?? null,
      raw: scores.raw[i]!,
      origin: KNOWN_ORIGINS[origin as unknown as number] ?? origin,
      rank: KNOWN_RANKS[origin as unknown as number] ?? originRank(origin),
      area,
      document,
      period,
    });
  }
  return rows;
}

/** Which score stands for a (document, area, period) when a report prints it more than once. */
const ORIGIN_RANK: Record<string, number> = { "summary-table": 0, section: 1, row: 2 };
/** The origins originCode abbreviates, by code (their position here), and their ranks. */
const KNOWN_ORIGINS = Object.keys(ORIGIN_RANK);
const KNOWN_RANKS = KNOWN_ORIGINS.map(originRank);

function originRank(origin: string): number {
  return ORIGIN_RANK[origin] ?? 9;
}

/*
 * Each table crosses as one row of JSON arrays, one per column (the dialect's jsonArray):
 * every aggregate of a query is fed the rows in the same order, so index i of each column is
 * one row; arrays of plain values parse faster than an array per row, and allocate nothing
 * per row. Id lists bind as one parameter read as a table (the dialect's idTable).
 */

/** Each id once, ascending: SQLite then looks the rows up in key order, page after page. */
function distinct(ids: number[]): number[] {
  const sorted = Float64Array.from(ids).sort();
  const out: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

interface ScoreColumns {
  id: number[];
  area: number[];
  document: number[];
  period: number[];
  value: (number | null)[];
  valueMax: (number | null)[];
  page: (number | null)[];
  raw: string[];
  /** originCode: a known origin's code ("0", "1", …), or the origin itself. */
  origin: string[];
}

async function selectScores(db: Store, filter: ScoreFilter): Promise<ScoreColumns> {
  const d = dialectOf(db);
  let q = db.selectFrom("scores as s").select((eb) => [
    d.jsonArray(eb, "s.id").as("id"),
    d.jsonArray(eb, "s.area_id").as("area"),
    d.jsonArray(eb, "s.document_id").as("document"),
    d.jsonArray(eb, "s.period_id").as("period"),
    d.jsonArray(eb, "s.value").as("value"),
    d.jsonArray(eb, "s.value_max").as("valueMax"),
    d.jsonArray(eb, "s.page").as("page"),
    d.jsonArray(eb, "s.raw").as("raw"),
    d.jsonArray(eb, originCode(eb)).as("origin"),
  ]);
  const areas = matchingAreaIds(db, filter);
  if (areas) q = q.where("s.area_id", "in", areas);
  const periods = matchingPeriodIds(db, filter);
  if (periods) q = q.where("s.period_id", "in", periods);
  const r = await q.executeTakeFirst();
  return {
    id: d.parseJsonArray(r?.id),
    area: d.parseJsonArray(r?.area),
    document: d.parseJsonArray(r?.document),
    period: d.parseJsonArray(r?.period),
    value: d.parseJsonArray(r?.value),
    valueMax: d.parseJsonArray(r?.valueMax),
    page: d.parseJsonArray(r?.page),
    raw: d.parseJsonArray(r?.raw),
    origin: d.parseJsonArray(r?.origin),
  };
}

/**
 * A known origin as its code, its position in KNOWN_ORIGINS as a one-digit text (it crosses as
 * less JSON, and parses to no new string, than 'summary-table' on every score; text, because
 * PostgreSQL's CASE must give one type); any other origin (a word) as itself.
 */
function originCode(eb: ExpressionBuilder<Database & { s: ScoresTable }, "s">) {
  let c = eb.case("s.origin").when(KNOWN_ORIGINS[0]!).then<string>("0");
  for (let code = 1; code < KNOWN_ORIGINS.length; code++) c = c.when(KNOWN_ORIGINS[code]!).then(String(code));
  return c.else(eb.ref("s.origin")).end();
}

/** Periods the filter keeps (null: no period filter). */
function matchingPeriodIds(db: Store, filter: ScoreFilter) {
  const { from, to } = filter;
  if (!from && !to) return null;
  let q = db.selectFrom("periods as p").select("p.id");
  if (from) q = q.where("p.end_month", ">=", from);
  if (to) q = q.where("p.start_month", "<=", to);
  return q;
}

/**
 * Ids of the areas a filter keeps: those linked to the canonical area (`canonicalKey`: every
 * source of it, so its roll-ups are the unfiltered ones), and/or those whose printed label
 * contains `sourceArea`. Labels repeat across documents, so each distinct label is tested
 * once and its areas fetched through the areas_label index. Null: no area filter.
 */
export function matchingAreaIds(db: Store, filter: Pick<ScoreFilter, "canonicalKey" | "sourceArea">) {
  const { canonicalKey, sourceArea } = filter;
  if (canonicalKey === undefined && sourceArea === undefined) return null;
  let q = db.selectFrom("areas as a").select("a.id");
  if (canonicalKey !== undefined) {
    const linked = db
      .selectFrom("area_links as l")
      .innerJoin("areas as c", "c.id", "l.canonical_area_id")
      .select("l.area_id")
      .where("c.key", "=", canonicalKey)
      .where("c.document_id", "is", null);
    q = q.where("a.id", "in", linked);
  }
  if (sourceArea !== undefined) {
    const like = `%${sourceArea.toLowerCase()}%`;
    // Materialized: otherwise SQLite pushes the LIKE into the DISTINCT, which then tests every
    // area instead of skipping through the index from one label to the next.
    const labels = db
      .with((cte) => cte("printed").materialized(), (qb) => qb.selectFrom("areas").select("label").distinct())
      .selectFrom("printed")
      .select("printed.label")
      .where((eb) => eb(eb.fn("lower", ["printed.label"]), "like", like));
    q = q.where("a.label", "in", labels);
  }
  return q;
}

async function selectAreas(db: Store, ids: number[], authorities: AuthorityResolver): Promise<Map<number, AreaInfo>> {
  const d = dialectOf(db);
  const r = await db
    .selectFrom(d.idTable(ids, "ids"))
    .innerJoin("areas as a", "a.id", "ids.value")
    .leftJoin("documents as d", "d.id", "a.document_id")
    .leftJoin("area_links as l", "l.area_id", "a.id")
    .select((eb) => [
      d.jsonArray(eb, "a.id").as("id"),
      d.jsonArray(eb, "a.label").as("label"),
      d.jsonArray(eb, "a.number").as("number"),
      d.jsonArray(eb, "a.document_id").as("document"),
      d.jsonArray(eb, "d.authority").as("authority"),
      d.jsonArray(eb, "l.canonical_area_id").as("canonical"),
    ])
    .executeTakeFirst();
  const id = d.parseJsonArray<number>(r?.id);
  const label = d.parseJsonArray<string>(r?.label);
  const number = d.parseJsonArray<number | null>(r?.number);
  const document = d.parseJsonArray<number | null>(r?.document);
  const authority = d.parseJsonArray<string | null>(r?.authority);
  const canonicalId = d.parseJsonArray<number | null>(r?.canonical);
  // Thousands of document areas link to a handful of canonical ones: read those once each.
  const canonical = await selectCanonicalAreas(db, distinct(canonicalId.filter((c) => c !== null)), authorities);
  const areas = new Map<number, AreaInfo>();
  for (let i = 0; i < id.length; i++) {
    const key = labelKeyOf(label[i]!);
    const linked = canonicalId[i] === null ? null : canonical.get(canonicalId[i]!) ?? null;
    const who = areaIdentity(authorities, authority[i] ?? null, document[i] ?? -1, key, linked);
    const c = who.foreign ? null : linked;
    areas.set(id[i]!, {
      index: i,
      label: label[i]!,
      number: number[i] ?? null,
      canonical: c ? { label: c.label, key: c.key, number: c.number } : null,
      labelKey: key,
      authorityKey: who.authorityKey,
      seriesKey: who.seriesKey,
      foreignLink: who.foreign && linked ? `${label[i]} is linked to ${linked.label} of ${linked.authority}'s framework, not its own authority's: link ignored (run scorebook areas realign)` : null,
    });
  }
  return areas;
}

/**
 * Whose area it is and which series it belongs to. Only the area's own authority's framework
 * counts: a link into another authority's framework (a store aligned before frameworks had
 * authorities) is foreign, ignored and said, never followed. Series never cross authorities.
 */
function areaIdentity(
  authorities: AuthorityResolver,
  authority: string | null,
  documentId: number,
  labelKey: string,
  linked: Pick<CanonicalInfo, "key" | "authorityKey"> | null,
): { authorityKey: string; seriesKey: string; foreign: boolean } {
  const own = authorities.resolve(authority, documentId).key;
  const foreign = linked !== null && linked.authorityKey !== null && linked.authorityKey !== own;
  const canonicalKey = linked && !foreign ? linked.key : null;
  return { authorityKey: own, seriesKey: `${own}\u0000${canonicalKey ?? `area:${labelKey}`}`, foreign };
}

export interface CanonicalInfo {
  label: string;
  key: string;
  number: number | null;
  /** The authority whose framework holds it (as stored, else from the file); null when unknown. */
  authority: string | null;
  authorityKey: string | null;
}

async function selectCanonicalAreas(db: Store, ids: number[], authorities: AuthorityResolver): Promise<Map<number, CanonicalInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("areas as c")
    .leftJoin("frameworks as f", "f.id", "c.framework_id")
    .select(["c.id", "c.label", "c.key", "c.number", "f.name as framework", "f.authority"])
    .where("c.id", "in", ids)
    .execute();
  return new Map(rows.map((c) => [c.id, canonicalInfo(authorities, c)]));
}

/** A canonical area with the authority whose framework holds it. */
function canonicalInfo(
  authorities: AuthorityResolver,
  c: { label: string; key: string; number: number | null; framework: string | null; authority: string | null },
): CanonicalInfo {
  // A store aligned before frameworks had authorities: the file says whose framework it is.
  const authority = c.authority ?? authorities.file.frameworks.find((f) => canonicalFrameworkName(f) === c.framework)?.authority.name ?? null;
  return { label: c.label, key: c.key, number: c.number, authority, authorityKey: authority === null ? null : authorities.keyOfName(authority) };
}

async function selectDocuments(db: Store, ids: number[], periods: Map<number, PeriodInfo>): Promise<Map<number, DocumentInfo>> {
  const d = dialectOf(db);
  // One row per (document, period): flat is cheaper for SQLite than nesting each document's list.
  const r = await db
    .selectFrom(d.idTable(ids, "ids"))
    .innerJoin("documents as d", "d.id", "ids.value")
    .innerJoin("document_periods as dp", "dp.document_id", "d.id")
    .select((eb) => [d.jsonArray(eb, "d.id").as("id"), d.jsonArray(eb, "d.source").as("source"), d.jsonArray(eb, "dp.period_id").as("period")])
    .executeTakeFirst();
  const id = d.parseJsonArray<number>(r?.id);
  const source = d.parseJsonArray<string>(r?.source);
  const period = d.parseJsonArray<number>(r?.period);
  const docs = new Map<number, DocumentInfo>();
  // The rows come a document at a time in practice: each run's periods become one array of
  // just their size (a document met again later, against that habit, has its list extended).
  for (let start = 0, end = 1; start < id.length; start = end, end = start + 1) {
    while (end < id.length && id[end] === id[start]) end++;
    const run = period.slice(start, end);
    const doc = docs.get(id[start]!);
    if (doc) doc.periods = [...doc.periods, ...run];
    else docs.set(id[start]!, { index: docs.size, source: source[start]!, recency: "", recencyRank: 0, periods: run });
  }
  for (const doc of docs.values()) doc.recency = latestEnd(doc.periods, periods);
  rankRecencies(docs.values());
  return docs;
}

const MONTH = /^\d{4}-\d{2}$/;

/** Later recency first; plain comparison for YYYY-MM (the same order localeCompare gives them, much cheaper). */
function byRecencyDesc(a: string, b: string): number {
  if (MONTH.test(a) && MONTH.test(b)) return a < b ? 1 : a > b ? -1 : 0;
  return b.localeCompare(a);
}

/**
 * Number the distinct recencies latest first (equal ones alike), so ranking compares numbers:
 * a few distinct months stand for thousands of documents, and a sort compares them often.
 */
function rankRecencies(docs: Iterable<DocumentInfo>): void {
  const all = [...docs];
  const distinctRecencies = [...new Set(all.map((d) => d.recency))].sort(byRecencyDesc);
  const rank = new Map<string, number>();
  let r = 0;
  distinctRecencies.forEach((recency, i) => {
    if (i > 0 && byRecencyDesc(distinctRecencies[i - 1]!, recency) !== 0) r++;
    rank.set(recency, r);
  });
  for (const d of all) d.recencyRank = rank.get(d.recency)!;
}

async function selectPeriods(db: Store): Promise<Map<number, PeriodInfo>> {
  const rows = await db.selectFrom("periods").select(["id", "start_month", "end_month"]).execute();
  return new Map(rows.map((p) => [p.id, { start: p.start_month, end: p.end_month }]));
}

/** max(end_month) over a document's periods, as SQLite's max() orders text (binary). */
function latestEnd(ids: number[], periods: Map<number, PeriodInfo>): string {
  let latest: string | null = null;
  for (const id of ids) {
    const end = periods.get(id)?.end;
    if (end !== undefined && (latest === null || compareBinary(end, latest) > 0)) latest = end;
  }
  return latest ?? "";
}

/** The line, period label and area link of the given scores (the points' kept ones), by score id. */
export async function keptDetails(db: Store, ids: number[]): Promise<Map<number, KeptDetails>> {
  const d = dialectOf(db);
  if (ids.length === 0) return new Map();
  const r = await db
    .selectFrom(d.idTable(ids, "ids"))
    .innerJoin("scores as s", "s.id", "ids.value")
    .innerJoin("document_periods as dp", (j) => j.onRef("dp.document_id", "=", "s.document_id").onRef("dp.period_id", "=", "s.period_id"))
    .leftJoin("area_links as l", "l.area_id", "s.area_id")
    .select((eb) => [
      d.jsonArray(eb, "s.id").as("id"),
      d.jsonArray(eb, "s.line_start").as("line"),
      d.jsonArray(eb, "dp.label").as("label"),
      d.jsonArray(eb, "l.method").as("method"),
      d.jsonArray(eb, "l.confidence").as("confidence"),
    ])
    .executeTakeFirst();
  const id = d.parseJsonArray<number>(r?.id);
  const line = d.parseJsonArray<number | null>(r?.line);
  const label = d.parseJsonArray<string>(r?.label);
  const method = d.parseJsonArray<string | null>(r?.method);
  const confidence = d.parseJsonArray<number | null>(r?.confidence);
  const details = new Map<number, KeptDetails>();
  id.forEach((scoreId, i) => {
    const m = method[i] ?? null;
    details.set(scoreId, { line: line[i] ?? null, periodLabel: label[i]!, link: m === null ? null : { method: m, confidence: confidence[i] ?? null } });
  });
  return details;
}

/**
 * SQLite's BINARY collation (UTF-8 bytes, i.e. code points) for JS strings. `<` compares
 * UTF-16 units, which differs only around surrogates; this is the order ORDER BY and max() give.
 */
export function compareBinary(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}

/** labelKey, memoised: a store prints few distinct labels, and every score carries one. */
export const labelKeyOf = memoisedText(labelKey, 50_000);
