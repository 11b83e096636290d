import { type FleetStatus, FleetStatusSchema } from "@clc/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../http.ts";
import { queryKeys } from "../query-keys.ts";

export async function refreshFleet(): Promise<FleetStatus | null> {
  const { data } = await request<unknown>("/api/fleet/refresh", { method: "POST" });
  const parsed = FleetStatusSchema.safeParse(data);
  // The BFF may answer 202 with the status or with nothing; the status poll covers both.
  return parsed.success ? parsed.data : null;
}

/** Starts a new fleet read; the status poll then drives the progress bar and list refreshes. */
export function useRefreshFleet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refreshFleet,
    onSuccess: async (status) => {
      if (status) queryClient.setQueryData(queryKeys.fleetStatus, status);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.fleetStatus }),
        queryClient.invalidateQueries({ queryKey: queryKeys.pools.all }),
      ]);
    },
  });
}
