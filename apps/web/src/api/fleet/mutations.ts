import type { FleetStatus } from "@clc/domain";
import { api, ok } from "../client.ts";
import { useWrite } from "../mutation.ts";
import { poolKeys } from "../pools/keys.ts";
import { fleetKeys } from "./keys.ts";

export async function refreshFleet(): Promise<FleetStatus | null> {
  const { data } = await ok(api.POST("/api/fleet/refresh"));
  // Loaded on the click, not with the fleet page: the schemas' module is for answers like this one.
  const { FleetStatusSchema } = await import("@clc/domain");
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
