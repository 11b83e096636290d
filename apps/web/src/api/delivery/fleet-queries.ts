import type { FleetDeliveryCell, FleetDeliveryResponse } from "@clc/domain";
import { keepPreviousData, queryOptions, useQueries } from "@tanstack/react-query";
import { type FleetFilters, toPoolListQuery } from "../../fleet/fleet-filters.ts";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { deliveryKeys } from "./keys.ts";

export async function fetchFleetDelivery(
  filters: FleetFilters,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<FleetDeliveryResponse> {
  const query = { ...toPoolListQuery(filters, offset, limit), offset, limit };
  const { data } = await ok(api.GET("/api/fleet/delivery", { params: { query }, signal }));
  return checked((d) => d.FleetDeliveryResponseSchema, data);
}

/** While the BFF checks the fleet's delivery in the background, how often a page asks again. */
export const CHECKING_POLL_MS = 2000;
/** Once checked: the BFF re-checks each pool after its cache time; asking now and then shows it. */
export const CHECKED_POLL_MS = 60_000;

/**
 * The delivery cells of one page of the fleet table (the same filters, sort and page as its rows)
 * and the summary over the fleet. Separate from the rows, so the table never waits for it.
 */
export function fleetDeliveryQuery(filters: FleetFilters, offset: number, limit: number) {
  return queryOptions({
    queryKey: deliveryKeys.fleetPage(filters, offset, limit),
    queryFn: ({ signal }) => fetchFleetDelivery(filters, offset, limit, signal),
    refetchInterval: (query) =>
      query.state.data?.progress.state === "ready" ? CHECKED_POLL_MS : CHECKING_POLL_MS,
    placeholderData: keepPreviousData,
  });
}

/** `accountId:poolId` → its cell, over the table's pages on screen. */
export function useFleetDeliveryCells(
  filters: FleetFilters,
  offsets: readonly number[],
  limit: number,
): ReadonlyMap<string, FleetDeliveryCell> {
  const pages = useQueries({ queries: offsets.map((offset) => fleetDeliveryQuery(filters, offset, limit)) });
  const cells = new Map<string, FleetDeliveryCell>();
  for (const page of pages)
    for (const cell of page.data?.items ?? []) cells.set(`${cell.accountId}:${cell.poolId}`, cell);
  return cells;
}
