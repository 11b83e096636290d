/**
 * Single sign-on through a REAL OpenID provider (oidc-provider, test/oidc-support.ts) over HTTP: the
 * console (buildApp with its access plugin, listening on loopback) redirects to the provider, the test
 * fills in the provider's login and consent pages, and the provider redirects back to the console's
 * callback, which exchanges the code and checks the ID token with openid-client. Bad tokens come from
 * a man in the middle of the provider's token endpoint.
 */
import type { AuditRecord } from "@clc/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { OIDC_CALLBACK_PATH } from "../src/config.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";
import { ADMIN, addOperator, problemType, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";
import {
  CLIENT_ID,
  CLIENT_SECRET,
  jwtPayload,
  loginAtProvider,
  newSigningKey,
  signJwt,
  startTestProvider,
  type TestProvider,
} from "./oidc-support.ts";

const ADMIN_GROUP = "console-admins";
const VIEWER_GROUP = "console-viewers";

function ssoEnv(issuer: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CLC_OIDC_ISSUER: issuer,
    CLC_OIDC_CLIENT_ID: CLIENT_ID,
    CLC_OIDC_CLIENT_SECRET: CLIENT_SECRET,
    CLC_OIDC_PROVIDER_NAME: "Test IdP",
    CLC_OIDC_ADMIN_GROUPS: ADMIN_GROUP,
    CLC_OIDC_VIEWER_GROUPS: `${VIEWER_GROUP},auditors`,
    ...extra,
  };
}

let provider: TestProvider;
let consoleApp: TestApp;
const opened: TestApp[] = [];

async function startConsole(env: Record<string, string> = {}, stores?: Stores): Promise<TestApp> {
  const app = await startTestApp({ env: ssoEnv(provider.issuer, env), ...(stores ? { stores } : {}) });
  opened.push(app);
  provider.register({
    redirectUri: `${app.baseUrl}${OIDC_CALLBACK_PATH}`,
    postLogoutRedirectUri: `${app.baseUrl}/sign-in`,
  });
  return app;
}

beforeAll(async () => {
  provider = await startTestProvider();
  consoleApp = await startConsole();
  provider.users.set("alice", {
    preferred_username: "Alice",
    email: "alice@example.com",
    groups: [ADMIN_GROUP, "staff"],
  });
  provider.users.set("victor", { email: "victor@example.com", groups: [VIEWER_GROUP] });
  provider.users.set("both", { preferred_username: "both", groups: [VIEWER_GROUP, ADMIN_GROUP] });
  provider.users.set("nobody", { preferred_username: "nobody", groups: ["sales"] });
  provider.users.set("nogroups", { preferred_username: "nogroups" });
  provider.users.set("sam-1", { preferred_username: "sam", groups: [ADMIN_GROUP] });
  provider.users.set("sam-2", { preferred_username: "sam", groups: [ADMIN_GROUP] });
});

afterEach(() => {
  provider.tamperIdToken = null;
});

afterAll(async () => {
  for (const app of opened) await app.close();
  await provider?.close();
});

/** Starts a sign-in at the console: answers the provider URL it redirected to (the flow cookie kept). */
async function begin(browser: TestBrowser, returnTo = "/pools?region=us-east-1"): Promise<string> {
  const start = await browser.request(
    "GET",
    `/api/session/oidc/start?returnTo=${encodeURIComponent(returnTo)}`,
  );
  expect(start.status).toBe(303);
  const location = start.headers.get("location") ?? "";
  expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
  return location;
}

/** The callback path and query the provider redirected to, as the browser would request it. */
function callbackPath(url: URL): string {
  return `${url.pathname}${url.search}`;
}

async function signInAs(
  browser: TestBrowser,
  login: string,
  headers: Record<string, string> = { accept: "text/html" },
) {
  const back = await loginAtProvider(await begin(browser), login);
  return browser.request("GET", callbackPath(back), { headers });
}

async function sessionOf(browser: TestBrowser) {
  const answer = await browser.request("GET", "/api/session");
  if (answer.status === 200) browser.csrfToken = (answer.body as { csrfToken: string }).csrfToken;
  return answer;
}

async function auditRows(app: TestApp): Promise<AuditRecord[]> {
  return (await app.stores.audit.list({}, { limit: 100 })).items;
}

describe("single sign-on through a real OpenID provider", () => {
  it("lists both ways in when local operators are on", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    const methods = await browser.request("GET", "/api/session/methods");
    expect(methods.status).toBe(200);
    expect(methods.body).toEqual({
      password: true,
      sso: { name: "Test IdP", startUrl: "/api/session/oidc/start" },
    });
  });

  it("signs in an admin by group, with PKCE, state and nonce, and records it", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    const authorizationUrl = new URL(await begin(browser));
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorizationUrl.searchParams.get("state")).toMatch(/.{20,}/);
    expect(authorizationUrl.searchParams.get("nonce")).toMatch(/.{20,}/);
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(
      `${consoleApp.baseUrl}${OIDC_CALLBACK_PATH}`,
    );
    // The flow is in a sealed cookie: none of the secrets is readable in it.
    const flowCookie = browser.cookies.get("clc_oidc_flow") ?? "";
    expect(flowCookie).not.toBe("");
    expect(flowCookie).not.toContain(authorizationUrl.searchParams.get("state"));

    const back = await loginAtProvider(authorizationUrl.href, "alice");
    expect(back.searchParams.get("code")).toBeTruthy();
    const done = await browser.request("GET", callbackPath(back), { headers: { accept: "text/html" } });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/pools?region=us-east-1");
    expect(done.text).toBe("");
    expect(browser.cookies.has("clc_oidc_flow")).toBe(false);

    const session = await sessionOf(browser);
    expect(session.status).toBe(200);
    expect((session.body as { operator: unknown }).operator).toEqual({
      username: "sso:alice",
      role: "admin",
    });
    const row = (await auditRows(consoleApp)).find(
      (r) => r.action === "session.sign-in" && r.operator === "sso:alice",
    );
    expect(row).toMatchObject({ outcome: "success", role: "admin" });
  });

  it("signs in a viewer by group, named by email without preferred_username; admin wins when both", async () => {
    const viewer = new TestBrowser(consoleApp.baseUrl);
    expect((await signInAs(viewer, "victor")).status).toBe(303);
    expect(((await sessionOf(viewer)).body as { operator: unknown }).operator).toEqual({
      username: "sso:victor@example.com",
      role: "viewer",
    });
    // A viewer cannot use an admin route.
    const forbidden = await viewer.request("POST", "/api/pools/us-east-1_abc/fixes", {
      body: {
        action: "tag-firehose-stream",
        target: "arn:aws:firehose:us-east-1:123456789012:deliverystream/x",
      },
    });
    expect(forbidden.status).toBe(403);
    expect(problemType(forbidden)).toBe("urn:clc:problem:forbidden");

    const both = new TestBrowser(consoleApp.baseUrl);
    expect((await signInAs(both, "both")).status).toBe(303);
    expect(((await sessionOf(both)).body as { operator: { role: string } }).operator.role).toBe("admin");
  });

  it("takes the role from the groups at every sign-in", async () => {
    provider.users.set("mover", { preferred_username: "mover", groups: [VIEWER_GROUP] });
    const first = new TestBrowser(consoleApp.baseUrl);
    await signInAs(first, "mover");
    expect(((await sessionOf(first)).body as { operator: { role: string } }).operator.role).toBe("viewer");
    provider.users.set("mover", { preferred_username: "mover", groups: [ADMIN_GROUP] });
    const second = new TestBrowser(consoleApp.baseUrl);
    await signInAs(second, "mover");
    expect(((await sessionOf(second)).body as { operator: { role: string } }).operator.role).toBe("admin");
  });

  it("refuses a user in no mapped group with a clear page and problem, and records it like a failed sign-in", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    const page = await signInAs(browser, "nobody");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/sign-in?sso_error=sso-no-group");
    expect(browser.cookies.has("clc_session")).toBe(false);
    expect((await sessionOf(browser)).status).toBe(401);

    const api = new TestBrowser(consoleApp.baseUrl);
    const problem = await signInAs(api, "nogroups", { accept: "application/json" });
    expect(problem.status).toBe(403);
    expect(problemType(problem)).toBe("urn:clc:problem:sso-no-group");
    expect((problem.body as { detail: string }).detail).toMatch(/not in a group mapped to the console\. Ask/);
    expect(api.cookies.has("clc_session")).toBe(false);

    const refused = (await auditRows(consoleApp)).find(
      (r) => r.action === "session.sign-in" && r.outcome === "failure" && r.operator === "sso:nobody",
    );
    expect(refused?.error).toMatch(/no group mapped to the console/);
    expect(refused?.role).toBeNull();
  });

  it("accepts a token the man in the middle re-signs unchanged with the provider's key (the harness is sound)", async () => {
    provider.tamperIdToken = (token) => signJwt(jwtPayload(token), provider.key.privateKey);
    const browser = new TestBrowser(consoleApp.baseUrl);
    expect((await signInAs(browser, "alice")).headers.get("location")).toBe("/pools?region=us-east-1");
    expect((await sessionOf(browser)).status).toBe(200);
  });

  const refusedTokens: Array<[string, (token: string) => string]> = [
    [
      "a token for another audience",
      (token) => signJwt({ ...jwtPayload(token), aud: "another-client" }, provider.key.privateKey),
    ],
    [
      "an expired token",
      (token) => {
        const now = Math.floor(Date.now() / 1000);
        return signJwt({ ...jwtPayload(token), iat: now - 7200, exp: now - 3600 }, provider.key.privateKey);
      },
    ],
    [
      "a token from another issuer",
      (token) => signJwt({ ...jwtPayload(token), iss: "http://127.0.0.1:1" }, provider.key.privateKey),
    ],
    [
      "a tampered token (claims changed, signature kept)",
      (token) => {
        const [header, , signature] = token.split(".");
        const payload = { ...jwtPayload(token), groups: [ADMIN_GROUP], preferred_username: "root" };
        return `${header}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
      },
    ],
    [
      "a token signed by another key under the provider's key id",
      (token) => signJwt(jwtPayload(token), newSigningKey().privateKey),
    ],
    [
      "a token with another nonce",
      (token) => signJwt({ ...jwtPayload(token), nonce: "not-the-flows-nonce" }, provider.key.privateKey),
    ],
  ];

  for (const [name, tamper] of refusedTokens) {
    it(`refuses ${name}`, async () => {
      provider.tamperIdToken = tamper;
      const browser = new TestBrowser(consoleApp.baseUrl);
      const answer = await signInAs(browser, "alice", { accept: "application/json" });
      expect(answer.status).toBe(401);
      expect(problemType(answer)).toBe("urn:clc:problem:sso-failed");
      expect(browser.cookies.has("clc_session")).toBe(false);
      expect((await sessionOf(browser)).status).toBe(401);
    });
  }

  it("refuses a mismatched state, a callback without its flow cookie, and a replayed callback", async () => {
    // Two sign-ins started in one browser: the first one's answer no longer matches the flow it holds.
    const browser = new TestBrowser(consoleApp.baseUrl);
    const firstBack = await loginAtProvider(await begin(browser), "alice");
    await begin(browser);
    const mismatched = await browser.request("GET", callbackPath(firstBack), {
      headers: { accept: "application/json" },
    });
    expect(mismatched.status).toBe(401);
    expect(problemType(mismatched)).toBe("urn:clc:problem:sso-failed");
    expect((mismatched.body as { detail: string }).detail).toMatch(/did not pass the console's checks/);

    // The provider's answer delivered to another browser (no flow cookie): a login CSRF attempt.
    const victim = new TestBrowser(consoleApp.baseUrl);
    const attacker = new TestBrowser(consoleApp.baseUrl);
    const attackerBack = await loginAtProvider(await begin(attacker), "alice");
    const planted = await victim.request("GET", callbackPath(attackerBack), {
      headers: { accept: "text/html" },
    });
    expect(planted.headers.get("location")).toBe("/sign-in?sso_error=sso-flow-missing");
    expect(victim.cookies.has("clc_session")).toBe(false);

    // A successful callback replayed with the same flow cookie: the code was used once.
    const user = new TestBrowser(consoleApp.baseUrl);
    const back = await loginAtProvider(await begin(user), "alice");
    const flow = user.cookies.get("clc_oidc_flow") ?? "";
    expect((await user.request("GET", callbackPath(back))).status).toBe(303);
    const replayer = new TestBrowser(consoleApp.baseUrl);
    replayer.cookies.set("clc_oidc_flow", flow);
    const replay = await replayer.request("GET", callbackPath(back), {
      headers: { accept: "application/json" },
    });
    expect(replay.status).toBe(401);
    expect(replayer.cookies.has("clc_session")).toBe(false);

    // A flow cookie this console did not seal.
    const forger = new TestBrowser(consoleApp.baseUrl);
    forger.cookies.set("clc_oidc_flow", `${flow.slice(0, -4)}AAAA`);
    const forged = await forger.request("GET", callbackPath(back), {
      headers: { accept: "application/json" },
    });
    expect(forged.status).toBe(400);
    expect(problemType(forged)).toBe("urn:clc:problem:sso-flow-missing");
  });

  it("refuses a sign-in that took longer than 10 minutes at the provider", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    const back = await loginAtProvider(await begin(browser), "alice");
    consoleApp.clock.advance(10 * 60_000 + 1);
    const late = await browser.request("GET", callbackPath(back), {
      headers: { accept: "application/json" },
    });
    expect(late.status).toBe(400);
    expect(problemType(late)).toBe("urn:clc:problem:sso-flow-missing");
    expect(browser.cookies.has("clc_session")).toBe(false);
  });

  it("refuses a name that another account of the provider already holds", async () => {
    const first = new TestBrowser(consoleApp.baseUrl);
    await signInAs(first, "sam-1");
    expect(((await sessionOf(first)).body as { operator: { username: string } }).operator.username).toBe(
      "sso:sam",
    );
    const second = new TestBrowser(consoleApp.baseUrl);
    const refused = await signInAs(second, "sam-2", { accept: "application/json" });
    expect(refused.status).toBe(403);
    expect(problemType(refused)).toBe("urn:clc:problem:sso-name-taken");
    expect(second.cookies.has("clc_session")).toBe(false);
  });

  it("never lets a same-origin return path become an open redirect", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    const back = await loginAtProvider(await begin(browser, "//evil.example/x"), "alice");
    expect((await browser.request("GET", callbackPath(back))).headers.get("location")).toBe("/");
  });

  it("signs out: ends the console session and offers the provider's end-session page", async () => {
    const browser = new TestBrowser(consoleApp.baseUrl);
    await signInAs(browser, "alice");
    expect((await sessionOf(browser)).status).toBe(200);
    const out = await browser.request("DELETE", "/api/session");
    expect(out.status).toBe(200);
    const endSession = new URL((out.body as { endSessionUrl: string }).endSessionUrl);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(endSession.searchParams.get("client_id")).toBe(CLIENT_ID);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${consoleApp.baseUrl}/sign-in`);
    expect((await sessionOf(browser)).status).toBe(401);
    // The provider accepts it (its confirmation page), so the link works.
    const page = await fetch(endSession, { redirect: "manual" });
    expect(page.status).toBe(200);
    const rows = await auditRows(consoleApp);
    expect(rows.find((r) => r.action === "session.sign-out" && r.operator === "sso:alice")).toBeDefined();

    // A local operator's sign-out has no provider session to end.
    await addOperator(consoleApp.stores, ADMIN);
    const local = new TestBrowser(consoleApp.baseUrl);
    expect((await local.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    expect((await local.request("DELETE", "/api/session")).status).toBe(204);
  });
});

describe("single sign-on behind two replicas", () => {
  it("finishes on another replica than the one that started it (the flow is in the sealed cookie)", async () => {
    // Two consoles sharing one store and one configuration, as replicas behind a load balancer.
    const stores = createSqliteStores(":memory:");
    const replicaA = await startTestApp({ env: ssoEnv(provider.issuer), stores });
    const replicaB = await startTestApp({ env: ssoEnv(provider.issuer), stores });
    try {
      provider.register({
        redirectUri: `${replicaA.baseUrl}${OIDC_CALLBACK_PATH}`,
        postLogoutRedirectUri: `${replicaA.baseUrl}/sign-in`,
      });
      const throughA = new TestBrowser(replicaA.baseUrl);
      const back = await loginAtProvider(await begin(throughA), "alice");
      const throughB = new TestBrowser(replicaB.baseUrl);
      for (const [name, value] of throughA.cookies) throughB.cookies.set(name, value);
      const done = await throughB.request("GET", callbackPath(back));
      expect(done.status).toBe(303);
      expect(done.headers.get("location")).toBe("/pools?region=us-east-1");
      for (const [name, value] of throughB.cookies) throughA.cookies.set(name, value);
      expect(((await sessionOf(throughA)).body as { operator: { username: string } }).operator.username).toBe(
        "sso:alice",
      );
    } finally {
      await replicaA.app.close();
      await replicaB.close();
    }
  });
});

describe("local operators turned off", () => {
  it("refuses password sign-in, lists only the provider, and ends local sessions", async () => {
    const stores = createSqliteStores(":memory:");
    await addOperator(stores, ADMIN);
    const withLocal = await startTestApp({ env: ssoEnv(provider.issuer), stores });
    // (Password sign-in only here: this console needs no registration at the provider.)
    const browser = new TestBrowser(withLocal.baseUrl);
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    await withLocal.app.close();

    const ssoOnly = await startTestApp({
      env: ssoEnv(provider.issuer, { CLC_LOCAL_OPERATORS: "off" }),
      stores,
    });
    try {
      const methods = await new TestBrowser(ssoOnly.baseUrl).request("GET", "/api/session/methods");
      expect(methods.body).toEqual({
        password: false,
        sso: { name: "Test IdP", startUrl: "/api/session/oidc/start" },
      });

      const fresh = new TestBrowser(ssoOnly.baseUrl);
      const refused = await fresh.signIn(ADMIN.username, ADMIN.password);
      expect(refused.status).toBe(403);
      expect(problemType(refused)).toBe("urn:clc:problem:password-sign-in-off");
      expect((refused.body as { hint: string }).hint).toContain("Sign in with Test IdP");
      expect(fresh.cookies.size).toBe(0);

      // The session the local admin already had is not honoured any more.
      const old = new TestBrowser(ssoOnly.baseUrl);
      for (const [name, value] of browser.cookies) old.cookies.set(name, value);
      expect((await sessionOf(old)).status).toBe(401);
    } finally {
      await ssoOnly.close();
    }
  });
});

describe("an unreachable provider", () => {
  it("answers 503 with what to do, and the console still starts and serves password sign-in", async () => {
    const app = await startConsole({ CLC_OIDC_ISSUER: "http://127.0.0.1:9/realm" });
    const browser = new TestBrowser(app.baseUrl);
    const start = await browser.request("GET", "/api/session/oidc/start", {
      headers: { accept: "application/json" },
    });
    expect(start.status).toBe(503);
    expect(problemType(start)).toBe("urn:clc:problem:sso-unavailable");
    const page = await browser.request("GET", "/api/session/oidc/start", {
      headers: { accept: "text/html" },
    });
    expect(page.headers.get("location")).toBe("/sign-in?sso_error=sso-unavailable");
    await addOperator(app.stores, { ...ADMIN, username: "local-admin" });
    expect((await browser.signIn("local-admin", ADMIN.password)).status).toBe(200);
  });
});
