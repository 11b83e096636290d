/**
 * Export as code and the findings reports (BFF features/export): one pool's file, a selection's
 * file (the fleet's filters), and the findings download's URL.
 */
import type { CodeExport, CodeFormat, TerraformDestinationMode } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import type { FleetFilters } from "../../fleet/fleet-filters.ts";
import { toPoolListQuery } from "../../fleet/fleet-filters.ts";
import { type ApiPath, api, ok, type paths, serializeQuery } from "../client.ts";
import { checked } from "../http.ts";

export const exportKeys = {
  pool: (accountId: string, poolId: string, format: CodeFormat, destinations: TerraformDestinationMode) =>
    ["export", accountId, poolId, format, destinations] as const,
};

export async function fetchPoolExport(
  accountId: string,
  poolId: string,
  format: CodeFormat,
  destinations: TerraformDestinationMode,
  signal?: AbortSignal,
): Promise<CodeExport> {
  const { data } = await ok(
    api.GET("/api/accounts/{accountId}/pools/{poolId}/export", {
      params: { path: { accountId, poolId }, query: { format, destinations } },
      signal,
    }),
  );
  return checked((d) => d.CodeExportSchema, data);
}

/** One pool's file: read from AWS on every open of the dialog (never older than what AWS has). */
export function usePoolExport(
  accountId: string,
  poolId: string,
  format: CodeFormat,
  destinations: TerraformDestinationMode,
) {
  return useQuery({
    queryKey: exportKeys.pool(accountId, poolId, format, destinations),
    queryFn: ({ signal }) => fetchPoolExport(accountId, poolId, format, destinations, signal),
    staleTime: 0,
  });
}

type FleetFiltersBody = NonNullable<
  paths["/api/pools/export"]["post"]["requestBody"]
>["content"]["application/json"]["filters"];

/** The fleet's filters as the export routes take them (no sort or paging). */
function filtersOf(filters: FleetFilters): NonNullable<FleetFiltersBody> {
  const { sort: _sort, offset: _offset, limit: _limit, ...rest } = toPoolListQuery(filters, 0, 1);
  return rest as NonNullable<FleetFiltersBody>;
}

/** The pools the fleet's filters match, in one file. */
export async function fetchFleetExport(filters: FleetFilters, format: CodeFormat): Promise<CodeExport> {
  const { data } = await ok(
    api.POST("/api/pools/export", {
      params: { query: { format } },
      body: { filters: filtersOf(filters) },
    }),
  );
  return checked((d) => d.CodeExportSchema, data);
}

const FINDINGS_EXPORT_PATH = "/api/fleet/findings/export" satisfies ApiPath;

/** The findings download of the pools the filters match; the browser sends the session cookie. */
export function findingsExportUrl(filters: FleetFilters, format: "csv" | "json" | "asff"): string {
  return `${FINDINGS_EXPORT_PATH}?${serializeQuery({ ...filtersOf(filters), format })}`;
}

/** Hands a file to the browser as a download. */
export function saveFile(file: Pick<CodeExport, "content" | "filename" | "mediaType">): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mediaType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  // After this turn: the browser has started reading the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
