import { diffConfigurations, EVENT_SOURCE_LABELS, type RollbackPreview } from "@clc/domain";
import { useEffect, useRef } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useApplyRollback, useRollbackPreview } from "../../api/audit/rollback.ts";
import { isApiProblem } from "../../api/http.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { DestinationLabelView } from "../../components/destination-label.tsx";
import { FindingList } from "../../components/finding-list.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { ChangedBy } from "../../editor/changed-by.tsx";
import { DiffView } from "../../editor/diff-view.tsx";
import { poolPath } from "../../editor/paths.ts";
import type { PoolPageState } from "../pool-page.tsx";

/** Why the rollback cannot be applied as previewed, in the user's terms (empty when it can). */
function MovedOn({ preview }: { preview: RollbackPreview }) {
  if (preview.movedOn.length === 0) return null;
  return (
    <div className="alert alert-warn" role="alert">
      <h2>The pool changed again since this change</h2>
      <p>Rolling back would overwrite that later change, so the console will not do it:</p>
      <ul>
        {preview.movedOn.map((m) => (
          <li key={m.eventSource}>
            {EVENT_SOURCE_LABELS[m.eventSource]}: this change left{" "}
            <DestinationLabelView destination={m.recorded} />; AWS now holds{" "}
            <DestinationLabelView destination={m.now} />.
          </li>
        ))}
      </ul>
      <p>
        Roll back the later change first (find it in the{" "}
        <Link to={`/audit?pool=${encodeURIComponent(preview.poolId)}`}>pool's history</Link>), or edit the
        pool directly.
      </p>
    </div>
  );
}

/**
 * Rolling back one audit record's change (issue 17): what the record did, what restoring its
 * "before" would change now (previewed like any edit), and the apply, made on the version previewed.
 */
export function RollbackPage() {
  const { recordId = "" } = useParams();
  const preview = useRollbackPreview(recordId);
  const apply = useApplyRollback();
  const canWrite = useCanWrite();
  const navigate = useNavigate();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(`Roll back record #${recordId}`);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const data = preview.data;
  const stale = isApiProblem(apply.error) && apply.error.status === 412 ? apply.error.problem : null;
  const nothingToDo = data?.diff.every((row) => row.change === "unchanged") === true;

  const onApply = (previewed: RollbackPreview) =>
    apply.mutate(
      { recordId, version: previewed.version },
      {
        onSuccess: (detail) =>
          navigate(poolPath(detail.pool.accountId, detail.pool.id), {
            state: { rolledBack: { recordId } } satisfies PoolPageState,
          }),
      },
    );

  return (
    <div className="page">
      <div className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          Roll back record #{recordId}
        </h1>
      </div>
      {preview.isError ? (
        <QueryProblem query={preview} title="This change cannot be rolled back" />
      ) : !data ? (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Reading the pool and checking the rollback…
        </p>
      ) : (
        <>
          <p>
            Pool{" "}
            <Link to={data.accountId ? poolPath(data.accountId, data.poolId) : `/pools/${data.poolId}`}>
              {data.poolName}
            </Link>{" "}
            <span className="mono muted small">
              {data.poolId} {data.region}
            </span>
            . A rollback restores what this change replaced, as a new change on what AWS holds now; the other
            event source is kept as it is.
          </p>
          <h2>What the change did</h2>
          <DiffView
            diff={diffConfigurations(data.recorded.before, data.recorded.after)}
            label="What the recorded change did"
          />
          <MovedOn preview={data} />
          <h2>What rolling back would change now</h2>
          <DiffView diff={data.diff} label="What rolling back would change" />
          {data.errors.length > 0 && (
            <ul className="field-error">
              {data.errors.map((e) => (
                <li key={`${e.path}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          )}
          <FindingList
            poolId={data.poolId}
            // The record's account: this page's URL names none, and a member account's pool is not
            // the console's own (its fixes went to the wrong account and failed).
            accountId={data.accountId ?? undefined}
            findings={data.findings}
            emptyText="No findings on the restored destination."
          />
          {stale && (
            <div className="alert alert-warn" role="alert">
              <h2>Someone changed this pool since the preview</h2>
              <p>
                Nothing was changed. <ChangedBy changedBy={stale.current?.changedBy} poolId={data.poolId} />
              </p>
              <BusyButton
                busy={preview.isFetching}
                busyLabel="Checking again…"
                onClick={() => {
                  apply.reset();
                  void preview.refetch();
                }}
              >
                Check again
              </BusyButton>
            </div>
          )}
          {apply.isError && !stale && (
            <ProblemMessage error={apply.error} title="The rollback was not applied" />
          )}
          <div className="button-row">
            {canWrite ? (
              <BusyButton
                className="button button-primary"
                busy={apply.isPending}
                busyLabel="Rolling back…"
                disabled={!data.canApply || nothingToDo || stale !== null}
                onClick={() => onApply(data)}
              >
                Roll back
              </BusyButton>
            ) : (
              <p className="muted">Only admins can roll back a change.</p>
            )}
            {nothingToDo && data.movedOn.length === 0 && (
              <p className="muted">AWS already holds what this change replaced: nothing to roll back.</p>
            )}
            <Link className="button" to="/audit">
              Back to the history
            </Link>
          </div>
        </>
      )}
    </div>
  );
}
