import type { PoolListQuerySchema, PoolSummary } from "@clc/domain";
import type { z } from "zod";

export type PoolListFilter = z.output<typeof PoolListQuerySchema>;

const SEVERITY_RANK = { block: 2, warn: 1 } as const;
const TIER_RANK = { LITE: 0, ESSENTIALS: 1, PLUS: 2 } as const;
const THREAT_RANK = { OFF: 0, AUDIT: 1, ENFORCED: 2 } as const;

/**
 * Filters and sorts the fleet rows for the list view. Rows whose details are unknown never match a
 * filter on those details; they sort last whatever the direction, so they do not crowd the top.
 */
export function filterAndSortPools(rows: readonly PoolSummary[], query: PoolListFilter): PoolSummary[] {
  const regions =
    query.region === undefined ? null : new Set(Array.isArray(query.region) ? query.region : [query.region]);
  const text = query.q?.trim().toLowerCase() ?? "";
  const matching = rows.filter((row) => {
    if (regions && !regions.has(row.region)) return false;
    if (text && !row.name.toLowerCase().includes(text) && !row.id.toLowerCase().includes(text)) return false;
    if (query.tier && row.tier !== query.tier) return false;
    const exporting = row.logging.userNotification !== null || row.logging.userAuthEvents !== null;
    if (query.exporting === "none" && (exporting || row.readState !== "ok")) return false;
    if (query.exporting === "any" && !exporting) return false;
    if (query.hasWarnings !== undefined && row.findings.count > 0 !== query.hasWarnings) return false;
    if (
      query.destinationKind &&
      row.logging.userNotification?.kind !== query.destinationKind &&
      row.logging.userAuthEvents?.kind !== query.destinationKind
    ) {
      return false;
    }
    return true;
  });

  const descending = query.sort.startsWith("-");
  const key = (descending ? query.sort.slice(1) : query.sort) as
    | "name"
    | "id"
    | "region"
    | "tier"
    | "threatProtection"
    | "findings";
  const rank = (row: PoolSummary): number | string | null => {
    switch (key) {
      case "name":
        return row.name.toLowerCase();
      case "id":
        return row.id;
      case "region":
        return row.region;
      case "tier":
        return row.tier === null ? null : TIER_RANK[row.tier];
      case "threatProtection":
        return row.threatProtection === null ? null : THREAT_RANK[row.threatProtection];
      case "findings":
        return row.readState !== "ok"
          ? null
          : (row.findings.worst ? SEVERITY_RANK[row.findings.worst] : 0) * 10_000 + row.findings.count;
    }
  };
  return matching
    .map((row) => ({ row, value: rank(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.row.id.localeCompare(b.row.id);
        return a.value === null ? 1 : -1;
      }
      const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return (descending ? -order : order) || a.row.id.localeCompare(b.row.id);
    })
    .map(({ row }) => row);
}
