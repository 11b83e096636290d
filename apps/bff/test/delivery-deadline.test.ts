import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { PoolDeliveryResponse } from "@clc/domain";
import { sdkClients } from "@clc/sandbox/test-support/clients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogGroup, type Stack, setLogDelivery, startStack } from "./helpers.ts";

/**
 * Every AWS call of a delivery check runs under the request's deadline: when AWS stops answering,
 * the check answers within it, saying what could not be read, and never calls the pool silent.
 */
describe("a delivery check when AWS hangs", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: "none", env: { AWS_REQUEST_DEADLINE_MS: "1500" } });
  });
  afterAll(async () => {
    await stack.close();
  });

  it("answers with the sources unknown and the traffic unread, within the request's deadline", async () => {
    const aws = sdkClients(stack.sandbox.endpoint, "us-east-1");
    const pool =
      (
        await aws.cognito.send(
          new CreateUserPoolCommand({
            PoolName: "hang",
            UserPoolTier: "PLUS",
            UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
          }),
        )
      ).UserPool?.Id ?? "";
    for (const client of Object.values(aws)) client.destroy();
    const group = await createLogGroup(stack.sandbox, "us-east-1", "/aws/vendedlogs/cognito/hang");
    await setLogDelivery(stack.sandbox, "us-east-1", pool, [
      {
        EventSource: "userAuthEvents",
        LogLevel: "INFO",
        CloudWatchLogsConfiguration: { LogGroupArn: group },
      },
    ]);
    // The pool itself is read (and kept by the fleet cache) before AWS stops answering.
    expect((await stack.call("GET", `/api/pools/${pool}/delivery`)).status).toBe(200);
    stack.sandbox.setRealism({ faults: { hangRate: 1 } });
    const answer = await stack.call("GET", `/api/pools/${pool}/delivery?window=1h`);
    stack.sandbox.setRealism({ faults: { hangRate: 0 } });
    expect(answer.status, answer.text).toBe(200);
    const body = answer.json as PoolDeliveryResponse;
    expect(body.traffic).toBeNull();
    expect(body.trafficError).toMatch(/\w/);
    expect(body.sources.userAuthEvents).toMatchObject({ state: "unknown", eventsInWindow: null });
    expect(body.sources.userAuthEvents.readError).toMatch(/\w/);
  });
});
