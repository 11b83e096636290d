/**
 * The connection test of one account and region (issue 14): who the console is there, and whether
 * each permission of the member role's `read` variant (@clc/domain member-role.ts) is granted,
 * with each missing one named. The accounts fan-out calls it per account with that account's
 * gateways; today's route calls it with the console's own.
 *
 * Each probe is the cheapest read that needs the permission: a list of one, or a read of a made-up
 * name. IAM decides before the service looks the resource up, so "no such thing" (NoSuchEntity,
 * ResourceNotFoundException) means the permission was granted, and AccessDenied means it was not.
 */
import {
  type ConnectionCheck,
  type ConnectionTestResult,
  memberRolePermissions,
  memberRoleStatementOf,
} from "@clc/domain";
import type { AccountGateway } from "../../aws/account-gateway.ts";
import type { CloudTrailGateway } from "../../aws/cloudtrail-gateway.ts";
import type { CloudWatchGateway } from "../../aws/cloudwatch-gateway.ts";
import type { CognitoGateway } from "../../aws/cognito-gateway.ts";
import type { Deadline } from "../../aws/deadline.ts";
import type { Ec2Gateway } from "../../aws/ec2-gateway.ts";
import { AwsCallError } from "../../aws/errors.ts";
import type { FirehoseGateway } from "../../aws/firehose-gateway.ts";
import type { IamGateway } from "../../aws/iam-gateway.ts";
import type { LogsEventsGateway } from "../../aws/logs-events-gateway.ts";
import type { LogsGateway } from "../../aws/logs-gateway.ts";
import type { S3Gateway } from "../../aws/s3-gateway.ts";
import type { StsGateway } from "../../aws/sts-gateway.ts";

/** The gateway calls the test makes, of one account. */
export interface ConnectionTestGateways {
  sts: Pick<StsGateway, "callerIdentity">;
  cognito: Pick<CognitoGateway, "listUserPoolsPage" | "describeUserPool" | "getLogDeliveryConfiguration">;
  logs: Pick<LogsGateway, "describeLogGroups" | "describeResourcePolicies">;
  firehose: Pick<FirehoseGateway, "listDeliveryStreams" | "describeDeliveryStream" | "listTags">;
  s3: Pick<S3Gateway, "listBuckets" | "headBucket" | "getBucketPolicy" | "getBucketEncryption">;
  iam: Pick<IamGateway, "getRole">;
  /** The enabled regions: both APIs are probed, as the fleet read falls back from one to the other. */
  account: Pick<AccountGateway, "listRegions">;
  ec2: Pick<Ec2Gateway, "describeRegions">;
  /** Delivery verification's reads (metrics, log streams and events) and freshness's trails. */
  cloudwatch: Pick<CloudWatchGateway, "listMetrics" | "getMetricData">;
  logsEvents: Pick<LogsEventsGateway, "newestLogStreams" | "filterLogEvents">;
  cloudtrail: Pick<CloudTrailGateway, "describeTrails">;
}

/**
 * The codes with which AWS refuses a call for want of a permission: AccessDenied (S3, IAM's query
 * protocol), AccessDeniedException (JSON services: Cognito, Logs, Firehose), UnauthorizedOperation
 * (EC2-style services). Every other error is not about permissions.
 */
export const MISSING_PERMISSION_CODES = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
]);

/** Names nobody uses, for probes that read one thing; IAM checks the permission before the name. */
export const PROBE_NAMES = {
  role: "clc-connection-test-probe",
  logGroup: "/clc/connection-test-probe",
  stream: "clc-connection-test-probe",
  pool: (region: string) => `${region}_clcProbe0`,
} as const;

/** Why a permission of the `read` variant has no probe. */
const NO_PROBE: Record<string, string> = {};
const NO_BUCKET = "The region has no bucket of the account to probe; checked once a bucket exists.";
const NO_PROBE_YET = "No probe reaches this permission yet.";

/** One probe's outcome, from what its call did. */
async function probe(
  action: string,
  operation: string,
  work: () => Promise<unknown>,
  absentCodes: readonly string[] = [],
): Promise<ConnectionCheck> {
  try {
    await work();
    return { action, outcome: "allowed", message: `${operation} answered.` };
  } catch (error) {
    return classify(action, operation, error, absentCodes);
  }
}

/**
 * What a refused probe says: the permission, and where the member-role template grants it (the
 * managed policy and statement to restore, e.g. `ReadPolicy`, statement `ReadUserPool`).
 */
export function missingMessage(action: string, operation: string, code: string): string {
  const statement = memberRoleStatementOf(action);
  const fix = statement
    ? `Add ${action} back to statement ${statement.sid} of ${statement.policy} in the member-role template (${statement.variant} variant) and update the role's stack (or StackSet).`
    : "Update the role from the member-role template.";
  return `AWS refused ${operation} (${code}): the role lacks ${action}. ${fix}`;
}

/**
 * `missing` for AWS's refusals for want of a permission, `allowed` for an `absentCodes` answer (the
 * made-up name does not exist, which AWS says only to a caller it allowed), `error` for the rest,
 * with AWS's code and message.
 */
export function classify(
  action: string,
  operation: string,
  error: unknown,
  absentCodes: readonly string[] = [],
): ConnectionCheck {
  if (!(error instanceof AwsCallError))
    return { action, outcome: "error", message: error instanceof Error ? error.message : String(error) };
  if (MISSING_PERMISSION_CODES.has(error.code))
    return { action, outcome: "missing", message: missingMessage(action, operation, error.code) };
  if (absentCodes.includes(error.code))
    return {
      action,
      outcome: "allowed",
      message: `${operation} answered ${error.code} for the probe's made-up name, so the permission is granted.`,
    };
  return { action, outcome: "error", message: `${operation} failed: ${error.code}: ${error.message}` };
}

/**
 * Tests the account of `gateways` in `region`: STS GetCallerIdentity, then one cheap read per
 * permission of the member role's `read` variant that a probe reaches (those no probe reaches are
 * listed in `unchecked`). Every call runs under `deadline`; a call it cuts off is an `error` check.
 * Never throws for an AWS failure: each is a check of its own. `ok`: the identity is known and
 * every check is allowed.
 */
export async function testConnection(
  gateways: ConnectionTestGateways,
  region: string,
  deadline: Deadline,
): Promise<ConnectionTestResult> {
  const { sts, cognito, logs, firehose, s3, iam, account, ec2, cloudwatch, logsEvents, cloudtrail } =
    gateways;
  const listings = {
    pools: cognito.listUserPoolsPage(region, { limit: 1 }, deadline),
    streams: firehose.listDeliveryStreams(region, { limit: 1 }, deadline),
    buckets: s3.listBuckets(region, { limit: 1 }, deadline),
  };
  for (const listing of Object.values(listings)) listing.catch(() => undefined);
  const identity = sts.callerIdentity(region, deadline);
  identity.catch(() => undefined);
  // The role could not be assumed: every probe would fail for that one reason, each named as a
  // permission "missing" (18 of them, found by the new-user check). Say it once, test nothing else.
  const notAssumed = await identity.then(
    () => null,
    (error: unknown) =>
      error instanceof AwsCallError && error.operation === "sts.AssumeRole" ? error : null,
  );
  if (notAssumed) {
    return {
      ok: false,
      region,
      identity: null,
      checks: [
        {
          action: "sts:AssumeRole",
          outcome: "error",
          message: `The console could not assume the role (AWS: ${notAssumed.code}: ${notAssumed.message}): the role is missing in this account, its trust policy does not allow the console's principal, or the external id differs. Deploy the member role (Member role page: its template, or the StackSet command for the OU), then test again.`,
        },
      ],
      unchecked: memberRolePermissions("read").map((entry) => ({
        action: entry.action,
        reason: "Not tested: the console could not assume the role.",
      })),
    };
  }

  // The reads of one thing use a listed one when there is, a made-up name otherwise.
  const poolId = listings.pools.then(
    (page) => page.pools[0]?.id ?? PROBE_NAMES.pool(region),
    () => PROBE_NAMES.pool(region),
  );
  const stream = listings.streams.then(
    (page) => page.names[0] ?? PROBE_NAMES.stream,
    () => PROBE_NAMES.stream,
  );
  const bucket = listings.buckets.then(
    (page) => page.buckets[0]?.name ?? null,
    () => null,
  );
  const POOL_ABSENT = ["ResourceNotFoundException"];
  const LOG_GROUP_ABSENT = ["ResourceNotFoundException"];
  // The last five minutes, whole minutes: GetMetricData's cheapest window (one made-up series, no data).
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const STREAM_ABSENT = ["ResourceNotFoundException"];

  const bucketChecks = bucket.then((name): Promise<ConnectionCheck>[] =>
    name === null
      ? []
      : [
          probe("s3:ListBucket", "s3.HeadBucket", async () => {
            // A bucket ListBuckets named is the account's own: a 403 on it is our permission missing.
            const found = await s3.headBucket(region, name, deadline);
            if (found.state === "taken")
              throw new AwsCallError("AccessDenied", "Forbidden", 403, null, "service", "s3.HeadBucket");
          }),
          probe("s3:GetBucketPolicy", "s3.GetBucketPolicy", () => s3.getBucketPolicy(region, name, deadline)),
          probe("s3:GetEncryptionConfiguration", "s3.GetBucketEncryption", () =>
            s3.getBucketEncryption(region, name, deadline),
          ),
        ],
  );

  const checks = await Promise.all([
    probe("sts:GetCallerIdentity", "sts.GetCallerIdentity", () => identity),
    probe("cognito-idp:ListUserPools", "cognito-idp.ListUserPools", () => listings.pools),
    probe(
      "cognito-idp:DescribeUserPool",
      "cognito-idp.DescribeUserPool",
      async () => cognito.describeUserPool(region, await poolId, deadline),
      POOL_ABSENT,
    ),
    probe(
      "cognito-idp:GetLogDeliveryConfiguration",
      "cognito-idp.GetLogDeliveryConfiguration",
      async () => cognito.getLogDeliveryConfiguration(region, await poolId, deadline),
      POOL_ABSENT,
    ),
    probe("logs:DescribeLogGroups", "logs.DescribeLogGroups", () =>
      logs.describeLogGroups(region, { limit: 1 }, deadline),
    ),
    probe("logs:DescribeResourcePolicies", "logs.DescribeResourcePolicies", () =>
      logs.describeResourcePolicies(region, deadline),
    ),
    probe("firehose:ListDeliveryStreams", "firehose.ListDeliveryStreams", () => listings.streams),
    probe(
      "firehose:DescribeDeliveryStream",
      "firehose.DescribeDeliveryStream",
      async () => firehose.describeDeliveryStream(region, await stream, deadline),
      STREAM_ABSENT,
    ),
    probe(
      "firehose:ListTagsForDeliveryStream",
      "firehose.ListTagsForDeliveryStream",
      async () => firehose.listTags(region, await stream, deadline),
      STREAM_ABSENT,
    ),
    probe("s3:ListAllMyBuckets", "s3.ListBuckets", () => listings.buckets),
    probe("account:ListRegions", "account.ListRegions", () => account.listRegions(deadline)),
    probe("ec2:DescribeRegions", "ec2.DescribeRegions", () => ec2.describeRegions(deadline)),
    probe("cloudwatch:ListMetrics", "cloudwatch.ListMetrics", () =>
      cloudwatch.listMetrics(
        region,
        {
          namespace: "AWS/Cognito",
          metricName: "SignInSuccesses",
          dimensions: [{ name: "UserPool", value: "clc-probe" }],
        },
        deadline,
      ),
    ),
    probe("cloudwatch:GetMetricData", "cloudwatch.GetMetricData", () =>
      cloudwatch.getMetricData(
        region,
        [
          {
            id: "probe",
            namespace: "AWS/Cognito",
            metricName: "SignInSuccesses",
            dimensions: { UserPool: "clc-probe" },
            stat: "Sum",
            period: 60,
          },
        ],
        { from: minute - 5 * 60_000, to: minute },
        deadline,
      ),
    ),
    probe(
      "logs:DescribeLogStreams",
      "logs.DescribeLogStreams",
      () => logsEvents.newestLogStreams(region, PROBE_NAMES.logGroup, 1, deadline),
      LOG_GROUP_ABSENT,
    ),
    probe(
      "logs:FilterLogEvents",
      "logs.FilterLogEvents",
      () =>
        logsEvents.filterLogEvents(
          region,
          { logGroupName: PROBE_NAMES.logGroup, from: minute - 60_000, to: minute, pageSize: 1, maxPages: 1 },
          deadline,
        ),
      LOG_GROUP_ABSENT,
    ),
    probe("cloudtrail:DescribeTrails", "cloudtrail.DescribeTrails", () =>
      cloudtrail.describeTrails(region, deadline),
    ),
    // getRole answers null for NoSuchEntity: the made-up role's absence is the answer of an allowed call.
    probe("iam:GetRole", "iam.GetRole", () => iam.getRole(PROBE_NAMES.role, deadline)),
    ...(await bucketChecks),
  ]);

  const checked = new Set(checks.map((check) => check.action));
  const unchecked = memberRolePermissions("read")
    .filter((entry) => !checked.has(entry.action))
    .map((entry) => ({
      action: entry.action,
      reason: NO_PROBE[entry.action] ?? (entry.action.startsWith("s3:") ? NO_BUCKET : NO_PROBE_YET),
    }));
  const who = await identity.then(
    (found) => found,
    () => null,
  );
  return {
    ok: who !== null && checks.every((check) => check.outcome === "allowed"),
    region,
    identity: who,
    checks,
    unchecked,
  };
}
