/**
 * Freshness by events (issue 16): how each account and region is kept fresh, and the plan that
 * would put one on events (what it creates, with the permissions each step needs).
 */
import type { FreshnessPlan, FreshnessSetupResult, FreshnessStatus } from "@clc/domain";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";

export const freshnessKeys = {
  status: ["fleet", "freshness"] as const,
  plan: (accountId: string, region: string) => ["fleet", "freshness", "plan", accountId, region] as const,
};

async function fetchFreshness(signal?: AbortSignal): Promise<FreshnessStatus> {
  const { data } = await ok(api.GET("/api/fleet/freshness", { signal }));
  return checked((d) => d.FreshnessStatusSchema, data);
}

/** Each place's mode (events, sweep, checking) and why; asked again every minute. */
export function useFreshness() {
  return useQuery({
    queryKey: freshnessKeys.status,
    queryFn: ({ signal }) => fetchFreshness(signal),
    refetchInterval: 60_000,
  });
}

async function fetchPlan(accountId: string, region: string, signal?: AbortSignal): Promise<FreshnessPlan> {
  const { data } = await ok(
    api.GET("/api/fleet/freshness/plan", { params: { query: { accountId, region } }, signal }),
  );
  return checked((d) => d.FreshnessPlanSchema, data);
}

/** The plan of one place, read from AWS when asked (not cached for long: AWS may change under it). */
export function freshnessPlanQuery(accountId: string, region: string) {
  return queryOptions({
    queryKey: freshnessKeys.plan(accountId, region),
    queryFn: ({ signal }) => fetchPlan(accountId, region, signal),
    // Read when opened (AWS may have changed since), not again on every return to the window:
    // each read is several AWS calls.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
}

async function setUpFreshness(place: { accountId: string; region: string }): Promise<FreshnessSetupResult> {
  const { data } = await ok(api.POST("/api/fleet/freshness/setup", { body: place }));
  return checked((d) => d.FreshnessSetupResultSchema, data);
}

/** Creates what the plan marks todo (admins); the BFF refuses (409) to adopt what it did not create. */
export function useSetUpFreshness() {
  return useWrite(setUpFreshness, async (queryClient, result, place) => {
    queryClient.setQueryData(freshnessKeys.plan(place.accountId, place.region), result.plan);
    await queryClient.invalidateQueries({ queryKey: freshnessKeys.status, exact: true });
  });
}
