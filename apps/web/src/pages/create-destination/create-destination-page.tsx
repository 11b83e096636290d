/**
 * "Create new…": builds a log group, S3 bucket or Firehose stream that can receive the pool's logs
 * by construction. Reached from the editor as
 * `/destinations/new?kind=…&poolId=…&eventSource=…&returnTo=<path>` (and with `&runId=` to run a
 * failed run again); once the user has reviewed and confirmed the plan, the run has its own page
 * (`/destinations/runs/:runId`), which goes back to `returnTo?selected=<arn>` on success.
 */
import {
  ALLOWED_DESTINATION_KINDS,
  COMPRESSION_FORMATS,
  type CreationRun,
  creationFieldErrors,
  DESTINATION_KIND_LABELS,
  type DestinationKind,
  DestinationKindSchema,
  EVENT_SOURCE_LABELS,
  type EventSource,
  EventSourceSchema,
  HTTP_PRESET_ACCESS_KEY_HINTS,
  type HttpEndpointPreset,
  LOG_RETENTION_DAYS,
  UserPoolIdSchema,
} from "@clc/domain";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { usePlanDestination, useStartRun } from "../../api/destination-creation/mutations.ts";
import { useBucketAvailability, useCreationRun } from "../../api/destination-creation/queries.ts";
import { usePoolDetail } from "../../api/pools/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { PageLoading } from "../../components/page-loading.tsx";
import { PoolLoadError } from "../../components/pool-load-error.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { poolPath } from "../../editor/paths.ts";
import { consolePath } from "../../safe-path.ts";
import { NotFoundPage } from "../not-found-page.tsx";
import "./create-destination.css";
import {
  type BucketMode,
  endpointUrl,
  errorsByPath,
  type FormState,
  formStateFromRun,
  initialFormState,
  toDraft,
} from "./form-state.ts";
import { runPath } from "./run-paths.ts";
import { PlanView } from "./run-progress.tsx";

const PRESET_OPTIONS: readonly { value: HttpEndpointPreset; label: string }[] = [
  { value: "openobserve", label: "OpenObserve" },
  { value: "sumologic", label: "Sumo Logic" },
  { value: "generic", label: "Other HTTPS endpoint" },
];
const RETENTION_OPTIONS = [
  ...LOG_RETENTION_DAYS.map((days) => ({
    value: String(days),
    label: `${days} ${days === 1 ? "day" : "days"}`,
  })),
  { value: "never", label: "Forever" },
];
const COMPRESSION_OPTIONS = COMPRESSION_FORMATS.map((format) => ({ value: format, label: format }));

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((v) => v !== null);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

export function CreateDestinationPage() {
  const [searchParams] = useSearchParams();
  const kind = DestinationKindSchema.safeParse(searchParams.get("kind")).data ?? null;
  const eventSource = EventSourceSchema.safeParse(searchParams.get("eventSource")).data ?? null;
  const poolIdParsed = UserPoolIdSchema.safeParse(searchParams.get("poolId"));
  const poolId = poolIdParsed.success ? poolIdParsed.data : null;
  if (!kind || !eventSource || !poolId) {
    return (
      <ChooseWhatToCreate kind={kind} eventSource={eventSource} poolId={searchParams.get("poolId") ?? ""} />
    );
  }
  return (
    <CreateDestination
      kind={kind}
      eventSource={eventSource}
      poolId={poolId}
      returnTo={consolePath(searchParams.get("returnTo"))}
      runId={searchParams.get("runId")}
    />
  );
}

/** The page on its own (no editor context): say which pool, which logs and which kind first. */
function ChooseWhatToCreate({
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
      <form
        className="creation-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
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
        <Field id={`${id}-source`} label="Logs">
          <select
            id={`${id}-source`}
            value={source}
            onChange={(event) => setSource(event.target.value as EventSource)}
          >
            {(Object.keys(EVENT_SOURCE_LABELS) as EventSource[]).map((value) => (
              <option key={value} value={value}>
                {EVENT_SOURCE_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-kind`} label="Destination kind">
          <select
            id={`${id}-kind`}
            value={effectiveKind}
            onChange={(event) => setChosenKind(event.target.value as DestinationKind)}
          >
            {allowed.map((value) => (
              <option key={value} value={value}>
                {DESTINATION_KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={!poolCheck.success}>
            Continue
          </button>
        </div>
      </form>
    </div>
  );
}

function CreateDestination({
  kind,
  eventSource,
  poolId,
  returnTo,
  runId,
}: {
  kind: "logGroup" | "s3" | "firehose";
  eventSource: "userNotification" | "userAuthEvents";
  poolId: string;
  returnTo: string | null;
  runId: string | null;
}) {
  const detail = usePoolDetail(poolId);
  // Running a run again: its input refills the form, and the new plan is shown before anything runs.
  const earlier = useCreationRun(runId);
  if (detail.isPending || (runId !== null && earlier.isPending)) return <PageLoading what="pool" />;
  if (detail.isError) return <PoolLoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  if (earlier.isError) {
    return <ProblemMessage error={earlier.error} title="Could not load the run to run it again" />;
  }
  if (!ALLOWED_DESTINATION_KINDS[eventSource].includes(kind)) return <NotFoundPage />;
  const pool = detail.data.pool;
  const resume =
    earlier.data && earlier.data.kind === kind && earlier.data.poolId === pool.id ? earlier.data : null;
  return (
    <CreationForm
      key={`${pool.id}:${kind}:${eventSource}:${resume?.id ?? ""}`}
      kind={kind}
      eventSource={eventSource}
      pool={pool}
      returnTo={returnTo}
      resume={resume}
    />
  );
}

function CreationForm({
  kind,
  eventSource,
  pool,
  returnTo,
  resume,
}: {
  kind: "logGroup" | "s3" | "firehose";
  eventSource: "userNotification" | "userAuthEvents";
  pool: { id: string; name: string; region: string; accountId: string };
  returnTo: string | null;
  /** A failed (or cleaned) run to run again: its input refills the form. */
  resume: CreationRun | null;
}) {
  const id = useId();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const [state, setState] = useState<FormState>(() => {
    const initial = initialFormState(pool, eventSource);
    return resume ? formStateFromRun(initial, resume.input) : initial;
  });
  const [confirming, setConfirming] = useState(false);
  const plan = usePlanDestination();
  const start = useStartRun();
  // A failed run is resumed (what it made stays its own); a cleaned one is started afresh.
  const resumeId = resume?.status === "failed" ? resume.id : undefined;

  const draft = useMemo(
    () => toDraft(kind, state, pool.id, eventSource),
    [kind, state, pool.id, eventSource],
  );
  const errors = useMemo(() => errorsByPath(creationFieldErrors(draft)), [draft]);
  const valid = errors.size === 0;
  const tagError = [...errors].find(([path]) => path.startsWith("tags"))?.[1];

  const update = (patch: Partial<FormState>) => {
    setState((current) => ({ ...current, ...patch }));
    // The plan shown must match what would run.
    if (plan.data) plan.reset();
  };

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
    pool.id,
    bucketForCheck.trim(),
    bucketForCheck !== "" && !errors.has(bucketPath),
  );

  const busy = start.isPending;
  const locked = busy;
  const label = DESTINATION_KIND_LABELS[kind];
  const conflicts = plan.data?.existing.filter((check) => check.state === "conflict") ?? [];
  const startRun = () => {
    if (!plan.data) return;
    start.mutate(
      { input: draft, runId: resumeId, planToken: plan.data.token },
      {
        onSuccess: (started) => navigate(runPath(started.id, returnTo)),
        onSettled: () => setConfirming(false),
        // The plan changed under the user (or has a conflict now): show the new one, never run blind.
        onError: () => plan.mutate({ input: draft, runId: resumeId }),
      },
    );
  };

  const text = (
    name: keyof FormState,
    path: string,
    fieldLabel: string,
    options: { hint?: ReactNode; type?: string; autoComplete?: string; inputMode?: "numeric" } = {},
  ) => {
    const fieldId = `${id}-${name}`;
    const error = errors.get(path);
    return (
      <Field id={fieldId} label={fieldLabel} error={error} hint={options.hint}>
        <input
          id={fieldId}
          name={name}
          type={options.type ?? "text"}
          value={state[name]}
          disabled={locked}
          autoComplete={options.autoComplete ?? "off"}
          inputMode={options.inputMode}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(fieldId, error, options.hint !== undefined)}
          onChange={(event) => update({ [name]: event.target.value })}
        />
      </Field>
    );
  };

  const choice = <K extends "retention" | "compression" | "preset">(
    name: K,
    fieldLabel: string,
    options: readonly { value: FormState[K]; label: string }[],
    path?: string,
  ) => {
    const fieldId = `${id}-${name}`;
    return (
      <Field id={fieldId} label={fieldLabel} error={path ? errors.get(path) : undefined}>
        <select
          id={fieldId}
          value={state[name]}
          disabled={locked}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen) update({ [name]: chosen.value });
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
    );
  };

  const availabilityHint =
    bucketForCheck === "" || errors.has(bucketPath) ? undefined : availability.data ? (
      <span className={availability.data.state === "taken" ? "field-error" : "field-ok"}>
        {availability.data.message}
      </span>
    ) : availability.isFetching ? (
      "Checking the name…"
    ) : undefined;

  const bucketChoiceFields = (
    modeKey: "s3BucketMode" | "backupMode",
    nameKey: "s3BucketName" | "backupBucketName",
    path: string,
    legend: string,
  ) => (
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
      {text(nameKey, path, "Bucket name", {
        hint:
          state[modeKey] === "create"
            ? (availabilityHint ?? "Bucket names are global across all AWS accounts.")
            : `Must be in ${pool.region}.`,
      })}
    </fieldset>
  );

  return (
    <div className="page page-create-destination">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/">Fleet</Link> › <Link to={poolPath(pool.id)}>{pool.name}</Link> › New {label}
      </nav>
      <h1>
        Create {label.startsWith("S3") ? "an" : "a"} {label}
      </h1>
      <p className="muted">
        For {EVENT_SOURCE_LABELS[eventSource].toLowerCase()} of <strong>{pool.name}</strong> ({pool.id}), in{" "}
        {pool.region}. The console makes it ready to receive the logs: permissions, tags and region are set
        for you.
      </p>
      {!canWrite && (
        <p className="alert alert-warn" role="status">
          Only an admin can plan and create destinations; you can look at the form but not send it.
        </p>
      )}
      {resume && (
        <p className="alert alert-info" role="status">
          Running {resume.status === "failed" ? "again" : "anew"} what run {resume.id} was asked to create.
          Change what caused the failure, then review the new plan before it runs.
          {resume.input.target !== undefined &&
            " Secrets are never shown again: type the endpoint URL and access key again if they are empty."}
        </p>
      )}

      <form
        className="creation-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (valid && canWrite) plan.mutate({ input: draft, runId: resumeId });
        }}
      >
        {kind === "logGroup" && (
          <>
            {text("logGroupName", "logGroupName", "Log group name", {
              hint: "Log delivery's permission is attached to the log group itself, as AWS does for new deliveries: none of the account's 10 resource-policy slots is used.",
            })}
            {choice("retention", "Keep log events", RETENTION_OPTIONS, "retentionInDays")}
          </>
        )}

        {kind === "s3" && (
          <>
            {text("bucketName", "bucket.name", "Bucket name", {
              hint: availabilityHint ?? "Bucket names are global across all AWS accounts.",
            })}
            {text("expirationDays", "bucket.expirationDays", "Delete objects after (days, optional)", {
              inputMode: "numeric",
            })}
          </>
        )}

        {kind === "firehose" && (
          <>
            {text("streamName", "streamName", "Stream name")}
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
                {choice("preset", "Service", PRESET_OPTIONS)}
                {state.preset === "openobserve" ? (
                  <>
                    {text("o2Host", "target.url", "OpenObserve host", {
                      hint: endpointUrl(state) ? (
                        <span className="mono">{endpointUrl(state)}</span>
                      ) : (
                        "e.g. api.openobserve.ai"
                      ),
                    })}
                    {text("o2Organization", "target.url.organization", "Organization")}
                    {text("o2Stream", "target.url.stream", "OpenObserve stream")}
                  </>
                ) : (
                  text(
                    "url",
                    "target.url",
                    state.preset === "sumologic" ? "Sumo Logic HTTP source URL" : "Endpoint URL (https)",
                    {
                      type: "url",
                    },
                  )
                )}
                {text("accessKey", "target.accessKey", "Access key", {
                  type: "password",
                  autoComplete: "new-password",
                  hint: `${HTTP_PRESET_ACCESS_KEY_HINTS[state.preset]} Sent to AWS once when the stream is created; never shown again or written to any log.`,
                })}
                {bucketChoiceFields(
                  "backupMode",
                  "backupBucketName",
                  "target.backupBucket.name",
                  "Bucket for records the endpoint refuses",
                )}
              </>
            ) : (
              <>
                {bucketChoiceFields("s3BucketMode", "s3BucketName", "target.bucket.name", "Bucket")}
                {text("prefix", "target.prefix", "Object prefix")}
                {choice("compression", "Compression", COMPRESSION_OPTIONS, "target.compression")}
              </>
            )}
            <details>
              <summary>Buffering and role</summary>
              {text("bufferingSizeMiB", "target.bufferingSizeMiB", "Buffer size (MiB)", {
                inputMode: "numeric",
              })}
              {text(
                "bufferingIntervalSeconds",
                "target.bufferingIntervalSeconds",
                "Buffer interval (seconds)",
                {
                  inputMode: "numeric",
                },
              )}
              {text("roleName", "roleName", "IAM role name (optional)", {
                hint: `Default: clc-firehose-${state.streamName}`,
              })}
            </details>
          </>
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
      </form>

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
              {resumeId ? "Run again" : `Create ${label}`}
            </button>
          </div>
          <ConfirmDialog
            open={confirming}
            title="Change resources this run does not create?"
            confirmLabel={resumeId ? "Run again" : `Create ${label}`}
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
    </div>
  );
}
