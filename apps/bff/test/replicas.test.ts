/**
 * Two BFF processes (`src/main.ts`, as `pnpm start` runs it) on one PostgreSQL database and one
 * sandbox behave as one console: a session made through one is valid through the other, ends for
 * both, and their audit records form one trail; a destination run started on one is followed on the
 * other, and only one of them works on a run at a time; together they keep one Cognito read rate.
 * Over real HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  paginateListUserPools,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CreationRun } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../src/features/audit/chain.ts";
import { readExports } from "../src/features/audit/cli.ts";
import { TestBrowser } from "./auth-support.ts";
import { storeAsCutOff } from "./creation-support.ts";
import { BACKENDS, type FreshDatabase } from "./store-support.ts";

const postgres = BACKENDS.find((backend) => backend.name === "postgres");
const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const PASSWORD = "replica test admin password";
/** Each replica's Cognito read rate, and the sandbox's quota: above one replica's, below two's. */
const READ_RPS = 30;
const SANDBOX_READ_QUOTA = 45;
/** Claims on runs lapse this long after a dead replica's last renewal (a minute by default). */
const RUN_CLAIM_MS = 5_000;
/** Audit records older than the replicas' retention age, written before they start. */
const OLD_RECORDS = 5;
/** A new Firehose stream stays CREATING this long: the window in which a replica is killed mid-run. */
const STREAM_ACTIVATION_MS = 8_000;

interface Replica {
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** What it printed until it listened. */
  readonly output: string;
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
      if (match?.[1]) resolve({ baseUrl: match[1], child, output });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the BFF exited (${code}) before listening:\n${output}`)));
  });
}

/** A user pool made straight in the sandbox (test setup). */
async function createPool(endpoint: string, name: string, tier: "ESSENTIALS" | "PLUS"): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    region: "eu-west-1",
    endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  try {
    const created = await cognito.send(new CreateUserPoolCommand({ PoolName: name, UserPoolTier: tier }));
    return created.UserPool?.Id ?? "";
  } finally {
    cognito.destroy();
  }
}

/** As the page does before it starts or resumes a run: the plan (of the run, when resuming), its token. */
async function planToken(browser: TestBrowser, input: unknown, runId?: string): Promise<string> {
  const plan = await browser.request("POST", `/api/destinations/plan${runId ? `?runId=${runId}` : ""}`, {
    body: input,
  });
  expect(plan.status, plan.text).toBe(200);
  return (plan.body as { plan: { token: string } }).plan.token;
}

async function readRun(browser: TestBrowser, id: string): Promise<CreationRun> {
  const answer = await browser.request("GET", `/api/destinations/runs/${id}`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { run: CreationRun }).run;
}

/** Reads the run through `browser` until `done` says so (the test's timeout bounds it). */
async function pollRun(
  browser: TestBrowser,
  id: string,
  done: (run: CreationRun) => boolean = (run) => run.status !== "running",
): Promise<CreationRun> {
  for (;;) {
    const run = await readRun(browser, id);
    if (done(run)) return run;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!postgres || postgres.skip)("two BFF replicas on one PostgreSQL", () => {
  let sandbox: RunningSandbox;
  let database: FreshDatabase;
  const replicas: Replica[] = [];
  const dirs: string[] = [];
  let exportDir = "";

  beforeAll(async () => {
    if (!postgres) throw new Error("no PostgreSQL backend");
    database = await postgres.fresh();
    // The URL the fresh database's stores use: the store opened once gives the schema its tables,
    // and a trail with records past the retention age the replicas are given.
    const stores = await database.open();
    for (let i = 0; i < OLD_RECORDS; i++) {
      await stores.audit.append({
        at: Date.now() - 40 * 86_400_000 + i,
        operator: "old",
        role: "admin",
        action: "fix.apply",
        outcome: "attempt",
      });
    }
    await stores.close();
    exportDir = mkdtempSync(path.join(tmpdir(), "clc-replica-exports-"));
    dirs.push(exportDir);
    sandbox = await startSandbox({
      port: 0,
      seed: "fleet:60",
      firehoseActivationDelayMs: STREAM_ACTIVATION_MS,
    });
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
          COGNITO_READ_RPS: String(READ_RPS),
          CLC_RUN_CLAIM_MS: String(RUN_CLAIM_MS),
          // Both prune on their schedule, into one shared directory (README "Deploying").
          CLC_AUDIT_RETENTION_DAYS: "30",
          CLC_AUDIT_EXPORT_DIR: exportDir,
          WEB_DIST: "/nonexistent-web-dist-for-tests",
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const { child } of replicas) {
      child.removeAllListeners("exit");
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await sandbox?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a session made through one is valid through the other, ends for both, and both write one trail", async () => {
    const [browser, throughB] = await signedInOnBoth();
    const me = await throughB.request("GET", "/api/session");
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ operator: { username: "admin", role: "admin" } });

    // The audit trail read through B holds A's sign-in; a wrong password through B joins it.
    expect((await new TestBrowser(throughB.baseUrl).signIn("admin", "not the password at all")).status).toBe(
      401,
    );
    const trail = await throughB.request("GET", "/api/audit?limit=50");
    expect(trail.status, trail.text).toBe(200);
    const items = (trail.body as { items: Array<{ id: string; action: string; outcome: string }> }).items;
    expect(items.map((r) => [r.action, r.outcome])).toEqual(
      expect.arrayContaining([
        ["session.sign-in", "success"],
        ["session.sign-in", "failure"],
      ]),
    );
    // Consecutive, newest first (retention pruned the oldest: see below).
    const newest = Number(items[0]?.id);
    expect(items.map((r) => Number(r.id))).toEqual(
      Array.from({ length: items.length }, (_, i) => newest - i),
    );

    // Signed out through B (a write: B checks the CSRF token A handed out): gone for A as well.
    expect((await throughB.request("DELETE", "/api/session")).status).toBe(204);
    expect((await browser.request("GET", "/api/session")).status).toBe(401);
  }, 60_000);

  /** One admin session, as a browser on A and the same cookie on B. */
  async function signedInOnBoth(): Promise<[TestBrowser, TestBrowser]> {
    const [a, b] = replicas;
    if (!a || !b) throw new Error("two replicas expected");
    const browser = new TestBrowser(a.baseUrl);
    expect((await browser.signIn("admin", PASSWORD)).status).toBe(200);
    // Same cookie, other replica: the session and its CSRF token hold there too.
    const throughB = new TestBrowser(b.baseUrl);
    for (const [name, value] of browser.cookies) throughB.cookies.set(name, value);
    throughB.csrfToken = browser.csrfToken;
    return [browser, throughB];
  }

  it("a destination run started on one is followed on the other, and only one replica works on it at a time", async () => {
    const [onA, onB] = await signedInOnBoth();
    const input = {
      kind: "logGroup",
      poolId: await createPool(sandbox.endpoint, "replicas-run", "ESSENTIALS"),
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/replicas/userNotification",
    };
    const start = async (browser: TestBrowser, runId?: string, token?: string) =>
      browser.request("POST", "/api/destinations/runs", {
        body: {
          input,
          planToken: token ?? (await planToken(onA, input, runId)),
          ...(runId === undefined ? {} : { runId }),
        },
      });
    const attempts = async (id: string) => {
      const trail = await onB.request("GET", "/api/audit?limit=200");
      const items = (trail.body as { items: Array<{ action: string; outcome: string; after: unknown }> })
        .items;
      return items.filter(
        (r) =>
          r.action === "destination.create" &&
          r.outcome === "attempt" &&
          (r.after as { runId?: string } | null)?.runId === id,
      ).length;
    };

    // Started on A, followed on B while A works on it: B shows A's progress and never calls it cut off.
    const started = await start(onA);
    expect(started.status, started.text).toBe(202);
    const runId = (started.body as { run: CreationRun }).run.id;
    const finished = await pollRun(onB, runId);
    expect(finished.status, JSON.stringify(finished.steps)).toBe("succeeded");

    // As a replica that died during the second step leaves it: running, claimed until later.
    const stores = await database.open();
    try {
      await storeAsCutOff(stores.creationRuns, runId);
      const at = Date.now();
      expect(
        await stores.creationRuns.claim(runId, { owner: "dead-replica", now: at, until: at + 3_600_000 }),
      ).toBe(true);
    } finally {
      await stores.close();
    }
    // While its claim lasts, the run is someone else's: shown running, not resumed.
    expect((await readRun(onB, runId)).status).toBe("running");
    const refused = await start(onA, runId);
    expect(refused.status, refused.text).toBe(409);
    expect((refused.body as { type: string }).type).toContain("run-busy");

    // The claim lapses: either replica now sees the run cut off, at the step it was in.
    await database.sql(`UPDATE creation_runs SET claimed_until = 1 WHERE id = '${runId}'`);
    const cutOff = await readRun(onB, runId);
    expect(cutOff.status).toBe("failed");
    expect(cutOff.steps[1]).toMatchObject({ status: "failed", error: { code: "Interrupted" } });

    // Resumed on both at once: exactly one runs it; the other says it is busy.
    const before = await attempts(runId);
    const token = await planToken(onA, input, runId);
    const answers = await Promise.all([start(onA, runId, token), start(onB, runId, token)]);
    for (const answer of answers) {
      if (answer.status === 409) expect((answer.body as { type: string }).type).toContain("run-busy");
      else expect(answer.status, answer.text).toBe(202);
    }
    expect(answers.some((answer) => answer.status === 202)).toBe(true);
    const resumed = await pollRun(onA, runId);
    expect(resumed.status, JSON.stringify(resumed.steps)).toBe("succeeded");
    expect(resumed.attempts).toBe(finished.attempts + 1);
    expect(await attempts(runId)).toBe(before + 1);
  }, 60_000);

  it("together they keep one Cognito read rate: both reading the fleet at once, AWS throttles nothing", async () => {
    const [onA, onB] = await signedInOnBoth();
    let pools = 0;
    for (const region of ["us-east-1", "eu-west-1"]) {
      const client = new CognitoIdentityProviderClient({
        region,
        endpoint: sandbox.endpoint,
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
      });
      for await (const page of paginateListUserPools({ client }, { MaxResults: 60 })) {
        pools += page.UserPools?.length ?? 0;
      }
      client.destroy();
    }
    // The sandbox now refuses Cognito reads beyond its quota, which each replica's own pacing keeps
    // but two replicas' would not (60/s against 45/s); a refused read is retried, so it shows in the
    // count of calls the sandbox served.
    sandbox.setRealism({ quotas: { enabled: true, userPoolReadRps: SANDBOX_READ_QUOTA } });
    sandbox.resetCalls();
    try {
      const refreshes = await Promise.all([
        onA.request("POST", "/api/fleet/refresh"),
        onB.request("POST", "/api/fleet/refresh"),
      ]);
      expect(refreshes.map((answer) => answer.status)).toEqual([202, 202]);
      for (const browser of [onA, onB]) {
        for (;;) {
          const status = await browser.request("GET", "/api/fleet/status");
          expect(status.status, status.text).toBe(200);
          if ((status.body as { state: string }).state === "ready") break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      const calls = sandbox.calls().byOperation;
      // Each replica read each pool once: not one attempt was refused and made again.
      expect(calls["cognito-idp:DescribeUserPool"]).toBe(2 * pools);
      expect(calls["cognito-idp:GetLogDeliveryConfiguration"]).toBe(2 * pools);
      const rows = await onB.request("GET", "/api/pools?limit=500");
      expect(rows.status, rows.text).toBe(200);
      expect(JSON.stringify(rows.body)).not.toContain("readError");
    } finally {
      sandbox.setRealism({ quotas: { enabled: false } });
    }
  }, 120_000);

  it("each says it uses the shared PostgreSQL database, without its password", () => {
    for (const { output } of replicas) {
      expect(output).toMatch(
        /State: the PostgreSQL database "postgres" on 127\.0\.0\.1:\d+ as clc \(DATABASE_URL\)\./,
      );
      expect(output).toContain(`Audit records older than 30 day(s) are exported to ${exportDir} and pruned.`);
    }
  });

  it("retention ran on one replica only: the old records are in one verified export, and the trail verifies through both", async () => {
    const [onA, onB] = await signedInOnBoth();
    // The first replica's run at start may still be writing when the test gets here.
    let prunes: Array<{ id: string; after: { count: number; exportFile: string } }> = [];
    for (;;) {
      const answer = await onA.request("GET", "/api/audit?action=audit.prune");
      expect(answer.status, answer.text).toBe(200);
      prunes = (answer.body as { items: typeof prunes }).items;
      if (prunes.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(prunes).toHaveLength(1);
    expect(prunes[0]?.after.count).toBe(OLD_RECORDS);
    expect(readdirSync(exportDir).map((file) => path.join(exportDir, file))).toEqual([
      prunes[0]?.after.exportFile,
    ]);
    const archived = readExports([prunes[0]?.after.exportFile ?? ""]);
    expect(await verifyChain(archived)).toMatchObject({ ok: true, checked: OLD_RECORDS });
    for (const browser of [onA, onB]) {
      const verified = await browser.request("GET", "/api/audit/verify");
      expect(verified.status, verified.text).toBe(200);
      expect(verified.body).toMatchObject({ ok: true, firstId: String(OLD_RECORDS + 1), broken: null });
    }
  }, 60_000);

  // Last: it kills replica A.
  it("a run whose replica is killed mid-run is taken over and finished by the other", async () => {
    const [onA, onB] = await signedInOnBoth();
    const [a] = replicas;
    if (!a) throw new Error("two replicas expected");
    const input = {
      kind: "firehose",
      poolId: await createPool(sandbox.endpoint, "replicas-killed", "PLUS"),
      eventSource: "userAuthEvents",
      streamName: "replicas-killed-stream",
      target: { type: "s3", bucket: { mode: "create", name: "replicas-killed-archive" }, prefix: "cognito/" },
    };
    const started = await onA.request("POST", "/api/destinations/runs", {
      body: { input, planToken: await planToken(onA, input) },
    });
    expect(started.status, started.text).toBe(202);
    const runId = (started.body as { run: CreationRun }).run.id;
    // A waits for its new stream to become active: killed then, without a chance to say anything.
    const waiting = await pollRun(onB, runId, (run) =>
      run.steps.some((step) => step.id === "wait-stream-active" && step.status === "running"),
    );
    expect(waiting.status).toBe("running");
    const killed = new Promise((resolve) => a.child.once("exit", resolve));
    a.child.kill("SIGKILL");
    await killed;

    // Once A's claim lapses, B shows the run cut off at that step, and resumes it to the end.
    const cutOff = await pollRun(onB, runId);
    expect(cutOff.status).toBe("failed");
    expect(cutOff.steps.find((step) => step.id === "wait-stream-active")).toMatchObject({
      status: "failed",
      error: { code: "Interrupted" },
    });
    const resumed = await onB.request("POST", "/api/destinations/runs", {
      body: { input, runId, planToken: await planToken(onB, input, runId) },
    });
    expect(resumed.status, resumed.text).toBe(202);
    const finished = await pollRun(onB, runId);
    expect(finished.status, JSON.stringify(finished.steps)).toBe("succeeded");
    expect(finished.attempts).toBe(2);
    // What A created is the run's, reused (not created twice), and cleanup on B would take it back.
    expect(finished.steps.find((step) => step.id === "create-stream")).toMatchObject({ createdByRun: true });
  }, 120_000);
});
