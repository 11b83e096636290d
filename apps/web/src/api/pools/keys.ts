import type { DestinationKind, EventSource } from "@clc/domain";
import type { FleetFilters } from "../../fleet/fleet-filters.ts";

/**
 * Query keys of pools (kept beside their fetchers). Keys nest so that invalidating a prefix reaches
 * everything under it: `all` covers every list page and every detail.
 */
export const poolKeys = {
  all: ["pools"] as const,
  lists: () => ["pools", "list"] as const,
  listPage: (filters: FleetFilters, offset: number, limit: number) =>
    ["pools", "list", filters, { offset, limit }] as const,
  details: () => ["pools", "detail"] as const,
  detail: (poolId: string) => ["pools", "detail", poolId] as const,
  previews: (poolId: string) => ["pools", "preview", poolId] as const,
  preview: (poolId: string, eventSource: EventSource, kind: DestinationKind, arn: string) =>
    ["pools", "preview", poolId, eventSource, kind, arn] as const,
};
