/**
 * Two BFF processes (`src/main.ts`, as `pnpm start` runs it) on one PostgreSQL database and one
 * sandbox behave as one console: a session made through one is valid through the other, ends for
 * both, and their audit records form one trail. Over real HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "./auth-support.ts";
import { BACKENDS } from "./store-support.ts";

const postgres = BACKENDS.find((backend) => backend.name === "postgres");
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const PASSWORD = "replica test admin password";

interface Replica {
  readonly baseUrl: string;
  readonly child: ChildProcess;
}

/** Starts `src/main.ts` and resolves with its address once it listens (it prints "open http://…/"). */
function startReplica(env: Record<string, string>): Promise<Replica> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
      cwd: path.dirname(MAIN),
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /open (http:\/\/[^/\s]+)\//.exec(output);
      if (match?.[1]) resolve({ baseUrl: match[1], child });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the BFF exited (${code}) before listening:\n${output}`)));
  });
}

describe.skipIf(!postgres || postgres.skip)("two BFF replicas on one PostgreSQL", () => {
  let sandbox: RunningSandbox;
  const replicas: Replica[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    if (!postgres) throw new Error("no PostgreSQL backend");
    const database = await postgres.fresh();
    // The URL the fresh database's stores use: the store opened once gives the schema its tables.
    await (await database.open()).close();
    sandbox = await startSandbox({ port: 0, seed: "none" });
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), "clc-replica-"));
      dirs.push(dataDir);
      // One after the other: each sandbox start (re)writes the demo operators.
      replicas.push(
        await startReplica({
          CLC_MODE: "sandbox",
          SANDBOX_ENDPOINT: sandbox.endpoint,
          DATABASE_URL: database.url,
          CLC_DATA_DIR: dataDir,
          CLC_DEMO_ADMIN_PASSWORD: PASSWORD,
          CLC_DEMO_VIEWER_PASSWORD: `${PASSWORD} viewer`,
          PORT: "0",
          LOG_LEVEL: "silent",
          WEB_DIST: "/nonexistent-web-dist-for-tests",
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const { child } of replicas) {
      child.removeAllListeners("exit");
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await sandbox?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a session made through one is valid through the other, ends for both, and both write one trail", async () => {
    const [a, b] = replicas;
    if (!a || !b) throw new Error("two replicas expected");
    const browser = new TestBrowser(a.baseUrl);
    expect((await browser.signIn("admin", PASSWORD)).status).toBe(200);

    // Same cookie, other replica: the session and its CSRF token hold there too.
    const throughB = new TestBrowser(b.baseUrl);
    for (const [name, value] of browser.cookies) throughB.cookies.set(name, value);
    throughB.csrfToken = browser.csrfToken;
    const me = await throughB.request("GET", "/api/session");
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ operator: { username: "admin", role: "admin" } });

    // The audit trail read through B holds A's sign-in; a wrong password through B joins it.
    expect((await new TestBrowser(b.baseUrl).signIn("admin", "not the password at all")).status).toBe(401);
    const trail = await throughB.request("GET", "/api/audit?limit=50");
    expect(trail.status, trail.text).toBe(200);
    const items = (trail.body as { items: Array<{ id: string; action: string; outcome: string }> }).items;
    expect(items.map((r) => [r.action, r.outcome])).toEqual(
      expect.arrayContaining([
        ["session.sign-in", "success"],
        ["session.sign-in", "failure"],
      ]),
    );
    expect(items.map((r) => Number(r.id))).toEqual(
      Array.from({ length: items.length }, (_, i) => items.length - i),
    );

    // Signed out through B (a write: B checks the CSRF token A handed out): gone for A as well.
    expect((await throughB.request("DELETE", "/api/session")).status).toBe(204);
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  }, 60_000);
});
