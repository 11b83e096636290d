import { DeleteResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { UntagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import type { PoolDeliveryResponse } from "@clc/domain";
import { type SdkClients, sdkClients } from "@clc/sandbox/test-support/clients";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverySetup } from "./delivery-support.ts";
import { callsOf, createStream, type Stack, startStack } from "./helpers.ts";

/**
 * Issue 15: each delivery state of each destination kind, read by the BFF over HTTP from the
 * sandbox (its delivery simulation, its CloudWatch metrics and its switches), and the domain's
 * verdict checked against the sandbox's own diagnosis where both judge.
 */
describe("GET /api/pools/{poolId}/delivery against the sandbox", () => {
  const region = "us-east-1";
  let stack: Stack;
  let aws: SdkClients;

  const {
    plusPool,
    essentialsPool,
    emit,
    diagnose,
    vendedGroup,
    toLogGroup,
    toStream,
    toBucket,
    deliveryBucket,
    endpointStream,
  } = deliverySetup(() => ({ stack, aws }), region);
  const delivery = async (poolId: string, query = "") => {
    const answer = await stack.call("GET", `/api/pools/${poolId}/delivery${query}`);
    expect(answer.status, answer.text).toBe(200);
    return answer.json as PoolDeliveryResponse;
  };
  beforeAll(async () => {
    stack = await startStack({ seed: "none" });
    aws = sdkClients(stack.sandbox.endpoint, region);
  });
  afterAll(async () => {
    for (const client of Object.values(aws)) client.destroy();
    await stack.close();
  });

  describe("a log group", () => {
    it("delivering: the pool's events in the window, the newest first in the user's terms, its streams and a console link", async () => {
      const pool = await plusPool("lg-delivering");
      await toLogGroup(pool, await vendedGroup("lg-delivering"));
      await emit(pool, 4);
      const answer = await delivery(pool);
      const source = answer.sources.userAuthEvents;
      expect(source).toMatchObject({
        state: "delivering",
        eventsInWindow: 4,
        countUnit: "events",
        readError: null,
      });
      expect(source.recent).toHaveLength(4);
      expect(source.recent[0]).toMatchObject({
        kind: "userActivity",
        eventType: expect.any(String),
        user: expect.stringMatching(/^user\d+$/),
        ipAddress: expect.stringMatching(/^192\.0\.2\./),
        place: expect.stringContaining(","),
        riskDecision: expect.any(String),
        outcome: expect.stringMatching(/Pass|Fail/),
      });
      const times = source.recent.map((e) => e.at ?? "");
      expect(times).toEqual([...times].sort().reverse());
      expect(source.lastEventAt).toBe(times[0]);
      expect(source.logStreams?.[0]?.name).toContain(pool);
      expect(source.destination?.consoleUrl).toContain("logsV2:log-groups/log-group/$252Faws$252Fvendedlogs");
      expect(answer.traffic?.signIns).toBe(1);
      expect(answer.sources.userNotification.state).toBe("not-configured");
      expect(answer.plusPlan).toBeNull();
    });

    it("shows only the pool's events when the group is shared", async () => {
      const arn = await vendedGroup("lg-shared");
      const [mine, other] = [await plusPool("lg-shared-a"), await plusPool("lg-shared-b")];
      await toLogGroup(mine, arn);
      await toLogGroup(other, arn);
      await emit(mine, 2);
      await emit(other, 5);
      const source = (await delivery(mine)).sources.userAuthEvents;
      expect(source.eventsInWindow).toBe(2);
      expect(source.recent.every((e) => e.userPoolId === mine)).toBe(true);
    });

    it("silent: the resource policy removed after setup, with sign-ins in the window, and the sandbox agrees nothing arrives", async () => {
      const pool = await plusPool("lg-policy-removed");
      // Named outside /aws/vendedlogs/: the other tests' policies cover that whole prefix.
      await toLogGroup(pool, await vendedGroup("lg-policy-removed", true));
      await aws.logs.send(new DeleteResourcePolicyCommand({ policyName: "delivery-lg-policy-removed" }));
      await emit(pool, 6);
      const answer = await delivery(pool);
      expect(answer.sources.userAuthEvents).toMatchObject({
        state: "silent",
        eventsInWindow: 0,
        reason: { id: "traffic-without-logs", message: expect.stringContaining("2 sign-ins") },
      });
      const simulated = (await diagnose(pool)).eventSources.find((s) => s.eventSource === "userAuthEvents");
      expect(simulated).toMatchObject({ configured: true, delivered: false });
      expect(simulated?.reasons.map((r) => r.id)).toContain("log-group-policy-missing");
    });

    it("silent: a destination switched to drop; idle: no traffic; message-delivery errors are idle when none came", async () => {
      const arn = await vendedGroup("lg-drop");
      const dropping = await plusPool("lg-drop");
      const quiet = await plusPool("lg-quiet");
      await toLogGroup(dropping, arn);
      await toLogGroup(quiet, await vendedGroup("lg-quiet"));
      stack.sandbox.setDeliveryFault(arn, "drop");
      await emit(dropping, 1);
      stack.sandbox.setDeliveryFault(arn, "none");
      expect((await delivery(dropping)).sources.userAuthEvents.state).toBe("silent");
      expect((await delivery(quiet)).sources.userAuthEvents).toMatchObject({
        state: "idle",
        reason: { id: "no-traffic" },
      });

      const notifying = await essentialsPool("lg-notification");
      await toLogGroup(notifying, await vendedGroup("lg-notification"), "userNotification");
      expect((await delivery(notifying)).sources.userNotification).toMatchObject({
        state: "idle",
        reason: { id: "no-message-errors" },
      });
      await emit(notifying, 2, "userNotification");
      const errors = (await delivery(notifying, "?window=1h")).sources.userNotification;
      expect(errors).toMatchObject({ state: "delivering", eventsInWindow: 2 });
      expect(errors.recent[0]).toMatchObject({ kind: "notification", details: expect.stringMatching(/\w/) });
    });
  });

  describe("an S3 bucket", () => {
    it("delivering: the newest objects under AWSLogs/<account>/ with time and size, and the newest object's events on request", async () => {
      const pool = await plusPool("s3-delivering");
      await toBucket(pool, await deliveryBucket("s3-delivering-logs"));
      await emit(pool, 3);
      const plain = (await delivery(pool)).sources.userAuthEvents;
      expect(plain).toMatchObject({
        state: "delivering",
        countUnit: "objects",
        eventsInWindow: 1,
        recent: [],
      });
      expect(plain.objects?.[0]).toMatchObject({
        key: expect.stringMatching(new RegExp(`^AWSLogs/${stack.sandbox.accountId}/.*${pool}.*\\.log\\.gz$`)),
        size: expect.any(Number),
        lastModified: expect.any(String),
      });
      const withEvents = (await delivery(pool, "?objectEvents=true")).sources.userAuthEvents;
      expect(withEvents.recent).toHaveLength(3);
      expect(withEvents.recent[0]).toMatchObject({ kind: "userActivity", userPoolId: pool });
      expect(withEvents.destination?.consoleUrl).toContain(
        "s3.console.aws.amazon.com/s3/buckets/s3-delivering-logs",
      );
    });

    it("silent when the bucket drops what arrives; idle without traffic", async () => {
      const arn = await deliveryBucket("s3-dropping-logs");
      const pool = await plusPool("s3-dropping");
      const quiet = await plusPool("s3-quiet");
      await toBucket(pool, arn);
      await toBucket(quiet, arn);
      stack.sandbox.setDeliveryFault(arn, "drop");
      await emit(pool, 1);
      stack.sandbox.setDeliveryFault(arn, "none");
      expect((await delivery(pool)).sources.userAuthEvents.state).toBe("silent");
      expect((await delivery(quiet)).sources.userAuthEvents.state).toBe("idle");
    });
  });

  describe("a Firehose stream", () => {
    it("delivering through an HTTP endpoint, then failing once the endpoint fails: failure metrics and the failed records from the backup bucket", async () => {
      const arn = await endpointStream("to-endpoint");
      const pool = await plusPool("fh-endpoint");
      await toStream(pool, arn);
      await emit(pool, 2);
      const ok = (await delivery(pool)).sources.userAuthEvents;
      expect(ok).toMatchObject({
        state: "delivering",
        countUnit: "records",
        eventsInWindow: 2,
        stream: {
          incomingRecords: 2,
          attempts: 1,
          failedAttempts: 0,
          metricPrefix: "DeliveryToHttpEndpoint",
          backupBucket: "to-endpoint-backup",
        },
      });
      expect(ok.destination?.consoleUrl).toContain("firehose/home?region=us-east-1#/details/to-endpoint");

      stack.sandbox.setDeliveryFault(arn, "endpoint-failure");
      await emit(pool, 3);
      stack.sandbox.setDeliveryFault(arn, "none");
      const failing = (await delivery(pool, "?window=2h")).sources.userAuthEvents;
      expect(failing).toMatchObject({
        state: "failing",
        reason: { id: "destination-failing", message: expect.stringContaining("1 of 2") },
        stream: { incomingRecords: 5, attempts: 2, failedAttempts: 1 },
      });
      expect(failing.recent).toHaveLength(3);
      expect(failing.recent.every((e) => e.userPoolId === pool)).toBe(true);
    });

    it("silent when the LogDeliveryEnabled tag is removed after setup, and the sandbox agrees; idle without traffic", async () => {
      const arn = await createStream(stack.sandbox, region, "tag-stripped", true);
      const pool = await plusPool("fh-tag-stripped");
      await toStream(pool, arn);
      await aws.firehose.send(
        new UntagDeliveryStreamCommand({
          DeliveryStreamName: "tag-stripped",
          TagKeys: ["LogDeliveryEnabled"],
        }),
      );
      await emit(pool, 4);
      expect((await delivery(pool)).sources.userAuthEvents).toMatchObject({
        state: "silent",
        eventsInWindow: 0,
        stream: { incomingRecords: 0, metricPrefix: "DeliveryToS3" },
      });
      const simulated = (await diagnose(pool)).eventSources.find((s) => s.eventSource === "userAuthEvents");
      expect(simulated?.reasons.map((r) => r.id)).toEqual(["stream-tag-missing"]);

      const quiet = await plusPool("fh-quiet");
      await toStream(quiet, await createStream(stack.sandbox, region, "quiet-stream", true));
      expect((await delivery(quiet)).sources.userAuthEvents.state).toBe("idle");
    });
  });

  describe("not configured and not applicable", () => {
    it("says which reason makes user activity not applicable, and agrees with the sandbox on it", async () => {
      const essentials = await essentialsPool("na-essentials");
      const off = await plusPool("na-tp-off", "OFF");
      await toLogGroup(off, await vendedGroup("na-tp-off"));
      await emit(off, 3);
      const onEssentials = await delivery(essentials);
      expect(onEssentials.sources.userAuthEvents).toMatchObject({
        state: "not-applicable",
        reason: { id: "tier-not-plus" },
      });
      expect(onEssentials.sources.userNotification.state).toBe("not-configured");
      expect(onEssentials.plusPlan).toMatchObject({
        currentTier: "ESSENTIALS",
        cli: [
          expect.stringContaining(`describe-user-pool --region us-east-1 --user-pool-id ${essentials}`),
          expect.stringContaining(`--user-pool-id ${essentials} --user-pool-tier PLUS --user-pool-add-ons`),
        ],
        cliWarning: expect.stringContaining("replaces the whole pool configuration"),
        cost: expect.stringContaining("monthly active user"),
      });
      const withTpOff = await delivery(off);
      expect(withTpOff.sources.userAuthEvents).toMatchObject({
        state: "not-applicable",
        reason: { id: "threat-protection-off" },
        destination: { kind: "logGroup" },
      });
      // The sandbox's simulation delivers events regardless of the mode; its diagnosis names the same reason.
      const simulated = (await diagnose(off)).eventSources.find((s) => s.eventSource === "userAuthEvents");
      expect(simulated?.reasons.map((r) => r.id)).toContain("threat-protection-off");
    });

    it("not configured: a Plus pool with threat protection on and no destination", async () => {
      const pool = await plusPool("nc-plus");
      await emit(pool, 2);
      const answer = await delivery(pool);
      expect(answer.sources.userAuthEvents).toMatchObject({ state: "not-configured", destination: null });
      expect(answer.traffic?.signIns).toBe(1);
    });
  });

  it("answers people polling the same pool with one read: the log group is searched as for one of them", async () => {
    const pool = await plusPool("shared-flight");
    await toLogGroup(pool, await vendedGroup("shared-flight"));
    await emit(pool, 1);
    const searches = () => callsOf(stack.sandbox, "logs:FilterLogEvents");
    const beforeOne = searches();
    await delivery(pool, "?window=5h");
    const oneRead = searches() - beforeOne;
    expect(oneRead).toBeGreaterThan(0);
    const beforeThree = searches();
    const answers = await Promise.all(
      [1, 2, 3].map(() => stack.call("GET", `/api/pools/${pool}/delivery?window=6h`)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(searches() - beforeThree).toBe(oneRead);
  });

  it("refuses a window it cannot read and a pool of another region in the user's terms", async () => {
    const pool = await plusPool("bad-window");
    const bad = await stack.call("GET", `/api/pools/${pool}/delivery?window=3w`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      expect.objectContaining({
        path: "querystring.window",
        message: expect.stringContaining("30m, 24h or 7d"),
      }),
    ]);
    const elsewhere = await stack.call("GET", "/api/pools/ap-south-2_Nope12345/delivery");
    expect(elsewhere.status).toBe(404);
  });
});
