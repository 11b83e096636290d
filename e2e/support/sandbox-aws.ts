/**
 * The journeys arrange their own AWS state in the sandbox with the real SDK, the way an operator's
 * colleague would change things behind the console's back. Every name is unique per call so journeys
 * never step on each other or on the demo fleet.
 */

import { setTimeout as sleep } from "node:timers/promises";
import { CreateLogGroupCommand, PutResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  type LogConfigurationType,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { sdkClients } from "@clc/sandbox/test-support/clients";
import { demoAccountId, sandboxEndpoint } from "./env.ts";

const region = "us-east-1";
const { cognito, logs, firehose } = sdkClients(sandboxEndpoint, region);

export interface Pool {
  id: string;
  name: string;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A user pool of the journey's own (us-east-1), named `<label>-<unique>`. */
export async function createPool(options: {
  label: string;
  tier: "LITE" | "ESSENTIALS" | "PLUS";
  threatProtection?: "OFF" | "AUDIT" | "ENFORCED";
}): Promise<Pool> {
  const name = uniqueName(options.label);
  const answer = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: name,
      UserPoolTier: options.tier,
      ...(options.threatProtection
        ? { UserPoolAddOns: { AdvancedSecurityMode: options.threatProtection } }
        : {}),
    }),
  );
  const id = answer.UserPool?.Id;
  if (!id) throw new Error("The sandbox created a pool without an id");
  return { id, name };
}

/** Every deliverable log group of the journeys lives here, so one resource policy covers them all. */
const deliverablePrefix = "/aws/vendedlogs/e2e/";
const deliveryPolicyName = "e2e-log-delivery";
let deliveryPolicyInstalled: Promise<void> | undefined;

/**
 * One wildcard resource policy for all journeys' log groups: a policy per log group would hit the
 * account's limit of 10 resource policies per region after a handful of journeys. Installed by
 * sandbox.setup.ts before any journey runs, because the BFF caches a region's policies for minutes.
 */
export function installDeliveryPolicy(): Promise<void> {
  deliveryPolicyInstalled ??= logs
    .send(
      new PutResourcePolicyCommand({
        policyName: deliveryPolicyName,
        policyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "delivery.logs.amazonaws.com" },
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: `arn:aws:logs:${region}:${demoAccountId}:log-group:${deliverablePrefix}*`,
              Condition: {
                StringEquals: { "aws:SourceAccount": demoAccountId },
                ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${demoAccountId}:*` },
              },
            },
          ],
        }),
      }),
    )
    .then(() => undefined);
  return deliveryPolicyInstalled;
}

export interface LogGroup {
  name: string;
  arn: string;
}

function logGroupArn(name: string): string {
  return `arn:aws:logs:${region}:${demoAccountId}:log-group:${name}`;
}

/** A log group that can receive Cognito's logs: under /aws/vendedlogs/ and covered by a delivery policy. */
export async function createDeliverableLogGroup(label: string): Promise<LogGroup> {
  await installDeliveryPolicy();
  const name = `${deliverablePrefix}${uniqueName(label)}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  return { name, arn: logGroupArn(name) };
}

/** A log group no resource policy covers: the console must warn that no logs would arrive. */
export async function createLogGroupWithoutDeliveryPolicy(label: string): Promise<LogGroup> {
  const name = `/e2e/no-policy/${uniqueName(label)}`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  return { name, arn: logGroupArn(name) };
}

export interface FirehoseStream {
  name: string;
  arn: string;
}

/**
 * A DirectPut stream, with or without the LogDeliveryEnabled tag, returned once it is ACTIVE (the
 * standalone sandbox keeps new streams CREATING for a few seconds, as AWS does for minutes).
 */
export async function createFirehoseStream(
  label: string,
  options: { tagged: boolean },
): Promise<FirehoseStream> {
  const name = uniqueName(label);
  const answer = await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      DeliveryStreamType: "DirectPut",
      ExtendedS3DestinationConfiguration: {
        RoleARN: `arn:aws:iam::${demoAccountId}:role/e2e-firehose`,
        BucketARN: "arn:aws:s3:::e2e-firehose-target",
      },
      Tags: options.tagged ? [{ Key: "LogDeliveryEnabled", Value: "true" }] : [],
    }),
  );
  if (!answer.DeliveryStreamARN) throw new Error("The sandbox created a stream without an ARN");
  for (let attempt = 0; attempt < 300; attempt++) {
    const described = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (described.DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") {
      return { name, arn: answer.DeliveryStreamARN };
    }
    await sleep(100);
  }
  throw new Error(`The Firehose stream ${name} never became ACTIVE in the sandbox`);
}

/**
 * A Plus pool (threat protection on) with a deliverable log group and a tagged Firehose stream of its
 * own: one destination for each event source. Names start with `e2e-<label>` (the log group's below
 * the deliverable prefix).
 */
export async function createPlusPoolWithDestinations(
  label: string,
  threatProtection: "AUDIT" | "ENFORCED",
): Promise<{ pool: Pool; logGroup: LogGroup; stream: FirehoseStream }> {
  const pool = await createPool({ label: `e2e-${label}`, tier: "PLUS", threatProtection });
  const logGroup = await createDeliverableLogGroup(label);
  const stream = await createFirehoseStream(`e2e-${label}`, { tagged: true });
  return { pool, logGroup, stream };
}

export async function setLogDelivery(poolId: string, configurations: LogConfigurationType[]): Promise<void> {
  await cognito.send(
    new SetLogDeliveryConfigurationCommand({ UserPoolId: poolId, LogConfigurations: configurations }),
  );
}

export async function getLogDelivery(poolId: string): Promise<LogConfigurationType[]> {
  const answer = await cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
  return answer.LogDeliveryConfiguration?.LogConfigurations ?? [];
}

/** The entry that sends a pool's message-delivery errors to a log group. */
export function notificationsTo(logGroup: LogGroup): LogConfigurationType {
  return {
    EventSource: "userNotification",
    LogLevel: "ERROR",
    CloudWatchLogsConfiguration: { LogGroupArn: logGroup.arn },
  };
}

/** The entry that sends a pool's user activity to a Firehose stream. */
export function activityToFirehose(stream: FirehoseStream): LogConfigurationType {
  return {
    EventSource: "userAuthEvents",
    LogLevel: "INFO",
    FirehoseConfiguration: { StreamArn: stream.arn },
  };
}

/**
 * What AWS stores for a pool as `event source → destination ARN`: the list's order means nothing
 * (Get reorders it), so journeys compare this map instead.
 */
export async function storedDestinations(poolId: string): Promise<Record<string, string | undefined>> {
  const stored: Record<string, string | undefined> = {};
  for (const entry of await getLogDelivery(poolId)) {
    if (!entry.EventSource) continue;
    stored[entry.EventSource] =
      entry.CloudWatchLogsConfiguration?.LogGroupArn ??
      entry.FirehoseConfiguration?.StreamArn ??
      entry.S3Configuration?.BucketArn;
  }
  return stored;
}
