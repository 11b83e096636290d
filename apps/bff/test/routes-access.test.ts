/**
 * Proves the access rules over HTTP for EVERY route the real app registers, so a route added later
 * is covered without anyone remembering to add it here:
 * - each non-public route answers 401 without a session;
 * - each state-changing route answers 403 to a viewer (with a valid CSRF token), except sign-in/out
 *   and the read-only POSTs listed below.
 */
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteAccessEntry } from "../src/plugins/access.ts";
import { accessControl } from "../src/plugins/access.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";

/** The only routes anyone may call without signing in. Everything else under /api needs a session. */
const PUBLIC_API_ROUTES = new Set([
  "POST /api/session",
  // Before sign-in by nature: which ways in exist, and single sign-on's two legs (sso.ts).
  "GET /api/session/methods",
  "GET /api/session/oidc/start",
  "GET /api/session/oidc/callback",
  "GET /healthz",
  "GET /readyz",
  "GET /api/openapi.json",
]);

/**
 * POSTs that change nothing in AWS, so a viewer may call them. Adding one here is a security
 * decision: say why.
 */
const VIEWER_POSTS: Record<string, string> = {
  "DELETE /api/session": "sign-out ends only the caller's own session",
  "POST /api/fleet/refresh": "re-reads the pools; writes nothing",
  "POST /api/pools/export":
    "writes code from what the pools have (a POST for the selection); changes nothing",
  "POST /api/pools/:poolId/log-delivery/:eventSource/preview": "computes a diff; writes nothing",
  "POST /api/accounts/:accountId/pools/:poolId/log-delivery/:eventSource/preview":
    "computes a diff; writes nothing",
  // Saved views change the console's own store, never AWS; the service decides whose view is whose.
  "POST /api/views": "saves the caller's own view of the fleet",
  "PATCH /api/views/:viewId": "renames the caller's own view (others answer 403)",
  "DELETE /api/views/:viewId": "deletes the caller's own view (an admin also a shared one)",
};

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SAMPLE_PARAMS: Record<string, string> = {
  accountId: "123456789012",
  poolId: "us-east-1_AbCdEf123",
  eventSource: "userNotification",
  region: "us-east-1",
  fix: "add-log-group-policy",
  action: "add-log-group-policy",
};

function concreteUrl(url: string): string {
  return url
    .replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x")
    .replace(/\*$/, "x");
}

function isApi(route: RouteAccessEntry): boolean {
  return route.url.startsWith("/api") || route.url === "/healthz" || route.url === "/readyz";
}

let t: TestApp;
let routes: RouteAccessEntry[];

beforeAll(async () => {
  // Single sign-on on (its provider is never reached here), so its routes are checked too.
  t = await startTestApp({
    env: {
      CLC_OIDC_ISSUER: "http://127.0.0.1:9/",
      CLC_OIDC_CLIENT_ID: "console",
      CLC_OIDC_CLIENT_SECRET: "secret",
      CLC_OIDC_ADMIN_GROUPS: "admins",
    },
  });
  await addOperator(t.stores, ADMIN);
  await addOperator(t.stores, VIEWER);
  routes = t.app.routeAccess.filter((route) => route.method !== "HEAD" && route.method !== "OPTIONS");
});
afterAll(async () => {
  await t.close();
});

describe("every route of the real app", () => {
  it("is collected, declares an access level, and only the expected /api routes are public", () => {
    const names = routes.map((r) => `${r.method} ${r.url}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "POST /api/session",
        "GET /api/session",
        "GET /api/audit",
        "GET /api/session/oidc/callback",
      ]),
    );
    for (const route of routes) expect(["public", "viewer", "admin"]).toContain(route.access);
    const publicApi = routes
      .filter((r) => r.access === "public" && isApi(r))
      .map((r) => `${r.method} ${r.url}`);
    for (const name of publicApi) expect(PUBLIC_API_ROUTES, `${name} is public`).toContain(name);
  });

  it("answers 401 without a session on each non-public route", async () => {
    const anonymous = new TestBrowser(t.baseUrl);
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.access !== "public")) {
      const answer = await anonymous.request(route.method, concreteUrl(route.url), {
        ...(STATE_CHANGING.has(route.method) ? { body: {} } : {}),
      });
      if (answer.status !== 401) failures.push(`${route.method} ${route.url} → ${answer.status}`);
    }
    expect(failures).toEqual([]);
    expect(routes.some((r) => r.access !== "public")).toBe(true);
  });

  it("requires admin for every state-changing route except the listed read-only ones", () => {
    const misdeclared = routes
      .filter((r) => STATE_CHANGING.has(r.method) && r.access !== "admin")
      .map((r) => `${r.method} ${r.url}`)
      .filter((name) => name !== "POST /api/session" && VIEWER_POSTS[name] === undefined);
    expect(misdeclared, "state-changing routes that a viewer could call").toEqual([]);
  });

  it("answers 403 to a viewer (with a valid CSRF token) on each admin route", async () => {
    const viewer = new TestBrowser(t.baseUrl);
    expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.access === "admin")) {
      const answer = await viewer.request(route.method, concreteUrl(route.url), {
        ...(STATE_CHANGING.has(route.method) ? { body: {} } : {}),
      });
      const type = (answer.body as { type?: string } | null)?.type;
      if (answer.status !== 403 || type !== "urn:clc:problem:forbidden") {
        failures.push(`${route.method} ${route.url} → ${answer.status} ${type}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

function bareApp() {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}

describe("the access plugin", () => {
  it("refuses to start when a route declares no access", async () => {
    const app = bareApp();
    await app.register(accessControl, { stores: createSqliteStores(":memory:") });
    app.get("/api/forgot-to-declare", async () => ({ secret: true }));
    await expect(app.ready()).rejects.toThrow(/Refusing to start: .*GET \/api\/forgot-to-declare/);
    await app.close().catch(() => undefined);
  });

  it("accepts a route whose plugin fills in its access (as the static files do)", async () => {
    const app = bareApp();
    await app.register(accessControl, { stores: createSqliteStores(":memory:") });
    await app.register(async (scope) => {
      scope.addHook("onRoute", (route) => {
        route.config = { ...(route.config ?? {}), access: "public" };
      });
      scope.get("/logo.svg", async () => "svg");
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
