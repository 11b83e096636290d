import type { ExemptionInput, Standard } from "@clc/domain";
import type { QueryClient } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { useWrite } from "../mutation.ts";
import { poolKeys } from "../pools/keys.ts";
import { standardKeys } from "./keys.ts";

/** A change of the standard or an exemption changes every pool's compliance (and the filtered lists). */
async function afterChange(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: standardKeys.all }),
    queryClient.invalidateQueries({ queryKey: poolKeys.lists() }),
  ]);
}

export async function saveStandard({ standard, etag }: { standard: Standard; etag: string }) {
  const { data } = await ok(
    api.PUT("/api/standard", { params: { header: { "if-match": etag } }, body: standard }),
  );
  return data;
}

export function useSaveStandard() {
  return useWrite(saveStandard, afterChange);
}

export async function createExemption(input: ExemptionInput) {
  const { data } = await ok(api.POST("/api/standard/exemptions", { body: input }));
  return data;
}

export function useCreateExemption() {
  return useWrite(createExemption, afterChange);
}

export async function deleteExemption({ id, revision }: { id: string; revision: number }) {
  await ok(
    api.DELETE("/api/standard/exemptions/{id}", {
      params: { path: { id }, header: { "if-match": `"exemption-r${revision}"` } },
    }),
  );
  return null;
}

export function useDeleteExemption() {
  return useWrite(deleteExemption, afterChange);
}
