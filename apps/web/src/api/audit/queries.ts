import { type AuditFilter, type AuditListResponse, AuditListResponseSchema } from "@clc/domain";
import { useInfiniteQuery } from "@tanstack/react-query";
import { checked, request } from "../http.ts";

export const auditKeys = {
  all: ["audit"] as const,
  list: (filter: AuditFilter) => ["audit", "list", filter] as const,
};

function filterParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) {
    if (typeof value === "string" && value !== "") params.set(name, value);
  }
  return params;
}

export async function fetchAuditPage(
  filter: AuditFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<AuditListResponse> {
  const params = filterParams(filter);
  if (cursor) params.set("cursor", cursor);
  params.set("limit", "50");
  const { data } = await request<unknown>(`/api/audit?${params}`, { signal });
  return checked(AuditListResponseSchema, data);
}

/** The download URL of every record matching the filter; the browser sends the session cookie. */
export function auditExportUrl(filter: AuditFilter, format: "csv" | "json"): string {
  const params = filterParams(filter);
  params.set("format", format);
  return `/api/audit/export?${params}`;
}

export function useAuditRecords(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    queryFn: ({ pageParam, signal }) => fetchAuditPage(filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
