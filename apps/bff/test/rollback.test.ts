/**
 * Issue 17's rollback and issue 19's conflict who/when and audited 412s, over HTTP on the real app
 * (with sign-in, so with the trail) against a real sandbox.
 */
import type { AuditListResponse, AuditRecord, Problem, RollbackPreview } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { callsOf, createLogGroup, createPool, setLogDelivery } from "./helpers.ts";

const SET = "cognito-idp:SetLogDeliveryConfiguration";
const REGION = "us-east-1";
const BOB = { username: "bob", password: "another admin password 99", role: "admin" } as const;

let sandbox: RunningSandbox;
let t: TestApp | undefined;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start() {
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200" },
  });
  await addOperator(stores, ADMIN);
  await addOperator(stores, BOB);
  await addOperator(stores, VIEWER);
  const signIn = async (who: { username: string; password: string }) => {
    const browser = new TestBrowser((t as TestApp).baseUrl);
    expect((await browser.signIn(who.username, who.password)).status).toBe(200);
    return browser;
  };
  return { admin: await signIn(ADMIN), bob: await signIn(BOB), viewer: await signIn(VIEWER) };
}

/** A pool with three log groups it could send to; answers the pool's current version. */
async function pool(admin: TestBrowser, name: string) {
  const id = await createPool(sandbox, REGION, name);
  const groups = await Promise.all(
    ["one", "two", "three"].map((n) =>
      createLogGroup(sandbox, REGION, `/aws/vendedlogs/cognito/${name}/${n}`),
    ),
  );
  const detail = await admin.request("GET", `/api/pools/${id}`);
  expect(detail.status).toBe(200);
  return { id, groups, version: (detail.body as { version: string }).version };
}

async function apply(browser: TestBrowser, poolId: string, arn: string, version: string) {
  return browser.request("PUT", `/api/pools/${poolId}/log-delivery/userNotification`, {
    headers: { "if-match": version },
    body: { destination: { kind: "logGroup", arn } },
  });
}

async function records(browser: TestBrowser, poolId: string): Promise<AuditRecord[]> {
  const answer = await browser.request("GET", `/api/audit?pool=${poolId}`);
  expect(answer.status).toBe(200);
  return (answer.body as AuditListResponse).items;
}

/** The success record of the newest change to the pool. */
async function lastSuccess(browser: TestBrowser, poolId: string): Promise<AuditRecord> {
  const found = (await records(browser, poolId)).find((r) => r.outcome === "success");
  if (!found) throw new Error("no success record");
  return found;
}

describe("rolling back a change from its audit record", { timeout: 60_000 }, () => {
  it("previews, then restores the record's before on the current version, recorded as a rollback of that record", async () => {
    const { admin } = await start();
    const p = await pool(admin, "rollback-basic");
    const first = await apply(admin, p.id, p.groups[0] as string, p.version);
    const second = await apply(admin, p.id, p.groups[1] as string, first.headers.get("etag") ?? "");
    expect(second.status).toBe(200);
    const record = await lastSuccess(admin, p.id);

    const preview = await admin.request("GET", `/api/audit/${record.id}/rollback`);
    expect(preview.status).toBe(200);
    const body = preview.body as RollbackPreview;
    expect(body).toMatchObject({
      recordId: record.id,
      poolId: p.id,
      canApply: true,
      movedOn: [],
      desired: { userNotification: { kind: "logGroup", arn: p.groups[0] } },
    });
    expect(body.diff.find((d) => d.eventSource === "userNotification")?.change).toBe("changed");
    expect(preview.headers.get("etag")).toBe(second.headers.get("etag"));

    const sets = callsOf(sandbox, SET);
    const rolled = await admin.request("POST", `/api/audit/${record.id}/rollback`, {
      headers: { "if-match": preview.headers.get("etag") ?? "" },
    });
    expect(rolled.status).toBe(200);
    expect(callsOf(sandbox, SET)).toBe(sets + 1);
    expect((rolled.body as { configuration: unknown }).configuration).toMatchObject({
      userNotification: { kind: "logGroup", arn: p.groups[0] },
    });

    const rollback = await lastSuccess(admin, p.id);
    expect(rollback).toMatchObject({
      action: "log-delivery.rollback",
      undoes: record.id,
      operator: ADMIN.username,
    });
    // The chain still verifies with the new column in it.
    expect((await admin.request("GET", "/api/audit/verify")).body).toMatchObject({ ok: true });
  });

  it("keeps a change made since to the other event source (Set replaces the whole list)", async () => {
    const { admin } = await start();
    const p = await pool(admin, "rollback-other-source");
    const applied = await apply(admin, p.id, p.groups[0] as string, p.version);
    expect(applied.status).toBe(200);
    const record = await lastSuccess(admin, p.id);
    // Outside the console: user activity to another log group, keeping the notification entry.
    await setLogDelivery(sandbox, REGION, p.id, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: p.groups[0] },
      },
      {
        EventSource: "userAuthEvents",
        LogLevel: "INFO",
        CloudWatchLogsConfiguration: { LogGroupArn: p.groups[2] },
      },
    ]);

    const preview = await admin.request("GET", `/api/audit/${record.id}/rollback`);
    expect(preview.body).toMatchObject({
      canApply: true,
      desired: { userNotification: null, userAuthEvents: { kind: "logGroup", arn: p.groups[2] } },
    });
    const rolled = await admin.request("POST", `/api/audit/${record.id}/rollback`, {
      headers: { "if-match": preview.headers.get("etag") ?? "" },
    });
    expect(rolled.status).toBe(200);
    expect((rolled.body as { configuration: unknown }).configuration).toEqual({
      userNotification: null,
      userAuthEvents: { kind: "logGroup", arn: p.groups[2] },
    });
  });

  it("refuses, naming what changed, when the pool moved on since the record; AWS is sent nothing", async () => {
    const { admin } = await start();
    const p = await pool(admin, "rollback-moved-on");
    const first = await apply(admin, p.id, p.groups[0] as string, p.version);
    const record = await lastSuccess(admin, p.id);
    const later = await apply(admin, p.id, p.groups[1] as string, first.headers.get("etag") ?? "");
    expect(later.status).toBe(200);

    const preview = await admin.request("GET", `/api/audit/${record.id}/rollback`);
    expect(preview.body).toMatchObject({
      canApply: false,
      movedOn: [
        {
          eventSource: "userNotification",
          recorded: { arn: p.groups[0] },
          now: { arn: p.groups[1] },
        },
      ],
    });
    const sets = callsOf(sandbox, SET);
    const refused = await admin.request("POST", `/api/audit/${record.id}/rollback`, {
      headers: { "if-match": later.headers.get("etag") ?? "" },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      type: "urn:clc:problem:rollback-moved-on",
      detail: expect.stringContaining(p.groups[1] as string),
      hint: expect.stringContaining("later change"),
    });
    expect(callsOf(sandbox, SET)).toBe(sets);
  });

  it("answers 412 with what AWS holds when the pool changed between preview and apply", async () => {
    const { admin } = await start();
    const p = await pool(admin, "rollback-stale");
    const first = await apply(admin, p.id, p.groups[0] as string, p.version);
    expect(first.status).toBe(200);
    const record = await lastSuccess(admin, p.id);
    const preview = await admin.request("GET", `/api/audit/${record.id}/rollback`);
    await setLogDelivery(sandbox, REGION, p.id, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: p.groups[0] },
      },
      {
        EventSource: "userAuthEvents",
        LogLevel: "INFO",
        CloudWatchLogsConfiguration: { LogGroupArn: p.groups[2] },
      },
    ]);
    const stale = await admin.request("POST", `/api/audit/${record.id}/rollback`, {
      headers: { "if-match": preview.headers.get("etag") ?? "" },
    });
    expect(stale.status).toBe(412);
    expect((stale.body as Problem).current).toMatchObject({
      configuration: { userAuthEvents: { arn: p.groups[2] } },
      changedBy: null,
    });
  });

  it("refuses records that are not a landed log delivery change, unknown records, and viewers", async () => {
    const { admin, viewer } = await start();
    const p = await pool(admin, "rollback-refusals");
    expect((await apply(admin, p.id, p.groups[0] as string, p.version)).status).toBe(200);
    const all = await records(admin, p.id);
    const attempt = all.find((r) => r.outcome === "attempt") as AuditRecord;
    const signIns = (await admin.request("GET", "/api/audit?action=session.sign-in"))
      .body as AuditListResponse;
    const signIn = signIns.items[0] as AuditRecord;

    const ofAttempt = await admin.request("GET", `/api/audit/${attempt.id}/rollback`);
    expect(ofAttempt.status).toBe(422);
    expect(ofAttempt.body).toMatchObject({
      type: "urn:clc:problem:not-a-change",
      detail: expect.stringContaining("attempt"),
    });
    const ofSignIn = await admin.request("GET", `/api/audit/${signIn.id}/rollback`);
    expect(ofSignIn.status).toBe(422);
    expect((await admin.request("GET", "/api/audit/999999/rollback")).status).toBe(404);
    expect((await admin.request("GET", "/api/audit/abc/rollback")).status).toBe(400);

    const success = await lastSuccess(admin, p.id);
    const asViewer = await viewer.request("POST", `/api/audit/${success.id}/rollback`, {
      headers: { "if-match": p.version },
    });
    expect(asViewer.status).toBe(403);
    expect((await admin.request("POST", `/api/audit/${success.id}/rollback`)).status).toBe(428);
  });
});

describe("a refused write (412) says who changed the pool, and is recorded", { timeout: 60_000 }, () => {
  it("names the operator and time when the console made the change, and records the refusal", async () => {
    const { admin, bob } = await start();
    const p = await pool(admin, "conflict-who");
    // Both load version p.version; alice applies first, bob's apply is then stale.
    const alices = await apply(admin, p.id, p.groups[0] as string, p.version);
    expect(alices.status).toBe(200);
    const record = await lastSuccess(admin, p.id);
    const sets = callsOf(sandbox, SET);

    const bobs = await apply(bob, p.id, p.groups[1] as string, p.version);
    expect(bobs.status).toBe(412);
    expect((bobs.body as Problem).current).toMatchObject({
      version: alices.headers.get("etag"),
      changedBy: { operator: ADMIN.username, at: record.at, recordId: record.id },
    });
    expect(callsOf(sandbox, SET)).toBe(sets);

    const refusal = (await records(admin, p.id))[0] as AuditRecord;
    expect(refusal).toMatchObject({
      action: "log-delivery.apply",
      outcome: "failure",
      operator: BOB.username,
      attemptId: null,
      error: expect.stringContaining("Refused (412)"),
      before: { userNotification: { arn: p.groups[0] } },
    });
  });

  it("says the change came from outside the console when the trail did not leave what AWS holds", async () => {
    const { admin } = await start();
    const p = await pool(admin, "conflict-outside");
    const applied = await apply(admin, p.id, p.groups[0] as string, p.version);
    await setLogDelivery(sandbox, REGION, p.id, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: p.groups[1] },
      },
    ]);
    const stale = await apply(admin, p.id, p.groups[2] as string, applied.headers.get("etag") ?? "");
    expect(stale.status).toBe(412);
    expect((stale.body as Problem).current?.changedBy).toBeNull();
  });
});
