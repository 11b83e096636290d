/**
 * The role the console assumes in each member account (issue 14): what it may do there, as a
 * permission catalogue, and the CloudFormation template and StackSet commands that create it.
 *
 * Two variants: `read` grants the reads every viewer's page makes; `full` adds the changes admins
 * make (log delivery, fixes, guided creation). Every action is listed once, with the gateway calls
 * (apps/bff/src/aws/*-gateway.ts) and the AWS operations that need it; apps/bff/test scans the
 * gateways so a new SDK command without its action here fails a test.
 *
 * AWS facts, with their sources:
 * - Cognito's SetLogDeliveryConfiguration runs the vended-log delivery under the caller's identity:
 *   `logs:CreateLogDelivery`, `GetLogDelivery`, `UpdateLogDelivery`, `DeleteLogDelivery`,
 *   `ListLogDeliveries`; for a log group also `logs:PutResourcePolicy`, `DescribeResourcePolicies`,
 *   `DescribeLogGroups`; for S3 `s3:GetBucketPolicy`, `PutBucketPolicy`; for Firehose
 *   `firehose:TagDeliveryStream` and, once per account, `iam:CreateServiceLinkedRole` on
 *   `role/aws-service-role/delivery.logs.amazonaws.com/AWSServiceRoleForLogDelivery` (Cognito
 *   "Exporting logs from Amazon Cognito user pools"; CloudWatch Logs "Enabling logging from AWS
 *   services": "Logs sent to Firehose"; rules doc §3).
 * - Creating a resource with tags needs the tagging action too: CreateLogGroup with `tags` needs
 *   `logs:TagResource`, CreateRole with `Tags` needs `iam:TagRole`, CreateDeliveryStream with `Tags`
 *   needs `firehose:TagDeliveryStream` (each service's API reference).
 * - Passing a role to a service needs `iam:PassRole` on it, narrowed by `iam:PassedToService`
 *   (IAM user guide, "Granting a user permissions to pass a role to an AWS service").
 * - `sts:GetCallerIdentity` needs no permission (STS API reference); it is listed so the policy
 *   names every call the console makes.
 * - A managed policy holds at most 6,144 characters, white space not counted (IAM quotas).
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${AWS::AccountId}` & co. are CloudFormation Fn::Sub text, not JavaScript.
import { z } from "zod";
import { RegionSchema } from "./api.ts";

export const MEMBER_ROLE_VARIANTS = ["read", "full"] as const;
export type MemberRoleVariant = (typeof MEMBER_ROLE_VARIANTS)[number];

export const MEMBER_ROLE_FORMATS = ["yaml", "json"] as const;
export type MemberRoleFormat = (typeof MEMBER_ROLE_FORMATS)[number];

/** The role name the template creates unless told otherwise (the name discovery assumes). */
export const DEFAULT_MEMBER_ROLE_NAME = "CognitoLogConsoleRole";

/**
 * Where an action applies: a resource ARN pattern of the member account (CloudFormation `Fn::Sub`
 * text) and, for some, a condition. `any` is `*`: the action has no resource to name (lists, the
 * log-delivery calls, account-level resource policies).
 */
export const MEMBER_ROLE_SCOPES = {
  any: { resource: "*" },
  userPool: { resource: "arn:${AWS::Partition}:cognito-idp:*:${AWS::AccountId}:userpool/*" },
  logGroup: { resource: "arn:${AWS::Partition}:logs:*:${AWS::AccountId}:log-group:*" },
  deliveryStream: { resource: "arn:${AWS::Partition}:firehose:*:${AWS::AccountId}:deliverystream/*" },
  // Bucket ARNs carry no account: any bucket name (another account's is refused by its own policy).
  bucket: { resource: "arn:${AWS::Partition}:s3:::*" },
  /** The objects of those buckets (GetObject is granted on objects, not buckets). */
  object: { resource: "arn:${AWS::Partition}:s3:::*/*" },
  role: { resource: "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*" },
  /** The console's freshness queue and rule (issue 16), in any region: nothing else of SQS or EventBridge. */
  freshnessQueue: { resource: "arn:${AWS::Partition}:sqs:*:${AWS::AccountId}:clc-cognito-changes" },
  /**
   * The console's EventBridge rules, in any region: freshness's `clc-cognito-changes` and guided
   * creation's API-activity routes `clc-cognito-api-<stream>` (issue 15); no other rule.
   */
  freshnessRule: { resource: "arn:${AWS::Partition}:events:*:${AWS::AccountId}:rule/clc-cognito-*" },
  /** The account's trails (an organization trail's ARN names the management account: the sweep then covers). */
  trail: { resource: "arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*" },
  account: { resource: "arn:${AWS::Partition}:account::${AWS::AccountId}:account" },
  /**
   * Creation lets the operator name the Firehose role (any valid name), and the threat-protection
   * fix sends back the pool's SMS role: so any role of the account, but only to those two services.
   */
  passRole: {
    resource: "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*",
    condition: {
      StringEquals: {
        "iam:PassedToService": [
          "firehose.amazonaws.com",
          "cognito-idp.amazonaws.com",
          "events.amazonaws.com",
        ],
      },
    },
  },
  logDeliveryServiceLinkedRole: {
    resource:
      "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/delivery.logs.amazonaws.com/AWSServiceRoleForLogDelivery",
    condition: { StringEquals: { "iam:AWSServiceName": "delivery.logs.amazonaws.com" } },
  },
} as const satisfies Record<string, { resource: string; condition?: Record<string, unknown> }>;
export type MemberRoleScope = keyof typeof MEMBER_ROLE_SCOPES;

export interface MemberRolePermission {
  /** The IAM action, `service:Action`. */
  action: string;
  /** `read`: in both variants; `full`: only in the full one. */
  variant: MemberRoleVariant;
  /** The gateway calls that need it (`<gateway>.<method>`, apps/bff/src/aws/<gateway>-gateway.ts). */
  neededBy: readonly string[];
  /** The AWS operations (`service:Operation`, as the SDK command names them) that need it. */
  operations: readonly string[];
  scope: MemberRoleScope;
  why: string;
}

const p = (
  action: string,
  variant: MemberRoleVariant,
  scope: MemberRoleScope,
  neededBy: readonly string[],
  operations: readonly string[],
  why: string,
): MemberRolePermission => ({ action, variant, scope, neededBy, operations, why });

const SET_LOG_DELIVERY = "cognito-idp:SetLogDeliveryConfiguration";
const SET_CALL = "cognito.setLogDeliveryConfiguration";
const LOG_DELIVERY_WHY = "Cognito's log delivery is created under the caller's identity (vended logs).";

/** Every permission the console uses in a member account, each action once. */
export const MEMBER_ROLE_PERMISSIONS: readonly MemberRolePermission[] = [
  // read: what the fleet, pool, destination and plan pages read
  p(
    "sts:GetCallerIdentity",
    "read",
    "any",
    ["sts.callerAccount"],
    ["sts:GetCallerIdentity"],
    "The account id, for same-account checks (AWS allows it without a grant; named for completeness).",
  ),
  p(
    "cognito-idp:ListUserPools",
    "read",
    "any",
    ["cognito.listUserPools"],
    ["cognito-idp:ListUserPools"],
    "Lists the pools of each region.",
  ),
  p(
    "cognito-idp:DescribeUserPool",
    "read",
    "userPool",
    ["cognito.describeUserPool", "cognito.describeUserPoolSettings"],
    ["cognito-idp:DescribeUserPool"],
    "Each pool's plan and threat-protection mode; the settings a fix sends back.",
  ),
  p(
    "cognito-idp:GetLogDeliveryConfiguration",
    "read",
    "userPool",
    ["cognito.getLogDeliveryConfiguration"],
    ["cognito-idp:GetLogDeliveryConfiguration"],
    "Where each pool's logs go.",
  ),
  p(
    "logs:DescribeLogGroups",
    "read",
    "any",
    ["logs.describeLogGroups"],
    ["logs:DescribeLogGroups", SET_LOG_DELIVERY],
    "Finds log groups and their KMS key; Cognito checks the log group when delivery is set.",
  ),
  p(
    "logs:DescribeResourcePolicies",
    "read",
    "any",
    ["logs.describeResourcePolicies", "logs.describeLogGroupPolicy"],
    ["logs:DescribeResourcePolicies", SET_LOG_DELIVERY],
    "Whether a log group lets the delivery service write (account-level and the log group's own policy).",
  ),
  p(
    "firehose:ListDeliveryStreams",
    "read",
    "any",
    ["firehose.listDeliveryStreams"],
    ["firehose:ListDeliveryStreams"],
    "Finds Firehose streams.",
  ),
  p(
    "firehose:DescribeDeliveryStream",
    "read",
    "deliveryStream",
    ["firehose.describeDeliveryStream"],
    ["firehose:DescribeDeliveryStream"],
    "A stream's type, status, destination and encryption.",
  ),
  p(
    "firehose:ListTagsForDeliveryStream",
    "read",
    "deliveryStream",
    ["firehose.listTags"],
    ["firehose:ListTagsForDeliveryStream"],
    "The LogDeliveryEnabled=true tag delivery to a stream requires.",
  ),
  p(
    "s3:ListAllMyBuckets",
    "read",
    "any",
    ["s3.listBuckets"],
    ["s3:ListBuckets"],
    "Finds buckets of a region.",
  ),
  p(
    "s3:ListBucket",
    "read",
    "bucket",
    ["s3.headBucket", "s3.bucketRegion", "s3-objects.listObjects"],
    ["s3:HeadBucket", "s3:ListObjectsV2"],
    "A bucket's region, whether a name is free (HeadBucket), and what arrived under the delivery prefix (ListObjectsV2).",
  ),
  // read: delivery verification (the pool page's Delivery section, features/delivery)
  p(
    "cloudwatch:ListMetrics",
    "read",
    "any", // IAM's only resource type for it is the optional `dataset`, which metric reads never name.
    ["cloudwatch.listMetrics"],
    ["cloudwatch:ListMetrics"],
    "Which AWS/Cognito and AWS/Firehose metrics exist for a pool or stream (CloudWatch has no resource-level permissions).",
  ),
  p(
    "cloudwatch:GetMetricData",
    "read",
    "any", // as ListMetrics: scoping it to datasets would refuse every AWS/Cognito and AWS/Firehose read.
    ["cloudwatch.getMetricData"],
    ["cloudwatch:GetMetricData"],
    "A pool's traffic (sign-ins, sign-ups, token refreshes) and a stream's deliveries: is delivery expected, and failing?",
  ),
  p(
    "logs:DescribeLogStreams",
    "read",
    "logGroup",
    ["logs-events.newestLogStreams"],
    ["logs:DescribeLogStreams"],
    "The streams Cognito writes to in a log group, newest event first.",
  ),
  p(
    "logs:FilterLogEvents",
    "read",
    "logGroup",
    ["logs-events.filterLogEvents"],
    ["logs:FilterLogEvents"],
    "The pool's recent events in its log group (logSourceId.userPoolId).",
  ),
  p(
    "s3:GetObject",
    "read",
    "object",
    ["s3-objects.getObjectText"],
    ["s3:GetObject"],
    "The events in the newest delivered object, and a stream's failed records in its backup bucket, on request.",
  ),
  p(
    "s3:GetBucketPolicy",
    "read",
    "bucket",
    ["s3.getBucketPolicy"],
    ["s3:GetBucketPolicy", SET_LOG_DELIVERY],
    "Whether a bucket lets the delivery service write; Cognito reads it when delivery is set.",
  ),
  p(
    "s3:GetEncryptionConfiguration",
    "read",
    "bucket",
    ["s3.getBucketEncryption"],
    ["s3:GetBucketEncryption"],
    "A bucket's default encryption (an AWS-managed KMS key breaks delivery).",
  ),
  p(
    "account:ListRegions",
    "read",
    "account",
    ["account.listRegions"],
    ["account:ListRegions"],
    "The regions the account has enabled, so a disabled region is skipped, not reported as failing.",
  ),
  p(
    "ec2:DescribeRegions",
    "read",
    "any",
    ["ec2.describeRegions"],
    ["ec2:DescribeRegions"],
    "The enabled regions when account:ListRegions is refused (EC2 DescribeRegions takes no resource).",
  ),
  p(
    "iam:GetRole",
    "read",
    "role",
    ["iam.getRole"],
    ["iam:GetRole"],
    "Whether the Firehose role a creation plan names exists and trusts Firehose.",
  ),
  // full: changes
  p(
    SET_LOG_DELIVERY,
    "full",
    "userPool",
    [SET_CALL],
    [SET_LOG_DELIVERY],
    "The change itself: where a pool's logs go.",
  ),
  p(
    "cognito-idp:UpdateUserPool",
    "full",
    "userPool",
    ["cognito.updateUserPool"],
    ["cognito-idp:UpdateUserPool"],
    "The turn-on-threat-protection fix (sends every setting back).",
  ),
  ...[
    "CreateLogDelivery",
    "GetLogDelivery",
    "UpdateLogDelivery",
    "DeleteLogDelivery",
    "ListLogDeliveries",
  ].map((name) => p(`logs:${name}`, "full", "any", [SET_CALL], [SET_LOG_DELIVERY], LOG_DELIVERY_WHY)),
  p(
    "logs:PutResourcePolicy",
    "full",
    "any",
    ["logs.putResourcePolicy", "logs.putLogGroupPolicy", SET_CALL],
    ["logs:PutResourcePolicy", SET_LOG_DELIVERY],
    "Grants the delivery service a log group (its own policy, or an account-level one when asked).",
  ),
  p(
    "logs:DeleteResourcePolicy",
    "full",
    "any",
    ["logs.deleteResourcePolicy", "logs.deleteLogGroupPolicy"],
    ["logs:DeleteResourcePolicy"],
    "Cleanup of a failed creation run removes the grant it added.",
  ),
  p(
    "logs:CreateLogGroup",
    "full",
    "logGroup",
    ["logs.createLogGroup"],
    ["logs:CreateLogGroup"],
    "Guided creation of a log group.",
  ),
  p(
    "logs:TagResource",
    "full",
    "logGroup",
    ["logs.createLogGroup"],
    ["logs:CreateLogGroup"],
    "CreateLogGroup with tags needs it.",
  ),
  p(
    "logs:ListTagsForResource",
    "full",
    "logGroup",
    ["logs.listLogGroupTags"],
    ["logs:ListTagsForResource"],
    "Applying the standard: a per-pool log group that exists is used only if its tags say the console made it for that pool.",
  ),
  p(
    "logs:PutRetentionPolicy",
    "full",
    "logGroup",
    ["logs.setRetention"],
    ["logs:PutRetentionPolicy"],
    "A new log group's retention.",
  ),
  p(
    "logs:DeleteRetentionPolicy",
    "full",
    "logGroup",
    ["logs.setRetention"],
    ["logs:DeleteRetentionPolicy"],
    "A new log group whose events never expire.",
  ),
  p(
    "logs:DeleteLogGroup",
    "full",
    "logGroup",
    ["logs.deleteLogGroup"],
    ["logs:DeleteLogGroup"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "firehose:CreateDeliveryStream",
    "full",
    "deliveryStream",
    ["firehose.createDeliveryStream"],
    ["firehose:CreateDeliveryStream"],
    "Guided creation of a stream.",
  ),
  p(
    "firehose:TagDeliveryStream",
    "full",
    "deliveryStream",
    ["firehose.tagDeliveryStream", "firehose.createDeliveryStream", SET_CALL],
    ["firehose:TagDeliveryStream", "firehose:CreateDeliveryStream", SET_LOG_DELIVERY],
    "The LogDeliveryEnabled=true tag (by the tag fix, at creation, and by Cognito when delivery is set).",
  ),
  p(
    "firehose:DeleteDeliveryStream",
    "full",
    "deliveryStream",
    ["firehose.deleteDeliveryStream"],
    ["firehose:DeleteDeliveryStream"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "s3:CreateBucket",
    "full",
    "bucket",
    ["s3.createBucket"],
    ["s3:CreateBucket"],
    "Guided creation of a bucket.",
  ),
  p(
    "s3:PutBucketTagging",
    "full",
    "bucket",
    ["s3.putBucketTagging"],
    ["s3:PutBucketTagging"],
    "A new bucket's tags.",
  ),
  p(
    "s3:PutBucketPublicAccessBlock",
    "full",
    "bucket",
    ["s3.blockPublicAccess"],
    ["s3:PutPublicAccessBlock"],
    "A new bucket blocks public access.",
  ),
  p(
    "s3:PutLifecycleConfiguration",
    "full",
    "bucket",
    ["s3.expireObjects"],
    ["s3:PutBucketLifecycleConfiguration"],
    "A new bucket's objects expire.",
  ),
  p(
    "s3:PutBucketPolicy",
    "full",
    "bucket",
    ["s3.putBucketPolicy", SET_CALL],
    ["s3:PutBucketPolicy", SET_LOG_DELIVERY],
    "Grants the delivery service a bucket (the policy fix, creation, and Cognito when delivery is set).",
  ),
  p(
    "s3:DeleteBucketPolicy",
    "full",
    "bucket",
    ["s3.deleteBucketPolicy"],
    ["s3:DeleteBucketPolicy"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "s3:DeleteBucket",
    "full",
    "bucket",
    ["s3.deleteBucket"],
    ["s3:DeleteBucket"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "iam:CreateRole",
    "full",
    "role",
    ["iam.createRole"],
    ["iam:CreateRole"],
    "The role Firehose writes with.",
  ),
  p("iam:TagRole", "full", "role", ["iam.createRole"], ["iam:CreateRole"], "CreateRole with tags needs it."),
  p(
    "iam:PutRolePolicy",
    "full",
    "role",
    ["iam.putRolePolicy"],
    ["iam:PutRolePolicy"],
    "The Firehose role's inline policy (its bucket only).",
  ),
  p(
    "iam:DeleteRolePolicy",
    "full",
    "role",
    ["iam.deleteRolePolicy"],
    ["iam:DeleteRolePolicy"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "iam:DeleteRole",
    "full",
    "role",
    ["iam.deleteRole"],
    ["iam:DeleteRole"],
    "Cleanup of a failed creation run.",
  ),
  p(
    "iam:PassRole",
    "full",
    "passRole",
    ["firehose.createDeliveryStream", "cognito.updateUserPool"],
    ["firehose:CreateDeliveryStream", "cognito-idp:UpdateUserPool"],
    "A new stream's role, passed to Firehose; a pool's SMS role, sent back to Cognito by the threat-protection fix.",
  ),
  p(
    "iam:CreateServiceLinkedRole",
    "full",
    "logDeliveryServiceLinkedRole",
    [SET_CALL],
    [SET_LOG_DELIVERY],
    "The first delivery to Firehose in an account creates AWSServiceRoleForLogDelivery.",
  ),
  // Freshness by events (issue 16): read the console's queue, check its rule and the trails; create both.
  ...(
    [
      [
        "sqs:GetQueueUrl",
        "read",
        "freshnessQueue",
        ["sqs.queueUrl"],
        ["sqs:GetQueueUrl"],
        "Finds the console's change queue.",
      ],
      [
        "sqs:GetQueueAttributes",
        "read",
        "freshnessQueue",
        ["sqs.queueAttributes"],
        ["sqs:GetQueueAttributes"],
        "The queue's ARN and policy (does it let the rule send?).",
      ],
      [
        "sqs:ListQueueTags",
        "read",
        "freshnessQueue",
        ["sqs.queueTags"],
        ["sqs:ListQueueTags"],
        "The console reads only a queue it created (its tag).",
      ],
      [
        "sqs:ReceiveMessage",
        "read",
        "freshnessQueue",
        ["sqs.receive"],
        ["sqs:ReceiveMessage"],
        "Reads the change events (long polls).",
      ],
      [
        "sqs:DeleteMessage",
        "read",
        "freshnessQueue",
        ["sqs.deleteBatch"],
        ["sqs:DeleteMessageBatch"],
        "Removes the events it handled.",
      ],
      [
        "events:DescribeRule",
        "read",
        "freshnessRule",
        ["eventbridge.describeRule"],
        ["events:DescribeRule"],
        "Checks the console's rule.",
      ],
      [
        "events:ListTargetsByRule",
        "read",
        "freshnessRule",
        ["eventbridge.ruleTargets"],
        ["events:ListTargetsByRule"],
        "Checks that the rule sends to the queue.",
      ],
      [
        "events:ListTagsForResource",
        "read",
        "freshnessRule",
        ["eventbridge.ruleTags"],
        ["events:ListTagsForResource"],
        "The console relies only on a rule it created (its tag).",
      ],
      [
        "cloudtrail:DescribeTrails",
        "read",
        "any",
        ["cloudtrail.describeTrails"],
        ["cloudtrail:DescribeTrails"],
        "Is a trail recording management events (EventBridge needs one)?",
      ],
      [
        "cloudtrail:GetTrailStatus",
        "read",
        "trail",
        ["cloudtrail.status"],
        ["cloudtrail:GetTrailStatus"],
        "Is that trail logging?",
      ],
      [
        "cloudtrail:GetEventSelectors",
        "read",
        "trail",
        ["cloudtrail.eventSelectors"],
        ["cloudtrail:GetEventSelectors"],
        "Does it record write management events of Cognito?",
      ],
      [
        "sqs:CreateQueue",
        "full",
        "freshnessQueue",
        ["sqs.createQueue"],
        ["sqs:CreateQueue"],
        "Creates the change queue (on an admin's yes).",
      ],
      [
        "sqs:TagQueue",
        "full",
        "freshnessQueue",
        ["sqs.createQueue"],
        ["sqs:CreateQueue"],
        "Tags it as the console's at creation.",
      ],
      [
        "sqs:SetQueueAttributes",
        "full",
        "freshnessQueue",
        ["sqs.setQueuePolicy"],
        ["sqs:SetQueueAttributes"],
        "Lets the console's rule (only) send to the queue.",
      ],
      [
        "events:PutRule",
        "full",
        "freshnessRule",
        ["eventbridge.putRule"],
        ["events:PutRule"],
        "Creates the rule for Cognito's management events.",
      ],
      [
        "events:TagResource",
        "full",
        "freshnessRule",
        ["eventbridge.putRule"],
        ["events:PutRule"],
        "Tags it as the console's at creation.",
      ],
      [
        "events:PutTargets",
        "full",
        "freshnessRule",
        ["eventbridge.putQueueTarget"],
        ["events:PutTargets"],
        "Points the rule at the queue (or, for an API-activity route, at the Firehose stream).",
      ],
      [
        "events:RemoveTargets",
        "full",
        "freshnessRule",
        ["eventbridge.removeTargets"],
        ["events:RemoveTargets"],
        "Cleanup of an API-activity route: detaches the stream from the console's rule.",
      ],
      [
        "events:DeleteRule",
        "full",
        "freshnessRule",
        ["eventbridge.deleteRule"],
        ["events:DeleteRule"],
        "Cleanup of an API-activity route: deletes the console's rule.",
      ],
    ] as const
  ).map(([action, variant, scope, neededBy, operations, why]) =>
    p(action, variant, scope, neededBy, operations, why),
  ),
];

/** The permissions a variant grants: `read` its own, `full` every one. */
export function memberRolePermissions(variant: MemberRoleVariant): MemberRolePermission[] {
  return MEMBER_ROLE_PERMISSIONS.filter((entry) => variant === "full" || entry.variant === "read");
}

interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | { "Fn::Sub": string };
  Condition?: Record<string, unknown>;
}

/** One statement per scope, actions sorted, so the policy reads like the catalogue. */
function statements(entries: readonly MemberRolePermission[], sidPrefix: string): PolicyStatement[] {
  const byScope = new Map<MemberRoleScope, string[]>();
  for (const entry of entries) byScope.set(entry.scope, [...(byScope.get(entry.scope) ?? []), entry.action]);
  return [...byScope].map(([scope, actions]) => {
    const { resource, ...rest } = MEMBER_ROLE_SCOPES[scope] as { resource: string; condition?: object };
    return {
      Sid: `${sidPrefix}${scope[0]?.toUpperCase()}${scope.slice(1)}`,
      Effect: "Allow",
      Action: [...actions].sort(),
      Resource: resource === "*" ? "*" : { "Fn::Sub": resource },
      ...(rest.condition ? { Condition: rest.condition as Record<string, unknown> } : {}),
    };
  });
}

/**
 * Where the member-role template grants `action`: the managed policy's logical id (`ReadPolicy`,
 * or `ChangePolicy` of the full variant) and the statement's Sid (`ReadUserPool`, `ChangeAny`), as
 * `statements` names them; null for an action the catalogue does not hold.
 */
export function memberRoleStatementOf(
  action: string,
): { variant: MemberRoleVariant; policy: "ReadPolicy" | "ChangePolicy"; sid: string } | null {
  const entry = MEMBER_ROLE_PERMISSIONS.find((e) => e.action === action);
  if (!entry) return null;
  const prefix = entry.variant === "read" ? "Read" : "Change";
  return {
    variant: entry.variant,
    policy: entry.variant === "read" ? "ReadPolicy" : "ChangePolicy",
    sid: `${prefix}${entry.scope[0]?.toUpperCase()}${entry.scope.slice(1)}`,
  };
}

/** A CloudFormation template as a plain object (JSON- and YAML-serializable). */
export interface CloudFormationTemplate {
  AWSTemplateFormatVersion: "2010-09-09";
  Description: string;
  Parameters: Record<string, Record<string, string | number>>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Description: string; Value: unknown }>;
}

/** sts:ExternalId's pattern and lengths (STS AssumeRole API reference). */
export const EXTERNAL_ID_PATTERN = "[\\w+=,.@:\\/-]*";
const EXTERNAL_ID_MIN = 2;
const EXTERNAL_ID_MAX = 1224;

/**
 * The member-account role as a CloudFormation template: parameters `TrustedAccountId` (the account
 * the console runs in), `ExternalId` (required, 2–1224 characters), `RoleName` (default
 * CognitoLogConsoleRole); the role trusts that account's root with the external id as condition,
 * and carries one managed policy per variant it grants (`read` always, `change` in `full`).
 */
export function memberRoleTemplate(variant: MemberRoleVariant): CloudFormationTemplate {
  const read = MEMBER_ROLE_PERMISSIONS.filter((entry) => entry.variant === "read");
  const change = MEMBER_ROLE_PERMISSIONS.filter((entry) => entry.variant === "full");
  const policy = (description: string, entries: readonly MemberRolePermission[], sid: string) => ({
    Type: "AWS::IAM::ManagedPolicy",
    Properties: {
      Description: description,
      Roles: [{ Ref: "ConsoleRole" }],
      PolicyDocument: { Version: "2012-10-17", Statement: statements(entries, sid) },
    },
  });
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `Cognito Log Console member-account role (${variant} variant): ${
      variant === "read"
        ? "reads user pools' log delivery and its destinations."
        : "reads, changes user pools' log delivery, and creates destinations."
    }`,
    Parameters: {
      TrustedAccountId: {
        Type: "String",
        Description: "The AWS account the console runs in (its credentials assume this role).",
        AllowedPattern: "^\\d{12}$",
        ConstraintDescription: "an AWS account id: 12 digits.",
      },
      ExternalId: {
        Type: "String",
        Description:
          "The external id the console sends with AssumeRole (the one set for this account in the console).",
        MinLength: EXTERNAL_ID_MIN,
        MaxLength: EXTERNAL_ID_MAX,
        AllowedPattern: `^${EXTERNAL_ID_PATTERN}$`,
        ConstraintDescription: "2 to 1224 letters, digits and + = , . @ : / - _",
      },
      RoleName: {
        Type: "String",
        Default: DEFAULT_MEMBER_ROLE_NAME,
        Description: "The role's name: the same in every account, as the console assumes it by name.",
        MinLength: 1,
        MaxLength: 64,
        AllowedPattern: "^[\\w+=,.@-]+$",
        ConstraintDescription: "1 to 64 letters, digits and + = , . @ - _",
      },
    },
    Resources: {
      ConsoleRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: { Ref: "RoleName" },
          Description: `Assumed by the Cognito Log Console (${variant} variant).`,
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: {
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "ConsoleAccountWithExternalId",
                Effect: "Allow",
                Principal: { AWS: { "Fn::Sub": "arn:${AWS::Partition}:iam::${TrustedAccountId}:root" } },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
              },
            ],
          },
          Tags: [{ Key: "cognito-log-console:variant", Value: variant }],
        },
      },
      ReadPolicy: policy("Cognito Log Console: reads (every variant).", read, "Read"),
      ...(variant === "full"
        ? { ChangePolicy: policy("Cognito Log Console: changes (full variant).", change, "Change") }
        : {}),
    },
    Outputs: {
      RoleArn: {
        Description: "The role's ARN: what the console assumes in this account.",
        Value: { "Fn::GetAtt": ["ConsoleRole", "Arn"] },
      },
    },
  };
}

/** The file name the console offers a template under. */
export function memberRoleTemplateFileName(variant: MemberRoleVariant, format: MemberRoleFormat): string {
  return `cognito-log-console-role-${variant}.${format}`;
}

/** GET /api/accounts/member-role-template's query. */
export const MemberRoleTemplateQuerySchema = z.object({
  variant: z.enum(MEMBER_ROLE_VARIANTS).default("read"),
  format: z.enum(MEMBER_ROLE_FORMATS).default("yaml"),
});
export type MemberRoleTemplateQuery = z.infer<typeof MemberRoleTemplateQuerySchema>;

/** The inputs of the StackSet commands, as the web page's form checks them. */
export const StackSetInputSchema = z.object({
  variant: z.enum(MEMBER_ROLE_VARIANTS),
  format: z.enum(MEMBER_ROLE_FORMATS),
  /** An OU (`ou-…`) or the organization's root (`r-…`): StackSets deploy to every account below it. */
  organizationalUnitId: z
    .string()
    .trim()
    .regex(
      /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/,
      "An OU id looks like ou-ab12-cdefgh34 (or a root id like r-ab12).",
    ),
  externalId: z
    .string()
    .min(EXTERNAL_ID_MIN, "An external id has at least 2 characters.")
    .max(EXTERNAL_ID_MAX, "An external id has at most 1224 characters.")
    .regex(
      new RegExp(`^${EXTERNAL_ID_PATTERN}$`),
      "Use only letters, digits and + = , . @ : / - _ in an external id.",
    ),
  trustedAccountId: z
    .string()
    .trim()
    .regex(/^\d{12}$/, "An AWS account id is 12 digits."),
  roleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "A role name has 1 to 64 letters, digits and + = , . @ - _.")
    .default(DEFAULT_MEMBER_ROLE_NAME),
});
export type StackSetInput = z.input<typeof StackSetInputSchema>;

/** The inputs of the one-account stack command (no OU). */
export const StackInputSchema = StackSetInputSchema.omit({ organizationalUnitId: true });
export type StackInput = z.input<typeof StackInputSchema>;

/** The stack (set) name of a variant: one per variant, so both can be told apart in CloudFormation. */
const stackNameOf = (variant: MemberRoleVariant) => `cognito-log-console-role-${variant}`;

/** The template's parameters with their values, in the template's order. */
function parameterValues(valid: z.output<typeof StackInputSchema>): [string, string][] {
  return [
    ["TrustedAccountId", valid.trustedAccountId],
    ["ExternalId", valid.externalId],
    ["RoleName", valid.roleName],
  ];
}

/** Options one per line, joined by ` \` for a shell. */
export const commandOf = (lines: string[]) => lines.join(" \\\n  ");

/** A word for a POSIX shell: as is when it holds only safe characters, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}

/**
 * The AWS CLI commands that deploy the template to every account of an OU with a service-managed
 * StackSet (run from the management account or a delegated administrator, next to the downloaded
 * template): create-stack-set (auto-deployment on, stacks removed with their account, named IAM
 * capability), then create-stack-instances in one region (us-east-1): IAM is global, so a second
 * region would try to create the same role again. Each command is one line per option, joined by
 * ` \` for a shell. Throws the ZodError of a bad input.
 */
export function memberRoleStackSetCommands(input: StackSetInput): string[] {
  const valid = StackSetInputSchema.parse(input);
  const name = stackNameOf(valid.variant);
  const parameters = JSON.stringify(
    parameterValues(valid).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
  );
  return [
    commandOf([
      "aws cloudformation create-stack-set",
      `--stack-set-name ${name}`,
      `--template-body ${shellWord(`file://${memberRoleTemplateFileName(valid.variant, valid.format)}`)}`,
      "--permission-model SERVICE_MANAGED",
      "--auto-deployment Enabled=true,RetainStacksOnAccountRemoval=false",
      "--capabilities CAPABILITY_NAMED_IAM",
      `--parameters ${shellWord(parameters)}`,
    ]),
    commandOf([
      "aws cloudformation create-stack-instances",
      `--stack-set-name ${name}`,
      `--deployment-targets OrganizationalUnitIds=${valid.organizationalUnitId}`,
      "--regions us-east-1",
    ]),
  ];
}

/**
 * The AWS CLI command that deploys the template as a stack of one account (the management account,
 * which a service-managed StackSet never deploys to, or an account outside Organizations), run with
 * that account's credentials next to the downloaded template. Throws the ZodError of a bad input.
 */
export function memberRoleStackCommand(input: StackInput): string {
  const valid = StackInputSchema.parse(input);
  return commandOf([
    "aws cloudformation deploy",
    `--stack-name ${stackNameOf(valid.variant)}`,
    `--template-file ${shellWord(memberRoleTemplateFileName(valid.variant, valid.format))}`,
    "--capabilities CAPABILITY_NAMED_IAM",
    `--parameter-overrides ${parameterValues(valid)
      .map(([key, value]) => shellWord(`${key}=${value}`))
      .join(" ")}`,
  ]);
}

/** One probe of a connection test: `missing` names a permission AWS refused (AccessDenied & co.). */
export const ConnectionCheckSchema = z.object({
  action: z.string(),
  outcome: z.enum(["allowed", "missing", "error"]),
  message: z.string(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

/** POST /api/accounts/connection-test's answer. */
export const ConnectionTestResultSchema = z.object({
  /** Every check allowed. */
  ok: z.boolean(),
  region: z.string(),
  /** Who the console is in the account (STS GetCallerIdentity); null when STS refused. */
  identity: z.object({ account: z.string(), arn: z.string().nullable() }).nullable(),
  checks: z.array(ConnectionCheckSchema),
  /** Permissions of the `read` variant no cheap probe reaches, with why (not counted in `ok`). */
  unchecked: z.array(z.object({ action: z.string(), reason: z.string() })),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResultSchema>;

/** POST /api/accounts/connection-test's query: the region to probe (default: the console's first). */
export const ConnectionTestQuerySchema = z.object({ region: RegionSchema.optional() });
