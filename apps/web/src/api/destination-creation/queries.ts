import {
  type BucketAvailabilityResponse,
  BucketAvailabilityResponseSchema,
  type CreationRun,
  RunListResponseSchema,
  RunResponseSchema,
  type RunSummary,
} from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { checked, request } from "../http.ts";
import { creationKeys } from "./keys.ts";

/** How often a running creation is re-read; each step takes one or a few AWS calls. */
export const RUN_POLL_MS = 500;

export async function fetchRun(runId: string, signal?: AbortSignal): Promise<CreationRun> {
  const { data } = await request<unknown>(`/api/destinations/runs/${encodeURIComponent(runId)}`, { signal });
  return checked(RunResponseSchema, data).run;
}

/** A run, polled while it is working. */
export function useCreationRun(runId: string | null) {
  return useQuery({
    queryKey: creationKeys.run(runId ?? "none"),
    queryFn: ({ signal }) => fetchRun(runId ?? "", signal),
    enabled: runId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "running" || status === "cleaning" ? RUN_POLL_MS : false;
    },
  });
}

export async function fetchRuns(signal?: AbortSignal): Promise<RunSummary[]> {
  const { data } = await request<unknown>("/api/destinations/runs", { signal });
  return checked(RunListResponseSchema, data).runs;
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
  const params = new URLSearchParams({ poolId, name });
  const { data } = await request<unknown>(`/api/destinations/bucket-availability?${params.toString()}`, {
    signal,
  });
  return checked(BucketAvailabilityResponseSchema, data);
}

/** Whether a bucket name is free, asked only for names that pass S3's rules. */
export function useBucketAvailability(poolId: string, name: string, enabled: boolean) {
  return useQuery({
    queryKey: creationKeys.bucket(poolId, name),
    queryFn: ({ signal }) => fetchBucketAvailability(poolId, name, signal),
    enabled: enabled && name !== "",
    staleTime: 10_000,
  });
}
