/**
 * Resource policies of both scopes (rules doc §3): account-level by `policyName` (at most 10 per
 * account and region) and log-group-scoped by `resourceArn` with revision ids. PutResourcePolicy,
 * DeleteResourcePolicy, DescribeResourcePolicies.
 */
import { int, operation, str, struct } from "../../core/shapes.ts";
import { AwsError, type CallContext, type JsonOperation } from "../../core/types.ts";
import { constraintError } from "../shared/errors.ts";
import { isObject } from "../shared/json.ts";
import {
  digits56,
  invalid,
  logGroupArn,
  logGroupTarget,
  notFound,
  pageAfter,
  scopeOf,
  withNextToken,
} from "./lookup.ts";
import { nextToken } from "./members.ts";
import type { AccountPolicy, GroupPolicy, LogGroup, LogsState } from "./model.ts";

/** Account-level policies only: log-group-scoped ones are one per log group (model documentation). */
const MAX_RESOURCE_POLICIES = 10;
/** The model's cap for any policy document; account-level ones have the older 5120 (rules doc §3). */
const MAX_POLICY_DOCUMENT = 51_200;
const MAX_ACCOUNT_POLICY_DOCUMENT = 5120;

const PutResourcePolicyInput = struct("PutResourcePolicyRequest", {
  policyName: str(),
  policyDocument: str({ min: 1, max: MAX_POLICY_DOCUMENT }),
  resourceArn: str(),
  expectedRevisionId: str({ min: 1 }),
});
const DeleteResourcePolicyInput = struct("DeleteResourcePolicyRequest", {
  policyName: str(),
  resourceArn: str(),
  expectedRevisionId: str({ min: 1 }),
});
const DescribeResourcePoliciesInput = struct("DescribeResourcePoliciesRequest", {
  nextToken,
  limit: int({ min: 1, max: 50 }),
  resourceArn: str(),
  policyScope: str({ enum: ["ACCOUNT", "RESOURCE"] }),
});

type PolicyTarget =
  | { scope: "ACCOUNT"; policyName: string }
  | { scope: "RESOURCE"; arn: string; group: LogGroup };

const describeAccountPolicy = (policy: AccountPolicy) => ({
  policyName: policy.policyName,
  policyDocument: policy.policyDocument,
  lastUpdatedTime: policy.lastUpdatedTime,
  policyScope: "ACCOUNT",
});

const describeGroupPolicy = (ctx: CallContext, groupName: string, policy: GroupPolicy) => ({
  policyDocument: policy.policyDocument,
  lastUpdatedTime: policy.lastUpdatedTime,
  policyScope: "RESOURCE",
  resourceArn: logGroupArn(ctx, groupName),
  revisionId: policy.revisionId,
});

/**
 * Log-group-scoped writes name the revision they replace (model: "to prevent concurrent
 * modifications"; none when creating). A mismatch is the model's OperationAbortedException
 * ("Multiple concurrent requests to update the same resource were in conflict"); the text is ours.
 */
function checkRevision(arn: string, current: string | undefined, expected: string | undefined): void {
  if (current === expected) return;
  throw new AwsError(
    "OperationAbortedException",
    current === undefined
      ? `The resource policy of ${arn} does not exist, so there is no revision ${expected}: omit expectedRevisionId to create it.`
      : expected === undefined
        ? `The resource policy of ${arn} already exists (revision ${current}): send it as expectedRevisionId to replace it.`
        : `The resource policy of ${arn} changed: expected revision ${expected}, found ${current}. Read it again and retry.`,
  );
}

export function resourcePolicyOperations(state: LogsState): Record<string, JsonOperation> {
  /** Which policy a Put or Delete names: exactly one of policyName (account) or resourceArn (log group). */
  const policyTarget = (
    ctx: CallContext,
    input: { policyName?: string; resourceArn?: string },
  ): PolicyTarget => {
    const named = input.policyName !== undefined && input.policyName !== "";
    if (named && input.resourceArn !== undefined) {
      // Ours (text): the two select different scopes, so AWS takes exactly one of them.
      throw invalid(
        "Specify either policyName (an account-level policy) or resourceArn (a log-group-scoped policy), not both.",
      );
    }
    if (input.resourceArn !== undefined)
      return { scope: "RESOURCE", ...logGroupTarget(state, ctx, input.resourceArn) };
    if (!named) {
      throw invalid(
        "Specify policyName for an account-level resource policy, or resourceArn for a log-group-scoped one.",
      );
    }
    return { scope: "ACCOUNT", policyName: input.policyName as string };
  };

  const nextRevision = (ctx: CallContext) => digits56(ctx.now(), ++state.counter).slice(-32);

  return {
    PutResourcePolicy: operation(PutResourcePolicyInput, (input, ctx) => {
      const target = policyTarget(ctx, input);
      if (input.policyDocument === undefined) {
        throw constraintError(
          "InvalidParameterException",
          undefined,
          "policyDocument",
          "Member must not be null",
        );
      }
      if (target.scope === "ACCOUNT" && input.policyDocument.length > MAX_ACCOUNT_POLICY_DOCUMENT) {
        // Assumed: the form AWS answered when the model itself capped documents at 5120 characters;
        // the cap now applies to account-level policies only (rules doc §3).
        throw constraintError(
          "InvalidParameterException",
          input.policyDocument,
          "policyDocument",
          `Member must have length less than or equal to ${MAX_ACCOUNT_POLICY_DOCUMENT}`,
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.policyDocument);
      } catch {
        parsed = undefined;
      }
      if (!isObject(parsed)) {
        // Ours: AWS rejects a document that is not a JSON policy; its exact wording is not captured.
        throw invalid("Policy document is not valid JSON: it must be a JSON object with a Statement list.");
      }
      const scope = scopeOf(state, ctx);
      if (target.scope === "RESOURCE") {
        const existing = scope.groupPolicies[target.group.name];
        checkRevision(target.arn, existing?.revisionId, input.expectedRevisionId);
        const policy = {
          policyDocument: input.policyDocument,
          lastUpdatedTime: ctx.now(),
          revisionId: nextRevision(ctx),
        };
        scope.groupPolicies[target.group.name] = policy;
        ctx.changed();
        return {
          resourcePolicy: describeGroupPolicy(ctx, target.group.name, policy),
          revisionId: policy.revisionId,
        };
      }
      const existing = scope.policies[target.policyName];
      if (!existing && Object.keys(scope.policies).length >= MAX_RESOURCE_POLICIES) {
        throw new AwsError("LimitExceededException", "Resource limit exceeded.");
      }
      const policy = {
        policyName: target.policyName,
        policyDocument: input.policyDocument,
        lastUpdatedTime: ctx.now(),
        revisionId: nextRevision(ctx),
      };
      scope.policies[target.policyName] = policy;
      ctx.changed();
      // Account-level answers carry no revision id (model: "Only returned for resource-scoped policies";
      // measured by LocalStack's snapshot of AWS's PutResourcePolicy answer).
      return { resourcePolicy: describeAccountPolicy(policy) };
    }),

    DeleteResourcePolicy: operation(DeleteResourcePolicyInput, (input, ctx) => {
      const target = policyTarget(ctx, input);
      const scope = scopeOf(state, ctx);
      if (target.scope === "RESOURCE") {
        const existing = scope.groupPolicies[target.group.name];
        if (!existing) {
          // Ours: AWS answers ResourceNotFoundException; text not captured.
          throw notFound(`No resource policy is attached to ${target.arn}.`);
        }
        if (input.expectedRevisionId === undefined) {
          // Ours: the model requires it for resource-scoped policies; AWS's text is not captured.
          throw invalid(
            `expectedRevisionId is required to delete the resource policy of ${target.arn}: send the revisionId that DescribeResourcePolicies answers.`,
          );
        }
        checkRevision(target.arn, existing.revisionId, input.expectedRevisionId);
        delete scope.groupPolicies[target.group.name];
        ctx.changed();
        return {};
      }
      if (!scope.policies[target.policyName]) {
        // Measured (LocalStack's snapshot of AWS): ResourceNotFoundException with this text.
        throw notFound(`Policy with name [${target.policyName}] does not exist.`);
      }
      delete scope.policies[target.policyName];
      ctx.changed();
      return {};
    }),

    DescribeResourcePolicies: operation(DescribeResourcePoliciesInput, (input, ctx) => {
      const scope = scopeOf(state, ctx);
      const limit = input.limit ?? 50;
      if (input.resourceArn !== undefined) {
        if (input.policyScope === "ACCOUNT") {
          // Ours: an account-level policy is not attached to a resource; AWS's text is not captured.
          throw invalid("policyScope ACCOUNT cannot be combined with resourceArn: use RESOURCE or omit it.");
        }
        const { group } = logGroupTarget(state, ctx, input.resourceArn);
        const policy = scope.groupPolicies[group.name];
        return { resourcePolicies: policy ? [describeGroupPolicy(ctx, group.name, policy)] : [] };
      }
      if (input.policyScope === "RESOURCE") {
        // Assumed: without resourceArn, every log-group-scoped policy of the account and region.
        const names = Object.keys(scope.groupPolicies).sort();
        const { page, nextToken: next } = pageAfter(names, (n) => n, input.nextToken, limit);
        return {
          resourcePolicies: page.flatMap((name) => {
            const policy = scope.groupPolicies[name];
            return policy ? [describeGroupPolicy(ctx, name, policy)] : [];
          }),
          ...withNextToken(next),
        };
      }
      // policyScope defaults to ACCOUNT (model documentation).
      const policies = Object.values(scope.policies).sort((a, b) =>
        a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0,
      );
      const { page, nextToken: next } = pageAfter(policies, (p) => p.policyName, input.nextToken, limit);
      return { resourcePolicies: page.map(describeAccountPolicy), ...withNextToken(next) };
    }),
  };
}
