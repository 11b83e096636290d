/**
 * The fleet's findings as reports (issue 17, "Export as code, and reports"): CSV and JSON for people
 * and scripts, and AWS Security Hub findings (ASFF) an organization can import. Each finding carries
 * its remediation as console steps, AWS CLI, Terraform and CloudFormation.
 */

import { destinationName } from "../arn.ts";
import { toAwsLogConfigurations } from "../aws-config.ts";
import { partitionOfRegion, userPoolConsoleUrl } from "../console-links.ts";
import { csvLine } from "../csv.ts";
import { EVENT_SOURCE_LABELS } from "../labels.ts";
import { commandOf, shellWord } from "../member-role.ts";
import type { Finding, LogDeliveryModel } from "../model.ts";
import { bucketDeliveryStatements, logGroupScopedStatement } from "../policies.ts";
import { cliCommandFor } from "./cli.ts";
import { cloudFormationFor } from "./cloudformation.ts";
import { type ExportablePool, exportablePool } from "./pool-config.ts";
import { hclString, terraformName, terraformPoolBlocks } from "./terraform.ts";

/** One pool of the report: where it is, what the console found, and its configuration as read. */
export interface FindingsReportPool {
  accountId: string;
  accountName?: string;
  region: string;
  poolId: string;
  poolName: string;
  /** The pool's ARN (DescribeUserPool); null when the pool was never read fully. */
  poolArn: string | null;
  configuration: LogDeliveryModel | null;
  findings: readonly Finding[];
}

/** A finding's remediation in every form the report carries. */
export interface Remediation {
  /** What to do, in the console's terms (≤ 512 characters: ASFF's Recommendation.Text limit). */
  console: string;
  cli: string;
  terraform: string;
  cloudformation: string;
  /** AWS documentation on the matter. */
  url: string;
}

const EXPORTING_LOGS_URL =
  "https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html";
const VENDED_LOGS_URL =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html";
const FEATURE_PLANS_URL =
  "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html";
const THREAT_PROTECTION_URL =
  "https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-threat-protection.html";

/** UpdateUserPool resets every setting it is not sent (rules doc §1): a CLI user must send them all. */
const UPDATE_USER_POOL_WARNING = [
  "# update-user-pool REPLACES the pool's settings: every setting not sent is reset to its default",
  "# (Lambda triggers, MFA, messages, deletion protection…). Send back everything describe-user-pool",
  "# shows, or use the console's fix, which does.",
];

/** update-user-pool changing one setting, after the warning that it resets the others. */
function updateUserPoolCli(pool: FindingsReportPool, option: string): string {
  return [
    ...UPDATE_USER_POOL_WARNING,
    commandOf([
      "aws cognito-idp update-user-pool",
      `--region ${shellWord(pool.region)}`,
      `--user-pool-id ${shellWord(pool.poolId)}`,
      option,
      "# … and every other setting describe-user-pool shows",
    ]),
  ].join("\n");
}

function poolOf(pool: FindingsReportPool): ExportablePool {
  return exportablePool({
    accountId: pool.accountId,
    region: pool.region,
    poolId: pool.poolId,
    poolName: pool.poolName,
    logConfigurations: toAwsLogConfigurations(
      pool.configuration ?? { userNotification: null, userAuthEvents: null },
    ),
  });
}

/** The pool's own configuration as code, to edit: for findings whose fix is another destination. */
function changeDestination(pool: FindingsReportPool, finding: Finding): Remediation {
  const exportable = poolOf(pool);
  const source = finding.eventSource ? EVENT_SOURCE_LABELS[finding.eventSource].toLowerCase() : "logs";
  const note = `Replace the ${source} destination with one that fits, then apply.`;
  return {
    console:
      `Open the pool in Cognito Log Console, edit ${source} and choose a destination the check accepts (the editor checks it before it writes). ${finding.message}`.slice(
        0,
        512,
      ),
    cli: `# ${note}\n${cliCommandFor(exportable)}`,
    terraform: [
      `# ${note}`,
      ...terraformPoolBlocks(exportable, terraformName(pool.poolName || pool.poolId)),
    ].join("\n"),
    cloudformation: `${JSON.stringify(cloudFormationFor([exportable]).Resources, null, 2)}`,
    url: EXPORTING_LOGS_URL,
  };
}

/**
 * The remediation of one finding of a pool: the console's own fix where there is one, else what to
 * change in the pool's configuration. Snippets are fragments to merge into the reader's code, never
 * whole-object writes without a warning.
 */
export function remediationOf(pool: FindingsReportPool, finding: Finding): Remediation {
  const region = pool.region;
  const target = finding.fix?.target ?? "";
  const name = terraformName(pool.poolName || pool.poolId);
  switch (finding.id) {
    case "log-group-policy-missing": {
      const document = JSON.stringify({
        Version: "2012-10-17",
        Statement: [logGroupScopedStatement(target)],
      });
      return {
        console: `On the pool's page choose "Add the delivery policy": the console attaches a statement to the log group's own resource policy letting delivery.logs.amazonaws.com create streams and put events in ${destinationName(target)}, keeping the statements already there.`,
        cli: [
          "# Sets the log group's own resource policy: if it already has one, merge this statement into it",
          `# (aws logs describe-resource-policies --resource-arn ${shellWord(target)} --policy-scope RESOURCE).`,
          commandOf([
            "aws logs put-resource-policy",
            `--region ${shellWord(region)}`,
            `--resource-arn ${shellWord(target)}`,
            `--policy-document ${shellWord(document)}`,
          ]),
        ].join("\n"),
        terraform: [
          "# An account-level policy (one of 10 per account and region).",
          `resource "aws_cloudwatch_log_resource_policy" "${name}_delivery" {`,
          `  policy_name     = ${hclString(`CognitoLogDelivery-${pool.poolId}`)}`,
          `  policy_document = ${hclString(document)}`,
          "}",
        ].join("\n"),
        cloudformation: JSON.stringify(
          {
            LogDeliveryPolicy: {
              Type: "AWS::Logs::ResourcePolicy",
              Properties: { PolicyName: `CognitoLogDelivery-${pool.poolId}`, PolicyDocument: document },
            },
          },
          null,
          2,
        ),
        url: VENDED_LOGS_URL,
      };
    }
    case "firehose-missing-tag": {
      const stream = destinationName(target);
      return {
        console: `On the pool's page choose "Add the LogDeliveryEnabled tag": log delivery's service-linked role writes only to streams tagged LogDeliveryEnabled = true (exactly; True does not count). Tools that rewrite tags may strip it again.`,
        cli: commandOf([
          "aws firehose tag-delivery-stream",
          `--region ${shellWord(region)}`,
          `--delivery-stream-name ${shellWord(stream)}`,
          "--tags Key=LogDeliveryEnabled,Value=true",
        ]),
        terraform: [
          `# In the aws_kinesis_firehose_delivery_stream that manages ${stream}:`,
          "tags = {",
          '  LogDeliveryEnabled = "true"',
          "}",
        ].join("\n"),
        cloudformation: JSON.stringify(
          {
            "In the AWS::KinesisFirehose::DeliveryStream's Properties": {
              Tags: [{ Key: "LogDeliveryEnabled", Value: "true" }],
            },
          },
          null,
          2,
        ),
        url: EXPORTING_LOGS_URL,
      };
    }
    case "bucket-policy-missing": {
      const bucket = destinationName(target);
      const document = JSON.stringify({
        Version: "2012-10-17",
        Statement: bucketDeliveryStatements({ bucket, region, accountId: pool.accountId }),
      });
      return {
        console: `On the pool's page choose "Add the delivery policy": the console adds two statements to the bucket policy of ${bucket} (read its ACL, write under AWSLogs/${pool.accountId}/), keeping the statements already there.`,
        cli: [
          "# put-bucket-policy REPLACES the bucket policy: merge these statements into the current one",
          `# (aws s3api get-bucket-policy --bucket ${shellWord(bucket)}).`,
          commandOf([
            "aws s3api put-bucket-policy",
            `--bucket ${shellWord(bucket)}`,
            `--policy ${shellWord(document)}`,
          ]),
        ].join("\n"),
        terraform: [
          "# aws_s3_bucket_policy replaces the whole policy: merge with the statements the bucket has.",
          `resource "aws_s3_bucket_policy" "${name}_delivery" {`,
          `  bucket = ${hclString(bucket)}`,
          `  policy = ${hclString(document)}`,
          "}",
        ].join("\n"),
        cloudformation: JSON.stringify(
          {
            LogDeliveryBucketPolicy: {
              Type: "AWS::S3::BucketPolicy",
              Properties: { Bucket: bucket, PolicyDocument: JSON.parse(document) },
            },
          },
          null,
          2,
        ),
        url: EXPORTING_LOGS_URL,
      };
    }
    case "threat-protection-off":
      return {
        console: `On the pool's page choose "Turn on threat protection (audit only)": AWS produces user-activity logs only while threat protection is Audit or Enforced. The console sends back every other setting of the pool.`,
        cli: updateUserPoolCli(pool, "--user-pool-add-ons AdvancedSecurityMode=AUDIT"),
        terraform: [
          `# In the aws_cognito_user_pool that manages ${pool.poolId}:`,
          "user_pool_add_ons {",
          '  advanced_security_mode = "AUDIT"',
          "}",
        ].join("\n"),
        cloudformation: JSON.stringify(
          {
            "In the AWS::Cognito::UserPool's Properties": {
              UserPoolAddOns: { AdvancedSecurityMode: "AUDIT" },
            },
          },
          null,
          2,
        ),
        url: THREAT_PROTECTION_URL,
      };
    case "tier-not-plus":
    case "tier-lite-legacy-threat-protection":
      return {
        console: `User-activity export needs the Plus feature plan. In the Cognito console, open the pool's Feature plan and choose Plus (billed per monthly active user), or stop exporting user activity for this pool.`,
        cli: updateUserPoolCli(pool, "--user-pool-tier PLUS"),
        terraform: `# In the aws_cognito_user_pool that manages ${pool.poolId}:\nuser_pool_tier = "PLUS"`,
        cloudformation: JSON.stringify(
          { "In the AWS::Cognito::UserPool's Properties": { UserPoolTier: "PLUS" } },
          null,
          2,
        ),
        url: FEATURE_PLANS_URL,
      };
    default:
      return changeDestination(pool, finding);
  }
}

// ---------- CSV and JSON ----------

export const FINDINGS_CSV_COLUMNS = [
  "accountId",
  "accountName",
  "region",
  "poolId",
  "poolName",
  "poolArn",
  "findingId",
  "severity",
  "eventSource",
  "message",
  "fixAction",
  "fixTarget",
  "remediationConsole",
  "remediationCli",
  "remediationUrl",
] as const;

/** One line per (pool, finding), RFC 4180 with CRLF, cells safe from spreadsheet formulas (csv.ts). */
export function findingsCsv(pools: readonly FindingsReportPool[]): string {
  let out = csvLine(FINDINGS_CSV_COLUMNS);
  for (const pool of pools) {
    for (const finding of pool.findings) {
      const remediation = remediationOf(pool, finding);
      out += csvLine([
        pool.accountId,
        pool.accountName ?? pool.accountId,
        pool.region,
        pool.poolId,
        pool.poolName,
        pool.poolArn,
        finding.id,
        finding.severity,
        finding.eventSource,
        finding.message,
        finding.fix?.action,
        finding.fix?.target,
        remediation.console,
        remediation.cli,
        remediation.url,
      ]);
    }
  }
  return out;
}

/** The same as JSON: one object per (pool, finding), with every form of its remediation. */
export function findingsJson(pools: readonly FindingsReportPool[]): Array<Record<string, unknown>> {
  return pools.flatMap((pool) =>
    pool.findings.map((finding) => ({
      accountId: pool.accountId,
      accountName: pool.accountName ?? pool.accountId,
      region: pool.region,
      poolId: pool.poolId,
      poolName: pool.poolName,
      poolArn: pool.poolArn,
      finding,
      remediation: remediationOf(pool, finding),
    })),
  );
}

// ---------- ASFF ----------

/**
 * The top-level attributes every finding must carry: the user guide's "Required top-level ASFF
 * attributes" (AwsAccountId, CreatedAt, Description, GeneratorId, Id, ProductArn, Resources,
 * SchemaVersion, Severity, Title, Types, UpdatedAt), a superset of the service model's
 * `AwsSecurityFinding.required` (botocore securityhub 2018-10-26 service-2.json, which omits
 * Severity and Types).
 */
export const ASFF_REQUIRED_ATTRIBUTES = [
  "AwsAccountId",
  "CreatedAt",
  "Description",
  "GeneratorId",
  "Id",
  "ProductArn",
  "Resources",
  "SchemaVersion",
  "Severity",
  "Title",
  "Types",
  "UpdatedAt",
] as const;

/** Limits of the service model: Title ≤ 256, Description ≤ 1024, Recommendation.Text ≤ 512, ProductFields values ≤ 2048 (≤ 50 pairs, keys ≤ 128). */
export const ASFF_LIMITS = {
  title: 256,
  description: 1024,
  recommendation: 512,
  productFieldValue: 2048,
} as const;

export interface AsffFinding {
  SchemaVersion: "2018-10-08";
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: "HIGH" | "MEDIUM" };
  Title: string;
  Description: string;
  Resources: Array<{
    Type: string;
    Id: string;
    Partition: string;
    Region: string;
    Details?: { Other: Record<string, string> };
  }>;
  Remediation: { Recommendation: { Text: string; Url: string } };
  ProductFields: Record<string, string>;
  RecordState: "ACTIVE";
}

/** A value cut to `max` characters, marked when cut. */
function within(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The fleet's findings as ASFF, ready for `aws securityhub batch-import-findings --findings` (at
 * most 100 per call, service model). `ProductArn` is the custom-integration form
 * `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`, with the pool's
 * account: each account imports its own pools' findings. `Resources[0]` is the pool, `Type: Other`
 * (Security Hub has no Cognito user pool type). `Id` is stable per (account, region, pool, finding,
 * event source), so re-importing updates instead of duplicating. `now` is an ISO 8601 time
 * (CreatedAt/UpdatedAt). A pool without an ARN (never read fully) is left out.
 */
export function findingsAsff(pools: readonly FindingsReportPool[], now: string): AsffFinding[] {
  const out: AsffFinding[] = [];
  for (const pool of pools) {
    if (!pool.poolArn) continue;
    const partition = partitionOfRegion(pool.region);
    for (const finding of pool.findings) {
      const remediation = remediationOf(pool, finding);
      const source = finding.eventSource
        ? ` (${EVENT_SOURCE_LABELS[finding.eventSource].toLowerCase()})`
        : "";
      out.push({
        SchemaVersion: "2018-10-08",
        Id: within(
          `cognito-log-console/${pool.accountId}/${pool.region}/${pool.poolId}/${finding.id}${finding.eventSource ? `/${finding.eventSource}` : ""}`,
          512,
        ),
        ProductArn: `arn:${partition}:securityhub:${pool.region}:${pool.accountId}:product/${pool.accountId}/default`,
        GeneratorId: `cognito-log-console/${finding.id}`,
        AwsAccountId: pool.accountId,
        Types: ["Software and Configuration Checks/AWS Security Best Practices"],
        CreatedAt: now,
        UpdatedAt: now,
        Severity: { Label: finding.severity === "block" ? "HIGH" : "MEDIUM" },
        Title: within(
          `Cognito log delivery${source}: ${finding.id} on ${pool.poolName || pool.poolId}`,
          ASFF_LIMITS.title,
        ),
        Description: within(finding.message, ASFF_LIMITS.description),
        Resources: [
          {
            Type: "Other",
            Id: pool.poolArn,
            Partition: partition,
            Region: pool.region,
            Details: { Other: { UserPoolId: pool.poolId, UserPoolName: within(pool.poolName, 1023) } },
          },
        ],
        Remediation: {
          Recommendation: {
            Text: within(remediation.console, ASFF_LIMITS.recommendation),
            Url: remediation.url,
          },
        },
        ProductFields: {
          "CognitoLogConsole/Remediation/Console": within(remediation.console, ASFF_LIMITS.productFieldValue),
          "CognitoLogConsole/Remediation/Cli": within(remediation.cli, ASFF_LIMITS.productFieldValue),
          "CognitoLogConsole/Remediation/Terraform": within(
            remediation.terraform,
            ASFF_LIMITS.productFieldValue,
          ),
          "CognitoLogConsole/Remediation/CloudFormation": within(
            remediation.cloudformation,
            ASFF_LIMITS.productFieldValue,
          ),
          "CognitoLogConsole/AwsConsoleUrl": within(
            userPoolConsoleUrl(pool.poolId, pool.region),
            ASFF_LIMITS.productFieldValue,
          ),
        },
        RecordState: "ACTIVE",
      });
    }
  }
  return out;
}
