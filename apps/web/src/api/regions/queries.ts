import type { RegionsResponse } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { regionKeys } from "./keys.ts";

export async function fetchRegions(signal?: AbortSignal): Promise<RegionsResponse> {
  const { data } = await ok(api.GET("/api/regions", { signal }));
  return checked((d) => d.RegionsResponseSchema, data);
}

/** Mode, account and regions rarely change during a session. */
export function useRegions() {
  return useQuery({
    queryKey: regionKeys.regions,
    queryFn: ({ signal }) => fetchRegions(signal),
    staleTime: 5 * 60_000,
  });
}
