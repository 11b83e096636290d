import type { AuditFilter, AuditListResponse } from "@clc/domain";
import { useInfiniteQuery } from "@tanstack/react-query";
import { type ApiPath, api, ok, type paths, serializeQuery } from "../client.ts";
import { checked } from "../http.ts";
import { auditKeys } from "./keys.ts";

export { auditKeys };

/** The filter without its empty fields (a cleared input means "any"), in the filter's order. */
function filterQuery(filter: AuditFilter): AuditFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => typeof value === "string" && value !== ""),
  ) as AuditFilter;
}

type AuditExportQuery = NonNullable<paths["/api/audit/export"]["get"]["parameters"]["query"]>;

/** Typed against the contract: the download path must be one the BFF serves. */
const AUDIT_EXPORT_PATH = "/api/audit/export" satisfies ApiPath;

export async function fetchAuditPage(
  filter: AuditFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditListResponse> {
  const query = { ...filterQuery(filter), ...(cursor ? { cursor } : {}), limit: 50 };
  const { data } = await ok(api.GET("/api/audit", { params: { query }, signal }));
  return checked((d) => d.AuditListResponseSchema, data);
}

/** The download URL of every record matching the filter; the browser sends the session cookie. */
export function auditExportUrl(filter: AuditFilter, format: "csv" | "json"): string {
  const query: AuditExportQuery = { ...filterQuery(filter), format };
  return `${AUDIT_EXPORT_PATH}?${serializeQuery(query)}`;
}

export function useAuditRecords(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) => fetchAuditPage(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
