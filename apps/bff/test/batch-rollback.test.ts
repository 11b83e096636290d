/**
 * Rolling back a whole batch (issue 17, "Rollback ... or a whole batch") over HTTP: the real app
 * signed in, against a real sandbox. The rollback is a new batch: each pool the batch wrote is
 * restored as its record had it before (only the sources the batch changed), a pool changed since the
 * batch is refused with what changed, a pool changed after the rollback was planned is reported
 * `changed`, and each write is audited as `log-delivery.rollback` of its record.
 */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AuditListResponse, AuditRecord, Batch, BatchRollbackPreview, Problem } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores, databasePath } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { callsOf, createLogGroup, createPool, sandboxCognito, setLogDelivery } from "./helpers.ts";

const SET = "cognito-idp:SetLogDeliveryConfiguration";
const REGION = "us-east-1";

let sandbox: RunningSandbox;
let t: TestApp;
let admin: TestBrowser;
let viewer: TestBrowser;
let before: string;
let batchGroup: string;
let later: string;
let authGroup: string;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  before = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/undo/before");
  batchGroup = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/undo/batch");
  later = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/undo/later");
  authGroup = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/undo/auth");
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200", CLC_ACCOUNTS: "own", CLC_BATCH_WRITE_RPS: "15" },
  });
  await addOperator(stores, ADMIN);
  await addOperator(stores, VIEWER);
  admin = new TestBrowser(t.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  viewer = new TestBrowser(t.baseUrl);
  expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

async function get(id: string, as = admin): Promise<Batch> {
  const answer = await as.request("GET", `/api/batches/${id}`);
  expect(answer.status, answer.text).toBe(200);
  return answer.body as Batch;
}

async function until(id: string, done: (b: Batch) => boolean, as = admin): Promise<Batch> {
  for (let i = 0; i < 3000; i++) {
    const batch = await get(id, as);
    if (done(batch)) return batch;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`batch ${id} never reached the expected state`);
}

const ended = (b: Batch) => b.status === "finished" || b.status === "cancelled";

async function runToEnd(id: string, as = admin): Promise<Batch> {
  const started = await as.request("POST", `/api/batches/${id}/start`, {
    body: { acknowledgeWarnings: true },
  });
  expect(started.status, started.text).toBe(200);
  return until(id, ended, as);
}

/** The pool's log delivery as the sandbox holds it: event source → log group ARN. */
async function stored(poolId: string): Promise<Record<string, string | undefined>> {
  const client = sandboxCognito(sandbox, REGION);
  const { GetLogDeliveryConfigurationCommand } = await import("@aws-sdk/client-cognito-identity-provider");
  const answer = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
  client.destroy();
  return Object.fromEntries(
    (answer.LogDeliveryConfiguration?.LogConfigurations ?? []).map((c) => [
      c.EventSource as string,
      c.CloudWatchLogsConfiguration?.LogGroupArn,
    ]),
  );
}

const notifyTo = (arn: string) => ({
  EventSource: "userNotification" as const,
  LogLevel: "ERROR" as const,
  CloudWatchLogsConfiguration: { LogGroupArn: arn },
});

async function audit(poolId: string, as = admin): Promise<AuditRecord[]> {
  const answer = await as.request("GET", `/api/audit?pool=${poolId}`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as AuditListResponse).items;
}

describe("rolling back a whole batch", () => {
  it("restores the pools the batch wrote, refuses one changed since, leaves the others, audits each as a rollback, and reports a pool changed after planning as changed", async () => {
    // Four pools sending notifications to `before` (the first also auth events elsewhere), one
    // sending nothing, and one the batch cannot write (its region has no such log group).
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createPool(sandbox, REGION, `undo-${i}`));
    const [keep, refused, lateChange, fresh, untouched] = ids as [string, string, string, string, string];
    await setLogDelivery(sandbox, REGION, keep, [
      notifyTo(before),
      {
        EventSource: "userAuthEvents",
        LogLevel: "INFO",
        CloudWatchLogsConfiguration: { LogGroupArn: authGroup },
      },
    ]);
    for (const id of [refused, lateChange, untouched])
      await setLogDelivery(sandbox, REGION, id, [notifyTo(before)]);
    const elsewhere = await createPool(sandbox, "eu-west-1", "undo-eu");
    const account = sandbox.accountId;

    const created = await admin.request("POST", "/api/batches", {
      body: {
        title: "Notifications to the batch group",
        change: { userNotification: { action: "set", destination: { kind: "logGroup", arn: batchGroup } } },
        pools: [
          ...[keep, refused, lateChange, fresh].map((poolId) => ({
            accountId: account,
            region: REGION,
            poolId,
          })),
          { accountId: account, region: "eu-west-1", poolId: elsewhere },
        ],
      },
    });
    expect(created.status, created.text).toBe(201);
    const batch = await runToEnd((created.body as Batch).id);
    expect(batch.status).toBe("finished");
    expect(batch.items.map((i) => i.state)).toEqual(["done", "done", "done", "done", "skipped"]);
    expect((await stored(keep)).userNotification).toBe(batchGroup);

    // Someone changes one pool after the batch: its rollback would overwrite that.
    await setLogDelivery(sandbox, REGION, refused, [notifyTo(later)]);

    // A viewer may look at the preview, not plan the rollback.
    const previewed = await viewer.request("GET", `/api/batches/${batch.id}/rollback`);
    expect(previewed.status, previewed.text).toBe(200);
    const preview = previewed.body as BatchRollbackPreview;
    // Restored pools may carry warnings (the log group's findings): they apply once acknowledged.
    const restores = (o: string) => (o === "ready" || o === "warning" ? "restore" : o);
    expect(preview.items.map((i) => [i.poolId, restores(i.outcome)])).toEqual([
      [keep, "restore"],
      [refused, "blocked"],
      [lateChange, "restore"],
      [fresh, "restore"],
      [elsewhere, "nothing"],
    ]);
    expect(preview.outcomes.ready + preview.outcomes.warning).toBe(3);
    expect(preview.outcomes).toMatchObject({ blocked: 1, nothing: 1 });
    const refusal = preview.items[1]?.reason ?? "";
    expect(refusal).toContain("Changed since the batch");
    expect(refusal).toContain(batchGroup);
    expect(refusal).toContain(later);
    expect(preview.items[1]).toMatchObject({ desired: null, diff: [], undoes: expect.any(String) });
    expect(preview.items[4]?.reason).toMatch(/^Nothing to undo: the batch did not write this pool/);
    // Only the source the batch changed is restored; the auth events stay as AWS holds them.
    expect(preview.items[0]?.desired).toEqual({
      userNotification: { kind: "logGroup", arn: before },
      userAuthEvents: expect.objectContaining({ arn: authGroup }),
    });
    expect(preview.items[3]?.desired).toEqual({ userNotification: null, userAuthEvents: null });

    const forbidden = await viewer.request("POST", `/api/batches/${batch.id}/rollback`);
    expect(forbidden.status).toBe(403);

    const setsBeforePlan = callsOf(sandbox, SET);
    const planned = await admin.request("POST", `/api/batches/${batch.id}/rollback`);
    expect(planned.status, planned.text).toBe(201);
    const rollback = planned.body as Batch;
    expect(callsOf(sandbox, SET)).toBe(setsBeforePlan);
    expect(rollback.status).toBe("planned");
    expect(rollback.undoesBatch).toBe(batch.id);
    expect(rollback.items.map((i) => i.state)).toEqual([
      "pending",
      "skipped",
      "pending",
      "pending",
      "skipped",
    ]);
    expect((await get(batch.id)).rolledBackBy).toEqual([rollback.id]);

    // A pool changed after the rollback was planned is not overwritten.
    await setLogDelivery(sandbox, REGION, lateChange, [notifyTo(later)]);

    const ran = await runToEnd(rollback.id);
    expect(ran.items.map((i) => i.state)).toEqual(["done", "skipped", "changed", "done", "skipped"]);
    expect(ran.items[2]?.message).toMatch(/^Changed since planned/);
    expect(await stored(keep)).toEqual({ userNotification: before, userAuthEvents: authGroup });
    expect(await stored(fresh)).toEqual({});
    expect((await stored(refused)).userNotification).toBe(later);
    expect((await stored(lateChange)).userNotification).toBe(later);
    expect((await stored(untouched)).userNotification).toBe(before);

    // The audit: the rollback's write undoes the batch's record of that pool, under the new batch's id.
    const records = await audit(keep);
    const original = records.find(
      (r) =>
        r.requestId === `batch:${batch.id}` && r.outcome === "success" && r.action === "log-delivery.apply",
    );
    const undone = records.find((r) => r.requestId === `batch:${rollback.id}` && r.outcome === "success");
    expect(original).toBeDefined();
    expect(undone).toMatchObject({ action: "log-delivery.rollback", undoes: original?.id });
    expect(ran.items[0]?.undoes).toBe(original?.id);
  }, 60_000);

  it("refuses a batch that has not ended, and an unknown batch", async () => {
    const id = await createPool(sandbox, REGION, "undo-planned");
    const created = await admin.request("POST", "/api/batches", {
      body: {
        change: { userNotification: { action: "set", destination: { kind: "logGroup", arn: batchGroup } } },
        pools: [{ accountId: sandbox.accountId, region: REGION, poolId: id }],
      },
    });
    expect(created.status, created.text).toBe(201);
    const notEnded = await admin.request("GET", `/api/batches/${(created.body as Batch).id}/rollback`);
    expect(notEnded.status).toBe(409);
    expect((notEnded.body as Problem).detail).toMatch(/only a finished or cancelled batch/);
    const unknown = await admin.request("POST", "/api/batches/00000000-0000-4000-8000-000000000000/rollback");
    expect(unknown.status).toBe(404);
  });
});

describe("a rollback batch cut off by a stopped BFF", () => {
  /** The app over the store in `dataDir`, an admin signed in. */
  async function startApp(dataDir: string, writeRps: string) {
    const stores = createSqliteStores(databasePath(dataDir));
    const app = await startTestApp({
      stores,
      target: { mode: "sandbox", endpoint: sandbox.endpoint },
      env: { COGNITO_READ_RPS: "200", CLC_ACCOUNTS: "own", CLC_BATCH_WRITE_RPS: writeRps },
    });
    if ((await stores.operators.get(ADMIN.username)) === null) await addOperator(stores, ADMIN);
    const browser = new TestBrowser(app.baseUrl);
    expect((await browser.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
    return { app, browser };
  }

  it("is shown interrupted on the restarted BFF, resumes, and every pool's write is still a rollback of its record", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "clc-batch-rollback-"));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await createPool(sandbox, REGION, `undo-restart-${i}`);
      await setLogDelivery(sandbox, REGION, id, [notifyTo(before)]);
      ids.push(id);
    }
    const first = await startApp(dataDir, "1");
    let rollbackId: string;
    try {
      const created = await first.browser.request("POST", "/api/batches", {
        body: {
          change: { userNotification: { action: "set", destination: { kind: "logGroup", arn: batchGroup } } },
          pools: ids.map((poolId) => ({ accountId: sandbox.accountId, region: REGION, poolId })),
        },
      });
      expect(created.status, created.text).toBe(201);
      const batch = await runToEnd((created.body as Batch).id, first.browser);
      expect(batch.states.done).toBe(4);
      const planned = await first.browser.request("POST", `/api/batches/${batch.id}/rollback`);
      expect(planned.status, planned.text).toBe(201);
      rollbackId = (planned.body as Batch).id;
      const started = await first.browser.request("POST", `/api/batches/${rollbackId}/start`, {
        body: { acknowledgeWarnings: true },
      });
      expect(started.status, started.text).toBe(200);
      await until(rollbackId, (b) => b.states.done >= 1, first.browser);
    } finally {
      await first.app.close();
    }

    const second = await startApp(dataDir, "15");
    try {
      const shown = await get(rollbackId, second.browser);
      expect(shown.status).toBe("interrupted");
      expect(shown.states.done).toBeLessThan(4);
      const resumed = await second.browser.request("POST", `/api/batches/${rollbackId}/resume`, { body: {} });
      expect(resumed.status, resumed.text).toBe(200);
      const done = await until(rollbackId, ended, second.browser);
      expect(done.items.map((i) => i.state)).toEqual(["done", "done", "done", "done"]);
      for (const id of ids) {
        expect((await stored(id)).userNotification).toBe(before);
        const records = await audit(id, second.browser);
        const writes = records.filter(
          (r) => r.requestId === `batch:${rollbackId}` && r.outcome === "success",
        );
        expect(writes).toHaveLength(1);
        expect(writes[0]?.action).toBe("log-delivery.rollback");
        expect(writes[0]?.undoes).toMatch(/^[0-9]+$/);
      }
    } finally {
      await second.app.close();
    }
  }, 90_000);
});
