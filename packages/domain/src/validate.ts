import { isFieldError, parseDestinationArn } from "./arn.ts";
import { type AwsEntryProblem, fromAwsLogConfigurations } from "./aws-config.ts";
import {
  ALLOWED_DESTINATION_KINDS,
  DESTINATION_KIND_LABELS,
  EVENT_SOURCE_LABELS,
  TIER_LABELS,
  TIERS_ALLOWED_BY_SOURCE,
} from "./labels.ts";
import {
  DESTINATION_KINDS,
  type DestinationKind,
  EVENT_SOURCES,
  type EventSource,
  type FieldError,
  type LogDeliveryModel,
  POOL_TIERS,
  type PoolTier,
  THREAT_PROTECTION_MODES,
  type ThreatProtection,
} from "./model.ts";

/** What validation needs to know of the pool. Region/account omitted → the same-place check is skipped. */
export interface PoolContext {
  tier: PoolTier;
  /** When given, a LITE pool that still runs threat protection is not refused (see tierError). */
  threatProtection?: ThreatProtection | null;
  region?: string | null;
  accountId?: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isKind(value: unknown): value is DestinationKind {
  return typeof value === "string" && (DESTINATION_KINDS as readonly string[]).includes(value);
}

/** Sentence naming which kinds a source accepts, e.g. "a CloudWatch log group, Firehose stream or S3 bucket". */
function allowedKindsPhrase(source: EventSource): string {
  const labels = ALLOWED_DESTINATION_KINDS[source].map((kind) => DESTINATION_KIND_LABELS[kind]);
  if (labels.length === 1) return `a ${labels[0]}`;
  return `a ${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

/**
 * The tier error, in the user's terms, or null when the tier allows the source. A LITE pool that
 * still runs threat protection (pools from before feature plans kept it; rules doc §1) is not refused
 * user activity: what AWS does then is unmeasured, so preflight warns and AWS decides.
 */
export function tierError(
  source: EventSource,
  tier: PoolTier,
  threatProtection?: ThreatProtection | null,
): FieldError | null {
  if (TIERS_ALLOWED_BY_SOURCE[source].includes(tier)) return null;
  if (
    source === "userAuthEvents" &&
    tier === "LITE" &&
    (threatProtection === "AUDIT" || threatProtection === "ENFORCED")
  )
    return null;
  return {
    path: source,
    message: `${EVENT_SOURCE_LABELS[source]} export needs the Plus plan; this pool is ${TIER_LABELS[tier]}.`,
  };
}

/**
 * Checks a desired configuration against the level/destination matrix, the tier gate and Cognito's ARN
 * limits, and (when the pool's region/account are given) that each destination lives beside the pool.
 * Never throws, whatever it is given; errors name the user's fields (`userAuthEvents.destination.arn`).
 */
export function validateConfiguration(desired: LogDeliveryModel, pool: PoolContext): FieldError[] {
  const errors: FieldError[] = [];
  const value: unknown = desired;
  if (!isRecord(value)) {
    return [
      { path: "", message: "The configuration must name a destination (or none) for each event source." },
    ];
  }
  for (const source of EVENT_SOURCES) {
    const destination = value[source];
    if (destination === null || destination === undefined) continue;
    const label = EVENT_SOURCE_LABELS[source];
    if (!isRecord(destination)) {
      errors.push({
        path: `${source}.destination`,
        message: `Choose where ${label} should go, or turn it off.`,
      });
      continue;
    }
    const tier: unknown = isRecord(pool) ? pool.tier : undefined;
    if (typeof tier === "string" && (POOL_TIERS as readonly string[]).includes(tier)) {
      const mode: unknown = isRecord(pool) ? pool.threatProtection : undefined;
      const threatProtection =
        typeof mode === "string" && (THREAT_PROTECTION_MODES as readonly string[]).includes(mode)
          ? (mode as ThreatProtection)
          : null;
      const error = tierError(source, tier as PoolTier, threatProtection);
      if (error) errors.push(error);
    }
    const kind = destination.kind;
    if (!isKind(kind)) {
      errors.push({ path: `${source}.destination.kind`, message: `Choose ${allowedKindsPhrase(source)}.` });
    } else if (!ALLOWED_DESTINATION_KINDS[source].includes(kind)) {
      errors.push({
        path: `${source}.destination.kind`,
        message: `${label} can only go to ${allowedKindsPhrase(source)}.`,
      });
    }
    const arnPath = `${source}.destination.arn`;
    const arn = destination.arn;
    if (typeof arn !== "string") {
      errors.push({ path: arnPath, message: "Enter the destination's ARN." });
      continue;
    }
    const parsed = parseDestinationArn(arn, arnPath);
    if (isFieldError(parsed)) {
      errors.push(parsed);
      continue;
    }
    if (isKind(kind) && parsed.kind !== kind) {
      errors.push({
        path: arnPath,
        message: `This is a ${DESTINATION_KIND_LABELS[parsed.kind]} ARN, but ${DESTINATION_KIND_LABELS[kind]} is selected.`,
      });
      continue;
    }
    const placeError = foreignPlaceMessage(parsed.kind, parsed.region, parsed.accountId, pool);
    if (placeError) errors.push({ path: arnPath, message: placeError });
  }
  return errors;
}

/**
 * AWS's "ARN does not belong to invoking account / current region", said so the user knows what to do.
 * S3 bucket ARNs carry neither, so only preflight (which sees the bucket) can tell for them.
 */
export function foreignPlaceMessage(
  kind: DestinationKind,
  region: string,
  accountId: string,
  pool: PoolContext,
): string | null {
  const what = DESTINATION_KIND_LABELS[kind];
  const sentences: string[] = [];
  const poolAccount = isRecord(pool) && typeof pool.accountId === "string" ? pool.accountId : "";
  const poolRegion = isRecord(pool) && typeof pool.region === "string" ? pool.region : "";
  if (accountId && poolAccount && accountId !== poolAccount) {
    sentences.push(`This ${what} is in account ${accountId}, but the pool is in account ${poolAccount}.`);
  }
  if (region && poolRegion && region !== poolRegion) {
    sentences.push(`This ${what} is in ${region}, but the pool is in ${poolRegion}.`);
  }
  if (sentences.length === 0) return null;
  sentences.push(`Cognito only delivers logs to a ${what} in the pool's own account and region.`);
  return sentences.join(" ");
}

/** Where in the user's form an AWS-list problem belongs. */
export function awsProblemToFieldError(problem: AwsEntryProblem): FieldError {
  if (!problem.eventSource)
    return { path: `logConfigurations.${problem.index + 1}`, message: problem.message };
  const path =
    problem.reason === "no-destination" || problem.reason === "several-destinations"
      ? `${problem.eventSource}.destination`
      : problem.eventSource;
  return { path, message: problem.message };
}

/**
 * Checks a `LogConfigurations` list someone wants to send (already past AWS's model constraints, see
 * `validateAwsLogConfigurationsRequest`): entries the model cannot hold, then `validateConfiguration`.
 */
export function validateAwsLogConfigurations(list: unknown, pool: PoolContext): FieldError[] {
  const { model, problems } = fromAwsLogConfigurations(list);
  return [...problems.map(awsProblemToFieldError), ...validateConfiguration(model, pool)];
}
