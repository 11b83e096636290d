/**
 * Step 2 of creating a destination: configure it. The fields of the chosen kind, prefilled with names
 * proposed for the pool, checked by the shared rules as the user types; "Review the plan" asks the
 * BFF what a run would do (admins only: the BFF answers 403 to a viewer).
 */
import { LOG_RETENTION_DAYS } from "@clc/domain";
import { Link } from "react-router";
import { Field } from "../../components/form-field.tsx";
import {
  BUCKET_NAMES_ARE_GLOBAL,
  ChoiceField,
  StepForm,
  TextField,
  useAvailabilityHint,
} from "./creation-fields.tsx";
import { ExistingStreamFields, StreamModeChoice } from "./existing-stream.tsx";
import { FirehoseFields } from "./firehose-fields.tsx";
import type { StepProps } from "./use-creation-form.ts";

const RETENTIONS = [...LOG_RETENTION_DAYS.map(String), "never"];
const RETENTION_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    LOG_RETENTION_DAYS.map((days) => [String(days), `${days} ${days === 1 ? "day" : "days"}`]),
  ),
  never: "Forever",
};

export function ConfigureStep({ form, canWrite, returnTo }: StepProps) {
  const { id, kind, state, errors, valid, plan, locked, update } = form;
  const availabilityHint = useAvailabilityHint(form);
  const tagError = [...errors].find(([path]) => path.startsWith("tags"))?.[1];
  return (
    <StepForm
      onSubmit={() => {
        if (valid && canWrite) form.requestPlan();
      }}
    >
      {kind === "logGroup" && (
        <>
          <TextField
            form={form}
            name="logGroupName"
            label="Log group name"
            hint="Log delivery's permission is attached to the log group itself, as AWS does for new deliveries: none of the account's 10 resource-policy slots is used."
          />
          <ChoiceField
            form={form}
            name="retention"
            label="Keep log events"
            values={RETENTIONS}
            labels={RETENTION_LABELS}
            path="retentionInDays"
          />
        </>
      )}

      {kind === "s3" && (
        <>
          <TextField
            form={form}
            name="bucketName"
            path="bucket.name"
            label="Bucket name"
            hint={availabilityHint ?? BUCKET_NAMES_ARE_GLOBAL}
          />
          <TextField
            form={form}
            name="expirationDays"
            path="bucket.expirationDays"
            label="Delete objects after (days, optional)"
            inputMode="numeric"
          />
        </>
      )}

      {kind === "firehose" && <StreamModeChoice form={form} />}
      {kind === "firehose" && state.streamMode === "existing" && <ExistingStreamFields form={form} />}
      {kind === "firehose" && state.streamMode === "create" && (
        <FirehoseFields form={form} availabilityHint={availabilityHint} />
      )}

      <Field id={`${id}-tags`} label="Extra tags (key=value, one a line; optional)" error={tagError}>
        <textarea
          id={`${id}-tags`}
          rows={2}
          value={state.tags}
          disabled={locked}
          onChange={(event) => update({ tags: event.target.value })}
        />
      </Field>

      <div className="button-row">
        {/* Planning is for admins (the BFF answers 403 to a viewer): viewers are not offered it. */}
        {canWrite && (
          <button type="submit" className="button" disabled={!valid || plan.isPending}>
            {plan.isPending ? "Planning…" : "Review the plan"}
          </button>
        )}
        {returnTo && (
          <Link className="button button-link" to={returnTo}>
            Cancel
          </Link>
        )}
        <Link className="button button-link" to="/destinations/runs">
          Past runs
        </Link>
      </div>
    </StepForm>
  );
}
