import {
  applyEdit,
  type DestinationInfo,
  type EventSource,
  type LogDeliveryModel,
  type PoolFacts,
  preflight,
  sameDestination,
} from "@clc/domain";

const withoutStar = (arn: string) => (arn.endsWith(":*") ? arn.slice(0, -2) : arn);

/** How the editor shows one destination the picker found. */
export interface CandidateStatus {
  /** It is where this event source goes now. */
  readonly current: boolean;
  /**
   * Why it cannot be chosen: the preflight's blocking findings for it that no fix of the console
   * removes (a KMS-encrypted log group, a stream reading from Kinesis, another region…). Empty: it
   * can be chosen.
   */
  readonly blockedBecause: readonly string[];
  /**
   * Blocking findings the console can fix on the review page (a missing tag or policy): the candidate
   * stays selectable, with what will need fixing said up front.
   */
  readonly needsFix: readonly string[];
}

/**
 * Judges a candidate as the review would: the preflight of the pool's configuration with this
 * candidate for `eventSource` (the other event source kept as stored), on the facts the listing read.
 */
export function candidateStatus(
  info: DestinationInfo,
  context: { pool: PoolFacts; eventSource: EventSource; configuration: LogDeliveryModel },
): CandidateStatus {
  const { pool, eventSource, configuration } = context;
  const destination = { kind: info.kind, arn: info.arn };
  const stored = configuration[eventSource];
  // AWS may hand back a log group's ARN with or without the trailing ":*"; both name one log group.
  const current =
    stored !== null &&
    sameDestination(
      { kind: stored.kind, arn: withoutStar(stored.arn) },
      { ...destination, arn: withoutStar(info.arn) },
    );
  const findings = preflight({
    pool,
    desired: applyEdit(configuration, eventSource, destination),
    destinations: { [eventSource]: info },
    stored: configuration,
  }).filter((finding) => finding.eventSource === eventSource && finding.severity === "block");
  return {
    current,
    blockedBecause: findings.filter((finding) => !finding.fix).map((finding) => finding.message),
    needsFix: findings.filter((finding) => finding.fix).map((finding) => finding.message),
  };
}
