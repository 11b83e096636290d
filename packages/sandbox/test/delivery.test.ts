import { gunzipSync } from "node:zlib";
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateUserPoolCommand,
  type LogConfigurationType,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { TagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { deliveryBucketPolicy } from "../src/seed/context.ts";
import { createArchiveStream, useSandbox } from "./support/aws.ts";

interface SourceResult {
  eventSource: string;
  configured: boolean;
  delivered: boolean;
  deliveredCount?: number;
  written?: string[];
  reasons: { id: string; message: string }[];
}

describe("simulated log delivery over HTTP", () => {
  const region = "us-east-1";
  const env = useSandbox({ seed: "none" }, region);

  const emit = async (body: Record<string, unknown>) => {
    const answer = await fetch(`${env.sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return {
      status: answer.status,
      body: (await answer.json()) as { emitted: SourceResult[]; error?: string },
    };
  };
  const diagnose = async (userPoolId: string) => {
    const answer = await fetch(
      `${env.sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${encodeURIComponent(userPoolId)}`,
    );
    expect(answer.status).toBe(200);
    return (await answer.json()) as { eventSources: SourceResult[] };
  };
  const source = (list: SourceResult[], name: string) => list.find((s) => s.eventSource === name);

  const createPool = async (
    name: string,
    tier: "ESSENTIALS" | "PLUS",
    mode?: "OFF" | "AUDIT" | "ENFORCED",
  ) => {
    const created = await env.cognito.send(
      new CreateUserPoolCommand({
        PoolName: name,
        UserPoolTier: tier,
        ...(mode ? { UserPoolAddOns: { AdvancedSecurityMode: mode } } : {}),
      }),
    );
    return created.UserPool?.Id ?? "";
  };
  const createLogGroup = async (name: string, kmsKeyId?: string) => {
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: name, ...(kmsKeyId ? { kmsKeyId } : {}) }));
    const described = await env.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    return described.logGroups?.[0]?.logGroupArn ?? "";
  };
  /** Sets the pool's delivery to exactly this one configuration. */
  const configure = (pool: string, configuration: LogConfigurationType) =>
    env.cognito.send(
      new SetLogDeliveryConfigurationCommand({ UserPoolId: pool, LogConfigurations: [configuration] }),
    );
  /** An ESSENTIALS pool whose message-delivery errors go to a new log group of this name. */
  const poolNotifyingTo = async (poolName: string, groupName: string) => {
    const pool = await createPool(poolName, "ESSENTIALS");
    const groupArn = await createLogGroup(groupName);
    await configure(pool, {
      EventSource: "userNotification",
      LogLevel: "ERROR",
      CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
    });
    return { pool, groupArn };
  };

  it("delivers through a policy attached to the log group itself, and stops when a Deny is attached", async () => {
    const { pool, groupArn } = await poolNotifyingTo("d-scoped", "/cognito/d-scoped/notifications");
    expect(source((await diagnose(pool)).eventSources, "userNotification")?.delivered).toBe(false);
    const statement = (effect: "Allow" | "Deny") => ({
      Effect: effect,
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${groupArn}:log-stream:*`,
      Condition: { StringEquals: { "aws:SourceAccount": env.sandbox.accountId } },
    });
    const put = await env.logs.send(
      new PutResourcePolicyCommand({
        resourceArn: groupArn,
        policyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [statement("Allow")] }),
      }),
    );
    expect(put.resourcePolicy).toMatchObject({ policyScope: "RESOURCE", resourceArn: groupArn });
    const delivered = await emit({ userPoolId: pool, count: 2, eventSource: "userNotification" });
    expect(source(delivered.body.emitted, "userNotification")).toMatchObject({
      delivered: true,
      deliveredCount: 2,
    });

    await env.logs.send(
      new PutResourcePolicyCommand({
        resourceArn: groupArn,
        expectedRevisionId: put.revisionId,
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [statement("Allow"), statement("Deny")],
        }),
      }),
    );
    const denied = source((await diagnose(pool)).eventSources, "userNotification");
    expect(denied?.delivered).toBe(false);
    expect(denied?.reasons.map((r) => r.id)).toEqual(["log-group-policy-missing"]);
  });

  it("drops notifications silently until the log group policy lets delivery write, then delivers", async () => {
    const { pool } = await poolNotifyingTo("d-notif", "/aws/vendedlogs/cognito/d-notif/notifications");
    const before = await diagnose(pool);
    expect(source(before.eventSources, "userNotification")).toMatchObject({
      configured: true,
      delivered: false,
    });
    expect(source(before.eventSources, "userNotification")?.reasons.map((r) => r.id)).toEqual([
      "log-group-policy-missing",
    ]);
    expect(source(before.eventSources, "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "not-configured",
    ]);
    const dropped = await emit({ userPoolId: pool, count: 2 });
    expect(dropped.status).toBe(200);
    expect(source(dropped.body.emitted, "userNotification")?.deliveredCount).toBe(0);

    await env.logs.send(
      new PutResourcePolicyCommand({
        policyName: "vendedlogs",
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: ["delivery.logs.amazonaws.com"] },
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `arn:aws:logs:${region}:${env.sandbox.accountId}:log-group:/aws/vendedlogs/*`,
            },
          ],
        }),
      }),
    );
    const delivered = await emit({ userPoolId: pool, count: 2, eventSource: "userNotification" });
    expect(source(delivered.body.emitted, "userNotification")).toMatchObject({
      delivered: true,
      deliveredCount: 2,
    });
    const events = await env.logs.send(
      new FilterLogEventsCommand({ logGroupName: "/aws/vendedlogs/cognito/d-notif/notifications" }),
    );
    expect(events.events).toHaveLength(2);
    const first = JSON.parse(events.events?.[0]?.message ?? "{}");
    expect(first).toMatchObject({
      eventSource: "USER_NOTIFICATION",
      logLevel: "ERROR",
      logSourceId: { userPoolId: pool },
    });
    expect(typeof first.eventTimestamp).toBe("string");
  });

  it("writes user activity through a tagged Firehose stream on to its bucket", async () => {
    const pool = await createPool("d-firehose", "PLUS", "AUDIT");
    await env.s3.send(new CreateBucketCommand({ Bucket: "d-firehose-archive" }));
    const streamArn = await createArchiveStream(
      env.firehose,
      env.sandbox.accountId,
      "d-activity",
      "d-firehose-archive",
    );
    await configure(pool, {
      EventSource: "userAuthEvents",
      LogLevel: "INFO",
      FirehoseConfiguration: { StreamArn: streamArn },
    });
    expect(source((await diagnose(pool)).eventSources, "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "stream-tag-missing",
    ]);
    await env.firehose.send(
      new TagDeliveryStreamCommand({
        DeliveryStreamName: "d-activity",
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    const result = await emit({ userPoolId: pool, count: 3, eventSource: "userAuthEvents" });
    expect(source(result.body.emitted, "userAuthEvents")).toMatchObject({
      delivered: true,
      deliveredCount: 3,
    });
    const listed = await env.s3.send(new ListObjectsV2Command({ Bucket: "d-firehose-archive" }));
    expect(listed.KeyCount).toBe(1);
    const object = await env.s3.send(
      new GetObjectCommand({ Bucket: "d-firehose-archive", Key: listed.Contents?.[0]?.Key ?? "" }),
    );
    const lines = (await object.Body?.transformToString())?.trim().split("\n") ?? [];
    expect(lines).toHaveLength(3);
    const event = JSON.parse(lines[0] ?? "{}");
    expect(event).toMatchObject({
      eventSource: "USER_ACTIVITY",
      logLevel: "INFO",
      message: { userPoolId: pool, hasContextData: "true" },
    });
    expect(event.message.compromisedCredentialDetected).toBe("false");
  });

  it("writes user activity to a bucket under AWSLogs/<account>/ once its policy allows it", async () => {
    const pool = await createPool("d-s3", "PLUS", "ENFORCED");
    await env.s3.send(new CreateBucketCommand({ Bucket: "d-s3-logs" }));
    await configure(pool, {
      EventSource: "userAuthEvents",
      LogLevel: "INFO",
      S3Configuration: { BucketArn: "arn:aws:s3:::d-s3-logs" },
    });
    expect(source((await diagnose(pool)).eventSources, "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "bucket-policy-missing",
    ]);
    await env.s3.send(
      new PutBucketPolicyCommand({
        Bucket: "d-s3-logs",
        Policy: deliveryBucketPolicy(env.sandbox.accountId, region, "d-s3-logs"),
      }),
    );
    const result = await emit({ userPoolId: pool, eventSource: "userAuthEvents" });
    const outcome = source(result.body.emitted, "userAuthEvents");
    expect(outcome).toMatchObject({ delivered: true, deliveredCount: 1 });
    expect(outcome?.written?.[0]).toMatch(new RegExp(`^AWSLogs/${env.sandbox.accountId}/`));
    const object = await env.s3.send(
      new GetObjectCommand({ Bucket: "d-s3-logs", Key: outcome?.written?.[0] ?? "" }),
    );
    const text = gunzipSync(Buffer.from((await object.Body?.transformToByteArray()) ?? [])).toString();
    expect(JSON.parse(text.trim())).toMatchObject({
      eventSource: "USER_ACTIVITY",
      logSourceId: { userPoolId: pool },
    });
  });

  it("names every missing prerequisite: threat protection off and a KMS-encrypted group", async () => {
    const pool = await createPool("d-off", "PLUS");
    const kms = `arn:aws:kms:${region}:${env.sandbox.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const groupArn = await createLogGroup("/aws/vendedlogs/cognito/d-off/activity", kms);
    await configure(pool, {
      EventSource: "userAuthEvents",
      LogLevel: "INFO",
      CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
    });
    const activity = source((await diagnose(pool)).eventSources, "userAuthEvents");
    expect(activity?.delivered).toBe(false);
    expect(activity?.reasons.map((r) => r.id)).toEqual(
      expect.arrayContaining(["threat-protection-off", "log-group-kms"]),
    );
  });

  it("rejects bad input and unknown pools with a message saying what to send", async () => {
    const bad = await emit({ userPoolId: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain("userPoolId");
    const missing = await emit({ userPoolId: "us-east-1_ZZZZZZZZZ" });
    expect(missing.status).toBe(404);
  });
});
