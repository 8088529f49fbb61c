/**
 * Sign-in and sign-out (only when the server has accounts, --users). The sign-in form carries
 * a CSRF token too (no signing a victim in as someone else), attempts are rate-limited per
 * client address, and an unknown name costs the same scrypt as a wrong password.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DUMMY_RECORD, verifyPassword } from "../auth/users.js";
import { SESSION_COOKIE, SESSION_IDLE_MS } from "../auth/sessions.js";
import { HttpError, SIGNIN_ATTEMPTS_PER_MINUTE, sendHtml, type AppContext } from "../app.js";
import { page } from "../views/layout.js";
import { signinView } from "../views/misc.js";

type Form = Record<string, string | undefined>;

export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  const form = (req: FastifyRequest, reply: FastifyReply, error: string | null, status: number) => {
    const csrf = reply.generateCsrf({ userInfo: req.sessionId ?? "anonymous" });
    return sendHtml(reply, page({ title: "Sign in", section: "signin", viewer: req.viewer, body: signinView(error, csrf) }), status);
  };

  app.get("/signin", async (req, reply) => {
    if (!ctx.users) throw new HttpError(404, "This server is read-only: nobody signs in.");
    return form(req, reply, null, 200);
  });

  app.post<{ Body: Form }>(
    "/signin",
    {
      config: { rateLimit: { max: SIGNIN_ATTEMPTS_PER_MINUTE, timeWindow: "1 minute" } },
      preHandler: app.csrfProtection,
    },
    async (req, reply) => {
      if (!ctx.users) throw new HttpError(404, "This server is read-only: nobody signs in.");
      const name = String(req.body?.name ?? "").slice(0, 100);
      const password = String(req.body?.password ?? "").slice(0, 200);
      const user = ctx.users.get(name);
      const ok = await verifyPassword(user?.scrypt ?? DUMMY_RECORD, password);
      if (!user || !ok) return form(req, reply, "That user name and password do not match an account.", 401);
      if (req.sessionId) ctx.sessions.delete(req.sessionId);
      const session = ctx.sessions.create(user.name, user.role);
      reply.setCookie(SESSION_COOKIE, session.id, { path: "/", httpOnly: true, sameSite: "strict", signed: true, secure: "auto", maxAge: SESSION_IDLE_MS / 1000 });
      return reply.redirect("/", 303);
    },
  );

  app.post("/signout", { preHandler: [requireSession, app.csrfProtection] }, async (req, reply) => {
    if (req.sessionId) ctx.sessions.delete(req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/", 303);
  });
}

/** A change needs a signed-in session; the CSRF check runs after this. */
export async function requireSession(req: FastifyRequest): Promise<void> {
  if (!req.viewer.user) throw new HttpError(403, "Sign in to make changes.");
}

export async function requireEditor(req: FastifyRequest): Promise<void> {
  if (!req.viewer.user) throw new HttpError(403, "Sign in to make changes.");
  if (req.viewer.user.role !== "editor") throw new HttpError(403, "Your account can read but not change the ledger (role: reader).");
}
