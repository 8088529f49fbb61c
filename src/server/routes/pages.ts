/** The HTML pages: each gathers its data from src/query and hands it to a pure view. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { compare, type Comparison, type CompareRow } from "../../query/compare.js";
import { countDocuments, documentDetail, listDocuments } from "../../query/documents.js";
import { FilterError } from "../../query/filters.js";
import { listGaps, type GapRecord } from "../../query/gaps.js";
import type { HistoryPoint } from "../../query/history.js";
import { overviewGrids, storeCounts } from "../../query/overview.js";
import { PeriodError, storedPeriods } from "../../query/periods.js";
import { search, SEARCH_LIMIT, type SearchHit } from "../../query/search.js";
import { factKeys, isFactKind, NotFoundError, showFact } from "../../query/show.js";
import { gapHistory } from "../../gaps/ledger.js";
import { AuthorityResolver } from "../../align/authority.js";
import { loadCanonicalFrameworks } from "../../align/canonical.js";
import { areaLinkOf, sourceAreaGroups } from "../../align/links.js";
import { HttpError, idParam, sendHtml, type AppContext } from "../app.js";
import { safeCsv } from "../csv.js";
import { documentListColumns } from "../../format/columns.js";
import { areaView } from "../views/area.js";
import { areasView, type CanonicalChoices, type LinkedNotice } from "../views/areas.js";
import { compareView } from "../views/compare.js";
import { documentsView, documentView } from "../views/documents.js";
import { factView } from "../views/fact.js";
import { gapsView, type GapStatusFilter } from "../views/gaps.js";
import { page, type PageInput, type Viewer } from "../views/layout.js";
import { searchView } from "../views/misc.js";
import { overviewView } from "../views/overview.js";
import type { Html } from "../views/html.js";

export const PAGE_SIZE = 100;

type Query = Record<string, string | undefined>;

/** The viewer with a fresh CSRF token when someone is signed in (their forms need it). */
export function viewerOf(req: FastifyRequest, reply: FastifyReply): Viewer {
  if (req.viewer.user && !req.viewer.csrf) req.viewer.csrf = reply.generateCsrf({ userInfo: req.sessionId ?? "anonymous" });
  return req.viewer;
}

function render(req: FastifyRequest, reply: FastifyReply, title: string, section: PageInput["section"], body: Html, status = 200) {
  return sendHtml(reply, page({ title, section, body, viewer: viewerOf(req, reply) }), status);
}

function csv(reply: FastifyReply, name: string, text: string) {
  return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${name}.csv"`).send(text);
}

function text(value: string | undefined, max = 200): string {
  return (value ?? "").slice(0, max);
}

function offsetOf(q: Query): number {
  const n = Number(q.offset ?? 0);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function gapStatus(value: string | undefined): GapStatusFilter {
  return value === "resolved" || value === "all" ? value : "open";
}

/** The gaps a status filter names: open and all are `gaps` and `gaps --open`; resolved filters all. */
export async function gapsFor(ctx: AppContext, status: GapStatusFilter, area: string): Promise<GapRecord[]> {
  const rows = await listGaps(ctx.db, { open: status === "open", area: area || undefined }, (await ctx.snapshot.get()).ledger);
  return status === "resolved" ? rows.filter((g) => g.status === "resolved") : rows;
}

export function registerPages(app: FastifyInstance, ctx: AppContext): void {
  app.get("/", async (req, reply) => {
    const snap = await ctx.snapshot.get();
    const grids = overviewGrids(snap.series, snap.frameworks);
    const counts = await storeCounts(ctx.db);
    const open = (await listGaps(ctx.db, { open: true }, snap.ledger)).length;
    return render(req, reply, "Overview", "overview", overviewView({ ...grids, ...counts, open_gaps: open }));
  });

  app.get<{ Querystring: Query }>("/areas", async (req, reply) => {
    const review = req.query.review === "1";
    const all = await sourceAreaGroups(ctx.db, { review });
    const offset = offsetOf(req.query);
    const viewer = viewerOf(req, reply);
    const page = { groups: all.slice(offset, offset + PAGE_SIZE), total: all.length, review, offset, limit: PAGE_SIZE, notice: await linkedOf(ctx, req.query) };
    return render(req, reply, "Source areas", "areas", areasView(page, canonicalChoices(viewer, new AuthorityResolver(loadCanonicalFrameworks())), viewer));
  });

  app.get<{ Params: { key: string }; Querystring: Query }>("/areas/:key", async (req, reply) => {
    const snap = await ctx.snapshot.get();
    const s = areaSeries(snap.series, req.params.key, text(req.query.authority) || undefined);
    if (req.query.format === "csv") return csv(reply, `area-${s.canonical_key}`, safeCsv(s.series, AREA_CSV));
    const viewer = viewerOf(req, reply);
    const resolver = new AuthorityResolver(loadCanonicalFrameworks());
    // The source areas of this council's area of that key (two councils' frameworks may share a key).
    const council = (name: string | null) => (name === null ? null : resolver.keyOfName(name));
    const groups = (await sourceAreaGroups(ctx.db, { canonicalKey: s.canonical_key! })).filter((g) => council(g.authority) === council(s.authority));
    const sources = { groups, choices: canonicalChoices(viewer, resolver), notice: await linkedOf(ctx, req.query) };
    return render(req, reply, s.canonical_area ?? "Area", null, areaView(s, snap.scaleMax, sources, viewer));
  });

  app.get<{ Querystring: Query }>("/compare", async (req, reply) => {
    const periods = await storedPeriods(ctx.db);
    const a = text(req.query.a) || undefined;
    const b = text(req.query.b) || undefined;
    let result: Comparison | null = null;
    let error: string | null = null;
    if (a && b) {
      try {
        result = await compare(ctx.db, a, b, { rollup: ctx.rollup, history: (await ctx.snapshot.get()).series });
      } catch (e) {
        if (!(e instanceof PeriodError)) throw e;
        error = e.message;
      }
    }
    if (result && req.query.format === "csv") return csv(reply, "compare", safeCsv(result.areas, compareCsv(result)));
    return render(req, reply, result ? `Compare ${result.period_a.label} with ${result.period_b.label}` : "Compare periods", "compare", compareView(periods, a, b, result, error), error ? 400 : 200);
  });

  app.get<{ Querystring: Query }>("/gaps", async (req, reply) => {
    const status = gapStatus(req.query.status);
    const area = text(req.query.area);
    let rows: GapRecord[];
    try {
      rows = await gapsFor(ctx, status, area);
    } catch (e) {
      // An area that matches none: the ledger's form again, with the query's message (400).
      if (!(e instanceof FilterError) || req.query.format === "csv") throw e;
      const view = gapsView({ status, area, rows: [], total: 0, offset: 0, limit: PAGE_SIZE, error: e.message }, viewerOf(req, reply));
      return render(req, reply, "Gaps ledger", "gaps", view, 400);
    }
    if (req.query.format === "csv") return csv(reply, `gaps-${status}`, safeCsv(rows, GAP_CSV));
    const offset = offsetOf(req.query);
    return render(req, reply, "Gaps ledger", "gaps", gapsView({ status, area, rows: rows.slice(offset, offset + PAGE_SIZE), total: rows.length, offset, limit: PAGE_SIZE, error: null }, viewerOf(req, reply)));
  });

  app.get<{ Querystring: Query }>("/documents", async (req, reply) => {
    if (req.query.format === "csv") return csv(reply, "documents", safeCsv(await listDocuments(ctx.db), documentListColumns("csv")));
    const offset = offsetOf(req.query);
    const [docs, total] = [await listDocuments(ctx.db, { offset, limit: PAGE_SIZE }), await countDocuments(ctx.db)];
    return render(req, reply, "Documents", "documents", documentsView(docs, total, offset, PAGE_SIZE));
  });

  app.get<{ Params: { id: string } }>("/documents/:id", async (req, reply) => {
    const d = await documentDetail(ctx.db, idParam(req.params.id));
    if (!d) throw new HttpError(404, "No document with that id.");
    const kept = await ctx.db.selectFrom("files").select("sha256").where("sha256", "=", d.sha256).executeTakeFirst();
    return render(req, reply, d.file, "documents", documentView(d, kept !== undefined));
  });

  app.get<{ Params: { kind: string; id: string } }>("/facts/:kind/:id", async (req, reply) => {
    const kind = req.params.kind;
    if (!isFactKind(kind)) throw new HttpError(404, "No such kind of fact.");
    const id = idParam(req.params.id);
    let fact, keys;
    try {
      [fact, keys] = await Promise.all([showFact(ctx.db, kind, id), factKeys(ctx.db, kind, id)]);
    } catch (e) {
      if (e instanceof NotFoundError) throw new HttpError(404, `No ${kind} with that id.`);
      throw e;
    }
    const pageImage = fact.detail.format === "pdf" && fact.detail.page !== null && (await hasKeptFile(ctx, keys.document_id));
    const events = kind === "gap" ? await gapHistory(ctx.db, id) : null;
    return render(req, reply, `${kind} ${id}`, null, factView({ fact, ...keys, pageImage, events }, viewerOf(req, reply)));
  });

  app.get<{ Querystring: Query }>("/search", async (req, reply) => {
    const q = text(req.query.q);
    const result = await search(ctx.db, q);
    if (q && req.query.format === "csv") return csv(reply, "search", safeCsv(result.hits, SEARCH_CSV));
    return render(req, reply, q ? `Search: ${q}` : "Search", "search", searchView(q, result, SEARCH_LIMIT));
  });
}

/**
 * The series of `/areas/<key>`: the canonical area of that key; when several councils'
 * frameworks use the key, `?authority=` (as the overview links it) says whose, and without it
 * the answer is a 404 naming them rather than one picked silently.
 */
export function areaSeries<S extends { canonical_key: string | null; authority: string | null }>(series: readonly S[], key: string, authority?: string): S {
  const all = series.filter((x) => x.canonical_key !== null && x.canonical_key === key);
  if (all.length === 0) throw new HttpError(404, "No canonical area with that key.");
  if (authority !== undefined) {
    const mine = all.find((x) => (x.authority ?? "").toLowerCase() === authority.toLowerCase());
    if (!mine) throw new HttpError(404, `No canonical area with that key for ${authority}; it is in: ${all.map((x) => x.authority ?? "(no council)").join("; ")}.`);
    return mine;
  }
  if (all.length > 1) throw new HttpError(404, `Several councils' frameworks have an area with that key: add ?authority= with one of ${all.map((x) => x.authority ?? "(no council)").join("; ")}.`);
  return all[0]!;
}

/** The canonical areas an editor may link a source area to: its authority's framework (none: no form). */
function canonicalChoices(viewer: Viewer, resolver: AuthorityResolver): CanonicalChoices {
  if (viewer.user?.role !== "editor") return () => null;
  return (g) => (g.authority === null ? null : (resolver.frameworkOf(g.authority)?.areas ?? null));
}

/** After a link decision (`?linked=<area id>`): where that area links now, read from the store. */
async function linkedOf(ctx: AppContext, q: Query): Promise<LinkedNotice | null> {
  if (q.linked === undefined || !/^[1-9][0-9]{0,9}$/.test(q.linked)) return null;
  return areaLinkOf(ctx.db, Number(q.linked));
}

export async function hasKeptFile(ctx: AppContext, documentId: number): Promise<boolean> {
  const r = await ctx.db
    .selectFrom("documents as d")
    .innerJoin("files as f", "f.sha256", "d.sha256")
    .select("f.sha256")
    .where("d.id", "=", documentId)
    .executeTakeFirst();
  return r !== undefined;
}

const SEARCH_CSV = [
  { header: "kind", value: (h: SearchHit) => h.kind },
  { header: "id", value: (h: SearchHit) => h.id },
  { header: "document", value: (h: SearchHit) => h.document },
  { header: "page", value: (h: SearchHit) => h.page },
  { header: "line", value: (h: SearchHit) => h.line },
  { header: "text", value: (h: SearchHit) => h.text },
];

const AREA_CSV = [
  { header: "score_id", value: (p: HistoryPoint) => p.score_id },
  { header: "period", value: (p: HistoryPoint) => p.period.label },
  { header: "start", value: (p: HistoryPoint) => p.period.start },
  { header: "end", value: (p: HistoryPoint) => p.period.end },
  { header: "value", value: (p: HistoryPoint) => p.value },
  { header: "value_max", value: (p: HistoryPoint) => p.value_max },
  { header: "raw", value: (p: HistoryPoint) => p.raw },
  { header: "area", value: (p: HistoryPoint) => p.area },
  { header: "document", value: (p: HistoryPoint) => p.document },
  { header: "page", value: (p: HistoryPoint) => p.page },
  { header: "line", value: (p: HistoryPoint) => p.line },
  { header: "link_method", value: (p: HistoryPoint) => p.link?.method ?? null },
  { header: "link_confidence", value: (p: HistoryPoint) => p.link?.confidence ?? null },
  { header: "origin", value: (p: HistoryPoint) => p.origin },
];

function compareCsv(result: Comparison) {
  return [
    { header: "canonical_area", value: (r: CompareRow) => r.canonical_area },
    { header: "period_a", value: () => result.period_a.label },
    { header: "value_a", value: (r: CompareRow) => r.a.value },
    { header: "period_b", value: () => result.period_b.label },
    { header: "value_b", value: (r: CompareRow) => r.b.value },
    { header: "change", value: (r: CompareRow) => r.change },
    { header: "direction", value: (r: CompareRow) => r.direction },
    { header: "rule", value: () => result.rollup.rule },
  ];
}

const GAP_CSV = [
  { header: "id", value: (r: GapRecord) => r.id },
  { header: "status", value: (r: GapRecord) => r.status },
  { header: "document", value: (r: GapRecord) => r.document },
  { header: "page", value: (r: GapRecord) => r.page },
  { header: "line", value: (r: GapRecord) => r.line },
  { header: "area", value: (r: GapRecord) => r.area },
  { header: "canonical_area", value: (r: GapRecord) => r.canonical_area },
  { header: "period", value: (r: GapRecord) => r.period?.label },
  { header: "marker", value: (r: GapRecord) => r.marker },
  { header: "text", value: (r: GapRecord) => r.text },
  { header: "kind", value: (r: GapRecord) => r.kind },
  { header: "aging", value: (r: GapRecord) => r.aging },
  { header: "resolved_by", value: (r: GapRecord) => r.resolved_by },
  { header: "resolved_page", value: (r: GapRecord) => r.resolved_page },
  { header: "resolved_text", value: (r: GapRecord) => r.resolved_text },
  { header: "confidence", value: (r: GapRecord) => r.confidence },
  { header: "note", value: (r: GapRecord) => r.note },
  { header: "decided_by", value: (r: GapRecord) => r.decided_by },
  { header: "decided_at", value: (r: GapRecord) => r.decided_at },
];
