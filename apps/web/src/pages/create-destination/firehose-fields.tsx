/**
 * The Firehose stream's part of the configure step: where the stream sends records (an HTTP endpoint
 * with a bucket for refused records, or an S3 bucket), each bucket new or existing, and buffering.
 */
import { COMPRESSION_FORMATS, HTTP_PRESET_ACCESS_KEY_HINTS, type HttpEndpointPreset } from "@clc/domain";
import type { ReactNode } from "react";
import { ApiActivityOption } from "./api-activity.tsx";
import { BUCKET_NAMES_ARE_GLOBAL, ChoiceField, TextField } from "./creation-fields.tsx";
import { type BucketMode, endpointUrl } from "./form-state.ts";
import type { CreationForm } from "./use-creation-form.ts";

const PRESETS: readonly HttpEndpointPreset[] = ["openobserve", "sumologic", "generic"];
const PRESET_LABELS: Readonly<Record<HttpEndpointPreset, string>> = {
  openobserve: "OpenObserve",
  sumologic: "Sumo Logic",
  generic: "Other HTTPS endpoint",
};

/** A bucket the run creates (its name checked for availability) or one of the account's, in the pool's region. */
function BucketChoice({
  form,
  modeKey,
  nameKey,
  path,
  legend,
  availabilityHint,
}: {
  form: CreationForm;
  modeKey: "s3BucketMode" | "backupMode";
  nameKey: "s3BucketName" | "backupBucketName";
  path: string;
  legend: string;
  availabilityHint: ReactNode;
}) {
  const { id, state, locked, update } = form;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="radio-list">
        {(["create", "existing"] as BucketMode[]).map((mode) => (
          <label key={mode} className="radio-option">
            <input
              type="radio"
              name={`${id}-${modeKey}`}
              value={mode}
              checked={state[modeKey] === mode}
              disabled={locked}
              onChange={() => update({ [modeKey]: mode })}
            />
            {mode === "create" ? "Create a new bucket" : "Use an existing bucket"}
          </label>
        ))}
      </div>
      <TextField
        form={form}
        name={nameKey}
        path={path}
        label="Bucket name"
        hint={
          state[modeKey] === "create"
            ? (availabilityHint ?? BUCKET_NAMES_ARE_GLOBAL)
            : `Must be in ${form.pool.region}.`
        }
      />
    </fieldset>
  );
}

export function FirehoseFields({
  form,
  availabilityHint,
}: {
  form: CreationForm;
  availabilityHint: ReactNode;
}) {
  const { id, state, locked, update } = form;
  return (
    <>
      <TextField form={form} name="streamName" label="Stream name" />
      <fieldset>
        <legend>Where the stream sends records</legend>
        <div className="radio-list">
          {(["http", "s3"] as const).map((target) => (
            <label key={target} className="radio-option">
              <input
                type="radio"
                name={`${id}-target`}
                value={target}
                checked={state.firehoseTarget === target}
                disabled={locked}
                onChange={() => update({ firehoseTarget: target })}
              />
              {target === "http" ? "An HTTP endpoint (OpenObserve, Sumo Logic, …)" : "An S3 bucket"}
            </label>
          ))}
        </div>
      </fieldset>
      {state.firehoseTarget === "http" ? (
        <>
          <ChoiceField form={form} name="preset" label="Service" values={PRESETS} labels={PRESET_LABELS} />
          {state.preset === "openobserve" ? (
            <>
              <TextField
                form={form}
                name="o2Host"
                path="target.url"
                label="OpenObserve host"
                hint={
                  endpointUrl(state) ? (
                    <span className="mono">{endpointUrl(state)}</span>
                  ) : (
                    "e.g. api.openobserve.ai"
                  )
                }
              />
              <TextField
                form={form}
                name="o2Organization"
                path="target.url.organization"
                label="Organization"
              />
              <TextField form={form} name="o2Stream" path="target.url.stream" label="OpenObserve stream" />
            </>
          ) : (
            <TextField
              form={form}
              name="url"
              path="target.url"
              label={state.preset === "sumologic" ? "Sumo Logic HTTP source URL" : "Endpoint URL (https)"}
              type="url"
            />
          )}
          <TextField
            form={form}
            name="accessKey"
            path="target.accessKey"
            label="Access key"
            type="password"
            autoComplete="new-password"
            hint={`${HTTP_PRESET_ACCESS_KEY_HINTS[state.preset]} Sent to AWS once when the stream is created; never shown again or written to any log.`}
          />
          <BucketChoice
            form={form}
            modeKey="backupMode"
            nameKey="backupBucketName"
            path="target.backupBucket.name"
            legend="Bucket for records the endpoint refuses"
            availabilityHint={availabilityHint}
          />
        </>
      ) : (
        <>
          <BucketChoice
            form={form}
            modeKey="s3BucketMode"
            nameKey="s3BucketName"
            path="target.bucket.name"
            legend="Bucket"
            availabilityHint={availabilityHint}
          />
          <TextField form={form} name="prefix" path="target.prefix" label="Object prefix" />
          <ChoiceField
            form={form}
            name="compression"
            label="Compression"
            values={COMPRESSION_FORMATS}
            path="target.compression"
          />
        </>
      )}
      <ApiActivityOption form={form} />
      <details>
        <summary>Buffering and role</summary>
        <TextField
          form={form}
          name="bufferingSizeMiB"
          path="target.bufferingSizeMiB"
          label="Buffer size (MiB)"
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="bufferingIntervalSeconds"
          path="target.bufferingIntervalSeconds"
          label="Buffer interval (seconds)"
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="roleName"
          label="IAM role name (optional)"
          hint={`Default: clc-firehose-${state.streamName}`}
        />
      </details>
    </>
  );
}
