import {
  type CreationInputDraft,
  type CreationPlan,
  type CreationRun,
  PlanResponseSchema,
  RunResponseSchema,
} from "@clc/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { checked, request } from "../http.ts";
import { creationKeys } from "./keys.ts";

export async function planDestination(input: CreationInputDraft): Promise<CreationPlan> {
  const { data } = await request<unknown>("/api/destinations/plan", { method: "POST", body: input });
  return checked(PlanResponseSchema, data).plan;
}

export function usePlanDestination() {
  return useMutation({ mutationFn: planDestination });
}

export interface StartRunVariables {
  input: CreationInputDraft;
  /** Resume this run after a failure. */
  runId?: string;
}

export async function startRun({ input, runId }: StartRunVariables): Promise<CreationRun> {
  const { data } = await request<unknown>("/api/destinations/runs", {
    method: "POST",
    body: runId === undefined ? { input } : { input, runId },
  });
  return checked(RunResponseSchema, data).run;
}

/** The answer seeds the run's query, which then polls until the run stops. */
export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startRun,
    onSuccess: (run) => queryClient.setQueryData(creationKeys.run(run.id), run),
  });
}

export async function cleanUpRun(runId: string): Promise<CreationRun> {
  const { data } = await request<unknown>(`/api/destinations/runs/${encodeURIComponent(runId)}/cleanup`, {
    method: "POST",
  });
  return checked(RunResponseSchema, data).run;
}

export function useCleanUpRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cleanUpRun,
    onSuccess: (run) => queryClient.setQueryData(creationKeys.run(run.id), run),
  });
}
