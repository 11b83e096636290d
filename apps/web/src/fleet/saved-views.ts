import { type FleetFilters, filtersFromSearchParams, searchParamsFromFilters } from "./fleet-filters.ts";

/**
 * What a saved view keeps of the fleet: its URL's search parameters (filters and sort), in the
 * short form the URL uses (defaults left out), as the BFF's `SavedViewParamsSchema` takes them.
 */
export function viewParamsFromFilters(filters: FleetFilters): Record<string, string> {
  return Object.fromEntries(searchParamsFromFilters(filters));
}

/**
 * The fleet URL's search (`?tier=PLUS&sort=-name`, or "" for the default view) that applies a
 * view: read through the same parser as the URL, so a parameter the fleet no longer knows is dropped.
 */
export function viewSearch(params: Record<string, string>): string {
  const search = searchParamsFromFilters(filtersFromSearchParams(new URLSearchParams(params))).toString();
  return search ? `?${search}` : "";
}

/** Whether the fleet shows exactly this view now (same filters and sort, whatever their order). */
export function isCurrentView(params: Record<string, string>, filters: FleetFilters): boolean {
  return viewSearch(params) === viewSearch(viewParamsFromFilters(filters));
}
