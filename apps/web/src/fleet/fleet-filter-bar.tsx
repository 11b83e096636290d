// Not the package root: it loads every zod schema, which the first screen does not need.
import { DESTINATION_KIND_LABELS, TIER_LABELS } from "@clc/domain/labels";
import { COMPLIANCE_STATES, DESTINATION_KINDS, POOL_TIERS, ROOT_OU_FILTER } from "@clc/domain/vocabulary";
import { useEffect, useId, useState } from "react";
import { useFleetStatus } from "../api/fleet/queries.ts";
import { useRegions } from "../api/regions/queries.ts";
import { SelectField } from "../components/form-field.tsx";
import { COMPLIANCE_LABELS } from "./compliance-labels.ts";
import { DeliveryFilterFields } from "./delivery-filter-fields.tsx";
import { CLEARED_FILTERS, type FleetFilters, hasActiveFilters } from "./fleet-filters.ts";

const SEARCH_DEBOUNCE_MS = 250;

export function FleetFilterBar({
  filters,
  setFilters,
}: {
  filters: FleetFilters;
  setFilters: (change: Partial<FleetFilters>, options?: { replace?: boolean }) => void;
}) {
  const regionsQuery = useRegions();
  const accounts = useFleetStatus().data?.accounts ?? [];
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

  const regions = regionsQuery.data?.regions ?? [];
  // A region in the URL that the BFF does not list stays shown, so the control tells the truth.
  const regionChoices =
    filters.region && !regions.includes(filters.region) ? [...regions, filters.region] : regions;

  // Several accounts: filters by account and by OU (an OU also matches the OUs under it).
  const accountChoices = accounts.map((a) => a.accountId).filter((a) => a !== "");
  if (filters.account && !accountChoices.includes(filters.account)) accountChoices.push(filters.account);
  const accountLabels = Object.fromEntries(
    accounts.map((a) => [a.accountId, a.name === a.accountId ? a.accountId : `${a.name} (${a.accountId})`]),
  );
  const ouPaths = [
    ...new Set(
      accounts.flatMap((a) =>
        a.ouPath ? a.ouPath.split("/").map((_, i, parts) => parts.slice(0, i + 1).join("/")) : [],
      ),
    ),
  ].sort();
  // The root first, when an account sits directly under it (the management account always does).
  const ouChoices = accounts.some((a) => a.ouPath === "") ? [ROOT_OU_FILTER, ...ouPaths] : ouPaths;
  if (filters.ou && !ouChoices.includes(filters.ou)) ouChoices.push(filters.ou);
  const ouLabels = { [ROOT_OU_FILTER]: "Root (accounts in no OU)" };

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
          // `/` focuses it from anywhere on the page (components/keyboard-shortcuts.tsx).
          data-search-shortcut=""
          aria-keyshortcuts="/"
        />
      </div>
      <SelectField
        id={`${id}-region`}
        label="Region"
        values={regionChoices}
        empty="All regions"
        value={filters.region ?? ""}
        onChoose={(region) => setFilters({ region })}
      />
      {accountChoices.length > 1 && (
        <SelectField
          id={`${id}-account`}
          label="Account"
          values={accountChoices}
          labels={accountLabels}
          empty="All accounts"
          value={filters.account ?? ""}
          onChoose={(account) => setFilters({ account })}
        />
      )}
      {ouChoices.length > 0 && (
        <SelectField
          id={`${id}-ou`}
          label="OU"
          values={ouChoices}
          labels={ouLabels}
          empty="All OUs"
          value={filters.ou ?? ""}
          onChoose={(ou) => setFilters({ ou })}
        />
      )}
      <SelectField
        id={`${id}-tier`}
        label="Tier"
        values={POOL_TIERS}
        labels={TIER_LABELS}
        empty="All tiers"
        value={filters.tier ?? ""}
        onChoose={(tier) => setFilters({ tier })}
      />
      <SelectField
        id={`${id}-kind`}
        label="Destination kind"
        values={DESTINATION_KINDS}
        labels={DESTINATION_KIND_LABELS}
        empty="Any destination"
        value={filters.destinationKind ?? ""}
        onChoose={(destinationKind) => setFilters({ destinationKind })}
      />
      <DeliveryFilterFields id={id} filters={filters} setFilters={setFilters} />
      <SelectField
        id={`${id}-compliance`}
        label="Logging standard"
        values={COMPLIANCE_STATES}
        labels={COMPLIANCE_LABELS}
        empty="Any state"
        value={filters.compliance ?? ""}
        onChoose={(compliance) => setFilters({ compliance })}
      />
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
