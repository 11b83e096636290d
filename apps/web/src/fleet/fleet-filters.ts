import type {
  ComplianceState,
  DeliveryState,
  DestinationKind,
  EventSource,
  PoolListQuery,
  PoolTier,
} from "@clc/domain";
// Not the package root: it loads every zod schema, which the first screen does not need.
import { COMPLIANCE_STATES, DESTINATION_KINDS, POOL_SORT_KEYS, POOL_TIERS } from "@clc/domain/vocabulary";
import { DELIVERY_FILTER_SOURCES, DELIVERY_FILTER_STATES } from "./delivery-filter.ts";

type PoolSortKey = (typeof POOL_SORT_KEYS)[number];
export type PoolSort = PoolSortKey | `-${PoolSortKey}`;

/** The fleet table's filters exactly as the URL holds them; the URL is the source of truth. */
export interface FleetFilters {
  region: string | null;
  /** An account id (12 digits). */
  account: string | null;
  /** An OU path; matches the accounts in it and under it. */
  ou: string | null;
  q: string;
  tier: PoolTier | null;
  notExporting: boolean;
  hasWarnings: boolean;
  destinationKind: DestinationKind | null;
  /** Pools with an event source (`deliverySource`, else either) in this delivery state. */
  delivery: DeliveryState | null;
  deliverySource: EventSource | null;
  /** The pool's state against the logging standard. */
  compliance: ComplianceState | null;
  sort: PoolSort;
}

export const DEFAULT_SORT: PoolSort = "name";

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function parseSort(value: string | null): PoolSort {
  if (!value) return DEFAULT_SORT;
  const key = value.startsWith("-") ? value.slice(1) : value;
  return oneOf(POOL_SORT_KEYS, key) ? (value as PoolSort) : DEFAULT_SORT;
}

/** Reads filters from the URL, ignoring values it does not know (a hand-edited link must not break the page). */
export function filtersFromSearchParams(params: URLSearchParams): FleetFilters {
  const region = params.get("region");
  return {
    region: region && /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region) ? region : null,
    account: /^\d{12}$/.test(params.get("account") ?? "") ? params.get("account") : null,
    ou: params.get("ou")?.slice(0, 500) || null,
    q: (params.get("q") ?? "").slice(0, 200),
    tier: oneOf(POOL_TIERS, params.get("tier")),
    notExporting: params.get("exporting") === "none",
    hasWarnings: params.get("hasWarnings") === "true",
    destinationKind: oneOf(DESTINATION_KINDS, params.get("destinationKind")),
    delivery: oneOf(DELIVERY_FILTER_STATES, params.get("delivery")),
    deliverySource: oneOf(DELIVERY_FILTER_SOURCES, params.get("deliverySource")),
    compliance: oneOf(COMPLIANCE_STATES, params.get("compliance")),
    sort: parseSort(params.get("sort")),
  };
}

/** The URL form of the filters; defaults are left out so links stay short. */
export function searchParamsFromFilters(filters: FleetFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.region) params.set("region", filters.region);
  if (filters.account) params.set("account", filters.account);
  if (filters.ou) params.set("ou", filters.ou);
  if (filters.q.trim()) params.set("q", filters.q);
  if (filters.tier) params.set("tier", filters.tier);
  if (filters.notExporting) params.set("exporting", "none");
  if (filters.hasWarnings) params.set("hasWarnings", "true");
  if (filters.destinationKind) params.set("destinationKind", filters.destinationKind);
  if (filters.delivery) params.set("delivery", filters.delivery);
  if (filters.deliverySource) params.set("deliverySource", filters.deliverySource);
  if (filters.compliance) params.set("compliance", filters.compliance);
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** Every filter off; the sort is kept, as it is not a filter. */
export const CLEARED_FILTERS: Omit<FleetFilters, "sort"> = {
  region: null,
  account: null,
  ou: null,
  q: "",
  tier: null,
  notExporting: false,
  hasWarnings: false,
  destinationKind: null,
  delivery: null,
  deliverySource: null,
  compliance: null,
};

export function hasActiveFilters(filters: FleetFilters): boolean {
  return Boolean(
    filters.region ||
      filters.account ||
      filters.ou ||
      filters.q.trim() ||
      filters.tier ||
      filters.notExporting ||
      filters.hasWarnings ||
      filters.destinationKind ||
      filters.delivery ||
      filters.compliance,
  );
}

/** The API query for one page of the fleet table. */
export function toPoolListQuery(filters: FleetFilters, offset: number, limit: number): PoolListQuery {
  const query: PoolListQuery = { sort: filters.sort, offset, limit };
  if (filters.region) query.region = filters.region;
  if (filters.account) query.account = filters.account;
  if (filters.ou) query.ou = filters.ou;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.tier) query.tier = filters.tier;
  if (filters.notExporting) query.exporting = "none";
  if (filters.hasWarnings) query.hasWarnings = "true";
  if (filters.destinationKind) query.destinationKind = filters.destinationKind;
  if (filters.delivery) query.delivery = filters.delivery;
  if (filters.delivery && filters.deliverySource) query.deliverySource = filters.deliverySource;
  if (filters.compliance) query.compliance = filters.compliance;
  return query;
}

/** Serializes an API query into the query string the BFF parses. */
export function poolListQueryString(query: PoolListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  return params.toString();
}

/** Next sort when a column header is clicked: ascending first, then descending. */
export function nextSort(current: PoolSort, key: PoolSortKey): PoolSort {
  if (current === key) return `-${key}`;
  return key;
}

export function sortDirection(current: PoolSort, key: PoolSortKey): "ascending" | "descending" | "none" {
  if (current === key) return "ascending";
  if (current === `-${key}`) return "descending";
  return "none";
}
