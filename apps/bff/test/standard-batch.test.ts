/**
 * "Apply the standard" as a batch (issue 17) over HTTP: the real app signed in as an admin against a
 * real sandbox. The BFF plans the drifting pools from the stored standard (exempt and compliant
 * pools left out, a pool that cannot comply blocked with the evaluation's reason, a source the
 * standard does not govern kept), lists the log groups to create from the standard's name template,
 * creates them (tagged as the console's) before writing the pool, refuses to adopt one it did not
 * create, and reports a pool changed after planning without overwriting it.
 */
import {
  CloudWatchLogsClient,
  ListTagsForResourceCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { type Batch, type BatchItem, logGroupDeliveryStatement, serializePolicy } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteStores } from "../src/store/sqlite/index.ts";
import { ADMIN, addOperator, startTestApp, type TestApp, TestBrowser } from "./auth-support.ts";
import { createLogGroup, createPool, sandboxCognito, setLogDelivery } from "./helpers.ts";

const REGION = "us-east-1";
const TEMPLATE = "/aws/vendedlogs/cognito/{poolName}/notifications";
const setup = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };

let sandbox: RunningSandbox;
let t: TestApp;
let admin: TestBrowser;
let central = "";
let other = "";
const pools: Record<string, string> = {};

const logsClient = () =>
  new CloudWatchLogsClient({ region: REGION, endpoint: sandbox.endpoint, credentials: setup });
const groupArn = (name: string) => `arn:aws:logs:${REGION}:${sandbox.accountId}:log-group:${name}`;

async function taggedPool(name: string, tier: "ESSENTIALS" | "PLUS", tags: Record<string, string>) {
  const client = sandboxCognito(sandbox, REGION);
  const answer = await client.send(
    new CreateUserPoolCommand({ PoolName: name, UserPoolTier: tier, UserPoolTags: tags }),
  );
  client.destroy();
  return answer.UserPool?.Id ?? "";
}

async function configurationOf(poolId: string) {
  const client = sandboxCognito(sandbox, REGION);
  const answer = await client.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
  client.destroy();
  return answer.LogDeliveryConfiguration?.LogConfigurations ?? [];
}

const anyScope = { accounts: [], ous: [], regions: [], tiers: [], namePattern: "", tags: [] };

beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none" });
  central = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/central");
  other = await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/other-activity");
  const logs = logsClient();
  await logs.send(
    new PutResourcePolicyCommand({
      policyName: "delivery-central",
      policyDocument: serializePolicy({
        Version: "2012-10-17",
        Statement: [logGroupDeliveryStatement(central), logGroupDeliveryStatement(other)],
      }),
    }),
  );
  logs.destroy();
  const toCentral = {
    EventSource: "userNotification" as const,
    LogLevel: "ERROR" as const,
    CloudWatchLogsConfiguration: { LogGroupArn: central },
  };
  pools.compliant = await createPool(sandbox, REGION, "sb-compliant", "ESSENTIALS");
  await setLogDelivery(sandbox, REGION, pools.compliant, [toCentral]);
  pools.drift = await createPool(sandbox, REGION, "sb-drift", "ESSENTIALS");
  // User activity goes elsewhere and the standard does not govern it here: kept as it is.
  pools.keep = await createPool(sandbox, REGION, "sb-keep", "PLUS");
  await setLogDelivery(sandbox, REGION, pools.keep, [
    { EventSource: "userAuthEvents", LogLevel: "INFO", CloudWatchLogsConfiguration: { LogGroupArn: other } },
  ]);
  pools.exempt = await createPool(sandbox, REGION, "sb-exempt-legacy", "ESSENTIALS");
  pools.cannot = await taggedPool("sb-activity-essentials", "ESSENTIALS", { activity: "required" });
  pools.create = await createPool(sandbox, REGION, "sb-new-one", "ESSENTIALS");
  pools.taken = await createPool(sandbox, REGION, "sb-new-taken", "ESSENTIALS");
  // A log group of the template's name that the console did not create: never adopted.
  await createLogGroup(sandbox, REGION, "/aws/vendedlogs/cognito/sb-new-taken/notifications");
  pools.changed = await createPool(sandbox, REGION, "sb-changed", "ESSENTIALS");

  const stores = createSqliteStores(":memory:");
  t = await startTestApp({
    stores,
    target: { mode: "sandbox", endpoint: sandbox.endpoint },
    env: { COGNITO_READ_RPS: "200", CLC_ACCOUNTS: "own", CLC_REGIONS: REGION, CLC_BATCH_WRITE_RPS: "15" },
  });
  await addOperator(stores, ADMIN);
  admin = new TestBrowser(t.baseUrl);
  expect((await admin.signIn(ADMIN.username, ADMIN.password)).status).toBe(200);
  await admin.request("GET", "/api/pools");
  for (let i = 0; i < 1500; i++) {
    const status = await admin.request("GET", "/api/fleet/status");
    if ((status.body as { state: string }).state === "ready") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const saved = await admin.request("PUT", "/api/standard", {
    headers: { "if-match": '"standard-r0"' },
    body: {
      rules: [
        {
          name: "New pools get a log group of their own",
          scope: { ...anyScope, namePattern: "sb-new-*" },
          sources: {
            userNotification: { type: "create", kind: "logGroup", nameTemplate: TEMPLATE },
            userAuthEvents: null,
          },
        },
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
            userAuthEvents: { type: "existing", destinations: [{ region: REGION, arn: central }] },
          },
        },
      ],
    },
  });
  expect(saved.status, saved.text).toBe(200);
  const exempted = await admin.request("POST", "/api/standard/exemptions", {
    body: {
      target: { type: "pattern", pattern: "sb-exempt-*" },
      reason: "Retired next quarter",
      expiresAt: null,
    },
  });
  expect(exempted.status, exempted.text).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

async function planStandard(body: unknown = { standard: true }): Promise<Batch> {
  const answer = await admin.request("POST", "/api/batches", { body });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as Batch;
}

const byPool = (batch: Batch, poolId: string) => batch.items.find((i) => i.poolId === poolId) as BatchItem;

async function finished(id: string): Promise<Batch> {
  for (let i = 0; i < 3000; i++) {
    const answer = await admin.request("GET", `/api/batches/${id}`);
    const batch = answer.body as Batch;
    if (batch.status === "finished") return batch;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("the batch did not finish");
}

describe("apply the standard as a batch", () => {
  let batch: Batch;

  it("plans the drifting pools only, from the stored standard's revision", async () => {
    batch = await planStandard();
    expect(batch.standardRevision).toBe(1);
    const planned = batch.items.map((i) => i.poolId).sort();
    expect(planned).toEqual(
      [pools.drift, pools.keep, pools.cannot, pools.create, pools.taken, pools.changed].sort(),
    );
    // Compliant and exempt pools are not in the plan.
    expect(planned).not.toContain(pools.compliant);
    expect(planned).not.toContain(pools.exempt);
    expect(batch.items.every((i) => i.standardRevision === 1)).toBe(true);
  });

  it("sets the governed source and keeps the one the standard does not govern", () => {
    const drift = byPool(batch, pools.drift as string);
    expect(drift.outcome).toBe("ready");
    expect(drift.desired?.userNotification?.arn).toBe(central);
    const keep = byPool(batch, pools.keep as string);
    expect(keep.outcome).toBe("ready");
    expect(keep.desired).toEqual({
      userNotification: { kind: "logGroup", arn: central },
      userAuthEvents: { kind: "logGroup", arn: other },
    });
  });

  it("blocks a pool that cannot comply with the evaluation's reason", () => {
    const cannot = byPool(batch, pools.cannot as string);
    expect(cannot.outcome).toBe("blocked");
    expect(cannot.reason).toMatch(/Cannot comply with the standard/);
    expect(cannot.reason).toMatch(/Plus plan/);
    expect(cannot.state).toBe("skipped");
    expect(cannot.poolName).toBe("sb-activity-essentials");
  });

  it("lists the log group to create, and blocks a pool whose name is taken by a log group it did not create", () => {
    const create = byPool(batch, pools.create as string);
    const name = "/aws/vendedlogs/cognito/sb-new-one/notifications";
    expect(create.outcome, JSON.stringify(create.findings)).toBe("ready");
    expect(create.creates).toEqual([
      { eventSource: "userNotification", kind: "logGroup", name, arn: groupArn(name) },
    ]);
    expect(create.desired?.userNotification?.arn).toBe(groupArn(name));
    const taken = byPool(batch, pools.taken as string);
    expect(taken.outcome).toBe("blocked");
    expect(taken.reason).toMatch(/already exists and was not created by this console/);
  });

  it("runs: creates the log group before the write, and reports a pool changed since planning without overwriting it", async () => {
    // Someone changes a planned pool before the batch runs.
    await setLogDelivery(sandbox, REGION, pools.changed as string, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: other },
      },
    ]);
    const started = await admin.request("POST", `/api/batches/${batch.id}/start`, { body: {} });
    expect(started.status, started.text).toBe(200);
    const done = await finished(batch.id);

    const name = "/aws/vendedlogs/cognito/sb-new-one/notifications";
    expect(byPool(done, pools.create as string).state).toBe("done");
    const logs = logsClient();
    const tags = await logs.send(new ListTagsForResourceCommand({ resourceArn: groupArn(name) }));
    logs.destroy();
    expect(tags.tags).toMatchObject({
      "managed-by": "cognito-log-console",
      "cognito-user-pool": pools.create,
    });
    expect((await configurationOf(pools.create as string))[0]?.CloudWatchLogsConfiguration?.LogGroupArn).toBe(
      groupArn(name),
    );

    expect(byPool(done, pools.keep as string).state).toBe("done");
    const kept = await configurationOf(pools.keep as string);
    expect(
      kept.find((c) => c.EventSource === "userAuthEvents")?.CloudWatchLogsConfiguration?.LogGroupArn,
    ).toBe(other);

    const changed = byPool(done, pools.changed as string);
    expect(changed.state).toBe("changed");
    expect(
      (await configurationOf(pools.changed as string))[0]?.CloudWatchLogsConfiguration?.LogGroupArn,
    ).toBe(other);
    expect(byPool(done, pools.taken as string).state).toBe("skipped");
  });

  it("answers 422 when no pool of the filter drifts", async () => {
    const answer = await admin.request("POST", "/api/batches", {
      body: { standard: true, filter: { q: "sb-compliant" } },
    });
    expect(answer.status, answer.text).toBe(422);
    expect(answer.text).toMatch(/standard-nothing-to-apply/);
  });
});
