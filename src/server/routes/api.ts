/**
 * `/api/…`: the CLI's `--format json`, byte for byte — each route calls the query the command
 * calls, with the same defaults (the canonical file's roll-up rule), and renders it with the
 * same renderJson. A filter or period the query cannot match is a 400 with its message (app.ts statusOf).
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { isRollupRule } from "../../query/history.js";
import { compare } from "../../query/compare.js";
import { exportAll } from "../../query/export.js";
import { history, plainSeries } from "../../query/history.js";
import { listGaps } from "../../query/gaps.js";
import { listDocuments, listPeriods } from "../../query/documents.js";
import { renderJson } from "../../format/output.js";
import { listAreaLinks } from "../../align/links.js";
import type { RollupRule } from "../../align/canonical.js";
import { HttpError, type AppContext } from "../app.js";
import { gapStatus } from "./pages.js";

type Query = Record<string, string | undefined>;

function json(reply: FastifyReply, value: unknown) {
  return reply.type("application/json; charset=utf-8").send(renderJson(value));
}

function month(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw new HttpError(400, "expected YYYY-MM");
  return value;
}

function rollupOf(ctx: AppContext, value: string | undefined): RollupRule {
  if (value === undefined || value === "") return ctx.rollup;
  if (!isRollupRule(value)) throw new HttpError(400, "rollup: expected mean, min, max or median");
  return value;
}

export function registerApi(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: Query }>("/api/history", async (req, reply) => {
    const q = req.query;
    const options = { area: q.area || undefined, from: month(q.from), to: month(q.to), rollup: rollupOf(ctx, q.rollup) };
    // The whole history at the server's rule is held (src/server/snapshot.ts); anything narrower is asked.
    const whole = options.area === undefined && options.from === undefined && options.to === undefined && options.rollup === ctx.rollup;
    return json(reply, whole ? (await ctx.snapshot.get()).series.map(plainSeries) : await history(ctx.db, options));
  });

  app.get<{ Querystring: Query }>("/api/compare", async (req, reply) => {
    const { a, b, area } = req.query;
    if (!a || !b) throw new HttpError(400, "a and b (two periods) are required");
    const rollup = rollupOf(ctx, req.query.rollup);
    const held = !area && rollup === ctx.rollup ? (await ctx.snapshot.get()).series : undefined;
    return json(reply, await compare(ctx.db, a, b, { rollup, area: area || undefined, history: held }));
  });

  app.get<{ Querystring: Query }>("/api/gaps", async (req, reply) => {
    const q = req.query;
    const status = q.status === undefined ? "all" : gapStatus(q.status);
    const rows = await listGaps(ctx.db, { open: status === "open", since: month(q.since), area: q.area || undefined, document: q.document || undefined }, (await ctx.snapshot.get()).ledger);
    return json(reply, status === "resolved" ? rows.filter((r) => r.status === "resolved") : rows);
  });

  app.get("/api/documents", async (_req, reply) => json(reply, await listDocuments(ctx.db)));

  app.get<{ Querystring: Query }>("/api/areas", async (req, reply) => json(reply, await listAreaLinks(ctx.db, { review: req.query.review === "1" })));

  app.get("/api/periods", async (_req, reply) => json(reply, await listPeriods(ctx.db)));

  app.get<{ Querystring: Query }>("/api/export", async (req, reply) =>
    json(reply, await exportAll(ctx.db, { document: req.query.document || undefined, area: req.query.area || undefined })),
  );
}
