/**
 * The fleet table's Delivery column (issue 15): each pool's user activity and message-delivery
 * errors as a state, filled in after the rows from the fleet's delivery resource (the table's pages
 * ask for their cells apart from their rows). Not applicable reads as neutral and says why.
 */
import type { FleetDeliveryCell, FleetDeliverySource, PoolSummary } from "@clc/domain";
import type { ColumnDef } from "@tanstack/react-table";
import { DELIVERY_STATE_BADGE, DELIVERY_STATE_LABELS } from "../pages/pool-delivery/labels.ts";

/** `accountId:poolId` → the pool's cell, over the table's pages on screen (the table's `meta`). */
type DeliveryCells = ReadonlyMap<string, FleetDeliveryCell>;

/** Why user activity is not applicable, in two words (the cell's title has the sentence). */
const NOT_APPLICABLE_WHY: Readonly<Record<string, string>> = {
  "tier-not-plus": "no Plus plan",
  "threat-protection-off": "threat protection off",
};

function SourceState({ label, source }: { label: string; source: FleetDeliverySource }) {
  const why = source.state === "not-applicable" ? NOT_APPLICABLE_WHY[source.reasonId] : undefined;
  return (
    <span className="delivery-cell-source" title={source.message}>
      <span className="muted small">{label}</span>{" "}
      <span className={`badge ${DELIVERY_STATE_BADGE[source.state]}`}>
        {DELIVERY_STATE_LABELS[source.state]}
        {why ? ` (${why})` : ""}
      </span>
    </span>
  );
}

export function DeliveryCell({ pool, cells }: { pool: PoolSummary | undefined; cells: DeliveryCells }) {
  if (pool?.readState !== "ok") return null;
  const cell = cells.get(`${pool.accountId}:${pool.id}`);
  if (!cell) return <span className="muted">Checking…</span>;
  return (
    <span className="delivery-cell">
      <SourceState label="Activity" source={cell.sources.userAuthEvents} />
      <SourceState label="Errors" source={cell.sources.userNotification} />
    </span>
  );
}

/** The column, for fleet-table.tsx's list (no sort: the state is not among the list's keys). */
export function deliveryColumn<Row extends { pool: PoolSummary | undefined }>(): ColumnDef<Row> {
  return {
    id: "delivery",
    header: "Delivery",
    meta: { width: "11%" },
    cell: ({ row, table }) => (
      <DeliveryCell
        pool={row.original.pool}
        cells={
          (table.options.meta as { deliveryCells?: DeliveryCells } | undefined)?.deliveryCells ?? new Map()
        }
      />
    ),
  };
}
