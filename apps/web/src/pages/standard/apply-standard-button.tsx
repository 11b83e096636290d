/**
 * "Apply the standard to N drifting pools": asks the BFF to plan one batch from the stored standard
 * (`{ standard: true, filter? }`; the BFF computes each pool's change, never the browser) and opens
 * its review. For admins only; shown on the Standard page and the fleet's compliance summary.
 */
import { useNavigate } from "react-router";
import { useCreateBatch } from "../../api/batches/mutations.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { type FleetFilters, hasActiveFilters, toPoolListQuery } from "../../fleet/fleet-filters.ts";

export function ApplyStandardButton({ drifting, filters }: { drifting: number; filters?: FleetFilters }) {
  const canWrite = useCanWrite();
  const create = useCreateBatch();
  const navigate = useNavigate();
  if (!canWrite || drifting === 0) return null;
  const filtered = filters !== undefined && hasActiveFilters(filters);
  const apply = () => {
    let filter: Record<string, unknown> | undefined;
    if (filters && filtered) {
      const { sort: _sort, offset: _offset, limit: _limit, ...rest } = toPoolListQuery(filters, 0, 1);
      filter = rest;
    }
    create.mutate(
      { standard: true, ...(filter ? { filter } : {}) },
      { onSuccess: (batch) => void navigate(`/batches/${batch.id}`) },
    );
  };
  return (
    <div className="apply-standard">
      <BusyButton
        className="button button-primary"
        busy={create.isPending}
        busyLabel="Planning…"
        onClick={apply}
      >
        {filtered
          ? "Apply the standard to the drifting pools of this view"
          : `Apply the standard to ${drifting} drifting ${drifting === 1 ? "pool" : "pools"}`}
      </BusyButton>
      {create.isError && <ProblemMessage error={create.error} title="Could not plan the batch" />}
    </div>
  );
}
