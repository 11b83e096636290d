import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { type FleetFilters, filtersFromSearchParams, searchParamsFromFilters } from "./fleet-filters.ts";

/** Fleet filters backed by the URL: links, reloads and back/forward all restore the same view. */
export function useFleetFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialized key is the identity of the params
  const filters = useMemo(() => filtersFromSearchParams(searchParams), [key]);
  const setFilters = useCallback(
    (change: Partial<FleetFilters>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => searchParamsFromFilters({ ...filtersFromSearchParams(current), ...change }),
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );
  return { filters, setFilters };
}
