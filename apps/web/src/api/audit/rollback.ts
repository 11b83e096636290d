import type { PoolDetail, RollbackPreview } from "@clc/domain";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { poolKeys } from "../pools/keys.ts";
import { auditKeys } from "./keys.ts";

/** What rolling back an audit record's change would do now (the BFF reads the pool fresh). */
export function rollbackPreviewQuery(recordId: string) {
  return queryOptions({
    queryKey: auditKeys.rollback(recordId),
    queryFn: async ({ signal }): Promise<RollbackPreview> => {
      const { data } = await ok(
        api.GET("/api/audit/{id}/rollback", { params: { path: { id: recordId } }, signal }),
      );
      return checked((d) => d.RollbackPreviewSchema, data);
    },
    // A preview is a judgement of what AWS holds now: never reuse an old one for a write.
    staleTime: 0,
    retry: false,
  });
}

export function useRollbackPreview(recordId: string) {
  return useQuery(rollbackPreviewQuery(recordId));
}

export interface RollbackVariables {
  recordId: string;
  /** The pool's version the preview was made on (its ETag). */
  version: string;
}

export async function applyRollback({ recordId, version }: RollbackVariables): Promise<PoolDetail> {
  const { data } = await ok(
    api.POST("/api/audit/{id}/rollback", {
      params: { path: { id: recordId }, header: { "if-match": version } },
    }),
  );
  return checked((d) => d.PoolDetailSchema, data);
}

async function afterRollback(queryClient: QueryClient, detail: PoolDetail): Promise<void> {
  queryClient.setQueryData(poolKeys.detail(detail.pool.accountId, detail.pool.id), detail);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: poolKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

export function useApplyRollback() {
  return useWrite(applyRollback, afterRollback);
}
