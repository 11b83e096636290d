import { PutResourcePolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { CreateDeliveryStreamCommand } from "@aws-sdk/client-firehose";
import { PutBucketPolicyCommand } from "@aws-sdk/client-s3";
import { bucketDeliveryStatements, logGroupDeliveryStatement, serializePolicy } from "@clc/domain";
import type { SdkClients } from "@clc/sandbox/test-support/clients";
import { expect } from "vitest";
import { createBucket, createLogGroup, type Stack, setLogDelivery } from "./helpers.ts";

/**
 * Setting up pools and destinations in each delivery state (issue 15), shared by the pool route's
 * tests (delivery-state.test.ts) and the fleet's (fleet-delivery.test.ts). `env` is read at each
 * call: the stack starts in the test file's beforeAll.
 */
export function deliverySetup(env: () => { stack: Stack; aws: SdkClients }, region: string) {
  const plusPool = async (
    name: string,
    mode: "OFF" | "AUDIT" | "ENFORCED" = "AUDIT",
    tier = "PLUS" as const,
  ) =>
    (
      await env().aws.cognito.send(
        new CreateUserPoolCommand({
          PoolName: name,
          UserPoolTier: tier,
          ...(tier === "PLUS" ? { UserPoolAddOns: { AdvancedSecurityMode: mode } } : {}),
        }),
      )
    ).UserPool?.Id ?? "";
  const essentialsPool = async (name: string) =>
    (await env().aws.cognito.send(new CreateUserPoolCommand({ PoolName: name, UserPoolTier: "ESSENTIALS" })))
      .UserPool?.Id ?? "";
  const emit = async (userPoolId: string, count: number, eventSource = "userAuthEvents") => {
    const answer = await fetch(`${env().stack.sandbox.endpoint}/_sandbox/emit`, {
      method: "POST",
      body: JSON.stringify({ userPoolId, count, eventSource }),
    });
    expect(answer.status).toBe(200);
  };
  const diagnose = async (userPoolId: string) => {
    const answer = await fetch(
      `${env().stack.sandbox.endpoint}/_sandbox/diagnostics?userPoolId=${userPoolId}`,
    );
    return (await answer.json()) as {
      eventSources: {
        eventSource: string;
        configured: boolean;
        delivered: boolean;
        reasons: { id: string }[];
      }[];
    };
  };
  /** A log group with the delivery policy; under /aws/vendedlogs/ unless `own` (a policy naming it alone). */
  const vendedGroup = async (name: string, own = false) => {
    const arn = await createLogGroup(
      env().stack.sandbox,
      region,
      own ? `/cognito/${name}` : `/aws/vendedlogs/cognito/${name}`,
    );
    await env().aws.logs.send(
      new PutResourcePolicyCommand({
        policyName: `delivery-${name}`,
        policyDocument: serializePolicy({
          Version: "2012-10-17",
          Statement: [logGroupDeliveryStatement(arn)],
        }),
      }),
    );
    return arn;
  };
  const toLogGroup = (
    poolId: string,
    arn: string,
    eventSource: "userAuthEvents" | "userNotification" = "userAuthEvents",
  ) =>
    setLogDelivery(env().stack.sandbox, region, poolId, [
      {
        EventSource: eventSource,
        LogLevel: eventSource === "userAuthEvents" ? "INFO" : "ERROR",
        CloudWatchLogsConfiguration: { LogGroupArn: arn },
      },
    ]);
  const toStream = (poolId: string, arn: string) =>
    setLogDelivery(env().stack.sandbox, region, poolId, [
      { EventSource: "userAuthEvents", LogLevel: "INFO", FirehoseConfiguration: { StreamArn: arn } },
    ]);
  const toBucket = (poolId: string, arn: string) =>
    setLogDelivery(env().stack.sandbox, region, poolId, [
      { EventSource: "userAuthEvents", LogLevel: "INFO", S3Configuration: { BucketArn: arn } },
    ]);
  const deliveryBucket = async (name: string) => {
    const arn = await createBucket(env().stack.sandbox, region, name);
    const statements = bucketDeliveryStatements({
      bucket: name,
      region,
      accountId: env().stack.sandbox.accountId,
    });
    await env().aws.s3.send(
      new PutBucketPolicyCommand({
        Bucket: name,
        Policy: serializePolicy({ Version: "2012-10-17", Statement: statements }),
      }),
    );
    return arn;
  };
  const endpointStream = async (name: string) => {
    await createBucket(env().stack.sandbox, region, `${name}-backup`);
    const role = `arn:aws:iam::${env().stack.sandbox.accountId}:role/firehose`;
    const created = await env().aws.firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        DeliveryStreamType: "DirectPut",
        HttpEndpointDestinationConfiguration: {
          EndpointConfiguration: {
            Url: "https://api.openobserve.example/aws/default/_kinesis_firehose",
            Name: "OpenObserve",
          },
          RoleARN: role,
          S3Configuration: { RoleARN: role, BucketARN: `arn:aws:s3:::${name}-backup` },
        },
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    return created.DeliveryStreamARN ?? "";
  };

  return {
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
  };
}
