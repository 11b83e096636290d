import type { CreationPlan, CreationRun, RunStepStatus } from "@clc/domain";

const STATUS_LABELS: Record<RunStepStatus, string> = {
  pending: "Waiting",
  running: "Working…",
  done: "Done",
  failed: "Failed",
  skipped: "Existing, reused",
};

/** The plan before anything runs: each step, its AWS calls and the permissions they need. */
export function PlanView({ plan }: { plan: CreationPlan }) {
  return (
    <section className="panel" aria-labelledby="plan-heading">
      <h2 id="plan-heading">What will happen</h2>
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
