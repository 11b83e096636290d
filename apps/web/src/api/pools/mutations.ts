import type {
  ApplyResponse,
  Destination,
  EventSource,
  FixRequest,
  FixResponse,
  PoolDetail,
} from "@clc/domain";
import type { QueryClient } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { destinationKeys } from "../destinations/keys.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { poolKeys } from "./keys.ts";

/**
 * What a write answers (typed by the contract, which must fit the domain's ApplyResponse): the pool
 * as AWS holds it, with its ETag, and whether a Set was sent (`written`).
 */
async function appliedFrom(data: ApplyResponse, headers: Headers): Promise<ApplyResponse> {
  const applied = await checked((d) => d.ApplyResponseSchema, data);
  const etag = headers.get("etag");
  return etag && etag !== applied.version ? { ...applied, version: etag } : applied;
}

/** A write answers with what AWS stored: show exactly that, and let the fleet list catch up. */
async function afterWrite(
  queryClient: QueryClient,
  { written: _written, ...detail }: ApplyResponse,
): Promise<void> {
  queryClient.setQueryData<PoolDetail>(poolKeys.detail(detail.pool.accountId, detail.pool.id), detail);
  await queryClient.invalidateQueries({ queryKey: poolKeys.lists() });
}

/** Which log delivery a write changes, and the version it was reviewed against. */
export interface DisableVariables {
  accountId: string;
  poolId: string;
  eventSource: EventSource;
  /** The version the change was reviewed against; AWS's state must still be that one. */
  version: string;
}

export interface ApplyVariables extends DisableVariables {
  destination: Destination;
}

/** The path and precondition (If-Match) of a write to one event source's log delivery. */
function logDeliveryParams({ accountId, poolId, eventSource, version }: DisableVariables) {
  return { path: { accountId, poolId, eventSource }, header: { "if-match": version } };
}

export async function applyLogDelivery(variables: ApplyVariables): Promise<ApplyResponse> {
  const { data, headers } = await ok(
    api.PUT("/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}", {
      params: logDeliveryParams(variables),
      body: { destination: variables.destination },
    }),
  );
  return appliedFrom(data, headers);
}

export function useApplyLogDelivery() {
  return useWrite(applyLogDelivery, afterWrite);
}

export async function disableLogDelivery(variables: DisableVariables): Promise<ApplyResponse> {
  const { data, headers } = await ok(
    api.DELETE("/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}", {
      params: logDeliveryParams(variables),
    }),
  );
  return appliedFrom(data, headers);
}

export function useDisableLogDelivery() {
  return useWrite(disableLogDelivery, afterWrite);
}

export interface FixVariables extends FixRequest {
  accountId: string;
  poolId: string;
}

export async function runFix({ accountId, poolId, action, target }: FixVariables): Promise<FixResponse> {
  const body: FixRequest = { action, target };
  const { data } = await ok(
    api.POST("/api/accounts/{accountId}/pools/{poolId}/fixes", {
      params: { path: { accountId, poolId } },
      body,
    }),
  );
  return checked((d) => d.FixResponseSchema, data);
}

/**
 * A fix changes the destination or the pool: the answer carries the pool judged again (shown at once);
 * any open preview and the fleet row are stale.
 */
export function useRunFix() {
  return useWrite(runFix, async (queryClient, result, { accountId, poolId }) => {
    queryClient.setQueryData(poolKeys.detail(accountId, poolId), result.pool);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: poolKeys.previews(accountId, poolId) }),
      queryClient.invalidateQueries({ queryKey: poolKeys.lists() }),
      queryClient.invalidateQueries({ queryKey: destinationKeys.all }),
    ]);
  });
}
