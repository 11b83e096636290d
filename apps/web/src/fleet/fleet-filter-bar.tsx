import { DESTINATION_KIND_LABELS, DESTINATION_KINDS, POOL_TIERS, TIER_LABELS } from "@clc/domain";
import { useEffect, useId, useState } from "react";
import { useRegions } from "../api/regions/queries.ts";
import { CLEARED_FILTERS, type FleetFilters, hasActiveFilters } from "./fleet-filters.ts";

const SEARCH_DEBOUNCE_MS = 250;

export function FleetFilterBar({
  filters,
  setFilters,
}: {
  filters: FleetFilters;
  setFilters: (change: Partial<FleetFilters>, options?: { replace?: boolean }) => void;
}) {
  const regions = useRegions();
  const id = useId();
  const [searchDraft, setSearchDraft] = useState(filters.q);

  // Back/forward or a cleared filter changes the URL under us: follow it.
  useEffect(() => setSearchDraft(filters.q), [filters.q]);

  useEffect(() => {
    if (searchDraft === filters.q) return;
    const timer = window.setTimeout(
      // Typing replaces the history entry so Back leaves the search instead of undoing keystrokes.
      () => setFilters({ q: searchDraft }, { replace: true }),
      SEARCH_DEBOUNCE_MS,
    );
    return () => window.clearTimeout(timer);
  }, [searchDraft, filters.q, setFilters]);

  return (
    <search className="filter-bar" aria-label="Filter pools">
      <div className="field field-search">
        <label htmlFor={`${id}-q`}>Search pools</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Name or pool id"
          value={searchDraft}
          onChange={(event) => setSearchDraft(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-region`}>Region</label>
        <select
          id={`${id}-region`}
          value={filters.region ?? ""}
          onChange={(event) => setFilters({ region: event.target.value || null })}
        >
          <option value="">All regions</option>
          {(regions.data?.regions ?? []).map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
          {filters.region && !regions.data?.regions.includes(filters.region) && (
            <option value={filters.region}>{filters.region}</option>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tier`}>Tier</label>
        <select
          id={`${id}-tier`}
          value={filters.tier ?? ""}
          onChange={(event) =>
            setFilters({ tier: POOL_TIERS.find((tier) => tier === event.target.value) ?? null })
          }
        >
          <option value="">All tiers</option>
          {POOL_TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {TIER_LABELS[tier]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Destination kind</label>
        <select
          id={`${id}-kind`}
          value={filters.destinationKind ?? ""}
          onChange={(event) =>
            setFilters({
              destinationKind: DESTINATION_KINDS.find((kind) => kind === event.target.value) ?? null,
            })
          }
        >
          <option value="">Any destination</option>
          {DESTINATION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {DESTINATION_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div className="field-checks">
        <label className="check">
          <input
            type="checkbox"
            checked={filters.notExporting}
            onChange={(event) => setFilters({ notExporting: event.target.checked })}
          />
          Not exporting anything
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.hasWarnings}
            onChange={(event) => setFilters({ hasWarnings: event.target.checked })}
          />
          Has warnings
        </label>
      </div>
      {hasActiveFilters(filters) && (
        <button type="button" className="button button-link" onClick={() => setFilters(CLEARED_FILTERS)}>
          Clear filters
        </button>
      )}
    </search>
  );
}
