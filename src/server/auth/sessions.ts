/**
 * Signed-in sessions, in memory (a restart signs everyone out, which is fine for a team's
 * audit app and keeps no secrets on disk). The cookie carries only a random id, signed by
 * @fastify/cookie; sessions expire after SESSION_IDLE_MS without a request.
 */
import { randomBytes } from "node:crypto";
import type { Role } from "./users.js";

export const SESSION_COOKIE = "scorebook_session";
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export interface Session {
  id: string;
  name: string;
  role: Role;
  lastSeen: number;
}

export class Sessions {
  readonly #byId = new Map<string, Session>();

  create(name: string, role: Role, now = Date.now()): Session {
    if (this.#byId.size >= MAX_SESSIONS) this.#byId.delete(this.#byId.keys().next().value!);
    const session = { id: randomBytes(24).toString("base64url"), name, role, lastSeen: now };
    this.#byId.set(session.id, session);
    return session;
  }

  get(id: string, now = Date.now()): Session | null {
    const s = this.#byId.get(id);
    if (!s) return null;
    if (now - s.lastSeen > SESSION_IDLE_MS) {
      this.#byId.delete(id);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  delete(id: string): void {
    this.#byId.delete(id);
  }
}
