import {
  type DestinationKind,
  type DestinationListQuery,
  type DestinationListResponse,
  DestinationListResponseSchema,
} from "@clc/domain";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { checked, request } from "../http.ts";
import { queryKeys } from "../query-keys.ts";

export const DESTINATION_PAGE_SIZE = 50;

export async function fetchDestinations(
  query: DestinationListQuery,
  signal?: AbortSignal,
): Promise<DestinationListResponse> {
  const params = new URLSearchParams({ region: query.region, kind: query.kind });
  if (query.q) params.set("q", query.q);
  if (query.cursor) params.set("cursor", query.cursor);
  if (query.limit !== undefined) params.set("limit", String(query.limit));
  const { data } = await request<unknown>(`/api/destinations?${params.toString()}`, { signal });
  return checked(DestinationListResponseSchema, data);
}

/** Discovered destinations of one kind in the pool's region, a page at a time ("Load more"). */
export function useDestinations(region: string, kind: DestinationKind | null, q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.destinations.list(region, kind ?? "logGroup", q),
    queryFn: ({ pageParam, signal }) => {
      if (!kind) throw new Error("Choose a destination kind first");
      return fetchDestinations(
        { region, kind, q: q || undefined, cursor: pageParam ?? undefined, limit: DESTINATION_PAGE_SIZE },
        signal,
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled: kind !== null && region !== "",
    placeholderData: keepPreviousData,
  });
}
