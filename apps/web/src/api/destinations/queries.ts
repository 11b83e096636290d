import type { DestinationKind, DestinationListQuery, DestinationListResponse } from "@clc/domain";
import { keepPreviousData, skipToken, useInfiniteQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { destinationKeys } from "./keys.ts";

export const DESTINATION_PAGE_SIZE = 50;

export async function fetchDestinations(
  query: DestinationListQuery,
  signal?: AbortSignal,
): Promise<DestinationListResponse> {
  const { data } = await ok(
    api.GET("/api/destinations", {
      params: {
        query: {
          region: query.region,
          kind: query.kind,
          ...(query.account ? { account: query.account } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.cursor ? { cursor: query.cursor } : {}),
          // The domain's query type is the schema's input, where `limit` may be a string to coerce.
          ...(query.limit === undefined ? {} : { limit: Number(query.limit) }),
        },
      },
      signal,
    }),
  );
  return checked((d) => d.DestinationListResponseSchema, data);
}

/**
 * Discovered destinations of one kind in the pool's account and region, a page at a time ("Load
 * more"). The account is the pool's: delivery must go to its own account (rules doc §2.5), and
 * without it the BFF lists the console's own account's.
 */
export function useDestinations(accountId: string, region: string, kind: DestinationKind | null, q: string) {
  return useInfiniteQuery({
    queryKey: destinationKeys.list(accountId, region, kind ?? "logGroup", q),
    queryFn:
      kind !== null && region !== ""
        ? ({ pageParam, signal }) =>
            fetchDestinations(
              {
                account: accountId,
                region,
                kind,
                q: q || undefined,
                cursor: pageParam ?? undefined,
                limit: DESTINATION_PAGE_SIZE,
              },
              signal,
            )
        : skipToken,
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}
