/**
 * Read-only lookups shared by the plan, the steps and cleanup: a log group or a stream by exact
 * name, and the CloudWatch Logs calls a policy write makes.
 */
import { orOnCode } from "../../aws/call.ts";
import type { Deadline } from "../../aws/deadline.ts";
import type { DeliveryStreamRecord } from "../../aws/firehose-gateway.ts";
import type { LogGroupRecord } from "../../aws/logs-gateway.ts";
import type { LogPolicyStore } from "../../lib/delivery-policies.ts";
import type { CreationAws, StepContext } from "./step-kit.ts";

/** The log group of exactly this name (DescribeLogGroups by prefix, every page), null when none. */
export async function findLogGroup(
  logs: CreationAws["logs"],
  region: string,
  name: string,
  deadline: Deadline | undefined,
): Promise<LogGroupRecord | null> {
  let nextToken: string | undefined;
  do {
    const page = await logs.describeLogGroups(
      region,
      { prefix: name, limit: 50, ...(nextToken ? { nextToken } : {}) },
      deadline,
    );
    const match = page.groups.find((g) => g.name === name);
    if (match) return match;
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return null;
}

/** The stream of this name, null when there is none. */
export function findStream(
  firehose: CreationAws["firehose"],
  region: string,
  name: string,
  deadline: Deadline | undefined,
): Promise<DeliveryStreamRecord | null> {
  return orOnCode(
    firehose.describeDeliveryStream(region, name, deadline),
    ["ResourceNotFoundException"],
    null,
  );
}

/** The CloudWatch Logs calls of a policy write, in the step's region and under its deadline. */
export function logPolicyStore(ctx: Pick<StepContext, "aws" | "region" | "deadline">): LogPolicyStore {
  const { logs } = ctx.aws;
  return {
    accountPolicies: () => logs.describeResourcePolicies(ctx.region, ctx.deadline),
    logGroupPolicy: (arn) => logs.describeLogGroupPolicy(ctx.region, arn, ctx.deadline),
    putAccountPolicy: async (policyName, policyDocument) =>
      (await logs.putResourcePolicy(ctx.region, policyName, policyDocument, ctx.deadline)).requestId,
    putLogGroupPolicy: async (arn, document, revision) =>
      (await logs.putLogGroupPolicy(ctx.region, arn, document, revision, ctx.deadline)).requestId,
  };
}
