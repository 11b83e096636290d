/**
 * The journeys arrange their own AWS state in the sandbox with the real SDK, the way an operator's
 * colleague would change things behind the console's back. Every name is unique per call so journeys
 * never step on each other or on the demo fleet.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutResourcePolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  type LogConfigurationType,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand, FirehoseClient } from "@aws-sdk/client-firehose";
import { demoAccountId, sandboxEndpoint } from "./env.ts";

const region = "us-east-1";
const clientConfig = {
  region,
  endpoint: sandboxEndpoint,
  credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" },
};
const cognito = new CognitoIdentityProviderClient(clientConfig);
const logs = new CloudWatchLogsClient(clientConfig);
const firehose = new FirehoseClient(clientConfig);

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function createPool(options: {
  name: string;
  tier: "LITE" | "ESSENTIALS" | "PLUS";
  threatProtection?: "OFF" | "AUDIT" | "ENFORCED";
}): Promise<{ id: string; name: string }> {
  const answer = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: options.name,
      UserPoolTier: options.tier,
      ...(options.threatProtection
        ? { UserPoolAddOns: { AdvancedSecurityMode: options.threatProtection } }
        : {}),
    }),
  );
  const id = answer.UserPool?.Id;
  if (!id) throw new Error("The sandbox created a pool without an id");
  return { id, name: options.name };
}

/** A log group that can receive Cognito's logs: under /aws/vendedlogs/ with a delivery resource policy. */
export async function createDeliverableLogGroup(name: string): Promise<string> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
  const arn = `arn:aws:logs:${region}:${demoAccountId}:log-group:${name}`;
  await logs.send(
    new PutResourcePolicyCommand({
      policyName: uniqueName("e2e-delivery"),
      policyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `${arn}:log-stream:*`,
            Condition: {
              StringEquals: { "aws:SourceAccount": demoAccountId },
              ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${demoAccountId}:*` },
            },
          },
        ],
      }),
    }),
  );
  return arn;
}

export async function createFirehoseStream(name: string, options: { tagged: boolean }): Promise<string> {
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
  return answer.DeliveryStreamARN;
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
