/**
 * A log group destination: it exists, is not KMS-encrypted, and the account's resource policies and
 * the log group's own, read together, let the delivery service write (rules doc §3).
 */
import { AwsError, type CallContext } from "../core/types.ts";
import { isObject } from "../services/shared/json.ts";
import type { ServiceCalls } from "./calls.ts";
import { type DeliveryReason, type ParsedArn, type Plan, reason, sourceArnFor, utcDay } from "./model.ts";
import { allows, DELIVERY_PRINCIPAL } from "./policy.ts";

export function planLogGroup(
  calls: ServiceCalls,
  target: ParsedArn,
  arn: string,
  poolId: string,
  base?: CallContext,
): Plan {
  const ctx = calls.contextFor(target.region, target.account, base);
  const found = calls.callJson("logs", "DescribeLogGroups", { logGroupIdentifiers: [target.name] }, ctx);
  const group = (Array.isArray(found.logGroups) ? found.logGroups : []).find(
    (g) => isObject(g) && g.logGroupName === target.name,
  );
  if (!isObject(group)) {
    return {
      reasons: [reason("log-group-missing", `Log group ${target.name} does not exist in ${target.region}.`)],
    };
  }
  const reasons: DeliveryReason[] = [];
  if (typeof group.kmsKeyId === "string") {
    reasons.push(
      reason(
        "log-group-kms",
        `Log group ${target.name} is encrypted with KMS key ${group.kmsKeyId}; Cognito does not deliver to KMS-encrypted log groups.`,
      ),
    );
  }
  const streamName = `${poolId}/${utcDay(ctx.now())}`;
  const groupArn = arn.replace(/:\*$/, "");
  // Either scope may grant (rules doc §3): the account's policies, or the one attached to the group.
  const accountDocuments: string[] = [];
  let token: string | undefined;
  do {
    const page = calls.callJson("logs", "DescribeResourcePolicies", token ? { nextToken: token } : {}, ctx);
    for (const p of Array.isArray(page.resourcePolicies) ? page.resourcePolicies : []) {
      if (isObject(p) && typeof p.policyDocument === "string") accountDocuments.push(p.policyDocument);
    }
    token = typeof page.nextToken === "string" ? page.nextToken : undefined;
  } while (token);
  const attached = calls.callJson(
    "logs",
    "DescribeResourcePolicies",
    { resourceArn: groupArn, policyScope: "RESOURCE" },
    ctx,
  );
  const groupDocuments = (Array.isArray(attached.resourcePolicies) ? attached.resourcePolicies : [])
    .filter((p) => isObject(p) && typeof p.policyDocument === "string")
    .map((p) => (p as { policyDocument: string }).policyDocument);
  const request = {
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resource: `${groupArn}:log-stream:${streamName}`,
    context: {
      "aws:SourceAccount": target.account,
      "aws:SourceArn": sourceArnFor(target.region, target.account, poolId),
    },
  };
  // An explicit Deny in either document wins over an Allow in the other, as IAM evaluates them together.
  const permitted = allows([...accountDocuments, ...groupDocuments], request);
  if (!permitted) {
    reasons.push(
      reason(
        "log-group-policy-missing",
        `No CloudWatch Logs resource policy (neither an account-level one nor the one attached to the log group) lets ${DELIVERY_PRINCIPAL} logs:CreateLogStream and logs:PutLogEvents on ${groupArn}:log-stream:*.`,
      ),
    );
  }
  if (reasons.length > 0) return { reasons };
  return {
    reasons,
    write(events) {
      try {
        calls.callJson(
          "logs",
          "CreateLogStream",
          { logGroupName: target.name, logStreamName: streamName },
          ctx,
        );
      } catch (error) {
        if (!(error instanceof AwsError && error.code === "ResourceAlreadyExistsException")) throw error;
      }
      const logEvents = events.map((e) => ({
        timestamp: Number(e.eventTimestamp),
        message: JSON.stringify(e),
      }));
      for (let i = 0; i < logEvents.length; i += 10_000) {
        calls.callJson(
          "logs",
          "PutLogEvents",
          {
            logGroupName: target.name,
            logStreamName: streamName,
            logEvents: logEvents.slice(i, i + 10_000),
          },
          ctx,
        );
      }
      return [streamName];
    },
  };
}
