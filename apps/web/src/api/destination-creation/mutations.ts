import type { CreationInputDraft, CreationPlan, CreationRun } from "@clc/domain";
import { type QueryClient, useMutation } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { useWrite } from "../mutation.ts";
import { creationKeys } from "./keys.ts";

export interface PlanVariables {
  input: CreationInputDraft;
  /** Plan the resume of this run: what it created is its own, not someone else's. */
  runId?: string | undefined;
}

export async function planDestination({ input, runId }: PlanVariables): Promise<CreationPlan> {
  const { data } = await ok(
    api.POST("/api/destinations/plan", {
      params: { query: runId === undefined ? {} : { runId } },
      body: input,
    }),
  );
  return (await checked((d) => d.PlanResponseSchema, data)).plan;
}

export function usePlanDestination() {
  return useMutation({ mutationFn: planDestination });
}

export interface StartRunVariables {
  input: CreationInputDraft;
  /** Resume this run after a failure. */
  runId?: string | undefined;
  /** The token of the plan the user saw and confirmed: the BFF refuses the run if the plan changed. */
  planToken: string | null;
}

export async function startRun({ input, runId, planToken }: StartRunVariables): Promise<CreationRun> {
  const { data } = await ok(
    api.POST("/api/destinations/runs", {
      body: {
        input,
        ...(runId === undefined ? {} : { runId }),
        ...(planToken === null ? {} : { planToken }),
      },
    }),
  );
  return (await checked((d) => d.RunResponseSchema, data)).run;
}

/** A run as the BFF answered it seeds the run's query (which then polls until the run stops), and the list of runs is stale. */
function afterRunWrite(queryClient: QueryClient, run: CreationRun): void {
  queryClient.setQueryData(creationKeys.run(run.id), run);
  void queryClient.invalidateQueries({ queryKey: creationKeys.runs });
}

export function useStartRun() {
  return useWrite(startRun, afterRunWrite);
}

export async function cleanUpRun(runId: string): Promise<CreationRun> {
  const { data } = await ok(
    api.POST("/api/destinations/runs/{id}/cleanup", { params: { path: { id: runId } } }),
  );
  return (await checked((d) => d.RunResponseSchema, data)).run;
}

export function useCleanUpRun() {
  return useWrite(cleanUpRun, afterRunWrite);
}
