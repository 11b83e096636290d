import type { FleetFilters } from "../../fleet/fleet-filters.ts";

/** Query keys of delivery checks (issue 15): one per pool, window and whether the newest S3 object is read; the fleet's per page. */
export const deliveryKeys = {
  all: ["delivery"] as const,
  pool: (accountId: string, poolId: string) => ["delivery", accountId, poolId] as const,
  check: (accountId: string, poolId: string, window: string, objectEvents: boolean) =>
    ["delivery", accountId, poolId, { window, objectEvents }] as const,
  fleetPage: (filters: FleetFilters, offset: number, limit: number) =>
    ["delivery", "fleet", filters, { offset, limit }] as const,
};
