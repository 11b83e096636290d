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

/**
 * The findings for a configuration: the one place the BFF asks the domain to judge one. `stored` is
 * what AWS holds now (for the pool's own configuration, the configuration itself): its destinations
 * are judged as they are, since AWS's set-up of missing delivery policies does not run again.
 */
export function assessPool(
  pool: PoolFacts,
  configuration: LogDeliveryModel,
  destinations: KnownDestinations,
  resourcePolicies: ResourcePolicy[] | null,
  stored: LogDeliveryModel | null = configuration,
): Finding[] {
  return preflight({
    pool,
    desired: configuration,
    destinations,
    ...(resourcePolicies ? { account: { resourcePolicies } } : {}),
    ...(stored ? { stored } : {}),
  });
}
