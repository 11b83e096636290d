import type { CreationPlan, CreationRun, RunStepStatus } from "@clc/domain";
import { TrailAdvice } from "./api-activity.tsx";

const STATUS_LABELS: Record<RunStepStatus, string> = {
  pending: "Waiting",
  running: "Working…",
  done: "Done",
  failed: "Failed",
  skipped: "Existing, reused",
};

const EXISTING_LABELS = { new: "New", reuse: "Exists, reused", conflict: "Conflict" } as const;

/**
 * The plan before anything runs: what already exists under each planned name (reused only when it
 * is exactly what the plan makes; anything else is a conflict, with what differs), the changes to
 * resources the run did not create, then each step, its AWS calls and the permissions they need.
 */
export function PlanView({ plan }: { plan: CreationPlan }) {
  const conflicts = plan.existing.filter((check) => check.state === "conflict");
  return (
    <section className="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">What will happen</h2>
      {conflicts.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">
            {conflicts.length === 1
              ? "A planned name is already taken by something else"
              : `${conflicts.length} planned names are already taken by something else`}
            : the run cannot start. Choose other names, then review the plan again.
          </p>
        </div>
      )}
      {plan.existing.length > 0 && (
        <ul className="creation-existing" aria-label="What exists under the planned names">
          {plan.existing.map((check) => (
            <li key={`${check.type}:${check.name}`} data-existing={check.state}>
              <span
                className={`creation-status creation-status-${check.state === "conflict" ? "failed" : check.state === "reuse" ? "skipped" : "pending"}`}
              >
                {EXISTING_LABELS[check.state]}
              </span>{" "}
              {check.message}
              {check.differences.length > 0 && (
                <ul className="small">
                  {check.differences.map((difference) => (
                    <li key={difference}>{difference}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {plan.changesToExisting.length > 0 && (
        <div className="alert alert-warn">
          <p className="alert-title">This run also changes resources it does not create:</p>
          <ul>
            {plan.changesToExisting.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </div>
      )}
      <ol className="creation-steps">
        {plan.steps.map((step) => (
          <li key={step.id} data-step={step.id}>
            <p className="creation-step-title">{step.title}</p>
            <p className="muted small">{step.detail}</p>
            <p className="small">
              {step.calls.map((call) => (
                <span
                  key={call.call}
                  className="creation-call mono"
                  title={`Needs ${call.permissions.join(", ")}`}
                >
                  {call.call}
                </span>
              ))}
            </p>
          </li>
        ))}
      </ol>
      {plan.apiActivity?.trail && <TrailAdvice check={plan.apiActivity.trail} />}
      <details>
        <summary>IAM permissions the console needs for this ({plan.permissions.length})</summary>
        <pre className="mono small">{plan.permissions.join("\n")}</pre>
      </details>
      {plan.notes.map((note) => (
        <p key={note} className="muted small">
          {note}
        </p>
      ))}
    </section>
  );
}

/** A run's steps as they happen (polled); a failed step shows what went wrong and what to do. */
export function RunProgress({ run }: { run: CreationRun }) {
  return (
    <section className="panel" aria-labelledby="run-heading" aria-busy={run.status === "running"}>
      <h2 id="run-heading">Progress</h2>
      <ol className="creation-steps" aria-live="polite">
        {run.steps.map((step) => (
          <li
            key={step.id}
            data-step={step.id}
            data-status={step.status}
            className={`creation-step-${step.status}`}
          >
            <p className="creation-step-title">
              <span className={`creation-status creation-status-${step.status}`}>
                {STATUS_LABELS[step.status]}
              </span>{" "}
              {step.title}
            </p>
            {step.message && <p className="small">{step.message}</p>}
            {step.error?.hint && <p className="small">{step.error.hint}</p>}
            {step.cleanup !== "none" && (
              <p className={`small ${step.cleanup === "failed" ? "field-error" : "muted"}`}>
                Cleanup: {step.cleanupMessage ?? step.cleanup}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
