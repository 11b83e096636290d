/** The steps of a log group destination: create it, set its retention, let log delivery write to it. */
import type { StepId } from "@clc/domain";
import { findLogGroup, logPolicyStore } from "./lookups.ts";
import { asStepFailure, createdEarlier, recorded, reused, StepFailure, type StepFn } from "./step-kit.ts";

export const logGroupSteps = {
  async "create-log-group"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const name = ctx.input.logGroupName;
    const existing = await findLogGroup(ctx.aws.logs, ctx.region, name, ctx.deadline);
    if (existing) {
      if (existing.kmsKeyId) {
        throw new StepFailure(
          "LogGroupEncrypted",
          `The log group ${name} already exists and is KMS-encrypted; Cognito cannot deliver to it.`,
          "Choose another log group name and run again.",
        );
      }
      return reused(ctx, "logGroup", name, `Log group ${name}`);
    }
    const result = await ctx.aws.logs.createLogGroup(ctx.region, name, ctx.tags, ctx.deadline);
    if (result === "exists") return reused(ctx, "logGroup", name, `Log group ${name}`);
    ctx.ledger.push({ type: "logGroup", stepId: "create-log-group", region: ctx.region, name });
    return { status: "done", message: `Created log group ${name}.` };
  },

  async "set-retention"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const { logGroupName: name, retentionInDays: days } = ctx.input;
    if (!createdEarlier(ctx, "logGroup", name)) {
      return { status: "skipped", message: "The log group existed before; its retention was left as it is." };
    }
    await ctx.aws.logs.setRetention(ctx.region, name, days, ctx.deadline);
    return {
      status: "done",
      message: days === null ? "Events never expire." : `Events are kept ${days} days.`,
    };
  },

  async "log-group-policy"(ctx) {
    if (ctx.input.kind !== "logGroup") throw new StepFailure("PlanMismatch", "Not a log group request.");
    const name = ctx.input.logGroupName;
    const logGroupArn = `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
    // The log group's own policy unless the request asks for an account-level slot (rules doc §3).
    const scope = ctx.input.resourcePolicyScope ?? "log-group";
    const written = await ctx.policies
      .ensureLogGroupDelivery(logPolicyStore(ctx), {
        accountId: ctx.accountId,
        region: ctx.region,
        logGroupArn,
        scope,
      })
      .catch((error: unknown) => {
        throw asStepFailure(error);
      });
    if (!written.changed) {
      return ctx.ledger.some(
        (r) =>
          (r.type === "resourcePolicy" || r.type === "logGroupPolicy") && r.stepId === "log-group-policy",
      )
        ? { status: "done", message: `Log delivery was allowed by an earlier attempt. ${written.message}` }
        : { status: "skipped", message: written.message };
    }
    return recorded(
      ctx,
      written.scope === "log-group"
        ? {
            type: "logGroupPolicy",
            stepId: "log-group-policy",
            region: ctx.region,
            logGroupArn,
            addition: written.addition,
          }
        : {
            type: "resourcePolicy",
            stepId: "log-group-policy",
            region: ctx.region,
            policyName: written.policyName,
            addition: written.addition,
          },
      written.message,
    );
  },
} satisfies Partial<Record<StepId, StepFn>>;
