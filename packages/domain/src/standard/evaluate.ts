/**
 * Judging a pool against the logging standard. Pure: the BFF gives the pool as the fleet last read
 * it (no extra AWS reads) and what it has cached of the destinations.
 */

import { isFieldError, parseDestinationArn } from "../arn.ts";
import { sameDestination } from "../diff.ts";
import { EVENT_SOURCE_LABELS, TIER_LABELS } from "../labels.ts";
import {
  type Destination,
  EVENT_SOURCES,
  type EventSource,
  type LogDeliveryModel,
  type PoolTier,
  type ThreatProtection,
} from "../model.ts";
import type { ResourcePolicy } from "../policies.ts";
import { type DestinationKnowledge, preflight } from "../preflight.ts";
import { globMatches } from "./glob.ts";
import type {
  CannotComplyReason,
  Exemption,
  PoolCompliance,
  SourceCompliance,
  Standard,
  StandardRule,
  StandardScope,
} from "./schema.ts";
import { renderLogGroupTemplate } from "./template.ts";

/** A pool as the standard sees it: the fleet's row and last read. */
export interface StandardPool {
  id: string;
  name: string;
  region: string;
  accountId: string;
  /** The pool's ARN (its partition is used for created log groups); null: `aws`. */
  arn: string | null;
  ouPath: string | null;
  /** Null until the pool has been read. */
  tier: PoolTier | null;
  threatProtection: ThreatProtection | null;
  /** DescribeUserPool's `UserPoolTags`; null when not known (a rule with tag conditions then does not cover it). */
  tags: Readonly<Record<string, string>> | null;
  /** What AWS holds now; null until read. */
  configuration: LogDeliveryModel | null;
}

/** What the BFF has cached, so destinations are judged with the console's preflight rules. */
export interface EvaluationContext {
  knowledge?: (destination: Destination) => DestinationKnowledge | null | undefined;
  /** The account-level CloudWatch Logs resource policies of the pool's region, when cached. */
  resourcePolicies?: ResourcePolicy[] | null;
}

function ouCovers(ou: string, path: string | null): boolean {
  const prefix = ou.replace(/\/+$/, "");
  return path !== null && (path === prefix || path.startsWith(`${prefix}/`));
}

/** Whether a rule's scope covers the pool (every condition holds; empty conditions hold for any pool). */
export function scopeCovers(scope: StandardScope, pool: StandardPool): boolean {
  if (scope.accounts.length > 0 && !scope.accounts.includes(pool.accountId)) return false;
  if (scope.regions.length > 0 && !scope.regions.includes(pool.region)) return false;
  if (scope.ous.length > 0 && !scope.ous.some((ou) => ouCovers(ou, pool.ouPath))) return false;
  if (scope.tiers.length > 0 && (pool.tier === null || !scope.tiers.includes(pool.tier))) return false;
  if (scope.namePattern !== "" && !globMatches(scope.namePattern, pool.name)) return false;
  if (scope.tags.length > 0) {
    const tags = pool.tags;
    if (tags === null) return false;
    for (const tag of scope.tags) {
      const value = tags[tag.key];
      if (value === undefined || (tag.value !== undefined && value !== tag.value)) return false;
    }
  }
  return true;
}

/** Where the standard sends one source of a pool, as decided by its first rule covering the pool and governing the source. */
export interface GovernedSource {
  eventSource: EventSource;
  rule: StandardRule;
  /** Null: the rule names no destination for the pool's region. */
  destination: Destination | null;
  /** The destination is made per pool from the rule's template (it may not exist yet). */
  create: boolean;
}

function partitionOf(arn: string | null): string {
  const partition = arn?.split(":")[1];
  return partition && /^aws(-[a-z]+)*$/.test(partition) ? partition : "aws";
}

/** The governed sources of a pool, in the fixed order of EVENT_SOURCES. */
export function governedSources(standard: Standard, pool: StandardPool): GovernedSource[] {
  const governed: GovernedSource[] = [];
  for (const eventSource of EVENT_SOURCES) {
    const rule = standard.rules.find((r) => r.sources[eventSource] !== null && scopeCovers(r.scope, pool));
    const target = rule?.sources[eventSource];
    if (!rule || !target) continue;
    if (target.type === "create") {
      const name = renderLogGroupTemplate(target.nameTemplate, pool, eventSource);
      const arn = `arn:${partitionOf(pool.arn)}:logs:${pool.region}:${pool.accountId}:log-group:${name}`;
      governed.push({ eventSource, rule, destination: { kind: "logGroup", arn }, create: true });
      continue;
    }
    const entry = target.destinations.find((d) => d.region === pool.region);
    const parsed = entry ? parseDestinationArn(entry.arn) : null;
    const destination =
      entry && parsed && !isFieldError(parsed) ? { kind: parsed.kind, arn: entry.arn } : null;
    governed.push({ eventSource, rule, destination, create: false });
  }
  return governed;
}

/**
 * The configuration the pool should have: each source the standard governs set to the standard's
 * destination, every other source kept as AWS holds it (a Set replaces the whole list, so this is
 * what keeps an ungoverned source alive). A governed source with no destination for the pool's
 * region is kept as it is. Null when the pool has not been read.
 */
export function standardConfiguration(standard: Standard, pool: StandardPool): LogDeliveryModel | null {
  if (pool.configuration === null) return null;
  const desired: LogDeliveryModel = {
    userNotification: pool.configuration.userNotification,
    userAuthEvents: pool.configuration.userAuthEvents,
  };
  for (const governed of governedSources(standard, pool)) {
    if (governed.destination) desired[governed.eventSource] = governed.destination;
  }
  return desired;
}

/** The exemption that applies to the pool at `now` (expired ones do not), the first in the list. */
export function exemptionFor(
  exemptions: readonly Exemption[],
  pool: Pick<StandardPool, "id" | "name">,
  now: number,
): Exemption | null {
  for (const exemption of exemptions) {
    if (exemption.expiresAt !== null && Date.parse(exemption.expiresAt) <= now) continue;
    const target = exemption.target;
    if (
      target.type === "pool"
        ? target.poolId === pool.id
        : globMatches(target.pattern, pool.name) || globMatches(target.pattern, pool.id)
    ) {
      return exemption;
    }
  }
  return null;
}

/** Preflight findings that stop delivery to a destination (the console's own rules, preflight.ts). */
const NOT_DESTINATION_FINDINGS = new Set([
  "tier-not-plus",
  "tier-lite-legacy-threat-protection",
  "threat-protection-off",
]);

function reasonsFor(
  governed: GovernedSource,
  pool: StandardPool,
  context: EvaluationContext,
): CannotComplyReason[] {
  const reasons: CannotComplyReason[] = [];
  const label = EVENT_SOURCE_LABELS[governed.eventSource];
  if (governed.destination === null) {
    reasons.push({
      id: "no-destination-in-region",
      message: `The rule "${governed.rule.name}" names no destination for ${label.toLowerCase()} in ${pool.region}.`,
    });
  }
  if (governed.eventSource === "userAuthEvents" && pool.tier !== null) {
    if (pool.tier !== "PLUS" && !(pool.tier === "LITE" && pool.threatProtection !== "OFF")) {
      reasons.push({
        id: "tier",
        message: `${label} export needs the Plus plan; this pool is ${TIER_LABELS[pool.tier]}.`,
      });
    } else if (pool.tier === "PLUS" && pool.threatProtection === "OFF") {
      reasons.push({
        id: "threat-protection-off",
        message:
          "Threat protection is off, so Cognito produces no user-activity logs: set it to Audit or Enforced.",
      });
    }
  }
  if (governed.destination === null || pool.tier === null || pool.threatProtection === null) return reasons;
  const destination = governed.destination;
  const knowledge = context.knowledge?.(destination) ?? null;
  const findings = preflight({
    pool: {
      id: pool.id,
      name: pool.name,
      region: pool.region,
      accountId: pool.accountId,
      arn: pool.arn ?? "",
      tier: pool.tier,
      threatProtection: pool.threatProtection,
    },
    desired: { userNotification: null, userAuthEvents: null, [governed.eventSource]: destination },
    destinations: { [governed.eventSource]: knowledge },
    ...(context.resourcePolicies ? { account: { resourcePolicies: context.resourcePolicies } } : {}),
    ...(pool.configuration ? { stored: pool.configuration } : {}),
  });
  for (const finding of findings) {
    if (finding.severity !== "block" || NOT_DESTINATION_FINDINGS.has(finding.id)) continue;
    // A log group the standard creates per pool is missing until it is created: not a reason.
    if (governed.create && finding.id === "destination-not-found") continue;
    reasons.push({ id: "destination-unusable", message: finding.message });
  }
  return reasons;
}

/**
 * A pool against the standard at `now` (ms since the epoch):
 * - `unknown`: not read yet; `exempt`: an exemption applies (it says which, until when);
 * - `not-governed`: no rule covers the pool for any event source;
 * - `cannot-comply`: a governed source cannot be met (reasons per source: tier without Plus for user
 *   activity, threat protection off, no destination in the pool's region, or a destination the
 *   console's preflight blocks: KMS, missing tag, other account or region, …);
 * - `drift`: a governed source differs from the standard (per-source before → after);
 * - `compliant`: every governed source is where the standard wants it.
 */
export function evaluatePool(
  standard: Standard,
  exemptions: readonly Exemption[],
  pool: StandardPool,
  now: number,
  context: EvaluationContext = {},
): PoolCompliance {
  if (pool.configuration === null) return { state: "unknown", sources: [], exemption: null };
  const exemption = exemptionFor(exemptions, pool, now);
  const governed = governedSources(standard, pool);
  const current = pool.configuration;
  const sources: SourceCompliance[] = governed.map((g) => {
    const before = current[g.eventSource];
    const after = g.destination;
    let change: SourceCompliance["change"] = "unchanged";
    if (after !== null && !sameDestination(before, after)) change = before === null ? "added" : "changed";
    return {
      eventSource: g.eventSource,
      rule: g.rule.name,
      desired: after,
      create: g.create && change !== "unchanged",
      current: before,
      change,
      reasons: reasonsFor(g, pool, context),
    };
  });
  if (exemption) {
    return {
      state: "exempt",
      sources,
      exemption: { id: exemption.id, reason: exemption.reason, expiresAt: exemption.expiresAt },
    };
  }
  let state: PoolCompliance["state"] = "compliant";
  if (sources.length === 0) state = "not-governed";
  else if (sources.some((s) => s.reasons.length > 0)) state = "cannot-comply";
  else if (sources.some((s) => s.change !== "unchanged")) state = "drift";
  return { state, sources, exemption: null };
}
