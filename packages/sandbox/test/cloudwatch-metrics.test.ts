import { GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateLogGroupCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateUserPoolCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand, TagDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { deliveryLogPolicy } from "../src/seed/context.ts";
import { useSandbox } from "./support/aws.ts";

describe("CloudWatch metrics fed by the sandbox's traffic and deliveries, over HTTP", () => {
  const region = "us-east-1";
  const env = useSandbox({ seed: "none" }, region);
  const account = "123456789012";

  const emit = async (userPoolId: string, count: number) => {
    const answer = await fetch(`${env.sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      body: JSON.stringify({ userPoolId, count, eventSource: "userAuthEvents" }),
    });
    expect(answer.status).toBe(200);
    return (await answer.json()) as {
      emitted: { delivered: boolean; deliveredCount: number; reasons: { id: string }[] }[];
    };
  };
  const faultSwitch = async (destinationArn: string, fault: string) => {
    const answer = await fetch(`${env.sandbox.endpoint}/_sandbox/delivery-faults`, {
      method: "POST",
      body: JSON.stringify({ destinationArn, fault }),
    });
    return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
  };
  const plusPool = async (name: string) =>
    (
      await env.cognito.send(
        new CreateUserPoolCommand({
          PoolName: name,
          UserPoolTier: "PLUS",
          UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
        }),
      )
    ).UserPool?.Id ?? "";
  /** Sends the pool's user activity to one destination. */
  const activityTo = (pool: string, destination: Record<string, unknown>) =>
    env.cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: pool,
        LogConfigurations: [{ EventSource: "userAuthEvents", LogLevel: "INFO", ...destination }],
      }),
    );
  const window = () => ({
    StartTime: new Date(Date.now() - 3_600_000),
    EndTime: new Date(Date.now() + 60_000),
  });
  /** Sum and SampleCount of one metric over the last hour, in one period. */
  const stats = async (namespace: string, metricName: string, dimensions: Record<string, string>) => {
    const Dimensions = Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
    const answer = await env.cloudwatch.send(
      new GetMetricDataCommand({
        ...window(),
        MetricDataQueries: ["Sum", "SampleCount"].map((Stat) => ({
          Id: Stat.toLowerCase(),
          MetricStat: {
            Metric: { Namespace: namespace, MetricName: metricName, Dimensions },
            Period: 3660,
            Stat,
          },
        })),
      }),
    );
    const total = (id: string) =>
      (answer.MetricDataResults?.find((r) => r.Id === id)?.Values ?? []).reduce((a, b) => a + b, 0);
    return { sum: total("sum"), samples: total("samplecount") };
  };

  it("publishes AWS/Cognito traffic per pool and client, whether or not logs arrive, and keeps the log group's events and streams readable", async () => {
    const pool = await plusPool("metrics-log-group");
    const groupName = "/aws/vendedlogs/cognito/metrics";
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: groupName }));
    const groupArn = `arn:aws:logs:${region}:${account}:log-group:${groupName}`;
    await env.logs.send(
      new PutResourcePolicyCommand({
        policyName: "delivery",
        policyDocument: deliveryLogPolicy(account, region, [groupArn]),
      }),
    );
    await activityTo(pool, { CloudWatchLogsConfiguration: { LogGroupArn: groupArn } });
    expect((await emit(pool, 6)).emitted[0]?.deliveredCount).toBe(6);

    const listed = await env.cloudwatch.send(
      new ListMetricsCommand({ Namespace: "AWS/Cognito", Dimensions: [{ Name: "UserPool", Value: pool }] }),
    );
    const signIns = listed.Metrics?.find((m) => m.MetricName === "SignInSuccesses");
    expect(signIns?.Dimensions?.map((d) => d.Name).sort()).toEqual(["UserPool", "UserPoolClient"]);
    const client = signIns?.Dimensions?.find((d) => d.Name === "UserPoolClient")?.Value ?? "";
    // Events 0 and 5 of six are sign-ins (the simulation cycles five event types); both passed.
    expect(await stats("AWS/Cognito", "SignInSuccesses", { UserPool: pool, UserPoolClient: client })).toEqual(
      { sum: 2, samples: 2 },
    );
    // Only the full set of dimensions names a metric, as on AWS.
    expect(await stats("AWS/Cognito", "SignInSuccesses", { UserPool: pool })).toEqual({ sum: 0, samples: 0 });

    const streams = await env.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: groupName, orderBy: "LastEventTime", descending: true }),
    );
    expect(streams.logStreams?.[0]?.logStreamName).toMatch(new RegExp(`^${pool}/`));
    expect(streams.logStreams?.[0]?.lastEventTimestamp).toBeGreaterThan(0);
    const events = await env.logs.send(
      new FilterLogEventsCommand({
        logGroupName: groupName,
        filterPattern: `{ $.logSourceId.userPoolId = "${pool}" }`,
      }),
    );
    expect(events.events).toHaveLength(6);

    // The drop switch: Cognito's traffic goes on, nothing arrives.
    expect((await faultSwitch(groupArn, "drop")).status).toBe(200);
    const dropped = await emit(pool, 5);
    expect(dropped.emitted[0]?.deliveredCount).toBe(0);
    expect(dropped.emitted[0]?.reasons.map((r) => r.id)).toContain("sandbox-drop");
    const after = await env.logs.send(new FilterLogEventsCommand({ logGroupName: groupName }));
    expect(after.events).toHaveLength(6);
    expect(
      (await stats("AWS/Cognito", "SignInSuccesses", { UserPool: pool, UserPoolClient: client })).samples,
    ).toBe(3);
    await faultSwitch(groupArn, "none");
    expect((await emit(pool, 1)).emitted[0]?.deliveredCount).toBe(1);
  });

  it("reports a Firehose HTTP endpoint's deliveries, and its failures with the records in the backup bucket", async () => {
    const pool = await plusPool("metrics-firehose");
    await env.s3.send(new CreateBucketCommand({ Bucket: "endpoint-backup" }));
    const created = await env.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "to-openobserve",
        DeliveryStreamType: "DirectPut",
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: { Url: "https://logs.example.com/firehose", Name: "OpenObserve" },
          RoleARN: `arn:aws:iam::${account}:role/firehose`,
          S3Configuration: {
            RoleARN: `arn:aws:iam::${account}:role/firehose`,
            BucketARN: "arn:aws:s3:::endpoint-backup",
          },
        },
      }),
    );
    const streamArn = created.DeliveryStreamARN ?? "";
    await env.firehose.send(
      new TagDeliveryStreamCommand({
        DeliveryStreamName: "to-openobserve",
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    await activityTo(pool, { FirehoseConfiguration: { StreamArn: streamArn } });
    await emit(pool, 3);
    const stream = { DeliveryStreamName: "to-openobserve" };
    expect(await stats("AWS/Firehose", "IncomingRecords", stream)).toEqual({ sum: 3, samples: 1 });
    expect(await stats("AWS/Firehose", "DeliveryToHttpEndpoint.Success", stream)).toEqual({
      sum: 1,
      samples: 1,
    });

    expect((await faultSwitch(streamArn, "endpoint-failure")).status).toBe(200);
    await emit(pool, 2);
    expect(await stats("AWS/Firehose", "IncomingRecords", stream)).toEqual({ sum: 5, samples: 2 });
    // One attempt of two failed: the failure counterpart is SampleCount − Sum.
    expect(await stats("AWS/Firehose", "DeliveryToHttpEndpoint.Success", stream)).toEqual({
      sum: 1,
      samples: 2,
    });
    const backup = await env.s3.send(
      new ListObjectsV2Command({ Bucket: "endpoint-backup", Prefix: "http-endpoint-failed/" }),
    );
    expect(backup.Contents).toHaveLength(1);
    const object = await env.s3.send(
      new GetObjectCommand({ Bucket: "endpoint-backup", Key: backup.Contents?.[0]?.Key ?? "" }),
    );
    const lines = (await object.Body?.transformToString())?.trim().split("\n") ?? [];
    expect(lines).toHaveLength(2);
    const failed = JSON.parse(lines[0] ?? "{}") as { errorCode: string; rawData: string };
    expect(failed.errorCode).toBe("HttpEndpoint.ResponseFailure");
    expect(JSON.parse(Buffer.from(failed.rawData, "base64").toString()).logSourceId.userPoolId).toBe(pool);
    await faultSwitch(streamArn, "none");
  });

  it("answers CloudWatch's errors as the SDK reads them (query-compatible codes)", async () => {
    const error = await env.cloudwatch
      .send(
        new GetMetricDataCommand({
          ...window(),
          MetricDataQueries: [
            {
              Id: "Bad-Id",
              MetricStat: {
                Metric: { Namespace: "AWS/Cognito", MetricName: "SignInSuccesses" },
                Period: 60,
                Stat: "Sum",
              },
            },
          ],
        }),
      )
      .catch(
        (e: unknown) =>
          e as { name: string; Code?: string; message: string; $metadata: { httpStatusCode: number } },
      );
    expect(error).toMatchObject({ name: "InvalidParameterValueException", Code: "InvalidParameterValue" });
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
    const reversed = await env.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: new Date(2000),
          EndTime: new Date(1000),
          MetricDataQueries: [],
        }),
      )
      .then(() => ({ name: "no error" }))
      .catch((e: unknown) => e as { name: string });
    expect(reversed.name).toBe("ValidationException");
  });

  it("refuses a delivery switch it cannot apply, naming what to send", async () => {
    const bad = await faultSwitch("arn:aws:logs:us-east-1:123456789012:log-group:x", "endpoint-failure");
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("Firehose stream ARN only");
    const unknown = await faultSwitch("not-an-arn", "drop");
    expect(unknown.status).toBe(400);
    expect(String(unknown.body.error)).toContain("destinationArn");
  });
});
