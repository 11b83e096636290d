import {
  type DestinationKnowledge,
  type EventSource,
  type Finding,
  type LogDeliveryModel,
  type PoolFacts,
  preflight,
  type ResourcePolicy,
} from "@clc/domain";

export type KnownDestinations = Partial<Record<EventSource, DestinationKnowledge | null>>;

/** The findings for a configuration: the one place the BFF asks the domain to judge one. */
export function assessPool(
  pool: PoolFacts,
  configuration: LogDeliveryModel,
  destinations: KnownDestinations,
  resourcePolicies: ResourcePolicy[] | null,
): Finding[] {
  return preflight({
    pool,
    desired: configuration,
    destinations,
    ...(resourcePolicies ? { account: { resourcePolicies } } : {}),
  });
}
