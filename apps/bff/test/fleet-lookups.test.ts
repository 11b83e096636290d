/**
 * Issue 14: a fleet read looks up the destinations of the pools it has read while its other
 * Cognito reads go on, not once all of an account's pools are read (which held the organization
 * read after its last Cognito answer). Against the sandbox over HTTP, with the Cognito reads slowed
 * by the pacer (5/s) so that the read is still going when the first pools are in.
 */
import { afterEach, expect, it } from "vitest";
import { createLogGroup, createPool, type Stack, setLogDelivery, startStack } from "./helpers.ts";

let stack: Stack | null = null;
afterEach(async () => {
  await stack?.close();
  stack = null;
});

it("looks up the destinations of the pools read while the rest are still being read", {
  timeout: 60_000,
}, async () => {
  stack = await startStack({ seed: "none", env: { COGNITO_READ_RPS: "5", COGNITO_MAX_CONCURRENCY: "2" } });
  const pools = 12;
  for (let i = 0; i < pools; i++) {
    const poolId = await createPool(stack.sandbox, "us-east-1", `looked-up-${i}`);
    const arn = await createLogGroup(stack.sandbox, "us-east-1", `/aws/cognito/looked-up-${i}`);
    await setLogDelivery(stack.sandbox, "us-east-1", poolId, [
      {
        EventSource: "userNotification",
        LogLevel: "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: arn },
      },
    ]);
  }
  stack.sandbox.resetCalls();
  await stack.call("POST", "/api/fleet/refresh");
  const lookupsWhileReading: number[] = [];
  for (;;) {
    const status = (await stack.call("GET", "/api/fleet/status")).json;
    if (status.state === "ready") break;
    // Some pools read, not all: what the read has asked of CloudWatch Logs so far.
    if (status.loaded >= 3 && status.loaded < pools) {
      const logs = stack.sandbox.calls().byOperation;
      lookupsWhileReading.push(
        (logs["logs:DescribeLogGroups"] ?? 0) + (logs["logs:DescribeResourcePolicies"] ?? 0),
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(lookupsWhileReading.length).toBeGreaterThan(0);
  expect(Math.max(...lookupsWhileReading)).toBeGreaterThan(0);
  // Each log group looked up once in the whole read, as when they were looked up at the end.
  expect(stack.sandbox.calls().byOperation["logs:DescribeLogGroups"]).toBe(pools);
  const list = await stack.call("GET", "/api/pools?limit=500");
  expect(list.json.items).toHaveLength(pools);
});
