/**
 * Operator access for the whole BFF. Register it FIRST in buildApp, before any route:
 *
 *   await app.register(createAccessControl({ stores }));
 *
 * - Every route must declare `config: { access: "public" | "viewer" | "admin" }`; the app refuses to
 *   start (ready() rejects) when one does not, so a new route cannot forget it.
 * - Non-public routes need a session (401 otherwise); `admin` routes need the admin role (403).
 * - POST/PUT/PATCH/DELETE (except sign-in) need `X-CSRF-Token` equal to the session's token (403).
 * - `request.operator` is the signed-in operator or null.
 * - Adds /api/session (sign-in, who am I, sign-out, the sign-in methods and, with `oidc`, single
 *   sign-on's start and callback: the operators feature's routes, which share this plugin's session
 *   manager) and a default request body limit. The audit feature registers
 *   /api/audit itself (buildApp, from `auditTrail`). Security headers are separate
 *   (security-headers.ts): they apply with or without auth.
 */

import { CSRF_HEADER, type Operator } from "@clc/domain";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import type { OidcConfig } from "../config.ts";
import { createAuditSink } from "../features/audit/sink.ts";
import type { AuditSink } from "../features/audit/trail.ts";
import type { ScryptParams } from "../features/operators/password.ts";
import { registerSessionRoutes, SIGN_IN_ROUTE, sessionCookieName } from "../features/operators/routes.ts";
import {
  type Clock,
  createSessionManager,
  csrfTokenMatches,
  type SessionPolicy,
} from "../features/operators/sessions.ts";
import {
  createSignInChecker,
  type PasswordWorkLimits,
  type SignInLimits,
} from "../features/operators/sign-in.ts";
import { createFailedSignInTrail } from "../features/operators/sign-in-trail.ts";
import { createSsoSignIn, isSsoOperator } from "../features/operators/sso.ts";
import type { NotificationStore } from "../store/notification-types.ts";
import type { SavedViewStore } from "../store/saved-views.ts";
import type { AuditStore, Stores } from "../store/types.ts";
import { HttpProblem } from "./http-problem.ts";
import type { RouteAccess } from "./route-access.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in operator; null on public routes without a session. */
    operator: Operator | null;
  }
  interface FastifyInstance {
    /** Every route registered after the plugin, with its declared access (for tests and docs). */
    routeAccess: ReadonlyArray<RouteAccessEntry>;
  }
}

export interface RouteAccessEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess | undefined;
}

export interface AccessControlOptions {
  readonly stores: Stores;
  /** Where sign-ins and sign-outs are recorded; defaults to the stores' audit trail. */
  readonly audit?: AuditSink;
  /** Injected by tests to expire sessions and locks without sleeping. */
  readonly clock?: Clock;
  readonly sessionPolicy?: SessionPolicy;
  readonly signInLimits?: SignInLimits;
  /** Cheaper parameters for tests; production uses the defaults. */
  readonly passwordParams?: ScryptParams;
  /** How many password checks run at once and wait; defaults in sign-in.ts. */
  readonly passwordWork?: PasswordWorkLimits;
  /** Failed sign-ins of one address are summarised per this window in the audit trail (ms). */
  readonly failedSignInWindowMs?: number;
  /** Body limit (bytes) for routes that set none. */
  readonly defaultBodyLimit?: number;
  /**
   * Aws mode: demo operators (origin "demo") never sign in and their sessions are refused, even if a
   * sandbox start adds them to the store while this console runs (start-up refuses those it finds).
   */
  readonly refuseDemoOperators?: boolean;
  /** Single sign-on through this OpenID provider (config.oidc); absent or null: off. */
  readonly oidc?: OidcConfig | null;
  /**
   * False (CLC_LOCAL_OPERATORS=off, only with `oidc`): password sign-in answers a problem and local
   * operators' sessions are no longer honoured. Default true.
   */
  readonly localOperators?: boolean;
}

const ACCESS_VALUES: ReadonlySet<string> = new Set<RouteAccess>(["public", "viewer", "admin"]);
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const DEFAULT_BODY_LIMIT = 64 * 1024;

function methodsOf(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
}

async function accessControlPlugin(app: FastifyInstance, options: AccessControlOptions): Promise<void> {
  const clock = options.clock ?? Date.now;
  const localOperators = options.localOperators ?? true;
  if (!localOperators && !options.oidc)
    throw new Error("Local operators can only be turned off with single sign-on on: nobody could sign in.");
  const sessions = createSessionManager({
    sessions: options.stores.sessions,
    clock,
    ...(options.sessionPolicy ? { policy: options.sessionPolicy } : {}),
    refuseDemoOperators: options.refuseDemoOperators ?? false,
    ...(localOperators ? {} : { accepts: isSsoOperator }),
  });
  const sso = options.oidc
    ? createSsoSignIn({ config: options.oidc, operators: options.stores.operators, clock })
    : null;
  const signIn = createSignInChecker({
    operators: options.stores.operators,
    throttle: options.stores.throttle,
    clock,
    ...(options.signInLimits ? { limits: options.signInLimits } : {}),
    ...(options.passwordParams ? { passwordParams: options.passwordParams } : {}),
    ...(options.passwordWork ? { passwordWork: options.passwordWork } : {}),
    refuseDemoOperators: options.refuseDemoOperators ?? false,
  });
  const auditSink = options.audit ?? createAuditSink({ store: options.stores.audit, clock });
  const failedSignIns = createFailedSignInTrail({
    audit: auditSink,
    clock,
    ...(options.failedSignInWindowMs !== undefined ? { windowMs: options.failedSignInWindowMs } : {}),
  });
  // Summaries of windows that ended are written even if no further failure comes to trigger it.
  const summaryTimer = setInterval(() => {
    failedSignIns
      .flush()
      .catch((error: unknown) => app.log.error({ err: error }, "could not write a sign-in summary"));
  }, 60_000);
  summaryTimer.unref();
  // preClose: before the onClose hooks, one of which closes the database (main.ts).
  app.addHook("preClose", async () => {
    clearInterval(summaryTimer);
    try {
      await failedSignIns.flush(true);
    } catch (error) {
      app.log.error({ err: error }, "could not write the last sign-in summaries");
    }
  });

  const routes: Array<{ methods: string[]; url: string; options: RouteOptions }> = [];
  app.decorate("routeAccess", {
    getter(): ReadonlyArray<RouteAccessEntry> {
      return routes.flatMap((route) =>
        route.methods.map((method) => ({ method, url: route.url, access: route.options.config?.access })),
      );
    },
  });
  app.decorateRequest("operator", null);

  app.addHook("onRoute", (route) => {
    route.bodyLimit ??= options.defaultBodyLimit ?? DEFAULT_BODY_LIMIT;
    routes.push({ methods: methodsOf(route), url: route.url, options: route });
  });

  // Checked once every plugin has registered its routes (a plugin may fill in `access` in its own onRoute).
  app.addHook("onReady", async () => {
    const undeclared = routes.filter((route) => !ACCESS_VALUES.has(String(route.options.config?.access)));
    if (undeclared.length > 0) {
      const names = undeclared.map((route) => `${route.methods.join(",")} ${route.url}`).join("; ");
      throw new Error(
        `Refusing to start: these routes declare no access: ${names}. ` +
          'Give each route config: { access: "public" | "viewer" | "admin" } (see plugins/route-access.ts).',
      );
    }
  });

  await app.register(cookie);

  app.addHook("onRequest", async (request) => {
    // Unknown URLs reach the not-found handler, which holds no data (and serves the SPA's pages).
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (access === undefined || !ACCESS_VALUES.has(access)) {
      // Cannot happen after the onReady check; deny rather than guess.
      throw new HttpProblem(500, "internal", "Internal error", {
        detail: "This route declares no access rule.",
      });
    }

    const sessionId = request.cookies[sessionCookieName(request)];
    const session = sessionId === undefined ? null : await sessions.resolve(sessionId);
    request.operator = session?.operator ?? null;
    if (access === "public") return;

    if (!session || sessionId === undefined) {
      throw new HttpProblem(401, "unauthenticated", "Sign in first", {
        detail: "This needs a signed-in operator; the session is missing or has expired.",
        hint: "Sign in again at /sign-in.",
      });
    }
    const isSignIn = request.method === "POST" && request.routeOptions.url === SIGN_IN_ROUTE;
    if (STATE_CHANGING.has(request.method) && !isSignIn) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfTokenMatches(sessionId, typeof header === "string" ? header : undefined)) {
        throw new HttpProblem(403, "csrf", "Missing or wrong CSRF token", {
          detail: `Changes must carry the ${CSRF_HEADER} header from the session.`,
          hint: "Reload the page (it fetches a fresh token), then try again.",
        });
      }
    }
    if (access === "admin" && session.operator.role !== "admin") {
      throw new HttpProblem(403, "forbidden", "Your role cannot do this", {
        detail: `Only an admin can do this; you are signed in as ${session.operator.username} (${session.operator.role}).`,
        hint: "Ask an admin to make the change, or to give you the admin role.",
      });
    }
  });

  registerSessionRoutes(app, { sessions, signIn, auditSink, failedSignIns, sso, localOperators });
}

/** Skips encapsulation so its hooks and decorators apply to every route of the app. */
export const accessControl = fp(accessControlPlugin, { name: "clc-access-control", fastify: "5.x" });

/**
 * The plugin with its options bound, the trail its operators' changes are read from (/api/audit), and
 * the store of its operators' saved views (/api/views).
 */
export type AccessControl = FastifyPluginAsync & {
  readonly auditTrail: AuditStore;
  /** Webhooks are an admins' setting: kept with the operators (features/notifications). */
  readonly notificationStore: NotificationStore;
  readonly savedViews: SavedViewStore;
};

/** The plugin with its options bound, as buildApp's `auth` takes it. */
export function createAccessControl(options: AccessControlOptions): AccessControl {
  const plugin = fp(async (app) => accessControlPlugin(app, options), {
    name: "clc-access-control",
    fastify: "5.x",
  });
  return Object.assign(plugin, {
    auditTrail: options.stores.audit,
    notificationStore: options.stores.notifications,
    savedViews: options.stores.savedViews,
  });
}

/** The operator of a route whose access is `viewer` or `admin` (the hook has already checked). */
export function requireOperator(request: FastifyRequest): Operator {
  if (!request.operator) throw new HttpProblem(401, "unauthenticated", "Sign in first");
  return request.operator;
}
