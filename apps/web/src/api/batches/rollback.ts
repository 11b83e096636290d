import type { Batch } from "@clc/domain";
import type { QueryClient } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { batchKeys } from "./keys.ts";

/**
 * Plans the rollback of batch `id` as a new batch (`POST /api/batches/{id}/rollback`): planned, not
 * started, to review on its own page. Answers the new batch.
 */
export async function createBatchRollback(id: string): Promise<Batch> {
  const { data } = await ok(
    api.POST("/api/batches/{batchId}/rollback", { params: { path: { batchId: id } } }),
  );
  return checked((d) => d.BatchSchema, data);
}

/** The new batch seeds its query; the rolled-back batch (now linked to it) and the list are stale. */
export function useCreateBatchRollback() {
  return useWrite(createBatchRollback, (queryClient: QueryClient, batch: Batch, id: string) => {
    queryClient.setQueryData(batchKeys.one(batch.id), batch);
    void queryClient.invalidateQueries({ queryKey: batchKeys.one(id) });
    void queryClient.invalidateQueries({ queryKey: batchKeys.list });
  });
}
