import { EVENT_SOURCES, type Finding } from "@clc/domain";
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

/** Destination lookups started as pool reads arrive; see `startDestinationLookups`. */
export interface DestinationLookups {
  /** Looks up `read`'s destinations now, each once (by kind and ARN), after its region's policies. */
  add(read: PoolRead): void;
  /** Settles when every lookup started so far has; never rejects. */
  done(): Promise<void>;
}

/**
 * Re-reads, once per fleet read, every destination the pools use (and the resource policies of the
 * regions whose pools send to log groups), so the rows are judged on what AWS holds now: a tag
 * removed elsewhere must not read "OK" for another cache lifetime. Not Cognito calls. One failure
 * does not hide the others; a destination that cannot be read is judged from its ARN.
 *
 * Incremental: each read's destinations are looked up as soon as it is added, so a fleet read looks
 * them up while its Cognito reads go on, at the quota. Looked up once all of an account's pools were
 * read, they held the org bench's read about 0.4 s after its last Cognito answer (issue 14).
 */
export function startDestinationLookups(destinations: FleetDestinations): DestinationLookups {
  const policies = new Map<string, Promise<unknown>>();
  const started = new Set<string>();
  const lookups: Promise<unknown>[] = [];
  return {
    add(read) {
      for (const source of EVENT_SOURCES) {
        const destination = read.configuration[source];
        if (!destination) continue;
        const key = `${destination.kind}|${destination.arn}`;
        if (started.has(key)) continue;
        started.add(key);
        const region = read.facts.region;
        let before: Promise<unknown> = Promise.resolve();
        if (destination.kind === "logGroup") {
          // Policies first, since a log group's lookup judges its delivery policy on them.
          let regionPolicies = policies.get(region);
          if (!regionPolicies) {
            regionPolicies = destinations
              .resourcePolicies(region, undefined, { fresh: true })
              .catch(() => undefined);
            policies.set(region, regionPolicies);
            lookups.push(regionPolicies);
          }
          before = regionPolicies;
        }
        lookups.push(
          before
            .then(() => destinations.knowledge(destination, region, undefined, { fresh: true }))
            .catch(() => undefined),
        );
      }
    },
    async done() {
      // Lookups started while these settle are awaited too.
      let seen = 0;
      while (seen < lookups.length) {
        const batch = lookups.slice(seen);
        seen = lookups.length;
        await Promise.allSettled(batch);
      }
    },
  };
}

/** All of `reads`' destinations, looked up at once (see startDestinationLookups). */
export async function lookUpDestinations(
  reads: readonly PoolRead[],
  destinations: FleetDestinations,
): Promise<void> {
  const lookups = startDestinationLookups(destinations);
  for (const read of reads) lookups.add(read);
  await lookups.done();
}
