import { SIGN_IN_FAILED_MESSAGE } from "@clc/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_POLICY } from "../src/features/operators/sessions.ts";
import { DEFAULT_SIGN_IN_LIMITS } from "../src/features/operators/sign-in.ts";
import {
  ADMIN,
  addOperator,
  problemType,
  startTestApp,
  type TestApp,
  TestBrowser,
  VIEWER,
} from "./auth-support.ts";

let t: TestApp;

beforeEach(async () => {
  t = await startTestApp({
    extraRoutes(app) {
      // A stand-in for a write route (apply, disable…), so these tests do not depend on AWS.
      app.post("/api/test-change", { config: { access: "admin" } }, async () => ({ changed: true }));
    },
  });
  await addOperator(t.stores, ADMIN);
  await addOperator(t.stores, VIEWER);
});
afterEach(async () => {
  await t.close();
});

describe("sign-in", () => {
  it("answers the operator and a CSRF token, and sets an HttpOnly SameSite=Strict session cookie", async () => {
    const browser = new TestBrowser(t.baseUrl);
    const answer = await browser.signIn("Alice", ADMIN.password);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      operator: { username: "alice", role: "admin" },
      csrfToken: expect.any(String),
    });

    const setCookie = answer.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0] ?? "";
    expect(cookie).toMatch(/^clc_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    // Plain http (the loopback sandbox): a Secure cookie would never come back.
    expect(cookie).not.toMatch(/; Secure/i);

    const session = await browser.request("GET", "/api/session");
    expect(session.status).toBe(200);
    expect(session.body).toEqual(answer.body);
  });

  it("stores only a hash of the session id", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const sessionId = browser.cookies.get("clc_session") ?? "";
    expect(await t.stores.sessions.get(sessionId)).toBeNull();
    const { hashSessionId } = await import("../src/features/operators/sessions.ts");
    expect(await t.stores.sessions.get(hashSessionId(sessionId))).toMatchObject({ username: "alice" });
  });

  it("answers the same uniform 401 for a wrong password and for an unknown user", async () => {
    const browser = new TestBrowser(t.baseUrl);
    const wrongPassword = await browser.signIn(ADMIN.username, "not the password at all");
    const unknownUser = await browser.signIn("nobody", "not the password at all");
    const invalidName = await browser.signIn("<script>", "x");
    for (const answer of [wrongPassword, unknownUser, invalidName]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(answer.headers.getSetCookie()).toEqual([]);
      const { requestId: _r, ...rest } = answer.body as Record<string, unknown>;
      expect(rest).toEqual({
        type: "urn:clc:problem:sign-in-failed",
        title: SIGN_IN_FAILED_MESSAGE,
        status: 401,
        detail: SIGN_IN_FAILED_MESSAGE,
        hint: expect.any(String),
        instance: "/api/session",
      });
    }
  });

  it("issues a new session id at every sign-in and ends the previous one", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const first = browser.cookies.get("clc_session");
    const stale = new TestBrowser(t.baseUrl);
    stale.cookies.set("clc_session", first ?? "");

    await browser.signIn(ADMIN.username, ADMIN.password);
    const second = browser.cookies.get("clc_session");
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect((await browser.request("GET", "/api/session")).status).toBe(200);
    expect((await stale.request("GET", "/api/session")).status).toBe(401);
  });

  it("rejects a malformed body with 400 and an oversized one with 413", async () => {
    const browser = new TestBrowser(t.baseUrl);
    expect((await browser.request("POST", "/api/session", { body: { username: "alice" } })).status).toBe(400);
    const huge = { username: "alice", password: "x".repeat(10_000) };
    expect((await browser.request("POST", "/api/session", { body: huge })).status).toBe(413);
  });
});

describe("session", () => {
  it("answers 401 problem without a session, and with a made-up cookie", async () => {
    const browser = new TestBrowser(t.baseUrl);
    const none = await browser.request("GET", "/api/session");
    expect(none.status).toBe(401);
    expect(problemType(none)).toBe("urn:clc:problem:unauthenticated");
    browser.cookies.set("clc_session", "A".repeat(43));
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  });

  it("ends after the idle timeout, and activity keeps it alive until then", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(VIEWER.username, VIEWER.password);
    t.clock.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs - 1000);
    expect((await browser.request("GET", "/api/session")).status).toBe(200);
    t.clock.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs - 1000);
    expect((await browser.request("GET", "/api/session")).status).toBe(200);
    t.clock.advance(DEFAULT_SESSION_POLICY.idleTimeoutMs);
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  });

  it("ends after the absolute timeout however busy it is", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(VIEWER.username, VIEWER.password);
    const step = DEFAULT_SESSION_POLICY.idleTimeoutMs / 2;
    let elapsed = 0;
    while (elapsed + step < DEFAULT_SESSION_POLICY.absoluteTimeoutMs) {
      t.clock.advance(step);
      elapsed += step;
      expect((await browser.request("GET", "/api/session")).status).toBe(200);
    }
    t.clock.advance(DEFAULT_SESSION_POLICY.absoluteTimeoutMs - elapsed);
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  });

  it("sign-out ends the session on the server and clears the cookie; it needs the CSRF token", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const sessionId = browser.cookies.get("clc_session") ?? "";

    const forged = await browser.request("DELETE", "/api/session", { csrf: false });
    expect(forged.status).toBe(403);
    expect((await browser.request("GET", "/api/session")).status).toBe(200);

    const out = await browser.request("DELETE", "/api/session");
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/clc_session=;/);
    expect(browser.cookies.has("clc_session")).toBe(false);

    // Replaying the old cookie does not bring the session back.
    const replay = new TestBrowser(t.baseUrl);
    replay.cookies.set("clc_session", sessionId);
    expect((await replay.request("GET", "/api/session")).status).toBe(401);
  });

  it("takes a role change into account at once, and ends when the operator is removed", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    expect((await browser.request("POST", "/api/test-change")).status).toBe(200);
    await t.stores.operators.setRole(ADMIN.username, "viewer", Date.now());
    expect((await browser.request("POST", "/api/test-change")).status).toBe(403);
    await t.stores.operators.remove(ADMIN.username);
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  });
});

describe("CSRF and roles", () => {
  it("refuses a change without the X-CSRF-Token header or with a wrong one", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, ADMIN.password);
    const missing = await browser.request("POST", "/api/test-change", { csrf: false });
    expect(missing.status).toBe(403);
    expect(problemType(missing)).toBe("urn:clc:problem:csrf");
    const wrong = await browser.request("POST", "/api/test-change", {
      headers: { "x-csrf-token": `${browser.csrfToken?.slice(0, -1)}x` },
    });
    expect(wrong.status).toBe(403);
    expect(problemType(wrong)).toBe("urn:clc:problem:csrf");
    // Another operator's token does not fit this session either.
    const other = new TestBrowser(t.baseUrl);
    await other.signIn(VIEWER.username, VIEWER.password);
    const crossed = await browser.request("POST", "/api/test-change", {
      headers: { "x-csrf-token": other.csrfToken ?? "" },
    });
    expect(crossed.status).toBe(403);
    expect((await browser.request("POST", "/api/test-change")).status).toBe(200);
  });

  it("refuses a viewer's change with 403 even with a valid CSRF token", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(VIEWER.username, VIEWER.password);
    const answer = await browser.request("POST", "/api/test-change");
    expect(answer.status).toBe(403);
    expect(problemType(answer)).toBe("urn:clc:problem:forbidden");
  });

  it("answers 401, not 403, to a change without any session", async () => {
    const answer = await new TestBrowser(t.baseUrl).request("POST", "/api/test-change");
    expect(answer.status).toBe(401);
  });
});

describe("throttling", () => {
  const { maxFailures, lockMs } = DEFAULT_SIGN_IN_LIMITS.accountFromAddress;

  it("locks an account after repeated failures, even for the right password, then lets it in again", async () => {
    const browser = new TestBrowser(t.baseUrl);
    for (let i = 0; i < maxFailures; i++) {
      expect((await browser.signIn(ADMIN.username, `wrong password ${i}`)).status).toBe(401);
    }
    const locked = await browser.signIn(ADMIN.username, ADMIN.password);
    expect(locked.status).toBe(429);
    expect(problemType(locked)).toBe("urn:clc:problem:sign-in-locked");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    // The other operator is not affected.
    expect((await browser.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);

    t.clock.advance(lockMs);
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it("locks an unknown username the same way, so locking does not reveal which accounts exist", async () => {
    const browser = new TestBrowser(t.baseUrl);
    for (let i = 0; i < maxFailures; i++) await browser.signIn("ghost", `wrong password ${i}`);
    const answer = await browser.signIn("ghost", "anything at all");
    expect(answer.status).toBe(429);
  });

  it("a success clears the account's failure count", async () => {
    const browser = new TestBrowser(t.baseUrl);
    for (let i = 0; i < maxFailures - 1; i++) await browser.signIn(ADMIN.username, "wrong");
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    for (let i = 0; i < maxFailures - 1; i++) await browser.signIn(ADMIN.username, "wrong");
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it("locks a client address that sprays many usernames", async () => {
    await t.close();
    t = await startTestApp({
      access: {
        signInLimits: {
          accountFromAddress: DEFAULT_SIGN_IN_LIMITS.accountFromAddress,
          address: { windowMs: 60_000, maxFailures: 4, lockMs: 60_000 },
        },
      },
    });
    await addOperator(t.stores, ADMIN);
    const browser = new TestBrowser(t.baseUrl);
    for (const name of ["a1", "a2", "a3", "a4"]) expect((await browser.signIn(name, "x")).status).toBe(401);
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(429);
    t.clock.advance(60_000);
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });
});

describe("the sign-in trail", () => {
  it("records successes, failures and sign-outs without any password", async () => {
    const browser = new TestBrowser(t.baseUrl);
    await browser.signIn(ADMIN.username, "a wrong password here");
    await browser.signIn(ADMIN.username, ADMIN.password);
    await browser.request("DELETE", "/api/session");
    const { items } = await t.stores.audit.list({}, { limit: 10 });
    expect(items.map((r) => [r.action, r.outcome, r.operator, r.role])).toEqual([
      ["session.sign-out", "success", "alice", "admin"],
      ["session.sign-in", "success", "alice", "admin"],
      ["session.sign-in", "failure", "alice", null],
    ]);
    expect(items[2]?.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(items)).not.toContain("a wrong password here");
    expect(JSON.stringify(items)).not.toContain(ADMIN.password);
  });
});
