/**
 * Shared delivery-policy documents never lose an entry (issue 11 §3, issue 12 §1): concurrent guided
 * creations and concurrent fixes, with the sandbox answering slowly enough for their read-merge-write
 * cycles to overlap, each end with every log group able to receive Cognito's logs, as the sandbox's
 * own delivery diagnostics judge it. Log group names are outside /aws/vendedlogs/ on purpose: there,
 * one wildcard statement serves every group, which would hide a lost entry.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeResourcePoliciesCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import type { AuditListResponse, CreationRun } from "@clc/domain";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CreationStack, REGION, startCreationStack } from "./creation-support.ts";
import { putUnrelatedAccountPolicies } from "./fixtures/resource-policies.ts";

let stack: CreationStack;
const account = "123456789012";
/** "~300 ms" per AWS call: long enough for four writers' read→write windows to overlap. */
const SLOW_AWS_MS = 300;

beforeAll(async () => {
  stack = await startCreationStack();
});
afterAll(async () => {
  await stack?.close();
});
afterEach(() => {
  stack.sandbox.setRealism({ latencyMs: 0 });
});

const arnOf = (name: string) => `arn:aws:logs:${REGION}:${account}:log-group:${name}`;

/** Starts a creation run and waits until it is no longer running (no timing assertion, just a bound). */
async function create(input: Record<string, unknown>): Promise<CreationRun> {
  const started = await stack.admin.request("POST", "/api/destinations/runs", { body: { input } });
  expect(started.status, started.text).toBe(202);
  let run = (started.body as { run: CreationRun }).run;
  for (let i = 0; i < 6000 && run.status === "running"; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    run = (
      (await stack.admin.request("GET", `/api/destinations/runs/${run.id}`)).body as { run: CreationRun }
    ).run;
  }
  return run;
}

/** A new ESSENTIALS pool whose message-delivery errors go to the log group named. */
async function poolNotifying(poolName: string, logGroupName: string): Promise<string> {
  const pool = await stack.createPool(poolName, "ESSENTIALS");
  await stack.aws.cognito.send(
    new SetLogDeliveryConfigurationCommand({
      UserPoolId: pool,
      LogConfigurations: [
        {
          EventSource: "userNotification",
          LogLevel: "ERROR",
          CloudWatchLogsConfiguration: { LogGroupArn: arnOf(logGroupName) },
        },
      ],
    }),
  );
  return pool;
}

/** Points a fresh pool's message-delivery errors at the log group and asks the sandbox if they arrive. */
async function deliveredTo(logGroupName: string): Promise<{ delivered: boolean; reasons: string[] }> {
  return diagnose(await poolNotifying(`p-${logGroupName.replaceAll("/", "-")}`, logGroupName));
}

async function diagnose(pool: string): Promise<{ delivered: boolean; reasons: string[] }> {
  const response = await fetch(`${stack.sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${pool}`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    eventSources: Array<{ eventSource: string; delivered: boolean; reasons: Array<{ id: string }> }>;
  };
  const source = body.eventSources.find((s) => s.eventSource === "userNotification");
  return { delivered: source?.delivered ?? false, reasons: source?.reasons.map((r) => r.id) ?? [] };
}

const everyDelivered = (names: string[]) =>
  Promise.all(names.map(async (name) => ({ name, ...(await deliveredTo(name)) })));

const logGroupInput = (poolId: string, name: string, extra: Record<string, unknown> = {}) => ({
  kind: "logGroup",
  poolId,
  eventSource: "userNotification",
  logGroupName: name,
  retentionInDays: 14,
  ...extra,
});

// Each write waits its turn behind the others of its document at ~300 ms per AWS call: a generous bound.
describe("concurrent guided creations keep every policy entry", { timeout: 60_000 }, () => {
  it("four log groups created at once in one region can all receive Cognito's logs", async () => {
    const pool = await stack.createPool("concurrent-create");
    const names = [1, 2, 3, 4].map((i) => `/app/concurrent-create/${i}`);
    stack.sandbox.setRealism({ latencyMs: SLOW_AWS_MS });
    const runs = await Promise.all(names.map((name) => create(logGroupInput(pool, name))));
    stack.sandbox.setRealism({ latencyMs: 0 });
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect(await everyDelivered(names)).toEqual(
      names.map((name) => ({ name, delivered: true, reasons: [] })),
    );
  });

  it("asked for account-level slots, four at once still keep every entry (serialized per account and region)", async () => {
    const pool = await stack.createPool("concurrent-account");
    const names = [1, 2, 3, 4].map((i) => `/app/concurrent-account/${i}`);
    stack.sandbox.setRealism({ latencyMs: SLOW_AWS_MS });
    const runs = await Promise.all(
      names.map((name) => create(logGroupInput(pool, name, { resourcePolicyScope: "account" }))),
    );
    stack.sandbox.setRealism({ latencyMs: 0 });
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    expect(await everyDelivered(names)).toEqual(
      names.map((name) => ({ name, delivered: true, reasons: [] })),
    );
    // They went to account-level policies, as asked, and the log groups carry none of their own.
    const own = await stack.aws.logs.send(
      new DescribeResourcePoliciesCommand({ resourceArn: arnOf(names[0] ?? ""), policyScope: "RESOURCE" }),
    );
    expect(own.resourcePolicies).toEqual([]);
  });
});

describe("concurrent fixes keep every policy entry", { timeout: 60_000 }, () => {
  /** Pools whose notifications go to log groups no policy covers yet. */
  async function brokenPools(prefix: string): Promise<Array<{ pool: string; name: string }>> {
    const out: Array<{ pool: string; name: string }> = [];
    for (const i of [1, 2, 3, 4]) {
      const name = `/app/${prefix}/${i}`;
      await stack.aws.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      const pool = await poolNotifying(`${prefix}-${i}`, name);
      expect((await diagnose(pool)).delivered).toBe(false);
      out.push({ pool, name });
    }
    return out;
  }

  for (const scope of [undefined, "account"] as const) {
    it(`four add-log-group-policy fixes at once (${scope ?? "default scope"}) all end delivered`, async () => {
      const pools = await brokenPools(`concurrent-fix-${scope ?? "default"}`);
      stack.sandbox.setRealism({ latencyMs: SLOW_AWS_MS });
      const answers = await Promise.all(
        pools.map(({ pool, name }) =>
          stack.admin.request("POST", `/api/pools/${pool}/fixes`, {
            body: {
              action: "add-log-group-policy",
              target: arnOf(name),
              ...(scope ? { policyScope: scope } : {}),
            },
          }),
        ),
      );
      stack.sandbox.setRealism({ latencyMs: 0 });
      expect(answers.map((a) => [a.status, (a.body as { changed?: boolean }).changed])).toEqual(
        pools.map(() => [200, true]),
      );
      const verdicts = await Promise.all(pools.map(({ pool }) => diagnose(pool)));
      expect(verdicts).toEqual(pools.map(() => ({ delivered: true, reasons: [] })));
    });
  }
});

describe("concurrent fixes are audited truthfully", { timeout: 60_000 }, () => {
  it("each success row's before is the document its write replaced, not the one its first look saw", async () => {
    // Account scope: all four merge into one account-level policy, one after another under its key.
    const pools: Array<{ pool: string; name: string }> = [];
    for (const i of [1, 2, 3, 4]) {
      const name = `/app/audit-race/${i}`;
      await stack.aws.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
      pools.push({ pool: await stack.createPool(`audit-race-${i}`, "ESSENTIALS"), name });
    }
    stack.sandbox.setRealism({ latencyMs: SLOW_AWS_MS });
    const answers = await Promise.all(
      pools.map(({ pool, name }) =>
        stack.admin.request("POST", `/api/pools/${pool}/fixes`, {
          body: { action: "add-log-group-policy", target: arnOf(name), policyScope: "account" },
        }),
      ),
    );
    stack.sandbox.setRealism({ latencyMs: 0 });
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    const rows = (
      await Promise.all(
        pools.map(async ({ pool }) => {
          const answer = await stack.admin.request("GET", `/api/audit?pool=${pool}`);
          return (answer.body as AuditListResponse).items.find((r) => r.outcome === "success");
        }),
      )
    ).map((row) => ({ before: row?.before ?? null, after: row?.after ?? null }));
    // The writes form one chain: the first replaced what was there, each other one replaced
    // another's after. A before taken from a first look made at the same time would miss the
    // statements the writes ahead of it added.
    const afters = rows.map((r) => JSON.stringify(r.after));
    const replacedAnother = rows.filter((r) => afters.includes(JSON.stringify(r.before)));
    expect(replacedAnother).toHaveLength(3);
  });
});

describe("ten account-level policies", () => {
  it("do not stop a log group from being served by its own policy, and raise no 'no room' warning", async () => {
    // A region of its own whose 10 account-level slots are all taken by policies unrelated to delivery.
    const region = "us-east-1";
    const config = {
      region,
      endpoint: stack.sandbox.endpoint,
      credentials: { accessKeyId: "t", secretAccessKey: "t" },
    };
    const logs = new CloudWatchLogsClient(config);
    const cognito = new CognitoIdentityProviderClient(config);
    await putUnrelatedAccountPolicies(
      logs,
      Array.from({ length: 10 }, (_, i) => `unrelated-${i}`),
      () => `arn:aws:logs:${region}:${account}:log-group:/es/${"x".repeat(4000)}`,
    );
    const name = "/app/ten-policies";
    const arn = `arn:aws:logs:${region}:${account}:log-group:${name}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const pool =
      (
        await cognito.send(
          new CreateUserPoolCommand({ PoolName: "ten-policies", UserPoolTier: "ESSENTIALS" }),
        )
      ).UserPool?.Id ?? "";
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userNotification",
            LogLevel: "ERROR",
            CloudWatchLogsConfiguration: { LogGroupArn: arn },
          },
        ],
      }),
    );

    const detail = await stack.admin.request("GET", `/api/pools/${pool}`);
    expect(detail.status, detail.text).toBe(200);
    const findings = (
      detail.body as { findings: Array<{ id: string; message: string; fix?: { action: string } }> }
    ).findings;
    expect(findings.map((f) => f.id)).toEqual(["log-group-policy-missing"]);
    expect(findings[0]?.fix?.action).toBe("add-log-group-policy");
    expect(findings[0]?.message).not.toMatch(/no room|at most 10/);

    // Asked for an account-level slot, the fix says why it cannot, and what works instead.
    const asked = await stack.admin.request("POST", `/api/pools/${pool}/fixes`, {
      body: { action: "add-log-group-policy", target: arn, policyScope: "account" },
    });
    expect(asked.status, asked.text).toBe(422);
    expect(asked.text).toContain("limit is 10");
    const missingGroup = await stack.admin.request("POST", `/api/pools/${pool}/fixes`, {
      body: { action: "add-log-group-policy", target: `${arn}-does-not-exist` },
    });
    expect(missingGroup.status, missingGroup.text).toBe(404);

    const fixed = await stack.admin.request("POST", `/api/pools/${pool}/fixes`, {
      body: { action: "add-log-group-policy", target: arn },
    });
    expect(fixed.status, fixed.text).toBe(200);
    const after = fixed.body as {
      pool: {
        findings: unknown[];
        destinations: { userNotification: { deliveryPolicy: string; deliveryPolicyScope: string } };
      };
    };
    expect(after.pool.findings).toEqual([]);
    expect(after.pool.destinations.userNotification).toMatchObject({
      deliveryPolicy: "present",
      deliveryPolicyScope: "log-group",
    });
    expect(await diagnose(pool)).toEqual({ delivered: true, reasons: [] });
    // No account-level slot was spent (there was none to spend).
    expect((await logs.send(new DescribeResourcePoliciesCommand({}))).resourcePolicies).toHaveLength(10);

    // The destination list says which scope grants delivery.
    const list = await stack.admin.request(
      "GET",
      `/api/destinations?region=${region}&kind=logGroup&q=/app/ten`,
    );
    expect(list.status, list.text).toBe(200);
    expect((list.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({ name, deliveryPolicy: "present", deliveryPolicyScope: "log-group" }),
    ]);
    logs.destroy();
    cognito.destroy();
  });
});
