/**
 * Step 3 of creating a destination: review the plan, then start the run. A plan with a conflict
 * cannot run; one that changes resources the run does not create is confirmed first. The run then
 * has its own page (`runPath`), step 4.
 */
import { DESTINATION_KIND_LABELS } from "@clc/domain";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { runPath } from "./run-paths.ts";
import { PlanView } from "./run-progress.tsx";
import type { StepProps } from "./use-creation-form.ts";

export function ReviewPlanStep({ form, canWrite, returnTo }: StepProps) {
  const { plan, start, draft, valid, resumeId } = form;
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const busy = start.isPending;
  // A route to an existing stream creates no stream: its button says what it does.
  const createLabel =
    draft.kind === "apiActivity" ? "Route API activity" : `Create ${DESTINATION_KIND_LABELS[form.kind]}`;
  const conflicts = plan.data?.existing.filter((check) => check.state === "conflict") ?? [];
  const startRun = () => {
    if (!plan.data) return;
    start.mutate(
      { input: draft, runId: resumeId, planToken: plan.data.token },
      {
        onSuccess: (started) => navigate(runPath(started.id, returnTo)),
        onSettled: () => setConfirming(false),
        // The plan changed under the user (or has a conflict now): show the new one, never run blind.
        onError: () => form.requestPlan(),
      },
    );
  };

  return (
    <>
      {plan.isError && <ProblemMessage error={plan.error} title="Could not plan this" />}
      {start.isError && <ProblemMessage error={start.error} title="Not started" />}
      {plan.data && canWrite && (
        <>
          <PlanView plan={plan.data} />
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={!valid || busy || conflicts.length > 0}
              onClick={() => (plan.data?.changesToExisting.length ? setConfirming(true) : startRun())}
            >
              {resumeId ? "Run again" : createLabel}
            </button>
          </div>
          <ConfirmDialog
            open={confirming}
            title="Change resources this run does not create?"
            confirmLabel={resumeId ? "Run again" : createLabel}
            busyLabel="Starting…"
            busy={busy}
            onConfirm={startRun}
            onCancel={() => setConfirming(false)}
          >
            <p>Besides what it creates, this run changes:</p>
            <ul>
              {plan.data.changesToExisting.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          </ConfirmDialog>
        </>
      )}
    </>
  );
}
