/**
 * A batch's rollback (issue 17): the links between a batch and the batches that roll it back, and
 * the admins' "Roll back this batch…", which plans the rollback as a new batch and opens its review.
 */
import type { Batch, BatchOutcome } from "@clc/domain";
import { Link, useNavigate } from "react-router";
import { useCreateBatchRollback } from "../../api/batches/rollback.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";

/** "Rolls back …" and "Rolled back by …", when there is such a link. */
export function BatchRollbackLinks({ batch }: { batch: Batch }) {
  const by = batch.rolledBackBy ?? [];
  if (!batch.undoesBatch && by.length === 0) return null;
  return (
    <div className="batch-rollback-links">
      {batch.undoesBatch && (
        <p>
          This batch rolls back <Link to={`/batches/${batch.undoesBatch}`}>an earlier batch</Link>: each pool
          it writes is restored as that batch's record had it before.
        </p>
      )}
      {by.length > 0 && (
        <p>
          Rolled back by{" "}
          {by.map((id, index) => (
            <span key={id}>
              {index > 0 && ", "}
              <Link to={`/batches/${id}`}>{by.length === 1 ? "a later batch" : `batch ${index + 1}`}</Link>
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}

/** On an ended batch, for admins: plan its rollback and open the review of the new batch. */
export function BatchRollbackAction({ batch }: { batch: Batch }) {
  const canWrite = useCanWrite();
  const create = useCreateBatchRollback();
  const navigate = useNavigate();
  if (!canWrite || (batch.status !== "finished" && batch.status !== "cancelled")) return null;
  if (batch.states.done === 0) return null;
  return (
    <div className="batch-rollback-action">
      <BusyButton
        busy={create.isPending}
        busyLabel="Planning the rollback…"
        onClick={() =>
          create.mutate(batch.id, { onSuccess: (rollback) => navigate(`/batches/${rollback.id}`) })
        }
      >
        Roll back this batch…
      </BusyButton>
      <p className="muted small">
        Plans a new batch restoring each pool this batch wrote as it was before (only what this batch
        changed). Nothing is written until you review and start it.
      </p>
      {create.isError && <ProblemMessage error={create.error} title="Could not plan the rollback" />}
    </div>
  );
}

/** A rollback batch's review groups say what they mean for a rollback. */
export const ROLLBACK_GROUP_HINTS: Record<BatchOutcome, string> = {
  ready: "These pools get back what they had before the batch.",
  warning: "These pools get back what they had before the batch once you acknowledge their warnings.",
  blocked: "These pools are not rolled back: each says why.",
  nothing: "Nothing to undo on these pools: each says why.",
};
