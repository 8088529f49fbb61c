/**
 * The auditors' web app: Fastify with maintained plugins for what must not be hand-written —
 * headers (@fastify/helmet: CSP without unsafe-inline, nosniff, frame-ancestors 'none'),
 * forms (@fastify/formbody), signed cookies (@fastify/cookie), CSRF tokens
 * (@fastify/csrf-protection) and the sign-in rate limit (@fastify/rate-limit). Routes call the
 * same src/query functions the CLI calls; views are pure functions in ./views.
 */
import { randomBytes } from "node:crypto";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { RollupRule } from "../align/canonical.js";
import { defaultRollup } from "../align/canonical.js";
import { FilterError } from "../query/filters.js";
import { PeriodError } from "../query/periods.js";
import type { Store } from "../store/open.js";
import { Sessions, SESSION_COOKIE } from "./auth/sessions.js";
import type { UserRecord } from "./auth/users.js";
import { registerApi } from "./routes/api.js";
import { registerAuth } from "./routes/auth.js";
import { registerEdits } from "./routes/edits.js";
import { registerImages } from "./routes/images.js";
import { registerPages } from "./routes/pages.js";
import { SnapshotCache } from "./snapshot.js";
import { APP_CSS, APP_JS } from "./static.js";
import { errorPage, type Viewer } from "./views/layout.js";
import type { Html } from "./views/html.js";

/** Forms carry a note at most; nothing legitimate posts more than this. */
export const BODY_LIMIT_BYTES = 16 * 1024;
/** Sign-in attempts per client address per minute. */
export const SIGNIN_ATTEMPTS_PER_MINUTE = 5;

export interface ServerOptions {
  db: Store;
  /** Accounts (from --users); null or absent: read-only, nobody signs in. */
  users?: readonly UserRecord[] | null;
  rollup?: RollupRule;
  /** Rendered page images kept in memory (most recent first out). */
  imageCacheSize?: number;
  /** Read the whole history and gap ledger now, not on the first request (serve does). */
  warm?: boolean;
}

export interface AppContext {
  db: Store;
  users: ReadonlyMap<string, UserRecord> | null;
  sessions: Sessions;
  snapshot: SnapshotCache;
  rollup: RollupRule;
  imageCacheSize: number;
}

declare module "fastify" {
  interface FastifyRequest {
    viewer: Viewer;
    sessionId: string | null;
  }
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The status of an error: HttpError's own; a filter or period a query could not match (the
 * person's input: an unknown area, a period not stored) is 400 with the query's message, as
 * the CLI prints it; Fastify's 4xx (body too large, bad CSRF) as they are; anything else 500.
 */
export function statusOf(error: Error & { statusCode?: number }): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof FilterError || error instanceof PeriodError) return 400;
  return error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
}

/** A positive integer id from a path segment, else 404 (nothing outside the store is ever looked up). */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) throw new HttpError(404, "No such page.");
  return Number(value);
}

export function sendHtml(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(body.text);
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: false, trustProxy: false, routerOptions: { maxParamLength: 200 } });
  const ctx: AppContext = {
    db: options.db,
    users: options.users ? new Map(options.users.map((u) => [u.name, u])) : null,
    sessions: new Sessions(),
    snapshot: new SnapshotCache(options.db, options.rollup ?? defaultRollup()),
    rollup: options.rollup ?? defaultRollup(),
    imageCacheSize: options.imageCacheSize ?? 32,
  };

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // No cross-origin isolation needed; keep the defaults that harden (nosniff, frameguard, referrer).
    crossOriginEmbedderPolicy: false,
    hsts: false,
    frameguard: { action: "deny" },
  });
  await app.register(fastifyCookie, { secret: randomBytes(32).toString("hex") });
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES });
  await app.register(fastifyCsrf, {
    sessionPlugin: "@fastify/cookie",
    cookieOpts: { path: "/", sameSite: "strict", httpOnly: true, signed: true },
    // Tokens are bound to the session (a token from before sign-in, or another session, fails).
    csrfOpts: { userInfo: true, hmacKey: randomBytes(32).toString("hex") },
    getUserInfo: (req: FastifyRequest) => req.sessionId ?? "anonymous",
  });
  await app.register(fastifyRateLimit, { global: false });

  app.decorateRequest("viewer", null as unknown as Viewer);
  app.decorateRequest("sessionId", null);
  app.addHook("onRequest", async (req) => {
    req.sessionId = null;
    let user: Viewer["user"] = null;
    const cookie = req.cookies[SESSION_COOKIE];
    if (ctx.users && cookie) {
      const unsigned = req.unsignCookie(cookie);
      const session = unsigned.valid && unsigned.value ? ctx.sessions.get(unsigned.value) : null;
      if (session && ctx.users.has(session.name)) {
        req.sessionId = session.id;
        user = { name: session.name, role: session.role };
      }
    }
    req.viewer = { user, accounts: ctx.users !== null, csrf: null };
  });

  app.get("/static/app.css", async (_req, reply) => reply.type("text/css; charset=utf-8").header("cache-control", "max-age=3600").send(APP_CSS));
  // Browsers ask for it on every first visit; there is none (no 404 noise in their consoles).
  app.get("/favicon.ico", async (_req, reply) => reply.code(204).header("cache-control", "max-age=86400").send());
  app.get("/static/app.js", async (_req, reply) => reply.type("text/javascript; charset=utf-8").header("cache-control", "max-age=3600").send(APP_JS));

  if (options.warm) await ctx.snapshot.get();
  registerPages(app, ctx);
  registerApi(app, ctx);
  registerImages(app, ctx);
  registerAuth(app, ctx);
  registerEdits(app, ctx);

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/")) return reply.code(404).send({ error: "not found" });
    return sendHtml(reply, errorPage(req.viewer ?? { user: null, accounts: false, csrf: null }, 404, "No such page."), 404);
  });
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = statusOf(error);
    const message = status === 500 ? "Something went wrong on the server." : error.message;
    if (status === 500) process.stderr.write(`scorebook serve: ${req.method} ${req.url}: ${error.stack ?? error.message}\n`);
    if (req.url.startsWith("/api/")) return reply.code(status).send({ error: message });
    return sendHtml(reply, errorPage(req.viewer ?? { user: null, accounts: false, csrf: null }, status, message), status);
  });
  return app;
}
