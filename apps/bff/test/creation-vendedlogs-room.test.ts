import { DeleteResourcePolicyCommand, PutResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CreationStack, startCreationStack, stepStatuses } from "./creation-support.ts";

/**
 * Issue 12 §2: a log group under /aws/vendedlogs/ is no grant by itself. With every account-level
 * slot taken, the run writes the grant on the log group's own policy (AWS's default, rules doc §3);
 * asked for an account-level slot, it fails the step instead of reporting a log group that gets no logs.
 */
describe("guided creation when every resource policy slot is full", () => {
  let stack: CreationStack;
  let poolId: string;
  const names = Array.from({ length: 10 }, (_, i) => `Unrelated${i}`);

  beforeAll(async () => {
    stack = await startCreationStack();
    poolId = await stack.createPool("full-policies");
    for (const [i, policyName] of names.entries()) {
      await stack.aws.logs.send(
        new PutResourcePolicyCommand({
          policyName,
          policyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "es.amazonaws.com" },
                Action: "logs:PutLogEvents",
                Resource: `arn:aws:logs:us-east-1:${stack.sandbox.accountId}:log-group:/es/${i}:*`,
              },
            ],
          }),
        }),
      );
    }
  });
  afterAll(async () => {
    for (const policyName of names)
      await stack.aws.logs.send(new DeleteResourcePolicyCommand({ policyName })).catch(() => undefined);
    await stack?.close();
  });

  it("writes the grant on the /aws/vendedlogs/ log group's own policy, spending no account slot", async () => {
    const run = await stack.run({
      kind: "logGroup",
      poolId,
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/full-policies/userNotification",
      retentionInDays: 14,
    });
    expect(stepStatuses(run)["log-group-policy"]).toBe("done");
    expect(run.status).toBe("succeeded");
  });

  it("fails the policy step when an account-level slot is asked for and none is left, saying what to do", async () => {
    const run = await stack.run({
      kind: "logGroup",
      poolId,
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/full-policies/account-scope",
      retentionInDays: 14,
      resourcePolicyScope: "account",
    });
    expect(stepStatuses(run)["log-group-policy"]).toBe("failed");
    expect(run.status).not.toBe("succeeded");
    const step = run.steps.find((s) => s.id === "log-group-policy");
    expect(JSON.stringify(step)).toMatch(/resource polic/i);
  });
});
