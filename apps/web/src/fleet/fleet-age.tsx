import type { FleetStatus, PoolSummary } from "@clc/domain";
import { RelativeTime } from "../components/relative-time.tsx";
import { Timestamp } from "../components/timestamp.tsx";

const numberFormat = new Intl.NumberFormat("en");

/**
 * How old the rows are (issue 16, "Restart"): after a restart the console shows the fleet's last
 * known state from its store at once, so it says when that state was read and how many pools are
 * being read again. Nothing while no row was read yet.
 */
export function FleetAge({ status }: { status: FleetStatus | undefined }) {
  if (!status?.asOf) return null;
  const refreshing = status.refreshing ?? 0;
  return (
    <span className="muted small" data-testid="fleet-age">
      {status.restoredAt ? "Last known state, as of " : "As of "}
      <Timestamp iso={status.asOf} /> (read <RelativeTime iso={status.asOf} />)
      {refreshing > 0 && (
        <span role="status">
          {" "}
          · {numberFormat.format(refreshing)} {refreshing === 1 ? "pool" : "pools"} being refreshed
        </span>
      )}
    </span>
  );
}

/** Beside a row's findings: the pool is being read again; the row shows its last known state meanwhile. */
export function RowRefreshing({ pool }: { pool: PoolSummary }) {
  if (!pool.refreshing) return null;
  return (
    <span className="muted small" title={pool.readAt ? `Last read ${pool.readAt}` : undefined}>
      {" "}
      · refreshing
    </span>
  );
}
