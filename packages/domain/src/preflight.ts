/**
 * What stands between a configuration and logs actually arriving (rules doc §3), as findings the
 * console shows. Works for any configuration: the desired one before Set, or the current one for the
 * fleet view. Pure: the BFF gathers the facts (DescribeLogGroups, DescribeDeliveryStream, …) first.
 */
import type { DestinationInfo } from "./api.ts";
import { destinationName, isFieldError, parseDestinationArn } from "./arn.ts";
import { isSseKms, kmsKeyManagerOf } from "./kms.ts";
import {
  ALLOWED_DESTINATION_KINDS,
  DESTINATION_KIND_LABELS,
  EVENT_SOURCE_LABELS,
  TIER_LABELS,
} from "./labels.ts";
import {
  type Destination,
  type DestinationKind,
  EVENT_SOURCES,
  type EventSource,
  type Finding,
  type LogDeliveryModel,
  type PoolFacts,
} from "./model.ts";
import { policiesCoverLogGroup, type ResourcePolicy } from "./policies.ts";

/** What was found out about a destination: its description, or that it does not exist. */
export type DestinationKnowledge = DestinationInfo | { kind: DestinationKind; arn: string; notFound: true };

export interface PreflightInput {
  pool: PoolFacts;
  /** Any configuration: desired (before Set) or current (fleet view). */
  desired: LogDeliveryModel;
  destinations?: Partial<Record<EventSource, DestinationKnowledge | null>>;
  /** The account's account-level CloudWatch Logs resource policies in the pool's region, when read. */
  account?: { resourcePolicies: ResourcePolicy[] };
  /**
   * The configuration AWS holds now, when known. A destination already stored there is judged as it
   * is: the setup AWS runs inside SetLogDeliveryConfiguration (adding a missing delivery policy when
   * the caller may) has run already and does not run again, so a missing grant means no logs arrive.
   * A destination that is new to the pool still gets that setup when it is applied.
   */
  stored?: LogDeliveryModel;
}

/** The tag the log delivery role requires on a Firehose stream, compared exactly (rules doc §3). */
export const LOG_DELIVERY_TAG = { key: "LogDeliveryEnabled", value: "true" } as const;

function stripStar(arn: string): string {
  return arn.endsWith(":*") ? arn.slice(0, -2) : arn;
}

/** Knowledge that is about this destination (stale knowledge of another ARN is ignored). */
function knowledgeFor(destination: Destination, knowledge: DestinationKnowledge | null | undefined) {
  if (!knowledge || knowledge.kind !== destination.kind) return null;
  return stripStar(knowledge.arn) === stripStar(destination.arn) ? knowledge : null;
}

/** Whether `destination` is what AWS already holds for `source` (so Set's setup will not run for it). */
function isStored(input: PreflightInput, source: EventSource, destination: Destination): boolean {
  const stored = input.stored?.[source];
  return (
    stored !== null &&
    stored !== undefined &&
    stored.kind === destination.kind &&
    stripStar(stored.arn) === stripStar(destination.arn)
  );
}

export function preflight(input: PreflightInput): Finding[] {
  const { pool, desired } = input;
  const findings: Finding[] = [];
  for (const source of EVENT_SOURCES) {
    const destination = desired[source];
    if (!destination) continue;
    const label = EVENT_SOURCE_LABELS[source];
    const add = (finding: Omit<Finding, "eventSource">) => findings.push({ ...finding, eventSource: source });

    if (source === "userAuthEvents") {
      if (pool.tier === "LITE" && pool.threatProtection !== "OFF") {
        // Older pools kept their threat protection when feature plans came (rules doc §1); what Set
        // does for user activity on them is unmeasured, so AWS decides: warn, never block.
        add({
          id: "tier-lite-legacy-threat-protection",
          severity: "warn",
          message: `${label} export needs the Plus plan; this pool is ${TIER_LABELS[pool.tier]} but still runs threat protection (${pool.threatProtection === "AUDIT" ? "audit" : "enforced"}), as pools from before feature plans may. Whether AWS accepts user-activity export for such a pool is not known: applying lets AWS decide, and if it refuses, the pool needs the Plus plan.`,
        });
      } else if (pool.tier !== "PLUS") {
        add({
          id: "tier-not-plus",
          severity: "block",
          message: `${label} export needs the Plus plan; this pool is ${TIER_LABELS[pool.tier]}.`,
        });
      } else if (pool.threatProtection === "OFF") {
        add({
          id: "threat-protection-off",
          severity: "warn",
          message:
            "Threat protection is off, so Cognito produces no user-activity logs until it is set to Audit or Enforced.",
          fix: {
            action: "enable-threat-protection",
            label: "Turn on threat protection (audit only)",
            target: pool.arn,
          },
        });
      }
    }

    const kindLabel = DESTINATION_KIND_LABELS[destination.kind] ?? "destination";
    if (!ALLOWED_DESTINATION_KINDS[source].includes(destination.kind)) {
      add({
        id: "destination-kind-not-allowed",
        severity: "block",
        message: `${label} can only go to a CloudWatch log group, not a ${kindLabel}.`,
      });
    }

    const known = knowledgeFor(destination, input.destinations?.[source]);
    const name = known && "name" in known ? known.name : destinationName(destination.arn);
    const what = `The ${kindLabel} ${name}`;

    if (known && "notFound" in known) {
      add({
        id: "destination-not-found",
        severity: "block",
        message: `${what} does not exist (or this console cannot see it). Create it or choose another ${kindLabel}.`,
      });
      continue;
    }

    // Where it lives: from what was read, else from the ARN (S3 ARNs say nothing).
    const parsed = parseDestinationArn(destination.arn);
    const region = known?.region ?? (isFieldError(parsed) ? null : parsed.region || null);
    const accountId =
      known && "accountId" in known
        ? known.accountId
        : isFieldError(parsed)
          ? null
          : parsed.accountId || null;
    if (accountId && accountId !== pool.accountId) {
      add({
        id: "destination-other-account",
        severity: "block",
        message: `${what} is in account ${accountId}, but the pool is in account ${pool.accountId}. Cognito only delivers to its own account.`,
      });
    }
    if (region && region !== pool.region) {
      add({
        id: "destination-other-region",
        severity: "block",
        message: `${what} is in ${region}, but the pool is in ${pool.region}. Cognito only delivers within the pool's region.`,
      });
    }

    if (destination.kind === "logGroup") {
      if (known?.kind === "logGroup" && known.kmsKeyId) {
        add({
          id: "log-group-kms",
          severity: "block",
          message: `${what} is encrypted with a KMS key, and Cognito cannot deliver to encrypted log groups. Choose or create one without KMS encryption.`,
        });
      }
      findings.push(
        ...logGroupPolicyFindings(
          input,
          source,
          destination,
          known?.kind === "logGroup" ? known : null,
          what,
        ),
      );
    } else if (destination.kind === "firehose" && known?.kind === "firehose") {
      if (known.deliveryStreamType !== "DirectPut") {
        add({
          id: "firehose-not-direct-put",
          severity: "block",
          message: `${what} reads from ${known.deliveryStreamType === "KinesisStreamAsSource" ? "a Kinesis data stream" : known.deliveryStreamType}; log delivery needs a Direct PUT stream.`,
        });
      }
      if (known.status !== "ACTIVE") {
        const creating = known.status === "CREATING";
        add({
          id: "firehose-not-active",
          severity: creating ? "warn" : "block",
          message: creating
            ? `${what} is still being created; logs are delivered once it is active (usually within a few minutes).`
            : `${what} is ${known.status}, not ACTIVE, so it cannot receive logs.`,
        });
      }
      // The tags as read win over the summary flag: the role's policy compares key and value exactly.
      const tagValue = known.tags ? known.tags[LOG_DELIVERY_TAG.key] : undefined;
      const tagged = known.tags ? tagValue === LOG_DELIVERY_TAG.value : known.logDeliveryEnabledTag;
      if (!tagged) {
        add({
          id: "firehose-missing-tag",
          severity: "block",
          message:
            tagValue === undefined
              ? `${what} lacks the tag LogDeliveryEnabled=true, without which log delivery is not allowed to write to it.`
              : `${what} is tagged LogDeliveryEnabled=${tagValue}, but log delivery compares the value exactly and only accepts LogDeliveryEnabled=true (lower case), so it may not write to it.`,
          fix: {
            action: "tag-firehose-stream",
            label: "Add the LogDeliveryEnabled tag",
            target: known.arn,
          },
        });
      }
    } else if (destination.kind === "s3" && known?.kind === "s3") {
      if (known.deliveryPolicy === "missing") {
        const stored = isStored(input, source, destination);
        add({
          id: "bucket-policy-missing",
          severity: stored ? "block" : "warn",
          message: stored
            ? `${what} has no bucket policy letting log delivery write to it, so no logs arrive. AWS adds one only while log delivery is being set up; add it now.`
            : `${what} has no bucket policy letting log delivery write to it. AWS adds one when the console's role may change bucket policies; otherwise no logs arrive.`,
          fix: {
            action: "add-bucket-policy",
            label: "Add the log delivery bucket policy",
            target: known.arn,
          },
        });
      }
      if (isSseKms(known.encryption)) {
        const keyId = known.kmsKeyId ?? null;
        // Older answers carry no key facts: judge the key from its id only when one was read.
        const manager = known.kmsKeyId === undefined ? "unknown" : kmsKeyManagerOf(keyId);
        if (manager === "AWS") {
          add({
            id: "bucket-kms-aws-managed",
            severity: "block",
            message: `${what} encrypts new objects with the AWS-managed KMS key ${keyId ? keyId : "aws/s3 (SSE-KMS without a key id)"}, which log delivery cannot use: delivery fails silently. Use SSE-S3 (AES256) or a customer-managed KMS key whose key policy lets delivery.logs.amazonaws.com use it.`,
          });
        } else {
          add({
            id: "bucket-kms",
            severity: "warn",
            message: `${what} uses SSE-KMS with the key ${keyId ?? "named in its encryption settings"}: it must be a customer-managed key whose key policy lets delivery.logs.amazonaws.com use it (AWS-managed keys do not work). The console cannot read key policies; check it in KMS.`,
          });
        }
      }
    }
  }
  return findings;
}

/**
 * Whether some resource policy lets log delivery write to the log group. Either scope may grant it
 * (rules doc §3): the destination's knowledge says what the BFF read of both scopes, judged together
 * (a Deny in either cancels a grant in the other); the account's policies, when given, may be fresher.
 * When nothing grants it, the fix writes a policy attached to
 * the log group (AWS's default for new deliveries), which needs no account-level slot: so the
 * account's 10-policy limit is never a reason to warn.
 */
function logGroupPolicyFindings(
  input: PreflightInput,
  source: EventSource,
  destination: Destination,
  known: Extract<DestinationInfo, { kind: "logGroup" }> | null,
  what: string,
): Finding[] {
  const logGroupArn = stripStar(known?.arn ?? destination.arn);
  const policies = input.account?.resourcePolicies;
  if (known?.deliveryPolicy === "present") return [];
  // Fresher account policies may grant it, judged together with the log group's own policy (a Deny
  // there cancels an account-level grant), and only when that policy was read.
  if (
    policies &&
    known?.logGroupPolicyDocument !== undefined &&
    policiesCoverLogGroup(
      [
        ...policies.map((p) => p.policyDocument),
        ...(known.logGroupPolicyDocument === null ? [] : [known.logGroupPolicyDocument]),
      ],
      logGroupArn,
    )
  ) {
    return [];
  }
  // Without the log group's own policy read, nothing proves delivery is refused: no finding rather
  // than a wrong one.
  if (known?.deliveryPolicy !== "missing") return [];
  // A destination AWS already holds got its setup when it was stored; a missing grant now means no
  // logs arrive (rules doc §3). A new one still gets AWS's setup on Set, so it only warns.
  const stored = isStored(input, source, destination);
  const where = what.replace(/^The /, "the ");
  return [
    {
      id: "log-group-policy-missing",
      severity: stored ? "block" : "warn",
      eventSource: source,
      message: stored
        ? `No CloudWatch Logs resource policy lets log delivery write to ${where}: neither the policy attached to it nor an account-level one, so no logs arrive. AWS adds one only while log delivery is being set up; add it now.`
        : `No CloudWatch Logs resource policy lets log delivery write to ${where}: neither the policy attached to it nor an account-level one. AWS adds one when the console's role may call logs:PutResourcePolicy; otherwise no logs arrive.`,
      fix: {
        action: "add-log-group-policy" as const,
        label: "Add the log delivery policy",
        target: logGroupArn,
      },
    },
  ];
}
