import type { PoolDeliveryResponse } from "@clc/domain";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { deliveryKeys } from "./keys.ts";

export async function fetchPoolDelivery(
  accountId: string,
  poolId: string,
  window: string,
  objectEvents: boolean,
  signal?: AbortSignal,
): Promise<PoolDeliveryResponse> {
  const { data } = await ok(
    api.GET("/api/accounts/{accountId}/pools/{poolId}/delivery", {
      params: {
        path: { accountId, poolId },
        query: { window, objectEvents: objectEvents ? "true" : "false" },
      },
      signal,
    }),
  );
  return checked((d) => d.PoolDeliveryResponseSchema, data);
}

/** The live tail's polling interval: the BFF caches each check this long, so polling faster gains nothing. */
export const LIVE_TAIL_POLL_MS = 10_000;

/**
 * Whether each event source of the pool is delivering, read in the pool's account; polled while
 * `live` (the tail is not paused).
 */
export function usePoolDelivery(
  accountId: string,
  poolId: string,
  window: string,
  objectEvents: boolean,
  live: boolean,
) {
  return useQuery({
    queryKey: deliveryKeys.check(accountId, poolId, window, objectEvents),
    queryFn: ({ signal }) => fetchPoolDelivery(accountId, poolId, window, objectEvents, signal),
    refetchInterval: live ? LIVE_TAIL_POLL_MS : false,
    // A paused tail keeps what it shows; a new window keeps the old answer on screen until the new one arrives.
    placeholderData: keepPreviousData,
  });
}
