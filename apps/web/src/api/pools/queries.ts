import type { Destination, EventSource, PoolDetail, PoolListResponse, PreviewResponse } from "@clc/domain";
import { keepPreviousData, queryOptions, skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FleetFilters, toPoolListQuery } from "../../fleet/fleet-filters.ts";
import { usePoolAccount } from "../accounts/pool-account.ts";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { poolKeys } from "./keys.ts";

export async function fetchPoolPage(
  filters: FleetFilters,
  offset: number,
  limit: number,
  signal?: AbortSignal,
): Promise<PoolListResponse> {
  // The domain's query type is the schema's input (coerced from strings); these two are numbers here.
  const query = { ...toPoolListQuery(filters, offset, limit), offset, limit };
  const { data } = await ok(api.GET("/api/pools", { params: { query }, signal }));
  return checked((d) => d.PoolListResponseSchema, data);
}

/**
 * Rows per request of the fleet table: large enough that scrolling rarely waits, small enough to
 * answer fast. Here, not in the table, so the router can ask for the first page without the table's code.
 */
export const FLEET_PAGE_SIZE = 200;

/** How often a page on screen is re-read while the BFF is still reading the fleet. */
export const FILLING_PAGE_POLL_MS = 2000;

export function poolPageQuery(filters: FleetFilters, offset: number, limit: number) {
  return queryOptions({
    queryKey: poolKeys.listPage(filters, offset, limit),
    queryFn: ({ signal }) => fetchPoolPage(filters, offset, limit, signal),
    // Every page carries the fleet status: while a read is under way, its rows fill in, so re-read it.
    refetchInterval: (query) => (query.state.data?.fleet.state === "loading" ? FILLING_PAGE_POLL_MS : false),
  });
}

/** The first page doubles as the source of `total` and the fleet status for the table. */
export function usePoolPage(filters: FleetFilters, offset: number, limit: number) {
  // Keep showing the old rows while a new filter's rows load, instead of flashing a spinner.
  return useQuery({ ...poolPageQuery(filters, offset, limit), placeholderData: keepPreviousData });
}

/**
 * The account the fleet last saw pool `poolId` in (an old `/pools/:poolId` link names none); null
 * when the fleet knows no pool of that id, or knows it in several accounts. Reads the fleet's list,
 * which the BFF serves from its cache (no AWS call).
 */
export function usePoolAccountOf(poolId: string) {
  return useQuery({
    queryKey: [...poolKeys.lists(), "account-of", poolId],
    queryFn: async ({ signal }) => {
      const { data } = await ok(
        api.GET("/api/pools", { params: { query: { q: poolId, limit: 50 } }, signal }),
      );
      const accounts = new Set(
        (data?.items ?? []).filter((pool) => pool.id === poolId).map((pool) => pool.accountId),
      );
      return accounts.size === 1 ? ([...accounts][0] as string) : null;
    },
  });
}

export async function fetchPoolDetail(
  accountId: string,
  poolId: string,
  signal?: AbortSignal,
): Promise<PoolDetail> {
  const { data, headers } = await ok(
    api.GET("/api/accounts/{accountId}/pools/{poolId}", { params: { path: { accountId, poolId } }, signal }),
  );
  const detail = await checked((d) => d.PoolDetailSchema, data);
  // The ETag is authoritative for If-Match; the body's version should equal it.
  const etag = headers.get("etag");
  return etag && etag !== detail.version ? { ...detail, version: etag } : detail;
}

/**
 * One pool. Each read re-reads the pool's destinations on the BFF, which re-judges the fleet rows
 * using them: the fleet list is stale afterwards, so it is invalidated (refetched when shown).
 */
/** `account`: the pool's account when the page's URL does not name it (the rollback page's record does). */
export function usePoolDetail(poolId: string, account?: string) {
  const queryClient = useQueryClient();
  const fromUrl = usePoolAccount();
  const accountId = account ?? fromUrl;
  return useQuery({
    queryKey: poolKeys.detail(accountId, poolId),
    // The account comes from the URL, or from /api/regions for the console's own: wait for it.
    enabled: accountId !== "",
    queryFn: async ({ signal }) => {
      const detail = await fetchPoolDetail(accountId, poolId, signal);
      void queryClient.invalidateQueries({ queryKey: poolKeys.lists() });
      return detail;
    },
  });
}

export async function fetchPreview(
  accountId: string,
  poolId: string,
  eventSource: EventSource,
  destination: Destination,
  signal?: AbortSignal,
): Promise<PreviewResponse> {
  const { data } = await ok(
    api.POST("/api/accounts/{accountId}/pools/{poolId}/log-delivery/{eventSource}/preview", {
      params: { path: { accountId, poolId, eventSource } },
      body: { destination },
      signal,
    }),
  );
  return checked((d) => d.PreviewResponseSchema, data);
}

/**
 * The preview is a read (POST only because it carries a body). It is kept as reviewed: no background
 * refetch, so the diff the admin approves is the one the apply is checked against (its `version`).
 */
const AS_REVIEWED = {
  staleTime: Number.POSITIVE_INFINITY,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  retry: false,
} as const;

export function previewQuery(
  accountId: string,
  poolId: string,
  eventSource: EventSource,
  destination: Destination,
) {
  return queryOptions({
    queryKey: poolKeys.preview(accountId, poolId, eventSource, destination.kind, destination.arn),
    queryFn: ({ signal }) => fetchPreview(accountId, poolId, eventSource, destination, signal),
    ...AS_REVIEWED,
  });
}

/** The preview of a chosen destination; nothing is asked before one is chosen. */
export function usePreview(poolId: string, eventSource: EventSource, destination: Destination | null) {
  const accountId = usePoolAccount();
  return useQuery({
    queryKey:
      destination === null
        ? poolKeys.previews(accountId, poolId)
        : poolKeys.preview(accountId, poolId, eventSource, destination.kind, destination.arn),
    queryFn:
      destination === null
        ? skipToken
        : ({ signal }: { signal: AbortSignal }) =>
            fetchPreview(accountId, poolId, eventSource, destination, signal),
    ...AS_REVIEWED,
  });
}
