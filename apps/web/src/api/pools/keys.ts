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
  detail: (accountId: string, poolId: string) => ["pools", "detail", accountId, poolId] as const,
  previews: (accountId: string, poolId: string) => ["pools", "preview", accountId, poolId] as const,
  preview: (
    accountId: string,
    poolId: string,
    eventSource: EventSource,
    kind: DestinationKind,
    arn: string,
  ) => ["pools", "preview", accountId, poolId, eventSource, kind, arn] as const,
};
