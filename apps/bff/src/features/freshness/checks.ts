/**
 * What one (account, region) has of the events path, read from AWS: does a trail record Cognito's
 * write management events there, does the console's queue exist (with its tag), does its rule exist
 * (with its tag, sending to the queue, allowed by the queue policy). Reads only; every call under the
 * given deadline. The answer says what is missing in the terms of the plan's steps.
 */
import { FRESHNESS_NAME, FRESHNESS_TAG, freshnessEventPattern, policyLetsRuleSend } from "@clc/domain";
import type { Deadline } from "../../aws/deadline.ts";
import type { Gateways } from "../../aws/gateways.ts";

export type FreshnessGateways = Pick<Gateways, "sqs" | "events" | "cloudtrail">;

export interface PlaceCheck {
  /** A trail records Cognito's write management events in the region; null: could not tell (why in `trailProblem`). */
  trail: boolean | null;
  trailProblem: string | null;
  /** Since when (ms since the epoch) the recording trail has logged without a stop; null: unknown. */
  trailStartedAt: number | null;
  queue: {
    url: string;
    arn: string;
    policy: string | null;
    ours: boolean;
    /** CreatedTimestamp, ms since the epoch; null: unknown. */
    createdAt: number | null;
    /** How long the queue keeps a change the console has not read yet (MessageRetentionPeriod). */
    retentionSeconds: number;
  } | null;
  rule: { arn: string; ours: boolean; enabled: boolean; patternOk: boolean; targetsQueue: boolean } | null;
  /** Everything is in place: the queue can be read. */
  ready: boolean;
  /** Why not, in the user's terms; null when ready. */
  reason: string | null;
}

const COGNITO_SOURCE = "cognito-idp.amazonaws.com";

/**
 * Whether a logging trail (the region's own or a multi-region one) records Cognito's write
 * management events in `region`; `ok` null: could not tell (`problem` says why). Also used by
 * guided creation's API-activity route (features/creation/steps-api-activity.ts).
 */
export async function trailRecords(
  gateways: Pick<FreshnessGateways, "cloudtrail">,
  region: string,
  deadline: Deadline | undefined,
): Promise<{
  ok: boolean | null;
  problem: string | null;
  trailName: string | null;
  /** The recording trail's StartLoggingTime (ms since the epoch); null when none records or AWS gives none. */
  startedAt: number | null;
}> {
  const trails = await gateways.cloudtrail.describeTrails(region, deadline);
  let unknown: string | null = null;
  for (const trail of trails) {
    if (trail.homeRegion !== region && !trail.multiRegion) continue;
    const status = await gateways.cloudtrail.status(region, trail.arn, deadline);
    if (!status.logging) continue;
    const selectors = await gateways.cloudtrail.eventSelectors(region, trail.arn, deadline);
    if (selectors === null) {
      unknown = `trail ${trail.name} uses advanced event selectors, which the console does not read`;
      continue;
    }
    const records = selectors.some(
      (s) =>
        s.includeManagementEvents &&
        s.readWriteType !== "ReadOnly" &&
        !s.excludedSources.includes(COGNITO_SOURCE),
    );
    if (records) return { ok: true, problem: null, trailName: trail.name, startedAt: status.startedAt };
  }
  return unknown
    ? { ok: null, problem: unknown, trailName: null, startedAt: null }
    : { ok: false, problem: null, trailName: null, startedAt: null };
}

/** Reads the place's state (about 8 calls). Throws AwsCallError when AWS refuses a read (e.g. AccessDenied). */
export async function checkPlace(
  gateways: FreshnessGateways,
  region: string,
  deadline?: Deadline,
): Promise<PlaceCheck> {
  const trail = await trailRecords(gateways, region, deadline);
  let queue: PlaceCheck["queue"] = null;
  const url = await gateways.sqs.queueUrl(region, FRESHNESS_NAME, deadline);
  if (url !== null) {
    const [tags, attributes] = await Promise.all([
      gateways.sqs.queueTags(region, url, deadline),
      gateways.sqs.queueAttributes(region, url, deadline),
    ]);
    if (tags !== null && attributes !== null) {
      queue = {
        url,
        arn: attributes.arn,
        policy: attributes.policy,
        ours: tags[FRESHNESS_TAG.key] === FRESHNESS_TAG.value,
        createdAt: attributes.createdAt,
        retentionSeconds: attributes.retentionSeconds,
      };
    }
  }
  let rule: PlaceCheck["rule"] = null;
  const described = await gateways.events.describeRule(region, FRESHNESS_NAME, deadline);
  if (described !== null) {
    const [tags, targets] = await Promise.all([
      gateways.events.ruleTags(region, described.arn, deadline),
      gateways.events.ruleTargets(region, FRESHNESS_NAME, deadline),
    ]);
    rule = {
      arn: described.arn,
      ours: tags?.[FRESHNESS_TAG.key] === FRESHNESS_TAG.value,
      enabled: described.state !== "DISABLED",
      patternOk: described.eventPattern === freshnessEventPattern(),
      targetsQueue: queue !== null && targets.includes(queue.arn),
    };
  }
  const reason = reasonOf(region, trail, queue, rule);
  return {
    trail: trail.ok,
    trailProblem: trail.problem,
    trailStartedAt: trail.startedAt,
    queue,
    rule,
    ready: reason === null,
    reason,
  };
}

function reasonOf(
  region: string,
  trail: { ok: boolean | null; problem: string | null },
  queue: PlaceCheck["queue"],
  rule: PlaceCheck["rule"],
): string | null {
  if (trail.ok === false)
    return `No CloudTrail trail records Cognito's management events in ${region}, so EventBridge receives none: create a trail (multi-region, management events, logging on).`;
  if (trail.ok === null)
    return `The console cannot tell whether management events are recorded in ${region}: ${trail.problem}.`;
  if (queue === null)
    return `The console's queue ${FRESHNESS_NAME} does not exist in ${region}: set it up from the plan.`;
  if (!queue.ours)
    return `A queue named ${FRESHNESS_NAME} exists in ${region} but the console did not create it (no ${FRESHNESS_TAG.key} tag): it is not used. Delete or rename it, then set up from the plan.`;
  if (rule === null)
    return `The console's rule ${FRESHNESS_NAME} does not exist in ${region}: set it up from the plan.`;
  if (!rule.ours)
    return `A rule named ${FRESHNESS_NAME} exists in ${region} but the console did not create it (no ${FRESHNESS_TAG.key} tag): it is not used.`;
  if (!rule.enabled) return `The console's rule in ${region} is disabled: enable it in EventBridge.`;
  if (!rule.patternOk)
    return `The console's rule in ${region} no longer has the console's event pattern: run the setup again.`;
  if (!rule.targetsQueue)
    return `The console's rule in ${region} does not send to its queue: run the setup again.`;
  if (!policyLetsRuleSend(queue.policy, queue.arn, rule.arn))
    return `The queue's policy in ${region} does not let the console's rule send to it: run the setup again.`;
  return null;
}
