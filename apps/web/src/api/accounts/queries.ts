import type { AccountsResponse, ConnectionTestResult } from "@clc/domain";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";

export const accountKeys = { all: ["accounts"] as const };

export async function fetchAccounts(signal?: AbortSignal): Promise<AccountsResponse> {
  const { data } = await ok(api.GET("/api/accounts", { signal }));
  return checked((d) => d.AccountsResponseSchema, data);
}

/** The accounts the console reads, with each one's status from the last fleet read. */
export function useAccounts() {
  return useQuery({ queryKey: accountKeys.all, queryFn: ({ signal }) => fetchAccounts(signal) });
}

export async function testConnection(accountId: string): Promise<ConnectionTestResult> {
  const { data } = await ok(
    api.POST("/api/accounts/{accountId}/connection-test", { params: { path: { accountId } } }),
  );
  return checked((d) => d.ConnectionTestResultSchema, data);
}

/** One account's connection test (admins: its probes spend the account's quotas). */
export function useConnectionTest() {
  return useMutation({ mutationFn: testConnection });
}
