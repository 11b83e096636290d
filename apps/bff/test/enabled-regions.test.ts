/**
 * An account's enabled regions when its role may not call account:ListRegions (issue 14): the BFF
 * falls back to EC2 DescribeRegions (AllRegions=true), over HTTP against the sandbox's demo
 * organization. acme-playground (333333333333) has not enabled eu-south-1; its role gets an explicit
 * Deny on account:ListRegions (and, in the second case, on ec2:DescribeRegions too) through IAM,
 * signed as that role, as an operator editing the member role would.
 */
import { afterEach, describe, expect, it } from "vitest";
import { callsOf, type Stack, startStack, waitForFleet } from "./helpers.ts";
import { denyToMemberRole, orgEnv, PLAYGROUND } from "./member-role-support.ts";

const ORG = orgEnv("us-east-1,eu-west-1,eu-south-1");

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

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
    await denyToMemberRole(stack, ["account:ListRegions"]);
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
    await denyToMemberRole(stack, ["account:ListRegions", "ec2:DescribeRegions"]);
    stack.sandbox.resetCalls();

    const { row, fleet } = await playgroundRow(stack);
    expect(row?.status).toBe("ok");
    expect(row?.regions).toContainEqual({ region: "eu-south-1", status: "not-enabled" });
    expect(fleet.regionErrors ?? []).toEqual([]);
    expect(callsOf(stack.sandbox, "ec2:DescribeRegions")).toBe(1);
  });
});
