import { type Destination, EVENT_SOURCES, type Finding } from "@clc/domain";
import { assessPool, type KnownDestinations } from "../../lib/assessment.ts";
import type { DestinationService } from "../destinations/service.ts";
import type { PoolRead } from "./service.ts";

/** The destination lookups the fleet's findings use. */
export type FleetDestinations = Pick<
  DestinationService,
  "cachedKnowledge" | "cachedResourcePolicies" | "knowledge" | "resourcePolicies"
>;

/**
 * The findings of one fleet row. The fleet view stays cheap: it judges with the destination facts
 * already cached (by `lookUpDestinations` or a pool page), and makes no AWS call.
 */
export function assessRead(read: PoolRead, destinations: FleetDestinations): Finding[] {
  const known: KnownDestinations = {};
  for (const source of EVENT_SOURCES) {
    const destination = read.configuration[source];
    if (destination) known[source] = destinations.cachedKnowledge(destination);
  }
  return assessPool(
    read.facts,
    read.configuration,
    known,
    destinations.cachedResourcePolicies(read.facts.region),
  );
}

/**
 * Re-reads, once per fleet read, every destination the pools use (and the resource policies of the
 * regions whose pools send to log groups), so the rows are judged on what AWS holds now: a tag
 * removed elsewhere must not read "OK" for another cache lifetime. Not Cognito calls. One failure
 * does not hide the others; a destination that cannot be read is judged from its ARN.
 */
export async function lookUpDestinations(
  reads: readonly PoolRead[],
  destinations: FleetDestinations,
): Promise<void> {
  const regions = new Set<string>();
  const wanted = new Map<string, { region: string; destination: Destination }>();
  for (const read of reads) {
    for (const source of EVENT_SOURCES) {
      const destination = read.configuration[source];
      if (!destination) continue;
      wanted.set(`${destination.kind}|${destination.arn}`, { region: read.facts.region, destination });
      if (destination.kind === "logGroup") regions.add(read.facts.region);
    }
  }
  // Policies first, since a log group's lookup judges its delivery policy on them.
  await Promise.allSettled(
    [...regions].map((region) => destinations.resourcePolicies(region, undefined, { fresh: true })),
  );
  await Promise.allSettled(
    [...wanted.values()].map(({ region, destination }) =>
      destinations.knowledge(destination, region, undefined, { fresh: true }),
    ),
  );
}
