import { Link } from "react-router";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { type FleetFilters, searchParamsFromFilters } from "../../fleet/fleet-filters.ts";

/** On the fleet page: plan a batch on the pools its filter matches (admins only). */
export function BatchFromFleetLink({ filters }: { filters: FleetFilters }) {
  if (!useCanWrite()) return null;
  const params = searchParamsFromFilters(filters);
  params.delete("sort");
  return (
    <Link className="button" to={`/batches/new${params.size > 0 ? `?${params}` : ""}`}>
      Apply a change to these pools
    </Link>
  );
}
