/**
 * Guided creation's "Also route Cognito API activity" (issue 15): the option on a Firehose stream,
 * and in the plan what CloudTrail looks like in the pool's region, with how to create a trail when
 * none records management events (the rule is created anyway; events flow once a trail logs).
 */
import type { CreationPlan } from "@clc/domain";
import type { CreationForm } from "./use-creation-form.ts";

type TrailCheck = NonNullable<NonNullable<CreationPlan["apiActivity"]>["trail"]>;

export function ApiActivityOption({ form }: { form: CreationForm }) {
  const { id, state, locked, update } = form;
  const hintId = `${id}-api-activity-hint`;
  return (
    <div className="field">
      <label className="checkbox-option">
        <input
          type="checkbox"
          name="apiActivity"
          checked={state.apiActivity}
          disabled={locked}
          aria-describedby={hintId}
          onChange={(event) => update({ apiActivity: event.target.checked })}
        />{" "}
        Also route Cognito API activity to this stream
      </label>
      <p id={hintId} className="hint small muted">
        An EventBridge rule sends every Cognito API call CloudTrail records in {form.pool.region} (
        <span className="mono">{'{"source": ["aws.cognito-idp"]}'}</span>) to the stream, through a role
        EventBridge assumes. Needs a CloudTrail trail recording management events there; the plan checks.
      </p>
    </div>
  );
}

export function TrailAdvice({ check }: { check: TrailCheck }) {
  if (!check.howTo) {
    return (
      <p className="small" data-trail={check.state}>
        {check.message}
      </p>
    );
  }
  return (
    <div className="alert alert-warn" data-trail={check.state}>
      <p className="alert-title">{check.message}</p>
      <p className="small">
        Create a trail in the{" "}
        <a href={check.howTo.consoleUrl} target="_blank" rel="noreferrer">
          CloudTrail console
        </a>{" "}
        or with the AWS CLI:
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (axe scrollable-region-focusable) */}
      <pre className="mono small" tabIndex={0}>
        {check.howTo.cli.join("\n")}
      </pre>
    </div>
  );
}
