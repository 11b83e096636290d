/** Every SDK v3 client the console uses, against one sandbox endpoint: each parses our answers and errors. */
import { Readable } from "node:stream";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
} from "@aws-sdk/client-firehose";
import {
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSandbox, startSandbox } from "../src/index.ts";
import { clientConfig } from "./support/aws.ts";

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: "none", accountId: "210987654321" });
});
afterAll(() => sandbox.close());

describe("the SDK v3 clients against the sandbox", () => {
  it("STS reports the configured account", async () => {
    const sts = new STSClient(clientConfig(sandbox.endpoint, "eu-west-1"));
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe("210987654321");
    expect(identity.Arn).toMatch(/^arn:aws:iam::210987654321:/);
  });

  it("IAM creates, reads and extends roles, and answers AWS's errors", async () => {
    const iam = new IAMClient(clientConfig(sandbox.endpoint, "us-east-1"));
    const trust = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
    const created = await iam.send(
      new CreateRoleCommand({ RoleName: "firehose-delivery", AssumeRolePolicyDocument: trust }),
    );
    expect(created.Role?.Arn).toBe("arn:aws:iam::210987654321:role/firehose-delivery");
    expect(created.Role?.CreateDate).toBeInstanceOf(Date);
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: "firehose-delivery", AssumeRolePolicyDocument: trust })),
    ).rejects.toMatchObject({
      name: "EntityAlreadyExistsException",
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "firehose-delivery",
        PolicyName: "write",
        PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [] }),
      }),
    );
    await expect(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: "firehose-delivery",
          PolicyName: "bad",
          PolicyDocument: "not json",
        }),
      ),
    ).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
    });
    const got = await iam.send(new GetRoleCommand({ RoleName: "firehose-delivery" }));
    expect(decodeURIComponent(got.Role?.AssumeRolePolicyDocument ?? "")).toBe(trust);
    await expect(iam.send(new GetRoleCommand({ RoleName: "nobody" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The role with name nobody cannot be found.",
    });
    const linked = await iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: "delivery.logs.amazonaws.com" }),
    );
    expect(linked.Role?.RoleName).toBe("AWSServiceRoleForLogDelivery");
    expect(linked.Role?.Path).toBe("/aws-service-role/delivery.logs.amazonaws.com/");
    await expect(
      iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "delivery.logs.amazonaws.com" })),
    ).rejects.toMatchObject({ name: "InvalidInputException" });
    await expect(
      iam.send(new CreateRoleCommand({ RoleName: "bad name", AssumeRolePolicyDocument: trust })),
    ).rejects.toMatchObject({
      name: "ValidationError",
      message: expect.stringContaining(
        "at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern",
      ),
    });
  });

  it("S3 creates a bucket in a region, takes a checksummed streaming upload, and reads it back", async () => {
    const s3 = new S3Client({ ...clientConfig(sandbox.endpoint, "eu-west-1"), forcePathStyle: true });
    await s3.send(
      new CreateBucketCommand({
        Bucket: "sdk-clients-eu",
        CreateBucketConfiguration: { LocationConstraint: "eu-west-1" },
      }),
    );
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: "sdk-clients-eu" }));
    expect(location.LocationConstraint).toBe("eu-west-1");
    const head = await s3.send(new HeadBucketCommand({ Bucket: "sdk-clients-eu" }));
    expect(head.BucketRegion).toBe("eu-west-1");
    await s3.send(
      new PutObjectCommand({
        Bucket: "sdk-clients-eu",
        Key: "a/b.json",
        Body: '{"hello":"world"}',
        ChecksumAlgorithm: "CRC32",
      }),
    );
    const streamed = Buffer.from("x".repeat(70_000));
    await s3.send(
      new PutObjectCommand({
        Bucket: "sdk-clients-eu",
        Key: "stream.bin",
        Body: Readable.from([streamed]),
        ContentLength: streamed.length,
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: "sdk-clients-eu", Key: "a/b.json" }));
    expect(await got.Body?.transformToString()).toBe('{"hello":"world"}');
    const big = await s3.send(new GetObjectCommand({ Bucket: "sdk-clients-eu", Key: "stream.bin" }));
    expect((await big.Body?.transformToByteArray())?.length).toBe(70_000);
  });

  it("logs, firehose and cognito-idp work together for a Set with both event sources", async () => {
    const region = "eu-west-1";
    const logs = new CloudWatchLogsClient(clientConfig(sandbox.endpoint, region));
    const firehose = new FirehoseClient(clientConfig(sandbox.endpoint, region));
    const cognito = new CognitoIdentityProviderClient(clientConfig(sandbox.endpoint, region));
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/aws/vendedlogs/cognito/sdk/notifications" }));
    const groups = await logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/vendedlogs/cognito/sdk" }),
    );
    const groupArn = groups.logGroups?.[0]?.logGroupArn ?? "";
    const stream = await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: "sdk-activity",
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: {
          RoleARN: "arn:aws:iam::210987654321:role/firehose-delivery",
          BucketARN: "arn:aws:s3:::sdk-clients-eu",
        },
        Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
      }),
    );
    const described = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: "sdk-activity" }),
    );
    expect(described.DeliveryStreamDescription?.DeliveryStreamARN).toBe(stream.DeliveryStreamARN);
    const pool = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: "sdk",
        UserPoolTier: "PLUS",
        UserPoolAddOns: { AdvancedSecurityMode: "ENFORCED" },
      }),
    );
    const poolId = pool.UserPool?.Id ?? "";
    expect(poolId).toMatch(/^eu-west-1_/);
    const set = await cognito.send(
      new SetLogDeliveryConfigurationCommand({
        UserPoolId: poolId,
        LogConfigurations: [
          {
            LogLevel: "ERROR",
            EventSource: "userNotification",
            CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
          },
          {
            LogLevel: "INFO",
            EventSource: "userAuthEvents",
            FirehoseConfiguration: { StreamArn: stream.DeliveryStreamARN ?? "" },
          },
        ],
      }),
    );
    expect(set.LogDeliveryConfiguration?.LogConfigurations).toHaveLength(2);
    const got = await cognito.send(new GetLogDeliveryConfigurationCommand({ UserPoolId: poolId }));
    expect(new Map(got.LogDeliveryConfiguration?.LogConfigurations?.map((c) => [c.EventSource, c]))).toEqual(
      new Map([
        [
          "userNotification",
          {
            LogLevel: "ERROR",
            EventSource: "userNotification",
            CloudWatchLogsConfiguration: { LogGroupArn: groupArn },
          },
        ],
        [
          "userAuthEvents",
          {
            LogLevel: "INFO",
            EventSource: "userAuthEvents",
            FirehoseConfiguration: { StreamArn: stream.DeliveryStreamARN },
          },
        ],
      ]),
    );
    // The same stream from the wrong region is refused the way AWS refuses a foreign log group.
    const west = new CognitoIdentityProviderClient(clientConfig(sandbox.endpoint, "us-east-1"));
    const westPool = await west.send(
      new CreateUserPoolCommand({ PoolName: "sdk-west", UserPoolTier: "PLUS" }),
    );
    await expect(
      west.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: westPool.UserPool?.Id ?? "",
          LogConfigurations: [
            {
              LogLevel: "INFO",
              EventSource: "userAuthEvents",
              FirehoseConfiguration: { StreamArn: stream.DeliveryStreamARN ?? "" },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: "InvalidParameterException",
      message: expect.stringContaining("ARN does not belong to current region"),
    });
  });

  it("counts each client's calls by service:Operation", () => {
    const { byOperation } = sandbox.calls();
    for (const key of [
      "sts:GetCallerIdentity",
      "iam:CreateRole",
      "s3:PutObject",
      "s3:CreateBucket",
      "logs:CreateLogGroup",
      "firehose:CreateDeliveryStream",
      "cognito-idp:SetLogDeliveryConfiguration",
    ]) {
      expect(byOperation[key], key).toBeGreaterThan(0);
    }
  });
});
