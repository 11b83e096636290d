import { gunzipSync } from "node:zlib";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateDeliveryStreamCommand,
  FirehoseClient,
  TagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { deliveryBucketPolicy } from "../src/seed/context.ts";

interface SourceResult {
  eventSource: string;
  configured: boolean;
  delivered: boolean;
  deliveredCount?: number;
  written?: string[];
  reasons: { id: string; message: string }[];
}

describe("simulated log delivery over HTTP", () => {
  let sandbox: RunningSandbox;
  let cognito: CognitoIdentityProviderClient;
  let logs: CloudWatchLogsClient;
  let firehose: FirehoseClient;
  let s3: S3Client;
  const region = "us-east-1";
  const credentials = { accessKeyId: "AKIDSANDBOX", secretAccessKey: "sandbox" };

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: "none" });
    const common = { endpoint: sandbox.endpoint, region, credentials };
    cognito = new CognitoIdentityProviderClient(common);
    logs = new CloudWatchLogsClient(common);
    firehose = new FirehoseClient(common);
    s3 = new S3Client({ ...common, forcePathStyle: true });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const emit = async (body: Record<string, unknown>) => {
    const answer = await fetch(`${sandbox.endpoint}/_sandbox/emit`, {
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
      `${sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${encodeURIComponent(userPoolId)}`,
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
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: name,
        UserPoolTier: tier,
        ...(mode ? { UserPoolAddOns: { AdvancedSecurityMode: mode } } : {}),
      }),
    );
    return created.UserPool?.Id ?? "";
  };
  const createLogGroup = async (name: string, kmsKeyId?: string) => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name, ...(kmsKeyId ? { kmsKeyId } : {}) }));
    const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    return described.logGroups?.[0]?.logGroupArn ?? "";
  };

  it("delivers through a policy attached to the log group itself, and stops when a Deny is attached", async () => {
    const pool = await createPool("d-scoped", "ESSENTIALS");
    const groupArn = await createLogGroup("/cognito/d-scoped/notifications");
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userNotification",
            LogLevel: "ERROR",
            CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
          },
        ],
      }),
    );
    expect(source((await diagnose(pool)).eventSources, "userNotification")?.delivered).toBe(false);
    const statement = (effect: "Allow" | "Deny") => ({
      Effect: effect,
      Principal: { Service: "delivery.logs.amazonaws.com" },
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${groupArn}:log-stream:*`,
      Condition: { StringEquals: { "aws:SourceAccount": sandbox.accountId } },
    });
    const put = await logs.send(
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

    await logs.send(
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
    const pool = await createPool("d-notif", "ESSENTIALS");
    const groupArn = await createLogGroup("/aws/vendedlogs/cognito/d-notif/notifications");
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userNotification",
            LogLevel: "ERROR",
            CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
          },
        ],
      }),
    );
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

    await logs.send(
      new PutResourcePolicyCommand({
        policyName: "vendedlogs",
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: ["delivery.logs.amazonaws.com"] },
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `arn:aws:logs:${region}:${sandbox.accountId}:log-group:/aws/vendedlogs/*`,
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
    const events = await logs.send(
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
    await s3.send(new CreateBucketCommand({ Bucket: "d-firehose-archive" }));
    const stream = await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "d-activity",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${sandbox.accountId}:role/firehose`,
          BucketARN: "arn:aws:s3:::d-firehose-archive",
        },
      }),
    );
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userAuthEvents",
            LogLevel: "INFO",
            FirehoseConfiguration: { StreamArn: stream.DeliveryStreamARN },
          },
        ],
      }),
    );
    expect(source((await diagnose(pool)).eventSources, "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "stream-tag-missing",
    ]);
    await firehose.send(
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
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: "d-firehose-archive" }));
    expect(listed.KeyCount).toBe(1);
    const object = await s3.send(
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
    await s3.send(new CreateBucketCommand({ Bucket: "d-s3-logs" }));
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userAuthEvents",
            LogLevel: "INFO",
            S3Configuration: { BucketArn: "arn:aws:s3:::d-s3-logs" },
          },
        ],
      }),
    );
    expect(source((await diagnose(pool)).eventSources, "userAuthEvents")?.reasons.map((r) => r.id)).toEqual([
      "bucket-policy-missing",
    ]);
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: "d-s3-logs",
        Policy: deliveryBucketPolicy(sandbox.accountId, region, "d-s3-logs"),
      }),
    );
    const result = await emit({ userPoolId: pool, eventSource: "userAuthEvents" });
    const outcome = source(result.body.emitted, "userAuthEvents");
    expect(outcome).toMatchObject({ delivered: true, deliveredCount: 1 });
    expect(outcome?.written?.[0]).toMatch(new RegExp(`^AWSLogs/${sandbox.accountId}/`));
    const object = await s3.send(
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
    const kms = `arn:aws:kms:${region}:${sandbox.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const groupArn = await createLogGroup("/aws/vendedlogs/cognito/d-off/activity", kms);
    await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [
          {
            EventSource: "userAuthEvents",
            LogLevel: "INFO",
            CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
          },
        ],
      }),
    );
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
