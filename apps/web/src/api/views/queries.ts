import type { SavedViewList } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { viewKeys } from "./keys.ts";

export async function fetchSavedViews(signal?: AbortSignal): Promise<SavedViewList> {
  const { data } = await ok(api.GET("/api/views", { signal }));
  return checked((d) => d.SavedViewListSchema, data);
}

/** The signed-in operator's views and everyone's shared ones. */
export function useSavedViews(enabled = true) {
  return useQuery({ queryKey: viewKeys.list(), queryFn: ({ signal }) => fetchSavedViews(signal), enabled });
}
