/**
 * Log delivery: GetLogDeliveryConfiguration and SetLogDeliveryConfiguration. Set is validated by
 * `@clc/domain/aws-request`, the one implementation of AWS's order (rules doc §2: deserialization,
 * model constraints in one message, pool lookup, tier gate, "Request validation Failed." clauses),
 * given the sandbox's lookups for what only AWS's state can tell (does the destination exist?).
 */
import { destinationsOfAwsEntry as destinationsOf } from "@clc/domain/aws-config";
import {
  type AwsSetDestination,
  awsSetLogDeliveryCheck,
  validateAwsLogConfigurationsRequest,
} from "@clc/domain/aws-request";
import type { DestinationLookup } from "../../core/lookups.ts";
import { operation } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation } from "../../core/types.ts";
import { poolIn, UserPoolIdRequest } from "./members.ts";
import type { CognitoState, EventSource, LogConfiguration } from "./model.ts";

/**
 * Sentences for a destination in the pool's account and region (any S3 bucket): all ours, AWS's
 * wording is not captured (rules doc §2.6).
 */
function destinationProblems(dest: AwsSetDestination, ctx: CallContext, lookup: DestinationLookup): string[] {
  if (dest.kind === "s3") {
    const bucket = dest.arn.split(":::")[1]?.split("/")[0] ?? "";
    const region = lookup.bucketRegion(bucket, ctx);
    if (region === undefined) return ["Bucket does not exist"];
    return region !== ctx.region ? ["ARN does not belong to current region"] : [];
  }
  const resource = dest.arn.split(":").slice(5).join(":");
  if (dest.kind === "logGroup") {
    if (!resource.startsWith("log-group:")) return ["ARN is not a log group ARN"];
    return lookup.logGroupExists(resource.slice("log-group:".length), ctx)
      ? []
      : ["Log group does not exist"];
  }
  if (!resource.startsWith("deliverystream/")) return ["ARN is not a Firehose stream ARN"];
  return lookup.deliveryStreamExists(resource.slice("deliverystream/".length), ctx)
    ? []
    : ["Delivery stream does not exist"];
}

/** AWS does not keep request order (measured); we answer in a fixed order that differs from the usual request order. */
const storedOrder = (a: LogConfiguration, b: LogConfiguration) => a.EventSource.localeCompare(b.EventSource);

export function logDeliveryOperations(
  state: CognitoState,
  lookup: DestinationLookup,
): Record<string, JsonOperation> {
  return {
    GetLogDeliveryConfiguration: operation(
      UserPoolIdRequest("GetLogDeliveryConfigurationRequest"),
      (input, ctx) => {
        const pool = poolIn(state, input.UserPoolId, ctx);
        return {
          LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.logConfigurations },
        };
      },
    ),

    SetLogDeliveryConfiguration(raw, ctx) {
      // 1–2: deserialization, then every model constraint in one message, before the pool lookup.
      const request = validateAwsLogConfigurationsRequest(raw);
      if (!request.ok) throw new AwsError(request.error.code, request.error.message);
      // 3: pool lookup.
      const pool = poolIn(state, request.userPoolId, ctx);
      // 4–5: tier gate, then request validation in one message.
      const answer = awsSetLogDeliveryCheck(
        request.logConfigurations,
        { tier: pool.tier, region: ctx.region, accountId: ctx.accountId },
        { destinationProblems: (dest) => destinationProblems(dest, ctx, lookup) },
      );
      if (answer) throw new AwsError(answer.code, answer.message);

      // Past validation each entry has a known source, its one level and exactly one destination.
      pool.logConfigurations = request.logConfigurations
        .map((c): LogConfiguration => {
          const d = destinationsOf(c)[0];
          return {
            LogLevel: c.LogLevel as LogConfiguration["LogLevel"],
            EventSource: c.EventSource as EventSource,
            ...(d?.kind === "logGroup" ? { CloudWatchLogsConfiguration: { LogGroupArn: d.arn } } : {}),
            ...(d?.kind === "s3" ? { S3Configuration: { BucketArn: d.arn } } : {}),
            ...(d?.kind === "firehose" ? { FirehoseConfiguration: { StreamArn: d.arn } } : {}),
          };
        })
        .sort(storedOrder);
      pool.modifiedMs = ctx.now();
      ctx.changed();
      return { LogDeliveryConfiguration: { UserPoolId: pool.id, LogConfigurations: pool.logConfigurations } };
    },
  };
}
