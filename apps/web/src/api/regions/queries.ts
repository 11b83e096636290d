import { type RegionsResponse, RegionsResponseSchema } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { checked, request } from "../http.ts";
import { queryKeys } from "../query-keys.ts";

export async function fetchRegions(signal?: AbortSignal): Promise<RegionsResponse> {
  const { data } = await request<unknown>("/api/regions", { signal });
  return checked(RegionsResponseSchema, data);
}

/** Mode, account and regions rarely change during a session. */
export function useRegions() {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: ({ signal }) => fetchRegions(signal),
    staleTime: 5 * 60_000,
  });
}
