/**
 * Cognito's API activity routed to a Firehose stream (issue 15, the route of the OpenObserve guide):
 * an EventBridge rule on the default bus matching `{"source": ["aws.cognito-idp"]}` whose target is
 * the stream, with a role EventBridge assumes to put records into it. EventBridge receives Cognito's
 * API calls as "AWS API Call via CloudTrail" events only while a CloudTrail trail records management
 * events in the region (EventBridge user guide, "Events from AWS services"), so the plan checks that
 * first and says how to create a trail when none does.
 *
 * Sources: EventBridge user guide, "Amazon Data Firehose stream target" (the target's role needs
 * firehose:PutRecordBatch on the stream; the CDK's KinesisFirehoseStream target grants PutRecord and
 * PutRecordBatch, as here) and PutTargets (RoleArn: the role EventBridge uses for this target);
 * CloudTrail CLI reference (create-trail --is-multi-region-trail, start-logging).
 */
import { cloudTrailConsoleUrl } from "../console-links.ts";
import type { ExistingCheck, MadeByRun } from "./existing.ts";
import type { PlanContext, PlanStep } from "./plan.ts";
import { MANAGED_BY_TAG } from "./schemas.ts";

/** The rule's event pattern: every event whose source is Cognito user pools. */
export const API_ACTIVITY_PATTERN = JSON.stringify({ source: ["aws.cognito-idp"] });
export const EVENTS_SERVICE_PRINCIPAL = "events.amazonaws.com";
export const EVENTS_ROLE_POLICY_NAME = "eventbridge-firehose-put";
/** The target's id on the rule (PutTargets Id: 1–64 of `[.\-_A-Za-z0-9]`). */
export const API_ACTIVITY_TARGET_ID = "firehose";

/** EventBridge rule names: 1–64 of `[.\-_A-Za-z0-9]`; stream names use the same characters. */
export function apiActivityRuleName(streamName: string): string {
  return `clc-cognito-api-${streamName}`.slice(0, 64);
}

/** IAM role names: 1–64 characters; stream names are within `[\w+=,.@-]`. */
export function apiActivityRoleName(streamName: string): string {
  return `clc-events-${streamName}`.slice(0, 64);
}

export function streamArnOf(
  ctx: Pick<PlanContext, "partition" | "region" | "accountId">,
  streamName: string,
): string {
  return `arn:${ctx.partition}:firehose:${ctx.region}:${ctx.accountId}:deliverystream/${streamName}`;
}

/** Only EventBridge rules of this account may assume the role (confused-deputy guard: aws:SourceAccount). */
export function eventsTrustPolicy(accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: EVENTS_SERVICE_PRINCIPAL },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}

/** PutRecord and PutRecordBatch on this one stream, nothing else. */
export function eventsFirehosePolicy(streamArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["firehose:PutRecord", "firehose:PutRecordBatch"], Resource: streamArn },
    ],
  });
}

/** What the plan found about CloudTrail in the region, and how to make a trail when none records. */
export interface TrailCheck {
  /** `recording`: a logging trail records write management events here; `none`: none does; `unknown`: could not tell. */
  state: "recording" | "none" | "unknown";
  /** The trail that records, when one does. */
  trailName: string | null;
  message: string;
  /** How to create one (`state` not `recording`): the console page and the CLI commands. */
  howTo: { consoleUrl: string; cli: string[] } | null;
}

/** The advice shown when no trail records Cognito's calls in `region`. */
export function trailHowTo(region: string): { consoleUrl: string; cli: string[] } {
  return {
    consoleUrl: cloudTrailConsoleUrl(region),
    cli: [
      `aws cloudtrail create-trail --name management-events --s3-bucket-name <a bucket whose policy lets CloudTrail write> --is-multi-region-trail --region ${region}`,
      `aws cloudtrail start-logging --name management-events --region ${region}`,
    ],
  };
}

export function trailCheckOf(
  region: string,
  found: { ok: boolean | null; trailName: string | null; problem: string | null },
): TrailCheck {
  if (found.ok === true) {
    return {
      state: "recording",
      trailName: found.trailName,
      message: `Trail ${found.trailName ?? "(unnamed)"} records management events in ${region}, so Cognito's API calls reach EventBridge.`,
      howTo: null,
    };
  }
  return {
    state: found.ok === null ? "unknown" : "none",
    trailName: null,
    message:
      found.ok === null
        ? `Could not tell whether a trail records management events in ${region}: ${found.problem ?? "unknown"}. The rule can be created; events flow only once a trail records them.`
        : `No CloudTrail trail records management events in ${region}, so EventBridge receives none of Cognito's API calls yet. The rule can still be created: events flow once a trail is logging (create a multi-region trail and start logging).`,
    howTo: trailHowTo(region),
  };
}

const call = (name: string, ...permissions: string[]) => ({ call: name, permissions });

/** The steps that route the pool's region's Cognito API activity to `streamName` (after the stream's own). */
export function apiActivitySteps(streamName: string, ctx: PlanContext): PlanStep[] {
  const roleName = apiActivityRoleName(streamName);
  const roleArn = `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`;
  const ruleName = apiActivityRuleName(streamName);
  const ruleArn = `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${ruleName}`;
  const streamArn = streamArnOf(ctx, streamName);
  return [
    {
      id: "check-trail",
      title: "Check that CloudTrail records management events",
      detail: `Looks for a trail that is logging and records write management events in ${ctx.region} (its own or a multi-region trail). Without one EventBridge gets none of Cognito's API calls; the run goes on anyway and says so.`,
      resource: { type: "trail", name: ctx.region, arn: null },
      calls: [
        call("cloudtrail:DescribeTrails", "cloudtrail:DescribeTrails"),
        call("cloudtrail:GetTrailStatus", "cloudtrail:GetTrailStatus"),
        call("cloudtrail:GetEventSelectors", "cloudtrail:GetEventSelectors"),
      ],
      undo: "Nothing: it only reads.",
    },
    {
      id: "create-events-role",
      title: `Create IAM role ${roleName}`,
      detail:
        "A role only EventBridge (events.amazonaws.com) acting for this account may assume. An existing role of that name is reused only when EventBridge may assume it.",
      resource: { type: "role", name: roleName, arn: roleArn },
      calls: [call("iam:GetRole", "iam:GetRole"), call("iam:CreateRole", "iam:CreateRole", "iam:TagRole")],
      undo: "Deletes the role.",
    },
    {
      id: "events-role-policy",
      title: "Let the role put records into the stream",
      detail: `An inline policy ${EVENTS_ROLE_POLICY_NAME} allowing firehose:PutRecord and firehose:PutRecordBatch on ${streamName} only.`,
      resource: { type: "rolePolicy", name: roleName, arn: roleArn },
      calls: [call("iam:PutRolePolicy", "iam:PutRolePolicy")],
      undo: "Deletes the inline policy.",
    },
    {
      id: "create-rule",
      title: `Create EventBridge rule ${ruleName}`,
      detail: `A rule on the default bus of ${ctx.region} matching ${API_ACTIVITY_PATTERN}, tagged. A rule of that name the console did not create for this stream blocks the run.`,
      resource: { type: "rule", name: ruleName, arn: ruleArn },
      calls: [
        call("events:DescribeRule", "events:DescribeRule"),
        call("events:ListTagsForResource", "events:ListTagsForResource"),
        call("events:PutRule", "events:PutRule", "events:TagResource"),
      ],
      undo: "Deletes the rule.",
    },
    {
      id: "put-targets",
      title: `Send the rule's events to ${streamName}`,
      detail: `Adds ${streamArn} as the rule's target (id ${API_ACTIVITY_TARGET_ID}) with role ${roleName}, which EventBridge assumes to call PutRecordBatch.`,
      resource: { type: "rule", name: ruleName, arn: ruleArn },
      calls: [call("events:PutTargets", "events:PutTargets", "iam:PassRole")],
      undo: "Removes the target (RemoveTargets).",
    },
  ];
}

/** Whether a trust policy lets EventBridge assume the role. */
export const trustsEvents = (document: string): boolean =>
  document.includes(EVENTS_SERVICE_PRINCIPAL) && document.includes("sts:AssumeRole");

/** What exists under the route's planned names (read by the BFF with GetRole, DescribeRule, ListTagsForResource). */
export interface ObservedApiActivity {
  role: { trustsEvents: boolean } | null;
  rule: { eventPattern: string | null; tags: Record<string, string> | null } | null;
}

const samePattern = (a: string | null, b: string): boolean => {
  try {
    return a !== null && JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
};

/**
 * Judges the route's role and rule as `judgeExisting` judges the stream's resources. Pure. A rule of
 * the planned name that the console did not create (no managed-by tag) is a conflict: the run never
 * adopts it; one the console created with another pattern is a conflict too.
 */
export function judgeApiActivity(
  streamName: string,
  observed: ObservedApiActivity,
  madeByRun: Pick<MadeByRun, "eventsRole" | "eventsRule">,
): { checks: ExistingCheck[]; changesToExisting: string[] } {
  const roleName = apiActivityRoleName(streamName);
  const ruleName = apiActivityRuleName(streamName);
  const checks: ExistingCheck[] = [];
  const changesToExisting: string[] = [];
  const entry = (
    type: ExistingCheck["type"],
    name: string,
    state: ExistingCheck["state"],
    message: string,
    differences: string[] = [],
  ): ExistingCheck => ({ type, name, state, message, differences });
  if (observed.role === null) {
    checks.push(entry("role", roleName, "new", `Role ${roleName} will be created.`));
  } else if (!observed.role.trustsEvents) {
    checks.push(
      entry(
        "role",
        roleName,
        "conflict",
        `A role named ${roleName} exists, but EventBridge may not assume it.`,
        [`Its trust policy does not name ${EVENTS_SERVICE_PRINCIPAL}.`],
      ),
    );
  } else {
    checks.push(
      entry(
        "role",
        roleName,
        "reuse",
        madeByRun.eventsRole
          ? `Role ${roleName} was created by an earlier attempt of this run.`
          : `Role ${roleName} exists and EventBridge may assume it; it is reused.`,
      ),
    );
    if (!madeByRun.eventsRole) {
      changesToExisting.push(
        `Sets the inline policy ${EVENTS_ROLE_POLICY_NAME} of the existing role ${roleName} (PutRecord and PutRecordBatch on ${streamName} only); cleanup leaves the role and this policy in place.`,
      );
    }
  }
  if (observed.rule === null) {
    checks.push(entry("rule", ruleName, "new", `Rule ${ruleName} will be created.`));
  } else if (observed.rule.tags?.[MANAGED_BY_TAG.key] !== MANAGED_BY_TAG.value) {
    checks.push(
      entry(
        "rule",
        ruleName,
        "conflict",
        `An EventBridge rule named ${ruleName} exists that the console did not create; it is never adopted or changed.`,
        [`It has no ${MANAGED_BY_TAG.key}=${MANAGED_BY_TAG.value} tag.`],
      ),
    );
  } else if (!samePattern(observed.rule.eventPattern, API_ACTIVITY_PATTERN)) {
    checks.push(
      entry("rule", ruleName, "conflict", `The console's rule ${ruleName} matches other events.`, [
        `Its pattern is ${observed.rule.eventPattern ?? "(none)"}; the plan uses ${API_ACTIVITY_PATTERN}.`,
      ]),
    );
  } else {
    checks.push(
      entry(
        "rule",
        ruleName,
        "reuse",
        madeByRun.eventsRule
          ? `Rule ${ruleName} was created by an earlier attempt of this run.`
          : `The console's rule ${ruleName} exists with this pattern; it is reused (cleanup of this run leaves it).`,
      ),
    );
    if (!madeByRun.eventsRule) {
      changesToExisting.push(
        `Adds ${streamName} as a target of the console's existing rule ${ruleName}; cleanup takes that target back out and leaves the rule.`,
      );
    }
  }
  return { checks, changesToExisting };
}
