/**
 * The logging standard over HTTP, on the real app (with sign-in and the audit trail) and a real
 * sandbox: the shared document with its revision (a stale write refused, never lost), exemptions with
 * expiry, each write audited and admin-only, and every pool's compliance judged on the fleet's cached
 * rows with no further Cognito read.
 */
import { CloudWatchLogsClient, PutResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  type AuditListResponse,
  logGroupDeliveryStatement,
  type StandardEvaluationResponse,
  serializePolicy,
} from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser, VIEWER } from "./auth-support.ts";
import { callsOf, createLogGroup, createPool, sandboxCognito, setLogDelivery } from "./helpers.ts";

const REGION = "us-east-1";

let sandbox: RunningSandbox;
let t: TestApp;
let admin: TestBrowser;
let viewer: TestBrowser;
const pools: Record<string, string> = {};
let central = "";

async function taggedPool(name: string, tier: "ESSENTIALS" | "PLUS", tags: Record<string, string>) {
  const client = sandboxCognito(sandbox, REGION);
  const answer = await client.send(
    new CreateUserPoolCommand({ PoolName: name, UserPoolTier: tier, UserPoolTags: tags }),
  );
  client.destroy();
  return answer.UserPool?.Id ?? "";
}

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  central = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/central");
  // Log delivery may write there, so the pool that sends there complies (without it: cannot comply).
  const logs = new CloudWatchLogsClient({
    region: REGION,
    endpoint: sandbox.endpoint,
    credentials: { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" },
  });
  await logs.send(
    new PutResourcePolicyCommand({
      policyName: "delivery-central",
      policyDocument: serializePolicy({
        Version: "2012-10-17",
        Statement: [logGroupDeliveryStatement(central)],
      }),
    }),
  );
  logs.destroy();
  pools.compliant = await createPool(sandbox, REGION, "std-compliant", "ESSENTIALS");
  await setLogDelivery(sandbox, REGION, pools.compliant, [
    {
      EventSource: "userNotification",
      LogLevel: "ERROR",
      CloudWatchLogsConfiguration: { LogGroupArn: central },
    },
  ]);
  pools.drift = await createPool(sandbox, REGION, "std-drift", "ESSENTIALS");
  pools.lite = await taggedPool("std-activity-essentials", "ESSENTIALS", { activity: "required" });
  pools.legacy = await createPool(sandbox, REGION, "legacy-billing", "ESSENTIALS");
  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200", CLC_ACCOUNTS: "own", CLC_REGIONS: REGION },
  });
  await addOperator(stores, ADMIN);
  await addOperator(stores, VIEWER);
  admin = new TestBrowser(t.baseUrl);
  viewer = new TestBrowser(t.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  expect((await viewer.signIn(VIEWER.username, VIEWER.password)).status).toBe(200);
  await admin.request("GET", "/api/pools");
  for (let i = 0; i < 1500; i++) {
    const status = await admin.request("GET", "/api/fleet/status");
    if ((status.body as { state: string }).state === "ready") break;
    await new Promise((r) => setTimeout(r, 20));
  }
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

const anyScope = { accounts: [], ous: [], regions: [], tiers: [], namePattern: "", tags: [] };
const standard = () => ({
  rules: [
    {
      name: "Message-delivery errors to the central log group",
      scope: anyScope,
      sources: {
        userNotification: { type: "existing", destinations: [{ region: REGION, arn: central }] },
        userAuthEvents: null,
      },
    },
    {
      name: "User activity where required",
      scope: { ...anyScope, tags: [{ key: "activity", value: "required" }] },
      sources: {
        userNotification: null,
        userAuthEvents: {
          type: "create",
          kind: "logGroup",
          nameTemplate: "/aws/vendedlogs/cognito/{poolName}/activity",
        },
      },
    },
  ],
});

async function evaluation(query = ""): Promise<StandardEvaluationResponse> {
  const answer = await viewer.request("GET", `/api/standard/evaluation${query}`);
  expect(answer.status).toBe(200);
  return answer.body as StandardEvaluationResponse;
}

async function auditActions(): Promise<string[]> {
  const answer = await admin.request("GET", "/api/audit?limit=100");
  return (answer.body as AuditListResponse).items.map((r) => `${r.action}:${r.outcome}`);
}

describe("the standard document", () => {
  it("is empty at revision 0 until an admin saves one; every pool is then not governed", async () => {
    const answer = await viewer.request("GET", "/api/standard");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("etag")).toBe('"standard-r0"');
    expect(answer.body).toMatchObject({ standard: { rules: [] }, revision: 0, updatedBy: null });
    const { counts } = await evaluation();
    expect(counts).toMatchObject({ "not-governed": 4, compliant: 0, drift: 0 });
  });

  it("refuses a viewer's write, a write without If-Match, and a standard AWS could not follow", async () => {
    expect(
      (
        await viewer.request("PUT", "/api/standard", {
          body: standard(),
          headers: { "if-match": '"standard-r0"' },
        })
      ).status,
    ).toBe(403);
    expect((await admin.request("PUT", "/api/standard", { body: standard() })).status).toBe(428);
    const bad = standard();
    const [, activity] = bad.rules;
    if (!activity) throw new Error("the standard has two rules");
    activity.sources.userAuthEvents = {
      type: "create",
      kind: "logGroup",
      nameTemplate: "/logs/{poolName} #1",
    };
    const refused = await admin.request("PUT", "/api/standard", {
      body: bad,
      headers: { "if-match": '"standard-r0"' },
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(
      "body.rules.1.sources.userAuthEvents.nameTemplate",
    );
    expect((await viewer.request("GET", "/api/standard")).headers.get("etag")).toBe('"standard-r0"');
  });

  it("is saved on its revision, audited; a write on a stale revision is refused and loses nothing", async () => {
    const saved = await admin.request("PUT", "/api/standard", {
      body: standard(),
      headers: { "if-match": '"standard-r0"' },
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe('"standard-r1"');
    expect(saved.body).toMatchObject({ revision: 1, updatedBy: ADMIN.username });

    // A second admin who read revision 0 saves after: refused, the first edit kept.
    const stale = await admin.request("PUT", "/api/standard", {
      body: { rules: [] },
      headers: { "if-match": '"standard-r0"' },
    });
    expect(stale.status).toBe(412);
    expect((stale.body as { detail: string }).detail).toMatch(/revision 1.*alice/);
    const now = await viewer.request("GET", "/api/standard");
    expect((now.body as { standard: { rules: unknown[] } }).standard.rules).toHaveLength(2);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(["standard.update:attempt", "standard.update:success"]),
    );
  });
});

describe("evaluation", () => {
  it("judges each pool on the fleet's cached rows, with per-source diffs and reasons, and no Cognito read", async () => {
    const reads = () =>
      callsOf(sandbox, "cognito-idp:DescribeUserPool") +
      callsOf(sandbox, "cognito-idp:GetLogDeliveryConfiguration");
    const before = reads();
    const result = await evaluation();
    expect(reads()).toBe(before);
    expect(result.revision).toBe(1);
    expect(result.counts).toMatchObject({ compliant: 1, drift: 2, "cannot-comply": 1, exempt: 0 });
    const byName = new Map(result.items.map((i) => [i.poolName, i]));
    expect(byName.get("std-compliant")?.state).toBe("compliant");
    expect(byName.get("std-drift")).toMatchObject({
      state: "drift",
      sources: [
        {
          eventSource: "userNotification",
          change: "added",
          current: null,
          desired: { kind: "logGroup", arn: central },
        },
      ],
    });
    const lite = byName.get("std-activity-essentials");
    expect(lite?.state).toBe("cannot-comply");
    expect(lite?.sources.find((s) => s.eventSource === "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "tier",
    ]);

    const drift = await evaluation("?state=drift");
    expect(drift.items.map((i) => i.poolName).sort()).toEqual(["legacy-billing", "std-drift"]);
    expect(drift.total).toBe(2);
  });

  it("filters the fleet table by compliance, without reading Cognito again", async () => {
    const before = callsOf(sandbox, "cognito-idp:DescribeUserPool");
    const list = await viewer.request("GET", "/api/pools?compliance=cannot-comply");
    expect(list.status).toBe(200);
    expect((list.body as { items: Array<{ name: string }> }).items.map((p) => p.name)).toEqual([
      "std-activity-essentials",
    ]);
    expect(callsOf(sandbox, "cognito-idp:DescribeUserPool")).toBe(before);
    expect((await viewer.request("GET", "/api/pools?compliance=nearly")).status).toBe(400);
  });
});

describe("exemptions", () => {
  it("exempt the pools they name until they expire; each change is audited and needs the current revision", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (
        await viewer.request("POST", "/api/standard/exemptions", {
          body: {
            target: { type: "pattern", pattern: "legacy-*" },
            reason: "being retired",
            expiresAt: null,
          },
        })
      ).status,
    ).toBe(403);
    const past = await admin.request("POST", "/api/standard/exemptions", {
      body: {
        target: { type: "pattern", pattern: "legacy-*" },
        reason: "being retired",
        expiresAt: "2020-01-01T00:00:00Z",
      },
    });
    expect(past.status).toBe(400);
    expect((past.body as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("expiresAt");

    const created = await admin.request("POST", "/api/standard/exemptions", {
      body: {
        target: { type: "pattern", pattern: "legacy-*" },
        reason: "being retired",
        expiresAt: tomorrow,
      },
    });
    expect(created.status).toBe(201);
    const exemption = created.body as { id: string; revision: number };
    expect(created.headers.get("etag")).toBe('"exemption-r1"');
    const legacy = (await evaluation("?state=exempt")).items;
    expect(legacy).toEqual([
      expect.objectContaining({
        poolName: "legacy-billing",
        exemption: { id: exemption.id, reason: "being retired", expiresAt: tomorrow },
      }),
    ]);

    // A stale edit is refused; the current one passes.
    const url = `/api/standard/exemptions/${exemption.id}`;
    const update = {
      target: { type: "pool", poolId: pools.legacy },
      reason: "retired in January",
      expiresAt: tomorrow,
    };
    expect((await admin.request("PUT", url, { body: update })).status).toBe(428);
    const updated = await admin.request("PUT", url, {
      body: update,
      headers: { "if-match": '"exemption-r1"' },
    });
    expect(updated.status).toBe(200);
    expect(
      (await admin.request("PUT", url, { body: update, headers: { "if-match": '"exemption-r1"' } })).status,
    ).toBe(412);

    // Its expiry passes (the row as it would read a day later): listed as expired, no longer applied.
    const yesterday = new Date(Date.now() - 1000).toISOString();
    expect(
      await t.stores.standard.updateExemption(
        exemption.id,
        JSON.stringify({ ...update, expiresAt: yesterday }),
        2,
        "alice",
        Date.now(),
      ),
    ).toBe(true);
    const listed = await viewer.request("GET", "/api/standard/exemptions");
    expect((listed.body as { items: Array<{ id: string; expired: boolean }> }).items).toEqual([
      expect.objectContaining({ id: exemption.id, expired: true }),
    ]);
    expect((await evaluation()).counts).toMatchObject({ exempt: 0, drift: 2 });

    expect((await admin.request("DELETE", url, { headers: { "if-match": '"exemption-r2"' } })).status).toBe(
      412,
    );
    expect((await admin.request("DELETE", url, { headers: { "if-match": '"exemption-r3"' } })).status).toBe(
      204,
    );
    expect((await admin.request("GET", url)).status).toBe(404);
    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        "standard.exemption.create:success",
        "standard.exemption.update:success",
        "standard.exemption.delete:success",
      ]),
    );
  });
});
