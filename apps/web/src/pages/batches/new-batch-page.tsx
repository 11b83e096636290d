/**
 * A new batch (`/batches/new?<the fleet's filters>`): the pools the fleet's filter matches, and one
 * change per event source. "Plan" reads every pool and opens the review.
 */
import {
  ALLOWED_DESTINATION_KINDS,
  type BatchSourceChange,
  DESTINATION_KIND_LABELS,
  type DestinationKind,
  EVENT_SOURCE_LABELS,
  EVENT_SOURCES,
  type EventSource,
} from "@clc/domain";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCreateBatch } from "../../api/batches/mutations.ts";
import { usePoolPage } from "../../api/pools/queries.ts";
import { useCanWrite } from "../../auth/use-can-write.ts";
import { BusyButton } from "../../components/busy-button.tsx";
import { ProblemMessage } from "../../components/problem-message.tsx";
import { useDocumentTitle } from "../../components/use-document-title.ts";
import { filtersFromSearchParams, hasActiveFilters, toPoolListQuery } from "../../fleet/fleet-filters.ts";
import "./batches.css";

type Action = BatchSourceChange["action"];

interface SourceForm {
  action: Action;
  logGroupName: string;
  kind: DestinationKind;
  arn: string;
}

const ACTION_LABELS: Record<Action, string> = {
  keep: "Keep as each pool has it",
  "set-log-group": "Send to a log group of this name in each pool's account and region",
  set: "Send to one destination (ARN)",
  remove: "Stop exporting",
};

function toChange(form: SourceForm): BatchSourceChange {
  switch (form.action) {
    case "keep":
      return { action: "keep" };
    case "remove":
      return { action: "remove" };
    case "set-log-group":
      return { action: "set-log-group", logGroupName: form.logGroupName.trim() };
    case "set":
      return { action: "set", destination: { kind: form.kind, arn: form.arn.trim() } };
  }
}

function SourceFields({
  source,
  form,
  onChange,
}: {
  source: EventSource;
  form: SourceForm;
  onChange: (form: SourceForm) => void;
}) {
  const id = `batch-${source}`;
  const kinds = ALLOWED_DESTINATION_KINDS[source];
  return (
    <fieldset>
      <legend>{EVENT_SOURCE_LABELS[source]}</legend>
      {(Object.keys(ACTION_LABELS) as Action[]).map((action) => (
        <label key={action}>
          <input
            type="radio"
            name={`${id}-action`}
            value={action}
            checked={form.action === action}
            onChange={() => onChange({ ...form, action })}
          />{" "}
          {ACTION_LABELS[action]}
        </label>
      ))}
      {form.action === "set-log-group" && (
        <label>
          Log group name
          <br />
          <input
            type="text"
            value={form.logGroupName}
            placeholder="/aws/vendedlogs/cognito/notifications"
            onChange={(e) => onChange({ ...form, logGroupName: e.target.value })}
          />
        </label>
      )}
      {form.action === "set" && (
        <>
          <label>
            Kind
            <br />
            <select
              value={form.kind}
              onChange={(e) => onChange({ ...form, kind: e.target.value as DestinationKind })}
            >
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {DESTINATION_KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </label>
          <label>
            ARN
            <br />
            <input
              type="text"
              value={form.arn}
              onChange={(e) => onChange({ ...form, arn: e.target.value })}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}

const EMPTY: SourceForm = { action: "keep", logGroupName: "", kind: "logGroup", arn: "" };

export function NewBatchPage() {
  useDocumentTitle("New batch");
  const [params] = useSearchParams();
  const filters = filtersFromSearchParams(params);
  const matched = usePoolPage(filters, 0, 1);
  const canWrite = useCanWrite();
  const create = useCreateBatch();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [forms, setForms] = useState<Record<EventSource, SourceForm>>({
    userNotification: { ...EMPTY, action: "set-log-group" },
    userAuthEvents: EMPTY,
  });

  const plan = () => {
    const { sort: _sort, offset: _offset, limit: _limit, ...filter } = toPoolListQuery(filters, 0, 1);
    create.mutate(
      {
        ...(title.trim() ? { title: title.trim() } : {}),
        change: {
          userNotification: toChange(forms.userNotification),
          userAuthEvents: toChange(forms.userAuthEvents),
        },
        filter,
      },
      { onSuccess: (batch) => void navigate(`/batches/${batch.id}`) },
    );
  };

  const total = matched.data?.total;
  return (
    <div className="page page-batches">
      <h1>Apply a change to many pools</h1>
      <p>
        {total === undefined
          ? "Counting the pools…"
          : `${total} ${total === 1 ? "pool" : "pools"} ${hasActiveFilters(filters) ? "match the fleet's filter" : "in the fleet"}.`}{" "}
        <Link to={`/?${params.toString()}`}>Change the selection on the fleet page</Link>
      </p>
      {!canWrite && (
        <div className="alert alert-info">
          <p>Only admins plan and apply batches.</p>
        </div>
      )}
      <form
        className="batch-change"
        onSubmit={(e) => {
          e.preventDefault();
          plan();
        }}
      >
        <label>
          Title (optional)
          <br />
          <input type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </label>
        {EVENT_SOURCES.map((source) => (
          <SourceFields
            key={source}
            source={source}
            form={forms[source]}
            onChange={(form) => setForms((all) => ({ ...all, [source]: form }))}
          />
        ))}
        <p className="muted">
          Planning reads every pool and judges the change as the single-pool review does. Nothing is written
          until you start the batch on the next page.
        </p>
        <BusyButton
          className="button button-primary"
          busy={create.isPending}
          busyLabel="Planning…"
          disabled={!canWrite || total === 0}
          onClick={plan}
        >
          Plan the batch
        </BusyButton>
      </form>
      {create.isError && <ProblemMessage error={create.error} title="Could not plan the batch" />}
    </div>
  );
}
