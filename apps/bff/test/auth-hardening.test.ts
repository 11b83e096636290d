import path from "node:path";
import { tempDirs } from "@clc/sandbox/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../src/features/operators/password.ts";
import { ensureDemoOperators, NoAdminError } from "../src/features/operators/startup.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { openConsoleAccess } from "../src/wiring.ts";
import {
  ADMIN,
  addOperator,
  startTestApp,
  TEST_PASSWORD_PARAMS,
  type TestApp,
  TestBrowser,
} from "./auth-support.ts";

const tempDir = tempDirs("clc-start-");
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("response headers", () => {
  it("carry a strict CSP and no CORS grant, even to a cross-origin caller", async () => {
    t = await startTestApp();
    const browser = new TestBrowser(t.baseUrl);
    for (const url of ["/api/session", "/healthz", "/"]) {
      const answer = await browser.request("GET", url, { headers: { origin: "https://evil.example" } });
      const csp = answer.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("access-control-allow-origin")).toBeNull();
      expect(answer.headers.get("access-control-allow-credentials")).toBeNull();
    }
    const preflight = await browser.request("OPTIONS", "/api/session", {
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect((await browser.request("GET", "/api/session")).headers.get("cache-control")).toBe("no-store");
  });
});

describe("the session cookie behind a TLS-terminating proxy", () => {
  it("is Secure and __Host- prefixed when TRUST_PROXY is set and the proxy says https", async () => {
    t = await startTestApp({ env: { TRUST_PROXY: "127.0.0.1" } });
    await addOperator(t.stores, ADMIN);
    const browser = new TestBrowser(t.baseUrl);
    const answer = await browser.request("POST", "/api/session", {
      body: { username: ADMIN.username, password: ADMIN.password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(answer.status).toBe(200);
    const cookie = answer.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^__Host-clc_session=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
  });

  it("ignores X-Forwarded-Proto when the proxy is not trusted", async () => {
    t = await startTestApp();
    await addOperator(t.stores, ADMIN);
    const answer = await new TestBrowser(t.baseUrl).request("POST", "/api/session", {
      body: { username: ADMIN.username, password: ADMIN.password },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(answer.headers.getSetCookie()[0]).toMatch(/^clc_session=/);
  });
});

describe("operators at start-up", () => {
  it("aws mode refuses to start without an admin and says how to create one", async () => {
    const dataDir = tempDir();
    const refused = openConsoleAccess({ mode: "aws", dataDir });
    await expect(refused).rejects.toBeInstanceOf(NoAdminError);
    await expect(refused).rejects.toThrow("pnpm operators -- add alice --role admin");
    // The command works on the directory that was refused, whether or not CLC_DATA_DIR is still set
    // where the command is typed (it was often given on the start command line only).
    await expect(refused).rejects.toThrow(`--role admin --data-dir ${dataDir}\n`);

    const stores = createSqliteStores(path.join(dataDir, "console.sqlite"));
    await addOperator(stores, { username: "viewer-only", password: "a viewer password", role: "viewer" });
    await stores.close();
    await expect(openConsoleAccess({ mode: "aws", dataDir })).rejects.toBeInstanceOf(NoAdminError);

    const again = createSqliteStores(path.join(dataDir, "console.sqlite"));
    await addOperator(again, ADMIN);
    await again.close();
    const access = await openConsoleAccess({ mode: "aws", dataDir });
    expect(access.demoCredentials).toEqual([]);
    await access.close();
  });

  it("sandbox mode creates the demo operators, resets them at every start, and takes passwords from the environment", async () => {
    const stores = createSqliteStores(":memory:");
    const generated = await ensureDemoOperators(stores.operators, {}, { params: TEST_PASSWORD_PARAMS });
    expect(generated.map((c) => [c.username, c.role])).toEqual([
      ["admin", "admin"],
      ["viewer", "viewer"],
    ]);
    for (const credential of generated)
      expect(credential.generatedPassword?.length).toBeGreaterThanOrEqual(12);

    await stores.operators.setRole("viewer", "admin", 1);
    const env = {
      CLC_DEMO_ADMIN_PASSWORD: "admin-from-env-123",
      CLC_DEMO_VIEWER_PASSWORD: "viewer-from-env-123",
    };
    const fromEnv = await ensureDemoOperators(stores.operators, env, { params: TEST_PASSWORD_PARAMS });
    expect(fromEnv.map((c) => c.generatedPassword)).toEqual([null, null]);
    const admin = await stores.operators.get("admin");
    const viewer = await stores.operators.get("viewer");
    expect(viewer?.role).toBe("viewer");
    expect(await verifyPassword(env.CLC_DEMO_ADMIN_PASSWORD, admin?.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword(generated[0]?.generatedPassword ?? "", admin?.passwordHash ?? "")).toBe(
      false,
    );

    await expect(
      ensureDemoOperators(
        stores.operators,
        { CLC_DEMO_ADMIN_PASSWORD: "short" },
        { params: TEST_PASSWORD_PARAMS },
      ),
    ).rejects.toThrow(/CLC_DEMO_ADMIN_PASSWORD: A password has at least 12 characters/);
    await stores.close();
  });
});
