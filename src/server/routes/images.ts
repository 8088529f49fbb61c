/**
 * `/documents/<id>/pages/<n>.png?highlight=<kind>:<id>`: a page of a kept PDF, drawn with
 * pdf.js, with the named fact's box outlined. Only ids are looked up (never a path); a page,
 * document, fact or file not in the store is a 404. Rendered images are kept in a small LRU.
 */
import type { FastifyInstance } from "fastify";
import { renderPagePng, PageOutOfRangeError } from "../../readers/pdf/render.js";
import { isFactKind } from "../../query/show.js";
import { HttpError, idParam, type AppContext } from "../app.js";

type Box = [number, number, number, number];

const TABLES = { score: "scores", indicator: "indicators", action: "actions", gap: "gaps" } as const;

export function registerImages(app: FastifyInstance, ctx: AppContext): void {
  const cache = new Map<string, Buffer>();

  app.get<{ Params: { id: string; file: string }; Querystring: { highlight?: string } }>("/documents/:id/pages/:file", async (req, reply) => {
    const documentId = idParam(req.params.id);
    const m = /^([1-9][0-9]{0,5})\.png$/.exec(req.params.file);
    if (!m) throw new HttpError(404, "No such page.");
    const pageNumber = Number(m[1]);
    const doc = await ctx.db
      .selectFrom("documents as d")
      .innerJoin("files as f", "f.sha256", "d.sha256")
      .select(["d.format", "d.pages", "d.sha256"])
      .where("d.id", "=", documentId)
      .executeTakeFirst();
    if (!doc || doc.format !== "pdf") throw new HttpError(404, "No kept PDF for that document.");
    if (doc.pages !== null && pageNumber > doc.pages) throw new HttpError(404, "No such page.");
    const box = await highlightBox(ctx, req.query.highlight, documentId, pageNumber);
    const key = `${doc.sha256}:${pageNumber}:${box?.join(",") ?? ""}`;
    let png = cache.get(key);
    if (!png) {
      const file = await ctx.db.selectFrom("files").select("bytes").where("sha256", "=", doc.sha256).executeTakeFirstOrThrow();
      try {
        png = await renderPagePng(new Uint8Array(file.bytes), pageNumber, { highlight: box ? [box] : [] });
      } catch (e) {
        if (e instanceof PageOutOfRangeError) throw new HttpError(404, "No such page.");
        throw e;
      }
      cache.set(key, png);
      if (cache.size > ctx.imageCacheSize) cache.delete(cache.keys().next().value!);
    }
    return reply.type("image/png").header("cache-control", "private, max-age=300").send(png);
  });
}

/** The box of `kind:id` when that fact is on this document's page; a fact elsewhere or unknown is a 404. */
async function highlightBox(ctx: AppContext, spec: string | undefined, documentId: number, page: number): Promise<Box | null> {
  if (spec === undefined || spec === "") return null;
  const m = /^([a-z]+):([1-9][0-9]{0,9})$/.exec(spec);
  if (!m || !isFactKind(m[1]!)) throw new HttpError(404, "No such fact to highlight.");
  const row = await ctx.db
    .selectFrom(`${TABLES[m[1]]} as f` as "gaps as f")
    .select(["f.document_id", "f.page", "f.x0", "f.y0", "f.x1", "f.y1"])
    .where("f.id", "=", Number(m[2]))
    .executeTakeFirst();
  if (!row || row.document_id !== documentId || row.page !== page) throw new HttpError(404, "That fact is not on this page.");
  return row.x0 !== null && row.y0 !== null && row.x1 !== null && row.y1 !== null ? [row.x0, row.y0, row.x1, row.y1] : null;
}
