import type { BucketAvailabilityResponse, CreationRun, RunSummary } from "@clc/domain";
import { skipToken, useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { creationKeys } from "./keys.ts";

/** How often a running creation is re-read; each step takes one or a few AWS calls. */
export const RUN_POLL_MS = 500;

export async function fetchRun(runId: string, signal?: AbortSignal): Promise<CreationRun> {
  const { data } = await ok(
    api.GET("/api/destinations/runs/{id}", { params: { path: { id: runId } }, signal }),
  );
  return (await checked((d) => d.RunResponseSchema, data)).run;
}

/** A run, polled while it is working; nothing is asked before there is a run. */
export function useCreationRun(runId: string | null) {
  return useQuery({
    queryKey: creationKeys.run(runId ?? "none"),
    queryFn: runId === null ? skipToken : ({ signal }) => fetchRun(runId, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "running" || status === "cleaning" ? RUN_POLL_MS : false;
    },
  });
}

export async function fetchRuns(signal?: AbortSignal): Promise<RunSummary[]> {
  const { data } = await ok(api.GET("/api/destinations/runs", { signal }));
  return (await checked((d) => d.RunListResponseSchema, data)).runs;
}

/** Past creation runs, newest first. */
export function useCreationRuns() {
  return useQuery({ queryKey: creationKeys.runs, queryFn: ({ signal }) => fetchRuns(signal) });
}

export async function fetchBucketAvailability(
  poolId: string,
  name: string,
  signal?: AbortSignal,
): Promise<BucketAvailabilityResponse> {
  const { data } = await ok(
    api.GET("/api/destinations/bucket-availability", { params: { query: { poolId, name } }, signal }),
  );
  return checked((d) => d.BucketAvailabilityResponseSchema, data);
}

/** Whether a bucket name is free, asked only for names that pass S3's rules. */
export function useBucketAvailability(poolId: string, name: string, enabled: boolean) {
  return useQuery({
    queryKey: creationKeys.bucket(poolId, name),
    queryFn:
      enabled && name !== "" ? ({ signal }) => fetchBucketAvailability(poolId, name, signal) : skipToken,
    staleTime: 10_000,
  });
}
