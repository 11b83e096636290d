/**
 * Server-side sessions. The browser holds a random session id in an HttpOnly cookie; the database
 * holds only its SHA-256, so a copy of the database does not let anyone act as an operator.
 * The CSRF token is derived from the session id (HMAC), so it needs no storage either.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Operator } from "@clc/domain";
import type { SessionStore } from "../../store/types.ts";

export interface SessionPolicy {
  /** A session unused for this long ends. */
  readonly idleTimeoutMs: number;
  /** A session ends this long after sign-in, however busy. */
  readonly absoluteTimeoutMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
};

/** Milliseconds since the epoch; tests inject their own to expire sessions without sleeping. */
export type Clock = () => number;

export interface ActiveSession {
  readonly operator: Operator;
  readonly csrfToken: string;
}

/** Session ids are 256 random bits, base64url. Anything else in the cookie is not a session id. */
const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", sessionId).update("clc csrf token v1").digest("base64url");
}

/** Timing-safe comparison of a presented CSRF token with the session's. */
export function csrfTokenMatches(sessionId: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface SessionManager {
  /** A new session (a new id: ids are never reused across sign-ins). */
  start(username: string): Promise<{ sessionId: string; csrfToken: string }>;
  /** The live session for a cookie value, or null (unknown, expired, or its operator removed). */
  resolve(sessionId: string | undefined): Promise<ActiveSession | null>;
  end(sessionId: string | undefined): Promise<void>;
}

export function createSessionManager(options: {
  sessions: SessionStore;
  clock: Clock;
  policy?: SessionPolicy;
  /**
   * Aws mode: a demo operator's session is no session (it may have been started by a sandbox console
   * sharing the store: cookies do not tell ports apart).
   */
  refuseDemoOperators?: boolean;
  /**
   * Whether an operator's session is still honoured; false ends it. With local operators turned off
   * (CLC_LOCAL_OPERATORS=off) only single sign-on sessions are, so turning them off takes effect at once.
   */
  accepts?: (username: string) => boolean;
}): SessionManager {
  const { sessions, clock } = options;
  const policy = options.policy ?? DEFAULT_SESSION_POLICY;
  let nextSweep = 0;

  async function sweep(now: number): Promise<void> {
    if (now < nextSweep) return;
    nextSweep = now + 60_000;
    await sessions.deleteExpired({
      idleBefore: now - policy.idleTimeoutMs,
      createdBefore: now - policy.absoluteTimeoutMs,
    });
  }

  return {
    async start(username) {
      const now = clock();
      await sweep(now);
      const sessionId = randomBytes(32).toString("base64url");
      await sessions.create({ idHash: hashSessionId(sessionId), username, now });
      return { sessionId, csrfToken: csrfTokenFor(sessionId) };
    },
    async resolve(sessionId) {
      if (sessionId === undefined || !SESSION_ID_PATTERN.test(sessionId)) return null;
      const now = clock();
      const idHash = hashSessionId(sessionId);
      const session = await sessions.get(idHash);
      if (!session) return null;
      const idleExpired = now - session.lastSeenAt >= policy.idleTimeoutMs;
      const absoluteExpired = now - session.createdAt >= policy.absoluteTimeoutMs;
      const refused =
        (options.refuseDemoOperators && session.origin === "demo") ||
        (options.accepts !== undefined && !options.accepts(session.username));
      if (idleExpired || absoluteExpired || refused) {
        await sessions.delete(idHash);
        return null;
      }
      await sessions.touch(idHash, now);
      return {
        operator: { username: session.username, role: session.role },
        csrfToken: csrfTokenFor(sessionId),
      };
    },
    async end(sessionId) {
      if (sessionId === undefined || !SESSION_ID_PATTERN.test(sessionId)) return;
      await sessions.delete(hashSessionId(sessionId));
    },
  };
}
