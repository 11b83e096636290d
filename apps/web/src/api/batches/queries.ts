import type { Batch, BatchSummary } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { batchKeys } from "./keys.ts";

/** How often a running batch is re-read: its pools are written one to a few per second. */
export const BATCH_POLL_MS = 1_000;

export async function fetchBatch(id: string, signal?: AbortSignal): Promise<Batch> {
  const { data } = await ok(api.GET("/api/batches/{batchId}", { params: { path: { batchId: id } }, signal }));
  return checked((d) => d.BatchSchema, data);
}

/** One batch, polled while it runs (also when another replica runs it). */
export function useBatch(id: string) {
  return useQuery({
    queryKey: batchKeys.one(id),
    queryFn: ({ signal }) => fetchBatch(id, signal),
    refetchInterval: (query) => (query.state.data?.status === "running" ? BATCH_POLL_MS : false),
  });
}

export async function fetchBatches(signal?: AbortSignal): Promise<BatchSummary[]> {
  const { data } = await ok(api.GET("/api/batches", { signal }));
  return (await checked((d) => d.BatchListResponseSchema, data)).items;
}

/** The batches, newest first; polled while one of them runs. */
export function useBatches() {
  return useQuery({
    queryKey: batchKeys.list,
    queryFn: ({ signal }) => fetchBatches(signal),
    refetchInterval: (query) =>
      query.state.data?.some((b) => b.status === "running") ? BATCH_POLL_MS : false,
  });
}
