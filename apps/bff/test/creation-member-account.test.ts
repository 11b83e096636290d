/**
 * Guided creation in a member account (issue 14), over HTTP against the sandbox's demo organization:
 * the destination is created in the pool's account through that account's role (not with the
 * console's own credentials), and the audit records the account and the role.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AuditRecord } from "@clc/domain";
import { type RunningSandbox, startSandbox } from "@clc/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreationStack, startCreationStack } from "./creation-support.ts";

const PAYMENTS = "111111111111";
const ROLE_ARN = `arn:aws:iam::${PAYMENTS}:role/CognitoLogConsoleRole`;
const REGION = "eu-west-1";
const ORG = {
  CLC_ACCOUNTS: "organization",
  CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
  CLC_REGIONS: "us-east-1,eu-west-1",
};

let sandbox: RunningSandbox;
let stack: CreationStack;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "demo" });
  stack = await startCreationStack({ sandbox, env: ORG });
});
afterAll(async () => {
  await stack?.close();
  await sandbox?.close();
});

/** The log groups named `name` in `account` (a member's read through its role), in REGION. */
async function logGroupsIn(account: "own" | typeof PAYMENTS, name: string): Promise<string[]> {
  const setup = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };
  let credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = setup;
  if (account !== "own") {
    const sts = new STSClient({ region: REGION, endpoint: sandbox.endpoint, credentials: setup });
    const c = (await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "test-setup" })))
      .Credentials;
    sts.destroy();
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole gave no credentials");
    credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken ?? "",
    };
  }
  const logs = new CloudWatchLogsClient({ region: REGION, endpoint: sandbox.endpoint, credentials });
  const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
  logs.destroy();
  return (found.logGroups ?? []).map((g) => g.logGroupName ?? "");
}

describe("destination creation in a member account", { timeout: 120_000 }, () => {
  it("creates the destination in the pool's account through its role, and the audit names both", async () => {
    // The payments account's pools, as the fleet lists them.
    await stack.admin.request("POST", "/api/fleet/refresh");
    let pools: Array<{ id: string; accountId: string }> = [];
    for (let i = 0; i < 500; i++) {
      const status = await stack.admin.request("GET", "/api/fleet/status");
      if ((status.body as { state: string }).state === "ready") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const listed = await stack.admin.request("GET", `/api/pools?limit=100&account=${PAYMENTS}`);
    expect(listed.status, listed.text).toBe(200);
    pools = (listed.body as { items: Array<{ id: string; accountId: string }> }).items;
    const pool = pools.find((p) => p.id.startsWith(`${REGION}_`));
    if (!pool) throw new Error(`no pool of ${PAYMENTS} in ${REGION}: ${JSON.stringify(pools)}`);

    const name = "/aws/vendedlogs/cognito/payments-member/userNotification";
    const input = {
      kind: "logGroup",
      poolId: pool.id,
      accountId: PAYMENTS,
      eventSource: "userNotification",
      logGroupName: name,
      retentionInDays: 14,
    };
    const plan = await stack.plan(input);
    expect(plan.destination.arn).toBe(`arn:aws:logs:${REGION}:${PAYMENTS}:log-group:${name}`);
    const run = await stack.run(input);
    expect(run.status, JSON.stringify(run.steps)).toBe("succeeded");

    // Created in the member account, not in the console's own.
    expect(await logGroupsIn(PAYMENTS, name)).toEqual([name]);
    expect(await logGroupsIn("own", name)).toEqual([]);

    const records = (await stack.testApp.stores.audit.list({}, { limit: 200 })).items as AuditRecord[];
    const attempt = records.find((r) => r.action === "destination.create" && r.outcome === "attempt");
    expect(attempt).toMatchObject({ accountId: PAYMENTS, roleArn: ROLE_ARN, resource: run.destination.arn });

    // Cleanup acts in the same account, through the same role.
    const cleaned = await stack.admin.request("POST", `/api/destinations/runs/${run.id}/cleanup`);
    expect(cleaned.status, cleaned.text).toBe(200);
    expect(await logGroupsIn(PAYMENTS, name)).toEqual([]);
    const after = (await stack.testApp.stores.audit.list({}, { limit: 200 })).items as AuditRecord[];
    expect(after.find((r) => r.action === "destination.cleanup" && r.outcome === "attempt")).toMatchObject({
      accountId: PAYMENTS,
      roleArn: ROLE_ARN,
    });
  });

  it("refuses an account the console does not read, even for a pool of its own account", async () => {
    const listed = await stack.admin.request("GET", `/api/pools?limit=100&account=${sandbox.accountId}`);
    const own = (listed.body as { items: Array<{ id: string }> }).items.find((p) =>
      p.id.startsWith(`${REGION}_`),
    );
    if (!own) throw new Error("the demo's own account has no pool in eu-west-1");
    const answer = await stack.admin.request("POST", "/api/destinations/plan", {
      body: {
        kind: "logGroup",
        poolId: own.id,
        accountId: "999999999999",
        eventSource: "userNotification",
        logGroupName: "/aws/vendedlogs/cognito/nobody/userNotification",
      },
    });
    expect(answer.status, answer.text).toBe(404);
    expect(answer.text).toContain("999999999999");
  });
});
