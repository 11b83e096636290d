/**
 * The pieces the creation steps' forms are made of: the form itself, a text field and a select bound
 * to one member of the shared form state (its error is the shared schema's message for `path`), and
 * the bucket name's availability hint.
 */
import type { ReactNode } from "react";
import { useBucketAvailability } from "../../api/destination-creation/queries.ts";
import { describedBy, Field, SelectField } from "../../components/form-field.tsx";
import type { FormState } from "./form-state.ts";
import type { CreationForm } from "./use-creation-form.ts";

/** The hint of a bucket name the run would create, until its availability is known. */
export const BUCKET_NAMES_ARE_GLOBAL = "Bucket names are global across all AWS accounts.";

/** A step's form: the browser's own validation is off (the shared rules speak instead); Enter submits. */
export function StepForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="creation-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {children}
    </form>
  );
}

/** A text input for `form.state[name]`; `path` is where the request carries it (`target.url`), by default `name`. */
export function TextField({
  form,
  name,
  path = name,
  label,
  hint,
  type = "text",
  autoComplete = "off",
  inputMode,
}: {
  form: CreationForm;
  name: Exclude<keyof FormState, "apiActivity" | "streamMode">;
  path?: string;
  label: string;
  hint?: ReactNode;
  type?: string;
  autoComplete?: string;
  inputMode?: "numeric";
}) {
  const fieldId = `${form.id}-${name}`;
  const error = form.errors.get(path);
  return (
    <Field id={fieldId} label={label} error={error} hint={hint}>
      <input
        id={fieldId}
        name={name}
        type={type}
        value={form.state[name]}
        disabled={form.locked}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(fieldId, error, hint !== undefined)}
        onChange={(event) => form.update({ [name]: event.target.value })}
      />
    </Field>
  );
}

/** A select for one of the form's fixed choices. */
export function ChoiceField<K extends "retention" | "compression" | "preset">({
  form,
  name,
  label,
  values,
  labels,
  path,
}: {
  form: CreationForm;
  name: K;
  label: string;
  values: readonly FormState[K][];
  labels?: Readonly<Partial<Record<FormState[K], string>>>;
  path?: string;
}) {
  return (
    <SelectField
      id={`${form.id}-${name}`}
      label={label}
      values={values}
      labels={labels}
      value={form.state[name]}
      disabled={form.locked}
      error={path ? form.errors.get(path) : undefined}
      onChoose={(chosen) => {
        if (chosen !== null) form.update({ [name]: chosen });
      }}
    />
  );
}

/**
 * Whether the bucket name the run would create is free (S3 names are global), once the name is
 * valid: a message to show as the name's hint, "Checking the name…" meanwhile, undefined otherwise.
 */
export function useAvailabilityHint(form: CreationForm): ReactNode {
  const { kind, state, errors } = form;
  const bucketForCheck =
    kind === "s3"
      ? state.bucketName
      : kind === "firehose" && state.firehoseTarget === "s3" && state.s3BucketMode === "create"
        ? state.s3BucketName
        : kind === "firehose" && state.firehoseTarget === "http" && state.backupMode === "create"
          ? state.backupBucketName
          : "";
  const bucketPath =
    kind === "s3"
      ? "bucket.name"
      : state.firehoseTarget === "s3"
        ? "target.bucket.name"
        : "target.backupBucket.name";
  const availability = useBucketAvailability(
    form.pool.id,
    bucketForCheck.trim(),
    bucketForCheck !== "" && !errors.has(bucketPath),
  );
  return bucketForCheck === "" || errors.has(bucketPath) ? undefined : availability.data ? (
    <span className={availability.data.state === "taken" ? "field-error" : "field-ok"}>
      {availability.data.message}
    </span>
  ) : availability.isFetching ? (
    "Checking the name…"
  ) : undefined;
}
