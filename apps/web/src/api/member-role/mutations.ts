import { type ConnectionTestResult, ConnectionTestResultSchema } from "@clc/domain";
import { useMutation } from "@tanstack/react-query";
import { api, ok } from "../client.ts";
import { checked } from "../http.ts";

/** Tests the console's own account in `region` (the first shown when undefined); admins only. */
export async function testConnection(region?: string): Promise<ConnectionTestResult> {
  const { data } = await ok(
    api.POST("/api/accounts/connection-test", { params: { query: region ? { region } : {} } }),
  );
  return checked(ConnectionTestResultSchema, data);
}

/** A POST (it calls AWS on demand), but it changes nothing: no cache to update afterwards. */
export function useConnectionTest() {
  return useMutation({ mutationFn: testConnection });
}
