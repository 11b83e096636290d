/**
 * Issue 20 / issue 11 §5: demo operators never reach aws mode, sign-in throttling that an attacker
 * elsewhere cannot use to keep an operator out and cannot race, bounded password work, and an audit
 * trail that anonymous sign-in attempts cannot flood. Over HTTP against the running app.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tempDirs } from "@clc/sandbox/test-support";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createSessionManager } from "../src/features/operators/sessions.ts";
import { DEFAULT_SIGN_IN_LIMITS } from "../src/features/operators/sign-in.ts";
import {
  DemoOperatorsInAwsModeError,
  ensureDemoOperators,
  NoAdminError,
} from "../src/features/operators/startup.ts";
import { SQLITE_MIGRATIONS } from "../src/store/migrations/index.ts";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { migrate } from "../src/store/sqlite/migrate.ts";
import { openConsoleAccess } from "../src/wiring.ts";
import {
  ADMIN,
  addOperator,
  problemType,
  startTestApp,
  TEST_PASSWORD_PARAMS,
  type TestApp,
  TestBrowser,
} from "./auth-support.ts";

// Each test starts an app (and some hash with production scrypt): budget for a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const tempDir = tempDirs("clc-harden-");
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const DEMO_ENV = {
  CLC_DEMO_ADMIN_PASSWORD: "demo-admin-password-1",
  CLC_DEMO_VIEWER_PASSWORD: "demo-viewer-password-1",
};

/** A browser whose requests come through a trusted proxy from `address`. */
function from(baseUrl: string, address: string) {
  const browser = new TestBrowser(baseUrl);
  return {
    browser,
    signIn: (username: string, password: string) =>
      browser.request("POST", "/api/session", {
        body: { username, password },
        headers: { "x-forwarded-for": address },
      }),
  };
}

describe("demo operators never reach aws mode", () => {
  it("sandbox and aws mode keep their state in different directories by default", () => {
    const sandbox = loadConfig({ CLC_MODE: "sandbox" });
    const aws = loadConfig({ CLC_MODE: "aws", AWS_REGION: "eu-west-1" });
    expect(sandbox.dataDir).not.toBe(aws.dataDir);
    expect(path.dirname(sandbox.dataDir)).toBe(path.dirname(aws.dataDir));
  });

  it("aws mode refuses a store where a sandbox start made the demo admin, and says how to remove it", async () => {
    const dataDir = tempDir();
    const sandbox = await openConsoleAccess({ mode: "sandbox", dataDir, env: DEMO_ENV });
    t = await startTestApp({ stores: sandbox.stores });
    // The demo admin works in sandbox mode...
    expect((await new TestBrowser(t.baseUrl).signIn("admin", DEMO_ENV.CLC_DEMO_ADMIN_PASSWORD)).status).toBe(
      200,
    );
    await t.close();
    t = undefined;

    // ...and aws mode on the same directory will not start, even with an admin of its own.
    const stores = createSqliteStores(databasePath(dataDir));
    await addOperator(stores, ADMIN);
    await stores.close();
    const refused = openConsoleAccess({ mode: "aws", dataDir });
    await expect(refused).rejects.toBeInstanceOf(DemoOperatorsInAwsModeError);
    await expect(refused).rejects.toThrow(`remove admin`);
    await expect(refused).rejects.toThrow(`remove viewer`);

    // Once the demo operators are gone, aws mode starts and the demo password is worthless.
    const cleanup = createSqliteStores(databasePath(dataDir));
    await cleanup.operators.remove("admin");
    await cleanup.operators.remove("viewer");
    await cleanup.close();
    const aws = await openConsoleAccess({ mode: "aws", dataDir });
    t = await startTestApp({ stores: aws.stores });
    expect((await new TestBrowser(t.baseUrl).signIn("admin", DEMO_ENV.CLC_DEMO_ADMIN_PASSWORD)).status).toBe(
      401,
    );
    expect((await new TestBrowser(t.baseUrl).signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    // Demo operators are hashed with the production scrypt parameters: slow on a busy machine.
  }, 60_000);

  it("the console started in aws mode on that directory exits, naming the demo operators and the commands that remove them", async () => {
    const dataDir = tempDir();
    const sandbox = await openConsoleAccess({ mode: "sandbox", dataDir, env: DEMO_ENV });
    await sandbox.close();
    const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", main], {
        cwd: path.dirname(main),
        env: {
          PATH: process.env.PATH ?? "",
          CLC_MODE: "aws",
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "not-a-real-key",
          AWS_SECRET_ACCESS_KEY: "not-a-real-secret",
          CLC_DATA_DIR: dataDir,
          PORT: "0",
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Refusing to start in aws mode");
    expect(run.stderr).toContain(`pnpm operators -- --data-dir ${dataDir} remove admin`);
    expect(run.stderr).not.toContain(DEMO_ENV.CLC_DEMO_ADMIN_PASSWORD);
  });

  it("a sandbox start never rewrites an operator named admin that it did not create", async () => {
    const dataDir = tempDir();
    const stores = createSqliteStores(databasePath(dataDir));
    const own = { username: "admin", password: "the operators own password", role: "viewer" } as const;
    await addOperator(stores, own);
    await stores.close();

    const access = await openConsoleAccess({ mode: "sandbox", dataDir, env: DEMO_ENV });
    expect(access.demoCredentials.map((c) => c.username)).toEqual(["viewer"]);
    t = await startTestApp({ stores: access.stores });
    expect((await new TestBrowser(t.baseUrl).signIn("admin", DEMO_ENV.CLC_DEMO_ADMIN_PASSWORD)).status).toBe(
      401,
    );
    const signedIn = await new TestBrowser(t.baseUrl).signIn("admin", own.password);
    expect(signedIn.status).toBe(200);
    expect((signedIn.body as { operator: { role: string } }).operator.role).toBe("viewer");
    // Demo operators are hashed with the production scrypt parameters: slow on a busy machine.
  }, 60_000);

  it("a console running in aws mode refuses demo operators a sandbox start adds to its store meanwhile, and their sessions", async () => {
    // Found by attack: the refusal was at start-up only. A sandbox start on the same data directory
    // (CLC_DATA_DIR exported for aws mode, CLC_MODE=sandbox to try the demo) made the demo admin,
    // printed its password, and the running aws console signed it in as an admin of the account.
    const dataDir = tempDir();
    const setup = createSqliteStores(databasePath(dataDir));
    await addOperator(setup, ADMIN);
    await setup.close();
    const aws = await openConsoleAccess({ mode: "aws", dataDir });
    const app = await buildApp({
      config: loadConfig({
        CLC_MODE: "aws",
        AWS_REGION: "us-east-1",
        LOG_LEVEL: "silent",
        WEB_DIST: "/nonexistent-web-dist-for-tests",
      }),
      target: { mode: "aws" },
      auth: aws.auth,
      audit: aws.audit,
      logger: false,
    });
    app.addHook("onClose", async () => aws.close());
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      // What a sandbox start on the same directory does, while the aws console runs.
      const sandboxSide = createSqliteStores(databasePath(dataDir));
      await ensureDemoOperators(sandboxSide.operators, DEMO_ENV, { params: TEST_PASSWORD_PARAMS });
      const demoSession = await createSessionManager({
        sessions: sandboxSide.sessions,
        clock: Date.now,
      }).start("admin");
      await sandboxSide.close();

      const signIn = await new TestBrowser(baseUrl).signIn("admin", DEMO_ENV.CLC_DEMO_ADMIN_PASSWORD);
      expect(signIn.status).toBe(401);
      // A session the sandbox console started (cookies do not tell ports apart) is no session here.
      const whoAmI = await fetch(`${baseUrl}/api/session`, {
        headers: { cookie: `clc_session=${demoSession.sessionId}` },
      });
      expect(whoAmI.status).toBe(401);
      expect((await new TestBrowser(baseUrl).signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    } finally {
      await app.close();
    }
  }, 60_000);

  it("a store from before operators had an origin presumes admin and viewer are the demo's", async () => {
    const dataDir = tempDir();
    const db = new Database(databasePath(dataDir));
    migrate(db, SQLITE_MIGRATIONS.slice(0, 2));
    db.prepare(
      "INSERT INTO operators (username, role, password_hash, created_at, updated_at) VALUES ('admin', 'admin', 'x', 1, 1)",
    ).run();
    db.close();
    await expect(openConsoleAccess({ mode: "aws", dataDir })).rejects.toBeInstanceOf(
      DemoOperatorsInAwsModeError,
    );
    // An admin who sets a new password claims it (pnpm operators -- reset-password admin does this).
    const stores = createSqliteStores(databasePath(dataDir));
    await stores.operators.setPasswordHash("admin", "y", 2, { origin: "operator" });
    await stores.close();
    const access = await openConsoleAccess({ mode: "aws", dataDir });
    await access.close();
    await expect(openConsoleAccess({ mode: "aws", dataDir: tempDir() })).rejects.toBeInstanceOf(NoAdminError);
  });
});

describe("sign-in throttling", () => {
  const policy = DEFAULT_SIGN_IN_LIMITS.accountFromAddress;

  async function start(access: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
    // The test client is the trusted proxy; X-Forwarded-For says which client each attempt is from.
    const app = await startTestApp({ env: { TRUST_PROXY: "127.0.0.1" }, ...access });
    await addOperator(app.stores, ADMIN);
    return app;
  }
  /** Limits that pause an address after three failures, whichever accounts they were at. */
  const THREE_FAILURES_AN_ADDRESS = {
    access: {
      signInLimits: {
        ...DEFAULT_SIGN_IN_LIMITS,
        address: { windowMs: 60_000, maxFailures: 3, lockMs: 60_000 },
      },
    },
  };

  it("wrong passwords from one address do not keep the operator out from another", async () => {
    t = await start();
    const attacker = from(t.baseUrl, "203.0.113.9");
    for (let i = 0; i < policy.maxFailures * 2; i++) await attacker.signIn(ADMIN.username, `guess ${i}`);
    expect((await attacker.signIn(ADMIN.username, ADMIN.password)).status).toBe(429);

    const operator = from(t.baseUrl, "198.51.100.7");
    expect((await operator.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it("counts an IPv6 client per /64, so rotating addresses within it gains no attempts", async () => {
    t = await start(THREE_FAILURES_AN_ADDRESS);
    for (let i = 1; i <= 3; i++)
      expect((await from(t.baseUrl, `2001:db8:1:2::${i}`).signIn(`user${i}`, "x")).status).toBe(401);
    expect((await from(t.baseUrl, "2001:db8:1:2:ffff::9").signIn("user9", "x")).status).toBe(429);
    // Another /64 is another client.
    expect((await from(t.baseUrl, "2001:db8:1:3::1").signIn(ADMIN.username, ADMIN.password)).status).toBe(
      200,
    );
  });

  it("counts an IPv4 client written as an IPv4-mapped IPv6 address in any spelling as that IPv4 address", async () => {
    // Found by attack: only `::ffff:a.b.c.d` was recognised; `::ffff:a00:1` or the long form fell into
    // one shared "0:0:0:0::/64" bucket, so one client's failures paused every client so written.
    t = await start(THREE_FAILURES_AN_ADDRESS);
    for (let i = 1; i <= 3; i++)
      expect((await from(t.baseUrl, "::ffff:a00:1").signIn(`user${i}`, "x")).status).toBe(401);
    // The same client (10.0.0.1) however written is paused...
    for (const same of ["10.0.0.1", "0:0:0:0:0:ffff:10.0.0.1", "::FFFF:0a00:0001"])
      expect((await from(t.baseUrl, same).signIn("user9", "x")).status, same).toBe(429);
    // ...and another client (10.0.0.2, ::1) is not.
    for (const other of ["::ffff:a00:2", "0:0:0:0:0:ffff:10.0.0.2", "::1"])
      expect((await from(t.baseUrl, other).signIn(ADMIN.username, ADMIN.password)).status, other).toBe(200);
  });

  it("pauses one address's attempts at an account for longer each time they go on failing", async () => {
    t = await start();
    const attacker = from(t.baseUrl, "203.0.113.9");
    for (let i = 0; i < policy.maxFailures; i++)
      expect((await attacker.signIn(ADMIN.username, `guess ${i}`)).status).toBe(401);
    const first = await attacker.signIn(ADMIN.username, "guess again");
    expect(first.status).toBe(429);
    expect(problemType(first)).toBe("urn:clc:problem:sign-in-locked");
    const firstPause = Number(first.headers.get("retry-after"));

    t.clock.advance(firstPause * 1000);
    expect((await attacker.signIn(ADMIN.username, "one more guess")).status).toBe(401);
    const second = await attacker.signIn(ADMIN.username, "and another");
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBe(firstPause * 2);
  });

  it("counts a burst of simultaneous attempts before checking any: 59 wrong and the right one do not all get checked", async () => {
    t = await start();
    const attacker = from(t.baseUrl, "203.0.113.9");
    const passwords = [...Array.from({ length: 59 }, (_, i) => `wrong password ${i}`), ADMIN.password];
    const answers = await Promise.all(passwords.map((password) => attacker.signIn(ADMIN.username, password)));
    const statuses = answers.map((a) => a.status);
    const checked = statuses.filter((s) => s === 401 || s === 200).length;
    // Only maxFailures attempts are let through per lock (the right one may be among them, and a
    // success forgets the count, so at most twice that when it was).
    const rightAnswer = statuses.at(-1);
    expect(checked).toBeLessThanOrEqual(policy.maxFailures * (rightAnswer === 200 ? 2 : 1));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(59 - 2 * policy.maxFailures);
  });

  it("checks only a few passwords at once and answers the rest busy, so a burst cannot starve the server", async () => {
    t = await start({ access: { passwordWork: { concurrent: 1, queued: 1 } } });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        from(t?.baseUrl ?? "", `203.0.113.${i + 1}`).signIn(ADMIN.username, "no"),
      ),
    );
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => problemType(a) === "urn:clc:problem:sign-in-busy")).toBe(true);
    expect(answers.every((a) => a.status === 503 || a.status === 401)).toBe(true);
    // A busy answer checked nothing, so it does not count against the address.
    const again = from(t.baseUrl, "203.0.113.1");
    expect((await again.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  });
});

describe("failed sign-ins in the audit trail", () => {
  it("are one row and then one counted summary per address and window, and never repeat a password typed as a username", async () => {
    t = await startTestApp({ env: { TRUST_PROXY: "127.0.0.1" } });
    await addOperator(t.stores, ADMIN);
    const attacker = from(t.baseUrl, "203.0.113.9");
    const typedPassword = "Hunter2Hunter2";
    await attacker.signIn(typedPassword, ADMIN.password);
    for (let i = 0; i < 20; i++) await attacker.signIn(ADMIN.username, `guess ${i}`);
    // Some of those were refused (429) without a check: they are counted too, not one row each.
    const failures = async () =>
      (await t?.stores.audit.list({ action: "session.sign-in" }, { limit: 100 }))?.items ?? [];
    const during = await failures();
    expect(during).toHaveLength(1);
    expect(during[0]).toMatchObject({ operator: null, outcome: "failure", resource: "address:203.0.113.9" });
    expect(during[0]?.error).toContain("unknown username");

    // When the window has passed, the next event writes the summary of the window.
    t.clock.advance(15 * 60_000);
    await from(t.baseUrl, "198.51.100.7").signIn(ADMIN.username, "a different address");
    const after = await failures();
    const summary = after.find((r) => r.resource === "address:203.0.113.9" && r.error?.includes("20 more"));
    expect(summary?.error).toMatch(/alice ×20/);
    expect(summary?.error).toMatch(/refused: sign-in paused/);
    expect(after).toHaveLength(3);
    expect(JSON.stringify(after)).not.toContain(typedPassword);
    expect(JSON.stringify(after).toLowerCase()).not.toContain(typedPassword.toLowerCase());
  });

  it("count an IPv6 client's rotating addresses within its /64 as one address, not one row each", async () => {
    // Found by attack: the throttle counts per /64 but the trail's windows were per address, so one
    // /64 taking a fresh address per attempt wrote a row at once for every attempt (up to 1,000 per window).
    t = await startTestApp({ env: { TRUST_PROXY: "127.0.0.1" } });
    await addOperator(t.stores, ADMIN);
    for (let i = 1; i <= 20; i++)
      await from(t.baseUrl, `2001:db8:1:2::${i.toString(16)}`).signIn(ADMIN.username, "x");
    const { items } = await t.stores.audit.list({ action: "session.sign-in" }, { limit: 100 });
    expect(items).toHaveLength(1);
    expect(items[0]?.resource).toBe("address:2001:db8:1:2::/64");
  });

  it("are summarised at shutdown too, before the store closes", async () => {
    const app = await startTestApp();
    await addOperator(app.stores, ADMIN);
    const browser = new TestBrowser(app.baseUrl);
    for (let i = 0; i < 3; i++) await browser.signIn(ADMIN.username, `guess ${i}`);
    await app.app.close();
    const { items } = await app.stores.audit.list({ action: "session.sign-in" }, { limit: 10 });
    await app.stores.close();
    expect(items.map((r) => r.error)).toEqual([
      expect.stringMatching(/^2 more failed sign-ins .*alice ×2/),
      "wrong username or password",
    ]);
  });
});
