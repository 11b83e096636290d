import type { FleetStatus } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { fleetKeys } from "./keys.ts";

export async function fetchFleetStatus(signal?: AbortSignal): Promise<FleetStatus> {
  const { data } = await ok(api.GET("/api/fleet/status", { signal }));
  return checked((d) => d.FleetStatusSchema, data);
}

export const FLEET_POLL_MS = 1000;

/**
 * Polls while a fleet read is under way so the progress bar moves; idle otherwise.
 * `alsoPollWhile` lets a caller that learnt of a read from elsewhere (a list answer) start the poll.
 */
export function useFleetStatus(alsoPollWhile = false) {
  return useQuery({
    queryKey: fleetKeys.status,
    queryFn: ({ signal }) => fetchFleetStatus(signal),
    refetchInterval: (query) =>
      query.state.data?.state === "loading" || alsoPollWhile ? FLEET_POLL_MS : false,
  });
}
