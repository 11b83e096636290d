import type { Batch, CreateBatchRequest } from "@clc/domain";
import type { QueryClient } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { batchKeys } from "./keys.ts";

/** A batch as the BFF answered it seeds its query (which polls while it runs); the list is stale. */
function afterBatchWrite(queryClient: QueryClient, batch: Batch): void {
  queryClient.setQueryData(batchKeys.one(batch.id), batch);
  void queryClient.invalidateQueries({ queryKey: batchKeys.list });
}

export async function createBatch(request: CreateBatchRequest): Promise<Batch> {
  // The generated body type is the union's output; the request is its input (defaults unfilled).
  const { data } = await ok(api.POST("/api/batches", { body: request as never }));
  return checked((d) => d.BatchSchema, data);
}

export function useCreateBatch() {
  return useWrite(createBatch, afterBatchWrite);
}

export type BatchVerb = "start" | "resume" | "pause" | "cancel";

export interface BatchActionVariables {
  id: string;
  verb: BatchVerb;
  acknowledgeWarnings?: boolean;
}

export async function actOnBatch({ id, verb, acknowledgeWarnings }: BatchActionVariables): Promise<Batch> {
  const params = { path: { batchId: id } };
  const answer =
    verb === "start" || verb === "resume"
      ? await ok(
          api.POST(verb === "start" ? "/api/batches/{batchId}/start" : "/api/batches/{batchId}/resume", {
            params,
            body: { acknowledgeWarnings: acknowledgeWarnings === true },
          }),
        )
      : await ok(
          api.POST(verb === "pause" ? "/api/batches/{batchId}/pause" : "/api/batches/{batchId}/cancel", {
            params,
          }),
        );
  return checked((d) => d.BatchSchema, answer.data);
}

export function useBatchAction() {
  return useWrite(actOnBatch, afterBatchWrite);
}
