import {
  SessionResponseSchema,
  SIGN_IN_FAILED_MESSAGE,
  SignInMethodsSchema,
  SignInRequestSchema,
  SignOutResponseSchema,
  SSO_ERROR_MESSAGES,
} from "@clc/domain";
import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { OIDC_CALLBACK_PATH } from "../../config.ts";
import { HttpProblem } from "../../plugins/http-problem.ts";
import type { AuditEntry, AuditSink } from "../audit/trail.ts";
import { problemResponses } from "../types.ts";
import type { SessionManager } from "./sessions.ts";
import { type SignInChecker, throttleAddress } from "./sign-in.ts";
import type { FailedSignInTrail } from "./sign-in-trail.ts";
import { isSsoOperator, SsoRefusal, type SsoSignIn } from "./sso.ts";

export const SIGN_IN_ROUTE = "/api/session";
export const SIGN_IN_METHODS_ROUTE = "/api/session/methods";
export const SSO_START_ROUTE = "/api/session/oidc/start";

/** HTTP status of each refusal when answered as a problem (API clients; browsers are redirected). */
const SSO_REFUSAL_STATUS: Record<SsoRefusal["code"], number> = {
  "sso-no-group": 403,
  "sso-name-taken": 403,
  "sso-failed": 401,
  "sso-flow-missing": 400,
  "sso-unavailable": 503,
};

/** A same-origin path to go back to after sign-in; anything else (`//host`, `/\\host`, a URL) is "/". */
export function safeReturnPath(value: string | undefined): string {
  if (value === undefined || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\"))
    return "/";
  // Control characters and backslashes: browsers may read them as part of a host name.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  return value;
}

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

/** The sign-in in progress at the provider (sso.ts seals it); `__Host-` over https as the session's. */
function flowCookieName(request: FastifyRequest): string {
  return request.protocol === "https" ? "__Host-clc_oidc_flow" : "clc_oidc_flow";
}

/**
 * Lax, not strict: the provider sends the browser back with a cross-site top-level navigation, on
 * which a strict cookie is not sent. It holds no authority of its own (only what the callback checks).
 */
function flowCookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { path: "/", httpOnly: true, sameSite: "lax", secure: request.protocol === "https" };
}

/** The console's origin as the browser reached it (Host is checked by the host allowlist). */
function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Browsers navigating get a redirect to the sign-in page, which says why; API clients a problem. */
function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? "").includes("text/html");
}

export function registerSessionRoutes(
  app: FastifyInstance,
  deps: {
    sessions: SessionManager;
    signIn: SignInChecker;
    auditSink: AuditSink;
    failedSignIns: FailedSignInTrail;
    /** Single sign-on (sso.ts); null when not configured. */
    sso: SsoSignIn | null;
    /** False (CLC_LOCAL_OPERATORS=off): the password route refuses every sign-in. */
    localOperators: boolean;
  },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { sessions, signIn, auditSink, failedSignIns, sso, localOperators } = deps;

  /** The one way a session starts: recorded first (a sign-in that cannot be recorded does not happen). */
  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    operator: { username: string; role: "viewer" | "admin" },
  ): Promise<{ csrfToken: string }> {
    await auditSink.record(
      sessionEntry({
        operator: operator.username,
        role: operator.role,
        action: "session.sign-in",
        resource: `address:${request.ip}`,
        outcome: "success",
        requestId: String(request.id),
      }),
    );
    // Rotate: whatever session this browser had ends, and a fresh id is issued.
    await sessions.end(request.cookies[sessionCookieName(request)]);
    const started = await sessions.start(operator.username);
    reply.setCookie(sessionCookieName(request), started.sessionId, cookieOptions(request));
    return { csrfToken: started.csrfToken };
  }

  api.get(
    SIGN_IN_METHODS_ROUTE,
    {
      config: { access: "public" },
      schema: {
        operationId: "getSignInMethods",
        tags: ["session"],
        summary: "How operators may sign in: password, single sign-on, or both",
        response: { 200: SignInMethodsSchema },
      },
    },
    async () => ({
      password: localOperators,
      sso: sso ? { name: sso.providerName, startUrl: SSO_START_ROUTE } : null,
    }),
  );

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
      if (!localOperators) {
        throw new HttpProblem(403, "password-sign-in-off", "Password sign-in is turned off", {
          detail: SSO_ERROR_MESSAGES["password-sign-in-off"],
          hint: `Use "Sign in with ${sso?.providerName ?? "the provider"}" on the sign-in page (GET ${SIGN_IN_METHODS_ROUTE} lists the ways in).`,
        });
      }
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

      const started = await startSession(request, reply, result.operator);
      return { operator: result.operator, csrfToken: started.csrfToken };
    },
  );

  if (sso) registerSsoRoutes(sso);

  function registerSsoRoutes(provider: SsoSignIn): void {
    api.get(
      SSO_START_ROUTE,
      {
        config: { access: "public" },
        schema: {
          operationId: "startSingleSignOn",
          tags: ["session"],
          summary: "Starts single sign-on: redirects (303) to the provider, with a short-lived flow cookie",
          querystring: z.object({ returnTo: z.string().max(2048).optional() }),
          response: {
            303: z.null().describe("To the provider's authorization page"),
            ...problemResponses(503),
          },
        },
      },
      async (request, reply) => {
        try {
          const begun = await provider.begin({
            origin: originOf(request),
            returnTo: safeReturnPath(request.query.returnTo),
          });
          reply.setCookie(flowCookieName(request), begun.sealedFlow, {
            ...flowCookieOptions(request),
            maxAge: 600,
          });
          return reply.redirect(begun.authorizationUrl, 303);
        } catch (error) {
          if (error instanceof SsoRefusal) return refuse(request, reply, error);
          throw error;
        }
      },
    );

    api.get(
      OIDC_CALLBACK_PATH,
      {
        config: { access: "public" },
        schema: {
          operationId: "finishSingleSignOn",
          tags: ["session"],
          summary:
            "The provider's redirect back: checks it, starts the session and redirects (303) to the page asked for",
          // The provider's parameters (code, state, iss, or error) are read by openid-client as sent.
          querystring: z.record(z.string(), z.unknown()),
          response: {
            303: z.null().describe("To the page asked for, or to /sign-in?sso_error=<code> when refused"),
            ...problemResponses(400, 401, 403, 503),
          },
        },
      },
      async (request, reply) => {
        const sealedFlow = request.cookies[flowCookieName(request)];
        // Single use: whatever happens next, this flow is over in this browser.
        reply.clearCookie(flowCookieName(request), flowCookieOptions(request));
        const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
        try {
          const done = await provider.finish({ query, sealedFlow });
          await startSession(request, reply, done.operator);
          return reply.redirect(done.returnTo, 303);
        } catch (error) {
          if (error instanceof SsoRefusal) return refuse(request, reply, error);
          throw error;
        }
      },
    );
  }

  /** Records a refused single sign-on like a failed sign-in, then redirects a browser or answers a problem. */
  async function refuse(request: FastifyRequest, reply: FastifyReply, refusal: SsoRefusal) {
    request.log.warn({ code: refusal.code, reason: refusal.message }, "single sign-on refused");
    try {
      await failedSignIns.record({
        address: throttleAddress(request.ip),
        knownUsername: refusal.operatorName,
        reason: refusal.code,
        requestId: String(request.id),
      });
    } catch (error) {
      request.log.error({ err: error }, "could not record a refused single sign-on in the audit trail");
    }
    if (wantsPage(request)) {
      return reply.redirect(`/sign-in?sso_error=${refusal.code}`, 303);
    }
    throw new HttpProblem(SSO_REFUSAL_STATUS[refusal.code], refusal.code, "Single sign-on refused", {
      detail: SSO_ERROR_MESSAGES[refusal.code],
      hint:
        refusal.code === "sso-no-group"
          ? `${refusal.operatorName ?? "This account"} needs one of the groups the console maps to viewer or admin.`
          : "Start the sign-in again from the console's sign-in page.",
    });
  }

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
        summary:
          "Sign out: ends the session on the server and clears the cookie (204; 200 with the provider's end-session URL after single sign-on)",
        response: { 200: SignOutResponseSchema, 204: z.null().describe("Signed out") },
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
      const username = request.operator?.username;
      const endSessionUrl =
        sso && username !== undefined && isSsoOperator(username)
          ? await sso.endSessionUrl(originOf(request))
          : null;
      if (endSessionUrl !== null) return { endSessionUrl };
      return reply.code(204).send(null);
    },
  );
}
