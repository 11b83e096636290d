/**
 * A Cognito call reaching an EventBridge rule's Firehose target (issue 15, the API-activity route),
 * over real HTTP with the SDK v3 clients: EventBridge puts into the stream only as the target's role
 * (one events.amazonaws.com may assume, allowed firehose:PutRecordBatch on that stream; EventBridge
 * user guide, "Amazon Data Firehose stream target"), and the record then reaches the stream's bucket.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CreateUserPoolCommand, UpdateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSandbox } from "../src/index.ts";
import { clientConfig, createArchiveStream, type SdkClients, startWithClients } from "./support/aws.ts";

let sandbox: RunningSandbox;
let clients: SdkClients;
let events: EventBridgeClient;
const ACCOUNT = "123456789012";
const REGION = "us-east-1";

beforeAll(async () => {
  const started = await startWithClients({ seed: "none", realism: { cloudTrailEventDelayMs: 0 } });
  sandbox = started.sandbox;
  clients = started;
  events = new EventBridgeClient(clientConfig(sandbox.endpoint));
  const trails = new CloudTrailClient(clientConfig(sandbox.endpoint));
  await clients.s3.send(new CreateBucketCommand({ Bucket: "trail-bucket" }));
  await trails.send(new CreateTrailCommand({ Name: "main", S3BucketName: "trail-bucket" }));
  await trails.send(new StartLoggingCommand({ Name: "main" }));
  trails.destroy();
});
afterAll(async () => {
  events.destroy();
  await sandbox.close();
});

const trust = (principal: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: principal }, Action: "sts:AssumeRole" }],
  });
const putPolicy = (resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: resource },
    ],
  });

async function role(name: string, principal: string, resource: string | null): Promise<string> {
  const created = await clients.iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal) }),
  );
  if (resource) {
    await clients.iam.send(
      new PutRolePolicyCommand({ RoleName: name, PolicyName: "put", PolicyDocument: putPolicy(resource) }),
    );
  }
  return created.Role?.Arn ?? "";
}

/** A stream archiving to its own bucket, a rule for Cognito's API activity sending to it as `roleArn`. */
async function route(name: string, roleArn: (streamArn: string) => Promise<string | undefined>) {
  await clients.s3.send(new CreateBucketCommand({ Bucket: `${name}-archive` }));
  const streamArn = await createArchiveStream(clients.firehose, ACCOUNT, name, `${name}-archive`);
  await events.send(
    new PutRuleCommand({ Name: name, EventPattern: JSON.stringify({ source: ["aws.cognito-idp"] }) }),
  );
  const arn = await roleArn(streamArn);
  const put = await events.send(
    new PutTargetsCommand({
      Rule: name,
      Targets: [{ Id: "firehose", Arn: streamArn, ...(arn ? { RoleArn: arn } : {}) }],
    }),
  );
  expect(put.FailedEntryCount).toBe(0);
  return streamArn;
}

async function objectsIn(bucket: string): Promise<string[]> {
  const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return Promise.all(
    (listed.Contents ?? []).map(async (o) => {
      const got = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key ?? "" }));
      return (await got.Body?.transformToString()) ?? "";
    }),
  );
}

async function settle(): Promise<void> {
  for (let i = 0; i < 200 && sandbox.pendingEvents() > 0; i++) await new Promise((r) => setTimeout(r, 10));
}

describe("EventBridge → Firehose target", () => {
  it("puts a Cognito call's event into the stream as the target's role, and the record reaches the stream's bucket", async () => {
    const streamArn = await route("api-ok", (arn) => role("events-ok", "events.amazonaws.com", arn));
    const pool = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "routed" }));
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.UserPool?.Id }));
    await settle();
    const deliveries = sandbox.eventDeliveries(ACCOUNT, REGION).filter((d) => d.rule === "api-ok");
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.every((d) => d.ok && d.target === streamArn)).toBe(true);
    const records = (await objectsIn("api-ok-archive"))
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    // One object per put, in no particular key order.
    expect(records.map((r) => r.detail.eventName).sort()).toEqual(["CreateUserPool", "UpdateUserPool"]);
    expect(records.find((r) => r.detail.eventName === "UpdateUserPool")).toMatchObject({
      source: "aws.cognito-idp",
      "detail-type": "AWS API Call via CloudTrail",
      detail: { requestParameters: { userPoolId: pool.UserPool?.Id } },
    });
  });

  it("puts nothing without a role, with a role EventBridge may not assume, or one not allowed on that stream, and says why", async () => {
    await route("api-norole", async () => undefined);
    await route("api-trust", (arn) => role("events-firehose-trust", "firehose.amazonaws.com", arn));
    await route("api-other", () =>
      role(
        "events-other",
        "events.amazonaws.com",
        `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/else`,
      ),
    );
    const pool = await clients.cognito.send(new CreateUserPoolCommand({ PoolName: "unrouted" }));
    await clients.cognito.send(new UpdateUserPoolCommand({ UserPoolId: pool.UserPool?.Id }));
    await settle();
    const reasons = (rule: string) =>
      sandbox
        .eventDeliveries(ACCOUNT, REGION)
        .filter((d) => d.rule === rule)
        .map((d) => (d.ok ? "ok" : d.reason));
    expect(reasons("api-norole")[0]).toContain("no RoleArn");
    expect(reasons("api-trust")[0]).toContain("may not assume role events-firehose-trust");
    expect(reasons("api-other")[0]).toContain("not allowed firehose:PutRecordBatch");
    for (const name of ["api-norole", "api-trust", "api-other"]) {
      expect(await objectsIn(`${name}-archive`)).toEqual([]);
    }
  });
});
