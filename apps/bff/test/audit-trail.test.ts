/**
 * The audit trail over HTTP, on the real app and a real sandbox: each change is recorded before AWS
 * is called and again with its outcome; a trail that cannot be written stops the change.
 */
import type { AuditListResponse, AuditRecord } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { csvCell } from "../src/features/audit/export.ts";
import { createAuditSink } from "../src/features/audit/sink.ts";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import type { AuditStore } from "../src/store/types.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { callsOf, createLogGroup, createPool, createStream } from "./helpers.ts";

const SET = "cognito-idp:SetLogDeliveryConfiguration";
const REGION = "us-east-1";

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

async function start(options: { auditStore?: AuditStore } = {}) {
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200" },
    ...(options.auditStore ? { audit: createAuditSink({ store: options.auditStore }) } : {}),
  });
  await addOperator(stores, ADMIN);
  await addOperator(stores, VIEWER);
  const admin = new TestBrowser(t.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  return { app: t, admin };
}

async function poolWithLogGroup(admin: TestBrowser, name: string) {
  const pool = await createPool(sandbox, REGION, name);
  const logGroupArn = await createLogGroup(sandbox, REGION, `/aws/vendedlogs/cognito/${name}/notifications`);
  const detail = await admin.request("GET", `/api/pools/${pool}`);
  expect(detail.status).toBe(200);
  return { pool, logGroupArn, version: (detail.body as { version: string }).version };
}

async function trail(browser: TestBrowser, query = ""): Promise<AuditRecord[]> {
  const answer = await browser.request("GET", `/api/audit${query}`);
  expect(answer.status).toBe(200);
  return (answer.body as AuditListResponse).items;
}

describe("changes are recorded", () => {
  it("a save of what AWS already holds sends no Set and records nothing: no write happened", async () => {
    // Before, such a save sent the Set and recorded a "change" whose before and after were the same;
    // and a log group whose delivery policy AWS had not added was judged again, so it answered 422.
    const { admin } = await start();
    const { pool, logGroupArn, version } = await poolWithLogGroup(admin, "audit-same-again");
    const destination = { kind: "logGroup", arn: logGroupArn };
    const applied = await admin.request("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": version },
      body: { destination },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const stored = applied.body as { version: string; configuration: unknown; written: boolean };
    expect(stored.written).toBe(true);
    const sets = callsOf(sandbox, SET);

    const preview = await admin.request("POST", `/api/pools/${pool}/log-delivery/userNotification/preview`, {
      body: { destination },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ sendsNothing: true, version: stored.version });

    const again = await admin.request("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": stored.version },
      body: { destination },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({
      version: stored.version,
      configuration: stored.configuration,
      written: false,
    });
    expect(again.headers.get("etag")).toBe(stored.version);
    // Disabling what is already off is no write either.
    const off = await admin.request("DELETE", `/api/pools/${pool}/log-delivery/userAuthEvents`, {
      headers: { "if-match": stored.version },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ written: false });
    expect(callsOf(sandbox, SET)).toBe(sets);
    expect((await trail(admin, `?pool=${pool}`)).map((r) => [r.action, r.outcome])).toEqual([
      ["log-delivery.apply", "success"],
      ["log-delivery.apply", "attempt"],
    ]);
  });

  it("apply and disable: an attempt with before/after, then the outcome, with who, where and request ids", async () => {
    const { admin } = await start();
    const { pool, logGroupArn, version } = await poolWithLogGroup(admin, "audit-apply");
    const destination = { kind: "logGroup", arn: logGroupArn };
    const setsBefore = callsOf(sandbox, SET);

    const applied = await admin.request("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": version },
      body: { destination },
    });
    expect(applied.status).toBe(200);
    // The counter the "cannot be written" test relies on does see the Set.
    expect(callsOf(sandbox, SET)).toBe(setsBefore + 1);
    const applyRequestId = applied.headers.get("x-request-id");

    const disabled = await admin.request("DELETE", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": applied.headers.get("etag") ?? "" },
    });
    expect(disabled.status).toBe(200);

    const records = await trail(admin, `?pool=${pool}`);
    expect(records.map((r) => [r.action, r.outcome])).toEqual([
      ["log-delivery.disable", "success"],
      ["log-delivery.disable", "attempt"],
      ["log-delivery.apply", "success"],
      ["log-delivery.apply", "attempt"],
    ]);
    const [disableDone, disableAttempt, applyDone, applyAttempt] = records;
    for (const record of records) {
      expect(record).toMatchObject({
        operator: "alice",
        role: "admin",
        poolId: pool,
        region: REGION,
        error: null,
      });
    }
    expect(applyAttempt).toMatchObject({
      requestId: applyRequestId,
      before: { userNotification: null, userAuthEvents: null },
      after: { userNotification: destination, userAuthEvents: null },
    });
    expect(applyDone).toMatchObject({
      attemptId: applyAttempt?.id,
      requestId: applyRequestId,
      after: { userNotification: destination, userAuthEvents: null },
      awsRequestId: expect.any(String),
    });
    expect(disableAttempt).toMatchObject({
      before: { userNotification: destination, userAuthEvents: null },
      after: { userNotification: null, userAuthEvents: null },
    });
    expect(disableDone).toMatchObject({ attemptId: disableAttempt?.id, awsRequestId: expect.any(String) });

    // Each success row reads before → after on its own (the before used to be only on the attempt).
    expect(applyDone?.before).toEqual(applyAttempt?.before);
    expect(disableDone).toMatchObject({
      before: { userNotification: destination, userAuthEvents: null },
      after: { userNotification: null, userAuthEvents: null },
    });
    // ...and so do both exports.
    const json = await admin.request("GET", `/api/audit/export?format=json&pool=${pool}`);
    const exported = (json.body as AuditRecord[]).filter((r) => r.outcome === "success");
    expect(exported.map((r) => [r.action, r.before, r.after])).toEqual([
      ["log-delivery.disable", disableDone?.before, disableDone?.after],
      ["log-delivery.apply", applyAttempt?.before, applyDone?.after],
    ]);
    const csv = await admin.request("GET", `/api/audit/export?format=csv&pool=${pool}`);
    const successLines = csv.text.split("\r\n").filter((line) => line.includes(",success,"));
    expect(successLines).toHaveLength(2);
    for (const line of successLines) {
      // The before and after cells come before the chain's two hashes; neither is empty. The last
      // cell (undoes) is empty: these are not rollbacks.
      expect(line).toMatch(
        /,"\{""userNotification"":[^\r]*\}","\{""userNotification"":[^\r]*\}",[0-9a-f]{64},[0-9a-f]{64},$/,
      );
    }
  });

  it("tagging a stream: the success row has the stream's tags before and after, not a null before", async () => {
    const { admin } = await start();
    const pool = await createPool(sandbox, REGION, "audit-tag");
    const stream = await createStream(sandbox, REGION, "audit-tag-stream", false);
    const fixed = await admin.request("POST", `/api/pools/${pool}/fixes`, {
      body: { action: "tag-firehose-stream", target: stream },
    });
    expect(fixed.status, fixed.text).toBe(200);
    const records = await trail(admin, `?pool=${pool}`);
    const done = records.find((r) => r.action === "fix.apply" && r.outcome === "success");
    expect([done?.before, done?.after]).toEqual([{}, { LogDeliveryEnabled: "true" }]);
  });

  it("an outcome without a before takes its attempt's, whichever feature writes it; its own before wins", async () => {
    const store = createSqliteStores(":memory:").audit;
    const base = {
      at: 1,
      operator: "alice",
      role: "admin" as const,
      region: REGION,
      poolId: "us-east-1_Outcome",
    };
    const cleanupAttempt = await store.append({
      ...base,
      action: "destination.cleanup",
      outcome: "attempt",
      before: { runId: "r1", created: [{ type: "logGroup", step: "log-group" }] },
      after: null,
    });
    await store.append({
      ...base,
      action: "destination.cleanup",
      outcome: "success",
      attemptId: cleanupAttempt,
      before: null,
      after: { runId: "r1", steps: [] },
    });
    const fixAttempt = await store.append({
      ...base,
      action: "fix.apply",
      outcome: "attempt",
      before: "OFF",
      after: "AUDIT",
    });
    await store.append({
      ...base,
      action: "fix.apply",
      outcome: "failure",
      attemptId: fixAttempt,
      before: { reread: true },
      after: null,
    });
    await store.append({ ...base, action: "session.sign-in", outcome: "success" });
    const [signIn, fixFailure, , cleanupDone] = (await store.list({}, { limit: 10 })).items;
    expect(cleanupDone).toMatchObject({
      outcome: "success",
      before: { runId: "r1", created: [{ type: "logGroup", step: "log-group" }] },
      after: { runId: "r1", steps: [] },
    });
    expect(fixFailure?.before).toEqual({ reread: true });
    expect(signIn?.before).toBeNull();
  });
});

describe("a trail that cannot be written", () => {
  it("stops the change before anything is sent to AWS", async () => {
    const working = createSqliteStores(":memory:").audit;
    let broken = false;
    const flaky: AuditStore = {
      ...working,
      append: (record) => (broken ? Promise.reject(new Error("disk full")) : working.append(record)),
    };
    const { admin } = await start({ auditStore: flaky });
    const { pool, logGroupArn, version } = await poolWithLogGroup(admin, "audit-broken");
    const setsBefore = callsOf(sandbox, SET);

    broken = true;
    const answer = await admin.request("PUT", `/api/pools/${pool}/log-delivery/userNotification`, {
      headers: { "if-match": version },
      body: { destination: { kind: "logGroup", arn: logGroupArn } },
    });
    expect(answer.status).toBe(503);
    expect((answer.body as { type: string }).type).toBe("urn:clc:problem:audit-unavailable");
    expect(callsOf(sandbox, SET)).toBe(setsBefore);

    broken = false;
    const detail = await admin.request("GET", `/api/pools/${pool}`);
    expect((detail.body as { configuration: unknown }).configuration).toEqual({
      userNotification: null,
      userAuthEvents: null,
    });
  });
});

describe("reading the trail", () => {
  it("admins verify its hash chain over HTTP; viewers may not", async () => {
    const { admin, app } = await start();
    const viewer = new TestBrowser(app.baseUrl);
    expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
    const answer = await admin.request("GET", "/api/audit/verify");
    expect(answer.status, answer.text).toBe(200);
    // The admin's and the viewer's sign-ins.
    const newest = (await trail(admin))[0];
    expect(answer.body).toEqual({
      ok: true,
      checked: 2,
      unhashed: 0,
      firstId: "1",
      lastId: "2",
      headHash: newest?.hash,
      broken: null,
    });
    expect(newest?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await viewer.request("GET", "/api/audit/verify")).status).toBe(403);
  });

  it("viewers page through it newest first, with filters; the export has every matching record", async () => {
    const { admin, app } = await start();
    const base = Date.parse("2025-02-01T00:00:00Z");
    for (let i = 0; i < 5; i++) {
      await app.stores.audit.append({
        at: base + i * 60_000,
        operator: i % 2 ? "alice" : "bob",
        role: "admin",
        action: "log-delivery.apply",
        poolId: "us-east-1_Paged",
        region: REGION,
        outcome: "attempt",
        before: { userNotification: null },
        after: { note: 'a "quoted", multi\nline value' },
      });
    }
    const viewer = new TestBrowser(app.baseUrl);
    await viewer.signIn(VIEWER.username, VIEWER.password);

    const first = await viewer.request("GET", "/api/audit?pool=us-east-1_Paged&limit=2");
    const firstPage = first.body as AuditListResponse;
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).not.toBeNull();
    const second = (
      await viewer.request("GET", `/api/audit?pool=us-east-1_Paged&limit=2&cursor=${firstPage.nextCursor}`)
    ).body as AuditListResponse;
    const ats = [...firstPage.items, ...second.items].map((r) => r.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(new Set([...firstPage.items, ...second.items].map((r) => r.id)).size).toBe(4);

    const alice = await trail(viewer, "?pool=us-east-1_Paged&operator=alice");
    expect(alice.map((r) => r.operator)).toEqual(["alice", "alice"]);
    const window = await trail(
      viewer,
      `?pool=us-east-1_Paged&from=${new Date(base + 60_000).toISOString()}&to=${new Date(base + 180_000).toISOString()}`,
    );
    expect(window).toHaveLength(2);

    const bad = await viewer.request("GET", "/api/audit?from=yesterday");
    expect(bad.status).toBe(400);

    const json = await admin.request("GET", "/api/audit/export?format=json&pool=us-east-1_Paged");
    expect(json.status).toBe(200);
    expect(json.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-.*\.json"$/);
    expect((json.body as AuditRecord[]).map((r) => r.id)).toEqual(
      (await trail(admin, "?pool=us-east-1_Paged")).map((r) => r.id),
    );

    const csv = await admin.request("GET", "/api/audit/export?format=csv&pool=us-east-1_Paged&operator=bob");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = csv.text.split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toBe(
      "id,at,operator,role,action,region,poolId,accountId,roleArn,resource,outcome,attemptId,error,requestId,awsRequestId,before,after,hash,prevHash,undoes",
    );
    // 3 records by bob; the embedded newline is inside a quoted cell, so count records by their id column.
    expect(csv.text.match(/\r\n\d+,2025-02-01T/g)).toHaveLength(3);
    expect(csv.text).toContain('"{""note"":""a \\""quoted\\"", multi\\nline value""}"');
  });

  it("finds a pool by the start of its name or id, hides sign-ins when asked, and refuses a window that ends before it starts", async () => {
    const { admin, app } = await start();
    const named = await createPool(sandbox, REGION, "Ledger-names-eu");
    // The trail holds ids; names come from the fleet's rows, so let the fleet read finish first.
    await admin.request("GET", "/api/pools");
    for (let i = 0; i < 500; i++) {
      const status = await admin.request("GET", "/api/fleet/status");
      if ((status.body as { state: string }).state === "ready") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const at = Date.parse("2025-03-01T00:00:00Z");
    for (const poolId of [named, "eu-west-1_Elsewhere"]) {
      await app.stores.audit.append({
        at,
        operator: "alice",
        role: "admin",
        action: "log-delivery.apply",
        poolId,
        region: REGION,
        outcome: "attempt",
      });
    }
    const ids = async (query: string) => (await trail(admin, query)).map((r) => r.poolId);

    expect(await ids("?pool=ledger-NAMES")).toEqual([named]);
    expect(await ids(`?pool=${named}`)).toEqual([named]);
    expect(await ids("?pool=eu-west-1_")).toEqual(["eu-west-1_Elsewhere"]);
    expect(await ids("?pool=nothing-starts-so")).toEqual([]);

    // The admin's own sign-in is on the trail; `signIns=exclude` leaves it out, and only it.
    const everything = await trail(admin);
    expect(everything.some((r) => r.action === "session.sign-in")).toBe(true);
    const withoutSessions = await trail(admin, "?signIns=exclude");
    expect(withoutSessions.map((r) => r.id)).toEqual(
      everything.filter((r) => !r.action.startsWith("session.")).map((r) => r.id),
    );
    const exported = await admin.request("GET", "/api/audit/export?format=json&signIns=exclude&pool=ledger");
    expect((exported.body as AuditRecord[]).map((r) => r.poolId)).toEqual([named]);

    for (const path of ["/api/audit", "/api/audit/export"]) {
      const backwards = await admin.request(
        "GET",
        `${path}?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z`,
      );
      expect(backwards.status).toBe(400);
      expect(JSON.stringify(backwards.body)).toContain("“From” must be before “Until”");
    }
    const empty = await admin.request("GET", "/api/audit?from=2025-03-01T00:00:00Z&to=2025-03-01T00:00:00Z");
    expect(empty.status).toBe(400);
  });

  it("pages through sparse matches without losing or repeating a record", async () => {
    const { admin, app } = await start();
    const at = Date.parse("2025-04-01T00:00:00Z");
    for (let i = 0; i < 7; i++) {
      await app.stores.audit.append({
        at: at + i,
        operator: "bob",
        role: "admin",
        action: "log-delivery.apply",
        poolId: i % 3 === 0 ? "us-east-1_Sparse" : "us-east-1_Busy",
        region: REGION,
        outcome: "attempt",
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (
        await admin.request(
          "GET",
          `/api/audit?pool=us-east-1_Spa&limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        )
      ).body as AuditListResponse;
      seen.push(...page.items.map((r) => `${r.poolId}@${r.at}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([6, 3, 0].map((i) => `us-east-1_Sparse@${new Date(at + i).toISOString()}`));
  });

  it("CSV cells cannot smuggle a spreadsheet formula", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell(null)).toBe("");
  });
});
