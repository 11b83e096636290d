import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import {
  FirehoseClient,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createStream,
  type Stack,
  sandboxCognito,
  setLogDelivery,
  startStack,
  waitForFleet,
} from "./helpers.ts";

/**
 * Issue 12 §3: destination facts are re-read by the views that show them (the pool page, Refresh),
 * each says when it was checked, and the fleet row follows what the pool page or a fix found.
 * Each test changes a stream "elsewhere" (straight in the sandbox), within the BFF's 300 s cache.
 */
describe("destination facts kept fresh", () => {
  let stack: Stack;
  const region = "us-east-1";

  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
  });
  afterAll(async () => {
    await stack.close();
  });

  function firehose(): FirehoseClient {
    return new FirehoseClient({
      region,
      endpoint: stack.sandbox.endpoint,
      credentials: { accessKeyId: "test-setup-access-key", secretAccessKey: "test-setup" },
    });
  }

  async function untag(stream: string): Promise<void> {
    const client = firehose();
    await client.send(
      new UntagDeliveryStreamCommand({ DeliveryStreamName: stream, TagKeys: ["LogDeliveryEnabled"] }),
    );
    client.destroy();
  }

  async function tag(stream: string, value: string): Promise<void> {
    const client = firehose();
    await client.send(
      new TagDeliveryStreamCommand({
        DeliveryStreamName: stream,
        Tags: [{ Key: "LogDeliveryEnabled", Value: value }],
      }),
    );
    client.destroy();
  }

  /** A PLUS pool with threat protection on (audit), so user activity is produced at all. */
  async function createAuditPool(name: string): Promise<string> {
    const client = sandboxCognito(stack.sandbox, region);
    const answer = await client.send(
      new CreateUserPoolCommand({
        PoolName: name,
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
      }),
    );
    client.destroy();
    return answer.UserPool?.Id ?? "";
  }

  /** A PLUS pool streaming user activity to a tagged stream, read once by the fleet (facts cached). */
  async function streamingPool(name: string, tagged = true): Promise<{ poolId: string; streamArn: string }> {
    const streamArn = await createStream(stack.sandbox, region, `${name}-stream`, tagged);
    const poolId = await createAuditPool(name);
    await setLogDelivery(stack.sandbox, region, poolId, [
      { EventSource: "userAuthEvents", LogLevel: "INFO", FirehoseConfiguration: { StreamArn: streamArn } },
    ]);
    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);
    return { poolId, streamArn };
  }

  const findingIds = (detail: { findings: Array<{ id: string }> }) => detail.findings.map((f) => f.id);
  async function row(poolId: string) {
    const list = await stack.call("GET", "/api/pools?limit=500");
    return (list.json.items as Array<{ id: string; findings: { count: number; worst: string | null } }>).find(
      (p) => p.id === poolId,
    );
  }

  it("the pool page re-reads the stream: a tag removed elsewhere shows at once, with when it was checked", async () => {
    const { poolId } = await streamingPool("fresh-page");
    const before = await stack.call("GET", `/api/pools/${poolId}`);
    expect(before.status, before.text).toBe(200);
    expect(findingIds(before.json)).toEqual([]);
    const firstCheck = before.json.destinations.userAuthEvents.checkedAt as string | undefined;

    await untag("fresh-page-stream");

    const after = await stack.call("GET", `/api/pools/${poolId}`);
    expect(findingIds(after.json)).toContain("firehose-missing-tag");
    expect(after.json.destinations.userAuthEvents.logDeliveryEnabledTag).toBe(false);
    // The fleet row follows the pool page, without a Refresh.
    expect((await row(poolId))?.findings).toEqual({ count: 1, worst: "block" });
    // Each destination says when it was read from AWS, and keeps every tag as read.
    expect(Number.isNaN(Date.parse(firstCheck ?? ""))).toBe(false);
    expect(Date.parse(after.json.destinations.userAuthEvents.checkedAt)).toBeGreaterThanOrEqual(
      Date.parse(firstCheck ?? ""),
    );
    expect(before.json.destinations.userAuthEvents.tags).toEqual({ LogDeliveryEnabled: "true" });
    expect(after.json.destinations.userAuthEvents.tags).toEqual({});
  });

  it("Refresh re-reads the fleet's destinations: the row shows the finding", async () => {
    const { poolId } = await streamingPool("fresh-refresh");
    expect((await row(poolId))?.findings).toEqual({ count: 0, worst: null });

    await tag("fresh-refresh-stream", "True");
    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);

    expect((await row(poolId))?.findings).toEqual({ count: 1, worst: "block" });
  });

  it("a fix updates the fleet row of every pool using the destination, without a Refresh", async () => {
    // Untagged from the start, and a second pool created first: one fleet read sees both.
    const other = await createAuditPool("fresh-fix-other");
    const { poolId, streamArn } = await streamingPool("fresh-fix", false);
    await setLogDelivery(stack.sandbox, region, other, [
      { EventSource: "userAuthEvents", LogLevel: "INFO", FirehoseConfiguration: { StreamArn: streamArn } },
    ]);
    await stack.call("POST", "/api/fleet/refresh");
    await waitForFleet(stack);
    expect((await row(poolId))?.findings.worst).toBe("block");
    expect((await row(other))?.findings.worst).toBe("block");

    const fix = await stack.call("POST", `/api/pools/${poolId}/fixes`, {
      body: { action: "tag-firehose-stream", target: streamArn },
    });
    expect(fix.status, fix.text).toBe(200);
    expect(findingIds(fix.json.pool)).toEqual([]);

    expect((await row(poolId))?.findings).toEqual({ count: 0, worst: null });
    expect((await row(other))?.findings).toEqual({ count: 0, worst: null });
  });
});
