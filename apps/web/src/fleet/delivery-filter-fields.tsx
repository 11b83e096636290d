import { EVENT_SOURCE_LABELS } from "@clc/domain/labels";
import { SelectField } from "../components/form-field.tsx";
import { DELIVERY_STATE_LABELS } from "../pages/pool-delivery/labels.ts";
import { DELIVERY_FILTER_SOURCES, DELIVERY_FILTER_STATES } from "./delivery-filter.ts";
import type { FleetFilters } from "./fleet-filters.ts";

/** The fleet filter bar's delivery fields: a state, and which event source must be in it. */
export function DeliveryFilterFields({
  id,
  filters,
  setFilters,
}: {
  id: string;
  filters: FleetFilters;
  setFilters: (change: Partial<FleetFilters>) => void;
}) {
  return (
    <>
      <SelectField
        id={`${id}-delivery`}
        label="Delivery"
        values={DELIVERY_FILTER_STATES}
        labels={DELIVERY_STATE_LABELS}
        empty="Any delivery state"
        value={filters.delivery ?? ""}
        onChoose={(delivery) => setFilters({ delivery })}
      />
      {filters.delivery && (
        <SelectField
          id={`${id}-delivery-source`}
          label="Of"
          values={DELIVERY_FILTER_SOURCES}
          labels={EVENT_SOURCE_LABELS}
          empty="Either event source"
          value={filters.deliverySource ?? ""}
          onChoose={(deliverySource) => setFilters({ deliverySource })}
        />
      )}
    </>
  );
}
