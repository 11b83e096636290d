/**
 * Batches (issue 17, "Bulk apply with one review") over HTTP: the real app signed in as an admin,
 * against a real sandbox, batches kept in a SQLite file so that a second app over the same file
 * plays the restarted BFF (or another replica).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Batch, BatchItem } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import type { Stores } from "../src/store/types.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { callsOf, createLogGroup, createPool, sandboxCognito, setLogDelivery } from "./helpers.ts";

const SET = "cognito-idp:SetLogDeliveryConfiguration";
const REGION = "us-east-1";
const GROUP = "/aws/vendedlogs/cognito/batch/notifications";

interface BatchApp {
  testApp: TestApp;
  admin: TestBrowser;
  /** The app's store: its leases show which run of a batch holds it. */
  stores: Stores;
  close(): Promise<void>;
}

let sandbox: RunningSandbox;
let account: string;
let groupArn: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  account = sandbox.accountId;
  groupArn = await createLogGroup(sandbox, REGION, GROUP);
});
afterAll(async () => {
  await sandbox?.close();
});

/** The app over the batches in `dataDir` (a fresh directory unless given), an admin signed in. */
async function startBatchApp(options: { dataDir?: string; writeRps?: string } = {}): Promise<BatchApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "clc-batches-"));
  const stores = createSqliteStores(databasePath(dataDir));
  const testApp = await startTestApp({
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    stores,
    env: { COGNITO_READ_RPS: "200", CLC_ACCOUNTS: "own", CLC_BATCH_WRITE_RPS: options.writeRps ?? "15" },
  });
  if ((await stores.operators.get(ADMIN.username)) === null) await addOperator(stores, ADMIN);
  const admin = new TestBrowser(testApp.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  return { testApp, admin, stores, close: () => testApp.close() };
}

async function pools(prefix: string, count: number, region = REGION): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await createPool(sandbox, region, `${prefix}-${i}`));
  return ids;
}

const refs = (ids: readonly string[]) =>
  ids.map((poolId) => ({ accountId: account, region: poolId.split("_")[0] as string, poolId }));

const toGroup = { userNotification: { action: "set-log-group", logGroupName: GROUP } };

async function plan(app: BatchApp, body: unknown): Promise<Batch> {
  const answer = await app.admin.request("POST", "/api/batches", { body });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as Batch;
}

async function get(app: BatchApp, id: string): Promise<Batch> {
  const answer = await app.admin.request("GET", `/api/batches/${id}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as Batch;
}

async function act(app: BatchApp, id: string, verb: string, body: unknown = {}) {
  return app.admin.request("POST", `/api/batches/${id}/${verb}`, { body });
}

/** Polls the batch until `done` says so (the runner works in the background). */
async function until(app: BatchApp, id: string, done: (batch: Batch) => boolean): Promise<Batch> {
  for (let i = 0; i < 3000; i++) {
    const batch = await get(app, id);
    if (done(batch)) return batch;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`batch ${id} never reached the expected state`);
}

/** The pool's configuration as the sandbox holds it. */
async function stored(poolId: string) {
  const client = sandboxCognito(sandbox, poolId.split("_")[0] as string);
  const { GetLogDeliveryConfigurationCommand } = await import("@aws-sdk/client-cognito-identity-provider");
  const answer = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
  client.destroy();
  return answer.LogDeliveryConfiguration?.LogConfigurations ?? [];
}

const groupOf = async (poolId: string) =>
  (await stored(poolId)).find((c) => c.EventSource === "userNotification")?.CloudWatchLogsConfiguration
    ?.LogGroupArn ?? null;

const settled = (b: Batch) => b.status === "finished" || b.status === "cancelled";
const byState = (b: Batch, state: BatchItem["state"]) => b.items.filter((i) => i.state === state);

describe("a batch of ten pools with one blocked", () => {
  let app: BatchApp;
  beforeAll(async () => {
    app = await startBatchApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("plans each pool, blocks the one whose log group is missing, applies the nine, and ties their audit records with the batch id", async () => {
    const nine = await pools("ten", 9);
    // The log group exists in us-east-1 only: the eu-west-1 pool's destination is missing.
    const [elsewhere] = await pools("ten-eu", 1, "eu-west-1");
    const batch = await plan(app, {
      title: "Ten pools",
      change: toGroup,
      pools: refs([...nine, elsewhere as string]),
    });

    expect(batch.status).toBe("planned");
    expect(batch.total).toBe(10);
    const blocked = batch.items.filter((i) => i.outcome === "blocked");
    expect(blocked.map((i) => i.poolId)).toEqual([elsewhere]);
    expect(blocked[0]?.reason).toMatch(/^destination missing: create it first/);
    expect(blocked[0]?.state).toBe("skipped");
    for (const item of batch.items.filter((i) => i.outcome !== "blocked")) {
      expect(["ready", "warning"]).toContain(item.outcome);
      expect(item.diff.find((d) => d.eventSource === "userNotification")).toMatchObject({
        change: "added",
        after: { kind: "logGroup", arn: groupArn },
      });
      expect(item.plannedVersion).toMatch(/^"/);
    }
    const setsBefore = callsOf(sandbox, SET);

    const started = await act(app, batch.id, "start", { acknowledgeWarnings: true });
    expect(started.status, started.text).toBe(200);
    const done = await until(app, batch.id, settled);

    expect(done.status).toBe("finished");
    expect(
      byState(done, "done")
        .map((i) => i.poolId)
        .sort(),
    ).toEqual([...nine].sort());
    expect(byState(done, "skipped").map((i) => i.poolId)).toEqual([elsewhere]);
    expect(callsOf(sandbox, SET) - setsBefore).toBe(9);
    for (const id of nine) expect(await groupOf(id)).toBe(groupArn);
    expect(await stored(elsewhere as string)).toEqual([]);

    // One batch id ties the records together: each pool's attempt and outcome, and the start.
    const records = (await app.testApp.stores.audit.list({}, { limit: 500 })).items.filter(
      (r) => r.requestId === `batch:${batch.id}`,
    );
    expect(records.filter((r) => r.action === "batch.start")).toHaveLength(1);
    const writes = records.filter((r) => r.action === "log-delivery.apply");
    expect(
      writes
        .filter((r) => r.outcome === "attempt")
        .map((r) => r.poolId)
        .sort(),
    ).toEqual([...nine].sort());
    expect(writes.filter((r) => r.outcome === "success")).toHaveLength(9);
    for (const item of byState(done, "done")) {
      const attempt = writes.find((r) => r.id === item.auditId);
      expect(attempt).toMatchObject({ outcome: "attempt", poolId: item.poolId, operator: ADMIN.username });
    }
  }, 60_000);

  it("reports a pool changed after planning and does not overwrite it; the others are done", async () => {
    const [kept, moved] = await pools("moved", 2);
    const otherArn = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/batch/someone-elses");
    const batch = await plan(app, { change: toGroup, pools: refs([kept as string, moved as string]) });
    // Another tool changes one pool between the review and the run.
    await setLogDelivery(sandbox, REGION, moved as string, [
      {
        LogLevel: "ERROR",
        EventSource: "userNotification",
        CloudWatchLogsConfiguration: { LogGroupArn: otherArn },
      },
    ]);

    expect((await act(app, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
    const done = await until(app, batch.id, settled);

    expect(done.status).toBe("finished");
    const movedItem = done.items.find((i) => i.poolId === moved);
    expect(movedItem?.state).toBe("changed");
    expect(movedItem?.message).toMatch(/^Changed since planned/);
    expect(await groupOf(moved as string)).toBe(otherArn);
    expect(done.items.find((i) => i.poolId === kept)?.state).toBe("done");
    expect(await groupOf(kept as string)).toBe(groupArn);
  }, 60_000);

  it("plans a per-pool change and a filter of the fleet the same way; refuses an empty change in the user's terms", async () => {
    const [one] = await pools("items", 1);
    const batch = await plan(app, {
      items: [
        {
          ...refs([one as string])[0],
          change: { userNotification: { action: "set", destination: { kind: "logGroup", arn: groupArn } } },
        },
      ],
    });
    expect(batch.items[0]?.desired?.userNotification).toEqual({ kind: "logGroup", arn: groupArn });

    // The fleet's filter: every pool it matches once the fleet has been read.
    const filtered = await pools("filtered", 2);
    await app.admin.request("POST", "/api/fleet/refresh");
    for (let i = 0; i < 1500; i++) {
      const status = await app.admin.request("GET", "/api/fleet/status");
      if ((status.body as { state: string }).state === "ready") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const byFilter = await plan(app, { change: toGroup, filter: { q: "filtered-", region: REGION } });
    expect(byFilter.items.map((i) => i.poolId).sort()).toEqual([...filtered].sort());

    const empty = await app.admin.request("POST", "/api/batches", {
      body: { change: {}, pools: refs([one as string]) },
    });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain("keeps both event sources");
  }, 60_000);

  it("needs the warnings acknowledged before pools with warnings run, and is admin-only", async () => {
    const [one] = await pools("ack", 1);
    const batch = await plan(app, { change: toGroup, pools: refs([one as string]) });
    if (batch.outcomes.warning > 0) {
      const refused = await act(app, batch.id, "start");
      expect(refused.status).toBe(422);
      expect((refused.body as { type: string }).type).toBe("urn:clc:problem:warnings-not-acknowledged");
    }
    await addOperator(app.testApp.stores, VIEWER);
    const viewer = new TestBrowser(app.testApp.baseUrl);
    await viewer.signIn(VIEWER.username, VIEWER.password);
    expect((await viewer.request("POST", `/api/batches/${batch.id}/start`, { body: {} })).status).toBe(403);
    expect((await viewer.request("GET", `/api/batches/${batch.id}`)).status).toBe(200);
    expect((await act(app, batch.id, "cancel")).status).toBe(200);
  }, 60_000);
});

describe("pause, resume and cancel", () => {
  let app: BatchApp;
  beforeAll(async () => {
    // One write a second: the batch is still running when the test pauses or cancels it.
    app = await startBatchApp({ writeRps: "1" });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("pauses after the pool in flight, writes nothing more while paused, and resumes where it stopped", async () => {
    const ids = await pools("pause", 5);
    const batch = await plan(app, { change: toGroup, pools: refs(ids) });
    const setsBefore = callsOf(sandbox, SET);
    expect((await act(app, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
    // Each run holds the batch's lease under a name of its own (this process's, then the run's), so
    // a late renewal or release of one run cannot touch the next (lib/lease-keeper.ts). Before: the
    // process's name for every run.
    const holderName = async () => (await app.stores.leases.holder(`batch:${batch.id}`, Date.now()))?.owner;
    const firstRun = await holderName();
    expect(firstRun).toMatch(/^batches:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    const paused = await act(app, batch.id, "pause");
    expect(paused.status, paused.text).toBe(200);
    // The runner stops after the pool in flight: no pool is left running.
    const still = await until(
      app,
      batch.id,
      (b) => b.status === "paused" && byState(b, "running").length === 0,
    );
    const writtenWhilePausing = callsOf(sandbox, SET) - setsBefore;
    expect(byState(still, "done")).toHaveLength(writtenWhilePausing);
    expect(byState(still, "pending").length).toBeGreaterThan(0);
    // A second pause is refused: it is not running.
    expect((await act(app, batch.id, "pause")).status).toBe(409);

    expect((await act(app, batch.id, "resume")).status).toBe(200);
    const secondRun = await holderName();
    expect(secondRun).toMatch(/^batches:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    expect(secondRun).not.toBe(firstRun);
    const done = await until(app, batch.id, settled);
    expect(done.status).toBe("finished");
    expect(byState(done, "done")).toHaveLength(5);
    // Every pool was written once: none twice across the pause.
    expect(callsOf(sandbox, SET) - setsBefore).toBe(5);
  }, 60_000);

  it("resumes at once after a pause, while the pool in flight is still being written", async () => {
    const ids = await pools("resume-at-once", 4);
    const batch = await plan(app, { change: toGroup, pools: refs(ids) });
    const setsBefore = callsOf(sandbox, SET);
    // Every AWS call slow: the runner is still writing its first pool when the resume comes.
    sandbox.setRealism({ latencyMs: 300 });
    try {
      expect((await act(app, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
      expect((await act(app, batch.id, "pause")).status).toBe(200);
      const resumed = await act(app, batch.id, "resume");
      expect(resumed.status, resumed.text).toBe(200);
    } finally {
      sandbox.setRealism({ latencyMs: 0 });
    }
    const done = await until(app, batch.id, settled);
    expect(done.status).toBe("finished");
    expect(byState(done, "done")).toHaveLength(4);
    expect(callsOf(sandbox, SET) - setsBefore).toBe(4);
  }, 60_000);

  it("cancels: pools not reached are listed cancelled and never written", async () => {
    const ids = await pools("cancel", 5);
    const batch = await plan(app, { change: toGroup, pools: refs(ids) });
    const setsBefore = callsOf(sandbox, SET);
    expect((await act(app, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
    const cancelled = await act(app, batch.id, "cancel");
    expect(cancelled.status, cancelled.text).toBe(200);
    const done = await until(
      app,
      batch.id,
      (b) => b.status === "cancelled" && byState(b, "running").length === 0,
    );

    const written = byState(done, "done");
    expect(byState(done, "cancelled").length).toBeGreaterThan(0);
    expect(written.length + byState(done, "cancelled").length).toBe(5);
    expect(callsOf(sandbox, SET) - setsBefore).toBe(written.length);
    for (const item of byState(done, "cancelled")) expect(await stored(item.poolId)).toEqual([]);
    expect((await act(app, batch.id, "resume")).status).toBe(409);
  }, 60_000);
});

describe("a BFF restart mid-batch", () => {
  it("shows the batch interrupted on the new app over the same store, resumes it, and writes no pool twice", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clc-batches-restart-"));
    const first = await startBatchApp({ dataDir, writeRps: "1" });
    const ids = await pools("restart", 5);
    const setsBefore = callsOf(sandbox, SET);
    let batchId: string;
    try {
      const batch = await plan(first, { change: toGroup, pools: refs(ids) });
      batchId = batch.id;
      expect((await act(first, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
      await until(first, batch.id, (b) => byState(b, "done").length >= 1);
    } finally {
      await first.close();
    }

    const second = await startBatchApp({ dataDir, writeRps: "15" });
    try {
      const shown = await get(second, batchId);
      expect(shown.status).toBe("interrupted");
      expect(byState(shown, "pending").length + byState(shown, "running").length).toBeGreaterThan(0);
      expect((await act(second, batchId, "resume")).status).toBe(200);
      const done = await until(second, batchId, settled);
      expect(done.status).toBe("finished");
      expect(byState(done, "done")).toHaveLength(5);
      expect(callsOf(sandbox, SET) - setsBefore).toBe(5);
      for (const id of ids) expect(await groupOf(id)).toBe(groupArn);
    } finally {
      await second.close();
    }
  }, 60_000);

  it("never runs a batch on two replicas at once: the second one's resume is refused while the first runs it", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clc-batches-replicas-"));
    const one = await startBatchApp({ dataDir, writeRps: "1" });
    const two = await startBatchApp({ dataDir, writeRps: "1" });
    try {
      const ids = await pools("replicas", 4);
      const batch = await plan(one, { change: toGroup, pools: refs(ids) });
      expect((await act(one, batch.id, "start", { acknowledgeWarnings: true })).status).toBe(200);
      const refused = await act(two, batch.id, "resume");
      expect(refused.status).toBe(409);
      expect((refused.body as { type: string }).type).toBe("urn:clc:problem:batch-busy");
      // The other replica sees it running (not interrupted), held by another process until a time
      // (what a killed process would leave), and can pause it through the store.
      const seen = await get(two, batch.id);
      expect(seen.status).toBe("running");
      expect(Date.parse(seen.heldUntil ?? "")).toBeGreaterThan(Date.now());
      expect((await get(one, batch.id)).heldUntil).toBeUndefined();
      expect((await act(two, batch.id, "pause")).status).toBe(200);
      await until(one, batch.id, (b) => b.status === "paused" && byState(b, "running").length === 0);
    } finally {
      await two.close();
      await one.close();
    }
  }, 60_000);
});
