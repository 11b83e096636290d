/**
 * Step 1 of creating a destination, when the page is opened on its own (no editor context): say which
 * pool, which logs and which kind. Continue puts them in the URL, which opens the configure step.
 */
import {
  ALLOWED_DESTINATION_KINDS,
  DESTINATION_KIND_LABELS,
  type DestinationKind,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventSource,
  UserPoolIdSchema,
} from "@clc/domain";
import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { Field, SelectField } from "../../components/form-field.tsx";
import { StepForm } from "./creation-fields.tsx";

export function ChooseKindStep({
  kind,
  eventSource,
  poolId,
}: {
  kind: DestinationKind | null;
  eventSource: EventSource | null;
  poolId: string;
}) {
  const id = useId();
  const [, setSearchParams] = useSearchParams();
  const [pool, setPool] = useState(poolId);
  const [source, setSource] = useState<EventSource>(eventSource ?? "userAuthEvents");
  const [chosenKind, setChosenKind] = useState<DestinationKind>(kind ?? "logGroup");
  const allowed = ALLOWED_DESTINATION_KINDS[source];
  const effectiveKind = allowed.includes(chosenKind) ? chosenKind : "logGroup";
  const poolCheck = UserPoolIdSchema.safeParse(pool.trim());
  const poolError = pool.trim() === "" || poolCheck.success ? undefined : poolCheck.error.issues[0]?.message;
  return (
    <div className="page page-create-destination">
      <h1>Create a destination</h1>
      <p className="muted">
        The console creates a log group, S3 bucket or Firehose stream that can receive a pool's logs as soon
        as it is chosen.
      </p>
      <StepForm
        onSubmit={() => {
          if (!poolCheck.success) return;
          setSearchParams({ kind: effectiveKind, poolId: poolCheck.data, eventSource: source });
        }}
      >
        <Field id={`${id}-pool`} label="User pool id" error={poolError}>
          <input
            id={`${id}-pool`}
            value={pool}
            placeholder="us-east-1_AbC123"
            aria-invalid={poolError ? true : undefined}
            aria-describedby={poolError ? `${id}-pool-error` : undefined}
            onChange={(event) => setPool(event.target.value)}
          />
        </Field>
        <SelectField
          id={`${id}-source`}
          label="Logs"
          values={EVENT_SOURCES}
          labels={EVENT_SOURCE_LABELS}
          value={source}
          onChoose={(chosen) => chosen && setSource(chosen)}
        />
        <SelectField
          id={`${id}-kind`}
          label="Destination kind"
          values={allowed}
          labels={DESTINATION_KIND_LABELS}
          value={effectiveKind}
          onChoose={(chosen) => chosen && setChosenKind(chosen)}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!poolCheck.success}>
            Continue
          </button>
        </div>
      </StepForm>
    </div>
  );
}
