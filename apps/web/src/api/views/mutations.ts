import type { CreateSavedViewBody, SavedView } from "@clc/domain";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { viewKeys } from "./keys.ts";

export async function createSavedView(body: CreateSavedViewBody): Promise<SavedView> {
  const { data } = await ok(api.POST("/api/views", { body }));
  return checked((d) => d.SavedViewSchema, data);
}

export async function renameSavedView(change: { id: string; name: string }): Promise<SavedView> {
  const { data } = await ok(
    api.PATCH("/api/views/{viewId}", {
      params: { path: { viewId: change.id } },
      body: { name: change.name },
    }),
  );
  return checked((d) => d.SavedViewSchema, data);
}

export async function deleteSavedView(id: string): Promise<void> {
  await ok(api.DELETE("/api/views/{viewId}", { params: { path: { viewId: id } } }));
}

const reloadViews = (queryClient: Parameters<Parameters<typeof useWrite>[1]>[0]) =>
  queryClient.invalidateQueries({ queryKey: viewKeys.all });

export const useCreateSavedView = () => useWrite(createSavedView, reloadViews);
export const useRenameSavedView = () => useWrite(renameSavedView, reloadViews);
export const useDeleteSavedView = () => useWrite(deleteSavedView, reloadViews);
