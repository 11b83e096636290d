/**
 * Guided creation's route of Cognito's API activity to a Firehose stream that exists already (issue
 * 15): on a Firehose destination, the user chooses between creating a stream and routing API activity
 * to one of the account's streams. The plan then reads that stream (it must exist and be ACTIVE) and
 * makes only EventBridge's role, the rule and its target; the stream is never changed or cleaned up.
 */
import { TextField } from "./creation-fields.tsx";
import type { StreamMode } from "./form-state.ts";
import type { CreationForm } from "./use-creation-form.ts";

const MODE_LABELS: Readonly<Record<StreamMode, string>> = {
  create: "Create a new Firehose stream",
  existing: "Route Cognito API activity to an existing Firehose stream",
};

export function StreamModeChoice({ form }: { form: CreationForm }) {
  const { id, state, locked, update } = form;
  return (
    <fieldset>
      <legend>Firehose stream</legend>
      <div className="radio-list">
        {(["create", "existing"] as const).map((mode) => (
          <label key={mode} className="radio-option">
            <input
              type="radio"
              name={`${id}-streamMode`}
              value={mode}
              checked={state.streamMode === mode}
              disabled={locked}
              onChange={() => update({ streamMode: mode })}
            />
            {MODE_LABELS[mode]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ExistingStreamFields({ form }: { form: CreationForm }) {
  return (
    <>
      <TextField
        form={form}
        name="streamName"
        label="Existing stream name"
        hint={`A stream of this account in ${form.pool.region} that is ACTIVE. It is only read: the console never changes, tags or deletes it.`}
      />
      <p className="hint small muted">
        An EventBridge rule sends every Cognito API call CloudTrail records in {form.pool.region} (
        <span className="mono">{'{"source": ["aws.cognito-idp"]}'}</span>) to the stream, through a role
        EventBridge assumes. The plan checks for a CloudTrail trail recording management events there.
      </p>
    </>
  );
}
