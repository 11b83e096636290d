/**
 * An account's enabled regions when its role may not call account:ListRegions (issue 14): the BFF
 * falls back to EC2 DescribeRegions (AllRegions=true), over HTTP against the sandbox's demo
 * organization. acme-playground (333333333333) has not enabled eu-south-1; its role gets an explicit
 * Deny on account:ListRegions (and, in the second case, on ec2:DescribeRegions too) through IAM,
 * signed as that role, as an operator editing the member role would.
 */
import { IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import { callsOf, type Stack, startStack, waitForFleet } from "./helpers.ts";

const ORG = {
  CLC_ACCOUNTS: "organization",
  CLC_ORGANIZATION_ROLE_NAME: "CognitoLogConsoleRole",
  CLC_REGIONS: "us-east-1,eu-west-1,eu-south-1",
};
const PLAYGROUND = "333333333333";
const ROLE = "CognitoLogConsoleRole";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Adds an inline policy denying `actions` to the playground's console role. */
async function deny(s: Stack, actions: string[]): Promise<void> {
  const setup = { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" };
  const sts = new STSClient({ region: "us-east-1", endpoint: s.sandbox.endpoint, credentials: setup });
  const assumed = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${PLAYGROUND}:role/${ROLE}`,
      RoleSessionName: "test-setup",
    }),
  );
  const c = assumed.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole gave no credentials");
  const iam = new IAMClient({
    region: "us-east-1",
    endpoint: s.sandbox.endpoint,
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  });
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: ROLE,
      PolicyName: "test-deny",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: actions, Resource: "*" }],
      }),
    }),
  );
  sts.destroy();
  iam.destroy();
}

async function playgroundRow(s: Stack) {
  await s.call("POST", "/api/fleet/refresh");
  await waitForFleet(s);
  const list = await s.call("GET", "/api/pools?limit=500");
  expect(list.status).toBe(200);
  const accounts = list.json.fleet.accounts as Array<{
    accountId: string;
    status: string;
    regions: Array<{ region: string; status: string }>;
  }>;
  return { row: accounts.find((a) => a.accountId === PLAYGROUND), fleet: list.json.fleet };
}

describe("enabled regions without account:ListRegions", { timeout: 60_000 }, () => {
  it("reads them from ec2:DescribeRegions: the region not enabled is skipped, not an error", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    await deny(stack, ["account:ListRegions"]);
    stack.sandbox.resetCalls();

    const { row, fleet } = await playgroundRow(stack);
    expect(row?.status).toBe("ok");
    expect(row?.regions).toEqual([
      { region: "us-east-1", status: "ok" },
      { region: "eu-west-1", status: "ok" },
      { region: "eu-south-1", status: "not-enabled" },
    ]);
    expect(fleet.regionErrors ?? []).toEqual([]);
    // Only the account whose ListRegions was refused asks EC2; the others never do.
    expect(callsOf(stack.sandbox, "ec2:DescribeRegions")).toBe(1);
  });

  it("reads every configured region when both are refused; the disabled one still is no error", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    await deny(stack, ["account:ListRegions", "ec2:DescribeRegions"]);
    stack.sandbox.resetCalls();

    const { row, fleet } = await playgroundRow(stack);
    expect(row?.status).toBe("ok");
    expect(row?.regions).toContainEqual({ region: "eu-south-1", status: "not-enabled" });
    expect(fleet.regionErrors ?? []).toEqual([]);
    expect(callsOf(stack.sandbox, "ec2:DescribeRegions")).toBe(1);
  });
});
