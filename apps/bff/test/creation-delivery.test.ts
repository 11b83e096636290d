/**
 * The proof that a created destination can receive logs: point a pool at it, let the sandbox's
 * delivery simulation emit the pool's events, and find them at the destination.
 */
import { FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { SetLogDeliveryConfigurationCommand } from "@aws-sdk/client-cognito-identity-provider";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { CreationRun } from "@clc/domain";
import { describe, expect, it } from "vitest";
import { REGION, useCreationStack } from "./creation-support.ts";
import { firehoseInput, httpTarget } from "./fixtures/creation-inputs.ts";

const env = useCreationStack();

interface SourceDiagnosis {
  eventSource: string;
  delivered: boolean;
  reasons: Array<{ id: string; message: string }>;
}

async function sandboxControl(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${env.stack.sandbox.endpoint}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

async function emitAndDiagnose(poolId: string): Promise<SourceDiagnosis[]> {
  await sandboxControl("POST", "/_sandbox/emit", { userPoolId: poolId, count: 3 });
  const diagnosis = (await sandboxControl("GET", `/_sandbox/diagnostics?userPoolId=${poolId}`)) as {
    eventSources: SourceDiagnosis[];
  };
  return diagnosis.eventSources;
}

/** The sandbox keeps what a stream "delivered" to its HTTP endpoint; read it with its own operation. */
async function endpointDeliveries(streamName: string): Promise<Array<{ records: number; ok: boolean }>> {
  const response = await fetch(env.stack.sandbox.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "Firehose_20150804.SandboxListDeliveries",
      authorization: `AWS4-HMAC-SHA256 Credential=test/20250101/${REGION}/firehose/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify({ DeliveryStreamName: streamName }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { Deliveries: Array<{ records: number; ok: boolean }> }).Deliveries;
}

async function point(
  poolId: string,
  configurations: Array<{ source: "userNotification" | "userAuthEvents"; run: CreationRun }>,
) {
  await env.stack.aws.cognito.send(
    new SetLogDeliveryConfigurationCommand({
      UserPoolId: poolId,
      LogConfigurations: configurations.map(({ source, run }) => ({
        EventSource: source,
        LogLevel: source === "userNotification" ? "ERROR" : "INFO",
        ...(run.destination.kind === "logGroup"
          ? { CloudWatchLogsConfiguration: { LogGroupArn: run.destination.arn } }
          : run.destination.kind === "s3"
            ? { S3Configuration: { BucketArn: run.destination.arn } }
            : { FirehoseConfiguration: { StreamArn: run.destination.arn } }),
      })),
    }),
  );
}

describe("the sandbox delivers into what the console created", () => {
  it("log group (message-delivery errors) and S3 bucket (user activity)", async () => {
    const poolId = await env.stack.createPool("delivered");
    const logGroup = await env.stack.run({
      kind: "logGroup",
      poolId,
      eventSource: "userNotification",
      logGroupName: "/aws/vendedlogs/cognito/delivered/userNotification",
    });
    const bucket = await env.stack.run({
      kind: "s3",
      poolId,
      eventSource: "userAuthEvents",
      bucket: { name: "delivered-user-activity" },
    });
    expect([logGroup.status, bucket.status]).toEqual(["succeeded", "succeeded"]);
    await point(poolId, [
      { source: "userNotification", run: logGroup },
      { source: "userAuthEvents", run: bucket },
    ]);
    const diagnosis = await emitAndDiagnose(poolId);
    expect(diagnosis.map((d) => [d.eventSource, d.delivered, d.reasons])).toEqual([
      ["userNotification", true, []],
      ["userAuthEvents", true, []],
    ]);
    const events = await env.stack.aws.logs.send(
      new FilterLogEventsCommand({ logGroupName: "/aws/vendedlogs/cognito/delivered/userNotification" }),
    );
    expect(events.events?.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(events.events?.[0]?.message ?? "{}")).toMatchObject({
      eventSource: "USER_NOTIFICATION",
    });
    const objects = await env.stack.aws.s3.send(
      new ListObjectsV2Command({ Bucket: "delivered-user-activity", Prefix: "AWSLogs/" }),
    );
    expect(objects.KeyCount).toBeGreaterThanOrEqual(1);
  });

  it("Firehose stream to an HTTP endpoint and Firehose stream to S3", async () => {
    const httpPool = await env.stack.createPool("to-http");
    const sumo = "https://endpoint1.collection.sumologic.com/receiver/v1/kinesis/log/TOKEN123";
    const http = await env.stack.run(
      firehoseInput(httpPool, "delivered-http", httpTarget("sumologic", sumo, "delivered-http-failed")),
    );
    const s3Pool = await env.stack.createPool("to-s3");
    const toS3 = await env.stack.run(
      firehoseInput(s3Pool, "delivered-s3", {
        type: "s3",
        bucket: { mode: "create", name: "delivered-firehose-archive" },
        prefix: "cognito/",
      }),
    );
    expect([http.status, toS3.status]).toEqual(["succeeded", "succeeded"]);
    expect(JSON.stringify(http.input)).not.toContain("TOKEN123");

    await point(httpPool, [{ source: "userAuthEvents", run: http }]);
    const httpDiagnosis = (await emitAndDiagnose(httpPool)).find((d) => d.eventSource === "userAuthEvents");
    expect(httpDiagnosis).toMatchObject({ delivered: true, reasons: [] });
    const deliveries = await endpointDeliveries("delivered-http");
    expect(deliveries.reduce((n, d) => n + d.records, 0)).toBeGreaterThanOrEqual(3);

    await point(s3Pool, [{ source: "userAuthEvents", run: toS3 }]);
    const s3Diagnosis = (await emitAndDiagnose(s3Pool)).find((d) => d.eventSource === "userAuthEvents");
    expect(s3Diagnosis).toMatchObject({ delivered: true, reasons: [] });
    const objects = await env.stack.aws.s3.send(
      new ListObjectsV2Command({ Bucket: "delivered-firehose-archive", Prefix: "cognito/" }),
    );
    expect(objects.KeyCount).toBeGreaterThanOrEqual(1);
  });
});
