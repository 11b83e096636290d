import type { DestinationKind, EventSource } from "@clc/domain";
import type { FleetFilters } from "../fleet/fleet-filters.ts";

/**
 * The one place query keys are built. Keys nest so that invalidating a prefix reaches everything
 * under it: `pools.all` covers every list page and every detail.
 */
export const queryKeys = {
  session: ["session"] as const,
  regions: ["regions"] as const,
  fleetStatus: ["fleet", "status"] as const,
  pools: {
    all: ["pools"] as const,
    lists: () => ["pools", "list"] as const,
    listPage: (filters: FleetFilters, offset: number, limit: number) =>
      ["pools", "list", filters, { offset, limit }] as const,
    details: () => ["pools", "detail"] as const,
    detail: (poolId: string) => ["pools", "detail", poolId] as const,
    previews: (poolId: string) => ["pools", "preview", poolId] as const,
    preview: (poolId: string, eventSource: EventSource, kind: DestinationKind, arn: string) =>
      ["pools", "preview", poolId, eventSource, kind, arn] as const,
  },
  destinations: {
    all: ["destinations"] as const,
    list: (region: string, kind: DestinationKind, q: string) => ["destinations", region, kind, q] as const,
  },
};
