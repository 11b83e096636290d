import {
  ALLOWED_DESTINATION_KINDS,
  DESTINATION_KIND_LABELS,
  DESTINATION_KINDS,
  type DestinationKind,
  EVENT_SOURCE_LABELS,
  type EventSource,
  type PoolTier,
  type ThreatProtection,
  tierError,
} from "@clc/domain";

export interface KindOption {
  kind: DestinationKind;
  label: string;
  /** Why this kind cannot be chosen here, or null when it can. */
  disabledReason: string | null;
}

/** Which destination kinds an event source may use on this pool, and why the others are off. */
export function kindOptions(
  eventSource: EventSource,
  tier: PoolTier,
  threatProtection?: ThreatProtection | null,
): KindOption[] {
  const tierProblem = tierError(eventSource, tier, threatProtection);
  const allowed = ALLOWED_DESTINATION_KINDS[eventSource];
  const allowedLabels = allowed.map((kind) => DESTINATION_KIND_LABELS[kind]).join(", ");
  return DESTINATION_KINDS.map((kind) => {
    let disabledReason: string | null = null;
    if (!allowed.includes(kind)) {
      disabledReason = `${EVENT_SOURCE_LABELS[eventSource]} can only go to a ${allowedLabels}.`;
    } else if (tierProblem) {
      disabledReason = tierProblem.message;
    }
    return { kind, label: DESTINATION_KIND_LABELS[kind], disabledReason };
  });
}
