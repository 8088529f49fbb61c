/**
 * Changes an editor may make: resolve or reopen a gap (src/gaps/ledger.ts, the functions
 * `scorebook gaps resolve|reopen` call) and link an area (src/align/store.ts recordDecision,
 * as `scorebook areas link`). Each needs an editor's session and a CSRF token, and records who
 * made it ("web:<name>").
 */
import type { FastifyInstance } from "fastify";
import { loadCanonicalFrameworks } from "../../align/canonical.js";
import { decisionTarget } from "../../align/decision.js";
import { AreaNotFoundError, resolveCanonicalKey } from "../../align/links.js";
import { recordDecision } from "../../align/store.js";
import { GapNotFoundError, reopenManually, resolveManually } from "../../gaps/ledger.js";
import { HttpError, idParam, type AppContext } from "../app.js";
import { requireEditor } from "./auth.js";

type Form = Record<string, string | undefined>;

/** Where to go after a change: a local path only (never another site). */
export function safeBack(value: string | undefined, fallback: string): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : fallback;
}

function note(body: Form | undefined): string {
  const text = String(body?.note ?? "").trim();
  if (!text) throw new HttpError(400, "A note is required: say why.");
  return text.slice(0, 2000);
}

export function registerEdits(app: FastifyInstance, ctx: AppContext): void {
  const guard = { preHandler: [requireEditor, app.csrfProtection] };

  for (const action of ["resolve", "reopen"] as const) {
    app.post<{ Params: { id: string }; Body: Form }>(`/gaps/:id/${action}`, guard, async (req, reply) => {
      const id = idParam(req.params.id);
      const why = note(req.body);
      const actor = `web:${req.viewer.user!.name}`;
      try {
        if (action === "resolve") await resolveManually(ctx.db, id, why, { actor });
        else await reopenManually(ctx.db, id, why, { actor });
      } catch (e) {
        if (e instanceof GapNotFoundError) throw new HttpError(404, "No gap with that id.");
        throw e;
      }
      return reply.redirect(safeBack(req.body?.back, `/facts/gap/${id}`), 303);
    });
  }

  app.post<{ Body: Form }>("/areas/link", guard, async (req, reply) => {
    const areaId = idParam(req.body?.area_id);
    const area = await ctx.db.selectFrom("areas").select(["label", "document_id"]).where("id", "=", areaId).executeTakeFirst();
    if (!area || area.document_id === null) throw new HttpError(404, "No document area with that id.");
    const file = loadCanonicalFrameworks();
    const why = String(req.body?.note ?? "").trim().slice(0, 2000) || null;
    try {
      const { authority, framework } = await decisionTarget(ctx.db, area.label, req.body?.authority || undefined, file);
      const key = resolveCanonicalKey(String(req.body?.canonical ?? ""), framework.areas);
      await ctx.db.transaction().execute((trx) => recordDecision(trx, { areaLabel: area.label, authority, canonicalKey: key, note: why, decidedBy: `web:${req.viewer.user!.name}` }, file));
    } catch (e) {
      if (e instanceof AreaNotFoundError) throw new HttpError(400, e.message);
      throw e;
    }
    // Back where the form was, saying what is recorded now (the page reads it from the store).
    const back = safeBack(req.body?.back, "/areas");
    return reply.redirect(`${back}${back.includes("?") ? "&" : "?"}linked=${areaId}`, 303);
  });
}
