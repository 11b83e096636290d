/**
 * The fleet as shown, to take elsewhere: every pool matching the current filters, in the current
 * sort, as CSV (for a spreadsheet: cells cannot run as formulas) or JSON (every field exactly).
 */
import {
  csvLine,
  DESTINATION_KIND_LABELS,
  type PoolSummary,
  THREAT_PROTECTION_LABELS,
  TIER_LABELS,
} from "@clc/domain";
import { fetchPoolPage } from "../api/pools/queries.ts";
import type { FleetFilters } from "./fleet-filters.ts";

export type FleetExportFormat = "csv" | "json";

/** The BFF's largest page (PoolListQuerySchema's `limit`). */
const EXPORT_PAGE_SIZE = 500;

const CSV_HEADER = [
  "name",
  "id",
  "region",
  "accountId",
  "accountName",
  "ouPath",
  "tier",
  "threatProtection",
  "userNotificationKind",
  "userNotificationArn",
  "userAuthEventsKind",
  "userAuthEventsArn",
  "findings",
  "worstFinding",
  "readState",
] as const;

/** The pools as CSV (RFC 4180, CRLF), one row per pool in the given order, labels as the table shows them. */
export function fleetCsv(pools: readonly PoolSummary[]): string {
  const lines = [csvLine(CSV_HEADER)];
  for (const pool of pools) {
    const { userNotification, userAuthEvents } = pool.logging;
    lines.push(
      csvLine([
        pool.name,
        pool.id,
        pool.region,
        pool.accountId,
        pool.accountName,
        pool.ouPath ?? "",
        pool.tier ? TIER_LABELS[pool.tier] : "",
        pool.threatProtection ? THREAT_PROTECTION_LABELS[pool.threatProtection] : "",
        userNotification ? DESTINATION_KIND_LABELS[userNotification.kind] : "",
        userNotification?.arn ?? "",
        userAuthEvents ? DESTINATION_KIND_LABELS[userAuthEvents.kind] : "",
        userAuthEvents?.arn ?? "",
        pool.readState === "ok" ? pool.findings.count : "",
        pool.findings.worst ?? "",
        pool.readState,
      ]),
    );
  }
  return lines.join("");
}

/** The pools as the API gives them, pretty-printed. */
export function fleetJson(pools: readonly PoolSummary[]): string {
  return `${JSON.stringify(pools, null, 2)}\n`;
}

/**
 * Every pool the table lists for `filters` (its filters and sort), read page by page from the BFF:
 * the table only holds the pages scrolled through. `fetchPage` is the BFF call (replaced in tests).
 */
export async function fleetAsShown(
  filters: FleetFilters,
  fetchPage: typeof fetchPoolPage = fetchPoolPage,
): Promise<PoolSummary[]> {
  const pools: PoolSummary[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE_SIZE) {
    const page = await fetchPage(filters, offset, EXPORT_PAGE_SIZE);
    pools.push(...page.items);
    if (page.items.length < EXPORT_PAGE_SIZE || pools.length >= page.total) return pools;
  }
}

/** The file's name: `user-pools-<UTC time>.<format>`, e.g. user-pools-20260130T120501Z.csv. */
export function fleetExportName(format: FleetExportFormat, now: Date): string {
  const stamp = now
    .toISOString()
    .replaceAll(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `user-pools-${stamp}.${format}`;
}

/** Reads the fleet as shown and hands it to the browser as a download. */
export async function downloadFleet(filters: FleetFilters, format: FleetExportFormat): Promise<void> {
  const pools = await fleetAsShown(filters);
  const body = format === "csv" ? fleetCsv(pools) : fleetJson(pools);
  const type = format === "csv" ? "text/csv;charset=utf-8" : "application/json;charset=utf-8";
  const url = URL.createObjectURL(new Blob([body], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fleetExportName(format, new Date());
  document.body.append(link);
  link.click();
  link.remove();
  // After this turn: the browser has started reading the blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
