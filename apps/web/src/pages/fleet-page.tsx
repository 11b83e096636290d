import type { FleetStatus } from "@clc/domain";
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef } from "react";
import { Link } from "react-router";
import { useRefreshFleet } from "../api/fleet/mutations.ts";
import { useFleetStatus } from "../api/fleet/queries.ts";
import { poolKeys } from "../api/pools/keys.ts";
import { FLEET_PAGE_SIZE, usePoolPage } from "../api/pools/queries.ts";
import { BusyButton } from "../components/busy-button.tsx";
import { ProblemMessage, QueryProblem } from "../components/problem-message.tsx";
import { RelativeTime } from "../components/relative-time.tsx";
import { useDocumentTitle } from "../components/use-document-title.ts";
import { ComplianceSummary } from "../fleet/compliance-summary.tsx";
import { FleetAge } from "../fleet/fleet-age.tsx";
import { FleetDeliverySummaryBar } from "../fleet/fleet-delivery-summary.tsx";
import { FleetExportButtons } from "../fleet/fleet-export-buttons.tsx";
import { FleetFilterBar } from "../fleet/fleet-filter-bar.tsx";
import { CLEARED_FILTERS, hasActiveFilters } from "../fleet/fleet-filters.ts";
import { FleetTable } from "../fleet/fleet-table.tsx";
import { SavedViewsMenu } from "../fleet/saved-views-menu.tsx";
import { useFleetFilters } from "../fleet/use-fleet-filters.ts";
import { BatchFromFleetLink } from "./batches/batch-link.tsx";

const FreshnessNote = lazy(() => import("../fleet/freshness-note.tsx"));

const numberFormat = new Intl.NumberFormat("en");

function FleetProgress({ status }: { status: FleetStatus }) {
  if (status.state !== "loading") return null;
  // `failed` also counts what is not a pool nor retried: an account not read (its own row above the
  // table), discovery, a region's listing. Only the pools' reads get another round.
  const accountsFailed = (status.accounts ?? []).filter((a) => a.status === "error").length;
  const poolsFailed =
    status.failed - accountsFailed - (status.accountsError ? 1 : 0) - (status.regionErrors?.length ?? 0);
  const label =
    status.total === null
      ? "Listing user pools…"
      : `Reading pools: ${numberFormat.format(status.loaded)} of ${numberFormat.format(status.total)}`;
  return (
    <div className="fleet-progress">
      <progress
        aria-label="Fleet read progress"
        value={status.total === null ? undefined : status.loaded}
        max={status.total ?? undefined}
      />
      <span role="status">
        {label}
        {poolsFailed > 0 && ` (${numberFormat.format(poolsFailed)} failed, retrying)`}
      </span>
    </div>
  );
}

export function FleetPage() {
  const { filters, setFilters } = useFleetFilters();
  const queryClient = useQueryClient();
  const refresh = useRefreshFleet();
  useDocumentTitle("User pools");

  const firstPage = usePoolPage(filters, 0, FLEET_PAGE_SIZE);
  // The list answer also carries the fleet status, so a read seen there starts the status poll too.
  const status = useFleetStatus(firstPage.data?.fleet.state === "loading");
  const effectiveFleet = status.data ?? firstPage.data?.fleet;
  const fleetLoading = effectiveFleet?.state === "loading";

  // When a fleet read finishes, read the rows once more so the table shows the final state.
  const previousState = useRef(effectiveFleet?.state);
  useEffect(() => {
    const state = effectiveFleet?.state;
    if (previousState.current === "loading" && state !== "loading") {
      void queryClient.invalidateQueries({ queryKey: poolKeys.lists() });
    }
    previousState.current = state;
  }, [effectiveFleet?.state, queryClient]);

  const lastRefreshed = effectiveFleet?.completedAt;
  // Regions whose listing failed: their pools are missing, so "no user pools" would be wrong.
  const regionErrors = effectiveFleet?.regionErrors ?? [];

  return (
    <div className="page page-fleet">
      <div className="page-header">
        <h1>User pools</h1>
        {firstPage.data && (
          <span className="muted">
            {numberFormat.format(firstPage.data.total)} {firstPage.data.total === 1 ? "pool" : "pools"}
            {hasActiveFilters(filters) ? " match" : ""}
          </span>
        )}
        <div className="header-spacer" />
        {effectiveFleet && <FleetProgress status={effectiveFleet} />}
        <FleetAge status={effectiveFleet} />
        {lastRefreshed && effectiveFleet?.state !== "loading" && (
          <span className="muted small">
            Last refreshed <RelativeTime iso={lastRefreshed} />
          </span>
        )}
        <BusyButton
          busy={refresh.isPending}
          busyLabel="Refreshing…"
          disabled={fleetLoading}
          onClick={() => refresh.mutate()}
        >
          Refresh
        </BusyButton>
        {firstPage.data && firstPage.data.total > 0 && <FleetExportButtons filters={filters} />}
        <SavedViewsMenu filters={filters} />
        {firstPage.data && firstPage.data.total > 0 && <BatchFromFleetLink filters={filters} />}
      </div>
      <Suspense fallback={null}>
        <FreshnessNote />
      </Suspense>
      {refresh.isError && <ProblemMessage error={refresh.error} title="Could not start a refresh" />}
      {!fleetLoading && regionErrors.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">
            Could not list the user pools of {regionErrors.map((e) => e.region).join(", ")}
          </p>
          <ul>
            {regionErrors.map((e) => (
              <li key={e.region}>
                {e.region}: {e.message}
              </li>
            ))}
          </ul>
          <p>
            Pools of {regionErrors.length === 1 ? "that region" : "those regions"} are missing from this list.
            Press Refresh to try again.
          </p>
        </div>
      )}
      <FailingAccounts status={effectiveFleet} />
      {effectiveFleet?.ouPathsError && (
        <div className="alert alert-warn" role="alert" aria-label="OU paths not read">
          <strong>OU paths may be out of date:</strong> {effectiveFleet.ouPathsError.message}{" "}
          {effectiveFleet.ouPathsError.whatToDo}
        </div>
      )}
      <FleetDeliverySummaryBar filters={filters} />
      <ComplianceSummary filters={filters} fleetLoading={fleetLoading} />
      <FleetFilterBar filters={filters} setFilters={setFilters} />
      {firstPage.isPending ? (
        <div className="table-state" role="status">
          <span className="spinner" aria-hidden="true" /> Loading user pools…
        </div>
      ) : firstPage.isError ? (
        <QueryProblem query={firstPage} title="Could not load the user pools" />
      ) : firstPage.data.total === 0 ? (
        <div className="table-state empty-state">
          {hasActiveFilters(filters) ? (
            <p>
              No pools match these filters —{" "}
              <button
                type="button"
                className="button button-link"
                onClick={() => setFilters(CLEARED_FILTERS)}
              >
                clear filters
              </button>
            </p>
          ) : fleetLoading ? (
            <p role="status">Reading the fleet; pools appear here as they are read.</p>
          ) : regionErrors.length > 0 ? (
            <p>No user pools could be listed; see the error above.</p>
          ) : (
            <p>
              No user pools found in {filters.region ?? "the configured regions"}. Create one in Cognito, then
              press Refresh.
            </p>
          )}
        </div>
      ) : (
        <FleetTable filters={filters} firstPage={firstPage.data} onSort={(sort) => setFilters({ sort })} />
      )}
    </div>
  );
}

/**
 * Accounts the last fleet read could not read (role missing, access denied), each on its own line
 * with what to do: their pools are missing from the table, which must not read as "no pools".
 */
function FailingAccounts({ status }: { status: FleetStatus | undefined }) {
  const failing = (status?.accounts ?? []).filter((a) => a.status === "error");
  const discovery = status?.accountsError;
  if (failing.length === 0 && !discovery) return null;
  return (
    <div className="alert alert-error" role="alert" aria-label="Accounts not read">
      {discovery && (
        <p>
          <strong>Could not list the organization's accounts:</strong> {discovery.message}{" "}
          {discovery.whatToDo}
        </p>
      )}
      {failing.length > 0 && (
        <>
          <p className="alert-title">
            {failing.length === 1
              ? "1 account was not read; its pools are"
              : `${failing.length} accounts were not read; their pools are`}{" "}
            missing from this list
          </p>
          <ul>
            {failing.map((a) => (
              <li key={a.accountId}>
                <strong>{a.name}</strong> <span className="mono small">{a.accountId}</span>
                {a.ouPath ? ` (${a.ouPath})` : ""}: {a.error?.message} <em>{a.error?.whatToDo}</em>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/accounts">Accounts</Link> shows every account and tests its connection.
          </p>
        </>
      )}
    </div>
  );
}
