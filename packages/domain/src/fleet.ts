/**
 * Fleet-view helpers shared by the BFF (over its cache of up to ~10,000 pools, on every request) and
 * the web app. Pure and linear apart from the one sort.
 */
import type { z } from "zod";
import type { PoolListQuerySchema, PoolSummary } from "./api.ts";
import type { Finding, Severity } from "./model.ts";
import { ROOT_OU_FILTER } from "./vocabulary.ts";

export type PoolListFilter = z.output<typeof PoolListQuerySchema>;
export type PoolSortKey = PoolListFilter["sort"];

const SEVERITY_RANK: Record<Severity, number> = { warn: 1, block: 2 };

export function summarizeFindings(findings: readonly Pick<Finding, "severity">[]): {
  count: number;
  worst: Severity | null;
} {
  let worst: Severity | null = null;
  for (const finding of findings) {
    if (worst === null || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst]) worst = finding.severity;
  }
  return { count: findings.length, worst };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
const TIER_RANK = { LITE: 0, ESSENTIALS: 1, PLUS: 2 } as const;
const THREAT_RANK = { OFF: 0, AUDIT: 1, ENFORCED: 2 } as const;

/** Sort value of a pool for a key; null sorts last whatever the direction. */
function sortValue(pool: PoolSummary, key: string): string | number | null {
  switch (key) {
    case "id":
      return pool.id;
    case "region":
      return pool.region;
    case "account":
      return pool.accountName;
    case "ou":
      return pool.ouPath;
    case "tier":
      return pool.tier === null ? null : TIER_RANK[pool.tier];
    case "threatProtection":
      return pool.threatProtection === null ? null : THREAT_RANK[pool.threatProtection];
    case "findings":
      // Worst severity first, then how many.
      return (
        (pool.findings.worst === null ? 0 : SEVERITY_RANK[pool.findings.worst]) * 1_000_000 +
        pool.findings.count
      );
    default:
      return pool.name;
  }
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

export function comparePools(
  sort: PoolSortKey | string = "name",
): (a: PoolSummary, b: PoolSummary) => number {
  const descending = sort.startsWith("-");
  const key = descending ? sort.slice(1) : sort;
  return (a, b) => {
    const va = sortValue(a, key);
    const vb = sortValue(b, key);
    if (va !== null || vb !== null) {
      if (va === null) return 1;
      if (vb === null) return -1;
      const primary = compareValues(va, vb);
      if (primary !== 0) return descending ? -primary : primary;
    }
    // Ties: by name then id, always ascending, so pages are stable.
    return (
      collator.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
      (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)
    );
  };
}

/** Whether a pool passes the list filters (everything but sort and paging). */
export function poolMatches(pool: PoolSummary, filter: Partial<PoolListFilter>): boolean {
  return makePoolPredicate(filter)(pool);
}

function makePoolPredicate(filter: Partial<PoolListFilter>): (pool: PoolSummary) => boolean {
  const q = filter.q?.trim().toLowerCase() ?? "";
  const regions =
    filter.region === undefined
      ? null
      : new Set(Array.isArray(filter.region) ? filter.region : [filter.region]);
  const accounts =
    filter.account === undefined
      ? null
      : new Set(Array.isArray(filter.account) ? filter.account : [filter.account]);
  const asked = filter.ou?.trim() ?? "";
  // `/` is the organization's root itself: the accounts directly under it (OU path ""). Any other
  // value is an OU path, a trailing slash ignored.
  const atRoot = asked === ROOT_OU_FILTER;
  const ou = atRoot ? "" : asked.replace(/\/+$/, "");
  const { tier, exporting, hasWarnings, destinationKind } = filter;
  return (pool) => {
    if (regions && !regions.has(pool.region)) return false;
    if (accounts && !accounts.has(pool.accountId)) return false;
    // An OU matches itself and everything under it; the root, only the accounts directly under it.
    if (atRoot && pool.ouPath !== "") return false;
    if (ou && pool.ouPath !== ou && !pool.ouPath?.startsWith(`${ou}/`)) return false;
    if (tier !== undefined && pool.tier !== tier) return false;
    const notification = pool.logging.userNotification;
    const activity = pool.logging.userAuthEvents;
    if (exporting === "none" && (notification !== null || activity !== null)) return false;
    if (exporting === "any" && notification === null && activity === null) return false;
    if (hasWarnings !== undefined && pool.findings.count > 0 !== hasWarnings) return false;
    if (
      destinationKind !== undefined &&
      notification?.kind !== destinationKind &&
      activity?.kind !== destinationKind
    ) {
      return false;
    }
    if (q && !pool.name.toLowerCase().includes(q) && !pool.id.toLowerCase().includes(q)) return false;
    return true;
  };
}

/**
 * Filters, sorts and pages pools as the pool list query asks; `total` counts matches before paging.
 * `also`: a filter whose facts live outside the rows (the delivery state, read after them).
 */
export function queryPools(
  pools: readonly PoolSummary[],
  filter: Partial<PoolListFilter> = {},
  also?: (pool: PoolSummary) => boolean,
): { items: PoolSummary[]; total: number; offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  const limit = Math.max(1, Math.floor(filter.limit ?? 100));
  const predicate = makePoolPredicate(filter);
  const matching = pools.filter(also ? (pool) => predicate(pool) && also(pool) : predicate);
  matching.sort(comparePools(filter.sort ?? "name"));
  return { items: matching.slice(offset, offset + limit), total: matching.length, offset, limit };
}
