/**
 * One creation run at `/destinations/runs/:runId` (reload, Back and Forward keep it in view; the BFF
 * keeps runs across restarts): its steps as they happen, then what to do next. Cleanup changes AWS,
 * so it lists what it will remove and asks first; viewers are not offered it.
 */
import { DESTINATION_KIND_LABELS, RunIdSchema } from "@clc/domain";
import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useCleanUpRun } from "../../api/destination-creation/mutations.ts";
import { useCreationRun } from "../../api/destination-creation/queries.ts";
import { useRegions } from "../../api/regions/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { ArnLine } from "../../components/aws-links.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { PageLoading } from "../../components/page-loading.tsx";
import { ProblemMessage, QueryProblem } from "../../components/problem-message.tsx";
import { Timestamp } from "../../components/timestamp.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { editPath, poolPath } from "../../editor/paths.ts";
import { consolePath } from "../../safe-path.ts";
import { NotFoundPage } from "../not-found-page.tsx";
import "./create-destination.css";
import { returnPath } from "./form-state.ts";
import { runAgainPath } from "./run-paths.ts";
import { RunProgress } from "./run-progress.tsx";

export function RunPage() {
  const { runId } = useParams();
  const parsed = RunIdSchema.safeParse(runId);
  if (!parsed.success) return <NotFoundPage />;
  return <RunView runId={parsed.data} />;
}

function RunView({ runId }: { runId: string }) {
  const [searchParams] = useSearchParams();
  const returnTo = consolePath(searchParams.get("returnTo"));
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  // Guided creation works in the console's own account (issue 14 keeps it there for now).
  const ownAccount = useRegions().data?.accountId ?? "";
  const run = useCreationRun(runId);
  const cleanup = useCleanUpRun();
  const [confirmingCleanup, setConfirmingCleanup] = useState(false);
  useDocumentTitle(`Run ${runId}`);

  if (run.isPending) return <PageLoading what="run" />;
  if (run.isError) {
    return (
      <div className="page page-create-destination">
        <h1>Creation run</h1>
        <QueryProblem query={run} title="Could not load this run" />
        <Link to="/destinations/runs">All runs</Link>
      </div>
    );
  }
  const current = run.data;
  const label = DESTINATION_KIND_LABELS[current.kind];
  const created = current.steps.filter((step) => step.createdByRun && step.cleanup !== "done");
  const busy = current.status === "running" || current.status === "cleaning";

  // A route of API activity to an existing stream (kind apiActivity) makes a rule, not a destination
  // for the pool's log delivery: the stream may not be one Cognito can deliver to.
  const routesApiActivityOnly = current.input.kind === "apiActivity";

  return (
    <div className="page page-create-destination">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/">Fleet</Link> › <Link to={poolPath(ownAccount, current.poolId)}>{current.poolId}</Link> ›{" "}
        <Link to="/destinations/runs">Creation runs</Link> › {current.destination.name}
      </nav>
      <h1>
        {label} {current.destination.name}
      </h1>
      <p className="muted">
        Run {current.id}, started <Timestamp iso={current.createdAt} />
        {current.attempts > 1 ? ` (attempt ${current.attempts})` : ""}, in {current.region}.
      </p>
      <RunProgress run={current} />

      {current.status === "succeeded" && routesApiActivityOnly && (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">
            Cognito API activity in {current.region} now goes to {current.destination.name}.
          </p>
          <p>
            The EventBridge rule sends each Cognito API call that CloudTrail records to this stream. The
            stream itself was not changed, so the pool's log delivery stays as it is.
          </p>
        </div>
      )}
      {current.status === "succeeded" && !routesApiActivityOnly && (
        <div className="alert alert-ok" role="status">
          <p className="alert-title">
            {label} {current.destination.name} is ready.
          </p>
          <ArnLine
            arn={current.destination.arn}
            region={current.region}
            what={`${label} ${current.destination.name}`}
          />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              onClick={() =>
                navigate(
                  returnPath(
                    returnTo,
                    current.destination.arn,
                    editPath(ownAccount, current.poolId, current.eventSource),
                  ),
                )
              }
            >
              Use this destination
            </button>
          </div>
        </div>
      )}
      {current.status === "failed" && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">The run stopped at a failed step.</p>
          <p>
            What it created is listed above and is reused when you run it again. Correct the cause, review the
            new plan, then run again; or clean up what this run created.
          </p>
          {canWrite && (
            <div className="button-row">
              <Link className="button button-primary" to={runAgainPath(current, returnTo)}>
                Run again…
              </Link>
              {created.length > 0 && (
                <button
                  type="button"
                  className="button button-danger"
                  disabled={busy || cleanup.isPending}
                  onClick={() => setConfirmingCleanup(true)}
                >
                  Clean up what this run created…
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {cleanup.isError && <ProblemMessage error={cleanup.error} title="Cleanup failed" />}
      {(current.status === "cleaned" || current.status === "cleanup-failed") && (
        <div className={`alert ${current.status === "cleaned" ? "alert-info" : "alert-error"}`} role="status">
          <p className="alert-title">
            {current.status === "cleaned"
              ? "Everything this run created has been removed."
              : "Some of what this run created could not be removed; see the steps above."}
          </p>
          {canWrite && current.status === "cleaned" && (
            <div className="button-row">
              <Link className="button" to={runAgainPath(current, returnTo)}>
                Start over with this input…
              </Link>
            </div>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirmingCleanup}
        title="Remove what this run created?"
        confirmLabel="Clean up"
        busyLabel="Cleaning up…"
        busy={cleanup.isPending}
        destructive
        onConfirm={() => cleanup.mutate(current.id, { onSettled: () => setConfirmingCleanup(false) })}
        onCancel={() => setConfirmingCleanup(false)}
      >
        <p>This changes AWS now. Only what this run created or added is taken back:</p>
        <ul>
          {created.map((step) => (
            <li key={step.id}>
              {step.title}: {step.undo}
            </li>
          ))}
        </ul>
        <p className="muted small">A bucket that holds objects is kept.</p>
      </ConfirmDialog>
    </div>
  );
}
