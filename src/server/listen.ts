/**
 * Starting the web app for `scorebook serve`: the binding rule (anything but loopback needs
 * accounts), the URL on stderr, and a clean stop on SIGINT/SIGTERM (in-flight requests
 * finish, the store is closed).
 */
import { isIP } from "node:net";
import type { FastifyInstance } from "fastify";
import type { RollupRule } from "../align/canonical.js";
import type { Store } from "../store/open.js";
import { buildServer } from "./app.js";
import type { UserRecord } from "./auth/users.js";

export class BindError extends Error {}

/** 127.0.0.0/8, ::1 and "localhost": reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (h.startsWith("::ffff:")) return h.slice(7).startsWith("127.");
  return false;
}

export function checkBinding(host: string, hasUsers: boolean): void {
  if (!isLoopback(host) && !hasUsers) {
    throw new BindError(`refusing to listen on ${host} without --users: anyone on the network could read the store; start with --users FILE (see scorebook users add) or bind to 127.0.0.1`);
  }
}

export interface ListenOptions {
  db: Store;
  host: string;
  port: number;
  users: readonly UserRecord[] | null;
  rollup?: RollupRule;
  log: (line: string) => void;
}

/** Listen until SIGINT/SIGTERM; resolves once the server has stopped. */
export async function serveUntilStopped(options: ListenOptions): Promise<void> {
  checkBinding(options.host, options.users !== null);
  options.log("scorebook serve: reading the store");
  // The held history and gap ledger are built before the URL is printed, so nobody waits for them.
  const app: FastifyInstance = await buildServer({ db: options.db, users: options.users, rollup: options.rollup, warm: true });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  options.log(`scorebook serve: http://${host}:${port}/ (${options.users ? `${options.users.length} account(s); editing after sign-in` : "read-only"}); Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      options.log(`scorebook serve: ${signal}, stopping`);
      app.close().then(() => resolve(), () => resolve());
    };
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}
