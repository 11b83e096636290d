/**
 * Differential check of the sandbox against moto (a development tool, not a test CI runs).
 *
 * Sends the same requests, through the real SDK v3 clients, to a fresh in-process sandbox and to a
 * fresh `python3 -m moto.server` on a free port, and compares per request: HTTP status, error code,
 * and the answer's shape (the set of member paths, arrays read through their first element). Prints
 * a Markdown table of every request and lists the differences; `--only-diff` prints only those.
 *
 *   pnpm --filter @clc/sandbox compare:moto [--only-diff]
 *
 * moto is a reference, not the truth: where the two differ, AWS's documents and the rules doc
 * decide (the README's table says which side is right for each known difference).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { AccountClient, ListRegionsCommand } from "@aws-sdk/client-account";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  PutLogEventsCommand,
  PutLogGroupDeletionProtectionCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetLogDeliveryConfigurationCommand,
  ListUserPoolsCommand,
  SetLogDeliveryConfigurationCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  TagDeliveryStreamCommand,
} from "@aws-sdk/client-firehose";
import {
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import {
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import {
  type BucketCannedACL,
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startSandbox } from "../src/index.ts";

const ACCOUNT = "123456789012"; // moto's default account
const REGION = "us-east-1";

interface Clients {
  logs: CloudWatchLogsClient;
  cognito: CognitoIdentityProviderClient;
  firehose: FirehoseClient;
  iam: IAMClient;
  s3: S3Client;
  sts: STSClient;
  organizations: OrganizationsClient;
  account: AccountClient;
}

function clientsFor(endpoint: string): Clients {
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  };
  return {
    logs: new CloudWatchLogsClient(config),
    cognito: new CognitoIdentityProviderClient(config),
    firehose: new FirehoseClient(config),
    iam: new IAMClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
    sts: new STSClient(config),
    organizations: new OrganizationsClient(config),
    account: new AccountClient(config),
  };
}

/** What one side answered, reduced to what we compare. */
interface Outcome {
  status: number;
  code: string;
  shape: string[];
  /** Saved for later probes (e.g. a pool id moto and the sandbox each invent). */
  value: unknown;
}

function shapeOf(value: unknown, prefix = "", depth = 0, out: string[] = []): string[] {
  if (depth > 4 || value === null || typeof value !== "object" || value instanceof Date) return out;
  if (value instanceof Uint8Array || typeof (value as { pipe?: unknown }).pipe === "function") return out;
  if (Array.isArray(value)) {
    if (value.length > 0) shapeOf(value[0], `${prefix}[]`, depth + 1, out);
    return out;
  }
  for (const [key, member] of Object.entries(value)) {
    if (key === "$metadata" || member === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    out.push(path);
    shapeOf(member, path, depth + 1, out);
  }
  return out.sort();
}

interface Probe {
  /** `service:Operation`. */
  op: string;
  /** What the request is about (a gap closed, a normal call…). */
  what: string;
  send(c: Clients, saved: Record<string, unknown>): Promise<unknown>;
  /** Keep (part of) the answer for later probes under this name. */
  save?: (answer: Record<string, unknown>) => unknown;
}

const ASSUME_FIREHOSE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "firehose.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});
/** A role the caller's account may assume with external ID `right-id` (issue 14). */
const ASSUME_WITH_EXTERNAL_ID = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": "right-id" } },
    },
  ],
});
const ASSUMABLE = `arn:aws:iam::${ACCOUNT}:role/compare-assumable`;
const BUCKET = "clc-moto-compare";
const GROUP = "/aws/vendedlogs/cognito/compare";

const probes: Probe[] = [
  {
    op: "sts:GetCallerIdentity",
    what: "who am I",
    send: (c) => c.sts.send(new GetCallerIdentityCommand({})),
  },
  // ---- IAM ----
  {
    op: "iam:CreateRole",
    what: "new role",
    send: (c) =>
      c.iam.send(
        new CreateRoleCommand({ RoleName: "compare-firehose", AssumeRolePolicyDocument: ASSUME_FIREHOSE }),
      ),
  },
  {
    op: "iam:CreateRole",
    what: "same name again",
    send: (c) =>
      c.iam.send(
        new CreateRoleCommand({ RoleName: "compare-firehose", AssumeRolePolicyDocument: ASSUME_FIREHOSE }),
      ),
  },
  {
    op: "iam:CreateRole",
    what: "trust policy not JSON",
    send: (c) =>
      c.iam.send(new CreateRoleCommand({ RoleName: "compare-bad", AssumeRolePolicyDocument: "{nope" })),
  },
  {
    op: "iam:GetRole",
    what: "existing",
    send: (c) => c.iam.send(new GetRoleCommand({ RoleName: "compare-firehose" })),
  },
  {
    op: "iam:GetRole",
    what: "missing",
    send: (c) => c.iam.send(new GetRoleCommand({ RoleName: "compare-none" })),
  },
  {
    op: "iam:PutRolePolicy",
    what: "inline policy",
    send: (c) =>
      c.iam.send(
        new PutRolePolicyCommand({
          RoleName: "compare-firehose",
          PolicyName: "s3",
          PolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: `arn:aws:s3:::${BUCKET}/*` }],
          }),
        }),
      ),
  },
  {
    op: "iam:DeleteRole",
    what: "role that still has an inline policy",
    send: (c) => c.iam.send(new DeleteRoleCommand({ RoleName: "compare-firehose" })),
  },
  {
    op: "iam:DeleteRolePolicy",
    what: "policy that does not exist",
    send: (c) =>
      c.iam.send(new DeleteRolePolicyCommand({ RoleName: "compare-firehose", PolicyName: "none" })),
  },
  {
    op: "iam:CreateServiceLinkedRole",
    what: "log delivery's role",
    send: (c) =>
      c.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: "delivery.logs.amazonaws.com" })),
  },
  // ---- S3 ----
  {
    op: "s3:CreateBucket",
    what: "new bucket",
    send: (c) => c.s3.send(new CreateBucketCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:CreateBucket",
    what: "x-amz-acl log-delivery-write on a new bucket (BucketOwnerEnforced)",
    send: (c) =>
      c.s3.send(
        new CreateBucketCommand({ Bucket: `${BUCKET}-acl`, ACL: "log-delivery-write" as BucketCannedACL }),
      ),
  },
  {
    op: "s3:CreateBucket",
    what: "x-amz-acl with ObjectOwnership ObjectWriter (ACLs enabled)",
    send: (c) =>
      c.s3.send(
        new CreateBucketCommand({
          Bucket: `${BUCKET}-writer`,
          ACL: "log-delivery-write" as BucketCannedACL,
          ObjectOwnership: "ObjectWriter",
        }),
      ),
  },
  {
    op: "s3:CreateBucket",
    what: "invalid name",
    send: (c) => c.s3.send(new CreateBucketCommand({ Bucket: "Not_A_Bucket" })),
  },
  { op: "s3:ListBuckets", what: "list", send: (c) => c.s3.send(new ListBucketsCommand({})) },
  {
    op: "s3:HeadBucket",
    what: "existing",
    send: (c) => c.s3.send(new HeadBucketCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:HeadBucket",
    what: "missing",
    send: (c) => c.s3.send(new HeadBucketCommand({ Bucket: "clc-compare-none" })),
  },
  {
    op: "s3:GetBucketLocation",
    what: "us-east-1 bucket",
    send: (c) => c.s3.send(new GetBucketLocationCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:GetBucketOwnershipControls",
    what: "new bucket (BucketOwnerEnforced)",
    send: (c) => c.s3.send(new GetBucketOwnershipControlsCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:GetBucketPolicy",
    what: "no policy yet",
    send: (c) => c.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:PutBucketPolicy",
    what: "delivery policy",
    send: (c) =>
      c.s3.send(
        new PutBucketPolicyCommand({
          Bucket: BUCKET,
          Policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { Service: "delivery.logs.amazonaws.com" },
                Action: "s3:PutObject",
                Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${ACCOUNT}/*`,
              },
            ],
          }),
        }),
      ),
  },
  {
    op: "s3:GetBucketPolicy",
    what: "after put",
    send: (c) => c.s3.send(new GetBucketPolicyCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:GetBucketEncryption",
    what: "default SSE-S3",
    send: (c) => c.s3.send(new GetBucketEncryptionCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:PutBucketEncryption",
    what: "SSE-KMS with a key",
    send: (c) =>
      c.s3.send(
        new PutBucketEncryptionCommand({
          Bucket: BUCKET,
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: "aws:kms",
                  KMSMasterKeyID: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
                },
              },
            ],
          },
        }),
      ),
  },
  {
    op: "s3:GetPublicAccessBlock",
    what: "new bucket (blocked by default)",
    send: (c) => c.s3.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:GetBucketTagging",
    what: "no tags",
    send: (c) => c.s3.send(new GetBucketTaggingCommand({ Bucket: BUCKET })),
  },
  {
    op: "s3:PutBucketTagging",
    what: "one tag",
    send: (c) =>
      c.s3.send(
        new PutBucketTaggingCommand({ Bucket: BUCKET, Tagging: { TagSet: [{ Key: "team", Value: "id" }] } }),
      ),
  },
  {
    op: "s3:PutObject",
    what: "plain object",
    send: (c) => c.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "AWSLogs/a.json", Body: "{}" })),
  },
  {
    op: "s3:PutObject",
    what: "x-amz-acl public-read on a BucketOwnerEnforced bucket",
    send: (c) =>
      c.s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: "AWSLogs/b.json", Body: "{}", ACL: "public-read" }),
      ),
  },
  {
    op: "s3:PutObject",
    what: "x-amz-acl bucket-owner-full-control (what log delivery sends)",
    send: (c) =>
      c.s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: "AWSLogs/c.json",
          Body: "{}",
          ACL: "bucket-owner-full-control",
        }),
      ),
  },
  {
    op: "s3:GetObject",
    what: "missing key",
    send: (c) => c.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "none" })),
  },
  {
    op: "s3:ListObjectsV2",
    what: "list",
    send: (c) => c.s3.send(new ListObjectsV2Command({ Bucket: BUCKET })),
  },
  {
    op: "s3:DeleteBucket",
    what: "not empty",
    send: (c) => c.s3.send(new DeleteBucketCommand({ Bucket: BUCKET })),
  },
  // ---- CloudWatch Logs ----
  {
    op: "logs:CreateLogGroup",
    what: "new group",
    send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })),
  },
  {
    op: "logs:CreateLogGroup",
    what: "same name again",
    send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP })),
  },
  {
    op: "logs:CreateLogGroup",
    what: "name with a space",
    send: (c) => c.logs.send(new CreateLogGroupCommand({ logGroupName: "bad name" })),
  },
  {
    op: "logs:CreateLogGroup",
    what: "deletion protection on",
    send: (c) =>
      c.logs.send(
        new CreateLogGroupCommand({ logGroupName: `${GROUP}-protected`, deletionProtectionEnabled: true }),
      ),
  },
  {
    op: "logs:CreateLogGroup",
    what: "tag key with a character outside the pattern",
    send: (c) =>
      c.logs.send(new CreateLogGroupCommand({ logGroupName: `${GROUP}-tags`, tags: { "a*b": "x" } })),
  },
  {
    op: "logs:DescribeLogGroups",
    what: "by prefix",
    send: (c) => c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP })),
  },
  {
    op: "logs:DescribeLogGroups",
    what: "prefix with ':*' (the console's old search)",
    send: (c) => c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `${GROUP}:*` })),
  },
  {
    op: "logs:DescribeLogGroups",
    what: "limit 51",
    send: (c) => c.logs.send(new DescribeLogGroupsCommand({ limit: 51 })),
  },
  {
    op: "logs:PutRetentionPolicy",
    what: "2 days (not an allowed value)",
    send: (c) => c.logs.send(new PutRetentionPolicyCommand({ logGroupName: GROUP, retentionInDays: 2 })),
  },
  {
    op: "logs:CreateLogStream",
    what: "new stream",
    send: (c) => c.logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "s1" })),
  },
  {
    op: "logs:CreateLogStream",
    what: "missing group",
    send: (c) =>
      c.logs.send(new CreateLogStreamCommand({ logGroupName: `${GROUP}-none`, logStreamName: "s1" })),
  },
  {
    op: "logs:PutLogEvents",
    what: "one event",
    send: (c) =>
      c.logs.send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: "s1",
          logEvents: [{ timestamp: Date.now(), message: "hello" }],
        }),
      ),
  },
  {
    op: "logs:DescribeLogStreams",
    what: "of the group",
    send: (c) => c.logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP })),
  },
  {
    op: "logs:GetLogEvents",
    what: "from head",
    send: (c) =>
      c.logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: "s1", startFromHead: true })),
  },
  {
    op: "logs:FilterLogEvents",
    what: "all",
    send: (c) => c.logs.send(new FilterLogEventsCommand({ logGroupName: GROUP })),
  },
  {
    op: "logs:TagResource",
    what: "by ARN",
    send: (c) =>
      c.logs.send(
        new TagResourceCommand({
          resourceArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`,
          tags: { team: "identity" },
        }),
      ),
  },
  {
    op: "logs:ListTagsForResource",
    what: "by ARN",
    send: (c) =>
      c.logs.send(
        new ListTagsForResourceCommand({
          resourceArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`,
        }),
      ),
  },
  {
    op: "logs:DeleteLogGroup",
    what: "deletion-protected group",
    send: (c) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: `${GROUP}-protected` })),
  },
  {
    op: "logs:PutLogGroupDeletionProtection",
    what: "turn it off",
    send: (c) =>
      c.logs.send(
        new PutLogGroupDeletionProtectionCommand({
          logGroupIdentifier: `${GROUP}-protected`,
          deletionProtectionEnabled: false,
        }),
      ),
  },
  {
    op: "logs:DeleteLogGroup",
    what: "missing group",
    send: (c) => c.logs.send(new DeleteLogGroupCommand({ logGroupName: `${GROUP}-none` })),
  },
  // ---- Firehose ----
  {
    op: "firehose:CreateDeliveryStream",
    what: "DirectPut to S3",
    send: (c) =>
      c.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "compare-stream",
          DeliveryStreamType: "DirectPut",
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${ACCOUNT}:role/compare-firehose`,
            BucketARN: `arn:aws:s3:::${BUCKET}`,
          },
          Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
        }),
      ),
  },
  {
    op: "firehose:CreateDeliveryStream",
    what: "same name again",
    send: (c) =>
      c.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "compare-stream",
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${ACCOUNT}:role/compare-firehose`,
            BucketARN: `arn:aws:s3:::${BUCKET}`,
          },
        }),
      ),
  },
  {
    op: "firehose:CreateDeliveryStream",
    what: "name with a space",
    send: (c) =>
      c.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "bad name",
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${ACCOUNT}:role/compare-firehose`,
            BucketARN: `arn:aws:s3:::${BUCKET}`,
          },
        }),
      ),
  },
  {
    op: "firehose:CreateDeliveryStream",
    what: "customer-managed key named by alias, not ARN",
    send: (c) =>
      c.firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: "compare-key-alias",
          DeliveryStreamEncryptionConfigurationInput: {
            KeyType: "CUSTOMER_MANAGED_CMK",
            KeyARN: "alias/my-key",
          },
          ExtendedS3DestinationConfiguration: {
            RoleARN: `arn:aws:iam::${ACCOUNT}:role/compare-firehose`,
            BucketARN: `arn:aws:s3:::${BUCKET}`,
          },
        }),
      ),
  },
  {
    op: "firehose:DescribeDeliveryStream",
    what: "existing",
    send: (c) => c.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "compare-stream" })),
  },
  {
    op: "firehose:DescribeDeliveryStream",
    what: "missing",
    send: (c) => c.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: "compare-none" })),
  },
  {
    op: "firehose:ListDeliveryStreams",
    what: "list",
    send: (c) => c.firehose.send(new ListDeliveryStreamsCommand({})),
  },
  {
    op: "firehose:TagDeliveryStream",
    what: "one tag",
    send: (c) =>
      c.firehose.send(
        new TagDeliveryStreamCommand({
          DeliveryStreamName: "compare-stream",
          Tags: [{ Key: "team", Value: "id" }],
        }),
      ),
  },
  {
    op: "firehose:ListTagsForDeliveryStream",
    what: "tags",
    send: (c) =>
      c.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: "compare-stream" })),
  },
  // ---- Cognito ----
  {
    op: "cognito-idp:CreateUserPool",
    what: "new pool",
    send: (c) => c.cognito.send(new CreateUserPoolCommand({ PoolName: "compare" })),
    save: (a) => (a.UserPool as { Id?: string } | undefined)?.Id,
  },
  {
    op: "cognito-idp:ListUserPools",
    what: "list",
    send: (c) => c.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })),
  },
  {
    op: "cognito-idp:ListUserPools",
    what: "MaxResults 61",
    send: (c) => c.cognito.send(new ListUserPoolsCommand({ MaxResults: 61 })),
  },
  {
    op: "cognito-idp:DescribeUserPool",
    what: "missing",
    send: (c) => c.cognito.send(new DescribeUserPoolCommand({ UserPoolId: "us-east-1_ZZZZZZZZZ" })),
  },
  {
    op: "cognito-idp:GetLogDeliveryConfiguration",
    what: "unconfigured pool",
    send: (c, saved) =>
      c.cognito.send(
        new GetLogDeliveryConfigurationCommand({ UserPoolId: String(saved["cognito-idp:CreateUserPool"]) }),
      ),
  },
  {
    op: "cognito-idp:SetLogDeliveryConfiguration",
    what: "userNotification to a log group",
    send: (c, saved) =>
      c.cognito.send(
        new SetLogDeliveryConfigurationCommand({
          UserPoolId: String(saved["cognito-idp:CreateUserPool"]),
          LogConfigurations: [
            {
              EventSource: "userNotification",
              LogLevel: "ERROR",
              CloudWatchLogsConfiguration: {
                LogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${GROUP}`,
              },
            },
          ],
        }),
      ),
  },
  // ---- Several accounts (issue 14) ----
  {
    op: "iam:CreateRole",
    what: "role with an external ID condition",
    send: (c) =>
      c.iam.send(
        new CreateRoleCommand({
          RoleName: "compare-assumable",
          AssumeRolePolicyDocument: ASSUME_WITH_EXTERNAL_ID,
        }),
      ),
  },
  {
    op: "sts:AssumeRole",
    what: "right external ID",
    send: (c) =>
      c.sts.send(
        new AssumeRoleCommand({ RoleArn: ASSUMABLE, RoleSessionName: "compare", ExternalId: "right-id" }),
      ),
  },
  {
    op: "sts:AssumeRole",
    what: "wrong external ID",
    send: (c) =>
      c.sts.send(
        new AssumeRoleCommand({ RoleArn: ASSUMABLE, RoleSessionName: "compare", ExternalId: "wrong-id" }),
      ),
  },
  {
    op: "sts:AssumeRole",
    what: "missing role",
    send: (c) =>
      c.sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/compare-none`,
          RoleSessionName: "compare",
        }),
      ),
  },
  {
    op: "sts:AssumeRole",
    what: "session name of 1 character",
    send: (c) =>
      c.sts.send(new AssumeRoleCommand({ RoleArn: ASSUMABLE, RoleSessionName: "c", ExternalId: "right-id" })),
  },
  {
    op: "sts:AssumeRole",
    what: "7200 s on a 3600 s role",
    send: (c) =>
      c.sts.send(
        new AssumeRoleCommand({
          RoleArn: ASSUMABLE,
          RoleSessionName: "compare",
          ExternalId: "right-id",
          DurationSeconds: 7200,
        }),
      ),
  },
  {
    op: "organizations:DescribeOrganization",
    what: "no organization",
    send: (c) => c.organizations.send(new DescribeOrganizationCommand({})),
  },
  {
    op: "organizations:ListAccounts",
    what: "no organization",
    send: (c) => c.organizations.send(new ListAccountsCommand({})),
  },
  {
    op: "organizations:CreateOrganization",
    what: "all features",
    send: (c) => c.organizations.send(new CreateOrganizationCommand({ FeatureSet: "ALL" })),
  },
  {
    op: "organizations:ListRoots",
    what: "the root",
    send: (c) => c.organizations.send(new ListRootsCommand({})),
    save: (answer) => (answer.Roots as { Id?: string }[] | undefined)?.[0]?.Id,
  },
  {
    op: "organizations:CreateOrganizationalUnit",
    what: "under the root",
    send: (c, saved) =>
      c.organizations.send(
        new CreateOrganizationalUnitCommand({
          ParentId: String(saved["organizations:ListRoots"]),
          Name: "Production",
        }),
      ),
  },
  {
    op: "organizations:ListOrganizationalUnitsForParent",
    what: "the root's",
    send: (c, saved) =>
      c.organizations.send(
        new ListOrganizationalUnitsForParentCommand({ ParentId: String(saved["organizations:ListRoots"]) }),
      ),
  },
  {
    op: "organizations:ListAccounts",
    what: "one to a page",
    send: (c) => c.organizations.send(new ListAccountsCommand({ MaxResults: 1 })),
  },
  {
    op: "organizations:ListAccounts",
    what: "MaxResults 21",
    send: (c) => c.organizations.send(new ListAccountsCommand({ MaxResults: 21 })),
  },
  {
    op: "organizations:ListParents",
    what: "the management account",
    send: (c) => c.organizations.send(new ListParentsCommand({ ChildId: ACCOUNT })),
  },
  {
    op: "organizations:ListParents",
    what: "unknown account",
    send: (c) => c.organizations.send(new ListParentsCommand({ ChildId: "999999999999" })),
  },
  {
    op: "account:ListRegions",
    what: "three to a page",
    send: (c) => c.account.send(new ListRegionsCommand({ MaxResults: 3 })),
  },
];

async function run(probe: Probe, clients: Clients, saved: Record<string, unknown>): Promise<Outcome> {
  try {
    const answer = (await probe.send(clients, saved)) as Record<string, unknown> & {
      $metadata?: { httpStatusCode?: number };
    };
    const value = probe.save?.(answer);
    return { status: answer.$metadata?.httpStatusCode ?? 0, code: "", shape: shapeOf(answer), value };
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    return { status: e.$metadata?.httpStatusCode ?? 0, code: e.name ?? "Error", shape: [], value: undefined };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startMoto(): Promise<{ endpoint: string; stop(): void }> {
  const port = await freePort();
  const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const answer = await fetch(`${endpoint}/moto-api/`);
      if (answer.ok) return { endpoint, stop: () => child.kill() };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error("moto.server did not start (is moto installed? pip install 'moto[server]')");
}

function cell(o: Outcome): string {
  // moto answers an operation it does not implement with a non-JSON 500 the SDK cannot parse.
  if (o.code === "SyntaxError") return `${o.status} (not served)`;
  return o.code ? `${o.status} ${o.code}` : String(o.status);
}

async function main(): Promise<void> {
  const onlyDiff = process.argv.includes("--only-diff");
  const sandbox = await startSandbox({ seed: "none", accountId: ACCOUNT });
  const moto = await startMoto();
  const sides = { sandbox: clientsFor(sandbox.endpoint), moto: clientsFor(moto.endpoint) };
  const saved = { sandbox: {} as Record<string, unknown>, moto: {} as Record<string, unknown> };
  const rows: string[] = [];
  let differing = 0;
  try {
    for (const probe of probes) {
      const a = await run(probe, sides.sandbox, saved.sandbox);
      const b = await run(probe, sides.moto, saved.moto);
      if (probe.save) {
        saved.sandbox[probe.op] = a.value;
        saved.moto[probe.op] = b.value;
      }
      const notes: string[] = [];
      if (a.status !== b.status) notes.push("status");
      if (a.code !== b.code) notes.push("error code");
      const onlySandbox = a.shape.filter((p) => !b.shape.includes(p));
      const onlyMoto = b.shape.filter((p) => !a.shape.includes(p));
      if (!a.code && !b.code && (onlySandbox.length > 0 || onlyMoto.length > 0)) {
        const list = (l: string[]) => l.slice(0, 6).join(", ") + (l.length > 6 ? ` (+${l.length - 6})` : "");
        if (onlySandbox.length > 0) notes.push(`only sandbox: ${list(onlySandbox)}`);
        if (onlyMoto.length > 0) notes.push(`only moto: ${list(onlyMoto)}`);
      }
      if (notes.length > 0) differing += 1;
      if (onlyDiff && notes.length === 0) continue;
      rows.push(
        `| ${probe.op} | ${probe.what} | ${cell(a)} | ${cell(b)} | ${notes.length ? notes.join("; ") : "same"} |`,
      );
    }
  } finally {
    moto.stop();
    await sandbox.close();
    for (const side of Object.values(sides)) for (const client of Object.values(side)) client.destroy();
  }
  console.log("| Operation | Request | Sandbox | moto 5.2.1 | Difference |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
  console.log(`\n${probes.length} requests, ${differing} differ.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
