import { SessionResponseSchema, SIGN_IN_FAILED_MESSAGE, SignInRequestSchema } from "@clc/domain";
import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { AuditEntry, AuditSink } from "../audit/trail.ts";
import { problemResponses } from "../types.ts";
import type { SessionManager } from "./sessions.ts";
import { type SignInChecker, throttleAddress } from "./sign-in.ts";
import type { FailedSignInTrail } from "./sign-in-trail.ts";

export const SIGN_IN_ROUTE = "/api/session";

function sessionEntry(
  fields: Pick<AuditEntry, "action" | "operator" | "role" | "outcome" | "requestId"> &
    Partial<Pick<AuditEntry, "resource" | "error">>,
): AuditEntry {
  return {
    region: null,
    poolId: null,
    resource: null,
    before: null,
    after: null,
    attemptId: null,
    error: null,
    awsRequestId: null,
    ...fields,
  };
}

/**
 * Over https the cookie gets the `__Host-` prefix, which browsers only accept with Secure, Path=/ and
 * no Domain: it cannot be planted by a sibling subdomain. Plain http (loopback sandbox) cannot use it.
 */
export function sessionCookieName(request: FastifyRequest): string {
  return request.protocol === "https" ? "__Host-clc_session" : "clc_session";
}

function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  // `request.protocol` honours X-Forwarded-Proto only when TRUST_PROXY is set.
  return { path: "/", httpOnly: true, sameSite: "strict", secure: request.protocol === "https" };
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(request), cookieOptions(request));
}

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: {
    sessions: SessionManager;
    signIn: SignInChecker;
    auditSink: AuditSink;
    failedSignIns: FailedSignInTrail;
  },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { sessions, signIn, auditSink, failedSignIns } = deps;

  api.post(
    SIGN_IN_ROUTE,
    {
      config: { access: "public" },
      bodyLimit: 4096,
      schema: {
        operationId: "signIn",
        tags: ["session"],
        summary: "Sign in; sets the session cookie (a new session id at every sign-in)",
        body: SignInRequestSchema,
        response: { 200: SessionResponseSchema, ...problemResponses(401, 429, 503) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await signIn.check({ username, password, address: request.ip });

      if (!result.ok) {
        try {
          // Counted per address and window, never one row per failure (sign-in-trail.ts).
          await failedSignIns.record({
            // Per client as the throttle counts it (an IPv6 /64), so rotating addresses is one window.
            address: throttleAddress(request.ip),
            knownUsername: result.knownUsername,
            reason: result.reason,
            requestId: String(request.id),
          });
        } catch (error) {
          request.log.error({ err: error }, "could not record a failed sign-in in the audit trail");
        }
        if (result.reason === "busy") {
          throw new HttpProblem(503, "sign-in-busy", "Too many sign-ins at once", {
            detail: "The console is checking many sign-ins at the same time and did not check this one.",
            hint: "Try again in a moment.",
            headers: { "retry-after": String(Math.ceil(result.retryAfterMs / 1000)) },
          });
        }
        if (result.reason === "locked") {
          const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
          throw new HttpProblem(429, "sign-in-locked", "Too many failed sign-ins", {
            detail: `Sign-in is paused for this account from your address, or for your address; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
            hint: "If you forgot the password, ask an admin to run: pnpm operators -- reset-password <username>",
            headers: { "retry-after": String(Math.ceil(result.retryAfterMs / 1000)) },
          });
        }
        throw new HttpProblem(401, "sign-in-failed", SIGN_IN_FAILED_MESSAGE, {
          detail: SIGN_IN_FAILED_MESSAGE,
          hint: "Check the username and password. After several failures sign-in pauses for a while.",
        });
      }

      // Recorded before the session exists: a sign-in that cannot be recorded does not happen.
      await auditSink.record(
        sessionEntry({
          operator: result.operator.username,
          role: result.operator.role,
          action: "session.sign-in",
          resource: `address:${request.ip}`,
          outcome: "success",
          requestId: String(request.id),
        }),
      );
      // Rotate: whatever session this browser had ends, and a fresh id is issued.
      await sessions.end(request.cookies[sessionCookieName(request)]);
      const started = await sessions.start(result.operator.username);
      reply.setCookie(sessionCookieName(request), started.sessionId, cookieOptions(request));
      return { operator: result.operator, csrfToken: started.csrfToken };
    },
  );

  api.get(
    SIGN_IN_ROUTE,
    {
      config: { access: "viewer" },
      schema: {
        operationId: "getSession",
        tags: ["session"],
        summary: "The signed-in operator and the CSRF token to send with changes",
        response: { 200: SessionResponseSchema, ...problemResponses(401) },
      },
    },
    async (request) => {
      const sessionId = request.cookies[sessionCookieName(request)];
      const session = await sessions.resolve(sessionId);
      if (!session) throw new HttpProblem(401, "unauthenticated", "Sign in first");
      return { operator: session.operator, csrfToken: session.csrfToken };
    },
  );

  api.delete(
    SIGN_IN_ROUTE,
    {
      config: { access: "viewer" },
      schema: {
        operationId: "signOut",
        tags: ["session"],
        summary: "Sign out: ends the session on the server and clears the cookie (204)",
      },
    },
    async (request, reply) => {
      await sessions.end(request.cookies[sessionCookieName(request)]);
      clearSessionCookie(request, reply);
      try {
        await auditSink.record(
          sessionEntry({
            operator: request.operator?.username ?? null,
            role: request.operator?.role ?? null,
            action: "session.sign-out",
            outcome: "success",
            requestId: String(request.id),
          }),
        );
      } catch (error) {
        request.log.error({ err: error }, "could not record a sign-out in the audit trail");
      }
      return reply.code(204).send();
    },
  );
}
