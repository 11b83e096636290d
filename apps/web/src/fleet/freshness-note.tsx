/**
 * How the fleet is kept fresh (issue 16), under the fleet page's header: by Cognito's change events
 * in every account and region, or by the slow sweep where events are not set up, each with why; and
 * for a place on the sweep, the plan that would put it on events (what it creates, the permissions
 * each step needs, what the console will not do itself), which an admin can run from here.
 * Loaded lazily (fleet-page.tsx): it is not needed for the first rows.
 */
import type { FreshnessPlace } from "@clc/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { freshnessPlanQuery, useFreshness, useSetUpFreshness } from "../api/freshness/queries.ts";
import { useCanWrite } from "../auth/use-can-write.ts";
import { BusyButton } from "../components/busy-button.tsx";
import { ProblemMessage, QueryProblem } from "../components/problem-message.tsx";
import { RelativeTime } from "../components/relative-time.tsx";

const hours = (seconds: number) =>
  seconds % 86_400 === 0
    ? `${seconds / 86_400 === 1 ? "daily" : `every ${seconds / 86_400} days`}`
    : `every ${Math.round(seconds / 3600)} h`;

const STEP_STATE = { done: "Done", todo: "To do", blocked: "Blocked" } as const;

/** The plan of one place on the sweep, and (admins) the button that runs it. */
function FreshnessPlan({ place }: { place: FreshnessPlace }) {
  const plan = useQuery(freshnessPlanQuery(place.accountId, place.region));
  const setUp = useSetUpFreshness();
  const canWrite = useCanWrite();
  const where = `${place.accountId} ${place.region}`;
  // The button goes once nothing is left to do: the keyboard's focus moves to what happened.
  const outcome = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (setUp.data) outcome.current?.focus();
  }, [setUp.data]);
  if (plan.isPending)
    return (
      <p role="status" className="muted">
        Reading what is in place in {where}…
      </p>
    );
  if (plan.isError) return <QueryProblem query={plan} title={`Could not read the plan for ${where}`} />;
  const { steps, prerequisites, canRun } = plan.data;
  const todo = steps.some((s) => s.state === "todo");
  const missing = prerequisites.filter((p) => !p.ok);
  return (
    <section className="freshness-plan" aria-label={`Change events plan for ${where}`}>
      <ol>
        {steps.map((step) => (
          <li key={step.id}>
            <span className={`badge step-${step.state}`}>{STEP_STATE[step.state]}</span> {step.title}
            {step.why && <div className="muted">{step.why}</div>}
            <div className="muted">
              Needs{" "}
              {step.permissions.map((permission, i) => (
                <span key={permission}>
                  {i > 0 && ", "}
                  <code>{permission}</code>
                </span>
              ))}
            </div>
          </li>
        ))}
      </ol>
      {prerequisites.map((p) => (
        <p key={p.title} className={p.ok ? "muted" : undefined}>
          {p.ok ? "✓" : "✗"} {p.title}
          {p.hint && <span className="muted"> {p.hint}</span>}
        </p>
      ))}
      {setUp.isError && (
        <ProblemMessage error={setUp.error} title={`Could not set up change events in ${where}`} />
      )}
      {setUp.data && (
        <p role="status" ref={outcome} tabIndex={-1}>
          {setUp.data.place.mode === "events"
            ? `Change events are on in ${where}.`
            : `Created what was missing; ${where} is still on the sweep: ${setUp.data.place.reason ?? "checking"}`}
        </p>
      )}
      {canWrite && todo && (
        <BusyButton
          busy={setUp.isPending}
          busyLabel="Creating…"
          disabled={!canRun}
          onClick={() => setUp.mutate({ accountId: place.accountId, region: place.region })}
        >
          Create the queue and rule
        </BusyButton>
      )}
      {!canRun && <p className="muted">The console never adopts a queue or rule it did not create.</p>}
      {canWrite && !todo && missing.length > 0 && (
        <p className="muted">The queue and rule are in place; events start once the trail above records.</p>
      )}
      {!canWrite && todo && <p className="muted">An admin can create them from here.</p>}
    </section>
  );
}

export default function FreshnessNote() {
  const { data } = useFreshness();
  const [planOf, setPlanOf] = useState<string | null>(null);
  if (!data?.enabled || data.places.length === 0) return null;
  const onEvents = data.places.filter((p) => p.mode === "events");
  const fallback = data.places.filter((p) => p.mode === "sweep");
  const checking = data.places.length - onEvents.length - fallback.length;
  const { sweep } = data;
  return (
    <details className="freshness-note small">
      <summary>
        {checking > 0
          ? `Checking the change events path: ${checking} of ${data.places.length} accounts and regions still being checked`
          : fallback.length === 0
            ? `Kept fresh by Cognito's change events in ${onEvents.length === 1 ? "1 account and region" : `all ${onEvents.length} accounts and regions`}`
            : `Change events in ${onEvents.length} of ${data.places.length} accounts and regions; the others rely on the ${hours(data.sweep.intervalSeconds)} sweep and the cache's re-read`}
      </summary>
      <ul>
        {data.places.map((p) => {
          const key = `${p.accountId}|${p.region}`;
          return (
            <li key={key}>
              <span className="mono">
                {p.accountId} {p.region}
              </span>
              : {p.mode === "events" ? "change events" : p.mode === "sweep" ? "sweep" : "checking"}
              {p.mode === "events" && p.eventsSince && (
                <>
                  {" "}
                  since <RelativeTime iso={p.eventsSince} /> (rows read before are read again)
                </>
              )}
              {p.reason ? ` (${p.reason})` : ""}
              {/* Kept open once set up (the place is then on events) so its outcome stays in view. */}
              {(p.mode === "sweep" || planOf === key) && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="button-link"
                    aria-expanded={planOf === key}
                    onClick={() => setPlanOf(planOf === key ? null : key)}
                  >
                    {planOf === key ? "Hide the plan" : "Set up change events…"}
                  </button>
                  {planOf === key && <FreshnessPlan place={p} />}
                </>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted">
        The sweep ({hours(sweep.intervalSeconds)}, {sweep.readsPerMinute} reads a minute) catches what events
        miss:{" "}
        {sweep.running ? (
          "sweeping now"
        ) : sweep.nextAt ? (
          <>
            next <RelativeTime iso={sweep.nextAt} />
          </>
        ) : (
          "not scheduled"
        )}
        {sweep.lastCompletedAt && (
          <>
            ; last completed <RelativeTime iso={sweep.lastCompletedAt} />
          </>
        )}
        .
      </p>
    </details>
  );
}
