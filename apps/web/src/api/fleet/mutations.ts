import { type FleetStatus, FleetStatusSchema } from "@clc/domain";
import { api, ok } from "../client.ts";
import { useWrite } from "../mutation.ts";
import { poolKeys } from "../pools/keys.ts";
import { fleetKeys } from "./keys.ts";

export async function refreshFleet(): Promise<FleetStatus | null> {
  const { data } = await ok(api.POST("/api/fleet/refresh"));
  const parsed = FleetStatusSchema.safeParse(data);
  // The BFF may answer 202 with the status or with nothing; the status poll covers both.
  return parsed.success ? parsed.data : null;
}

/** Starts a new fleet read; the status poll then drives the progress bar and list refreshes. */
export function useRefreshFleet() {
  return useWrite(refreshFleet, async (queryClient, status) => {
    if (status) queryClient.setQueryData(fleetKeys.status, status);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: fleetKeys.status }),
      queryClient.invalidateQueries({ queryKey: poolKeys.all }),
    ]);
  });
}
