/**
 * CloudFormation for pools' log delivery: one `AWS::Cognito::LogDeliveryConfiguration` per pool.
 *
 * Facts (AWS CloudFormation template reference, AWS::Cognito::LogDeliveryConfiguration, and its
 * resource schema as the CloudFormation registry publishes it): properties `UserPoolId` (required,
 * 1–55, `[\w-]+_[0-9a-zA-Z]+`, replacement on change) and `LogConfigurations` (0–2 items of
 * `LogLevel`, `EventSource`, `CloudWatchLogsConfiguration.LogGroupArn`,
 * `FirehoseConfiguration.StreamArn`, `S3Configuration.BucketArn`); no tags. `@aws-cdk/cfnspec`
 * 2.72.1 (the spec the member-role test uses) predates the type.
 */
import type { CloudFormationTemplate } from "../member-role.ts";
import { describePool, type ExportablePool, uniqueNames } from "./pool-config.ts";

const MEMBER_OF = {
  logGroup: ["CloudWatchLogsConfiguration", "LogGroupArn"],
  firehose: ["FirehoseConfiguration", "StreamArn"],
  s3: ["S3Configuration", "BucketArn"],
} as const;

/** A logical id (alphanumeric, at most 255 characters) from free text. */
export function logicalIdOf(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = `LogDelivery${words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("")}`;
  return id.slice(0, 240);
}

export type LogDeliveryTemplate = Omit<CloudFormationTemplate, "Parameters" | "Outputs" | "Resources"> & {
  Resources: Record<
    string,
    {
      Type: "AWS::Cognito::LogDeliveryConfiguration";
      DeletionPolicy: "Retain";
      UpdateReplacePolicy: "Retain";
      Metadata: Record<string, unknown>;
      Properties: { UserPoolId: string; LogConfigurations: Array<Record<string, unknown>> };
    }
  >;
};

/**
 * The template for `pools` (every pool, those that export nothing with an empty list, which is
 * what they have). Each resource keeps the pool's configuration when removed from the stack
 * (`DeletionPolicy: Retain`): deleting it would clear both event sources. A stack deploys to one
 * account and region: `Metadata` names each pool's, and the description says when the selection
 * spans several.
 */
export function cloudFormationFor(pools: readonly ExportablePool[]): LogDeliveryTemplate {
  const places = new Set(pools.map((p) => `${p.accountId} ${p.region}`));
  const nameOf = uniqueNames("");
  const resources: LogDeliveryTemplate["Resources"] = {};
  for (const pool of pools) {
    const id = nameOf(logicalIdOf(pool.poolName ?? pool.poolId));
    resources[id] = {
      Type: "AWS::Cognito::LogDeliveryConfiguration",
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
      Metadata: {
        "CognitoLogConsole::Pool": {
          AccountId: pool.accountId,
          Region: pool.region,
          ...(pool.poolName ? { Name: pool.poolName } : {}),
          ...(pool.warnings.length > 0 ? { Notes: pool.warnings } : {}),
        },
      },
      Properties: {
        UserPoolId: pool.poolId,
        LogConfigurations: pool.entries.map((entry) => {
          const [member, arnMember] = MEMBER_OF[entry.kind];
          return {
            EventSource: entry.eventSource,
            LogLevel: entry.logLevel,
            [member]: { [arnMember]: entry.arn },
          };
        }),
      },
    };
  }
  const where =
    places.size > 1
      ? ` The pools are in ${places.size} (account, region) pairs: a stack deploys to one, so deploy each resource with the stack of its account and region (see each one's Metadata).`
      : pools[0]
        ? ` For the ${describePool(pools[0])}.`
        : "";
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `Cognito user pools' log delivery as AWS holds it, written by Cognito Log Console. Creating a resource replaces the pool's whole configuration with the one here.${where}`,
    Resources: resources,
  };
}
