/**
 * The steps routing Cognito's API activity to the run's Firehose stream (issue 15): check CloudTrail,
 * the role EventBridge assumes and its policy, the rule, the rule's target. Each looks first and
 * reuses what is there (a resumed run), records what it made for cleanup, and never adopts a rule
 * the console did not create.
 */
import {
  API_ACTIVITY_PATTERN,
  API_ACTIVITY_TARGET_ID,
  apiActivityRoleName,
  apiActivityRuleName,
  EVENTS_ROLE_POLICY_NAME,
  EVENTS_SERVICE_PRINCIPAL,
  eventsFirehosePolicy,
  eventsTrustPolicy,
  judgeApiActivity,
  type StepId,
  streamArnOf,
  trailCheckOf,
  trustsEvents,
} from "@clc/domain";
import { trailRecords } from "../freshness/checks.ts";
import { findStream } from "./lookups.ts";
import {
  createdEarlier,
  ensureServiceRole,
  recorded,
  reused,
  type StepContext,
  StepFailure,
  type StepFn,
} from "./step-kit.ts";

function streamNameOf(ctx: StepContext): string {
  if (ctx.input.kind === "apiActivity") return ctx.input.streamName;
  if (ctx.input.kind !== "firehose" || !ctx.input.apiActivity) {
    throw new StepFailure("PlanMismatch", "Only a Firehose stream with API activity has these steps.");
  }
  return ctx.input.streamName;
}

export const apiActivitySteps = {
  /** A route to an existing stream: it must (still) exist and be ACTIVE; it is only read, never recorded for cleanup. */
  async "check-stream"(ctx) {
    const name = streamNameOf(ctx);
    const stream = await findStream(ctx.aws.firehose, ctx.region, name, ctx.deadline);
    if (!stream) {
      throw new StepFailure(
        "StreamMissing",
        `There is no Firehose stream ${name} in ${ctx.region}.`,
        "Check the name, or create the stream first; nothing was created.",
      );
    }
    if (stream.status !== "ACTIVE") {
      throw new StepFailure(
        "StreamNotActive",
        `The stream ${name} is ${stream.status}, not ACTIVE.`,
        "Run again once it is ACTIVE.",
      );
    }
    return { status: "done", message: `The stream ${name} exists and is ACTIVE; it is left as it is.` };
  },

  async "check-trail"(ctx) {
    streamNameOf(ctx);
    const check = trailCheckOf(ctx.region, await trailRecords(ctx.aws, ctx.region, ctx.deadline));
    // No trail is not a failure: the rule works as soon as one records (the plan said how).
    return { status: "done", message: check.message };
  },

  async "create-events-role"(ctx) {
    const name = apiActivityRoleName(streamNameOf(ctx));
    return ensureServiceRole(ctx, {
      name,
      stepId: "create-events-role",
      recordType: "eventsRole",
      trusts: trustsEvents,
      notTrusted: new StepFailure(
        "RoleNotForEventBridge",
        `The IAM role ${name} already exists, but EventBridge (${EVENTS_SERVICE_PRINCIPAL}) may not assume it.`,
        "Delete or rename that role, then run again.",
      ),
      trustPolicy: eventsTrustPolicy(ctx.accountId),
      description:
        "Lets EventBridge put Cognito's API activity into a Firehose stream (created by Cognito Log Console).",
      createdMessage: `Created role ${name}, which only EventBridge acting for this account may assume.`,
    });
  },

  async "events-role-policy"(ctx) {
    const streamName = streamNameOf(ctx);
    const roleName = apiActivityRoleName(streamName);
    await ctx.aws.iam.putRolePolicy(
      roleName,
      EVENTS_ROLE_POLICY_NAME,
      eventsFirehosePolicy(streamArnOf(ctx, streamName)),
      ctx.deadline,
    );
    // Only on a role this run created: the plan says cleanup leaves an existing role's policy alone.
    if (createdEarlier(ctx, "eventsRole", roleName) && !createdEarlier(ctx, "eventsRolePolicy", roleName)) {
      ctx.ledger.push({
        type: "eventsRolePolicy",
        stepId: "events-role-policy",
        roleName,
        policyName: EVENTS_ROLE_POLICY_NAME,
      });
    }
    return { status: "done", message: `The role may put records into ${streamName} only.` };
  },

  async "create-rule"(ctx) {
    const streamName = streamNameOf(ctx);
    const name = apiActivityRuleName(streamName);
    const existing = await ctx.aws.events.describeRule(ctx.region, name, ctx.deadline);
    if (existing) {
      const tags = await ctx.aws.events.ruleTags(ctx.region, existing.arn, ctx.deadline);
      const judged = judgeApiActivity(
        streamName,
        { role: null, rule: { eventPattern: existing.eventPattern, tags } },
        { eventsRule: createdEarlier(ctx, "eventsRule", name) },
      ).checks.find((c) => c.type === "rule");
      if (judged?.state === "conflict") {
        throw new StepFailure(
          "RuleNotOurs",
          `${judged.message} ${judged.differences.join(" ")}`.trim(),
          "Choose another stream name, or delete that rule yourself if nothing needs it; it was left as it is.",
        );
      }
      return reused(ctx, "eventsRule", name, `Rule ${name}`);
    }
    await ctx.aws.events.putRule(
      ctx.region,
      {
        name,
        eventPattern: API_ACTIVITY_PATTERN,
        description: `Cognito API activity to Firehose stream ${streamName} (created by Cognito Log Console).`,
        tags: ctx.tags,
      },
      ctx.deadline,
    );
    return recorded(
      ctx,
      { type: "eventsRule", stepId: "create-rule", region: ctx.region, name },
      `Created rule ${name} matching ${API_ACTIVITY_PATTERN}.`,
    );
  },

  async "put-targets"(ctx) {
    const streamName = streamNameOf(ctx);
    const rule = apiActivityRuleName(streamName);
    const streamArn = streamArnOf(ctx, streamName);
    const role = await ctx.aws.iam.getRole(apiActivityRoleName(streamName), ctx.deadline);
    if (!role)
      throw new StepFailure("NoSuchRole", "EventBridge's role is missing; run again to recreate it.");
    const targets = await ctx.aws.events.ruleTargets(ctx.region, rule, ctx.deadline);
    const had = targets.includes(streamArn);
    await ctx.aws.events.putQueueTarget(
      ctx.region,
      rule,
      { id: API_ACTIVITY_TARGET_ID, arn: streamArn, roleArn: role.arn },
      ctx.deadline,
    );
    if (had) return reused(ctx, "eventsTarget", rule, `The target of rule ${rule}`);
    return recorded(
      ctx,
      {
        type: "eventsTarget",
        stepId: "put-targets",
        region: ctx.region,
        name: rule,
        targetId: API_ACTIVITY_TARGET_ID,
      },
      `Rule ${rule} now sends Cognito's API activity to ${streamName}, as role ${role.arn}.`,
    );
  },
} satisfies Partial<Record<StepId, StepFn>>;
