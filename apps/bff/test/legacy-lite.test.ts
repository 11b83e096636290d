import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callsOf, createPool, createStream, type Stack, startStack } from "./helpers.ts";

/**
 * Issue 12 §4: user activity on a LITE pool that still runs threat protection (pools from before
 * feature plans). What AWS does is unmeasured (rules doc §1): the console warns with what it knows
 * and lets AWS decide, instead of refusing the change itself.
 */
describe("user-activity export on a legacy LITE pool with threat protection", () => {
  let stack: Stack;
  let poolId: string;
  let streamArn: string;
  const region = "us-east-1";

  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
    poolId = await createPool(stack.sandbox, region, "legacy-lite", "LITE");
    stack.sandbox.holdLegacyThreatProtection(poolId, "AUDIT");
    streamArn = await createStream(stack.sandbox, region, "legacy-lite-stream", true);
  });
  afterAll(async () => {
    await stack.close();
  });

  it("shows the pool as LITE with threat protection on", async () => {
    const detail = await stack.call("GET", `/api/pools/${poolId}`);
    expect(detail.status, detail.text).toBe(200);
    expect(detail.json.pool).toMatchObject({ tier: "LITE", threatProtection: "AUDIT" });
  });

  it("previews with a warning that says what is known, and allows the apply", async () => {
    const preview = await stack.call("POST", `/api/pools/${poolId}/log-delivery/userAuthEvents/preview`, {
      body: { destination: { kind: "firehose", arn: streamArn } },
    });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.errors).toEqual([]);
    expect(preview.json.canApply).toBe(true);
    expect(preview.json.findings).toEqual([
      expect.objectContaining({ id: "tier-lite-legacy-threat-protection", severity: "warn" }),
    ]);
  });

  it("sends the change to AWS and reports AWS's answer", async () => {
    const detail = await stack.call("GET", `/api/pools/${poolId}`);
    const before = callsOf(stack.sandbox, "cognito-idp:SetLogDeliveryConfiguration");
    const answer = await stack.call("PUT", `/api/pools/${poolId}/log-delivery/userAuthEvents`, {
      body: { destination: { kind: "firehose", arn: streamArn } },
      headers: { "if-match": detail.json.version },
    });
    // AWS (here the sandbox, which assumes LITE is gated like ESSENTIALS) decided, not the console.
    expect(callsOf(stack.sandbox, "cognito-idp:SetLogDeliveryConfiguration")).toBe(before + 1);
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.json.detail).toMatch(/Log Streaming|Plus/);
  });
});
