/**
 * A member account's connection test over HTTP against the sandbox (issue 14): the probes go
 * through the account's assumed role, and each permission the role lacks is named with the
 * member-role template's policy and statement to restore.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./helpers.ts";
import { denyToMemberRole, orgEnv, PLAYGROUND } from "./member-role-support.ts";

const ORG = orgEnv("us-east-1,eu-west-1");

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

interface Check {
  action: string;
  outcome: string;
  message: string;
}

describe("a member account's connection test", { timeout: 60_000 }, () => {
  it("names each permission the role lacks, with the template statement that grants it", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    const denied = [
      "account:ListRegions",
      "ec2:DescribeRegions",
      "cloudwatch:GetMetricData",
      "logs:DescribeResourcePolicies",
      "firehose:ListDeliveryStreams",
    ];
    await denyToMemberRole(stack, denied);

    const answer = await stack.call("POST", `/api/accounts/${PLAYGROUND}/connection-test`);
    expect(answer.status).toBe(200);
    expect(answer.json.identity.account).toBe(PLAYGROUND);
    expect(answer.json.identity.arn).toContain(
      `arn:aws:sts::${PLAYGROUND}:assumed-role/CognitoLogConsoleRole/`,
    );
    const checks = answer.json.checks as Check[];
    const missing = checks.filter((c) => c.outcome === "missing");
    expect(missing.map((c) => c.action).sort()).toEqual([...denied].sort());
    const message = (action: string) => missing.find((c) => c.action === action)?.message ?? "";
    expect(message("account:ListRegions")).toContain("statement ReadAccount of ReadPolicy");
    expect(message("ec2:DescribeRegions")).toMatch(
      /UnauthorizedOperation.*lacks ec2:DescribeRegions.*ReadAny/,
    );
    expect(message("firehose:ListDeliveryStreams")).toMatch(/lacks firehose:ListDeliveryStreams/);
    // Everything else the role may still do answers as allowed, not as an error.
    expect(checks.filter((c) => c.outcome === "error")).toEqual([]);
    expect(answer.json.ok).toBe(false);
  });

  it("passes for a member role that has every read permission", async () => {
    stack = await startStack({ seed: "demo", env: ORG });
    const answer = await stack.call("POST", `/api/accounts/${PLAYGROUND}/connection-test`);
    expect(answer.status).toBe(200);
    expect((answer.json.checks as Check[]).filter((c) => c.outcome !== "allowed")).toEqual([]);
    expect(answer.json.ok).toBe(true);
  });
});
