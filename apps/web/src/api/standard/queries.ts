import type { ComplianceState, StandardDocument, StandardEvaluationResponse } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";
import { standardKeys } from "./keys.ts";

/** The standard with the ETag it was read at (sent back in If-Match to change it). */
export interface StandardRead extends StandardDocument {
  etag: string;
}

export async function fetchStandard(signal?: AbortSignal): Promise<StandardRead> {
  const { data, headers } = await ok(api.GET("/api/standard", { signal }));
  const document = await checked((d) => d.StandardDocumentSchema, data);
  return { ...document, etag: headers.get("etag") ?? `"standard-r${document.revision}"` };
}

export function useStandard() {
  return useQuery({ queryKey: standardKeys.document, queryFn: ({ signal }) => fetchStandard(signal) });
}

export async function fetchExemptions(signal?: AbortSignal) {
  const { data } = await ok(api.GET("/api/standard/exemptions", { signal }));
  return (await checked((d) => d.ExemptionListResponseSchema, data)).items;
}

export function useExemptions() {
  return useQuery({ queryKey: standardKeys.exemptions, queryFn: ({ signal }) => fetchExemptions(signal) });
}

/** Each pool against the standard (counts, and the pools of `state`), judged on the fleet's cached rows. */
export async function fetchEvaluation(
  state: ComplianceState | null,
  signal?: AbortSignal,
): Promise<StandardEvaluationResponse> {
  const query = state ? { state, limit: 500 } : { limit: 1 };
  const { data } = await ok(api.GET("/api/standard/evaluation", { params: { query }, signal }));
  return checked((d) => d.StandardEvaluationResponseSchema, data);
}

/** `refetchWhile`: re-read while the fleet is being read (its rows change the counts). */
export function useEvaluation(state: ComplianceState | null, refetchWhile = false) {
  return useQuery({
    queryKey: standardKeys.evaluation(state),
    queryFn: ({ signal }) => fetchEvaluation(state, signal),
    refetchInterval: refetchWhile ? 2000 : false,
  });
}
