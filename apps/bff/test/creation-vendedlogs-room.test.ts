import { DeleteResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepStatuses, useCreationStack } from "./creation-support.ts";
import { putUnrelatedAccountPolicies } from "./fixtures/resource-policies.ts";

/**
 * Issue 12 §2: a log group under /aws/vendedlogs/ is no grant by itself. With every account-level
 * slot taken, the run writes the grant on the log group's own policy (AWS's default, rules doc §3);
 * asked for an account-level slot, it fails the step instead of reporting a log group that gets no logs.
 */
describe("guided creation when every resource policy slot is full", () => {
  const env = useCreationStack("full-policies");
  const names = Array.from({ length: 10 }, (_, i) => `Unrelated${i}`);

  beforeAll(async () => {
    await putUnrelatedAccountPolicies(
      env.stack.aws.logs,
      names,
      (i) => `arn:aws:logs:us-east-1:${env.stack.sandbox.accountId}:log-group:/es/${i}:*`,
    );
  });
  afterAll(async () => {
    for (const policyName of names)
      await env.stack.aws.logs.send(new DeleteResourcePolicyCommand({ policyName })).catch(() => undefined);
  });

  /** Runs the creation of a log group for the pool's message-delivery errors. */
  const createLogGroup = (logGroupName: string, extra: Record<string, unknown> = {}) =>
    env.stack.run({
      kind: "logGroup",
      poolId: env.poolId,
      eventSource: "userNotification",
      logGroupName,
      retentionInDays: 14,
      ...extra,
    });

  it("writes the grant on the /aws/vendedlogs/ log group's own policy, spending no account slot", async () => {
    const run = await createLogGroup("/aws/vendedlogs/cognito/full-policies/userNotification");
    expect(stepStatuses(run)["log-group-policy"]).toBe("done");
    expect(run.status).toBe("succeeded");
  });

  it("fails the policy step when an account-level slot is asked for and none is left, saying what to do", async () => {
    const run = await createLogGroup("/aws/vendedlogs/cognito/full-policies/account-scope", {
      resourcePolicyScope: "account",
    });
    expect(stepStatuses(run)["log-group-policy"]).toBe("failed");
    expect(run.status).not.toBe("succeeded");
    const step = run.steps.find((s) => s.id === "log-group-policy");
    expect(JSON.stringify(step)).toMatch(/resource polic/i);
  });
});
